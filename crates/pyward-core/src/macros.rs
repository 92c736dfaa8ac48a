//! The `declare_rule!` macro: a rule's metadata and its documentation in one place.

/// Declares a `static` [`RuleMeta`](crate::RuleMeta) whose `docs` field is the item's own doc
/// comment, so the rule's code, metadata and documentation live together.
///
/// ```
/// pyward_core::declare_rule! {
///     /// ## What it does
///     /// Flags things.
///     pub static EXAMPLE_RULE = {
///         code: "EX001",
///         name: "example-rule",
///         analyzer: "example",
///         summary: "An example",
///         severity: Low,
///         confidence: High,
///         cwe: 20,
///     }
/// }
/// assert_eq!(EXAMPLE_RULE.code, "EX001");
/// assert_eq!(EXAMPLE_RULE.cwe, Some(20));
/// assert!(EXAMPLE_RULE.doc_text().starts_with("## What it does"));
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        $vis:vis static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            analyzer: $analyzer:literal,
            summary: $summary:literal,
            severity: $severity:ident,
            confidence: $confidence:ident
            $(, cwe: $cwe:literal)?
            $(, bandit_id: $bandit:literal)?
            $(,)?
        }
    ) => {
        $(#[doc = $doc])+
        $vis static $ident: $crate::RuleMeta = $crate::RuleMeta {
            code: $code,
            name: $name,
            analyzer: $analyzer,
            summary: $summary,
            severity: $crate::Severity::$severity,
            confidence: $crate::Confidence::$confidence,
            cwe: $crate::__pyward_opt!($($cwe)?),
            bandit_id: $crate::__pyward_opt!($($bandit)?),
            docs: concat!($($doc, "\n"),+),
        };
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __pyward_opt {
    () => {
        None
    };
    ($value:expr) => {
        Some($value)
    };
}
