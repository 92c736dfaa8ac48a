pyward_core::declare_rule! {
    /// ## What it does
    /// Offers the suites of one weak family at a time (RC4, 3DES, export, NULL encryption, anonymous key exchange; and CBC suites with SHA-1 MACs under TLS 1.0), removing each suite the server picks until it refuses, and reports every accepted suite by its IANA name, one finding per family. RC4, 3DES, export, NULL and anonymous suites are high; CBC with SHA-1 under TLS 1.0 is medium.
    ///
    /// ## Why is this bad?
    /// RC4 is broken, 3DES falls to Sweet32, export suites to FREAK and Logjam, NULL suites do not encrypt at all and anonymous suites do not authenticate the server, so anyone on the path can read or change the traffic. CBC with SHA-1 under TLS 1.0 is open to BEAST and Lucky13-style attacks. Deduction: 20 points per high family, 5 for CBC-SHA1 under TLS 1.0.
    ///
    /// ## Example
    /// ```text
    /// ssl_ciphers ALL:@SECLEVEL=0;
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
    /// ```
    ///
    /// ## References
    /// - [RFC 7465: Prohibiting RC4 Cipher Suites](https://www.rfc-editor.org/rfc/rfc7465)
    /// - [Sweet32](https://sweet32.info/)
    /// - [IANA TLS cipher suite registry](https://www.iana.org/assignments/tls-parameters/tls-parameters.xhtml#tls-parameters-4)
    /// - [CWE-327](https://cwe.mitre.org/data/definitions/327.html)
    pub static PRB_TLS_WEAK_SUITES = {
        code: "PRB021",
        name: "tls-weak-cipher-suite",
        analyzer: "probe",
        summary: "the server accepts weak cipher suites (RC4, 3DES, export, NULL, anonymous, CBC-SHA1 under TLS 1.0)",
        severity: High,
        confidence: High,
        cwe: 327,
    }
}
