pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `pip install -r FILE` without `--require-hashes` when `FILE` (next to the Dockerfile) carries `--hash=` entries.
    ///
    /// ## Why is this bad?
    /// pip only enforces hashes for every package when asked to; without the flag, a requirement added without a hash installs unchecked.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN pip install -r requirements.txt
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN pip install --require-hashes -r requirements.txt
    /// ```
    ///
    /// ## References
    /// - [pip: hash-checking mode](https://pip.pypa.io/en/stable/topics/secure-installs/)
    /// - [CWE-494](https://cwe.mitre.org/data/definitions/494.html)
    pub static DKR_PIP_NO_HASHES = {
        code: "DKR008",
        name: "dockerfile-pip-no-require-hashes",
        analyzer: "config",
        summary: "pip installs a hashed requirements file without --require-hashes",
        severity: Low,
        confidence: Medium,
        cwe: 494,
    }
}
