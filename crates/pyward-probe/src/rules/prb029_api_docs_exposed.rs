pyward_core::declare_rule! {
    /// ## What it does
    /// Requests `/docs`, `/redoc` and `/openapi.json` at the origin's root (and the schema URL a Swagger UI or ReDoc page names) and flags a Swagger UI page, a ReDoc page or an OpenAPI/Swagger document, recognised by their content: a page that merely answers 200 (a soft 404, an SPA's index) is not reported.
    ///
    /// ## Why is this bad?
    /// FastAPI and DRF publish every route, parameter and model of the API by default. In production this hands an attacker a complete map of the attack surface, including internal and forgotten endpoints. Deduction: 5 points.
    ///
    /// ## Example
    /// ```text
    /// $ curl -s https://api.example.com/openapi.json
    /// {"openapi":"3.1.0","paths":{"/users/{user_id}":{...}}}
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)  # in production
    /// # or serve them only behind authentication / on an internal listener
    /// ```
    ///
    /// ## References
    /// - [FastAPI: Metadata and docs URLs](https://fastapi.tiangolo.com/tutorial/metadata/#docs-urls)
    /// - [CWE-200](https://cwe.mitre.org/data/definitions/200.html)
    pub static PRB_API_DOCS_EXPOSED = {
        code: "PRB029",
        name: "api-docs-exposed",
        analyzer: "probe",
        summary: "the interactive API docs or the OpenAPI schema are served to anyone",
        severity: Medium,
        confidence: High,
        cwe: 200,
    }
}
