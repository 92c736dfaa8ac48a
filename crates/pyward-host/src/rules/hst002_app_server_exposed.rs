pyward_core::declare_rule! {
    /// ## What it does
    /// Flags gunicorn, uvicorn, daphne, hypercorn, granian, `flask run`, `manage.py runserver` and `python -m http.server` processes that listen on an address other than loopback, where clients can reach them without going through the reverse proxy.
    ///
    /// ## Why is this bad?
    /// An app server reached directly skips everything the proxy adds: TLS, request size and rate limits, security headers, slow-client buffering and access logs. Development servers (`flask run`, `runserver`, `http.server`) were never meant to face a network at all.
    ///
    /// ## Example
    /// ```text
    /// $ gunicorn --bind 0.0.0.0:8000 app:app
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ gunicorn --bind 127.0.0.1:8000 app:app   # nginx proxies to it
    /// $ gunicorn --bind unix:/run/app.sock app:app
    /// ```
    ///
    /// ## References
    /// - [gunicorn: Deploying](https://docs.gunicorn.org/en/stable/deploy.html)
    /// - [CWE-1327](https://cwe.mitre.org/data/definitions/1327.html)
    pub static HST_APP_SERVER_EXPOSED = {
        code: "HST002",
        name: "app-server-exposed",
        analyzer: "host",
        summary: "a Python app server listens beyond loopback",
        severity: Medium,
        confidence: High,
        cwe: 1327,
    }
}
