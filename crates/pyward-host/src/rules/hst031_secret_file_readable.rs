pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `.env` files, private keys (files holding a `PRIVATE KEY` block) and Django settings modules in the app roots, and keys in `/etc/ssl/private`, that users other than the owner and group may read.
    ///
    /// ## Why is this bad?
    /// Database passwords, `SECRET_KEY` and TLS keys in a world-readable file are one local account, or one path traversal in another service, away from an attacker.
    ///
    /// ## Example
    /// ```text
    /// $ ls -l /srv/app/.env
    /// -rw-r--r-- 1 app app 240 .env
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ chmod 600 /srv/app/.env
    /// ```
    ///
    /// ## References
    /// - [OWASP ASVS 4.0.3 V6.4 Secret management](https://owasp.org/www-project-application-security-verification-standard/)
    /// - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    pub static HST_SECRET_READABLE = {
        code: "HST031",
        name: "secret-file-readable",
        analyzer: "host",
        summary: "a file holding secrets is readable by other users",
        severity: High,
        confidence: High,
        cwe: 732,
    }
}
