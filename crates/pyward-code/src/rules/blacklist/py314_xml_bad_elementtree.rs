//! PY314 `xml-bad-elementtree` (Bandit B314).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags the parsing functions of `xml.etree.ElementTree`.
///
/// ## Why is this bad?
/// The standard library XML parsers expand entities, which allows denial of service ("billion laughs") and, for some parsers, reading external resources.
///
/// ## Example
/// ```python
/// import xml.etree.ElementTree
///
/// tree = xml.etree.ElementTree.parse(upload)
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
/// - Bandit: `B314`
    pub static RULE = {
        code: "PY314",
        name: "xml-bad-elementtree",
        analyzer: "code",
        summary: "Unsafe XML parsing with `xml.etree.ElementTree`",
        severity: Medium,
        confidence: High,
        cwe: 20,
        bandit_id: "B314",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &[
    "xml.etree.ElementTree.parse",
    "xml.etree.ElementTree.iterparse",
    "xml.etree.ElementTree.fromstring",
    "xml.etree.ElementTree.XMLParser",
];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}` parses XML unsafely; use `defusedxml` for untrusted data",
}];
