pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `[Service]` sections with an `ExecStart` and no `User=` (and no `DynamicUser=yes`), or `User=root`.
    ///
    /// ## Why is this bad?
    /// The app server runs with every privilege on the machine; any remote code execution in the app is a full compromise.
    ///
    /// ## Example
    /// ```ini
    /// [Service]
    /// ExecStart=/srv/app/venv/bin/gunicorn app:app
    /// ```
    ///
    /// ## Use instead
    /// ```ini
    /// [Service]
    /// User=app
    /// Group=app
    /// ExecStart=/srv/app/venv/bin/gunicorn app:app
    /// ```
    ///
    /// ## References
    /// - [systemd.exec: User=](https://www.freedesktop.org/software/systemd/man/latest/systemd.exec.html#User=)
    /// - [CWE-250: Execution with Unnecessary Privileges](https://cwe.mitre.org/data/definitions/250.html)
    pub static SYS_ROOT = {
        code: "SYS001",
        name: "systemd-runs-as-root",
        analyzer: "config",
        summary: "A systemd service runs as root",
        severity: Medium,
        confidence: Medium,
        cwe: 250,
    }
}
