pyward_core::declare_rule! {
    /// ## What it does
    /// Checks every `NAME=value` of the image config's `Env` with pyward's secret detector: a
    /// provider credential, a URL with a password, a literal under a secret-like name, or a
    /// long random token. The finding names the variable and why, never the value. Public key
    /// fingerprints and checksums (`GPG_KEY`, `*_SHA256`, `*_VERSION`) are only reported when the
    /// value has a provider's format or holds a password in a URL.
    ///
    /// ## Why is this bad?
    /// `Env` is part of the image: anyone who can pull the image reads it with
    /// `docker inspect`, it is copied to every registry and cache the image passes through, and
    /// it stays in the image after the variable is overridden at run time.
    ///
    /// ## Example
    /// ```text
    /// ENV DATABASE_URL=postgres://app:s3cr3t@db/app
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # pass secrets at run time (orchestrator secrets, a mounted file), not in the image
    /// ENV DATABASE_URL_FILE=/run/secrets/database_url
    /// ```
    ///
    /// ## References
    /// - [Docker: build secrets](https://docs.docker.com/build/building/secrets/)
    /// - [CWE-798](https://cwe.mitre.org/data/definitions/798.html)
    pub static IMG_SECRET_IN_ENV = {
        code: "IMG002",
        name: "image-env-secret",
        analyzer: "image",
        summary: "the image config's Env holds a secret",
        severity: High,
        confidence: Medium,
        cwe: 798,
    }
}
