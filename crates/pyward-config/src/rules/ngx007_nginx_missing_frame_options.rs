pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a server or location whose effective headers have neither `X-Frame-Options` nor a `Content-Security-Policy` with `frame-ancestors`.
    ///
    /// ## Why is this bad?
    /// Pages that can be framed by any site are open to clickjacking.
    ///
    /// ## Example
    /// ```nginx
    /// # no X-Frame-Options
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// add_header X-Frame-Options DENY always;
    /// ```
    ///
    /// ## References
    /// - [MDN: X-Frame-Options](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/X-Frame-Options)
    /// - [CWE-1021: Improper Restriction of Rendered UI Layers](https://cwe.mitre.org/data/definitions/1021.html)
    pub static NGX_NO_FRAME_OPTIONS = {
        code: "NGX007",
        name: "nginx-missing-frame-options",
        analyzer: "config",
        summary: "nginx sends neither X-Frame-Options nor CSP frame-ancestors",
        severity: Low,
        confidence: Medium,
        cwe: 1021,
    }
}
