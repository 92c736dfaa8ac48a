pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `cap_add` entries that give a compose service a dangerous Linux capability:
    /// `ALL`, `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`, `SYS_MODULE`, `DAC_READ_SEARCH`,
    /// `DAC_OVERRIDE`, `SYS_RAWIO`, `BPF`, `PERFMON`, `SYS_BOOT` or `NET_RAW`.
    ///
    /// ## Why is this bad?
    /// These capabilities break the container boundary: `SYS_ADMIN` mounts filesystems and is
    /// close to `privileged: true`, `SYS_PTRACE` reads other processes' memory, `SYS_MODULE`
    /// loads kernel code, `DAC_READ_SEARCH` opens any host file by handle, and `NET_ADMIN`
    /// rewrites the host's or the pod network's routing and firewall.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   vpn:
    ///     cap_add: [NET_ADMIN, SYS_ADMIN]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   vpn:
    ///     cap_drop: [ALL]
    ///     cap_add: [NET_BIND_SERVICE]
    /// ```
    ///
    /// ## References
    /// - [Compose: cap_add](https://docs.docker.com/reference/compose-file/services/#cap_add)
    /// - [capabilities(7)](https://man7.org/linux/man-pages/man7/capabilities.7.html)
    /// - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    pub static CMP_DANGEROUS_CAPABILITY = {
        code: "CMP007",
        name: "compose-dangerous-capability",
        analyzer: "config",
        summary: "A compose service adds a dangerous Linux capability",
        severity: High,
        confidence: High,
        cwe: 250,
    }
}
