pyward_core::declare_rule! {
    /// ## What it does
    /// Flags an application role with PostgreSQL's `CREATEROLE`, `CREATEDB`, `REPLICATION` or `BYPASSRLS` attributes.
    ///
    /// ## Why is this bad?
    /// An application needs none of these to serve requests. `CREATEROLE` lets an injected query create a new login with any non-superuser rights, `REPLICATION` streams a copy of every database, `BYPASSRLS` turns off row-level security.
    ///
    /// ## Example
    /// ```text
    /// CREATE ROLE app LOGIN CREATEDB CREATEROLE;
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// ALTER ROLE app NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: Role attributes](https://www.postgresql.org/docs/current/role-attributes.html)
    /// - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    pub static HST_DB_POWERFUL = {
        code: "HST051",
        name: "db-role-powerful",
        analyzer: "host",
        summary: "the application's database role can create roles or databases, replicate or bypass row security",
        severity: High,
        confidence: High,
        cwe: 269,
    }
}
