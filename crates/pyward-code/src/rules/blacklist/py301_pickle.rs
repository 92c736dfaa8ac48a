//! PY301 `pickle` (Bandit B301).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags deserialization through `pickle` and the libraries built on it (`dill`, `shelve`, `jsonpickle`, `pandas.read_pickle`).
///
/// ## Why is this bad?
/// Unpickling calls constructors named by the data itself. Whoever controls the bytes controls which code runs in your process.
///
/// ## Example
/// ```python
/// import pickle
///
/// session = pickle.loads(request.cookies["session"])
/// ```
///
/// ## Use instead
/// ```python
/// import json
///
/// session = json.loads(request.cookies["session"])
/// ```
///
/// ## References
/// - [Python docs: pickle](https://docs.python.org/3/library/pickle.html)
/// - [CWE-502](https://cwe.mitre.org/data/definitions/502.html)
/// - Bandit: `B301`
    pub static RULE = {
        code: "PY301",
        name: "pickle",
        analyzer: "code",
        summary: "Deserialization with `pickle` or a library built on it",
        severity: Medium,
        confidence: High,
        cwe: 502,
        bandit_id: "B301",
    }
}

/// Fully qualified names of the flagged callables.
pub const QUALNAMES: &[&str] = &[
    "pickle.loads",
    "pickle.load",
    "pickle.Unpickler",
    "dill.loads",
    "dill.load",
    "dill.Unpickler",
    "shelve.open",
    "shelve.DbfilenameShelf",
    "jsonpickle.decode",
    "jsonpickle.unpickler.decode",
    "jsonpickle.unpickler.Unpickler",
    "pandas.read_pickle",
];

pub const HOOKS: &[Hook] = &[Hook::CallBlacklist {
    qualnames: QUALNAMES,
    message: "`{name}` deserializes with pickle, which can run arbitrary code when the data is untrusted",
}];
