pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a host where sshd listens beyond loopback and no `fail2ban-server` process runs (on a live host), or fail2ban is not installed and enabled (on a mounted root). Its jails are audited by the configuration rules (`F2B001`).
    ///
    /// ## Why is this bad?
    /// Password guessing against SSH never stops on an Internet-facing host. fail2ban bans addresses after repeated failures, which cuts brute force and log noise.
    ///
    /// ## Example
    /// ```text
    /// $ pgrep fail2ban-server
    /// $   # nothing
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ apt install fail2ban
    /// $ systemctl enable --now fail2ban
    /// ```
    ///
    /// ## References
    /// - [fail2ban](https://github.com/fail2ban/fail2ban)
    /// - [CWE-307](https://cwe.mitre.org/data/definitions/307.html)
    pub static HST_NO_FAIL2BAN = {
        code: "HST020",
        name: "no-fail2ban",
        analyzer: "host",
        summary: "SSH is reachable and fail2ban is not running",
        severity: Medium,
        confidence: Medium,
        cwe: 307,
    }
}
