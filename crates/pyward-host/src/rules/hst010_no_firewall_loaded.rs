pyward_core::declare_rule! {
    /// ## What it does
    /// Reads the rules the kernel has loaded (`nft -j list ruleset`, then `iptables-save`) and ufw's state. When services listen beyond loopback and no input filtering is loaded, every listener is reachable. A firewall is called active only when its rules were actually read; when they cannot be read (no permission, no tool) the check says "not checked".
    ///
    /// ## Why is this bad?
    /// A host firewall is the second line of defence when a service is bound more widely than intended: a database that only listens by mistake stays unreachable.
    ///
    /// ## Example
    /// ```text
    /// $ nft list ruleset
    /// $   # nothing
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// table inet filter {
    ///   chain input {
    ///     type filter hook input priority 0; policy drop;
    ///     ct state established,related accept
    ///     iif lo accept
    ///     tcp dport { 22, 80, 443 } accept
    ///   }
    /// }
    /// ```
    ///
    /// ## References
    /// - [CIS Debian Linux Benchmark: 3.5 Firewall configuration](https://www.cisecurity.org/benchmark/debian_linux)
    /// - [CWE-284](https://cwe.mitre.org/data/definitions/284.html)
    pub static HST_NO_FIREWALL = {
        code: "HST010",
        name: "no-firewall-loaded",
        analyzer: "host",
        summary: "services listen publicly and no firewall rules are loaded",
        severity: Medium,
        confidence: High,
        cwe: 284,
    }
}
