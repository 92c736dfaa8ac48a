pyward_core::declare_rule! {
    /// ## What it does
    /// Requests a short list of common dump and backup names at the origin's root: `backup.zip`, `backup.tar.gz`, `backup.sql`, `dump.sql`, `db.sql`, `database.sql`, `db.sqlite3` and `site.zip`, asking for the first 4 KiB only. It flags an answer whose bytes are a ZIP or gzip archive, an SQLite database or an SQL dump (a dump header, or `CREATE TABLE`/`INSERT INTO` in text that is not HTML).
    ///
    /// ## Why is this bad?
    /// A dump holds every user record and password hash; an archive of the site holds its source and settings. Both are often left in the web root after a migration. Deduction: 40 points.
    ///
    /// ## Example
    /// ```text
    /// $ curl -s -r 0-15 http://app.example.com/db.sqlite3
    /// SQLite format 3
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # keep dumps and backups outside the web root, and remove them after use
    /// ```
    ///
    /// ## References
    /// - [OWASP: Review old backup and unreferenced files](https://owasp.org/www-project-web-security-testing-guide/latest/4-Web_Application_Security_Testing/02-Configuration_and_Deployment_Management_Testing/04-Review_Old_Backup_and_Unreferenced_Files_for_Sensitive_Information)
    /// - [CWE-530](https://cwe.mitre.org/data/definitions/530.html)
    pub static PRB_BACKUP_EXPOSED = {
        code: "PRB035",
        name: "backup-exposed",
        analyzer: "probe",
        summary: "a database dump or backup archive is downloadable",
        severity: High,
        confidence: High,
        cwe: 530,
    }
}
