pyward_core::declare_rule! {
    /// ## What it does
    /// Reads `/proc/PID/environ` of Python processes (where readable) and flags `FLASK_DEBUG`, `DJANGO_DEBUG` or `DEBUG` set to a true value and `FLASK_ENV=development`. Only the variable's name is shown, never its value.
    ///
    /// ## Why is this bad?
    /// A debug switch left on in production shows tracebacks with settings and local variables to anyone, and Werkzeug's debugger runs arbitrary Python for whoever reaches it.
    ///
    /// ## Example
    /// ```text
    /// [Service]
    /// Environment=FLASK_DEBUG=1
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// [Service]
    /// Environment=FLASK_DEBUG=0
    /// ```
    ///
    /// ## References
    /// - [Flask: Debug mode](https://flask.palletsprojects.com/en/stable/debugging/)
    /// - [Django: DEBUG](https://docs.djangoproject.com/en/stable/ref/settings/#debug)
    /// - [CWE-489](https://cwe.mitre.org/data/definitions/489.html)
    pub static HST_DEBUG_ENVIRONMENT = {
        code: "HST005",
        name: "debug-environment",
        analyzer: "host",
        summary: "a running Python service has a debug switch in its environment",
        severity: High,
        confidence: High,
        cwe: 489,
    }
}
