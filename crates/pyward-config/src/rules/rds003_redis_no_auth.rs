pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a `redis.conf` without `requirepass`, an `aclfile`, or an enabled `user` with a password.
    ///
    /// ## Why is this bad?
    /// Anyone who reaches the port can read and change every key and, through `CONFIG`, the server itself.
    ///
    /// ## Example
    /// ```text
    /// # no requirepass
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// aclfile /etc/redis/users.acl
    /// ```
    ///
    /// ## References
    /// - [Redis ACL](https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/)
    /// - [CWE-306: Missing Authentication for Critical Function](https://cwe.mitre.org/data/definitions/306.html)
    pub static RDS_NO_AUTH = {
        code: "RDS003",
        name: "redis-no-auth",
        analyzer: "config",
        summary: "Redis has no password or ACL users",
        severity: High,
        confidence: Medium,
        cwe: 306,
    }
}
