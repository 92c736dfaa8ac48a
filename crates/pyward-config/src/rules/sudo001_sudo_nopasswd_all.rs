pyward_core::declare_rule! {
    /// ## What it does
    /// Flags rules with `NOPASSWD:` and `ALL` commands.
    ///
    /// ## Why is this bad?
    /// Anyone who gets a shell as that user (through the app, a leaked key) becomes root with no further obstacle.
    ///
    /// ## Example
    /// ```text
    /// deploy ALL=(ALL) NOPASSWD: ALL
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart app
    /// ```
    ///
    /// ## References
    /// - [sudoers(5)](https://www.sudo.ws/docs/man/sudoers.man/)
    /// - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    pub static SUDO_NOPASSWD_ALL = {
        code: "SUDO001",
        name: "sudo-nopasswd-all",
        analyzer: "config",
        summary: "sudoers grants every command without a password",
        severity: High,
        confidence: High,
        cwe: 250,
    }
}
