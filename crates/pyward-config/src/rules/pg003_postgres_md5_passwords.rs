pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `password_encryption = md5`.
    ///
    /// ## Why is this bad?
    /// MD5 password hashes are fast to crack and the md5 protocol is replayable; scram-sha-256 is the default since PostgreSQL 14.
    ///
    /// ## Example
    /// ```text
    /// password_encryption = md5
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// password_encryption = scram-sha-256
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: password authentication](https://www.postgresql.org/docs/current/auth-password.html)
    /// - [CWE-916: Use of Password Hash With Insufficient Computational Effort](https://cwe.mitre.org/data/definitions/916.html)
    pub static PG_MD5_ENCRYPTION = {
        code: "PG003",
        name: "postgres-md5-passwords",
        analyzer: "config",
        summary: "PostgreSQL stores passwords as MD5",
        severity: Medium,
        confidence: High,
        cwe: 916,
    }
}
