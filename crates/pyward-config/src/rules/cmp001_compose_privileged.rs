pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `privileged: true`.
    ///
    /// ## Why is this bad?
    /// A privileged container has every capability and every host device: it is root on the host.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   web:
    ///     privileged: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     cap_drop: [ALL]
    /// ```
    ///
    /// ## References
    /// - [Compose: privileged](https://docs.docker.com/reference/compose-file/services/#privileged)
    /// - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    pub static CMP_PRIVILEGED = {
        code: "CMP001",
        name: "compose-privileged",
        analyzer: "config",
        summary: "A compose service runs privileged",
        severity: High,
        confidence: High,
        cwe: 250,
    }
}
