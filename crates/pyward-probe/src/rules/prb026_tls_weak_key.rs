pyward_core::declare_rule! {
    /// ## What it does
    /// Reads the leaf certificate's public key and reports an RSA or DSA key under 2048 bits or an elliptic-curve key under 256 bits.
    ///
    /// ## Why is this bad?
    /// Small keys can be factored or broken with affordable computation, after which the server can be impersonated. Deduction: 20 points.
    ///
    /// ## Example
    /// ```text
    /// Public-Key: (1024 bit)
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ openssl req -newkey rsa:2048 ...   # or: -newkey ec -pkeyopt ec_paramgen_curve:P-256
    /// ```
    ///
    /// ## References
    /// - [NIST SP 800-131A: key lengths](https://csrc.nist.gov/pubs/sp/800/131/a/r2/final)
    /// - [CWE-326](https://cwe.mitre.org/data/definitions/326.html)
    pub static PRB_TLS_WEAK_KEY = {
        code: "PRB026",
        name: "tls-weak-key",
        analyzer: "probe",
        summary: "the certificate's key is too small (RSA under 2048 bits, EC under 256)",
        severity: High,
        confidence: High,
        cwe: 326,
    }
}
