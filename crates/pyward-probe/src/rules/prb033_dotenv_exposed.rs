pyward_core::declare_rule! {
    /// ## What it does
    /// Requests `/.env` and flags an answer whose lines are `NAME=value` assignments (not an HTML page). The finding names the variables it saw, never their values.
    ///
    /// ## Why is this bad?
    /// `.env` files hold the database password, the secret key and API tokens. A web root that serves dotfiles gives them to anyone who asks. Deduction: 100 points.
    ///
    /// ## Example
    /// ```text
    /// $ curl -s http://app.example.com/.env
    /// DATABASE_URL=postgres://app:...@db/app
    /// SECRET_KEY=...
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # nginx: refuse every dotfile, and keep .env outside the web root
    /// location ~ /\. { return 404; }
    /// ```
    ///
    /// ## References
    /// - [OWASP: Review old backup and unreferenced files](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/04-Review_Old_Backup_and_Unreferenced_Files_for_Sensitive_Information)
    /// - [CWE-538](https://cwe.mitre.org/data/definitions/538.html)
    pub static PRB_DOTENV_EXPOSED = {
        code: "PRB033",
        name: "dotenv-exposed",
        analyzer: "probe",
        summary: "the application's .env file is downloadable",
        severity: Critical,
        confidence: High,
        cwe: 538,
    }
}
