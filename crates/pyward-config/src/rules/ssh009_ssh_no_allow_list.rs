pyward_core::declare_rule! {
    /// ## What it does
    /// Flags a configuration with neither `AllowUsers` nor `AllowGroups`.
    ///
    /// ## Why is this bad?
    /// Every account with a shell can log in over SSH, including service accounts created by packages. An allow list limits SSH to the people who need it.
    ///
    /// ## Example
    /// ```text
    /// # no AllowUsers / AllowGroups
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// AllowGroups ssh-users
    /// ```
    ///
    /// ## References
    /// - [sshd_config(5): AllowGroups](https://man.openbsd.org/sshd_config)
    /// - [CWE-284](https://cwe.mitre.org/data/definitions/284.html)
    pub static SSH_NO_ALLOW_LIST = {
        code: "SSH009",
        name: "ssh-no-allow-list",
        analyzer: "config",
        summary: "sshd does not restrict which accounts may log in",
        severity: Low,
        confidence: Medium,
        cwe: 284,
    }
}
