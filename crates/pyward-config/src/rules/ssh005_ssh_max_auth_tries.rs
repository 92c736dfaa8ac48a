pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `MaxAuthTries` above 4, or unset (the default is 6).
    ///
    /// ## Why is this bad?
    /// Each connection can try several keys or passwords; a low limit slows brute force and makes fail2ban bans happen sooner.
    ///
    /// ## Example
    /// ```text
    /// MaxAuthTries 10
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// MaxAuthTries 3
    /// ```
    ///
    /// ## References
    /// - [sshd_config(5): MaxAuthTries](https://man.openbsd.org/sshd_config)
    /// - [CWE-307](https://cwe.mitre.org/data/definitions/307.html)
    pub static SSH_MAX_AUTH_TRIES = {
        code: "SSH005",
        name: "ssh-max-auth-tries",
        analyzer: "config",
        summary: "sshd allows many authentication attempts per connection",
        severity: Low,
        confidence: High,
        cwe: 307,
    }
}
