pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `LoginGraceTime` of 0 (no limit) or above 60 seconds, or unset (the default is 120 seconds).
    ///
    /// ## Why is this bad?
    /// Unauthenticated connections hold a slot until the grace time runs out; a long grace time lets an attacker exhaust `MaxStartups` and lock out administrators.
    ///
    /// ## Example
    /// ```text
    /// LoginGraceTime 0
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// LoginGraceTime 30
    /// ```
    ///
    /// ## References
    /// - [sshd_config(5): LoginGraceTime](https://man.openbsd.org/sshd_config)
    /// - [CWE-400](https://cwe.mitre.org/data/definitions/400.html)
    pub static SSH_LOGIN_GRACE_TIME = {
        code: "SSH007",
        name: "ssh-login-grace-time",
        analyzer: "config",
        summary: "sshd gives unauthenticated connections a long time to log in",
        severity: Low,
        confidence: High,
        cwe: 400,
    }
}
