//! PY316 `xml-bad-expatbuilder` (Bandit B316).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags the parsing functions of `xml.dom.expatbuilder`.
///
/// ## Why is this bad?
/// The standard library XML parsers expand entities, which allows denial of service ("billion laughs") and, for some parsers, reading external resources.
///
/// ## Example
/// ```python
/// import xml.dom.expatbuilder
///
/// tree = xml.dom.expatbuilder.parse(upload)
/// ```
///
/// ## Use instead
/// ```python
/// import defusedxml.ElementTree
///
/// tree = defusedxml.ElementTree.parse(upload)
/// ```
///
/// ## References
/// - [Python docs: XML vulnerabilities](https://docs.python.org/3/library/xml.html#xml-vulnerabilities)
/// - [defusedxml](https://pypi.org/project/defusedxml/)
/// - [CWE-20](https://cwe.mitre.org/data/definitions/20.html)
/// - Bandit: `B316`
    pub static RULE = {
        code: "PY316",
        name: "xml-bad-expatbuilder",
        analyzer: "code",
        summary: "Unsafe XML parsing with `xml.dom.expatbuilder`",
        severity: Medium,
        confidence: High,
        cwe: 20,
        bandit_id: "B316",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &[
    "xml.dom.expatbuilder.parse",
    "xml.dom.expatbuilder.parseString",
];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}` parses XML unsafely; use `defusedxml` for untrusted data",
}];
