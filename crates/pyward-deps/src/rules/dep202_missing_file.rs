pyward_core::declare_rule! {
    /// ## What it does
    /// With `pyward deps --env PATH`, reports files that an installed distribution's `RECORD` lists
    /// with a hash but that no longer exist.
    ///
    /// ## Why is this bad?
    /// A deleted file means the environment is not what was installed: a broken image build, a
    /// partial upgrade, or something removing a module to replace it elsewhere on `sys.path`.
    ///
    /// ## Example
    /// ```text
    /// $ rm .venv/lib/python3.12/site-packages/urllib3/util/ssl_.py
    /// ```
    ///
    /// ## Use instead
    /// Reinstall the distribution and rebuild the environment from the lockfile.
    ///
    /// ## References
    /// - [CWE-354: Improper Validation of Integrity Check Value](https://cwe.mitre.org/data/definitions/354.html)
    /// - [Recording installed projects (RECORD)](https://packaging.python.org/en/latest/specifications/recording-installed-packages/)
    pub static MISSING_INSTALLED_FILE = {
        code: "DEP202",
        name: "missing-installed-file",
        analyzer: "deps",
        summary: "A file listed in a distribution's RECORD is missing",
        severity: Medium,
        confidence: High,
        cwe: 354,
    }
}
