pyward_core::declare_rule! {
    /// ## What it does
    /// Reports, as information, whether the origin meets the requirements hstspreload.org publishes: an HSTS header on the HTTPS response of the base domain with `max-age` of at least 31536000, `includeSubDomains` and `preload`, and plain HTTP redirecting to HTTPS on the same host. The finding lists what is missing. It does not check whether the domain is on the list. No deduction.
    ///
    /// ## Why is this bad?
    /// A preloaded domain is HTTPS-only in browsers from the very first visit; without preload, the first request of a new browser can still be intercepted.
    ///
    /// ## Example
    /// ```text
    /// Strict-Transport-Security: max-age=31536000
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Strict-Transport-Security: max-age=63072000; includeSubDomains; preload
    /// ```
    ///
    /// ## References
    /// - [HSTS preload list: submission requirements](https://hstspreload.org/)
    /// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
    pub static PRB_HSTS_PRELOAD = {
        code: "PRB004",
        name: "hsts-preload-status",
        analyzer: "probe",
        summary: "whether the origin meets the HSTS preload list's published requirements",
        severity: Info,
        confidence: Medium,
        cwe: 319,
    }
}
