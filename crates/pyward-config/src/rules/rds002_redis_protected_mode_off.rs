pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `protected-mode no`.
    ///
    /// ## Why is this bad?
    /// Protected mode refuses remote clients when no password is set; turning it off removes the last guard of a misconfigured instance.
    ///
    /// ## Example
    /// ```text
    /// protected-mode no
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// protected-mode yes
    /// ```
    ///
    /// ## References
    /// - [Redis security](https://redis.io/docs/latest/operate/oss_and_stack/management/security/)
    /// - [CWE-306](https://cwe.mitre.org/data/definitions/306.html)
    pub static RDS_PROTECTED_MODE = {
        code: "RDS002",
        name: "redis-protected-mode-off",
        analyzer: "config",
        summary: "Redis protected mode is off",
        severity: Medium,
        confidence: High,
        cwe: 306,
    }
}
