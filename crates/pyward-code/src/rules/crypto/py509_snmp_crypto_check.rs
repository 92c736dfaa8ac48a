//! PY509 `snmp-crypto-check` (Bandit B509).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `pysnmp.hlapi.UsmUserData` created with fewer than three positional arguments (no privacy key).
///
/// ## Why is this bad?
/// `noAuthNoPriv` and `authNoPriv` SNMPv3 send data unencrypted.
///
/// ## Example
/// ```python
/// from pysnmp.hlapi import UsmUserData
///
/// auth = UsmUserData("user", auth_key)
/// ```
///
/// ## Use instead
/// ```python
/// from pysnmp.hlapi import UsmUserData
///
/// auth = UsmUserData("user", auth_key, priv_key)
/// ```
///
/// ## References
/// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
/// - Bandit: `B509`
    pub static RULE = {
        code: "PY509",
        name: "snmp-crypto-check",
        analyzer: "code",
        summary: "SNMPv3 without encryption",
        severity: Medium,
        confidence: High,
        cwe: 319,
        bandit_id: "B509",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if call.qualname == "pysnmp.hlapi.UsmUserData" && call.node.arguments.args.len() < 3 {
        checker.report(
            &RULE,
            call.node.range(),
            "SNMPv3 without encryption (noAuthNoPriv or authNoPriv) is insecure",
        );
    }
}
