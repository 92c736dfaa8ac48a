//! PY310 `urllib-urlopen` (Bandit B310).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags `urllib.request.urlopen`, `urlretrieve` and the legacy openers.
///
/// ## Why is this bad?
/// These functions follow `file://` URLs and other schemes, so a user-supplied URL can read local files.
///
/// ## Example
/// ```python
/// from urllib.request import urlopen
///
/// body = urlopen(user_url).read()
/// ```
///
/// ## Use instead
/// ```python
/// from urllib.parse import urlparse
/// from urllib.request import urlopen
///
/// if urlparse(user_url).scheme not in ("http", "https"):
///     raise ValueError("bad scheme")
/// body = urlopen(user_url).read()  # nosec B310
/// ```
///
/// ## References
/// - [CWE-22](https://cwe.mitre.org/data/definitions/22.html)
/// - Bandit: `B310`
    pub static RULE = {
        code: "PY310",
        name: "urllib-urlopen",
        analyzer: "code",
        summary: "URL opened with `urllib` without checking its scheme",
        severity: Medium,
        confidence: High,
        cwe: 22,
        bandit_id: "B310",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &[
    "urllib.request.urlopen",
    "urllib.request.urlretrieve",
    "urllib.request.URLopener",
    "urllib.request.FancyURLopener",
    "six.moves.urllib.request.urlopen",
    "six.moves.urllib.request.urlretrieve",
    "six.moves.urllib.request.URLopener",
    "six.moves.urllib.request.FancyURLopener",
];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}` accepts `file:` and custom schemes; check the URL's scheme",
}];
