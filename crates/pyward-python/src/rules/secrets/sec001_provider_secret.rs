//! SEC001 `hardcoded-provider-secret`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Finds credentials in a known provider format inside string literals: AWS access key IDs, GitHub
/// and GitLab tokens (GitHub's CRC32 checksum is verified), Slack tokens and webhooks, Stripe live
/// keys, private key blocks, GCP service-account keys, JWTs and URLs with an embedded password.
///
/// ## Why is this bad?
/// Anyone who can read the code, its history or a built artifact can use the credential.
/// Messages show only the first and last characters of the secret.
///
/// ## Example
/// ```python
/// GITHUB_TOKEN = "ghp_…"  # a real token
/// ```
///
/// ## Use instead
/// ```python
/// GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]
/// ```
///
/// ## References
/// - [OWASP: Secrets Management Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html)
/// - [CWE-798](https://cwe.mitre.org/data/definitions/798.html)
    pub static RULE = {
        code: "SEC001",
        name: "hardcoded-provider-secret",
        analyzer: "code",
        summary: "hard-coded provider credential",
        severity: High,
        confidence: High,
        cwe: 798,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Expr(check)];

fn check<'a>(checker: &mut Checker<'a>, expr: &'a Expr) {
    let Expr::StringLiteral(s) = expr else { return };
    let text = s.value.to_str();
    if text.len() < 16 {
        return;
    }
    for m in crate::secrets::find_provider_secrets(text) {
        let msg = message(&m, &text[m.start..m.end]);
        let unverified = m.kind == "GitHub token" && !m.verified;
        let d = checker.report(&RULE, expr.range(), msg);
        if unverified {
            d.confidence(Confidence::Low);
        }
    }
}

/// The finding message: the kind and the redacted secret.
pub fn message(m: &crate::secrets::SecretMatch, secret: &str) -> String {
    let note = match (m.kind, m.verified) {
        ("GitHub token", true) => " (checksum verified)",
        ("GitHub token", false) => " (checksum does not match: maybe a sample)",
        _ => "",
    };
    format!(
        "hard-coded {} `{}`{note}",
        m.kind,
        crate::secrets::redact(secret)
    )
}
