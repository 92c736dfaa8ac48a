pyward_core::declare_rule! {
    /// ## What it does
    /// Compares the installed packages (dpkg database) with the security archive's package lists apt last downloaded (`/var/lib/apt/lists/*security*_Packages`, plain, gzip or lz4) and flags packages whose installed version is older than the security archive's. The lists are as fresh as the last `apt update`; without them the check says "not checked".
    ///
    /// ## Why is this bad?
    /// A fix published by the distribution's security team that is not installed leaves a known, documented vulnerability open, usually with a public exploit.
    ///
    /// ## Example
    /// ```text
    /// $ apt list --upgradable 2>/dev/null | grep security
    /// openssl/stable-security 3.0.15-1~deb12u1 amd64 [upgradable from: 3.0.11-1~deb12u2]
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ apt update && apt upgrade
    /// # and enable unattended-upgrades (HST023)
    /// ```
    ///
    /// ## References
    /// - [Debian Security Information](https://www.debian.org/security/)
    /// - [CWE-1104](https://cwe.mitre.org/data/definitions/1104.html)
    pub static HST_PENDING_SECURITY_UPDATES = {
        code: "HST025",
        name: "pending-security-updates",
        analyzer: "host",
        summary: "installed packages have security updates waiting",
        severity: High,
        confidence: High,
        cwe: 1104,
    }
}
