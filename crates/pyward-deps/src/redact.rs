//! Credentials in URLs: found, and redacted everywhere pyward prints them.

use std::borrow::Cow;

use pyward_core::Report;

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
pub fn redact(text: &str) -> Cow<'_, str> {
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
            if let Cow::Owned(r) = redact(s) {
                *s = r;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_value),
        serde_json::Value::Object(map) => map.values_mut().for_each(redact_value),
        _ => {}
    }
}

fn redact_string(s: &mut String) {
    if let Cow::Owned(r) = redact(s) {
        *s = r;
    }
}

/// Redacts URL credentials in every string of a report: messages, locations, fixes, metadata,
/// warnings, errors, inputs and stats. Run it last, before any output is written.
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
        f.metadata.values_mut().for_each(redact_value);
    }
    report.warnings.iter_mut().for_each(redact_string);
    report.inputs.iter_mut().for_each(redact_string);
    for e in &mut report.errors {
        redact_string(&mut e.message);
        redact_string(&mut e.path);
    }
    report.stats.values_mut().for_each(redact_value);
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
            redact("see `https://u:p@h.example/simple` and http://t@x/y z"),
            "see `https://****@h.example/simple` and http://****@x/y z"
        );
        assert_eq!(redact("no urls here @ all"), "no urls here @ all");
        assert_eq!(
            redact("git+ssh://git@github.com/a/b.git"),
            "git+ssh://git@github.com/a/b.git"
        );
    }
}
