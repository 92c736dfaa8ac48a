pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `env` entries with a literal `value` that looks like a secret (by name or value). Values are never printed.
    ///
    /// ## Why is this bad?
    /// Manifests are committed and readable by anyone with `get` on the workload; Secrets can be access-controlled, encrypted at rest and rotated.
    ///
    /// ## Example
    /// ```yaml
    /// env:
    ///   - name: DB_PASSWORD
    ///     value: hunter2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// env:
    ///   - name: DB_PASSWORD
    ///     valueFrom:
    ///       secretKeyRef: {name: db, key: password}
    /// ```
    ///
    /// ## References
    /// - [Kubernetes Secrets](https://kubernetes.io/docs/concepts/configuration/secret/)
    /// - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    pub static K8S_LITERAL_SECRET = {
        code: "K8S010",
        name: "k8s-literal-secret",
        analyzer: "config",
        summary: "A container's env holds a literal secret",
        severity: High,
        confidence: Medium,
        cwe: 798,
    }
}
