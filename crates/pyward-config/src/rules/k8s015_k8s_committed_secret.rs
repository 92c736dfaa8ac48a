pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a committed `kind: Secret` manifest whose `data` or `stringData` holds values
    /// (values that are empty or `${VAR}`-style placeholders are not reported). The values are
    /// never printed.
    ///
    /// ## Why is this bad?
    /// `data` is base64, which is an encoding, not encryption: anyone who can read the
    /// repository can read the secret, and it stays in the git history after it is rotated.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: v1
    /// kind: Secret
    /// metadata: {name: db}
    /// data:
    ///   password: aHVudGVyMg==
    /// ```
    ///
    /// ## Use instead
    /// Keep the secret out of the repository: create it at deploy time, or commit it encrypted
    /// (Sealed Secrets, SOPS) or as a reference (External Secrets Operator).
    ///
    /// ## References
    /// - [Kubernetes: Secrets good practices](https://kubernetes.io/docs/concepts/security/secrets-good-practices/)
    /// - [CWE-312](https://cwe.mitre.org/data/definitions/312.html)
    pub static K8S_COMMITTED_SECRET = {
        code: "K8S015",
        name: "k8s-committed-secret",
        analyzer: "config",
        summary: "A Secret manifest with its values is committed (base64 is not encryption)",
        severity: High,
        confidence: Medium,
        cwe: 312,
    }
}
