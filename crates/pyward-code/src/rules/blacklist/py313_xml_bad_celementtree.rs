//! PY313 `xml-bad-celementtree` (Bandit B313).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags the parsing functions of `xml.etree.cElementTree`.
///
/// ## Why is this bad?
/// The standard library XML parsers expand entities, which allows denial of service ("billion laughs") and, for some parsers, reading external resources.
///
/// ## Example
/// ```python
/// import xml.etree.cElementTree
///
/// tree = xml.etree.cElementTree.parse(upload)
/// ```
///
/// ## Use instead
/// ```python
/// import defusedxml.cElementTree
///
/// tree = defusedxml.ElementTree.parse(upload)
/// ```
///
/// ## References
/// - [Python docs: XML vulnerabilities](https://docs.python.org/3/library/xml.html#xml-vulnerabilities)
/// - [defusedxml](https://pypi.org/project/defusedxml/)
/// - [CWE-20](https://cwe.mitre.org/data/definitions/20.html)
/// - Bandit: `B313`
    pub static RULE = {
        code: "PY313",
        name: "xml-bad-celementtree",
        analyzer: "code",
        summary: "Unsafe XML parsing with `xml.etree.cElementTree`",
        severity: Medium,
        confidence: High,
        cwe: 20,
        bandit_id: "B313",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &[
    "xml.etree.cElementTree.parse",
    "xml.etree.cElementTree.iterparse",
    "xml.etree.cElementTree.fromstring",
    "xml.etree.cElementTree.XMLParser",
];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}` parses XML unsafely; use `defusedxml` for untrusted data",
}];
