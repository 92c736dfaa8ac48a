pyward_core::declare_rule! {
    /// ## What it does
    /// Reports an entry without `--hash` in a requirements file where other entries have hashes, or
    /// where hashes are required (`--require-hashes` in the file, `require-hashes = true` in
    /// `[tool.pyward.deps]`, or `pyward deps --require-hashes`). With hashes required, lockfile
    /// entries from an index without any recorded hash are reported too.
    ///
    /// ## Why is this bad?
    /// pip's hash-checking mode is all-or-nothing: once any entry has a hash, pip refuses the whole
    /// file if one entry lacks one, and when it is off, an unhashed entry can be swapped on the
    /// index or a mirror without anyone noticing. Hashes are what bind a deploy to the exact files
    /// that were reviewed.
    ///
    /// ## Example
    /// ```text
    /// requests==2.32.3 \
    ///     --hash=sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6
    /// urllib3==2.2.2
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// requests==2.32.3 \
    ///     --hash=sha256:70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6
    /// urllib3==2.2.2 \
    ///     --hash=sha256:a448b2f64d686155468037e1ace9f2d2199776e17f0a46610480d311f73e3472
    /// ```
    /// `uv pip compile --generate-hashes` or `pip-compile --generate-hashes` write them for you.
    ///
    /// ## References
    /// - [CWE-494: Download of Code Without Integrity Check](https://cwe.mitre.org/data/definitions/494.html)
    /// - [pip: secure installs (hash-checking mode)](https://pip.pypa.io/en/stable/topics/secure-installs/)
    pub static MISSING_HASH = {
        code: "DEP102",
        name: "missing-hash",
        analyzer: "deps",
        summary: "A deployment file uses hashes, or hashes are required, but an entry has none",
        severity: High,
        confidence: High,
        cwe: 494,
    }
}
