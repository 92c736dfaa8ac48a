pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `network_mode: host`.
    ///
    /// ## Why is this bad?
    /// The container shares the host's network stack: every port it listens on is open on the host's interfaces, bypassing Docker's port publishing and the isolation between services.
    ///
    /// ## Example
    /// ```yaml
    /// network_mode: host
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// ports:
    ///   - "127.0.0.1:8000:8000"
    /// ```
    ///
    /// ## References
    /// - [Compose: network_mode](https://docs.docker.com/reference/compose-file/services/#network_mode)
    /// - [CWE-668](https://cwe.mitre.org/data/definitions/668.html)
    pub static CMP_HOST_NETWORK = {
        code: "CMP003",
        name: "compose-host-network",
        analyzer: "config",
        summary: "A compose service uses the host network",
        severity: Medium,
        confidence: High,
        cwe: 668,
    }
}
