pyward_core::declare_rule! {
    /// ## What it does
    /// Reports a declared dependency range (in `pyproject.toml`, a PEP 723 script block, or an
    /// unpinned requirements line) that still admits a version affected by a known advisory.
    ///
    /// This is a different finding from `vulnerable-dependency`: nothing vulnerable is
    /// necessarily installed, but a fresh resolve, a downstream user of your package, or a
    /// `pip install` without the lockfile may pick a vulnerable version. The finding suggests a
    /// lower bound that excludes every known-affected version.
    ///
    /// When a lockfile in the same directory (or, failing that, any lock, compiled requirements
    /// file or `==` pin in the audited project) resolves the range to a version none of those
    /// advisories affects, the finding is informational (severity `info`, so it does not count
    /// against the default `--fail-on low`): what gets installed is the lock's safe version, and
    /// `vulnerable-dependency` reports the lock if it ever pins an affected one.
    ///
    /// ## Why is this bad?
    /// Ranges are how vulnerable versions creep back in: a lockfile regenerated against an old
    /// index mirror, a constraint elsewhere that forces an older release, or an install without
    /// the lock all stay inside the declared range. Raising the lower bound makes the safe
    /// version a requirement instead of an accident.
    ///
    /// ## Example
    /// ```toml
    /// [project]
    /// dependencies = ["django>=4.0"]
    /// ```
    ///
    /// ## Use instead
    /// ```toml
    /// [project]
    /// dependencies = ["django>=4.2.16"]
    /// ```
    ///
    /// ## References
    /// - [CWE-1395: Dependency on Vulnerable Third-Party Component](https://cwe.mitre.org/data/definitions/1395.html)
    /// - [PEP 440 version specifiers](https://peps.python.org/pep-0440/#version-specifiers)
    pub static VULNERABLE_RANGE = {
        code: "DEP002",
        name: "vulnerable-range",
        analyzer: "deps",
        summary: "A declared version range admits a version with a known vulnerability",
        severity: Low,
        confidence: Low,
        cwe: 1395,
    }
}
