pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `ClientAliveInterval 0` or unset, `ClientAliveCountMax 0`, or an idle timeout (interval × count) above 30 minutes.
    ///
    /// ## Why is this bad?
    /// An abandoned session on an unlocked laptop stays usable forever. A timeout closes it.
    ///
    /// ## Example
    /// ```text
    /// ClientAliveInterval 0
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// ClientAliveInterval 300
    /// ClientAliveCountMax 2
    /// ```
    ///
    /// ## References
    /// - [sshd_config(5): ClientAliveInterval](https://man.openbsd.org/sshd_config)
    /// - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    pub static SSH_CLIENT_ALIVE = {
        code: "SSH008",
        name: "ssh-no-idle-timeout",
        analyzer: "config",
        summary: "sshd never drops idle sessions",
        severity: Low,
        confidence: Medium,
        cwe: 613,
    }
}
