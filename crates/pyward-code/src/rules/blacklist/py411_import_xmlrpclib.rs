//! PY411 `import-xmlrpclib` (Bandit B411).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags imports of `xmlrpc`.
///
/// ## Why is this bad?
/// The XML-RPC modules parse XML from the network with the unsafe standard parsers.
///
/// ## Example
/// ```python
/// import xmlrpc.client
/// ```
///
/// ## Use instead
/// ```python
/// import defusedxml.xmlrpc
///
/// defusedxml.xmlrpc.monkey_patch()
/// ```
///
/// ## References
/// - [CWE-20](https://cwe.mitre.org/data/definitions/20.html)
/// - Bandit: `B411`
    pub static RULE = {
        code: "PY411",
        name: "import-xmlrpclib",
        analyzer: "code",
        summary: "Import of `xmlrpc`",
        severity: High,
        confidence: High,
        cwe: 20,
        bandit_id: "B411",
    }
}

/// Module names (prefixes) whose import is flagged.
pub const MODULES: &[&str] = &["xmlrpc"];

pub const HOOKS: &[Hook] = &[Hook::ImportBlacklist {
    modules: MODULES,
    message: "Import of `{name}`: XML-RPC is open to XML attacks; use `defusedxml.xmlrpc`",
}];
