pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `ENV` and `ARG` values that look like secrets: by name (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `API_KEY`…) with a literal value, by value (URLs with an embedded password such as `DATABASE_URL`, well-known key prefixes, high-entropy strings). Values are never printed.
    ///
    /// ## Why is this bad?
    /// Environment variables and build arguments are stored in the image metadata and history: anyone who can pull the image can read them. hadolint checks names only and misses `DATABASE_URL=postgres://user:pass@…`.
    ///
    /// ## Example
    /// ```dockerfile
    /// ENV DATABASE_URL=postgres://app:hunter2@db/app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// # pass secrets at run time, or use build secrets
    /// RUN --mount=type=secret,id=pip_token pip install -r requirements.txt
    /// ```
    ///
    /// ## References
    /// - [Docker build secrets](https://docs.docker.com/build/building/secrets/)
    /// - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    pub static DKR_SECRET = {
        code: "DKR004",
        name: "dockerfile-secret",
        analyzer: "config",
        summary: "A secret is baked into the image through ENV or ARG",
        severity: High,
        confidence: Medium,
        cwe: 798,
    }
}
