pyward_core::declare_rule! {
    /// ## What it does
    /// With `pyward deps --online`, reports a dependency whose project status on the index
    /// (PEP 792) is `archived`, `deprecated` or `quarantined`.
    ///
    /// ## Why is this bad?
    /// An archived project will not get security fixes; a deprecated one tells you to move on;
    /// a quarantined one was taken offline by the index, usually for malware.
    ///
    /// ## Example
    /// ```text
    /// legacy-client==1.9.0   # project status: archived
    /// ```
    ///
    /// ## Use instead
    /// Replace the dependency with a maintained alternative, or vendor and own it.
    ///
    /// ## References
    /// - [CWE-1104: Use of Unmaintained Third Party Components](https://cwe.mitre.org/data/definitions/1104.html)
    /// - [PEP 792: project status markers](https://peps.python.org/pep-0792/)
    pub static PROJECT_STATUS = {
        code: "DEP114",
        name: "inactive-project",
        analyzer: "deps",
        summary: "The index marks a dependency's project as archived, deprecated or quarantined",
        severity: Medium,
        confidence: High,
        cwe: 1104,
    }
}
