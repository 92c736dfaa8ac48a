pyward_core::declare_rule! {
    /// ## What it does
    /// With `pyward deps --online`, reports a pinned, locked or installed version whose files the
    /// index marks as yanked (PEP 592), with the reason the maintainers gave.
    ///
    /// ## Why is this bad?
    /// Maintainers yank a release when it is broken or unsafe; pip still installs it when pinned
    /// exactly, so a yanked pin stays in production until someone looks.
    ///
    /// ## Example
    /// ```text
    /// # requirements.txt
    /// example-lib==2.0.0   # yanked: "data loss on upgrade"
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// example-lib==2.0.1
    /// ```
    ///
    /// ## References
    /// - [CWE-1104: Use of Unmaintained Third Party Components](https://cwe.mitre.org/data/definitions/1104.html)
    /// - [PEP 592: yanked files](https://peps.python.org/pep-0592/)
    pub static YANKED_RELEASE = {
        code: "DEP113",
        name: "yanked-release",
        analyzer: "deps",
        summary: "A pinned or locked version has been yanked from the index",
        severity: Medium,
        confidence: High,
        cwe: 1104,
    }
}
