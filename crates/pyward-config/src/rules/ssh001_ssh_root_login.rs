pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `PermitRootLogin yes` (high), and `prohibit-password`/`without-password`/`forced-commands-only` or an unset value (low: root may still log in with a key). Directives inside `Match` blocks are checked too.
    ///
    /// ## Why is this bad?
    /// Logging in as root skips the audit trail of a named account and `sudo`, and makes `root` the one account every scanner on the internet tries. Keys-only root login still hands full control to anyone who steals one key.
    ///
    /// ## Example
    /// ```text
    /// PermitRootLogin yes
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// PermitRootLogin no
    /// ```
    ///
    /// ## References
    /// - [sshd_config(5): PermitRootLogin](https://man.openbsd.org/sshd_config)
    /// - [Mozilla OpenSSH guidelines](https://infosec.mozilla.org/guidelines/openssh)
    /// - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    pub static SSH_ROOT_LOGIN = {
        code: "SSH001",
        name: "ssh-root-login",
        analyzer: "config",
        summary: "sshd lets root log in",
        severity: High,
        confidence: High,
        cwe: 250,
    }
}
