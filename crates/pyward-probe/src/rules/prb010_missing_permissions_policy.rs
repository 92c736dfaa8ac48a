pyward_core::declare_rule! {
    /// ## What it does
    /// Reports a response without a `Permissions-Policy` header.
    ///
    /// ## Why is this bad?
    /// Without it, any script on the page, including a compromised third-party one, may ask for the camera, microphone or location. No deduction.
    ///
    /// ## Example
    /// ```text
    /// HTTP/1.1 200 OK
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Permissions-Policy: camera=(), microphone=(), geolocation=()
    /// ```
    ///
    /// ## References
    /// - [MDN: Permissions-Policy](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Permissions-Policy)
    /// - [CWE-693](https://cwe.mitre.org/data/definitions/693.html)
    pub static PRB_NO_PERMISSIONS_POLICY = {
        code: "PRB010",
        name: "missing-permissions-policy",
        analyzer: "probe",
        summary: "no Permissions-Policy header",
        severity: Info,
        confidence: Medium,
        cwe: 693,
    }
}
