pyward_core::declare_rule! {
    /// ## What it does
    /// Connects to each Redis listener on this host through loopback (or its own address when it listens nowhere else), sends one `PING`, and flags a `+PONG` answer: the server runs commands for anyone who can reach it. Nothing else is sent.
    ///
    /// ## Why is this bad?
    /// Redis without a password lets any client read and delete every key, and `CONFIG SET` plus `SAVE` have long been used to write SSH keys and cron jobs to disk.
    ///
    /// ## Example
    /// ```text
    /// $ redis-cli -h 10.0.0.5 ping
    /// PONG
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ redis-cli -h 10.0.0.5 ping
    /// (error) NOAUTH Authentication required.
    /// ```
    ///
    /// ## References
    /// - [Redis security: authentication](https://redis.io/docs/latest/operate/oss_and_stack/management/security/#authentication)
    /// - [CWE-306](https://cwe.mitre.org/data/definitions/306.html)
    pub static HST_REDIS_NO_AUTH = {
        code: "HST006",
        name: "redis-answers-without-auth",
        analyzer: "host",
        summary: "a listening Redis answers commands without authentication",
        severity: High,
        confidence: High,
        cwe: 306,
    }
}
