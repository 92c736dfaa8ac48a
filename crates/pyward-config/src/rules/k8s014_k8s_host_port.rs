pyward_core::declare_rule! {
    /// ## What it does
    /// Flags container ports with a `hostPort`.
    ///
    /// ## Why is this bad?
    /// A `hostPort` opens the port on the node's own address, outside Services and, with most
    /// network plugins, outside NetworkPolicy. It also pins the pod to nodes where the port is
    /// free, so scheduling fails quietly as the workload grows.
    ///
    /// ## Example
    /// ```yaml
    /// ports:
    ///   - containerPort: 8080
    ///     hostPort: 8080
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// ports:
    ///   - containerPort: 8080
    /// # and a Service (ClusterIP, or LoadBalancer/Ingress for outside traffic)
    /// ```
    ///
    /// ## References
    /// - [Kubernetes: configuration best practices (hostPort)](https://kubernetes.io/docs/concepts/configuration/overview/#services)
    /// - [Pod Security Standards: host ports](https://kubernetes.io/docs/concepts/security/pod-security-standards/)
    /// - [CWE-668](https://cwe.mitre.org/data/definitions/668.html)
    pub static K8S_HOST_PORT = {
        code: "K8S014",
        name: "k8s-host-port",
        analyzer: "config",
        summary: "A container publishes a port on the node with hostPort",
        severity: Medium,
        confidence: High,
        cwe: 668,
    }
}
