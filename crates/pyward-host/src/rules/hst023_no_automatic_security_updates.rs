pyward_core::declare_rule! {
    /// ## What it does
    /// On Debian and Ubuntu (a dpkg database is present), flags a host where the `unattended-upgrades` package is not installed or `APT::Periodic::Unattended-Upgrade` is not set to a non-zero value in `/etc/apt/apt.conf.d`.
    ///
    /// ## Why is this bad?
    /// Most compromises use vulnerabilities that already have a fix. A server that waits for someone to log in and upgrade it stays exposed for weeks.
    ///
    /// ## Example
    /// ```text
    /// # /etc/apt/apt.conf.d/20auto-upgrades
    /// APT::Periodic::Unattended-Upgrade "0";
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # /etc/apt/apt.conf.d/20auto-upgrades
    /// APT::Periodic::Update-Package-Lists "1";
    /// APT::Periodic::Unattended-Upgrade "1";
    /// ```
    ///
    /// ## References
    /// - [Debian wiki: UnattendedUpgrades](https://wiki.debian.org/UnattendedUpgrades)
    /// - [CWE-1104](https://cwe.mitre.org/data/definitions/1104.html)
    pub static HST_NO_AUTO_UPDATES = {
        code: "HST023",
        name: "no-automatic-security-updates",
        analyzer: "host",
        summary: "automatic security updates are not enabled",
        severity: Medium,
        confidence: Medium,
        cwe: 1104,
    }
}
