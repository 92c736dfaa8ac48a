pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `ALL` command grants to individual service accounts (`www-data`, `app`, `deploy`, `gunicorn`, `celery`, `postgres`, `svc*`…) rather than to an admin group.
    ///
    /// ## Why is this bad?
    /// Service accounts run network-facing code; giving them full sudo turns any application bug into root.
    ///
    /// ## Example
    /// ```text
    /// www-data ALL=(ALL) ALL
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// %admins ALL=(ALL) ALL
    /// ```
    ///
    /// ## References
    /// - [sudoers(5)](https://www.sudo.ws/docs/man/sudoers.man/)
    /// - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    pub static SUDO_SERVICE_ALL = {
        code: "SUDO002",
        name: "sudo-service-account-all",
        analyzer: "config",
        summary: "A service account may run any command as root",
        severity: High,
        confidence: Medium,
        cwe: 250,
    }
}
