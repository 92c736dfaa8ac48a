pyward_core::declare_rule! {
    /// ## What it does
    /// Checks the leaf certificate's subject alternative names against the host of the probed URL (sent as SNI; an IP address is matched against IP SANs).
    ///
    /// ## Why is this bad?
    /// Browsers and HTTP clients refuse a certificate issued for another name; users trained to click through the warning accept an attacker's certificate just as well. Deduction: 30 points.
    ///
    /// ## Example
    /// ```text
    /// URL:          https://api.example.com/
    /// certificate:  DNS:www.example.com
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// certificate:  DNS:api.example.com, DNS:www.example.com
    /// ```
    ///
    /// ## References
    /// - [RFC 6125: server identity](https://www.rfc-editor.org/rfc/rfc6125)
    /// - [CWE-297](https://cwe.mitre.org/data/definitions/297.html)
    pub static PRB_TLS_HOSTNAME_MISMATCH = {
        code: "PRB024",
        name: "tls-hostname-mismatch",
        analyzer: "probe",
        summary: "the certificate is not valid for the host name probed",
        severity: High,
        confidence: High,
        cwe: 297,
    }
}
