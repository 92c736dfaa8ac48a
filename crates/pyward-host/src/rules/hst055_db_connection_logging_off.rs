pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a PostgreSQL server with `log_connections` off.
    ///
    /// ## Why is this bad?
    /// Without connection logs, a stolen password used from a new address leaves no trace, and an incident cannot be dated.
    ///
    /// ## Example
    /// ```text
    /// log_connections = off
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// log_connections = on
    /// log_disconnections = on
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: What to log](https://www.postgresql.org/docs/current/runtime-config-logging.html#RUNTIME-CONFIG-LOGGING-WHAT)
    /// - [CWE-778](https://cwe.mitre.org/data/definitions/778.html)
    pub static HST_DB_NO_CONNECTION_LOG = {
        code: "HST055",
        name: "db-connection-logging-off",
        analyzer: "host",
        summary: "the database does not log connections",
        severity: Low,
        confidence: High,
        cwe: 778,
    }
}
