pyward_core::declare_rule! {
    /// ## What it does
    /// Flags ufw `user.rules`, iptables-save and nftables rules that accept a database or cache port (5432, 3306, 6379, 27017, 11211, 9200…) without a source address restriction.
    ///
    /// ## Why is this bad?
    /// Databases and caches must never face the internet; allow them only from the application hosts.
    ///
    /// ## Example
    /// ```text
    /// -A ufw-user-input -p tcp --dport 5432 -j ACCEPT
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// -A ufw-user-input -p tcp -s 10.0.1.0/24 --dport 5432 -j ACCEPT
    /// ```
    ///
    /// ## References
    /// - [ufw(8)](https://manpages.debian.org/bookworm/ufw/ufw.8.en.html)
    /// - [CWE-668](https://cwe.mitre.org/data/definitions/668.html)
    pub static FW_DATA_PORT_OPEN = {
        code: "FW002",
        name: "firewall-data-port-open",
        analyzer: "config",
        summary: "The firewall opens a database or cache port to any address",
        severity: High,
        confidence: High,
        cwe: 668,
    }
}
