//! PY613 `trojansource` (Bandit B613).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags Unicode bidirectional control characters (U+202A–U+202E, U+2066–U+2069, U+200F) anywhere in a file.
///
/// ## Why is this bad?
/// These characters make code display differently from how it runs ("Trojan Source"), hiding logic from reviewers.
///
/// ## Example
/// ```python
/// # the string below hides a RIGHT-TO-LEFT OVERRIDE (U+202E) that reorders what reviewers see
/// access_level = "user"  # invisible control characters here
/// ```
///
/// ## Use instead
/// ```python
/// access_level = "user"
/// ```
///
/// ## References
/// - [Trojan Source](https://trojansource.codes/)
/// - [CWE-838](https://cwe.mitre.org/data/definitions/838.html)
/// - Bandit: `B613`
    pub static RULE = {
        code: "PY613",
        name: "trojansource",
        analyzer: "code",
        summary: "Bidirectional control character in source",
        severity: High,
        confidence: Medium,
        cwe: 838,
        bandit_id: "B613",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Source(check)];

const BIDI: &[char] = &[
    '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200f}',
];

fn check(checker: &mut Checker<'_>) {
    let source = checker.source;
    // Every bidirectional control character is encoded in UTF-8 with a leading 0xE2 byte: a
    // memchr over the bytes rules most files out before the per-character search.
    if !source.as_bytes().contains(&0xE2) || !source.contains(BIDI) {
        return;
    }
    let mut offset = 0usize;
    for line in source.split_inclusive('\n') {
        if let Some(pos) = line.find(BIDI) {
            let ch = line[pos..].chars().next().unwrap_or('?');
            let start = TextSize::try_from(offset + pos).unwrap_or_default();
            let range = TextRange::at(start, TextSize::of(ch));
            checker.report(
                &RULE,
                range,
                format!(
                    "Source contains a bidirectional control character (U+{:04X})",
                    ch as u32
                ),
            );
        }
        offset += line.len();
    }
}
