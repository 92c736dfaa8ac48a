pyward_core::declare_rule! {
    /// ## What it does
    /// Reports a lockfile entry whose recorded index is neither PyPI nor an index the project
    /// declares (`[[tool.uv.index]]`, `[[tool.poetry.source]]`, `[[tool.pdm.source]]`, or the
    /// indexes given to `pyward deps --index-url`).
    ///
    /// ## Why is this bad?
    /// A lock regenerated on a machine with a different `PIP_INDEX_URL` or a stray `uv.toml`
    /// silently moves packages to another server. The lock then installs whatever that server
    /// serves, and reviewers see only a changed URL deep in a generated file.
    ///
    /// ## Example
    /// ```toml
    /// # uv.lock
    /// [[package]]
    /// name = "requests"
    /// source = { registry = "https://mirror.example.net/simple" }
    /// ```
    ///
    /// ## Use instead
    /// Declare the index in `pyproject.toml` (for uv, `[[tool.uv.index]]`) or re-lock against the
    /// declared one.
    ///
    /// ## References
    /// - [CWE-829: Inclusion of Functionality from Untrusted Control Sphere](https://cwe.mitre.org/data/definitions/829.html)
    /// - [uv: package indexes](https://docs.astral.sh/uv/concepts/indexes/)
    pub static UNDECLARED_LOCK_INDEX = {
        code: "DEP109",
        name: "undeclared-lock-index",
        analyzer: "deps",
        summary: "A lockfile entry was resolved from an index the project does not declare",
        severity: High,
        confidence: Medium,
        cwe: 829,
    }
}
