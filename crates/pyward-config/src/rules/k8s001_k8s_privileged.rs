pyward_core::declare_rule! {
    /// ## What it does
    /// Flags containers with `securityContext.privileged: true`.
    ///
    /// ## Why is this bad?
    /// A privileged container has all capabilities and host devices: it is root on the node.
    ///
    /// ## Example
    /// ```yaml
    /// securityContext:
    ///   privileged: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// securityContext:
    ///   privileged: false
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
    /// - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    pub static K8S_PRIVILEGED = {
        code: "K8S001",
        name: "k8s-privileged",
        analyzer: "config",
        summary: "A container is privileged",
        severity: High,
        confidence: High,
        cwe: 250,
    }
}
