pyward_core::declare_rule! {
    /// ## What it does
    /// For every account with a home directory in `/etc/passwd`, flags a `~/.ssh` directory or `authorized_keys` file writable by group or others, and private keys (`id_*` without `.pub`) readable by them.
    ///
    /// ## Why is this bad?
    /// Whoever can write `authorized_keys` can log in as that account; sshd's `StrictModes` refuses such files, which also locks out the owner. A readable private key is a stolen key.
    ///
    /// ## Example
    /// ```text
    /// $ ls -ld ~app/.ssh
    /// drwxrwxr-x 2 app app 4096 .ssh
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ chmod 700 ~app/.ssh && chmod 600 ~app/.ssh/authorized_keys
    /// ```
    ///
    /// ## References
    /// - [OpenSSH sshd_config: StrictModes](https://man.openbsd.org/sshd_config#StrictModes)
    /// - [CWE-732](https://cwe.mitre.org/data/definitions/732.html)
    pub static HST_SSH_PERMISSIONS = {
        code: "HST033",
        name: "ssh-key-permissions",
        analyzer: "host",
        summary: "a ~/.ssh directory, authorized_keys or private key has loose permissions",
        severity: Medium,
        confidence: High,
        cwe: 732,
    }
}
