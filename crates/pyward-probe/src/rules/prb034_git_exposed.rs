pyward_core::declare_rule! {
    /// ## What it does
    /// Requests `/.git/HEAD` and `/.git/config` and flags a Git HEAD (`ref: refs/...` or a commit id) or a Git config (`[core]` section) in the answer.
    ///
    /// ## Why is this bad?
    /// With `.git` readable, the whole repository (source code, history, and any secret ever committed) can be rebuilt object by object with common tools. Deduction: 40 points.
    ///
    /// ## Example
    /// ```text
    /// $ curl -s http://app.example.com/.git/HEAD
    /// ref: refs/heads/main
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # deploy build artefacts, not a checkout; and in nginx:
    /// location ~ /\. { return 404; }
    /// ```
    ///
    /// ## References
    /// - [OWASP: Review old backup and unreferenced files](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/04-Review_Old_Backup_and_Unreferenced_Files_for_Sensitive_Information)
    /// - [CWE-527](https://cwe.mitre.org/data/definitions/527.html)
    pub static PRB_GIT_EXPOSED = {
        code: "PRB034",
        name: "git-exposed",
        analyzer: "probe",
        summary: "the .git directory of the deployment is downloadable",
        severity: High,
        confidence: High,
        cwe: 527,
    }
}
