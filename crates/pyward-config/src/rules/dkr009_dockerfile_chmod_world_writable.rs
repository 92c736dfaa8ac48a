pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `chmod 777`, `666`, `o+w` and `a+w` in `RUN`.
    ///
    /// A mode with the sticky bit (`1777`, `+t`, `a+rwxt`) is not flagged: that is the `/tmp`
    /// pattern (everyone may create files, only their owner may remove or rename them), used
    /// on purpose for runtime and cache directories of images meant to run under arbitrary UIDs.
    ///
    /// ## Why is this bad?
    /// World-writable application files let any process in the container (or a compromised low-privilege user) replace code that a privileged process later runs.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN chmod -R 777 /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN chown -R app:app /app/media && chmod -R 750 /app
    /// ```
    ///
    /// ## References
    /// - [CWE-732: Incorrect Permission Assignment for Critical Resource](https://cwe.mitre.org/data/definitions/732.html)
    pub static DKR_CHMOD_777 = {
        code: "DKR009",
        name: "dockerfile-chmod-world-writable",
        analyzer: "config",
        summary: "chmod makes files world-writable",
        severity: Medium,
        confidence: High,
        cwe: 732,
    }
}
