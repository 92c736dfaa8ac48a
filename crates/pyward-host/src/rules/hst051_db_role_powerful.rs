pyward_core::declare_rule! {
    /// ## What it does
    /// Flags an application role with PostgreSQL's `CREATEROLE`, `CREATEDB`, `REPLICATION` or `BYPASSRLS` attributes, or a MySQL/MariaDB account with administrative global privileges: `CREATE USER`, `GRANT OPTION`, `FILE`, `PROCESS`, `SHUTDOWN`, `RELOAD`, `REPLICATION SLAVE`/`REPLICATION CLIENT` (and MariaDB's and MySQL 8's finer names such as `BINLOG ADMIN` or `SYSTEM_VARIABLES_ADMIN`), or write access to the `mysql` schema. The message lists what was granted.
    ///
    /// ## Why is this bad?
    /// An application needs none of these to serve requests. `CREATEROLE` lets an injected query create a new login with any non-superuser rights, `REPLICATION` streams a copy of every database, `BYPASSRLS` turns off row-level security. On MySQL `FILE` reads any file the server can read (`LOAD_FILE`) and writes new ones, `PROCESS` shows every session's statements, `GRANT OPTION` and `CREATE USER` hand out rights, `REPLICATION SLAVE` streams every change.
    ///
    /// ## Example
    /// ```text
    /// CREATE ROLE app LOGIN CREATEDB CREATEROLE;
    ///
    /// -- MySQL / MariaDB
    /// GRANT FILE, PROCESS ON *.* TO 'app'@'%';
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// ALTER ROLE app NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
    ///
    /// -- MySQL / MariaDB
    /// REVOKE FILE, PROCESS ON *.* FROM 'app'@'%';
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: Role attributes](https://www.postgresql.org/docs/current/role-attributes.html)
    /// - [MySQL: Privileges provided by MySQL](https://dev.mysql.com/doc/refman/8.0/en/privileges-provided.html)
    /// - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    pub static HST_DB_POWERFUL = {
        code: "HST051",
        name: "db-role-powerful",
        analyzer: "host",
        summary: "the application's database role can create roles or databases, replicate, bypass row security or administer the server",
        severity: High,
        confidence: High,
        cwe: 269,
    }
}
