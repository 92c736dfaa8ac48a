pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a response without `X-Content-Type-Options: nosniff`.
    ///
    /// ## Why is this bad?
    /// Without it, browsers may sniff an uploaded or user-controlled file as HTML or script and run it. Deduction: 5 points.
    ///
    /// ## Example
    /// ```text
    /// HTTP/1.1 200 OK
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// X-Content-Type-Options: nosniff
    /// ```
    ///
    /// ## References
    /// - [MDN: X-Content-Type-Options](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Content-Type-Options)
    /// - [CWE-693](https://cwe.mitre.org/data/definitions/693.html)
    pub static PRB_NO_NOSNIFF = {
        code: "PRB007",
        name: "missing-nosniff",
        analyzer: "probe",
        summary: "no X-Content-Type-Options: nosniff",
        severity: Low,
        confidence: High,
        cwe: 693,
    }
}
