pyward_core::declare_rule! {
    /// ## What it does
    /// With `pyward deps --env PATH` and a lockfile (or pinned requirements file), reports packages
    /// installed but not locked, locked but not installed, and installed at a different version
    /// than locked. Bootstrap tools (pip, setuptools, wheel) are not reported as unlocked, and
    /// development groups are not expected to be installed.
    ///
    /// ## Why is this bad?
    /// The lockfile is what was reviewed and audited; the environment is what runs. Drift means
    /// the audit of the lock says nothing certain about production.
    ///
    /// ## Example
    /// ```text
    /// uv.lock: django 5.1.4; .venv: django 5.0.1 and an unlocked `requests-toolbelt`
    /// ```
    ///
    /// ## Use instead
    /// Recreate the environment from the lock (`uv sync --locked`, `pip-sync`).
    ///
    /// ## References
    /// - [CWE-1104: Use of Unmaintained Third Party Components](https://cwe.mitre.org/data/definitions/1104.html)
    /// - [uv: syncing the environment](https://docs.astral.sh/uv/concepts/projects/sync/)
    pub static ENVIRONMENT_DRIFT = {
        code: "DEP205",
        name: "environment-drift",
        analyzer: "deps",
        summary: "An installed environment differs from the lockfile audited with it",
        severity: Medium,
        confidence: High,
        cwe: 1104,
    }
}
