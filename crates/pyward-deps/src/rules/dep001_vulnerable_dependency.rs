pyward_core::declare_rule! {
    /// ## What it does
    /// Reports a dependency whose exact version (locked in a lockfile, pinned with `==` in a
    /// requirements file, or installed in an environment) is affected by a published advisory.
    ///
    /// The finding names the advisory and its aliases (CVE, GHSA), the manifest line that brought
    /// the package in, the lockfile parent where one is recorded, and the smallest version that
    /// clears every advisory known for the package.
    ///
    /// ## Why is this bad?
    /// A known vulnerability in a dependency is exploitable in your service as soon as the
    /// vulnerable code path is reachable, and public advisories come with write-ups that make
    /// exploitation cheap. This is the single most common way Python web services are
    /// compromised through their supply chain.
    ///
    /// The rule's default severity is high; each finding's severity comes from the advisory's CVSS v3/v4 vector when it has one, and is `unknown`
    /// otherwise; `unknown-severity` in the config decides how unknown counts for `--fail-on`.
    ///
    /// ## Example
    /// ```text
    /// # requirements.txt
    /// django==4.2.0
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # requirements.txt
    /// django==4.2.16
    /// ```
    /// For lockfiles, upgrade with the tool that wrote the lock (for example
    /// `uv lock --upgrade-package django`). If an advisory does not apply, ignore it with a
    /// reason and an expiry date:
    /// ```toml
    /// [[tool.pyward.ignore]]
    /// id = "CVE-2023-31047"
    /// reason = "we never use multiple file uploads"
    /// until = 2026-12-31
    /// ```
    ///
    /// ## References
    /// - [CWE-1395: Dependency on Vulnerable Third-Party Component](https://cwe.mitre.org/data/definitions/1395.html)
    /// - [OSV schema](https://ossf.github.io/osv-schema/)
    /// - [PyPA advisory database](https://github.com/pypa/advisory-database)
    pub static VULNERABLE_DEPENDENCY = {
        code: "DEP001",
        name: "vulnerable-dependency",
        analyzer: "deps",
        summary: "A locked, pinned or installed dependency version has a known vulnerability",
        severity: High,
        confidence: High,
        cwe: 1395,
    }
}
