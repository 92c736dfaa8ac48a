pyward_core::declare_rule! {
    /// ## What it does
    /// Connects as the URL says (honouring `sslmode`) and flags a session that ended up without TLS: `sslmode=disable`, or `prefer` against a server that refused TLS. A connection to a local Unix socket or loopback is reported as low severity.
    ///
    /// ## Why is this bad?
    /// The URL is how the application connects: if pyward's session is in clear text, so is the application's, with its password and data.
    ///
    /// ## Example
    /// ```text
    /// DATABASE_URL=postgres://app:…@db.internal/shop?sslmode=prefer
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// DATABASE_URL=postgres://app:…@db.internal/shop?sslmode=verify-full
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: libpq SSL support](https://www.postgresql.org/docs/current/libpq-ssl.html)
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
