//! A YAML node tree with a line and column on every node, built from `granit-parser` events
//! (the parser under `serde-saphyr`). Multi-document streams give one tree per document; a
//! syntax error keeps every node parsed before it.

use std::collections::HashMap;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};

use crate::source::Pos;

#[derive(Debug, Clone)]
pub enum Value {
    /// A scalar; `plain` is false for quoted and block scalars.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Follows a path of mapping keys.
    pub fn at(&self, path: &[&str]) -> Option<&Node> {
        path.iter().try_fold(self, |n, k| n.get(k))
    }

    pub fn str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// A plain scalar that YAML reads as true (`true`, `True`, `yes`, `on`).
    pub fn is_true(&self) -> bool {
        match &self.value {
            Value::Scalar { text, plain } => {
                let t = text.to_ascii_lowercase();
                t == "true" || (*plain && (t == "yes" || t == "on"))
            }
            _ => false,
        }
    }

    pub fn is_false(&self) -> bool {
        match &self.value {
            Value::Scalar { text, plain } => {
                let t = text.to_ascii_lowercase();
                t == "false" || (*plain && (t == "no" || t == "off"))
            }
            _ => false,
        }
    }

    pub fn seq(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    pub fn entries(&self) -> &[(Node, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true } if text.is_empty() || text == "~" || text == "null")
    }
}

enum Frame {
    Seq(Vec<Node>, Pos, usize),
    Map(Vec<(Node, Node)>, Option<Node>, Pos, usize),
}

/// Deepest nesting of sequences and mappings accepted. Real manifests stay far below this;
/// deeper input is refused with an error rather than built (and later walked) recursively.
pub const MAX_DEPTH: usize = 128;
/// Most nodes one document may hold after aliases are expanded. A 1 KB "billion laughs" file
/// expands to billions; this stops it early with an error.
pub const MAX_NODES: usize = 1_000_000;

/// One parsed document.
#[derive(Debug, Clone)]
pub struct Doc {
    pub node: Node,
    /// The document ends early because of an error: what follows the error was not seen, so
    /// rules that report something *missing* must not run on it.
    pub truncated: bool,
}

/// The documents of a stream and the errors met (line, message). Each document is parsed on
/// its own, so an error in one leaves the others audited.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub docs: Vec<Doc>,
    pub errors: Vec<(usize, String)>,
}

/// Whether `text` is a Go/Helm template rather than YAML: `{{ … }}` actions outside comments.
/// Such files only become YAML once rendered; auditing the raw text gives syntax errors and
/// wrong "missing" findings.
pub fn templated(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim_start();
        !t.starts_with('#') && t.contains("{{") && t[t.find("{{").unwrap_or(0)..].contains("}}")
    })
}

/// Parses every document in `text`. Returns the documents and, on a syntax error, its message
/// and line (the documents parsed so far, including the partial one, are kept).
pub fn parse(text: &str) -> (Vec<Node>, Option<(usize, String)>) {
    let parsed = parse_stream(text);
    (
        parsed.docs.into_iter().map(|d| d.node).collect(),
        parsed.errors.into_iter().next(),
    )
}

/// Splits a stream at its `---` document markers (a line starting with `---` followed by a
/// space or the end of the line is always a marker in YAML) and parses each document alone.
pub fn parse_stream(text: &str) -> Parsed {
    let mut out = Parsed::default();
    let mut chunk_start = 0usize; // byte offset
    let mut chunk_line = 0usize; // lines before the chunk
    let mut has_content = false;
    let mut offset = 0usize;
    for (line_no, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches(['\n', '\r']);
        let marker = bare == "---" || bare.starts_with("--- ") || bare.starts_with("---\t");
        if marker && has_content {
            parse_one(&text[chunk_start..offset], chunk_line, &mut out);
            chunk_start = offset;
            chunk_line = line_no;
            has_content = false;
        }
        let t = bare.trim();
        if !(t.is_empty() || t.starts_with('#') || t.starts_with('%') || marker)
            || bare.len() > 3 && marker
        {
            has_content = true;
        }
        offset += line.len();
    }
    if chunk_start < text.len() || out.docs.is_empty() && out.errors.is_empty() {
        parse_one(&text[chunk_start..], chunk_line, &mut out);
    }
    out
}

