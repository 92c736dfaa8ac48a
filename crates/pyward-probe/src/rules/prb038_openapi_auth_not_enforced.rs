pyward_core::declare_rule! {
    /// ## What it does
    /// Reads the OpenAPI document (the one the probe found, or `--openapi FILE`), and for each `GET` operation whose effective `security` requires a scheme (an empty alternative `{}` makes it optional and skips it), sends one request without credentials (no `--header` headers, no cookies), with path and required query parameters filled with placeholders valid for their schema type. It flags a 2xx answer. At most 40 operations per origin are called.
    ///
    /// ## Why is this bad?
    /// The schema promises that the endpoint needs a token, but the code does not check it: a dependency declared with `auto_error=False` whose result is never used, or a permission class set on the wrong view. Anyone can read what the endpoint returns. Deduction: 40 points.
    ///
    /// ## Example
    /// ```python
    /// @app.get("/items/{item_id}")
    /// def read_item(item_id: int, token=Depends(HTTPBearer(auto_error=False))):
    ///     return load(item_id)        # token is None without credentials, and never checked
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// @app.get("/items/{item_id}")
    /// def read_item(item_id: int, token=Depends(HTTPBearer())):
    ///     return load(item_id)        # 403 without credentials
    /// ```
    ///
    /// ## References
    /// - [OWASP API Security Top 10: API2 Broken Authentication](https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/)
    /// - [CWE-306](https://cwe.mitre.org/data/definitions/306.html)
    pub static PRB_OPENAPI_AUTH_NOT_ENFORCED = {
        code: "PRB038",
        name: "openapi-auth-not-enforced",
        analyzer: "probe",
        summary: "an operation that declares authentication answers without credentials",
        severity: High,
        confidence: Medium,
        cwe: 306,
    }
}
