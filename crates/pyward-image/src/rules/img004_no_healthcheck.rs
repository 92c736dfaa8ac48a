pyward_core::declare_rule! {
    /// ## What it does
    /// Flags an image config without a `Healthcheck`, or whose health check is disabled
    /// (`NONE`). Orchestrators that define their own probes (Kubernetes) do not need one, hence
    /// the low severity.
    ///
    /// ## Why is this bad?
    /// Without a health check, a container whose application hangs or lost its database is
    /// still reported healthy by Docker and Compose, keeps receiving traffic and is never
    /// restarted: an availability problem that hides attacks and failures alike.
    ///
    /// ## Example
    /// ```text
    /// FROM python:3.12-slim
    /// CMD ["gunicorn", "app:app"]
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// HEALTHCHECK --interval=30s --timeout=3s \
    ///   CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health')"
    /// ```
    ///
    /// ## References
    /// - [Docker: HEALTHCHECK instruction](https://docs.docker.com/reference/dockerfile/#healthcheck)
    /// - [CWE-693](https://cwe.mitre.org/data/definitions/693.html)
    pub static IMG_NO_HEALTHCHECK = {
        code: "IMG004",
        name: "image-no-healthcheck",
        analyzer: "image",
        summary: "the image defines no health check",
        severity: Low,
        confidence: Medium,
        cwe: 693,
    }
}
