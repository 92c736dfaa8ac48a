pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `ExposedPorts` of the image config that belong to services an application image
    /// should not offer: SSH (22), MySQL (3306), PostgreSQL (5432), Redis (6379), MongoDB
    /// (27017), memcached (11211) and Elasticsearch (9200).
    ///
    /// ## Why is this bad?
    /// An application image that exposes a database, cache or SSH port either runs that service
    /// next to the application (one compromise reaches both, and the service is often started
    /// without authentication) or invites `docker run -P` and compose files to publish it.
    /// SSH in a container is a second way in that bypasses the orchestrator.
    ///
    /// ## Example
    /// ```text
    /// EXPOSE 8000 6379
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// EXPOSE 8000
    /// # run Redis as its own service, reachable only on the internal network
    /// ```
    ///
    /// ## References
    /// - [Docker: EXPOSE instruction](https://docs.docker.com/reference/dockerfile/#expose)
    /// - [CWE-1327](https://cwe.mitre.org/data/definitions/1327.html)
    pub static IMG_EXPOSED_SERVICE_PORT = {
        code: "IMG006",
        name: "image-exposes-service-port",
        analyzer: "image",
        summary: "the image exposes a database, cache or SSH port",
        severity: Medium,
        confidence: Medium,
        cwe: 1327,
    }
}
