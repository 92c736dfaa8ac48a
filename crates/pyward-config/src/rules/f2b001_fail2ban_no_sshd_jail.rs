pyward_core::declare_rule! {
    /// ## What it does
    /// Reads `jail.conf`, `jail.d/*.conf`, `jail.local` and `jail.d/*.local` in fail2ban's order and flags a configuration where the `[sshd]` jail is disabled or missing.
    ///
    /// ## Why is this bad?
    /// Without it, SSH brute force continues indefinitely from the same addresses.
    ///
    /// ## Example
    /// ```ini
    /// [sshd]
    /// enabled = false
    /// ```
    ///
    /// ## Use instead
    /// ```ini
    /// [sshd]
    /// enabled = true
    /// maxretry = 5
    /// bantime = 1h
    /// ```
    ///
    /// ## References
    /// - [fail2ban jail.conf(5)](https://manpages.debian.org/bookworm/fail2ban/jail.conf.5.en.html)
    /// - [CWE-307](https://cwe.mitre.org/data/definitions/307.html)
    pub static F2B_NO_SSHD_JAIL = {
        code: "F2B001",
        name: "fail2ban-no-sshd-jail",
        analyzer: "config",
        summary: "fail2ban has no enabled sshd jail",
        severity: Medium,
        confidence: Medium,
        cwe: 307,
    }
}
