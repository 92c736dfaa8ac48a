//! Inputs the fuzz targets in `fuzz/` crashed on (`fuzz/regressions/<target>/`). Each must now
//! be audited without a panic, and give the finding its value deserves.

use pyward_config::{ConfigKind, TextAudit, audit_text};
use pyward_core::RuleSelector;

fn run(kind: ConfigKind, name: &str, text: &str) -> TextAudit {
    audit_text(kind, name, text, &RuleSelector::default())
}

fn messages(audit: &TextAudit, code: &str) -> Vec<String> {
    audit
        .findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| f.message.clone())
        .collect()
}

/// `client_max_body_size` sizes multiplied with overflow (a panic in debug builds; in release a
/// huge size wrapped round to a small one, or to 0, "no limit"). fuzz/regressions/nginx/crash-af2c2a86….
#[test]
fn nginx_body_size_overflow() {
    let found = "http {\n  client_max_body_size 000000000000000000000000000000000000000000000000000000000000006148914691236517202m;\n}\n";
    let audit = run(ConfigKind::Nginx, "nginx.conf", found);
    assert_eq!(
        messages(&audit, "NGX010"),
        [
            "client_max_body_size 000000000000000000000000000000000000000000000000000000000000006148914691236517202m is over 100m"
        ]
    );
    // 2^34 g wraps to exactly 0 with wrapping arithmetic: it is huge, not "disabled".
    let audit = run(
        ConfigKind::Nginx,
        "nginx.conf",
        "http { client_max_body_size 17179869184g; }\n",
    );
    assert_eq!(
        messages(&audit, "NGX010"),
        ["client_max_body_size 17179869184g is over 100m"]
    );
}

/// sshd time values (`LoginGraceTime`, `ClientAliveInterval`) and their product with
/// `ClientAliveCountMax` overflowed the same way.
#[test]
fn sshd_time_overflow() {
    // 2^57 weeks is 2^64 * 4725 s, 0 in wrapping u64: it must not read as "LoginGraceTime 0".
    let audit = run(
        ConfigKind::Sshd,
        "sshd_config",
        "LoginGraceTime 144115188075855872w\n",
    );
    let grace = messages(&audit, "SSH007");
    assert_eq!(grace.len(), 1, "{grace:?}");
    assert!(!grace[0].contains("never dropped"), "{grace:?}");
    let audit = run(
        ConfigKind::Sshd,
        "sshd_config",
        "ClientAliveInterval 18446744073709551615\nClientAliveCountMax 3\n",
    );
    assert_eq!(
        audit
            .findings
            .iter()
            .filter(|f| f.message.contains("idle sessions last"))
            .count(),
        1
    );
}
