//! PY319 `xml-bad-pulldom` (Bandit B319).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags the parsing functions of `xml.dom.pulldom`.
///
/// ## Why is this bad?
/// The standard library XML parsers expand entities, which allows denial of service ("billion laughs") and, for some parsers, reading external resources.
///
/// ## Example
/// ```python
/// import xml.dom.pulldom
///
/// tree = xml.dom.pulldom.parse(upload)
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
/// - Bandit: `B319`
    pub static RULE = {
        code: "PY319",
        name: "xml-bad-pulldom",
        analyzer: "code",
        summary: "Unsafe XML parsing with `xml.dom.pulldom`",
        severity: Medium,
        confidence: High,
        cwe: 20,
        bandit_id: "B319",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &["xml.dom.pulldom.parse", "xml.dom.pulldom.parseString"];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}` parses XML unsafely; use `defusedxml` for untrusted data",
}];
