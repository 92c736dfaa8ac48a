pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `environment` entries (map or list form) whose value looks like a secret (by name or value); `${VAR}` references are fine. Values are never printed.
    ///
    /// A value that is an obvious stand-in from a template (`changethis`, `change-me`,
    /// `CHANGEME`, `replace_me`, `your-…-here`, `xxxx`, `todo`, `example`) under a secret's name
    /// is no leaked secret: it is reported at low severity as a placeholder that must be replaced
    /// before deploying (an app that keeps it is open to anyone who read the template). Known
    /// credential prefixes and URLs with passwords are reported as secrets whatever they say.
    ///
    /// An entry in a YAML anchor merged into several services (`<<: *common-env`) is reported
    /// once, naming how many more services merge it (as every compose rule does).
    ///
    /// ## Why is this bad?
    /// Compose files are committed to version control; a literal password there is shared with everyone who can read the repository.
    ///
    /// ## Example
    /// ```yaml
    /// environment:
    ///   POSTGRES_PASSWORD: hunter2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// environment:
    ///   POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    /// secrets:
    ///   - db_password
    /// ```
    ///
    /// ## References
    /// - [Compose: secrets](https://docs.docker.com/compose/how-tos/use-secrets/)
    /// - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    pub static CMP_PLAINTEXT_SECRET = {
        code: "CMP005",
        name: "compose-plaintext-secret",
        analyzer: "config",
        summary: "A compose file holds a password or key in environment",
        severity: High,
        confidence: Low,
        cwe: 798,
    }
}
