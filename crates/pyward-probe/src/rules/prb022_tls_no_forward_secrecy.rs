pyward_core::declare_rule! {
    /// ## What it does
    /// Offers static-RSA suites first and ECDHE/DHE suites after them, under the best TLS version up to 1.2 the server accepts, and reports a server that picks the static-RSA suite: it follows the client's order instead of preferring forward secrecy. A server speaking only TLS 1.3 always has forward secrecy.
    ///
    /// ## Why is this bad?
    /// With static RSA key exchange, whoever obtains the server's private key later can decrypt every recorded session. ECDHE and DHE keys live only for one handshake. Deduction: 10 points.
    ///
    /// ## Example
    /// ```text
    /// ssl_ciphers AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256;
    /// ssl_prefer_server_ciphers off;
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// ssl_ciphers ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384;
    /// ssl_prefer_server_ciphers on;
    /// ```
    ///
    /// ## References
    /// - [Mozilla: Server Side TLS](https://wiki.mozilla.org/Security/Server_Side_TLS)
    /// - [RFC 7525: Recommendations for Secure Use of TLS](https://www.rfc-editor.org/rfc/rfc7525)
    /// - [CWE-327](https://cwe.mitre.org/data/definitions/327.html)
    pub static PRB_TLS_NO_FORWARD_SECRECY = {
        code: "PRB022",
        name: "tls-no-forward-secrecy",
        analyzer: "probe",
        summary: "the server picks a suite without forward secrecy over an offered ECDHE/DHE one",
        severity: Medium,
        confidence: High,
        cwe: 327,
    }
}
