pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `--bind 0.0.0.0:…`, `--host 0.0.0.0` and `bind = "0.0.0.0:…"` in systemd units and `gunicorn.conf.py`. Containers and Procfiles are exempt: binding every interface is how traffic reaches a container.
    ///
    /// ## Why is this bad?
    /// Behind nginx the app server should listen on localhost or a Unix socket. On all interfaces, clients can bypass the proxy's TLS, headers, rate limits and body-size limit.
    ///
    /// ## Example
    /// ```ini
    /// ExecStart=/srv/app/venv/bin/gunicorn -b 0.0.0.0:8000 app:app
    /// ```
    ///
    /// ## Use instead
    /// ```ini
    /// ExecStart=/srv/app/venv/bin/gunicorn -b 127.0.0.1:8000 app:app
    /// ```
    ///
    /// ## References
    /// - [gunicorn: bind](https://docs.gunicorn.org/en/stable/settings.html#bind)
    /// - [CWE-668](https://cwe.mitre.org/data/definitions/668.html)
    pub static APP_BIND_ALL = {
        code: "APP001",
        name: "app-bind-all-interfaces",
        analyzer: "config",
        summary: "gunicorn/uvicorn binds every interface on a host",
        severity: Medium,
        confidence: Medium,
        cwe: 668,
    }
}
