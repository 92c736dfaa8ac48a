//! Neutralising untrusted text for terminals and CI logs.
//!
//! Scanned content (file names, messages quoting files, snippets, package names, versions) is
//! attacker-controlled. Written raw to a terminal or a CI log it could move the cursor, rewrite
//! earlier lines, set the window title (escape sequences), reorder what a reader sees (bidi
//! controls, as in Trojan Source), or start a new line that a CI runner reads as a command
//! (`::error …`, `##vso[…]`). [`terminal_safe`] renders all of these visibly instead.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal raw: every C0 control but tab (so newline and carriage
/// return too), DEL, every C1 control, the bidi embedding/override/isolate controls, the
/// implicit directional marks and the Unicode line and paragraph separators.
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every unsafe character (see [`is_unsafe_char`]) written as a visible escape:
/// `\n`, `\r`, `\x1b` for C0 controls and DEL, `\u{85}` / `\u{202e}` for the rest. Everything
/// else, tabs and non-ASCII letters included, is kept. The result is always one line.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_unsafe_char(c) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_visibly() {
        assert_eq!(terminal_safe("plain\ttext é"), "plain\ttext é");
        assert_eq!(terminal_safe("a\n::error::x"), "a\\n::error::x");
        assert_eq!(terminal_safe("a\r\n"), "a\\r\\n");
        assert_eq!(terminal_safe("\u{1b}[31mred"), "\\x1b[31mred");
        assert_eq!(terminal_safe("\u{1b}]0;title\u{7}"), "\\x1b]0;title\\x07");
        assert_eq!(terminal_safe("\u{9b}2J"), "\\u{9b}2J");
        assert_eq!(terminal_safe("\u{7f}"), "\\x7f");
        assert_eq!(terminal_safe("admin\u{202e}txt.py"), "admin\\u{202e}txt.py");
        for c in [
            '\u{202a}', '\u{2066}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{2028}',
        ] {
            assert!(!terminal_safe(&format!("x{c}y")).contains(c), "{c:?}");
        }
    }
}
