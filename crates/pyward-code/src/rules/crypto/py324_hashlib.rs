//! PY324 `hashlib` (Bandit B324).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `hashlib` MD4, MD5, SHA and SHA-1 (direct constructors or `hashlib.new("md5")`) unless `usedforsecurity=False` is passed, and weak `crypt` methods (`METHOD_CRYPT`, `METHOD_MD5`, `METHOD_BLOWFISH`) at medium severity.
///
/// ## Why is this bad?
/// These hashes have practical collision attacks and are fast to brute-force, so they must not protect passwords, signatures or integrity.
///
/// ## Example
/// ```python
/// import hashlib
///
/// digest = hashlib.md5(password).hexdigest()
/// ```
///
/// ## Use instead
/// ```python
/// import hashlib
///
/// digest = hashlib.sha256(data).hexdigest()
/// checksum = hashlib.md5(data, usedforsecurity=False).hexdigest()
/// ```
///
/// ## References
/// - [Python docs: hashlib](https://docs.python.org/3/library/hashlib.html)
/// - [CWE-327](https://cwe.mitre.org/data/definitions/327.html)
/// - Bandit: `B324`
    pub static RULE = {
        code: "PY324",
        name: "hashlib",
        analyzer: "code",
        summary: "Weak hash function from `hashlib` or `crypt`",
        severity: High,
        confidence: High,
        cwe: 327,
        bandit_id: "B324",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

const WEAK: &[&str] = &["md4", "md5", "sha", "sha1"];
const WEAK_CRYPT: &[&str] = &["METHOD_CRYPT", "METHOD_MD5", "METHOD_BLOWFISH"];

fn for_security(call: &ExprCall) -> bool {
    match ast::keyword(call, "usedforsecurity") {
        None => true,
        Some(kw) => matches!(kw.value, Expr::BooleanLiteral(ref b) if b.value),
    }
}

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if !call.qualname.contains("hashlib") && !call.qualname.contains("crypt") {
        return;
    }
    let parts: Vec<&str> = call.qualname.split('.').collect();
    let func = parts.last().copied().unwrap_or("");
    if parts.contains(&"hashlib") {
        let algo = if WEAK.contains(&func) {
            Some(func.to_string())
        } else if func == "new" {
            ast::arg(call.node, 0)
                .or_else(|| ast::keyword(call.node, "name").map(|k| &k.value))
                .and_then(ast::string_value)
                .map(str::to_ascii_lowercase)
                .filter(|n| WEAK.contains(&n.as_str()))
        } else {
            None
        };
        if let Some(algo) = algo
            && for_security(call.node)
        {
            checker.report(
                &RULE,
                call.node.range(),
                format!(
                    "Use of weak {} hash for security; consider usedforsecurity=False",
                    algo.to_uppercase()
                ),
            );
        }
    } else if parts.contains(&"crypt") && (func == "crypt" || func == "mksalt") {
        let (pos, kw) = if func == "crypt" {
            (1, "salt")
        } else {
            (0, "method")
        };
        let value =
            ast::arg(call.node, pos).or_else(|| ast::keyword(call.node, kw).map(|k| &k.value));
        if let Some(name) = value.and_then(last_name)
            && WEAK_CRYPT.contains(&name)
        {
            checker
                .report(
                    &RULE,
                    call.node.range(),
                    format!("Use of insecure crypt.{name} hash function"),
                )
                .severity(Severity::Medium);
        }
    }
}
