//! PY505 `weak-cryptographic-key` (Bandit B505).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags RSA and DSA keys under 2048 bits (high severity under 1024) and elliptic curves under 224 bits (high under 160), generated with `cryptography`, PyCrypto or PyCryptodome.
///
/// ## Why is this bad?
/// Small keys can be factored or brute-forced with modest resources.
///
/// ## Example
/// ```python
/// from cryptography.hazmat.primitives.asymmetric import rsa
///
/// key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
/// ```
///
/// ## Use instead
/// ```python
/// from cryptography.hazmat.primitives.asymmetric import rsa
///
/// key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
/// ```
///
/// ## References
/// - [NIST SP 800-131A](https://csrc.nist.gov/pubs/sp/800/131/a/r2/final)
/// - [CWE-326](https://cwe.mitre.org/data/definitions/326.html)
/// - Bandit: `B505`
    pub static RULE = {
        code: "PY505",
        name: "weak-cryptographic-key",
        analyzer: "code",
        summary: "Cryptographic key too small",
        severity: High,
        confidence: High,
        cwe: 326,
        bandit_id: "B505",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

const CURVES: &[(&str, i64)] = &[
    ("SECT571K1", 571),
    ("SECT571R1", 570),
    ("SECP521R1", 521),
    ("BrainpoolP512R1", 512),
    ("SECT409K1", 409),
    ("SECT409R1", 409),
    ("BrainpoolP384R1", 384),
    ("SECP384R1", 384),
    ("SECT283K1", 283),
    ("SECT283R1", 283),
    ("BrainpoolP256R1", 256),
    ("SECP256K1", 256),
    ("SECP256R1", 256),
    ("SECT233K1", 233),
    ("SECT233R1", 233),
    ("SECP224R1", 224),
    ("SECP192R1", 192),
    ("SECT163K1", 163),
    ("SECT163R2", 163),
];

fn classify<'a>(checker: &mut Checker<'a>, call: &Call<'a>, kind: &str, size: i64) {
    let (high, medium) = match kind {
        "EC" => (160, 224),
        _ => (1024, 2048),
    };
    let (limit, severity) = if size < high {
        (high, Severity::High)
    } else if size < medium {
        (medium, Severity::Medium)
    } else {
        return;
    };
    checker
        .report(
            &RULE,
            call.node.range(),
            format!("{kind} key sizes below {limit} bits are considered breakable"),
        )
        .severity(severity);
}

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    let q = call.qualname.as_str();
    let size_arg = |kw: &str, pos: usize| {
        ast::keyword(call.node, kw)
            .map(|k| &k.value)
            .or_else(|| ast::arg(call.node, pos))
    };
    let (kind, size) = match q {
        "cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key" => {
            ("DSA", size_arg("key_size", 0))
        }
        "cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key" => {
            ("RSA", size_arg("key_size", 1))
        }
        "Crypto.PublicKey.DSA.generate" | "Cryptodome.PublicKey.DSA.generate" => {
            ("DSA", size_arg("bits", 0))
        }
        "Crypto.PublicKey.RSA.generate" | "Cryptodome.PublicKey.RSA.generate" => {
            ("RSA", size_arg("bits", 0))
        }
        "cryptography.hazmat.primitives.asymmetric.ec.generate_private_key" => {
            let curve = size_arg("curve", 0).map(|c| match c {
                Expr::Call(inner) => &*inner.func,
                other => other,
            });
            if let Some(name) = curve.and_then(last_name)
                && let Some((_, bits)) = CURVES.iter().find(|(n, _)| *n == name)
            {
                classify(checker, call, "EC", *bits);
            }
            return;
        }
        _ => return,
    };
    let Some(size) = size else { return };
    if let Some(bits) = ast::int_value(checker.resolve(size)) {
        classify(checker, call, kind, bits);
    }
}