fn parse_one(text: &str, line_offset: usize, out: &mut Parsed) {
    let mut docs: Vec<Node> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    // Each anchor with the number of nodes it holds, so an alias costs what it expands to.
    let mut anchors: HashMap<usize, (Node, usize)> = HashMap::new();
    let mut sizes: Vec<usize> = Vec::new(); // nodes under each open frame
    let mut total = 0usize;
    let mut parser = Parser::new_from_str(text);
    let mut error = None;

    fn push(
        stack: &mut [Frame],
        sizes: &mut [usize],
        docs: &mut Vec<Node>,
        anchors: &mut HashMap<usize, (Node, usize)>,
        node: Node,
        anchor: usize,
        size: usize,
    ) {
        if anchor != 0 {
            anchors.insert(anchor, (node.clone(), size));
        }
        if let Some(s) = sizes.last_mut() {
            *s = s.saturating_add(size);
        }
        match stack.last_mut() {
            None => docs.push(node),
            Some(Frame::Seq(items, _, _)) => items.push(node),
            Some(Frame::Map(entries, key, _, _)) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }

    while let Some(result) = parser.next_event() {
        let (event, span) = match result {
            Ok(ev) => ev,
            Err(e) => {
                error = Some((e.marker().line() + line_offset, e.info().to_string()));
                break;
            }
        };
        let pos = Pos::new(
            span.start.line() + line_offset,
            span.start.col() + 1,
            span.end.index().saturating_sub(span.start.index()),
        );
        match event {
            Event::Scalar(text, style, anchor, _) => {
                total += 1;
                let node = Node {
                    value: Value::Scalar {
                        text: text.into_owned(),
                        plain: style == ScalarStyle::Plain,
                    },
                    pos,
                };
                push(
                    &mut stack,
                    &mut sizes,
                    &mut docs,
                    &mut anchors,
                    node,
                    anchor,
                    1,
                );
            }
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    error = Some((
                        pos.line as usize,
                        format!("nested deeper than {MAX_DEPTH} levels (not audited further)"),
                    ));
                    break;
                }
                total += 1;
                sizes.push(1);
                if matches!(event, Event::SequenceStart(..)) {
                    stack.push(Frame::Seq(Vec::new(), pos, anchor));
                } else {
                    stack.push(Frame::Map(Vec::new(), None, pos, anchor));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(frame) = stack.pop() {
                    let size = sizes.pop().unwrap_or(1);
                    let (node, anchor) = close(frame);
                    push(
                        &mut stack,
                        &mut sizes,
                        &mut docs,
                        &mut anchors,
                        node,
                        anchor,
                        size,
                    );
                }
            }
            Event::Alias(id) => {
                let (node, size) = anchors.get(&id).cloned().unwrap_or((
                    Node {
                        value: Value::Scalar {
                            text: String::new(),
                            plain: true,
                        },
                        pos,
                    },
                    1,
                ));
                total = total.saturating_add(size);
                if total > MAX_NODES {
                    error = Some((
                        pos.line as usize,
                        format!(
                            "aliases expand to over {MAX_NODES} nodes (a \"billion laughs\" document?); not audited further"
                        ),
                    ));
                    break;
                }
                push(
                    &mut stack,
                    &mut sizes,
                    &mut docs,
                    &mut anchors,
                    node,
                    0,
                    size,
                );
            }
            Event::StreamEnd => break,
            _ => {}
        }
        if total > MAX_NODES {
            error = Some((
                pos.line as usize,
                format!("over {MAX_NODES} nodes; not audited further"),
            ));
            break;
        }
    }
    let truncated = error.is_some();
    // Close whatever an error left open so the partial document is still audited.
    while let Some(frame) = stack.pop() {
        let size = sizes.pop().unwrap_or(1);
        let (node, anchor) = close(frame);
        push(
            &mut stack,
            &mut sizes,
            &mut docs,
            &mut anchors,
            node,
            anchor,
            size,
        );
    }
    let n = docs.len();
    for (i, node) in docs.into_iter().enumerate() {
        out.docs.push(Doc {
            node,
            truncated: truncated && i + 1 == n,
        });
    }
    if let Some(e) = error {
        out.errors.push(e);
    }
}

