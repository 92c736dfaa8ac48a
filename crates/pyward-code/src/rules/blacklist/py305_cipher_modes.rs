//! PY305 `cipher-modes` (Bandit B305).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags the ECB block cipher mode.
///
/// ## Why is this bad?
/// ECB encrypts equal plaintext blocks to equal ciphertext blocks, so the structure of the data shows through the encryption.
///
/// ## Example
/// ```python
/// from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
///
/// Cipher(algorithms.AES(key), modes.ECB())
/// ```
///
/// ## Use instead
/// ```python
/// from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
///
/// Cipher(algorithms.AES(key), modes.GCM(nonce))
/// ```
///
/// ## References
/// - [CWE-327](https://cwe.mitre.org/data/definitions/327.html)
/// - Bandit: `B305`
    pub static RULE = {
        code: "PY305",
        name: "cipher-modes",
        analyzer: "code",
        summary: "Insecure block cipher mode (ECB)",
        severity: Medium,
        confidence: High,
        cwe: 327,
        bandit_id: "B305",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &["cryptography.hazmat.primitives.ciphers.modes.ECB"];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}` is an insecure block cipher mode",
}];
