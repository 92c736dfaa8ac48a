pyward_core::declare_rule! {
    /// ## What it does
    /// Reads the leaf certificate's signature algorithm and reports SHA-1 and MD5 based ones.
    ///
    /// ## Why is this bad?
    /// Chosen-prefix collisions exist for MD5 and SHA-1, so a certificate signed with them can be forged; clients reject such certificates. Deduction: 20 points.
    ///
    /// ## Example
    /// ```text
    /// Signature Algorithm: sha1WithRSAEncryption
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Signature Algorithm: sha256WithRSAEncryption
    /// ```
    ///
    /// ## References
    /// - [SHAttered](https://shattered.io/)
    /// - [CA/Browser Forum Baseline Requirements](https://cabforum.org/baseline-requirements-documents/)
    /// - [CWE-328](https://cwe.mitre.org/data/definitions/328.html)
    pub static PRB_TLS_WEAK_SIGNATURE = {
        code: "PRB027",
        name: "tls-weak-signature",
        analyzer: "probe",
        summary: "the certificate is signed with SHA-1 or MD5",
        severity: High,
        confidence: High,
        cwe: 328,
    }
}
