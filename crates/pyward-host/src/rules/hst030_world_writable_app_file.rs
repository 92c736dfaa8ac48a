pyward_core::declare_rule! {
    /// ## What it does
    /// Walks the app roots (the working directories of running Python app servers, `/srv`, `/var/www`, and `[tool.pyward.host] app-dirs`) and flags files, and directories without the sticky bit, that every user may write.
    ///
    /// ## Why is this bad?
    /// Any local account, or any other compromised service, can then change the application's code or templates and run as the app's user on its next import.
    ///
    /// ## Example
    /// ```text
    /// $ ls -ld /srv/app/app.py
    /// -rw-rw-rw- 1 app app 812 app.py
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ chmod o-w /srv/app/app.py
    /// ```
    ///
    /// ## References
    /// - [CIS Debian Linux Benchmark: 6.1 System file permissions](https://www.cisecurity.org/benchmark/debian_linux)
    /// - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    pub static HST_WORLD_WRITABLE = {
        code: "HST030",
        name: "world-writable-app-file",
        analyzer: "host",
        summary: "a file or directory in an app root is writable by every user",
        severity: Medium,
        confidence: High,
        cwe: 732,
    }
}
