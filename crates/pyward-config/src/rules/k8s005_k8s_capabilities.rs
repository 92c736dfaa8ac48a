pyward_core::declare_rule! {
    /// ## What it does
    /// Flags containers without `capabilities.drop: [ALL]`, and containers adding `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`, `SYS_MODULE`, `DAC_READ_SEARCH` or `ALL`.
    ///
    /// ## Why is this bad?
    /// The default capability set (`NET_RAW`, `CHOWN`, `SETUID`…) is more than a web app needs and helps an attacker escalate.
    ///
    /// ## Example
    /// ```yaml
    /// securityContext: {}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// securityContext:
    ///   capabilities:
    ///     drop: [ALL]
    /// ```
    ///
    /// ## References
    /// - [Configure a security context](https://kubernetes.io/docs/tasks/configure-pod-container/security-context/)
    /// - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    pub static K8S_CAPABILITIES = {
        code: "K8S005",
        name: "k8s-capabilities",
        analyzer: "config",
        summary: "A container keeps Linux capabilities",
        severity: Medium,
        confidence: High,
        cwe: 250,
    }
}
