pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `--reload`, `--debug`, `reload = True`, `flask run`, `manage.py runserver`, and `DEBUG`/`FLASK_DEBUG`/`DJANGO_DEBUG` set true in environment settings.
    ///
    /// ## Why is this bad?
    /// Debug modes expose interactive debuggers and stack traces with secrets; reloaders watch the code tree and restart on writes; development servers are not built for hostile traffic.
    ///
    /// ## Example
    /// ```text
    /// gunicorn --reload app:app
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// gunicorn app:app
    /// ```
    ///
    /// ## References
    /// - [gunicorn: reload](https://docs.gunicorn.org/en/stable/settings.html#reload)
    /// - [CWE-489: Active Debug Code](https://cwe.mitre.org/data/definitions/489.html)
    pub static APP_RELOAD_DEBUG = {
        code: "APP003",
        name: "app-reload-or-debug",
        analyzer: "config",
        summary: "The app runs with reload, debug or a development server in production",
        severity: Medium,
        confidence: Medium,
        cwe: 489,
    }
}
