pyward_core::declare_rule! {
    /// ## What it does
    /// Reports an index URL (`--index-url`, `--extra-index-url`, a lockfile source, a
    /// `[[tool.uv.index]]` or Poetry/PDM source) or a `--find-links` location that uses `http://`.
    /// Loopback addresses are not reported.
    ///
    /// ## Why is this bad?
    /// Packages fetched over plain HTTP can be replaced by anyone on the network path: a Wi-Fi
    /// access point, a compromised router, a proxy. The installed code then runs with your
    /// service's privileges.
    ///
    /// ## Example
    /// ```text
    /// --index-url http://pypi.internal.example.com/simple
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// --index-url https://pypi.internal.example.com/simple
    /// ```
    ///
    /// ## References
    /// - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    /// - [pip: --index-url](https://pip.pypa.io/en/stable/cli/pip_install/#cmdoption-i)
    pub static INSECURE_INDEX = {
        code: "DEP105",
        name: "insecure-package-source",
        analyzer: "deps",
        summary: "A package index or find-links location uses plain HTTP",
        severity: High,
        confidence: High,
        cwe: 319,
    }
}
