pyward_core::declare_rule! {
    /// ## What it does
    /// Reports a requirement that downloads an archive from a direct URL without a hash, either as
    /// a URL fragment (`#sha256=...`) or a `--hash` option.
    ///
    /// ## Why is this bad?
    /// Whatever the server returns is installed and executed. A compromised host, an expired
    /// domain bought by someone else, or a plain-HTTP hop can replace the archive.
    ///
    /// ## Example
    /// ```text
    /// payments @ https://files.example.com/payments-1.4.0-py3-none-any.whl
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// payments @ https://files.example.com/payments-1.4.0-py3-none-any.whl#sha256=<64 hex digits>
    /// ```
    ///
    /// ## References
    /// - [CWE-494: Download of Code Without Integrity Check](https://cwe.mitre.org/data/definitions/494.html)
    /// - [PEP 440: direct references](https://peps.python.org/pep-0440/#direct-references)
    pub static URL_WITHOUT_HASH = {
        code: "DEP104",
        name: "url-without-hash",
        analyzer: "deps",
        summary: "A direct URL requirement has no hash",
        severity: Medium,
        confidence: High,
        cwe: 494,
    }
}
