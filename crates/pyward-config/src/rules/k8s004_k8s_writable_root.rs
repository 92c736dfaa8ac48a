pyward_core::declare_rule! {
    /// ## What it does
    /// Flags containers without `readOnlyRootFilesystem: true`.
    ///
    /// ## Why is this bad?
    /// A read-only root filesystem stops an attacker from modifying the application or installing tools; give writable paths with `emptyDir` volumes.
    ///
    /// ## Example
    /// ```yaml
    /// securityContext: {}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// securityContext:
    ///   readOnlyRootFilesystem: true
    /// ```
    ///
    /// ## References
    /// - [Configure a security context](https://kubernetes.io/docs/tasks/configure-pod-container/security-context/)
    /// - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    pub static K8S_WRITABLE_ROOT = {
        code: "K8S004",
        name: "k8s-writable-root",
        analyzer: "config",
        summary: "A container has a writable root filesystem",
        severity: Low,
        confidence: High,
        cwe: 732,
    }
}
