pyward_core::declare_rule! {
    /// ## What it does
    /// Flags records with the `trust` method (critical for remote addresses, high for local sockets and loopback).
    ///
    /// ## Why is this bad?
    /// `trust` lets anyone who can connect log in as any role, including the superuser.
    ///
    /// ## Example
    /// ```text
    /// host all all 10.0.0.0/8 trust
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// hostssl all all 10.0.0.0/8 scram-sha-256
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: pg_hba.conf](https://www.postgresql.org/docs/current/auth-pg-hba-conf.html)
    /// - [CWE-287: Improper Authentication](https://cwe.mitre.org/data/definitions/287.html)
    pub static PG_TRUST = {
        code: "PG004",
        name: "pg-hba-trust",
        analyzer: "config",
        summary: "pg_hba.conf trusts connections without a password",
        severity: Critical,
        confidence: High,
        cwe: 287,
    }
}
