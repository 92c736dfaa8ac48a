pyward_core::declare_rule! {
    /// ## What it does
    /// Flags an application role that owns the database or a schema (other than its own per-user schema), or may `CREATE` in the database or in a schema it uses, which gives it DDL rights (drop and alter tables) it does not need at run time. On MySQL/MariaDB: an account granted `CREATE`, `DROP`, `ALTER`, `INDEX`, `REFERENCES`, `CREATE VIEW`, `CREATE ROUTINE`, `ALTER ROUTINE`, `TRIGGER` or `EVENT` on `*.*` or on the URL's database (`` `shop`.* ``, wildcard patterns included); the message lists them.
    ///
    /// ## Why is this bad?
    /// An owner can drop or alter every table: an injection that reaches DDL destroys data or plants triggers. Migrations can run under a separate owner role, and the running application under a role with data rights only.
    ///
    /// ## Example
    /// ```text
    /// ALTER SCHEMA public OWNER TO app;
    ///
    /// -- MySQL / MariaDB
    /// GRANT ALL PRIVILEGES ON shop.* TO 'app'@'%';
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// -- migrations as `shop_owner`, the app as `app`:
    /// GRANT USAGE ON SCHEMA public TO app;
    /// GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO app;
    ///
    /// -- MySQL / MariaDB: migrations as 'shop_owner', the app as 'app':
    /// GRANT SELECT, INSERT, UPDATE, DELETE ON shop.* TO 'app'@'%';
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: Schemas and privileges](https://www.postgresql.org/docs/current/ddl-schemas.html#DDL-SCHEMAS-PRIV)
    /// - [MySQL: GRANT statement](https://dev.mysql.com/doc/refman/8.0/en/grant.html)
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
