pyward_core::declare_rule! {
    /// ## What it does
    /// Flags pod specs without `automountServiceAccountToken: false`.
    ///
    /// ## Why is this bad?
    /// An attacker with code execution in the pod can use the token against the Kubernetes API; most web apps never need it.
    ///
    /// ## Example
    /// ```yaml
    /// spec:
    ///   containers: [...]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// spec:
    ///   automountServiceAccountToken: false
    /// ```
    ///
    /// ## References
    /// - [Service accounts](https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/)
    /// - [CWE-284](https://cwe.mitre.org/data/definitions/284.html)
    pub static K8S_SA_TOKEN = {
        code: "K8S011",
        name: "k8s-automount-sa-token",
        analyzer: "config",
        summary: "A pod automounts its service-account token",
        severity: Low,
        confidence: Medium,
        cwe: 284,
    }
}
