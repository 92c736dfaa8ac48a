pyward_core::declare_rule! {
    /// ## What it does
    /// Flags container images with no tag or `:latest` and no digest.
    ///
    /// ## Why is this bad?
    /// Deployments become unreproducible and rollbacks do not roll back.
    ///
    /// ## Example
    /// ```yaml
    /// image: registry.example.com/app
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// image: registry.example.com/app:1.4.2
    /// ```
    ///
    /// ## References
    /// - [Kubernetes: images](https://kubernetes.io/docs/concepts/containers/images/)
    /// - [CWE-1357](https://cwe.mitre.org/data/definitions/1357.html)
    pub static K8S_LATEST_IMAGE = {
        code: "K8S008",
        name: "k8s-latest-image",
        analyzer: "config",
        summary: "A container image is untagged or :latest",
        severity: Medium,
        confidence: High,
        cwe: 1357,
    }
}
