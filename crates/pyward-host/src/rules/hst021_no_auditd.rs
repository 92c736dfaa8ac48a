pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a live host with no `auditd` process (or a mounted root without auditd installed and enabled).
    ///
    /// ## Why is this bad?
    /// Without the audit log there is no record of who ran what as root, which files changed, or which account was used, and an incident cannot be reconstructed.
    ///
    /// ## Example
    /// ```text
    /// $ pgrep auditd
    /// $   # nothing
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ apt install auditd
    /// $ systemctl enable --now auditd
    /// ```
    ///
    /// ## References
    /// - [CIS Debian Linux Benchmark: 4.1 Configure system accounting (auditd)](https://www.cisecurity.org/benchmark/debian_linux)
    /// - [CWE-778](https://cwe.mitre.org/data/definitions/778.html)
    pub static HST_NO_AUDITD = {
        code: "HST021",
        name: "no-auditd",
        analyzer: "host",
        summary: "the Linux audit daemon is not running",
        severity: Low,
        confidence: High,
        cwe: 778,
    }
}
