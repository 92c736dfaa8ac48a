pyward_core::declare_rule! {
    /// ## What it does
    /// Flags volumes whose source is `docker.sock`.
    ///
    /// ## Why is this bad?
    /// Access to the Docker socket is root on the host: the container can start a privileged container mounting `/`.
    ///
    /// ## Example
    /// ```yaml
    /// volumes:
    ///   - /var/run/docker.sock:/var/run/docker.sock
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// # talk to a restricted socket proxy instead, or drop the mount
    /// ```
    ///
    /// ## References
    /// - [Docker daemon attack surface](https://docs.docker.com/engine/security/#docker-daemon-attack-surface)
    /// - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    pub static CMP_DOCKER_SOCKET = {
        code: "CMP002",
        name: "compose-docker-socket",
        analyzer: "config",
        summary: "A compose service mounts the Docker socket",
        severity: High,
        confidence: High,
        cwe: 250,
    }
}
