pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `hostPath` volumes.
    ///
    /// ## Why is this bad?
    /// hostPath mounts expose the node's filesystem; writing to the right path is a node compromise.
    ///
    /// ## Example
    /// ```yaml
    /// volumes:
    ///   - name: logs
    ///     hostPath:
    ///       path: /var/log
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// volumes:
    ///   - name: logs
    ///     emptyDir: {}
    /// ```
    ///
    /// ## References
    /// - [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
    /// - [CWE-668](https://cwe.mitre.org/data/definitions/668.html)
    pub static K8S_HOST_PATH = {
        code: "K8S007",
        name: "k8s-host-path",
        analyzer: "config",
        summary: "A pod mounts a hostPath volume",
        severity: Medium,
        confidence: High,
        cwe: 668,
    }
}
