//! A rule's documentation (Markdown written by us in the rule's doc comment) as HTML, through a
//! tiny subset: headings, paragraphs, `-` lists, fenced code blocks, inline code, `**strong**`
//! and `[text](https://…)` links. Every piece of text is escaped; anything else stays literal.

use super::escape::{href, push_escaped};

/// The HTML of `markdown`.
pub(crate) fn render(markdown: &str) -> String {
    let mut out = String::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list = false;
    let mut fence: Option<String> = None;
    for line in markdown.lines() {
        if let Some(code) = &mut fence {
            if line.trim_start().starts_with("```") {
                out.push_str("<pre><code>");
                push_escaped(&mut out, code.trim_end_matches('\n'));
                out.push_str("</code></pre>");
                fence = None;
            } else {
                code.push_str(line);
                code.push('\n');
            }
            continue;
        }
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            flush(&mut out, &mut para, &mut list);
            fence = Some(String::new());
        } else if trimmed.is_empty() {
            flush(&mut out, &mut para, &mut list);
        } else if let Some(heading) = trimmed.strip_prefix('#') {
            flush(&mut out, &mut para, &mut list);
            let heading = heading.trim_start_matches('#').trim();
            out.push_str("<h4>");
            inline(&mut out, heading);
            out.push_str("</h4>");
        } else if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            if !para.is_empty() {
                flush(&mut out, &mut para, &mut list);
            }
            if !list {
                out.push_str("<ul>");
                list = true;
            }
            out.push_str("<li>");
            inline(&mut out, item);
            out.push_str("</li>");
        } else {
            if list {
                flush(&mut out, &mut para, &mut list);
            }
            para.push(trimmed);
        }
    }
    if let Some(code) = fence {
        out.push_str("<pre><code>");
        push_escaped(&mut out, code.trim_end_matches('\n'));
        out.push_str("</code></pre>");
    }
    flush(&mut out, &mut para, &mut list);
    out
}

fn flush(out: &mut String, para: &mut Vec<&str>, list: &mut bool) {
    if *list {
        out.push_str("</ul>");
        *list = false;
    }
    if !para.is_empty() {
        out.push_str("<p>");
        inline(out, &para.join(" "));
        out.push_str("</p>");
        para.clear();
    }
}

/// One line of inline Markdown (a rule summary) as HTML.
pub(crate) fn inline_html(s: &str) -> String {
    let mut out = String::new();
    inline(&mut out, s);
    out
}

/// Inline Markdown: code spans, strong emphasis and web links; everything else escaped.
fn inline(out: &mut String, s: &str) {
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('`')
            && let Some(end) = after.find('`')
        {
            out.push_str("<code>");
            push_escaped(out, &after[..end]);
            out.push_str("</code>");
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix("**")
            && let Some(end) = after.find("**")
            && end > 0
        {
            out.push_str("<strong>");
            inline(out, &after[..end]);
            out.push_str("</strong>");
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix('[')
            && let Some(mid) = after.find("](")
            && let Some(end) = after[mid + 2..].find(')')
        {
            let label = &after[..mid];
            let url = &after[mid + 2..mid + 2 + end];
            match href(url) {
                Some(url) => {
                    out.push_str("<a href=\"");
                    out.push_str(&url);
                    out.push_str("\" rel=\"noopener noreferrer\" target=\"_blank\">");
                    push_escaped(out, label);
                    out.push_str("</a>");
                }
                None => push_escaped(out, label),
            }
            rest = &after[mid + 2 + end + 1..];
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            push_escaped(out, &rest[..c.len_utf8()]);
            rest = &rest[c.len_utf8()..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subset_renders_and_the_rest_is_text() {
        let md = "## What it does\nFlags `eval(x)` and **more**\nhere.\n\n- [CWE-95](https://cwe.mitre.org/x.html)\n- [bad](javascript:alert(1))\n\n```python\nif a < b:\n    eval(x)\n```\n<script>alert(1)</script>";
        assert_eq!(
            render(md),
            "<h4>What it does</h4><p>Flags <code>eval(x)</code> and <strong>more</strong> here.</p>\
             <ul><li><a href=\"https://cwe.mitre.org/x.html\" rel=\"noopener noreferrer\" target=\"_blank\">CWE-95</a></li>\
             <li>bad)</li></ul><pre><code>if a &lt; b:\n    eval(x)</code></pre>\
             <p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        );
    }
}
