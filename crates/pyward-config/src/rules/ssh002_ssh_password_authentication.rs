pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `PasswordAuthentication yes`, or no `PasswordAuthentication` at all (sshd's default is `yes`), globally or in a `Match` block.
    ///
    /// ## Why is this bad?
    /// Password logins can be brute-forced and phished; SSH keys cannot be guessed. Bots try common passwords against every reachable port 22 within minutes of a server coming up.
    ///
    /// ## Example
    /// ```text
    /// PasswordAuthentication yes
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// PasswordAuthentication no
    /// PubkeyAuthentication yes
    /// ```
    ///
    /// ## References
    /// - [sshd_config(5): PasswordAuthentication](https://man.openbsd.org/sshd_config)
    /// - [CWE-307: Improper Restriction of Excessive Authentication Attempts](https://cwe.mitre.org/data/definitions/307.html)
    pub static SSH_PASSWORD_AUTH = {
        code: "SSH002",
        name: "ssh-password-authentication",
        analyzer: "config",
        summary: "sshd accepts passwords",
        severity: High,
        confidence: High,
        cwe: 307,
    }
}
