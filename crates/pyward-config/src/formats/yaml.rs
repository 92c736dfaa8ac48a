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

/// Parses every document in `text`. Returns the documents and, on a syntax error, its message
/// and line (the documents parsed so far, including the partial one, are kept).
pub fn parse(text: &str) -> (Vec<Node>, Option<(usize, String)>) {
    let mut docs = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut parser = Parser::new_from_str(text);
    let mut error = None;

    fn push(
        stack: &mut [Frame],
        docs: &mut Vec<Node>,
        anchors: &mut HashMap<usize, Node>,
        node: Node,
        anchor: usize,
    ) {
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
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
                error = Some((e.marker().line(), e.info().to_string()));
                break;
            }
        };
        let pos = Pos::new(
            span.start.line(),
            span.start.col() + 1,
            span.end.index().saturating_sub(span.start.index()),
        );
        match event {
            Event::Scalar(text, style, anchor, _) => {
                let node = Node {
                    value: Value::Scalar {
                        text: text.into_owned(),
                        plain: style == ScalarStyle::Plain,
                    },
                    pos,
                };
                push(&mut stack, &mut docs, &mut anchors, node, anchor);
            }
            Event::SequenceStart(_, anchor, _) => stack.push(Frame::Seq(Vec::new(), pos, anchor)),
            Event::MappingStart(_, anchor, _) => {
                stack.push(Frame::Map(Vec::new(), None, pos, anchor))
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(frame) = stack.pop() {
                    let (node, anchor) = close(frame);
                    push(&mut stack, &mut docs, &mut anchors, node, anchor);
                }
            }
            Event::Alias(id) => {
                let node = anchors.get(&id).cloned().unwrap_or(Node {
                    value: Value::Scalar {
                        text: String::new(),
                        plain: true,
                    },
                    pos,
                });
                push(&mut stack, &mut docs, &mut anchors, node, 0);
            }
            Event::StreamEnd => break,
            _ => {}
        }
    }
    // Close whatever an error left open so the partial document is still audited.
    while let Some(frame) = stack.pop() {
        let (node, anchor) = close(frame);
        push(&mut stack, &mut docs, &mut anchors, node, anchor);
    }
    (docs, error)
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
    fn merge_keys() {
        let (docs, _) = parse("x: &d\n  a: 1\ny:\n  <<: *d\n  b: 2\n");
        let y = docs[0].get("y").unwrap();
        assert_eq!(y.get("a").and_then(Node::str), Some("1"));
    }
}
