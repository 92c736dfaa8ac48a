//! PY317 `xml-bad-sax` (Bandit B317).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags the parsing functions of `xml.sax`.
///
/// ## Why is this bad?
/// The standard library XML parsers expand entities, which allows denial of service ("billion laughs") and, for some parsers, reading external resources.
///
/// ## Example
/// ```python
/// import xml.sax
///
/// tree = xml.sax.parse(upload)
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
/// - Bandit: `B317`
    pub static RULE = {
        code: "PY317",
        name: "xml-bad-sax",
        analyzer: "code",
        summary: "Unsafe XML parsing with `xml.sax`",
        severity: Medium,
        confidence: High,
        cwe: 20,
        bandit_id: "B317",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &[
    "xml.sax.parse",
    "xml.sax.parseString",
    "xml.sax.make_parser",
];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}` parses XML unsafely; use `defusedxml` for untrusted data",
}];
