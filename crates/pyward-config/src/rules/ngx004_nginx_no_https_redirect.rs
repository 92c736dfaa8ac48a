pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a `server` that listens for plain HTTP on port 80 (explicitly or by default), passes requests to an upstream (`proxy_pass`, `uwsgi_pass`, …) and has no `return 301 https://…` or `rewrite … https://…`.
    ///
    /// ## Why is this bad?
    /// The application is reachable over cleartext HTTP: cookies, tokens and form data travel unencrypted.
    ///
    /// ## Example
    /// ```nginx
    /// server {
    ///     listen 80;
    ///     location / { proxy_pass http://127.0.0.1:8000; }
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// server {
    ///     listen 80;
    ///     return 301 https://$host$request_uri;
    /// }
    /// ```
    ///
    /// ## References
    /// - [nginx: return](https://nginx.org/en/docs/http/ngx_http_rewrite_module.html#return)
    /// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
    pub static NGX_NO_HTTPS_REDIRECT = {
        code: "NGX004",
        name: "nginx-no-https-redirect",
        analyzer: "config",
        summary: "A port-80 server proxies the app without redirecting to HTTPS",
        severity: Medium,
        confidence: Medium,
        cwe: 319,
    }
}
