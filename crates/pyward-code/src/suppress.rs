//! Suppression comments: `# nosec`, `# nosec B602,B603`, `# nosec: subprocess_popen_with_shell_equals_true`
//! (Bandit's syntax: IDs or test names), `# pyward: ignore[PY602]` and ruff's `# noqa: S602`
//! (ruff's `S` codes are Bandit's IDs: `S608` is `B608`).
//!
//! A bare `# noqa` is not honoured: it is written for every linter (line length, unused
//! imports…) and would silently hide security findings on any line that has one. Only
//! `# noqa:` with `S` codes suppresses pyward findings; other codes in it are ignored.

use pyward_core::RuleMeta;

use crate::rules::RULES;

/// The two comment syntaxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Nosec,
    PywardIgnore,
    /// ruff's `# noqa: S###`.
    Noqa,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Nosec => "# nosec",
            Kind::PywardIgnore => "# pyward: ignore",
            Kind::Noqa => "# noqa",
        }
    }

    /// Comments written for another tool (Bandit, ruff): `--ignore-nosec` and the Bandit
    /// profile leave them out (Bandit itself reads only `# nosec`).
    pub fn is_foreign(self) -> bool {
        matches!(self, Kind::Nosec | Kind::Noqa)
    }
}

/// Every suppression in one comment: `# noqa: S101  # nosec B102` holds two.
pub fn parse_all(text: &str, line: u32, column: u32) -> Vec<Suppression> {
    let mut out: Vec<Suppression> = parse_comment(text, line, column).into_iter().collect();
    out.extend(parse_noqa(text, line, column));
    out
}

/// ruff's `# noqa: S608, E501`: the `S` codes, mapped to Bandit IDs. `None` for a bare
/// `# noqa` or one without `S` codes that pyward knows.
pub fn parse_noqa(text: &str, line: u32, column: u32) -> Option<Suppression> {
    let mut rules: Vec<&'static RuleMeta> = Vec::new();
    let mut search = text;
    while let Some(pos) = search.find('#') {
        let after = search[pos + 1..].trim_start();
        search = &search[pos + 1..];
        let Some(rest) = after
            .get(..4)
            .filter(|w| w.eq_ignore_ascii_case("noqa"))
            .map(|_| &after[4..])
        else {
            continue;
        };
        let Some(list) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let list = list.split('#').next().unwrap_or("");
        for token in list.split(|c: char| c == ',' || c.is_whitespace()) {
            let token = token.trim();
            let Some(digits) = token.strip_prefix(['S', 's']) else {
                continue;
            };
            if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            if let Some(rule) = find_rule(&format!("B{digits}"))
                && !rules.iter().any(|r| r.code == rule.code)
            {
                rules.push(rule);
            }
        }
    }
    if rules.is_empty() {
        return None;
    }
    let used = vec![false; rules.len()];
    Some(Suppression {
        kind: Kind::Noqa,
        line,
        column,
        rules,
        unknown: Vec::new(),
        used,
    })
}

/// One suppression comment.
#[derive(Debug, Clone)]
pub struct Suppression {
    pub kind: Kind,
    pub line: u32,
    pub column: u32,
    /// The rules it names; empty for a blanket suppression.
    pub rules: Vec<&'static RuleMeta>,
    /// Names in the comment that match no rule.
    pub unknown: Vec<String>,
    /// Whether it suppressed something: one flag for a blanket comment, else one per rule.
    pub used: Vec<bool>,
}

impl Suppression {
    /// Whether this comment covers `rule`; marks it used.
    pub fn covers(&mut self, rule: &RuleMeta) -> bool {
        if self.rules.is_empty() {
            // Only unknown codes: covers nothing.
            let Some(flag) = self.used.first_mut() else {
                return false;
            };
            *flag = true;
            return true;
        }
        match self.rules.iter().position(|r| r.code == rule.code) {
            Some(i) => {
                self.used[i] = true;
                true
            }
            None => false,
        }
    }
}

/// Finds a rule by code, Bandit ID or name (Bandit test names with `_` work too).
pub fn find_rule(token: &str) -> Option<&'static RuleMeta> {
    let norm = token.trim().replace('_', "-");
    if norm.is_empty() {
        return None;
    }
    RULES.iter().map(|r| r.meta).find(|r| {
        r.code.eq_ignore_ascii_case(&norm)
            || r.name.eq_ignore_ascii_case(&norm)
            || r.bandit_id.is_some_and(|b| b.eq_ignore_ascii_case(&norm))
    })
}

