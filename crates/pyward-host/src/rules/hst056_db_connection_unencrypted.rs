pyward_core::declare_rule! {
    /// ## What it does
    /// Connects as the URL says (honouring PostgreSQL's `sslmode`, MySQL's `ssl-mode`) and flags a session that ended up without TLS: `sslmode=disable` / `ssl-mode=DISABLED`, or `prefer` / `PREFERRED` (the default) against a server that refused or does not offer TLS. A connection to a local Unix socket or loopback is reported as low severity.
    ///
    /// ## Why is this bad?
    /// The URL is how the application connects: if pyward's session is in clear text, so is the application's, with its password and data.
    ///
    /// ## Example
    /// ```text
    /// DATABASE_URL=postgres://app:…@db.internal/shop?sslmode=prefer
    /// DATABASE_URL=mysql://app:…@db.internal/shop
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// DATABASE_URL=postgres://app:…@db.internal/shop?sslmode=verify-full
    /// DATABASE_URL=mysql://app:…@db.internal/shop?ssl-mode=VERIFY_IDENTITY
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: libpq SSL support](https://www.postgresql.org/docs/current/libpq-ssl.html)
    /// - [MySQL: Command options for encrypted connections](https://dev.mysql.com/doc/refman/8.0/en/connection-options.html#encrypted-connection-options)
    /// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
    pub static HST_DB_CONNECTION_PLAIN = {
        code: "HST056",
        name: "db-connection-unencrypted",
        analyzer: "host",
        summary: "the application's database connection is not encrypted",
        severity: High,
        confidence: High,
        cwe: 319,
    }
}
