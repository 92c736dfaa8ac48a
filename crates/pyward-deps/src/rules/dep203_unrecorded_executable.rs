pyward_core::declare_rule! {
    /// ## What it does
    /// With `pyward deps --env PATH`, reports files that no distribution's `RECORD` lists and that
    /// run code: files with an executable bit, Python sources and native extensions inside a
    /// distribution's package directories, `.pth` files in site-packages, and scripts in the
    /// environment's `bin/` (`Scripts\` on Windows) other than the interpreter and activation
    /// scripts.
    ///
    /// ## Why is this bad?
    /// Malware that reaches an environment persists by dropping a `.pth` file (run at every
    /// interpreter start) or an extra module next to a legitimate package. Nothing records these
    /// files, so only a comparison with `RECORD` finds them.
    ///
    /// ## Example
    /// ```text
    /// .venv/lib/python3.12/site-packages/zz_init.pth
    /// .venv/lib/python3.12/site-packages/requests/_patch.py
    /// ```
    ///
    /// ## Use instead
    /// Remove the file, rebuild the environment, and find out where it came from.
    ///
    /// ## References
    /// - [CWE-506: Embedded Malicious Code](https://cwe.mitre.org/data/definitions/506.html)
    /// - [site: .pth files](https://docs.python.org/3/library/site.html)
    pub static UNRECORDED_EXECUTABLE = {
        code: "DEP203",
        name: "unrecorded-executable",
        analyzer: "deps",
        summary: "An executable, code or .pth file in the environment belongs to no installed distribution",
        severity: High,
        confidence: Medium,
        cwe: 506,
    }
}
