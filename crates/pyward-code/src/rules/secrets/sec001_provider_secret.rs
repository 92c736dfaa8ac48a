//! SEC001 `hardcoded-provider-secret`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Finds credentials in a known provider format inside string literals: AWS access key IDs, GitHub
/// and GitLab tokens (GitHub's CRC32 checksum is verified), Slack tokens and webhooks, Stripe live
/// keys, private key blocks, GCP service-account keys, JWTs and URLs with an embedded password.
/// The finding points at the secret itself, also inside a long docstring. Documentation
/// placeholders in a provider's shape are skipped: AWS's `…EXAMPLE` keys, `xxxx`, `<token>`,
/// `your_…_here`, `changeme`, `dummy`, `redacted`.
///
/// ## Why is this bad?
/// Anyone who can read the code, its history or a built artifact can use the credential.
/// Messages never show the secret (at most its first and last characters, for long ones).
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
        let secret = &text[m.start..m.end];
        let msg = message(&m, secret);
        let unverified = m.kind == "GitHub token" && !m.verified;
        let range = secret_range(checker.source, expr.range(), secret);
        let d = checker.report(&RULE, range, msg);
        d.secret(secret, true);
        if unverified {
            d.confidence(Confidence::Low);
        }
    }
}

/// The source range of `secret` inside the literal at `literal`: only the secret, not a whole
/// multi-line docstring. The literal's first line when the secret is not written verbatim
/// (escapes, implicit concatenation across lines).
fn secret_range(source: &str, literal: TextRange, secret: &str) -> TextRange {
    let (start, end) = (literal.start().to_usize(), literal.end().to_usize());
    let Some(src) = source.get(start..end) else {
        return literal;
    };
    if let Some(pos) = src.find(secret) {
        let from = literal.start() + TextSize::try_from(pos).unwrap_or_default();
        let len = TextSize::try_from(secret.len()).unwrap_or_default();
        return TextRange::at(from, len);
    }
    let first_line = src.find('\n').unwrap_or(src.len());
    TextRange::at(
        literal.start(),
        TextSize::try_from(first_line).unwrap_or_default(),
    )
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
