pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `--forwarded-allow-ips '*'`, `forwarded_allow_ips = "*"` and `FORWARDED_ALLOW_IPS=*`, in command lines anywhere (units, Dockerfiles, compose, Kubernetes, Procfiles), `gunicorn.conf.py` and environment files.
    ///
    /// ## Why is this bad?
    /// Any client can then claim any IP address or HTTPS scheme: rate limits, IP allow lists, audit logs and secure-cookie logic all trust a header the attacker wrote.
    ///
    /// ## Example
    /// ```text
    /// uvicorn app:app --proxy-headers --forwarded-allow-ips '*'
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// uvicorn app:app --proxy-headers --forwarded-allow-ips 127.0.0.1
    /// ```
    ///
    /// ## References
    /// - [gunicorn: forwarded_allow_ips](https://docs.gunicorn.org/en/stable/settings.html#forwarded-allow-ips)
    /// - [CWE-348: Use of Less Trusted Source](https://cwe.mitre.org/data/definitions/348.html)
    pub static APP_FORWARDED_ALL = {
        code: "APP002",
        name: "app-trusts-all-forwarded",
        analyzer: "config",
        summary: "gunicorn/uvicorn trusts X-Forwarded-* from any client",
        severity: Medium,
        confidence: High,
        cwe: 348,
    }
}
