pyward_core::declare_rule! {
    /// ## What it does
    /// Reports a requirement in a deployment requirements file (any `*.txt` requirements file that
    /// is not named for development, tests, docs or linting) that is not pinned with `==` or `===`.
    /// Files that feed a lock or compile step are inputs, not deployments, and are not reported:
    /// `pyproject.toml`, `*.in` files, files a compiled requirements file names as its inputs
    /// (`# via -r FILE`, the `pip-compile` / `uv pip compile` command in its header), constraint
    /// files (`constraints*.txt`, anything included with `-c`), and requirements files under test
    /// paths (`tests/`, `test/`, `testing/`...). A package that the project pins exactly
    /// elsewhere (a lockfile, a compiled requirements file, an `==` line in another file) is
    /// not reported either: the range is the input to that pin, which `vulnerable-dependency`
    /// audits.
    ///
    /// ## Why is this bad?
    /// What gets installed changes from one deploy to the next: a new release (or a compromised
    /// one) of any unpinned package is picked up silently. Pinning makes the deployed set reviewable
    /// and reproducible, and lets an audit say exactly which version runs.
    ///
    /// ## Example
    /// ```text
    /// # requirements.txt
    /// flask>=2.0
    /// requests
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # requirements.txt (e.g. compiled with `uv pip compile requirements.in`)
    /// flask==3.0.3
    /// requests==2.32.3
    /// ```
    ///
    /// ## References
    /// - [CWE-1357: Reliance on Insufficiently Trustworthy Component](https://cwe.mitre.org/data/definitions/1357.html)
    /// - [pip: repeatable installs](https://pip.pypa.io/en/stable/topics/repeatable-installs/)
    pub static UNPINNED_REQUIREMENT = {
        code: "DEP101",
        name: "unpinned-requirement",
        analyzer: "deps",
        summary: "A requirement in a deployment file is not pinned to one exact version",
        severity: Medium,
        confidence: High,
        cwe: 1357,
    }
}
