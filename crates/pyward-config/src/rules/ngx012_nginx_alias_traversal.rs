pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a prefix `location` whose path does not end in `/` and whose `alias` does.
    ///
    /// ## Why is this bad?
    /// A request for `/static../app/settings.py` matches `location /static` and maps to `/srv/static/../app/settings.py`: one directory above the alias is readable.
    ///
    /// ## Example
    /// ```nginx
    /// location /static {
    ///     alias /srv/app/static/;
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// location /static/ {
    ///     alias /srv/app/static/;
    /// }
    /// ```
    ///
    /// ## References
    /// - [nginx: alias](https://nginx.org/en/docs/http/ngx_http_core_module.html#alias)
    /// - [CWE-22: Path Traversal](https://cwe.mitre.org/data/definitions/22.html)
    pub static NGX_ALIAS_TRAVERSAL = {
        code: "NGX012",
        name: "nginx-alias-traversal",
        analyzer: "config",
        summary: "A location without a trailing slash over an alias with one allows path traversal",
        severity: High,
        confidence: High,
        cwe: 22,
    }
}
