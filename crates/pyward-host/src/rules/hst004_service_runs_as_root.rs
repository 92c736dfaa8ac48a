pyward_core::declare_rule! {
    /// ## What it does
    /// Flags Python app servers, nginx worker processes, and databases or caches whose effective user is root. An nginx master process running as root is normal (it binds ports, then its workers drop privileges) and is not reported.
    ///
    /// ## Why is this bad?
    /// A process that handles requests as root turns any bug in it, or in the application it runs, into a full compromise of the host: remote code execution in a Django view becomes root on the machine.
    ///
    /// ## Example
    /// ```text
    /// $ ps -o user,cmd -C gunicorn
    /// root  /srv/app/venv/bin/gunicorn app:app
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # /etc/systemd/system/app.service
    /// [Service]
    /// User=app
    /// Group=app
    /// ```
    ///
    /// ## References
    /// - [gunicorn settings: user](https://docs.gunicorn.org/en/stable/settings.html#user)
    /// - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    pub static HST_SERVICE_AS_ROOT = {
        code: "HST004",
        name: "service-runs-as-root",
        analyzer: "host",
        summary: "a web server worker, app server or database runs as root",
        severity: High,
        confidence: High,
        cwe: 250,
    }
}
