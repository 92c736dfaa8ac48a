//! PY413 `import-pycrypto` (Bandit B413).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags imports from the `Crypto` package of pyCrypto.
///
/// ## Why is this bad?
/// pyCrypto has not been maintained since 2013 and has unfixed vulnerabilities.
///
/// ## Example
/// ```python
/// from Crypto.Cipher import AES
/// ```
///
/// ## Use instead
/// ```python
/// from cryptography.hazmat.primitives.ciphers.aead import AESGCM
/// ```
///
/// ## References
/// - [CWE-327](https://cwe.mitre.org/data/definitions/327.html)
/// - Bandit: `B413`
    pub static RULE = {
        code: "PY413",
        name: "import-pycrypto",
        analyzer: "code",
        summary: "Import of the unmaintained pyCrypto",
        severity: High,
        confidence: High,
        cwe: 327,
        bandit_id: "B413",
    }
}

/// Module names (prefixes) whose import is flagged.
pub const MODULES: &[&str] = &[
    "Crypto.Cipher",
    "Crypto.Hash",
    "Crypto.IO",
    "Crypto.Protocol",
    "Crypto.PublicKey",
    "Crypto.Random",
    "Crypto.Signature",
    "Crypto.Util",
];

pub const HOOKS: &[Hook] = &[Hook::ImportBlacklist {
    modules: MODULES,
    message: "Import of `{name}`: pyCrypto is unmaintained and has known vulnerabilities",
}];
