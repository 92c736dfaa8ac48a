pyward_core::declare_rule! {
    /// ## What it does
    /// Flags containers without `allowPrivilegeEscalation: false`.
    ///
    /// ## Why is this bad?
    /// Without it, setuid binaries in the image can raise a process's privileges.
    ///
    /// ## Example
    /// ```yaml
    /// securityContext: {}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// securityContext:
    ///   allowPrivilegeEscalation: false
    /// ```
    ///
    /// ## References
    /// - [Configure a security context](https://kubernetes.io/docs/tasks/configure-pod-container/security-context/)
    /// - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    pub static K8S_PRIVILEGE_ESCALATION = {
        code: "K8S003",
        name: "k8s-privilege-escalation",
        analyzer: "config",
        summary: "A container does not forbid privilege escalation",
        severity: Medium,
        confidence: High,
        cwe: 269,
    }
}
