pyward_core::declare_rule! {
    /// ## What it does
    /// Flags records for `0.0.0.0/0`, `::/0` or `all` that are not `reject`.
    ///
    /// ## Why is this bad?
    /// Any host on the internet can try to log in; combined with a weak password or method it is a data breach.
    ///
    /// ## Example
    /// ```text
    /// hostssl all all 0.0.0.0/0 scram-sha-256
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// hostssl app app 10.0.1.0/24 scram-sha-256
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: pg_hba.conf](https://www.postgresql.org/docs/current/auth-pg-hba-conf.html)
    /// - [CWE-284](https://cwe.mitre.org/data/definitions/284.html)
    pub static PG_OPEN_ADDRESS = {
        code: "PG007",
        name: "pg-hba-open-address",
        analyzer: "config",
        summary: "pg_hba.conf accepts connections from any address",
        severity: High,
        confidence: High,
        cwe: 284,
    }
}
