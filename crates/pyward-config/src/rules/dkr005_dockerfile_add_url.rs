pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `ADD` with an `http://` or `https://` source.
    ///
    /// ## Why is this bad?
    /// `ADD` fetches the file without verifying a checksum (unless `--checksum` is given), so a compromised or spoofed server changes what is built into the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// ADD https://example.com/tool.tar.gz /opt/
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tar.gz \
    ///  && echo "<sha256>  /tmp/tool.tgz" | sha256sum -c -
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: ADD](https://docs.docker.com/reference/dockerfile/#add)
    /// - [CWE-494: Download of Code Without Integrity Check](https://cwe.mitre.org/data/definitions/494.html)
    pub static DKR_ADD_URL = {
        code: "DKR005",
        name: "dockerfile-add-url",
        analyzer: "config",
        summary: "ADD downloads a remote URL",
        severity: Medium,
        confidence: High,
        cwe: 494,
    }
}
