//! PY304 `ciphers` (Bandit B304).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags obsolete symmetric ciphers: RC2, RC4, Blowfish, DES, 3DES, CAST5, IDEA, SEED and XOR.
///
/// ## Why is this bad?
/// These ciphers have short keys, small blocks or known biases. Data encrypted with them can be recovered by a motivated attacker.
///
/// ## Example
/// ```python
/// from Crypto.Cipher import DES
///
/// cipher = DES.new(key, DES.MODE_CBC, iv)
/// ```
///
/// ## Use instead
/// ```python
/// from cryptography.hazmat.primitives.ciphers.aead import AESGCM
///
/// sealed = AESGCM(key).encrypt(nonce, data, None)
/// ```
///
/// ## References
/// - [CWE-327](https://cwe.mitre.org/data/definitions/327.html)
/// - Bandit: `B304`
    pub static RULE = {
        code: "PY304",
        name: "ciphers",
        analyzer: "code",
        summary: "Insecure cipher (DES, RC4, Blowfish, …)",
        severity: High,
        confidence: High,
        cwe: 327,
        bandit_id: "B304",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &[
    "Crypto.Cipher.ARC2.new",
    "Crypto.Cipher.ARC4.new",
    "Crypto.Cipher.Blowfish.new",
    "Crypto.Cipher.DES.new",
    "Crypto.Cipher.XOR.new",
    "Cryptodome.Cipher.ARC2.new",
    "Cryptodome.Cipher.ARC4.new",
    "Cryptodome.Cipher.Blowfish.new",
    "Cryptodome.Cipher.DES.new",
    "Cryptodome.Cipher.XOR.new",
    "cryptography.hazmat.primitives.ciphers.algorithms.ARC4",
    "cryptography.hazmat.primitives.ciphers.algorithms.Blowfish",
    "cryptography.hazmat.primitives.ciphers.algorithms.CAST5",
    "cryptography.hazmat.primitives.ciphers.algorithms.IDEA",
    "cryptography.hazmat.primitives.ciphers.algorithms.SEED",
    "cryptography.hazmat.primitives.ciphers.algorithms.TripleDES",
];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}` is an insecure cipher; use AES",
}];
