pyward_core::declare_rule! {
    /// ## What it does
    /// Reads `/sys/module/apparmor/parameters/enabled` and `/sys/kernel/security/apparmor/profiles`, and `/sys/fs/selinux/enforce`, and flags a host where neither enforces a policy. When the security filesystem cannot be read the check says "not checked".
    ///
    /// ## Why is this bad?
    /// Mandatory access control confines a compromised service to the files and capabilities its profile allows, even when it runs as root.
    ///
    /// ## Example
    /// ```text
    /// $ aa-status
    /// apparmor module is loaded.
    /// 0 profiles are in enforce mode.
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ aa-enforce /etc/apparmor.d/usr.sbin.nginx
    /// ```
    ///
    /// ## References
    /// - [AppArmor](https://apparmor.net/)
    /// - [CIS Debian Linux Benchmark: 1.6 Mandatory Access Control](https://www.cisecurity.org/benchmark/debian_linux)
    /// - [CWE-693](https://cwe.mitre.org/data/definitions/693.html)
    pub static HST_NO_MAC = {
        code: "HST022",
        name: "no-mandatory-access-control",
        analyzer: "host",
        summary: "neither AppArmor nor SELinux is enforcing",
        severity: Low,
        confidence: Medium,
        cwe: 693,
    }
}
