pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `PermitEmptyPasswords yes`.
    ///
    /// ## Why is this bad?
    /// Any account without a password becomes reachable over the network with no credential at all.
    ///
    /// ## Example
    /// ```text
    /// PermitEmptyPasswords yes
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// PermitEmptyPasswords no
    /// ```
    ///
    /// ## References
    /// - [sshd_config(5): PermitEmptyPasswords](https://man.openbsd.org/sshd_config)
    /// - [CWE-258: Empty Password in Configuration File](https://cwe.mitre.org/data/definitions/258.html)
    pub static SSH_EMPTY_PASSWORDS = {
        code: "SSH004",
        name: "ssh-empty-passwords",
        analyzer: "config",
        summary: "sshd allows accounts with empty passwords",
        severity: Critical,
        confidence: High,
        cwe: 258,
    }
}
