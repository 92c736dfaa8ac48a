pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `return` redirects, `add_header`, `proxy_set_header` and redirecting `rewrite`s
    /// whose value uses `$uri`, `$document_uri`, or a regex capture that can match any
    /// character (`(.*)`, `(.+)`, `([^/]+)`) from a `location ~ …` or `rewrite` pattern.
    ///
    /// ## Why is this bad?
    /// nginx URL-decodes the path before it fills `$uri` and the captures, so a request for
    /// `/%0d%0aSet-Cookie:%20a=b` puts a carriage return and line feed into the header value:
    /// the client can add headers to the response (session fixation, cache poisoning, XSS
    /// through an injected body).
    ///
    /// ## Example
    /// ```nginx
    /// location / {
    ///     return 302 https://$host$uri;
    /// }
    /// location ~ ^/old/(.*)$ {
    ///     return 301 https://example.com/new/$1;
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// location / {
    ///     return 302 https://$host$request_uri;   # raw, still percent-encoded
    /// }
    /// location ~ ^/old/([a-z0-9/_-]*)$ {
    ///     return 301 https://example.com/new/$1;
    /// }
    /// ```
    ///
    /// ## References
    /// - [nginx: $uri and $request_uri](https://nginx.org/en/docs/http/ngx_http_core_module.html#var_uri)
    /// - [CWE-113](https://cwe.mitre.org/data/definitions/113.html)
    pub static NGX_CRLF_INJECTION = {
        code: "NGX017",
        name: "nginx-crlf-injection",
        analyzer: "config",
        summary: "A header or redirect uses the decoded URI ($uri or a loose capture): CRLF injection",
        severity: Medium,
        confidence: Medium,
        cwe: 113,
    }
}
