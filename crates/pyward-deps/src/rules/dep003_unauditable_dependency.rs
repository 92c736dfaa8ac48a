pyward_core::declare_rule! {
    /// ## What it does
    /// Reports a dependency that cannot be checked against the advisory database: an editable
    /// install, a local path, a direct URL or a VCS checkout. The finding says why, so nothing
    /// is dropped silently.
    ///
    /// ## Why is this bad?
    /// Advisories are published against released versions on an index. A dependency fetched
    /// from a URL or a Git branch has no version to match, so a vulnerability in it goes
    /// unnoticed by every audit tool. Sometimes that is expected (your own packages in a
    /// monorepo); it should still be a conscious decision.
    ///
    /// ## Example
    /// ```text
    /// # requirements.txt
    /// -e ./vendor/payments
    /// git+https://github.com/example/lib.git@main#egg=lib
    /// ```
    ///
    /// ## Use instead
    /// Publish the package to your index and pin a released version, or pin the VCS reference
    /// to a full commit hash and ignore this rule for that package with a reason:
    /// ```toml
    /// [tool.pyward]
    /// ignore = [{ id = "DEP003", package = "payments", reason = "our own code, audited by pyward code" }]
    /// ```
    ///
    /// ## References
    /// - [CWE-1357: Reliance on Insufficiently Trustworthy Component](https://cwe.mitre.org/data/definitions/1357.html)
    /// - [pip: VCS support](https://pip.pypa.io/en/stable/topics/vcs-support/)
    pub static UNAUDITABLE_DEPENDENCY = {
        code: "DEP003",
        name: "unauditable-dependency",
        analyzer: "deps",
        summary: "A dependency cannot be matched against advisories (URL, VCS, local path or editable)",
        severity: Info,
        confidence: High,
        cwe: 1357,
    }
}
