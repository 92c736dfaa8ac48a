pyward_core::declare_rule! {
    /// ## What it does
    /// Reports base images with a tag but no `@sha256:` digest, once per Dockerfile (at the first such `FROM`, with a count of the others): it is a recommendation, and a finding on every `FROM` drowned the rest of the output. It also reports a digest written as a tag (`python:sha256:<hex>`), which Docker refuses.
    ///
    /// ## Why is this bad?
    /// Tags are mutable: the same `python:3.12-slim` can point to a different image tomorrow. A digest pins the exact bytes, and tools like Renovate keep it current.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim@sha256:<digest>
    /// ```
    ///
    /// ## References
    /// - [Docker: image digests](https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier)
    /// - [CWE-1357](https://cwe.mitre.org/data/definitions/1357.html)
    pub static DKR_UNPINNED_DIGEST = {
        code: "DKR003",
        name: "dockerfile-unpinned-digest",
        analyzer: "config",
        summary: "A base image is tagged but not pinned by digest",
        severity: Info,
        confidence: High,
        cwe: 1357,
    }
}
