pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a PostgreSQL server whose `password_encryption` is `md5`, or whose `pg_hba.conf` rules in effect use `md5` or `password` authentication.
    ///
    /// ## Why is this bad?
    /// MD5 password hashes are fast to brute-force, and a stolen hash is enough to log in with the MD5 method. SCRAM-SHA-256 stores salted, iterated verifiers and never sends the password.
    ///
    /// ## Example
    /// ```text
    /// password_encryption = md5
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// password_encryption = scram-sha-256
    /// -- then reset every role's password
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: Password authentication](https://www.postgresql.org/docs/current/auth-password.html)
    /// - [CWE-916](https://cwe.mitre.org/data/definitions/916.html)
    pub static HST_DB_MD5 = {
        code: "HST054",
        name: "db-md5-passwords",
        analyzer: "host",
        summary: "the database stores passwords as MD5 hashes",
        severity: Medium,
        confidence: High,
        cwe: 916,
    }
}
