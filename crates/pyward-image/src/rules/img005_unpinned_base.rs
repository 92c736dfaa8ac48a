pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a base image reference that names no tag or the `latest` tag and no digest, where
    /// the image records its base: the `org.opencontainers.image.base.name` label or
    /// annotation, or a `FROM` in the build history. Images that do not record their base are
    /// not judged.
    ///
    /// ## Why is this bad?
    /// `latest` (or no tag) is whatever the registry serves on the day of the build: two builds
    /// of one commit get different operating systems and Python versions, a rebuild can pull a
    /// compromised or broken base, and no one can tell afterwards which base was used.
    ///
    /// ## Example
    /// ```text
    /// FROM python
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// FROM python:3.12.7-slim-bookworm@sha256:af4e85f1cac90dd3771e47292ea7c8a9830abfabbe4faa5c53f158854c2e819d
    /// ```
    ///
    /// ## References
    /// - [Docker: image pinning](https://docs.docker.com/build/building/best-practices/#pin-base-image-versions)
    /// - [CWE-1357](https://cwe.mitre.org/data/definitions/1357.html)
    pub static IMG_UNPINNED_BASE = {
        code: "IMG005",
        name: "image-unpinned-base",
        analyzer: "image",
        summary: "the image's base is referenced by `latest` or without a tag",
        severity: Low,
        confidence: Medium,
        cwe: 1357,
    }
}
