pyward_core::declare_rule! {
    /// ## What it does
    /// Flags telnet, rsh/rlogin, FTP and TFTP servers: installed packages from the dpkg database, or listeners on ports 21, 23, 69, 512, 513 or 514.
    ///
    /// ## Why is this bad?
    /// These protocols send passwords and data in clear text and have no modern authentication; anyone on the path can read or take over the session.
    ///
    /// ## Example
    /// ```text
    /// $ dpkg -l telnetd
    /// ii  telnetd  0.17-44  amd64  basic telnet server
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ apt purge telnetd   # use SSH (and SFTP) instead
    /// ```
    ///
    /// ## References
    /// - [CIS Debian Linux Benchmark: 2.2 Special purpose services](https://www.cisecurity.org/benchmark/debian_linux)
    /// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
    pub static HST_LEGACY_SERVICE = {
        code: "HST024",
        name: "legacy-remote-service",
        analyzer: "host",
        summary: "a telnet, FTP, rsh or TFTP server is installed or listening",
        severity: High,
        confidence: High,
        cwe: 319,
    }
}
