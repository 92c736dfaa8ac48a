pyward_core::declare_rule! {
    /// ## What it does
    /// Flags any other TCP socket bound to every interface (`0.0.0.0`, `::`) or a public address whose port is not in `[tool.pyward.host] allow-ports` (default: 22, 80, 443).
    ///
    /// ## Why is this bad?
    /// Every listening service is attack surface. A service nobody listed is often a forgotten debug endpoint, an admin console or a metrics exporter that should sit on loopback or behind the proxy.
    ///
    /// ## Example
    /// ```text
    /// $ ss -ltn
    /// LISTEN 0 128 0.0.0.0:9100 0.0.0.0:*
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # pyproject.toml, for a port that must be public
    /// [tool.pyward.host]
    /// allow-ports = [22, 80, 443, 9100]
    /// ```
    ///
    /// ## References
    /// - [CIS Controls v8: 4.8 Uninstall or disable unnecessary services](https://www.cisecurity.org/controls/v8)
    /// - [CWE-1327](https://cwe.mitre.org/data/definitions/1327.html)
    pub static HST_UNLISTED_LISTENER = {
        code: "HST003",
        name: "unlisted-public-listener",
        analyzer: "host",
        summary: "a service listens on every interface and is not on the allow-list",
        severity: Low,
        confidence: Medium,
        cwe: 1327,
    }
}
