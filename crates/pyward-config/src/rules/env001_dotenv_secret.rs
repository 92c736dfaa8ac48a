pyward_core::declare_rule! {
    /// ## What it does
    /// Flags entries whose value looks like a secret (by name with a literal value, URLs with passwords, known key prefixes, high-entropy strings). `.env.example`/`.sample`/`.template` files are not scanned. Values are never printed.
    ///
    /// A value that is an obvious stand-in from a template (`changethis`, `change-me`,
    /// `CHANGEME`, `replace_me`, `your-…-here`, `xxxx`, `todo`, `example`) under a secret's name
    /// is no leaked secret: it is reported at low severity as a placeholder that must be replaced
    /// before deploying (an app that keeps it is open to anyone who read the template). Known
    /// credential prefixes and URLs with passwords are reported as secrets whatever they say.
    ///
    /// ## Why is this bad?
    /// `.env` files end up in repositories, images and backups. Keep them out of version control and the image, with tight permissions, or use a secret manager.
    ///
    /// ## Example
    /// ```text
    /// SECRET_KEY=9f8e7d6c5b4a39281706f5e4d3c2b1a0
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// SECRET_KEY=${SECRET_KEY}  # injected at deploy time
    /// ```
    ///
    /// ## References
    /// - [The Twelve-Factor App: Config](https://12factor.net/config)
    /// - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    pub static ENV_SECRET = {
        code: "ENV001",
        name: "dotenv-secret",
        analyzer: "config",
        summary: "A .env file holds secrets",
        severity: Medium,
        confidence: Low,
        cwe: 798,
    }
}
