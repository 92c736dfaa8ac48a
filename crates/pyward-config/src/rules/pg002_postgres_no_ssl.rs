pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `ssl = off` or unset when `listen_addresses` includes a non-loopback address.
    ///
    /// ## Why is this bad?
    /// Passwords and data cross the network in clear text.
    ///
    /// ## Example
    /// ```text
    /// listen_addresses = '10.0.0.5'
    /// ssl = off
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// listen_addresses = '10.0.0.5'
    /// ssl = on
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: SSL](https://www.postgresql.org/docs/current/ssl-tcp.html)
    /// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
    pub static PG_NO_SSL = {
        code: "PG002",
        name: "postgres-no-ssl",
        analyzer: "config",
        summary: "PostgreSQL listens beyond localhost without TLS",
        severity: Medium,
        confidence: High,
        cwe: 319,
    }
}