fn looks_like_code(token: &str) -> bool {
    let upper = token.to_ascii_uppercase();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    upper.strip_prefix('B').is_some_and(digits) || upper.strip_prefix("PY").is_some_and(digits)
}

/// Parses one comment (including its `#`). Returns `None` when it is not a suppression.
pub fn parse_comment(text: &str, line: u32, column: u32) -> Option<Suppression> {
    let (kind, rest) = if let Some(rest) = find_after_hash(text, "nosec") {
        // Bandit: the list runs up to the next `#`.
        let rest = rest.strip_prefix(':').unwrap_or(rest);
        (Kind::Nosec, rest.split('#').next().unwrap_or(""))
    } else if let Some(rest) = find_after_hash(text, "pyward:") {
        let rest = rest.trim_start();
        let rest = rest.strip_prefix("ignore")?;
        let rest = rest.trim_start();
        let list = match rest.strip_prefix('[') {
            Some(inner) => inner.split(']').next().unwrap_or(""),
            None => "",
        };
        (Kind::PywardIgnore, list)
    } else {
        return None;
    };
    let mut rules: Vec<&'static RuleMeta> = Vec::new();
    let mut unknown = Vec::new();
    for token in rest.split(|c: char| c == ',' || c.is_whitespace()) {
        let token = token.trim();
        if token.is_empty() {
            continue;
        }
        match find_rule(token) {
            Some(rule) if !rules.iter().any(|r| r.code == rule.code) => rules.push(rule),
            Some(_) => {}
            None if looks_like_code(token) => unknown.push(token.to_string()),
            // Free text after the codes (`# nosec B602 - reviewed`) is a reason, not a code.
            None => {}
        }
    }
    // `# nosec B999` (only unknown codes) must not turn into a blanket suppression.
    if rules.is_empty() && !unknown.is_empty() {
        return Some(Suppression {
            kind,
            line,
            column,
            rules: Vec::new(),
            unknown,
            used: Vec::new(),
        });
    }
    let used = vec![false; rules.len().max(1)];
    Some(Suppression {
        kind,
        line,
        column,
        rules,
        unknown,
        used,
    })
}

/// The text after `#`, optional spaces and `word`, when the comment contains that marker.
fn find_after_hash<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let mut search = text;
    while let Some(pos) = search.find('#') {
        let after = search[pos + 1..].trim_start();
        if let Some(rest) = after.strip_prefix(word) {
            // `# nosecure` is not `# nosec`.
            if word.ends_with(':') || !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
                return Some(rest);
            }
        }
        search = &search[pos + 1..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bandit_and_pyward_forms() {
        let s = parse_comment("# nosec", 1, 1).unwrap();
        assert!(s.rules.is_empty() && s.kind == Kind::Nosec);
        let s = parse_comment("# nosec B602, B603 - reviewed", 1, 1).unwrap();
        let codes: Vec<_> = s.rules.iter().map(|r| r.code).collect();
        assert_eq!(codes, ["PY602", "PY603"]);
        let s = parse_comment("#nosec: subprocess_popen_with_shell_equals_true", 1, 1).unwrap();
        assert_eq!(s.rules[0].code, "PY602");
        let s = parse_comment(
            "# noqa: E501 # pyward: ignore[PY101, hardcoded-password-string]",
            1,
            1,
        )
        .unwrap();
        assert_eq!(s.kind, Kind::PywardIgnore);
        let codes: Vec<_> = s.rules.iter().map(|r| r.code).collect();
        assert_eq!(codes, ["PY101", "PY105"]);
        let s = parse_comment("# nosec B999", 1, 1).unwrap();
        assert!(s.rules.is_empty() && s.used.is_empty());
        assert_eq!(s.unknown, ["B999"]);
        assert!(parse_comment("# nosecure", 1, 1).is_none());
        // ruff: S codes are Bandit IDs; other codes and a bare noqa are not ours.
        let s = parse_noqa("# noqa: S608, E501,S101", 1, 1).unwrap();
        let codes: Vec<_> = s.rules.iter().map(|r| r.code).collect();
        assert_eq!(codes, ["PY608", "PY101"]);
        assert_eq!(s.kind, Kind::Noqa);
        assert!(parse_noqa("# noqa", 1, 1).is_none());
        assert!(parse_noqa("# noqa: E501", 1, 1).is_none());
        assert!(parse_noqa("# NOQA:S105", 1, 1).is_some());
        let both = parse_all("# noqa: S101  # nosec B102", 1, 1);
        assert_eq!(both.len(), 2);
        assert!(parse_comment("# a normal comment", 1, 1).is_none());
    }
}
