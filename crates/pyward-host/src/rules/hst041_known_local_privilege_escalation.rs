pyward_core::declare_rule! {
    /// ## What it does
    /// Compares the running kernel (`/proc/version`, which carries Debian's upstream version), and the installed sudo and polkit packages (dpkg database, Debian version order) with a small table of well-known local privilege escalations and the versions that fixed them: Baron Samedit (CVE-2021-3156) and sudoedit (CVE-2023-22809) in sudo, PwnKit (CVE-2021-4034) in polkit's pkexec, Dirty COW (CVE-2016-5195) and Dirty Pipe (CVE-2022-0847) in Linux.
    ///
    /// ## Why is this bad?
    /// Public exploits for these give root to any local user in seconds; a web-app compromise becomes a host compromise.
    ///
    /// ## Example
    /// ```text
    /// $ dpkg-query -W sudo
    /// sudo 1.8.27-1+deb10u2
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// $ apt install --only-upgrade sudo   # 1.8.27-1+deb10u3 or later
    /// ```
    ///
    /// ## References
    /// - [DSA-4839-1 sudo (CVE-2021-3156)](https://www.debian.org/security/2021/dsa-4839)
    /// - [DSA-5059-1 policykit-1 (CVE-2021-4034)](https://www.debian.org/security/2022/dsa-5059)
    /// - [DSA-5348-1 sudo (CVE-2023-22809)](https://security-tracker.debian.org/tracker/CVE-2023-22809)
    /// - [Dirty Pipe (CVE-2022-0847)](https://dirtypipe.cm4all.com/)
    /// - [Dirty COW (CVE-2016-5195)](https://security-tracker.debian.org/tracker/CVE-2016-5195)
    /// - [CWE-269](https://cwe.mitre.org/data/definitions/269.html)
    pub static HST_KNOWN_LPE = {
        code: "HST041",
        name: "known-local-privilege-escalation",
        analyzer: "host",
        summary: "the kernel, sudo or polkit version has a known local privilege escalation",
        severity: High,
        confidence: Medium,
        cwe: 269,
    }
}
