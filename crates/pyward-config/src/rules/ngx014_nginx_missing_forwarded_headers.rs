pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a `proxy_pass` whose effective `proxy_set_header` set (inherited like `add_header`: a level with its own drops the parent's) does not pass the client's address (`X-Forwarded-For` or `X-Real-IP`) or its scheme (`X-Forwarded-Proto`, `X-Forwarded-Scheme`, `X-Scheme` or `X-Forwarded-Ssl`). A `Forwarded` header (RFC 7239) passes both. `real_ip_header`/`set_real_ip_from` do not count: they change what nginx itself takes as the client address, not what it tells the app.
    ///
    /// ## Why is this bad?
    /// Without them the app sees every request as coming from the proxy over HTTP: rate limits and audit logs record the wrong address, and frameworks generate `http://` URLs or loop on HTTPS redirects.
    ///
    /// ## Example
    /// ```nginx
    /// location / { proxy_pass http://app; }
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// location / {
    ///     proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    ///     proxy_set_header X-Forwarded-Proto $scheme;
    ///     proxy_pass http://app;
    /// }
    /// ```
    ///
    /// ## References
    /// - [nginx: proxy_set_header](https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_set_header)
    /// - [CWE-348](https://cwe.mitre.org/data/definitions/348.html)
    pub static NGX_FORWARDED_HEADERS = {
        code: "NGX014",
        name: "nginx-missing-forwarded-headers",
        analyzer: "config",
        summary: "nginx proxies to the app without X-Forwarded-For / X-Forwarded-Proto",
        severity: Low,
        confidence: Medium,
        cwe: 348,
    }
}
