pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a Dockerfile whose final stage has no `USER` instruction (a stage built `FROM` an earlier stage inherits its user), or whose last `USER` is `root` or `0`.
    ///
    /// An image that starts as root and drops to another user before running its service is not
    /// flagged: a `RUN`, `ENTRYPOINT` or `CMD` of the final stage runs a command through `gosu`,
    /// `su-exec`, `s6-setuidgid`, `setpriv --reuid`, `chroot --userspec` or `runuser -u` (to a
    /// user other than root), or the entrypoint script the stage `COPY`s in from the build
    /// context does. The script is read only when it lies inside the scanned tree; the build
    /// context is looked for in the Dockerfile's directory and up to three parents. This is how
    /// the official database images (docker-library/postgres) fix volume ownership as root and
    /// then run the server unprivileged.
    ///
    /// ## Why is this bad?
    /// A process running as root in a container is root on the host if it escapes through a kernel or runtime bug, and can rewrite the application's own code and dependencies. hadolint does not check for a missing `USER`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY . /app
    /// CMD ["gunicorn", "app:app"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN useradd --system --uid 10001 app
    /// COPY . /app
    /// USER app
    /// CMD ["gunicorn", "app:app"]
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference: USER](https://docs.docker.com/reference/dockerfile/#user)
    /// - [CWE-250: Execution with Unnecessary Privileges](https://cwe.mitre.org/data/definitions/250.html)
    pub static DKR_ROOT_USER = {
        code: "DKR001",
        name: "dockerfile-root-user",
        analyzer: "config",
        summary: "The image runs as root: no USER, or a last USER that is root",
        severity: High,
        confidence: High,
        cwe: 250,
    }
}
