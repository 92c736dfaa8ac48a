//! The adapter around the ruff parser crates (`ruff_python_parser`, `ruff_python_ast`,
//! `ruff_text_size`, `ruff_source_file`, all pinned `=0.0.10`).
//!
//! Everything else in this crate imports AST types from here, never from the ruff crates
//! directly, so an upgrade of the parser touches this one module.

pub use ruff_python_ast::visitor::{self, Visitor};
pub use ruff_python_ast::{
    Arguments, BoolOp, CmpOp, ExceptHandler, Expr, ExprAttribute, ExprBinOp, ExprCall, ExprDict,
    ExprName, ExprStringLiteral, InterpolatedStringElement, Keyword, Number, Operator, Parameters,
    Stmt, StmtFunctionDef, UnaryOp,
};
pub use ruff_text_size::{Ranged, TextRange, TextSize};

use ruff_python_ast::PythonVersion;
use ruff_python_ast::token::TokenKind;
use ruff_python_parser::{Mode, ParseOptions};
use ruff_source_file::LineIndex;

/// A parsed module with what the checker needs: the statements and the comment ranges.
pub struct ParsedModule {
    pub body: Vec<Stmt>,
    pub comments: Vec<TextRange>,
}

/// A syntax error, with the byte range the parser blamed.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub message: String,
    pub range: TextRange,
}

/// Parses a module with the newest grammar the parser knows (3.14: t-strings, `match`,
/// PEP 701 f-strings). Older syntax (3.8+) is a subset.
pub fn parse_module(source: &str) -> Result<ParsedModule, SyntaxError> {
    let options = ParseOptions::from(Mode::Module).with_target_version(PythonVersion::PY314);
    let parsed = ruff_python_parser::parse(source, options).map_err(|e| SyntaxError {
        message: e.error.to_string(),
        range: e.location,
    })?;
    let comments = parsed
        .tokens()
        .iter()
        .filter(|t| t.kind() == TokenKind::Comment)
        .map(|t| t.range())
        .collect();
    let body = match parsed.into_syntax() {
        ruff_python_ast::Mod::Module(m) => m.body.into_iter().collect(),
        ruff_python_ast::Mod::Expression(_) => Vec::new(),
    };
    Ok(ParsedModule { body, comments })
}

/// Converts byte offsets into 1-based lines and character columns.
pub struct Lines<'s> {
    index: LineIndex,
    source: &'s str,
}

impl<'s> Lines<'s> {
    pub fn new(source: &'s str) -> Lines<'s> {
        Lines {
            index: LineIndex::from_source_text(source),
            source,
        }
    }

    /// 1-based (line, column) of an offset; the column counts characters.
    pub fn position(&self, offset: TextSize) -> (u32, u32) {
        let lc = self.index.line_column(offset, self.source);
        (lc.line.get() as u32, lc.column.get() as u32)
    }

    /// 1-based line of an offset.
    pub fn line(&self, offset: TextSize) -> u32 {
        self.index.line_index(offset).get() as u32
    }
}

/// The text of a string literal expression (implicit concatenations joined).
pub fn string_value(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::StringLiteral(s) => Some(s.value.to_str()),
        _ => None,
    }
}

/// The literal parts of an f-string or t-string, with their ranges.
pub fn interpolated_literal_parts(expr: &Expr) -> Vec<(&str, TextRange)> {
    fn push<'e>(out: &mut Vec<(&'e str, TextRange)>, el: &'e InterpolatedStringElement) {
        if let InterpolatedStringElement::Literal(lit) = el {
            out.push((&*lit.value, lit.range));
        }
    }
    let mut out = Vec::new();
    match expr {
        Expr::FString(f) => {
            for part in f.value.iter() {
                match part {
                    ruff_python_ast::FStringPart::Literal(l) => out.push((&*l.value, l.range)),
                    ruff_python_ast::FStringPart::FString(fs) => {
                        for el in fs.elements.iter() {
                            push(&mut out, el);
                        }
                    }
                }
            }
        }
        Expr::TString(t) => {
            for el in t.value.elements() {
                push(&mut out, el);
            }
        }
        _ => {}
    }
    out
}

/// Whether an f-string has at least one interpolation (`{...}`).
pub fn fstring_has_interpolation(expr: &Expr) -> bool {
    match expr {
        Expr::FString(f) => f
            .value
            .elements()
            .any(|e| matches!(e, InterpolatedStringElement::Interpolation(_))),
        Expr::TString(t) => t
            .value
            .elements()
            .any(|e| matches!(e, InterpolatedStringElement::Interpolation(_))),
        _ => false,
    }
}

/// The integer value of an int literal, when it fits in an `i64`.
pub fn int_value(expr: &Expr) -> Option<i64> {
    match expr {
        Expr::NumberLiteral(n) => match &n.value {
            Number::Int(i) => i.as_i64(),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `expr` is the literal `True` (or a non-zero number).
pub fn is_truthy_const(expr: &Expr) -> Option<bool> {
    match expr {
        Expr::BooleanLiteral(b) => Some(b.value),
        Expr::NoneLiteral(_) => Some(false),
        Expr::NumberLiteral(n) => Some(match &n.value {
            Number::Int(i) => i.as_i64() != Some(0),
            Number::Float(f) => *f != 0.0,
            Number::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        }),
        Expr::StringLiteral(s) => Some(!s.value.to_str().is_empty()),
        Expr::List(l) => Some(!l.elts.is_empty()),
        Expr::Dict(d) => Some(!d.items.is_empty()),
        _ => None,
    }
}

/// The keyword argument `name` of a call.
pub fn keyword<'a>(call: &'a ExprCall, name: &str) -> Option<&'a Keyword> {
    call.arguments
        .keywords
        .iter()
        .find(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == name))
}

/// The keyword name as a `&str`.
pub fn keyword_name(k: &Keyword) -> Option<&str> {
    k.arg.as_ref().map(|a| a.as_str())
}

/// Positional argument `i` of a call.
pub fn arg(call: &ExprCall, i: usize) -> Option<&Expr> {
    call.arguments.args.get(i)
}

/// A function definition's parameters with their defaults, in order.
pub fn parameters_with_defaults(
    params: &Parameters,
) -> impl Iterator<Item = (&str, Option<&Expr>)> {
    params
        .posonlyargs
        .iter()
        .chain(params.args.iter())
        .chain(params.kwonlyargs.iter())
        .map(|p| (p.parameter.name.as_str(), p.default.as_deref()))
}

/// All parameter names, including `*args` and `**kwargs`.
pub fn parameter_names(params: &Parameters) -> Vec<&str> {
    let mut names: Vec<&str> = parameters_with_defaults(params).map(|(n, _)| n).collect();
    if let Some(v) = &params.vararg {
        names.push(v.name.as_str());
    }
    if let Some(k) = &params.kwarg {
        names.push(k.name.as_str());
    }
    names
}
