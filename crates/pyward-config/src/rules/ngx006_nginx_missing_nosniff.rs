pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a server or location whose effective `add_header` set lacks `X-Content-Type-Options: nosniff`.
    ///
    /// ## Why is this bad?
    /// Without `nosniff`, browsers may guess a response's type and execute an uploaded text file as script.
    ///
    /// ## Example
    /// ```nginx
    /// # no X-Content-Type-Options
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// add_header X-Content-Type-Options nosniff always;
    /// ```
    ///
    /// ## References
    /// - [MDN: X-Content-Type-Options](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Content-Type-Options)
    /// - [CWE-693](https://cwe.mitre.org/data/definitions/693.html)
    pub static NGX_NO_NOSNIFF = {
        code: "NGX006",
        name: "nginx-missing-nosniff",
        analyzer: "config",
        summary: "nginx sends no X-Content-Type-Options: nosniff header",
        severity: Low,
        confidence: Medium,
        cwe: 693,
    }
}
