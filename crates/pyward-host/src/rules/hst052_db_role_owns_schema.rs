pyward_core::declare_rule! {
    /// ## What it does
    /// Flags an application role that owns the database or a schema (other than its own per-user schema), or may `CREATE` in the database or in a schema it uses, which gives it DDL rights (drop and alter tables) it does not need at run time.
    ///
    /// ## Why is this bad?
    /// An owner can drop or alter every table: an injection that reaches DDL destroys data or plants triggers. Migrations can run under a separate owner role, and the running application under a role with data rights only.
    ///
    /// ## Example
    /// ```text
    /// ALTER SCHEMA public OWNER TO app;
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// -- migrations as `shop_owner`, the app as `app`:
    /// GRANT USAGE ON SCHEMA public TO app;
    /// GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO app;
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: Schemas and privileges](https://www.postgresql.org/docs/current/ddl-schemas.html#DDL-SCHEMAS-PRIV)
    /// - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    pub static HST_DB_OWNS_SCHEMA = {
        code: "HST052",
        name: "db-role-owns-schema",
        analyzer: "host",
        summary: "the application's role owns its schema or can create objects in it",
        severity: Medium,
        confidence: Medium,
        cwe: 250,
    }
}
