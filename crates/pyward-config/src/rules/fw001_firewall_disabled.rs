pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `ENABLED=no` in `ufw.conf`, an nftables input-hook chain with policy accept and no drop/reject rule, and an iptables-save dump whose INPUT policy is ACCEPT with no DROP/REJECT rule.
    ///
    /// ## Why is this bad?
    /// Every listening service, including ones bound to all interfaces by mistake, is reachable from the network.
    ///
    /// ## Example
    /// ```text
    /// ENABLED=no
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// ENABLED=yes
    /// ```
    ///
    /// ## References
    /// - [ufw(8)](https://manpages.debian.org/bookworm/ufw/ufw.8.en.html)
    /// - [nftables wiki](https://wiki.nftables.org/)
    /// - [CWE-284](https://cwe.mitre.org/data/definitions/284.html)
    pub static FW_DISABLED = {
        code: "FW001",
        name: "firewall-disabled",
        analyzer: "config",
        summary: "The host firewall is disabled or accepts everything",
        severity: High,
        confidence: Medium,
        cwe: 284,
    }
}
