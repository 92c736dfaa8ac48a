pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `host` and `hostnossl` records for non-loopback addresses; use `hostssl`.
    ///
    /// ## Why is this bad?
    /// A `host` record accepts connections with or without TLS, so credentials and data may cross the network in clear text.
    ///
    /// ## Example
    /// ```text
    /// host app app 10.0.0.0/8 scram-sha-256
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// hostssl app app 10.0.0.0/8 scram-sha-256
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: pg_hba.conf](https://www.postgresql.org/docs/current/auth-pg-hba-conf.html)
    /// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
    pub static PG_NO_HOSTSSL = {
        code: "PG006",
        name: "pg-hba-host-without-ssl",
        analyzer: "config",
        summary: "pg_hba.conf accepts unencrypted remote connections",
        severity: Medium,
        confidence: High,
        cwe: 319,
    }
}
