pyward_core::declare_rule! {
    /// ## What it does
    /// Reports a dependency declared in `pyproject.toml` that the lockfile next to it does not lock,
    /// or locks at a version outside the declared range.
    ///
    /// ## Why is this bad?
    /// A stale lock means the deployed set is not the one the project declares: a raised lower
    /// bound meant to exclude a vulnerable release has no effect until the lock is regenerated.
    ///
    /// ## Example
    /// ```toml
    /// # pyproject.toml says django>=4.2.16, but uv.lock still has:
    /// [[package]]
    /// name = "django"
    /// version = "4.2.0"
    /// ```
    ///
    /// ## Use instead
    /// Re-lock (`uv lock`, `poetry lock`, `pdm lock`) and commit the result; `uv lock --check` in CI
    /// keeps it from drifting again.
    ///
    /// ## References
    /// - [CWE-1104: Use of Unmaintained Third Party Components](https://cwe.mitre.org/data/definitions/1104.html)
    /// - [uv: locking](https://docs.astral.sh/uv/concepts/projects/sync/)
    pub static STALE_LOCKFILE = {
        code: "DEP110",
        name: "stale-lockfile",
        analyzer: "deps",
        summary: "The lockfile no longer satisfies the dependencies declared in pyproject.toml",
        severity: Medium,
        confidence: High,
        cwe: 1104,
    }
}
