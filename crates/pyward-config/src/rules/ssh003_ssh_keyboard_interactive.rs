pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `KbdInteractiveAuthentication yes` (or its old name `ChallengeResponseAuthentication`), or neither being set (the default is `yes`), when `UsePAM yes` is in effect. With `UsePAM no` (OpenSSH's own default) keyboard-interactive has no password conversation on Linux, so the rule stays silent.
    ///
    /// ## Why is this bad?
    /// With `UsePAM yes`, keyboard-interactive authentication asks for the account password through PAM: turning `PasswordAuthentication` off alone does not stop password logins.
    ///
    /// ## Example
    /// ```text
    /// UsePAM yes
    /// PasswordAuthentication no
    /// KbdInteractiveAuthentication yes
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// PasswordAuthentication no
    /// KbdInteractiveAuthentication no
    /// ```
    ///
    /// ## References
    /// - [sshd_config(5): KbdInteractiveAuthentication](https://man.openbsd.org/sshd_config)
    /// - [CWE-307](https://cwe.mitre.org/data/definitions/307.html)
    pub static SSH_KBD_INTERACTIVE = {
        code: "SSH003",
        name: "ssh-keyboard-interactive",
        analyzer: "config",
        summary: "sshd allows keyboard-interactive (PAM password) logins",
        severity: Medium,
        confidence: High,
        cwe: 307,
    }
}
