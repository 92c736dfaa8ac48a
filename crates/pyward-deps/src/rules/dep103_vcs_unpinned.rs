pyward_core::declare_rule! {
    /// ## What it does
    /// Reports a version-control requirement (`git+https://...`) whose reference is a branch, a tag,
    /// an abbreviated hash or nothing, instead of a full commit hash (40 or 64 hex digits).
    ///
    /// ## Why is this bad?
    /// Branches move and tags can be re-pointed, so the code installed tomorrow is not the code
    /// reviewed today; anyone who can push to that repository can change what you deploy. Only a
    /// full commit hash names immutable content.
    ///
    /// ## Example
    /// ```text
    /// auth-lib @ git+https://github.com/example/auth-lib.git@main
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// auth-lib @ git+https://github.com/example/auth-lib.git@4f2a9c0e1d3b5a7f9e8d6c4b2a0f1e3d5c7b9a8f
    /// ```
    ///
    /// ## References
    /// - [CWE-829: Inclusion of Functionality from Untrusted Control Sphere](https://cwe.mitre.org/data/definitions/829.html)
    /// - [pip: VCS support](https://pip.pypa.io/en/stable/topics/vcs-support/)
    pub static VCS_NOT_PINNED = {
        code: "DEP103",
        name: "vcs-not-pinned-to-commit",
        analyzer: "deps",
        summary: "A VCS requirement is not pinned to a full commit hash",
        severity: Medium,
        confidence: High,
        cwe: 829,
    }
}
