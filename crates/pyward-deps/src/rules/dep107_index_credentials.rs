pyward_core::declare_rule! {
    /// ## What it does
    /// Reports a user name, password or token embedded in an index URL, a find-links location or a
    /// direct/VCS requirement URL (`https://user:token@host/...`). pyward redacts the credentials
    /// in every message and output format.
    ///
    /// ## Why is this bad?
    /// Requirements files and lockfiles are committed, copied into images and printed in CI logs,
    /// so the credential leaks to everyone who can read any of them. Index tokens often grant
    /// upload rights too.
    ///
    /// ## Example
    /// ```text
    /// --extra-index-url https://deploy:hunter2@pypi.internal.example.com/simple
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// --extra-index-url https://pypi.internal.example.com/simple
    /// ```
    /// and give pip the credential through `.netrc`, keyring or `PIP_INDEX_URL` set by the CI secret store.
    ///
    /// ## References
    /// - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    /// - [pip: authentication](https://pip.pypa.io/en/stable/topics/authentication/)
    pub static INDEX_CREDENTIALS = {
        code: "DEP107",
        name: "credentials-in-index-url",
        analyzer: "deps",
        summary: "An index or package URL embeds credentials",
        severity: High,
        confidence: High,
        cwe: 798,
    }
}
