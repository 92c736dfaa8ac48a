pyward_core::declare_rule! {
    /// ## What it does
    /// Walks the directories programs live in (`/usr`, `/bin`, `/sbin`, `/opt`, `/srv`, `/home`, `/tmp`, `/var/tmp`, `/var/www`) for set-uid and set-gid files and flags those no package in the dpkg database ships. Without a dpkg database the check says "not checked".
    ///
    /// ## Why is this bad?
    /// A set-uid binary that no package owns is a classic persistence backdoor, or a local build nobody maintains; either gives local users a way to root.
    ///
    /// ## Example
    /// ```text
    /// $ find / -perm -4000 -type f
    /// /tmp/.x/bash
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ rm /tmp/.x/bash   # then investigate how it got there
    /// ```
    ///
    /// ## References
    /// - [CIS Debian Linux Benchmark: 6.1.13 Audit SUID executables](https://www.cisecurity.org/benchmark/debian_linux)
    /// - [CWE-250](https://cwe.mitre.org/data/definitions/250.html)
    pub static HST_UNEXPECTED_SUID = {
        code: "HST032",
        name: "unexpected-suid",
        analyzer: "host",
        summary: "a set-uid or set-gid program that no installed package ships",
        severity: High,
        confidence: Medium,
        cwe: 250,
    }
}
