pyward_core::declare_rule! {
    /// ## What it does
    /// Flags services without `read_only: true`.
    ///
    /// ## Why is this bad?
    /// A read-only root filesystem stops an attacker who gets code execution from modifying the application or dropping tools; writable paths can be given explicitly with `tmpfs` or volumes.
    ///
    /// ## Example
    /// ```yaml
    /// web:
    ///   image: app:1.4
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// web:
    ///   image: app:1.4
    ///   read_only: true
    ///   tmpfs: [/tmp]
    /// ```
    ///
    /// ## References
    /// - [Compose: read_only](https://docs.docker.com/reference/compose-file/services/#read_only)
    /// - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    pub static CMP_NO_READ_ONLY = {
        code: "CMP006",
        name: "compose-writable-root",
        analyzer: "config",
        summary: "A compose service has a writable root filesystem",
        severity: Low,
        confidence: Low,
        cwe: 732,
    }
}
