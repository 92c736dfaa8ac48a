pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a PostgreSQL server whose `password_encryption` is `md5`, or whose `pg_hba.conf` rules in effect use `md5` or `password` authentication. MySQL has no MD5 passwords; its analogue is the hash behind the plugin that authenticated the application's account: `mysql_native_password` (an unsalted double SHA-1; reported as low severity, since it is MariaDB's default and MySQL only deprecated it in 8.0.34), `mysql_old_password` (the broken pre-4.1 hash; high), and a server with `old_passwords` on (high).
    ///
    /// ## Why is this bad?
    /// MD5 password hashes are fast to brute-force, and a stolen hash is enough to log in with the MD5 method. SCRAM-SHA-256 stores salted, iterated verifiers and never sends the password. MySQL's `mysql_native_password` hash has no salt: equal passwords have equal hashes, precomputed tables apply, and a stolen hash plus one recorded login yields a working credential; MySQL's `caching_sha2_password` stores salted, iterated SHA-256 hashes (MariaDB 11.6+: `parsec`).
    ///
    /// ## Example
    /// ```text
    /// password_encryption = md5
    ///
    /// -- MySQL / MariaDB
    /// CREATE USER 'app'@'%' IDENTIFIED WITH mysql_native_password BY '…';
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// password_encryption = scram-sha-256
    /// -- then reset every role's password
    ///
    /// -- MySQL 8
    /// ALTER USER 'app'@'%' IDENTIFIED WITH caching_sha2_password BY '…';
    /// ```
    ///
    /// ## References
    /// - [PostgreSQL: Password authentication](https://www.postgresql.org/docs/current/auth-password.html)
    /// - [MySQL: Native pluggable authentication](https://dev.mysql.com/doc/refman/8.0/en/native-pluggable-authentication.html)
    /// - [CWE-916](https://cwe.mitre.org/data/definitions/916.html)
    pub static HST_DB_MD5 = {
        code: "HST054",
        name: "db-md5-passwords",
        analyzer: "host",
        summary: "the database stores passwords as MD5 or other weak hashes",
        severity: Medium,
        confidence: High,
        cwe: 916,
    }
}
