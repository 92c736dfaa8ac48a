pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `.env` files whose Unix mode lets every user read them (medium when they hold secrets, low otherwise). Only checked when file modes are available.
    ///
    /// ## Why is this bad?
    /// Any local user or compromised service on the machine can read the application's credentials.
    ///
    /// ## Example
    /// ```text
    /// -rw-r--r-- app app .env
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// chmod 600 .env && chown app:app .env
    /// ```
    ///
    /// ## References
    /// - [CWE-732: Incorrect Permission Assignment for Critical Resource](https://cwe.mitre.org/data/definitions/732.html)
    pub static ENV_WORLD_READABLE = {
        code: "ENV002",
        name: "dotenv-world-readable",
        analyzer: "config",
        summary: "A .env file is world-readable",
        severity: Medium,
        confidence: High,
        cwe: 732,
    }
}
