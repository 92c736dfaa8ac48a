pyward_core::declare_rule! {
    /// ## What it does
    /// Connects to the database as the application does (`pyward host --db URL`, or the URL in the variable `--db-env` names), with read-only queries, and flags a PostgreSQL role that is a superuser (`rolsuper`), or a MySQL/MariaDB account whose `SHOW GRANTS` gives it `ALL PRIVILEGES` or `SUPER` on `*.*`.
    ///
    /// ## Why is this bad?
    /// A superuser bypasses every permission check: one SQL injection in the application reads and rewrites every database on the server and runs programs on the server (`COPY … FROM PROGRAM`); on MySQL it also reads and writes the server's files (`FILE`), creates accounts and kills other sessions.
    ///
    /// ## Example
    /// ```text
    /// postgres=# \du app
    ///  Role name | Attributes
    ///  app       | Superuser
    ///
    /// -- MySQL / MariaDB
    /// GRANT ALL PRIVILEGES ON *.* TO 'app'@'%';
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// CREATE ROLE app LOGIN PASSWORD '…';
    /// GRANT CONNECT ON DATABASE shop TO app;
    /// GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO app;
    ///
    /// -- MySQL / MariaDB
    /// GRANT SELECT, INSERT, UPDATE, DELETE ON shop.* TO 'app'@'%';
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: Role attributes](https://www.postgresql.org/docs/current/role-attributes.html)
    /// - [MySQL: Privileges provided by MySQL](https://dev.mysql.com/doc/refman/8.0/en/privileges-provided.html)
    /// - [OWASP ASVS 4.0.3 V1.4 Access control architecture](https://owasp.org/www-project-application-security-verification-standard/)
    /// - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    pub static HST_DB_SUPERUSER = {
        code: "HST050",
        name: "db-role-superuser",
        analyzer: "host",
        summary: "the application's database role is a superuser",
        severity: Critical,
        confidence: High,
        cwe: 250,
    }
}
