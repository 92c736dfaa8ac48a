pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a response with neither `X-Frame-Options` (DENY or SAMEORIGIN) nor a CSP `frame-ancestors` directive.
    ///
    /// ## Why is this bad?
    /// Pages that may be framed by any site can be overlaid with a decoy and used for clickjacking. Deduction: 20 points.
    ///
    /// ## Example
    /// ```text
    /// HTTP/1.1 200 OK
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Content-Security-Policy: frame-ancestors 'none'
    /// X-Frame-Options: DENY
    /// ```
    ///
    /// ## References
    /// - [MDN: X-Frame-Options](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Frame-Options)
    /// - [CWE-1021](https://cwe.mitre.org/data/definitions/1021.html)
    pub static PRB_NO_FRAME_OPTIONS = {
        code: "PRB008",
        name: "missing-frame-protection",
        analyzer: "probe",
        summary: "neither X-Frame-Options nor CSP frame-ancestors",
        severity: Low,
        confidence: High,
        cwe: 1021,
    }
}
