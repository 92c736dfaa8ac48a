pyward_core::declare_rule! {
    /// ## What it does
    /// Reports `Port 22` or no `Port` directive. This is informational.
    ///
    /// ## Why is this bad?
    /// Port 22 receives constant automated brute force. Moving the port is not a security control, but it cuts log noise; a firewall rule limiting port 22 to known addresses is better.
    ///
    /// ## Example
    /// ```text
    /// Port 22
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Port 2222  # and allow it only from your VPN in the firewall
    /// ```
    ///
    /// ## References
    /// - [sshd_config(5): Port](https://man.openbsd.org/sshd_config)
    pub static SSH_DEFAULT_PORT = {
        code: "SSH010",
        name: "ssh-default-port",
        analyzer: "config",
        summary: "sshd listens on the default port 22",
        severity: Info,
        confidence: High,
    }
}
