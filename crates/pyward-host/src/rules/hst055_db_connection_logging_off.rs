pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a PostgreSQL server with `log_connections` off. On MySQL/MariaDB, flags a server that logs no connection at all: the general log off (or `log_output = NONE`), no audit plugin logging connections (MariaDB's `server_audit` with `CONNECT` events, the `audit_log` plugin of MySQL Enterprise and Percona with a connection policy), and failed logins not in the error log either (`log_warnings` below 2, `log_error_verbosity` below 3). A server whose audit filters cannot be read is "not checked".
    ///
    /// ## Why is this bad?
    /// Without connection logs, a stolen password used from a new address leaves no trace, and an incident cannot be dated.
    ///
    /// ## Example
    /// ```text
    /// log_connections = off
    ///
    /// # MariaDB, [mysqld]
    /// general_log = 0
    /// log_warnings = 1
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// log_connections = on
    /// log_disconnections = on
    ///
    /// # MariaDB, [mysqld]
    /// plugin_load_add = server_audit
    /// server_audit_logging = ON
    /// server_audit_events = CONNECT
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: What to log](https://www.postgresql.org/docs/current/runtime-config-logging.html#RUNTIME-CONFIG-LOGGING-WHAT)
    /// - [MariaDB: Audit plugin](https://mariadb.com/kb/en/mariadb-audit-plugin/)
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
