pyward_core::declare_rule! {
    /// ## What it does
    /// Flags records with `md5` (medium) or `password` (cleartext; high for remote addresses).
    ///
    /// ## Why is this bad?
    /// `password` sends the password in clear; `md5` uses weak, replayable hashes. Use `scram-sha-256`.
    ///
    /// ## Example
    /// ```text
    /// host app app 10.0.0.0/8 md5
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// hostssl app app 10.0.0.0/8 scram-sha-256
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: pg_hba.conf](https://www.postgresql.org/docs/current/auth-pg-hba-conf.html)
    /// - [CWE-916](https://cwe.mitre.org/data/definitions/916.html)
    pub static PG_WEAK_AUTH = {
        code: "PG005",
        name: "pg-hba-weak-auth",
        analyzer: "config",
        summary: "pg_hba.conf uses md5 or cleartext password authentication",
        severity: Medium,
        confidence: High,
        cwe: 916,
    }
}
