pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `ports` entries of database and cache services (by well-known container port such as 5432, 3306, 6379, 27017, or by image) published without a host address or on `0.0.0.0`.
    ///
    /// ## Why is this bad?
    /// Docker's published ports bypass ufw and most host firewalls: the database is reachable from the internet, often with default credentials.
    ///
    /// ## Example
    /// ```yaml
    /// db:
    ///   image: postgres:16
    ///   ports:
    ///     - "5432:5432"
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// db:
    ///   image: postgres:16
    ///   # no ports: reachable from other services on the compose network
    ///
    /// ```
    ///
    /// ## References
    /// - [Compose: ports](https://docs.docker.com/reference/compose-file/services/#ports)
    /// - [Docker and ufw](https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-and-ufw)
    /// - [CWE-668](https://cwe.mitre.org/data/definitions/668.html)
    pub static CMP_DATA_PORT = {
        code: "CMP004",
        name: "compose-published-data-port",
        analyzer: "config",
        summary: "A database or cache port is published on every interface",
        severity: High,
        confidence: Low,
        cwe: 668,
    }
}
