pyward_core::declare_rule! {
    /// ## What it does
    /// Reads the leaf certificate's notAfter and reports it high when it has passed, medium when fewer than 30 days are left.
    ///
    /// ## Why is this bad?
    /// An expired certificate breaks every client that verifies it (an outage) and teaches users to ignore warnings; one about to expire shows that renewal is not automated or has stopped. Deduction: 40 points when expired, 5 when expiring.
    ///
    /// ## Example
    /// ```text
    /// notAfter=Jan  1 00:00:00 2021 GMT
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # renew automatically, e.g. certbot renew from a timer, well before 30 days are left
    /// ```
    ///
    /// ## References
    /// - [Let's Encrypt: integration guide (renewal)](https://letsencrypt.org/docs/integration-guide/)
    /// - [CWE-324](https://cwe.mitre.org/data/definitions/324.html)
    pub static PRB_TLS_CERT_EXPIRY = {
        code: "PRB025",
        name: "tls-certificate-expiry",
        analyzer: "probe",
        summary: "the certificate has expired, or expires in under 30 days",
        severity: High,
        confidence: High,
        cwe: 324,
    }
}
