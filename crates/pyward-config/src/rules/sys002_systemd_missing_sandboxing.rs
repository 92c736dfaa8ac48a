pyward_core::declare_rule! {
    /// ## What it does
    /// Flags services without `NoNewPrivileges=yes`, `ProtectSystem=` (`strict` recommended) or `PrivateTmp=yes`.
    ///
    /// ## Why is this bad?
    /// These cheap settings stop privilege escalation through setuid binaries, make the OS read-only to the service and isolate `/tmp`.
    ///
    /// ## Example
    /// ```ini
    /// [Service]
    /// User=app
    /// ExecStart=/srv/app/venv/bin/gunicorn app:app
    /// ```
    ///
    /// ## Use instead
    /// ```ini
    /// [Service]
    /// User=app
    /// NoNewPrivileges=yes
    /// ProtectSystem=strict
    /// PrivateTmp=yes
    /// ExecStart=/srv/app/venv/bin/gunicorn app:app
    /// ```
    ///
    /// ## References
    /// - [systemd.exec: sandboxing](https://www.freedesktop.org/software/systemd/man/latest/systemd.exec.html#Sandboxing)
    /// - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    pub static SYS_HARDENING = {
        code: "SYS002",
        name: "systemd-missing-sandboxing",
        analyzer: "config",
        summary: "A systemd service lacks basic sandboxing",
        severity: Low,
        confidence: High,
        cwe: 250,
    }
}
