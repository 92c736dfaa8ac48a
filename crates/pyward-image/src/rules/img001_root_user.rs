pyward_core::declare_rule! {
    /// ## What it does
    /// Reads the image config's `User` and flags an image whose processes start as root: `User`
    /// unset, empty, `root` or UID `0` (with or without a group).
    ///
    /// ## Why is this bad?
    /// A process that runs as root inside the container owns every file of the image and keeps
    /// the capabilities the runtime grants. A remote code execution in the application becomes
    /// root in the container, one kernel or runtime flaw away from root on the host, and can
    /// rewrite the installed code for the next restart.
    ///
    /// ## Example
    /// ```text
    /// FROM python:3.12-slim
    /// COPY . /app
    /// CMD ["gunicorn", "app:app"]
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// FROM python:3.12-slim
    /// RUN useradd --system --uid 10001 app
    /// COPY --chown=root:root . /app
    /// USER 10001
    /// CMD ["gunicorn", "app:app"]
    /// ```
    ///
    /// ## References
    /// - [Docker: USER instruction](https://docs.docker.com/reference/dockerfile/#user)
    /// - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    pub static IMG_ROOT_USER = {
        code: "IMG001",
        name: "image-runs-as-root",
        analyzer: "image",
        summary: "the image's processes run as root",
        severity: Medium,
        confidence: High,
        cwe: 250,
    }
}