fn close(frame: Frame) -> (Node, usize) {
    match frame {
        Frame::Seq(items, pos, anchor) => (
            Node {
                value: Value::Seq(items),
                pos,
            },
            anchor,
        ),
        Frame::Map(mut entries, key, pos, anchor) => {
            // Merge keys (`<<: *defaults`): inline the merged mapping's entries.
            let mut merged = Vec::new();
            entries.retain(|(k, v)| {
                if k.str() == Some("<<") {
                    merged.extend(v.entries().iter().cloned());
                    merged.extend(v.seq().iter().flat_map(|n| n.entries().to_vec()));
                    false
                } else {
                    true
                }
            });
            for (k, v) in merged {
                if !entries.iter().any(|(e, _)| e.str() == k.str()) {
                    entries.push((k, v));
                }
            }
            if let Some(k) = key {
                entries.push((
                    k,
                    Node {
                        value: Value::Scalar {
                            text: String::new(),
                            plain: true,
                        },
                        pos,
                    },
                ));
            }
            (
                Node {
                    value: Value::Map(entries),
                    pos,
                },
                anchor,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_and_documents() {
        let (docs, err) = parse("a: 1\nb:\n  - x\n  - y: z\n---\nkind: Pod\n");
        assert!(err.is_none());
        assert_eq!(docs.len(), 2);
        let b = docs[0].get("b").unwrap();
        assert_eq!(b.seq()[0].str(), Some("x"));
        assert_eq!(b.seq()[0].pos.line, 3);
        assert_eq!(b.seq()[0].pos.col, 5);
        assert_eq!(docs[1].get("kind").unwrap().pos.line, 6);
    }

    #[test]
    fn error_keeps_earlier_documents() {
        let (docs, err) = parse("a: 1\n---\nb: [1, 2\nc: d\n");
        assert!(err.is_some());
        assert_eq!(docs[0].get("a").and_then(Node::str), Some("1"));
    }

    #[test]
    fn an_error_leaves_the_other_documents() {
        let p = parse_stream("a: 1\n---\nb: [1, 2\nc: d\n---\nkind: Pod\nprivileged: true\n");
        assert_eq!(p.errors.len(), 1);
        assert_eq!(p.errors[0].0, 4, "{:?}", p.errors);
        let kinds: Vec<Option<&str>> = p
            .docs
            .iter()
            .filter(|d| !d.truncated)
            .map(|d| d.node.get("kind").and_then(Node::str))
            .collect();
        assert!(kinds.contains(&Some("Pod")), "{:?}", p.docs);
        assert_eq!(
            p.docs
                .iter()
                .find(|d| d.node.get("kind").is_some())
                .unwrap()
                .node
                .pos
                .line,
            6
        );
    }

    #[test]
    fn directives_stay_with_their_document() {
        let p = parse_stream("%YAML 1.2\n---\na: 1\n");
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.docs.len(), 1);
    }

    /// A 1 KB "billion laughs" document grew to 4 GB and aborted the process.
    #[test]
    fn alias_expansion_is_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = format!("*a{}", i - 1);
            text.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; 10].join(", ")));
        }
        let p = parse_stream(&text);
        assert_eq!(p.errors.len(), 1);
        assert!(p.errors[0].1.contains("aliases expand"), "{:?}", p.errors);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("{}{}", "[".repeat(50_000), "]".repeat(50_000));
        let p = parse_stream(&text);
        assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
        let text = (0..1_000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect::<String>();
        let p = parse_stream(&text);
        assert_eq!(p.errors.len(), 1);
    }

    #[test]
    fn merge_keys() {
        let (docs, _) = parse("x: &d\n  a: 1\ny:\n  <<: *d\n  b: 2\n");
        let y = docs[0].get("y").unwrap();
        assert_eq!(y.get("a").and_then(Node::str), Some("1"));
    }
}
