pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a PostgreSQL server with `ssl = off`, or whose `pg_hba.conf` rules in effect accept `host` (not only `hostssl`) connections from other machines. When the rules in effect cannot be read with the application's role, the check says "not checked". On MySQL/MariaDB: a server that offers no TLS in its greeting (`have_ssl = DISABLED`), or has `require_secure_transport = OFF` while the account has no `REQUIRE SSL`/`X509` (read from `SHOW CREATE USER`; the message says when that could not be read). On both, a server that refuses TLS when the URL requires it.
    ///
    /// ## Why is this bad?
    /// Without TLS the password exchange and every query and result cross the network in clear text, readable and alterable by anyone on the path.
    ///
    /// ## Example
    /// ```text
    /// # pg_hba.conf
    /// host  all  all  10.0.0.0/8  scram-sha-256
    ///
    /// # my.cnf, [mysqld]
    /// require_secure_transport = OFF
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # postgresql.conf
    /// ssl = on
    /// # pg_hba.conf
    /// hostssl  all  all  10.0.0.0/8  scram-sha-256
    ///
    /// # my.cnf, [mysqld]
    /// ssl_cert = /etc/mysql/server.crt
    /// ssl_key = /etc/mysql/server.key
    /// require_secure_transport = ON
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: Secure TCP/IP connections with SSL](https://www.postgresql.org/docs/current/ssl-tcp.html)
    /// - [MySQL: Configuring encrypted connections](https://dev.mysql.com/doc/refman/8.0/en/using-encrypted-connections.html)
    /// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
    pub static HST_DB_TLS_NOT_REQUIRED = {
        code: "HST053",
        name: "db-tls-not-required",
        analyzer: "host",
        summary: "the database server does not require encrypted connections",
        severity: High,
        confidence: High,
        cwe: 319,
    }
}
