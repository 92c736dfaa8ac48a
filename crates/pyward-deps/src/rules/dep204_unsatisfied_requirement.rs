pyward_core::declare_rule! {
    /// ## What it does
    /// With `pyward deps --env PATH`, checks every `Requires-Dist` of every installed distribution,
    /// with markers evaluated for the environment's Python, and reports those that are not installed
    /// or installed at a version outside the required range (what `pip check` does).
    ///
    /// ## Why is this bad?
    /// A broken environment fails at run time, often only on the code path that needs the missing
    /// piece, and a downgraded dependency may be one a fix was meant to raise.
    ///
    /// ## Example
    /// ```text
    /// requests 2.32.3 requires urllib3<3,>=1.21.1, but urllib3 0.9 is installed
    /// ```
    ///
    /// ## Use instead
    /// Reinstall from the lockfile (`uv sync`, `pip install -r requirements.txt`) so the resolver
    /// produces a consistent set.
    ///
    /// ## References
    /// - [CWE-1104: Use of Unmaintained Third Party Components](https://cwe.mitre.org/data/definitions/1104.html)
    /// - [pip check](https://pip.pypa.io/en/stable/cli/pip_check/)
    pub static UNSATISFIED_REQUIREMENT = {
        code: "DEP204",
        name: "unsatisfied-requirement",
        analyzer: "deps",
        summary: "An installed distribution's requirement is missing or at an incompatible version",
        severity: Medium,
        confidence: High,
        cwe: 1104,
    }
}
