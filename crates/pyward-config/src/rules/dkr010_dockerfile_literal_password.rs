pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `RUN` lines that set an account password from a literal: `echo "root:pw" |
    /// chpasswd`, `echo "pw" | passwd --stdin user`, `printf 'pw\npw' | passwd user`,
    /// `usermod -p`/`useradd -p` with a literal hash. The password is never printed.
    ///
    /// ## Why is this bad?
    /// The password is in the Dockerfile, in the repository and in the image history, and it
    /// is the same in every container built from it. Together with an SSH server that permits
    /// root or password logins, anyone who reads the Dockerfile can log in.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN echo "root:Docker!" | chpasswd
    /// ```
    ///
    /// ## Use instead
    /// Use key-based access, or set the password at run time from a secret
    /// (`RUN --mount=type=secret,id=pw …`, or an entrypoint that reads `/run/secrets/…`).
    ///
    /// ## References
    /// - [Docker: build secrets](https://docs.docker.com/build/building/secrets/)
    /// - [CWE-798](https://cwe.mitre.org/data/definitions/798.html)
    pub static DKR_LITERAL_PASSWORD = {
        code: "DKR010",
        name: "dockerfile-literal-password",
        analyzer: "config",
        summary: "A RUN line sets an account password from a literal",
        severity: High,
        confidence: High,
        cwe: 798,
    }
}
