pyward_core::declare_rule! {
    /// ## What it does
    /// Reports a response without `Cross-Origin-Opener-Policy` or without `Cross-Origin-Resource-Policy`.
    ///
    /// ## Why is this bad?
    /// COOP isolates the page from windows it opens or is opened by; CORP stops other sites from embedding its resources, which limits cross-origin leaks such as Spectre-style reads. No deduction.
    ///
    /// ## Example
    /// ```text
    /// HTTP/1.1 200 OK
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Cross-Origin-Opener-Policy: same-origin
    /// Cross-Origin-Resource-Policy: same-origin
    /// ```
    ///
    /// ## References
    /// - [MDN: Cross-Origin-Opener-Policy](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Cross-Origin-Opener-Policy)
    /// - [CWE-1021](https://cwe.mitre.org/data/definitions/1021.html)
    pub static PRB_NO_COOP_CORP = {
        code: "PRB011",
        name: "missing-cross-origin-policies",
        analyzer: "probe",
        summary: "no Cross-Origin-Opener-Policy or Cross-Origin-Resource-Policy",
        severity: Info,
        confidence: Medium,
        cwe: 1021,
    }
}
