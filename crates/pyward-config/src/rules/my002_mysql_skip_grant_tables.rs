pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `skip-grant-tables` in a server section.
    ///
    /// ## Why is this bad?
    /// The server skips all authentication and privilege checks: anyone who connects is superuser.
    ///
    /// ## Example
    /// ```ini
    /// [mysqld]
    /// skip-grant-tables
    /// ```
    ///
    /// ## Use instead
    /// ```ini
    /// [mysqld]
    /// # removed after the password reset
    /// ```
    ///
    /// ## References
    /// - [MySQL: skip-grant-tables](https://dev.mysql.com/doc/refman/8.4/en/server-options.html#option_mysqld_skip-grant-tables)
    /// - [CWE-306](https://cwe.mitre.org/data/definitions/306.html)
    pub static MY_SKIP_GRANT_TABLES = {
        code: "MY002",
        name: "mysql-skip-grant-tables",
        analyzer: "config",
        summary: "MySQL/MariaDB runs with skip-grant-tables",
        severity: Critical,
        confidence: High,
        cwe: 306,
    }
}
