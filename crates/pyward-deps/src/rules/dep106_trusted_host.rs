pyward_core::declare_rule! {
    /// ## What it does
    /// Reports `--trusted-host` in a requirements file.
    ///
    /// ## Why is this bad?
    /// `--trusted-host` tells pip to accept plain HTTP and invalid or self-signed certificates from
    /// that host, so an attacker in the middle can serve any package under any name.
    ///
    /// ## Example
    /// ```text
    /// --index-url https://pypi.internal.example.com/simple
    /// --trusted-host pypi.internal.example.com
    /// ```
    ///
    /// ## Use instead
    /// Install the internal CA into the system trust store (or point `PIP_CERT`/`SSL_CERT_FILE` at it)
    /// and drop `--trusted-host`.
    ///
    /// ## References
    /// - [CWE-295: Improper Certificate Validation](https://cwe.mitre.org/data/definitions/295.html)
    /// - [pip: --trusted-host](https://pip.pypa.io/en/stable/cli/pip/#cmdoption-trusted-host)
    pub static TRUSTED_HOST = {
        code: "DEP106",
        name: "trusted-host",
        analyzer: "deps",
        summary: "`--trusted-host` turns off TLS verification for a package host",
        severity: Medium,
        confidence: High,
        cwe: 295,
    }
}
