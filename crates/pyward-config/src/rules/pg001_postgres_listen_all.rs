pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `listen_addresses` containing `*` or `0.0.0.0`.
    ///
    /// ## Why is this bad?
    /// A database reachable from the network relies on pg_hba.conf alone; bind it to localhost or a private address.
    ///
    /// ## Example
    /// ```text
    /// listen_addresses = '*'
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// listen_addresses = 'localhost'
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: listen_addresses](https://www.postgresql.org/docs/current/runtime-config-connection.html)
    /// - [CWE-668](https://cwe.mitre.org/data/definitions/668.html)
    pub static PG_LISTEN_ALL = {
        code: "PG001",
        name: "postgres-listen-all",
        analyzer: "config",
        summary: "PostgreSQL listens on every interface",
        severity: Medium,
        confidence: High,
        cwe: 668,
    }
}
