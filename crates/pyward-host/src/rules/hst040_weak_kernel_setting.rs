pyward_core::declare_rule! {
    /// ## What it does
    /// Reads kernel settings from `/proc/sys` on a live host (or the values set in `sysctl.conf` and `sysctl.d` on a mounted root) and flags: `kernel.unprivileged_userns_clone` = 1, `kernel.kptr_restrict` = 0, `kernel.dmesg_restrict` = 0, `kernel.randomize_va_space` < 2, `kernel.yama.ptrace_scope` = 0, `fs.protected_symlinks` = 0, `fs.protected_hardlinks` = 0, `fs.suid_dumpable` ≠ 0, `net.ipv4.tcp_syncookies` = 0, and `net.ipv4.conf.all.accept_redirects` or `send_redirects` = 1.
    ///
    /// ## Why is this bad?
    /// Each of these makes a local privilege escalation or a network attack easier: user namespaces expose kernel code to unprivileged users, kernel pointers and logs help exploits defeat KASLR, ptrace lets any process read another's memory, and without SYN cookies a SYN flood fills the backlog.
    ///
    /// ## Example
    /// ```text
    /// kernel.kptr_restrict = 0
    /// net.ipv4.tcp_syncookies = 0
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// # /etc/sysctl.d/60-hardening.conf
    /// kernel.kptr_restrict = 2
    /// net.ipv4.tcp_syncookies = 1
    /// ```
    ///
    /// ## References
    /// - [Kernel documentation: /proc/sys/kernel](https://docs.kernel.org/admin-guide/sysctl/kernel.html)
    /// - [CIS Debian Linux Benchmark: 3.3 Network parameters](https://www.cisecurity.org/benchmark/debian_linux)
    /// - [CWE-1188](https://cwe.mitre.org/data/definitions/1188.html)
    pub static HST_WEAK_SYSCTL = {
        code: "HST040",
        name: "weak-kernel-setting",
        analyzer: "host",
        summary: "a kernel setting weakens the host",
        severity: Medium,
        confidence: High,
        cwe: 1188,
    }
}
