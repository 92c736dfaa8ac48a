pyward_core::declare_rule! {
    /// ## What it does
    /// Flags containers without `resources.limits.cpu` or `resources.limits.memory`.
    ///
    /// ## Why is this bad?
    /// One runaway or attacked pod can starve everything else on the node.
    ///
    /// ## Example
    /// ```yaml
    /// resources: {}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// resources:
    ///   limits:
    ///     cpu: "1"
    ///     memory: 512Mi
    /// ```
    ///
    /// ## References
    /// - [Resource management](https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/)
    /// - [CWE-770](https://cwe.mitre.org/data/definitions/770.html)
    pub static K8S_NO_LIMITS = {
        code: "K8S009",
        name: "k8s-no-resource-limits",
        analyzer: "config",
        summary: "A container has no CPU or memory limit",
        severity: Low,
        confidence: High,
        cwe: 770,
    }
}
