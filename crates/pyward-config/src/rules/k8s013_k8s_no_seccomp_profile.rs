pyward_core::declare_rule! {
    /// ## What it does
    /// Flags containers whose `securityContext.seccompProfile.type` (container, or pod-level for every container) is neither `RuntimeDefault` nor `Localhost`. `Unconfined` is flagged too.
    ///
    /// ## Why is this bad?
    /// Without a seccomp profile the container can call every system call the kernel offers, including the rarely used ones most container escapes go through. `RuntimeDefault` blocks them at no cost for a web app.
    ///
    /// ## Example
    /// ```yaml
    /// securityContext:
    ///   runAsNonRoot: true
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// securityContext:
    ///   runAsNonRoot: true
    ///   seccompProfile:
    ///     type: RuntimeDefault
    /// ```
    ///
    /// ## References
    /// - [Restrict a container's syscalls with seccomp](https://kubernetes.io/docs/tutorials/security/seccomp/)
    /// - [Pod Security Standards](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
    /// - [CWE-693](https://cwe.mitre.org/data/definitions/693.html)
    pub static K8S_NO_SECCOMP = {
        code: "K8S013",
        name: "k8s-no-seccomp-profile",
        analyzer: "config",
        summary: "A container runs without a seccomp profile",
        severity: Low,
        confidence: High,
        cwe: 693,
    }
}
