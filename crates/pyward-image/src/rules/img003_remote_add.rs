pyward_core::declare_rule! {
    /// ## What it does
    /// Reads the build history the image config records (`history[].created_by`) and flags an
    /// `ADD` of an `http://` or `https://` URL without `--checksum`.
    ///
    /// ## Why is this bad?
    /// `ADD URL` downloads whatever the server returns at build time and puts it in the image
    /// unverified: a compromised or changed download becomes part of every later build, and
    /// over `http://` anyone on the path can replace it.
    ///
    /// ## Example
    /// ```text
    /// ADD https://example.com/tool.tar.gz /opt/
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// ADD --checksum=sha256:24454f830cdd... https://example.com/tool.tar.gz /opt/
    /// ```
    ///
    /// ## References
    /// - [Docker: ADD --checksum](https://docs.docker.com/reference/dockerfile/#add---checksum)
    /// - [CWE-494](https://cwe.mitre.org/data/definitions/494.html)
    pub static IMG_REMOTE_ADD = {
        code: "IMG003",
        name: "image-remote-add",
        analyzer: "image",
        summary: "the image was built with ADD of a remote URL without a checksum",
        severity: Medium,
        confidence: High,
        cwe: 494,
    }
}
