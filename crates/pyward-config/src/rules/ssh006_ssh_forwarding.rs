pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `X11Forwarding yes`, and `AllowAgentForwarding`/`AllowTcpForwarding` set to `yes` or left unset (both default to `yes`).
    ///
    /// ## Why is this bad?
    /// Forwarding turns a shell account into a tunnel: TCP forwarding reaches internal services (databases bound to localhost), agent forwarding lets a compromised server use the client's keys, and X11 exposes the client's display. A server behind a proxy rarely needs any of them.
    ///
    /// ## Example
    /// ```text
    /// X11Forwarding yes
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// X11Forwarding no
    /// AllowAgentForwarding no
    /// AllowTcpForwarding no
    /// ```
    ///
    /// ## References
    /// - [sshd_config(5): AllowTcpForwarding](https://man.openbsd.org/sshd_config)
    /// - [CWE-441: Unintended Proxy or Intermediary](https://cwe.mitre.org/data/definitions/441.html)
    pub static SSH_FORWARDING = {
        code: "SSH006",
        name: "ssh-forwarding",
        analyzer: "config",
        summary: "sshd allows X11, agent or TCP forwarding",
        severity: Low,
        confidence: Medium,
        cwe: 441,
    }
}
