pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `EXPOSE 22`.
    ///
    /// ## Why is this bad?
    /// An SSH server in an application container adds credentials to manage and an attack surface the platform already covers (`docker exec`, `kubectl exec`).
    ///
    /// ## Example
    /// ```dockerfile
    /// EXPOSE 22 8000
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// EXPOSE 8000
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    /// - [CWE-284](https://cwe.mitre.org/data/definitions/284.html)
    pub static DKR_EXPOSE_SSH = {
        code: "DKR007",
        name: "dockerfile-expose-ssh",
        analyzer: "config",
        summary: "The image exposes port 22",
        severity: Medium,
        confidence: High,
        cwe: 284,
    }
}
