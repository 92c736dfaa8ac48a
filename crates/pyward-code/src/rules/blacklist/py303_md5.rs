//! PY303 `md5` (Bandit B303).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags MD2, MD4, MD5 and SHA-1 from PyCrypto, PyCryptodome and `cryptography`. (`hashlib` is covered by PY324.)
///
/// ## Why is this bad?
/// These digests have practical collision attacks. Signatures, integrity checks or password hashes built on them can be forged.
///
/// ## Example
/// ```python
/// from cryptography.hazmat.primitives import hashes
///
/// digest = hashes.Hash(hashes.MD5())
/// ```
///
/// ## Use instead
/// ```python
/// from cryptography.hazmat.primitives import hashes
///
/// digest = hashes.Hash(hashes.SHA256())
/// ```
///
/// ## References
/// - [CWE-327](https://cwe.mitre.org/data/definitions/327.html)
/// - Bandit: `B303`
    pub static RULE = {
        code: "PY303",
        name: "md5",
        analyzer: "code",
        summary: "Broken hash function (MD2, MD4, MD5, SHA-1) from a crypto library",
        severity: Medium,
        confidence: High,
        cwe: 327,
        bandit_id: "B303",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &[
    "Crypto.Hash.MD2.new",
    "Crypto.Hash.MD4.new",
    "Crypto.Hash.MD5.new",
    "Crypto.Hash.SHA.new",
    "Cryptodome.Hash.MD2.new",
    "Cryptodome.Hash.MD4.new",
    "Cryptodome.Hash.MD5.new",
    "Cryptodome.Hash.SHA.new",
    "cryptography.hazmat.primitives.hashes.MD5",
    "cryptography.hazmat.primitives.hashes.SHA1",
];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}` uses a broken hash function (MD2, MD4, MD5 or SHA-1)",
}];
