pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `bind 0.0.0.0`, `bind *` or `::`, and a `redis.conf` without `bind` (Redis then listens everywhere).
    ///
    /// ## Why is this bad?
    /// Exposed Redis instances are mass-exploited: attackers write SSH keys or cron jobs through `CONFIG SET dir` and take over the host.
    ///
    /// ## Example
    /// ```text
    /// bind 0.0.0.0
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// bind 127.0.0.1 -::1
    /// ```
    ///
    /// ## References
    /// - [Redis security](https://redis.io/docs/latest/operate/oss_and_stack/management/security/)
    /// - [CWE-668](https://cwe.mitre.org/data/definitions/668.html)
    pub static RDS_BIND_ALL = {
        code: "RDS001",
        name: "redis-bind-all",
        analyzer: "config",
        summary: "Redis listens on every interface",
        severity: High,
        confidence: High,
        cwe: 668,
    }
}
