pyward_core::declare_rule! {
    /// ## What it does
    /// Flags Deployments, StatefulSets, DaemonSets and ReplicaSets whose pod labels no NetworkPolicy in the scanned manifests selects (same namespace; `matchLabels` and `matchExpressions`; an empty selector selects every pod).
    ///
    /// ## Why is this bad?
    /// Without a policy, every pod in the cluster can reach the app and everything it can reach: one compromised pod becomes lateral movement to the database.
    ///
    /// ## Example
    /// ```yaml
    /// kind: Deployment
    /// metadata: {name: web}
    /// # and no NetworkPolicy
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// kind: NetworkPolicy
    /// spec:
    ///   podSelector:
    ///     matchLabels: {app: web}
    ///   policyTypes: [Ingress]
    /// ```
    ///
    /// ## References
    /// - [Network policies](https://kubernetes.io/docs/concepts/services-networking/network-policies/)
    /// - [CWE-284](https://cwe.mitre.org/data/definitions/284.html)
    pub static K8S_NO_NETWORK_POLICY = {
        code: "K8S012",
        name: "k8s-no-network-policy",
        analyzer: "config",
        summary: "No NetworkPolicy selects a workload's pods",
        severity: Medium,
        confidence: Medium,
        cwe: 284,
    }
}
