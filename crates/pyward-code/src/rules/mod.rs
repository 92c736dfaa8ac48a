//! The rule registry.
//!
//! One rule per file under `rules/<category>/<code>_<name>.rs`. Each file declares its
//! [`RuleMeta`] with [`pyward_core::declare_rule!`] (the doc comment becomes the rule's
//! documentation) and the hooks it runs on. [`RULES`] is the one central list.
//!
//! ## Code scheme
//! - `PY000`–`PY099`: engine diagnostics (`PY000` syntax error, `PY001` unused suppression).
//! - `PY1xx`–`PY7xx`: the Bandit checks; `PYnnn` is Bandit's `Bnnn` (`PY602` = `B602`), so the
//!   number alone tells the Bandit equivalent. Retired Bandit IDs (B109, B111, B309, B320,
//!   B322, B410, B414) are not used.
//! - `PY9xx`: pyward's own checks with no Bandit equivalent.
//!
//! Rule names are Bandit's test names in kebab-case, so `# nosec subprocess_popen_with_shell_equals_true`
//! and `--ignore subprocess-popen-with-shell-equals-true` both work.

use pyward_core::RuleMeta;

use crate::ast::{Expr, Stmt};
use crate::checker::{Call, Checker};

pub mod auth;
pub mod blacklist;
pub mod crypto;
pub mod django;
pub mod fastapi;
pub mod flask;
pub mod general;
pub mod helpers;
pub mod injection;
pub mod pyward;
pub mod secrets;
mod table;
pub mod xss;

pub use table::RULES;

/// Where a rule runs. The checker calls each enabled hook only on its node kind.
#[derive(Clone, Copy)]
pub enum Hook {
    /// On every call expression.
    Call(for<'a, 'b> fn(&'b mut Checker<'a>, &'b Call<'a>)),
    /// On every statement.
    Stmt(for<'a, 'b> fn(&'b mut Checker<'a>, &'a Stmt)),
    /// On every expression.
    Expr(for<'a, 'b> fn(&'b mut Checker<'a>, &'a Expr)),
    /// Once per file, on the source text.
    Source(for<'a, 'b> fn(&'b mut Checker<'a>)),
    /// Calls whose qualified name is in the list.
    CallBlacklist {
        qualnames: &'static [&'static str],
        message: &'static str,
    },
    /// Imports of a module whose dotted name starts with one in the list.
    ImportBlacklist {
        modules: &'static [&'static str],
        message: &'static str,
    },
}

/// A rule: its metadata and its hooks.
pub struct Rule {
    pub meta: &'static RuleMeta,
    pub hooks: &'static [Hook],
}

/// What rule files import.
pub(crate) mod prelude {
    pub use crate::ast::{self, ExceptHandler, Expr, ExprCall, Ranged, Stmt, TextRange, TextSize};
    pub use crate::checker::{Call, Checker, Walk};
    pub use crate::rules::Hook;
    pub use crate::rules::helpers::*;
    pub use pyward_core::{Confidence, Severity};
}
