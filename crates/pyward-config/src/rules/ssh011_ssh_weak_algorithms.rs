pyward_core::declare_rule! {
    /// ## What it does
    /// Flags `Ciphers` with CBC, arcfour, 3DES, blowfish or cast128; `MACs` with MD5, SHA-1, 96-bit or umac-64; and `KexAlgorithms` with SHA-1 Diffie-Hellman groups. Lists starting with `-` (removals) are ignored; `+` additions are checked.
    ///
    /// ## Why is this bad?
    /// These algorithms have known practical weaknesses (CBC plaintext recovery, SHA-1 collisions, small DH groups) and only exist for ancient clients.
    ///
    /// ## Example
    /// ```text
    /// Ciphers aes128-cbc,aes256-ctr
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes256-ctr
    /// ```
    ///
    /// ## References
    /// - [sshd_config(5): Ciphers](https://man.openbsd.org/sshd_config)
    /// - [Mozilla OpenSSH guidelines](https://infosec.mozilla.org/guidelines/openssh)
    /// - [CWE-327: Use of a Broken or Risky Cryptographic Algorithm](https://cwe.mitre.org/data/definitions/327.html)
    pub static SSH_WEAK_CRYPTO = {
        code: "SSH011",
        name: "ssh-weak-algorithms",
        analyzer: "config",
        summary: "sshd enables weak ciphers, MACs or key exchanges",
        severity: Medium,
        confidence: High,
        cwe: 327,
    }
}
