//! Escaping for the HTML report: every string that reaches the page goes through [`text`]
//! (element content and double-quoted attribute values alike).

use std::fmt::Write as _;

use crate::safe::terminal_safe;

/// `s` as inert HTML text, safe in element content and in double-quoted attribute values:
/// `&`, `<`, `>`, `"` and `'` become character references, and control characters, bidi
/// controls and the Unicode line/paragraph separators are shown as visible escapes (so a file
/// name cannot reorder what the reader sees, as in Trojan Source).
pub(crate) fn text(s: &str) -> String {
    let s = terminal_safe(s);
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped(&mut out, &s);
    out
}

/// A path or location as escaped text with a line-break opportunity after each `/`.
pub(crate) fn path(s: &str) -> String {
    text(s).replace('/', "/<wbr>")
}

/// A finding message as escaped text, its `` `quoted` `` parts (code, names, redacted values)
/// in `<code>` when the backticks pair up.
pub(crate) fn message(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len() < 3 || parts.len().is_multiple_of(2) {
        return text(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(&text(part));
            out.push_str("</code>");
        } else {
            out.push_str(&text(part));
        }
    }
    out
}

/// Like [`text`] for one line of source code: tabs are kept, everything else as in [`text`].
pub(crate) fn code_line(s: &str) -> String {
    text(s)
}

/// Appends `s` with the five HTML-special characters escaped; nothing else is changed.
pub(crate) fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// An `http(s)` URL for an `href`, escaped; `None` for any other scheme (`javascript:`,
/// `data:`, relative URLs), which the page then shows as text only.
pub(crate) fn href(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        Some(text(url))
    } else {
        None
    }
}

/// Standard base64 (with padding) of `bytes`, for the CSP hashes.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The CSP source expression for an inline element's exact text: `'sha256-…'`.
pub(crate) fn csp_hash(content: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(content.as_bytes());
    let mut out = String::new();
    let _ = write!(out, "'sha256-{}'", base64(&digest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_inert() {
        assert_eq!(
            text("<img src=x onerror=alert(1)>.py"),
            "&lt;img src=x onerror=alert(1)&gt;.py"
        );
        assert_eq!(text("a\"b'c&d"), "a&quot;b&#39;c&amp;d");
        assert_eq!(text("x\u{202e}y\nz"), "x\\u{202e}y\\nz");
        assert_eq!(code_line("\tif x:"), "\tif x:");
        assert_eq!(
            message("key `<b>` is weak"),
            "key <code>&lt;b&gt;</code> is weak"
        );
        assert_eq!(message("odd ` tick <i>"), "odd ` tick &lt;i&gt;");
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(
            href("https://example.test/a?b=1&c=2").as_deref(),
            Some("https://example.test/a?b=1&amp;c=2")
        );
        assert_eq!(href("javascript:alert(1)"), None);
        assert_eq!(href("data:text/html,x"), None);
        assert_eq!(href("https://x.test/ onmouseover=1"), None);
    }

    #[test]
    fn base64_matches_the_rfc_vectors() {
        for (input, want) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), want);
        }
        // echo -n "" | sha256sum, base64-encoded.
        assert_eq!(
            csp_hash(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }
}
