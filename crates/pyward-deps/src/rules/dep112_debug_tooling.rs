pyward_core::declare_rule! {
    /// ## What it does
    /// Reports debugging tools (django-debug-toolbar, Flask-DebugToolbar, ipdb, pdbpp, pudb,
    /// debugpy, remote-pdb, web-pdb, Werkzeug's debugger extras and the like) in a production
    /// dependency set: `[project] dependencies`, a main lockfile group, or a requirements file not
    /// named for development or tests. Each package is reported once, however many manifests
    /// name it. Remote debuggers (debugpy, remote-pdb, the Werkzeug console) keep the rule's
    /// severity; toolbars, which render only with `DEBUG` on, and interactive debuggers, which
    /// stop only where code calls them, are reported at low severity and confidence.
    ///
    /// ## Why is this bad?
    /// Debug tooling exposes interactive consoles, stack frames with secrets and SQL, or opens
    /// a remote debugging port. Installed in production, one settings mistake (`DEBUG = True`,
    /// `INTERNAL_IPS` behind a proxy) turns it into remote code execution.
    ///
    /// ## Example
    /// ```toml
    /// [project]
    /// dependencies = ["django==5.1.4", "django-debug-toolbar==4.4.6"]
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [project]
    /// dependencies = ["django==5.1.4"]
    ///
    /// [dependency-groups]
    /// dev = ["django-debug-toolbar==4.4.6"]
    /// ```
    ///
    /// ## References
    /// - [CWE-489: Active Debug Code](https://cwe.mitre.org/data/definitions/489.html)
    /// - [Django debug toolbar: installation](https://django-debug-toolbar.readthedocs.io/en/latest/installation.html)
    pub static DEBUG_TOOLING = {
        code: "DEP112",
        name: "debug-tooling-in-production",
        analyzer: "deps",
        summary: "A debugging tool is in a production dependency set",
        severity: Medium,
        confidence: Medium,
        cwe: 489,
    }
}
