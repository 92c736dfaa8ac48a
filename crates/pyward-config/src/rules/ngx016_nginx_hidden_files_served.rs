pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a server with a `root` or `alias` and no location matching dotfiles (`/\.`, `.git`, `.env`) that denies them (`deny all` or `return 403/404`).
    ///
    /// Only a directory that could be a project or repository root counts: one served from a
    /// static-files or upload directory (an `alias`/`root` whose served path ends in a name
    /// containing `static`, such as a collectstatic `STATIC_ROOT`, or in `media`, `mediafiles`,
    /// `uploads`, `assets` or `dist`) holds no `.git` or `.env` of the project. A `root` in a
    /// prefix location serves root plus the location's path (`location /media/ { root /srv/app; }`
    /// serves `/srv/app/media/`). Paths with variables count as possible project roots.
    ///
    /// ## Why is this bad?
    /// Deployments often leave `.git` or `.env` in the web root: the whole source history or the production secrets become downloadable.
    ///
    /// ## Example
    /// ```nginx
    /// server {
    ///     root /srv/app/public;
    /// }
    /// ```
    ///
    /// ## Use instead
    /// ```nginx
    /// server {
    ///     root /srv/app/public;
    ///     location ~ /\. { deny all; }
    /// }
    /// ```
    ///
    /// ## References
    /// - [CWE-538: Insertion of Sensitive Information into Externally-Accessible File or Directory](https://cwe.mitre.org/data/definitions/538.html)
    pub static NGX_HIDDEN_FILES = {
        code: "NGX016",
        name: "nginx-hidden-files-served",
        analyzer: "config",
        summary: "nginx serves files from disk without denying .git and .env",
        severity: Medium,
        confidence: Medium,
        cwe: 538,
    }
}
