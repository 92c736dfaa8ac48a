//! PY508 `snmp-insecure-version-check` (Bandit B508).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `pysnmp.hlapi.CommunityData(..., mpModel=0 or 1)`.
///
/// ## Why is this bad?
/// SNMP v1 and v2c authenticate with a clear-text community string and do not encrypt.
///
/// ## Example
/// ```python
/// from pysnmp.hlapi import CommunityData
///
/// auth = CommunityData("public", mpModel=0)
/// ```
///
/// ## Use instead
/// ```python
/// from pysnmp.hlapi import UsmUserData, usmHMACSHAAuthProtocol, usmAesCfb128Protocol
///
/// auth = UsmUserData("user", auth_key, priv_key, authProtocol=usmHMACSHAAuthProtocol, privProtocol=usmAesCfb128Protocol)
/// ```
///
/// ## References
/// - [CWE-319](https://cwe.mitre.org/data/definitions/319.html)
/// - Bandit: `B508`
    pub static RULE = {
        code: "PY508",
        name: "snmp-insecure-version-check",
        analyzer: "code",
        summary: "SNMP v1 or v2c in use",
        severity: Medium,
        confidence: High,
        cwe: 319,
        bandit_id: "B508",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    if call.qualname != "pysnmp.hlapi.CommunityData" {
        return;
    }
    if let Some(kw) = ast::keyword(call.node, "mpModel")
        && matches!(ast::int_value(&kw.value), Some(0 | 1))
    {
        checker.report(
            &RULE,
            call.node.range(),
            "SNMPv1 and SNMPv2c are insecure; use SNMPv3",
        );
    }
}
