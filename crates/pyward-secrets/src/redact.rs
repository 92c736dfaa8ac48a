//! Redaction: the one place that decides how much of a secret pyward may print (nothing of a
//! URL's credentials, the two ends of a long secret) and the last pass over a report before
//! it is written.

use std::borrow::Cow;

use pyward_core::Report;

use crate::provider::find_provider_secrets;

/// `a…z (N chars)`: only the first and last characters of a secret, and nothing of one
/// shorter than 12 characters (two characters of a short password give too much away).
/// Every finding message that quotes a possibly secret value goes through this function.
pub fn redact(secret: &str) -> String {
    let n = secret.chars().count();
    if n < 12 {
        return format!("*** ({n} chars)");
    }
    let first = secret.chars().next().unwrap_or('*');
    let last = secret.chars().last().unwrap_or('*');
    format!("{first}…{last} ({n} chars)")
}

/// [`redact_url_credentials`], then every provider-format secret ([`find_provider_secrets`])
/// replaced by its [`redact`]ed form.
pub fn redact_text(text: &str) -> Cow<'_, str> {
    let text = redact_url_credentials(text);
    let found = find_provider_secrets(&text);
    if found.is_empty() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in &found {
        if m.start < at {
            continue;
        }
        out.push_str(&text[at..m.start]);
        out.push_str(&redact(&text[m.start..m.end]));
        at = m.end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// The placeholder written instead of a URL's user information.
pub const REDACTED: &str = "****";

/// The user-information part of the first URL in `url` (`user:token` in
/// `https://user:token@host/`), if any.
pub fn url_credentials(url: &str) -> Option<&str> {
    let start = url.find("://")? + 3;
    let rest = &url[start..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let at = authority.rfind('@')?;
    let userinfo = &authority[..at];
    // `git+ssh://git@host/...` names an SSH user, not a secret.
    if userinfo == "git" || userinfo.is_empty() {
        return None;
    }
    Some(userinfo)
}

/// Replaces the user information of every URL in `text` with [`REDACTED`].
pub fn redact_url_credentials(text: &str) -> Cow<'_, str> {
    if !text.contains("://") || !text.contains('@') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        let authority_end = tail
            .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace() || c == '`')
            .unwrap_or(tail.len());
        let authority = &tail[..authority_end];
        match authority.rfind('@') {
            Some(at) if at > 0 && &authority[..at] != "git" => {
                out.push_str(REDACTED);
                out.push_str(&authority[at..]);
            }
            _ => out.push_str(authority),
        }
        rest = &tail[authority_end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn redact_value(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) => {
            if let Cow::Owned(r) = redact_text(s) {
                *s = r;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_value),
        serde_json::Value::Object(map) => map.values_mut().for_each(redact_value),
        _ => {}
    }
}

fn redact_string(s: &mut String) {
    if let Cow::Owned(r) = redact_text(s) {
        *s = r;
    }
}

/// Redacts URL credentials and provider-format secrets ([`redact_text`]) in every string of a
/// report: messages, locations, fixes, advisories, metadata, warnings, errors, inputs and stats.
/// Every emitter of `pyward-report` runs it on its copy of the report before writing, as the
/// last line of defence.
pub fn redact_report(report: &mut Report) {
    for f in report
        .findings
        .iter_mut()
        .chain(report.suppressed.iter_mut().map(|s| &mut s.finding))
    {
        redact_string(&mut f.message);
        for s in [
            &mut f.location.url,
            &mut f.location.path,
            &mut f.location.version,
        ]
        .into_iter()
        .flatten()
        {
            redact_string(s);
        }
        if let Some(fix) = &mut f.fix {
            redact_string(&mut fix.description);
            if let Some(c) = &mut fix.command {
                redact_string(c);
            }
            for e in &mut fix.edits {
                redact_string(&mut e.replacement);
            }
        }
        if let Some(advisory) = &mut f.advisory {
            let advisory = &mut **advisory;
            for s in advisory
                .summary
                .iter_mut()
                .chain(advisory.references.iter_mut())
            {
                redact_string(s);
            }
        }
        f.metadata.values_mut().for_each(redact_value);
    }
    report.warnings.iter_mut().for_each(redact_string);
    report.inputs.iter_mut().for_each(redact_string);
    for e in &mut report.errors {
        redact_string(&mut e.message);
        redact_string(&mut e.path);
    }
    report.stats.values_mut().for_each(redact_value);
    for p in &mut report.packages {
        for s in [&mut p.name, &mut p.manifest]
            .into_iter()
            .chain(p.version.as_mut())
            .chain(p.depends_on.iter_mut())
        {
            redact_string(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_redacts_userinfo() {
        assert_eq!(url_credentials("https://u:p@h.example/simple"), Some("u:p"));
        assert_eq!(url_credentials("https://TOKEN@h.example/"), Some("TOKEN"));
        assert_eq!(url_credentials("git+ssh://git@github.com/a/b.git"), None);
        assert_eq!(url_credentials("https://h.example/a@b"), None);
        assert_eq!(
            redact_url_credentials("see `https://u:p@h.example/simple` and http://t@x/y z"),
            "see `https://****@h.example/simple` and http://****@x/y z"
        );
        assert_eq!(
            redact_url_credentials("no urls here @ all"),
            "no urls here @ all"
        );
        assert_eq!(
            redact_url_credentials("git+ssh://git@github.com/a/b.git"),
            "git+ssh://git@github.com/a/b.git"
        );
    }
}
