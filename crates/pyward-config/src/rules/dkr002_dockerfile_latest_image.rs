pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `FROM` images with no tag or the `latest` tag and no digest. `scratch`, earlier stage names and images built from `ARG`s without defaults are skipped.
    ///
    /// ## Why is this bad?
    /// `latest` changes under you: builds stop being reproducible and can silently pull a new major version or a compromised image.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: FROM](https://docs.docker.com/reference/dockerfile/#from)
    /// - [CWE-1357](https://cwe.mitre.org/data/definitions/1357.html)
    pub static DKR_LATEST_IMAGE = {
        code: "DKR002",
        name: "dockerfile-latest-image",
        analyzer: "config",
        summary: "A base image is untagged or :latest",
        severity: Medium,
        confidence: High,
        cwe: 1357,
    }
}
