pyward_core::declare_rule! {
    /// ## What it does
    /// Looks at the landing page and requests `/static/`, `/media/` and `/uploads/`, and flags an automatic directory listing: nginx's `autoindex`, Apache's and Python's `http.server` index pages.
    ///
    /// ## Why is this bad?
    /// A listing shows every file in the directory, including ones never linked: user uploads, backups, source maps and temporary files. Deduction: 10 points.
    ///
    /// ## Example
    /// ```text
    /// $ curl -s http://app.example.com/media/
    /// <html><head><title>Index of /media/</title></head>
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// location /media/ {
    ///     autoindex off;
    /// }
    /// ```
    ///
    /// ## References
    /// - [OWASP: Testing for directory listing](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/04-Review_Old_Backup_and_Unreferenced_Files_for_Sensitive_Information)
    /// - [CWE-548](https://cwe.mitre.org/data/definitions/548.html)
    pub static PRB_DIRECTORY_LISTING = {
        code: "PRB037",
        name: "directory-listing",
        analyzer: "probe",
        summary: "the server lists the files of a directory",
        severity: Medium,
        confidence: High,
        cwe: 548,
    }
}
