pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `bind-address` of `0.0.0.0`, `*` or `::` in a server section, and a server section without `bind-address` (MySQL 8 listens on every interface by default).
    ///
    /// ## Why is this bad?
    /// A database reachable from the network relies on account host patterns alone; bind it to localhost or a private address.
    ///
    /// ## Example
    /// ```ini
    /// [mysqld]
    /// bind-address = 0.0.0.0
    /// ```
    ///
    /// ## Use instead
    /// ```ini
    /// [mysqld]
    /// bind-address = 127.0.0.1
    /// ```
    ///
    /// ## References
    /// - [MySQL: bind_address](https://dev.mysql.com/doc/refman/8.4/en/server-system-variables.html#sysvar_bind_address)
    /// - [CWE-668](https://cwe.mitre.org/data/definitions/668.html)
    pub static MY_BIND_ALL = {
        code: "MY001",
        name: "mysql-bind-all",
        analyzer: "config",
        summary: "MySQL/MariaDB listens on every interface",
        severity: Medium,
        confidence: High,
        cwe: 668,
    }
}
