pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `RUN` commands where `curl` or `wget` output is piped into `sh`, `bash`, `python` or similar.
    ///
    /// ## Why is this bad?
    /// Whatever the server returns at build time runs as root in the build, with no integrity check.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN curl -sSL https://install.example.com | sh
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN curl -fsSLo install.sh https://install.example.com \
    ///  && echo "<sha256>  install.sh" | sha256sum -c - && sh install.sh
    /// ```
    ///
    /// ## References
    /// - [CWE-494: Download of Code Without Integrity Check](https://cwe.mitre.org/data/definitions/494.html)
    pub static DKR_CURL_PIPE_SH = {
        code: "DKR006",
        name: "dockerfile-curl-pipe-shell",
        analyzer: "config",
        summary: "A downloaded script is piped into a shell",
        severity: Medium,
        confidence: High,
        cwe: 494,
    }
}
