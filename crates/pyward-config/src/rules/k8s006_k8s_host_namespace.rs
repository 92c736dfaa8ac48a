pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `hostNetwork`, `hostPID` or `hostIPC` set to `true`.
    ///
    /// ## Why is this bad?
    /// Sharing host namespaces lets the pod see and talk to every process and port on the node.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   hostNetwork: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   hostNetwork: false
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
    /// - [CWE-668](https://cwe.mitre.org/data/definitions/668.html)
    pub static K8S_HOST_NAMESPACE = {
        code: "K8S006",
        name: "k8s-host-namespace",
        analyzer: "config",
        summary: "A pod shares the node's network, PID or IPC namespace",
        severity: High,
        confidence: High,
        cwe: 668,
    }
}
