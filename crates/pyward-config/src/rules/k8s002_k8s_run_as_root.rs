pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `runAsUser: 0` (high) and containers with neither `runAsNonRoot: true` nor a non-zero `runAsUser` (medium). The pod-level `securityContext` counts for every container, and a container's own setting overrides it (checkov ignores the pod level).
    ///
    /// ## Why is this bad?
    /// Most images default to root. A root process escaping the container is root on the node.
    ///
    /// ## Example
    /// ```yaml
    /// containers:
    ///   - name: web
    ///     image: app:1.4
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// securityContext:
    ///   runAsNonRoot: true
    ///   runAsUser: 10001
    /// containers:
    ///   - name: web
    ///     image: app:1.4
    /// ```
    ///
    /// ## References
    /// - [Configure a security context](https://kubernetes.io/docs/tasks/configure-pod-container/security-context/)
    /// - [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
    /// - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    pub static K8S_RUN_AS_ROOT = {
        code: "K8S002",
        name: "k8s-run-as-root",
        analyzer: "config",
        summary: "A container runs, or may run, as root",
        severity: High,
        confidence: Medium,
        cwe: 250,
    }
}
