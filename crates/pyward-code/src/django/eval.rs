//! Static evaluation of a settings module's module-level constants.
//!
//! Only what can be known without running code is known: literals, `+`/`*` of known values,
//! comparisons, environment getters with no environment set (`os.environ.get("X", default)`,
//! `os.getenv`: the default or `None`; `os.environ["X"]`: unknown, Django would not start;
//! django-environ `env("X", default=…)`/`env.bool("X", default)` and `Env(X=(cast, default))`:
//! the default as given, uncast, as django-environ returns it; python-decouple
//! `config("X", default=…, cast=bool|int|Csv())`: the default, cast), one-expression helpers
//! (`def env_bool(name, default=False): return …` and lambdas, inlined with their arguments),
//! `bool()`/`int()`/`str()`, a few string methods, list changes (`append`, `insert`, `extend`,
//! `remove`, `+=`, `[x] + L`, `[x, *L]`), `from <module> import *` through a [`ModuleLoader`].
//!
//! Branches whose condition is not known (`if`, `try`/`except`, loops) are evaluated on each
//! path and merged: a value equal on every path stays; a list keeps the entries every path
//! has and marks the others as possibly present ([`Value::Maybe`]), so an entry listed
//! unconditionally is certainly present and one no path adds is certainly absent. A path that
//! raises is dropped. Everything else is [`Value::Unknown`], and checks never fire on an
//! unknown value.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;

use crate::ast::{self, BoolOp, CmpOp, Expr, Operator, Ranged, Stmt, TextRange, UnaryOp};

use super::{LoadError, ModuleLoader};

/// A statically known Python value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Int(i64),
    Bool(bool),
    None,
    /// A list, tuple or set.
    List(Vec<Value>),
    Dict(Vec<(Value, Value)>),
    /// Only as a list element: zero or more of these values may be in the list (entries added
    /// on some paths and not others). `Maybe(vec![Unknown])` is "anything may be there".
    Maybe(Vec<Value>),
    /// A small helper (`def env_bool(name, default=False): return …` or a lambda).
    Func(Arc<Func>),
    /// A module of the scanned tree bound to a name (`from proj import configuration`,
    /// `importlib.import_module("proj.configuration")`), for `getattr(m, "X", default)`.
    Module(Arc<ModuleNames>),
    Unknown,
}

/// The module-level names of an imported module.
#[derive(Debug, PartialEq)]
pub struct ModuleNames {
    pub names: HashMap<String, Value>,
    /// Names not listed may still be set (an import in it could not be followed).
    pub opaque: bool,
}

/// A small helper function, evaluated with its arguments bound.
#[derive(Debug, PartialEq)]
pub struct Func {
    /// Parameter names with their defaults (evaluated where the function was defined).
    pub params: Vec<(String, Option<Value>)>,
    pub body: FuncBody,
}

/// What a helper evaluates.
#[derive(Debug, PartialEq)]
pub enum FuncBody {
    /// A lambda's expression.
    Expr(Expr),
    /// A `def` body of local assignments, `if` guards and `return`s.
    Stmts(Vec<Stmt>),
}

/// Statements of a helper body at most.
const MAX_FUNC_STMTS: usize = 32;

impl Value {
    /// Python truthiness, `None` when unknown.
    pub fn truthy(&self) -> Option<bool> {
        Some(match self {
            Value::Str(s) => !s.is_empty(),
            Value::Int(i) => *i != 0,
            Value::Bool(b) => *b,
            Value::None => false,
            Value::List(l) => {
                if l.iter().any(|v| !matches!(v, Value::Maybe(_))) {
                    true
                } else if l.is_empty() {
                    false
                } else {
                    return None;
                }
            }
            Value::Dict(d) => !d.is_empty(),
            Value::Func(_) | Value::Module(_) => true,
            Value::Maybe(_) | Value::Unknown => return None,
        })
    }

    pub fn is_known(&self) -> bool {
        match self {
            Value::Unknown | Value::Maybe(_) => false,
            Value::List(l) => l.iter().all(Value::is_known),
            Value::Dict(d) => d.iter().all(|(k, v)| k.is_known() && v.is_known()),
            _ => true,
        }
    }

    /// Whether a list certainly contains (`Some(true)`) or certainly lacks (`Some(false)`) the
    /// string `item`; `None` when that depends on what is not known.
    pub fn contains_str(&self, item: &str) -> Option<bool> {
        match self {
            Value::List(l) => {
                if l.iter().any(|v| matches!(v, Value::Str(s) if s == item)) {
                    return Some(true);
                }
                let may = |v: &Value| match v {
                    Value::Str(_) => false,
                    Value::Maybe(m) => m.iter().any(|x| !matches!(x, Value::Str(s) if s != item)),
                    _ => !v.is_known(),
                };
                if l.iter().any(may) { None } else { Some(false) }
            }
            _ => None,
        }
    }

    /// The value on a path that merges two others (`if` with an unknown condition): equal
    /// values stay; lists keep the entries both have and may hold the others; the rest is
    /// unknown.
    pub fn join(&self, other: &Value) -> Value {
        if self == other {
            return self.clone();
        }
        let (Value::List(a), Value::List(b)) = (self, other) else {
            return Value::Unknown;
        };
        if a.len().saturating_mul(b.len()) > 1_000_000 {
            return Value::Unknown;
        }
        let plain = |l: &Vec<Value>| -> Vec<Value> {
            l.iter()
                .filter(|v| !matches!(v, Value::Maybe(_)))
                .cloned()
                .collect()
        };
        let (pa, mut pb) = (plain(a), plain(b));
        let mut certain = Vec::new();
        let mut maybe: Vec<Value> = Vec::new();
        for v in pa {
            if let Some(i) = pb.iter().position(|x| *x == v) {
                pb.remove(i);
                certain.push(v);
            } else {
                maybe.push(v);
            }
        }
        maybe.extend(pb);
        for v in a.iter().chain(b) {
            if let Value::Maybe(m) = v {
                maybe.extend(m.iter().cloned());
            }
        }
        let mut uniq: Vec<Value> = Vec::new();
        for v in maybe {
            if !uniq.contains(&v) {
                uniq.push(v);
            }
        }
        if !uniq.is_empty() {
            certain.push(Value::Maybe(uniq));
        }
        Value::List(certain)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Where a setting's value was set.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A statement of the module being checked.
    Here(TextRange),
    /// Another module, reached through the `import *` statement at `via` in this module.
    Imported {
        via: TextRange,
        file: String,
        line: u32,
    },
}

/// One module-level name.
#[derive(Debug, Clone)]
pub struct Setting {
    pub value: Value,
    pub origin: Origin,
    /// The environment variable the value came from (its default, or `None` when absent).
    pub env: Option<String>,
}

/// The effective module-level names of a settings module.
#[derive(Debug, Default)]
pub struct Evaluated {
    pub names: HashMap<String, Setting>,
    /// An `import *` could not be followed: names not set here may still be set.
    pub opaque: bool,
    /// Displays of the modules merged through `import *`.
    pub imported: Vec<String>,
    /// django-environ schema defaults: `environ.Env(DEBUG=(bool, False))` gives
    /// `DEBUG -> False`, used by `env("DEBUG")` without a default.
    pub env_schema: HashMap<String, Value>,
    /// Modules that unguarded star imports name but that do not exist: Django cannot import
    /// this settings module.
    pub missing: Vec<String>,
    /// Keys of every module merged through `import *`.
    pub imported_keys: Vec<String>,
}

const MAX_DEPTH: u32 = 8;

pub struct Evaluator<'l> {
    loader: Option<&'l dyn ModuleLoader>,
    /// Source line index of the module being evaluated, for imported origins.
    lines: ast::Lines<'l>,
    display: String,
    key: String,
    depth: u32,
    visiting: Vec<String>,
    out: Evaluated,
    /// Parameters of the helper functions being inlined (innermost last).
    scope: RefCell<Vec<HashMap<String, Value>>>,
    /// Names bound to a django-environ `Env()` object (`env` by default).
    env_objects: HashSet<String>,
    /// Star imports that did not load.
    failed_imports: u32,
    /// Work left for branch copies (names copied); see [`Evaluator::fork`].
    budget: u64,
    /// Modules loaded so far for this evaluation (star imports and bound modules), shared with
    /// the evaluators of imported modules.
    loads: Rc<Cell<u32>>,
    /// Modules this evaluator has bound, by `(module, level)`.
    modules: RefCell<HashMap<(Option<String>, u32), Value>>,
}

type Names = HashMap<String, Setting>;

/// Names copied for branches, over a module and its imports, before evaluation gives up.
const MAX_BRANCH_WORK: u64 = 2_000_000;

/// Modules loaded per evaluated settings module, at most.
const MAX_LOADS: u32 = 64;

/// Helpers are inlined at most this deep.
const MAX_INLINE: usize = 4;

impl<'l> Evaluator<'l> {
    /// Evaluates `body` (the module at `key`, shown as `display`).
    pub fn evaluate(
        body: &[Stmt],
        source: &'l str,
        key: &str,
        display: &str,
        loader: Option<&'l dyn ModuleLoader>,
    ) -> Evaluated {
        let mut e = Evaluator {
            loader,
            lines: ast::Lines::new(source),
            display: display.to_string(),
            key: key.to_string(),
            depth: 0,
            visiting: vec![key.to_string()],
            out: Evaluated::default(),
            scope: RefCell::new(Vec::new()),
            env_objects: ["env".to_string()].into_iter().collect(),
            failed_imports: 0,
            budget: MAX_BRANCH_WORK,
            loads: Rc::new(Cell::new(0)),
            modules: RefCell::new(HashMap::new()),
        };
        e.body(body, false);
        e.out
    }

    fn set(&mut self, name: &str, value: Value, range: TextRange, env: Option<String>) {
        self.out.names.insert(
            name.to_string(),
            Setting {
                value,
                origin: Origin::Here(range),
                env,
            },
        );
    }

    fn forget(&mut self, name: &str, range: TextRange) {
        self.set(name, Value::Unknown, range, None);
    }

    fn body(&mut self, body: &[Stmt], guarded: bool) {
        for stmt in body {
            self.stmt(stmt, guarded);
        }
    }

    /// Runs `body` on a copy of the current names and returns the names after it (`None` when
    /// the block always raises), restoring the names as they were.
    fn fork(&mut self, body: &[Stmt], guarded: bool) -> Option<Names> {
        // Each path copies the names: bounded work on hostile input (thousands of branches
        // over thousands of names); past the budget every name is unknown.
        self.budget = self.budget.saturating_sub(self.out.names.len() as u64 + 1);
        if self.budget == 0 {
            self.opaque_import();
            return None;
        }
        let saved = self.out.names.clone();
        self.body(body, guarded);
        let after = std::mem::replace(&mut self.out.names, saved);
        (!raises(body)).then_some(after)
    }

    /// Merges the names of the paths that reach the next statement.
    fn join_paths(&mut self, paths: Vec<Option<Names>>) {
        let paths: Vec<Names> = paths.into_iter().flatten().collect();
        let Some((first, rest)) = paths.split_first() else {
            // Every path raises: what follows is unreachable. Keep the names as they were.
            return;
        };
        let before = &self.out.names;
        let mut keys: Vec<&String> = first.keys().collect();
        for p in rest {
            keys.extend(p.keys().filter(|k| !first.contains_key(*k)));
        }
        let mut merged = Names::new();
        for k in keys {
            let got: Vec<Option<&Setting>> = paths.iter().map(|p| p.get(k)).collect();
            let Some(Some(any)) = got.iter().find(|s| s.is_some()) else {
                continue;
            };
            let mut value = any.value.clone();
            let mut same_env = true;
            for s in &got {
                match s {
                    Some(s) => {
                        value = value.join(&s.value);
                        same_env &= s.env == any.env;
                    }
                    None => value = Value::Unknown,
                }
            }
            let origin = before
                .get(k)
                .map_or_else(|| any.origin.clone(), |b| b.origin.clone());
            let origin = if got.iter().all(|s| s.is_some_and(|s| s.value == value)) {
                any.origin.clone()
            } else {
                origin
            };
            merged.insert(
                k.clone(),
                Setting {
                    value,
                    origin,
                    env: if same_env { any.env.clone() } else { None },
                },
            );
        }
        self.out.names = merged;
    }

    fn stmt(&mut self, stmt: &Stmt, guarded: bool) {
        if self.budget == 0 {
            return;
        }
        let range = stmt.range();
        match stmt {
            Stmt::Assign(a) => {
                self.env_schema(&a.value);
                let value = self.eval(&a.value, 0);
                let env = self.env_var(&a.value);
                let is_env_object = is_env_constructor(&a.value);
                for t in &a.targets {
                    match t {
                        Expr::Name(n) => {
                            if is_env_object {
                                self.env_objects.insert(n.id.to_string());
                            }
                            self.set(n.id.as_str(), value.clone(), range, env.clone());
                        }
                        other => self.forget_target(other, range),
                    }
                }
            }
            Stmt::AnnAssign(a) => {
                if let (Expr::Name(n), Some(v)) = (&*a.target, &a.value) {
                    let value = self.eval(v, 0);
                    let env = self.env_var(v);
                    self.set(n.id.as_str(), value, range, env);
                }
            }
            Stmt::AugAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    let old = self.lookup(n.id.as_str());
                    let rhs = self.eval(&a.value, 0);
                    let value = binop(a.op, old, rhs);
                    self.set(n.id.as_str(), value, range, None);
                } else {
                    self.forget_target(&a.target, range);
                }
            }
            Stmt::Expr(e) => self.mutation(&e.value, range),
            Stmt::ImportFrom(i) if i.names.iter().any(|a| a.name.as_str() == "*") => {
                self.star_import(
                    i.module.as_ref().map(|m| m.as_str()),
                    i.level,
                    range,
                    guarded,
                );
            }
            Stmt::If(s) => {
                let mut branches: Vec<(Option<&Expr>, &[Stmt])> = vec![(Some(&s.test), &s.body)];
                for c in &s.elif_else_clauses {
                    branches.push((c.test.as_ref(), &c.body));
                }
                let mut paths = Vec::new();
                let mut uncertain = false;
                let mut covered = false;
                for (test, body) in branches {
                    let t = match test {
                        Some(t) => self.eval(t, 0).truthy(),
                        None => Some(true),
                    };
                    match t {
                        Some(false) => {}
                        Some(true) if !uncertain => {
                            self.body(body, guarded);
                            return;
                        }
                        Some(true) => {
                            // Taken whenever no earlier (uncertain) branch was.
                            paths.push(self.fork(body, true));
                            covered = true;
                            break;
                        }
                        None => {
                            uncertain = true;
                            paths.push(self.fork(body, true));
                        }
                    }
                }
                if !uncertain {
                    // Every condition was false.
                    return;
                }
                if !covered {
                    paths.push(Some(self.out.names.clone()));
                }
                self.join_paths(paths);
            }
            Stmt::Try(t) => {
                let before = self.out.names.clone();
                let failed = self.failed_imports;
                self.body(&t.body, true);
                self.body(&t.orelse, guarded);
                // A body of star imports that all loaded cannot raise ImportError.
                let only_loaded_imports = self.failed_imports == failed
                    && t.body.iter().all(|s| {
                        matches!(s, Stmt::ImportFrom(i) if i.names.iter().any(|a| a.name.as_str() == "*"))
                    });
                if !only_loaded_imports {
                    let mut paths = vec![Some(self.out.names.clone())];
                    let after = std::mem::replace(&mut self.out.names, before);
                    for h in &t.handlers {
                        let ast::ExceptHandler::ExceptHandler(h) = h;
                        paths.push(self.fork(&h.body, true));
                    }
                    self.out.names = after;
                    self.join_paths(paths);
                }
                self.body(&t.finalbody, guarded);
            }
            Stmt::For(f) => {
                self.forget_target(&f.target, range);
                let paths = vec![Some(self.out.names.clone()), self.fork(&f.body, true)];
                self.join_paths(paths);
                let paths = vec![Some(self.out.names.clone()), self.fork(&f.orelse, true)];
                self.join_paths(paths);
            }
            Stmt::While(w) => {
                let paths = vec![Some(self.out.names.clone()), self.fork(&w.body, true)];
                self.join_paths(paths);
                let paths = vec![Some(self.out.names.clone()), self.fork(&w.orelse, true)];
                self.join_paths(paths);
            }
            Stmt::With(w) => {
                for item in &w.items {
                    if let Some(v) = &item.optional_vars {
                        self.forget_target(v, range);
                    }
                }
                self.body(&w.body, guarded);
            }
            Stmt::FunctionDef(f) => {
                let value = self.function(&f.parameters, &f.body);
                self.set(f.name.as_str(), value, range, None);
            }
            Stmt::ClassDef(c) => self.forget(c.name.as_str(), range),
            Stmt::Import(i) => {
                for a in &i.names {
                    match &a.asname {
                        // `import proj.configuration as configuration`
                        Some(local) => {
                            let v = self.module_value(Some(a.name.as_str()), 0);
                            self.set(local.as_str(), v, range, None);
                        }
                        None => {
                            let local = a.name.as_str();
                            let local = local.split('.').next().unwrap_or(local);
                            self.forget(local, range);
                        }
                    }
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    // `from proj import configuration` (a submodule) or
                    // `from .helpers import env_bool` (a name), when the tree has it.
                    let v = self.imported_name(
                        i.module.as_ref().map(|m| m.as_str()),
                        i.level,
                        a.name.as_str(),
                    );
                    self.set(
                        a.asname.as_ref().unwrap_or(&a.name).as_str(),
                        v,
                        range,
                        None,
                    );
                }
            }
            _ => {}
        }
    }

    /// A helper with plain parameters and a short body (see [`FuncBody::Stmts`]).
    fn function(&self, params: &ast::Parameters, body: &[Stmt]) -> Value {
        let body = match body.split_first() {
            Some((Stmt::Expr(e), rest)) if matches!(&*e.value, Expr::StringLiteral(_)) => rest,
            _ => body,
        };
        if body.is_empty() || body.len() > MAX_FUNC_STMTS {
            return Value::Unknown;
        }
        self.func_value(params, FuncBody::Stmts(body.to_vec()))
    }

    fn func_value(&self, params: &ast::Parameters, body: FuncBody) -> Value {
        if params.vararg.is_some() || params.kwarg.is_some() {
            return Value::Unknown;
        }
        let params = params
            .posonlyargs
            .iter()
            .chain(&params.args)
            .chain(&params.kwonlyargs)
            .map(|p| {
                (
                    p.parameter.name.to_string(),
                    p.default.as_ref().map(|d| self.eval(d, 0)),
                )
            })
            .collect();
        Value::Func(Arc::new(Func { params, body }))
    }

    /// Runs a helper body in the innermost scope: `Some(value)` once it returns, `None` when
    /// it falls through. A `raise` or anything else gives `Some(Unknown)`.
    fn run_helper(&self, body: &[Stmt], d: u32) -> Option<Value> {
        for stmt in body {
            match stmt {
                Stmt::Return(r) => {
                    return Some(r.value.as_ref().map_or(Value::None, |e| self.eval(e, d)));
                }
                Stmt::Assign(a) if a.targets.len() == 1 => {
                    let Expr::Name(n) = &a.targets[0] else {
                        return Some(Value::Unknown);
                    };
                    let v = self.eval(&a.value, d);
                    self.bind_local(n.id.as_str(), v);
                }
                Stmt::AnnAssign(a) => {
                    let (Expr::Name(n), Some(v)) = (&*a.target, &a.value) else {
                        return Some(Value::Unknown);
                    };
                    let v = self.eval(v, d);
                    self.bind_local(n.id.as_str(), v);
                }
                Stmt::If(i) => {
                    let mut taken = None;
                    match self.eval(&i.test, d).truthy() {
                        Some(true) => taken = Some(&i.body),
                        Some(false) => {
                            for c in &i.elif_else_clauses {
                                match c.test.as_ref().map(|t| self.eval(t, d).truthy()) {
                                    None | Some(Some(true)) => {
                                        taken = Some(&c.body);
                                        break;
                                    }
                                    Some(Some(false)) => {}
                                    Some(None) => return Some(Value::Unknown),
                                }
                            }
                        }
                        None => return Some(Value::Unknown),
                    }
                    if let Some(body) = taken
                        && let Some(v) = self.run_helper(body, d)
                    {
                        return Some(v);
                    }
                }
                Stmt::Expr(e) if matches!(&*e.value, Expr::StringLiteral(_)) => {}
                Stmt::Pass(_) => {}
                _ => return Some(Value::Unknown),
            }
        }
        None
    }

    fn bind_local(&self, name: &str, v: Value) {
        if let Some(locals) = self.scope.borrow_mut().last_mut() {
            locals.insert(name.to_string(), v);
        }
    }

    /// Records the defaults of `environ.Env(NAME=(cast, default), ...)`.
    fn env_schema(&mut self, value: &Expr) {
        let Expr::Call(c) = value else { return };
        if !is_env_constructor(value) {
            return;
        }
        for k in &c.arguments.keywords {
            let (Some(name), Expr::Tuple(t)) = (ast::keyword_name(k), &k.value) else {
                continue;
            };
            // `(cast, default)`: django-environ returns a schema default as given, uncast.
            let Some(default) = t.elts.get(1) else {
                continue;
            };
            let v = self.eval(default, 0);
            self.out.env_schema.insert(name.to_string(), v);
        }
    }

    /// Marks the root name of a complex target (`X["a"] = …`, `X.a = …`, `a, b = …`) unknown.
    fn forget_target(&mut self, target: &Expr, range: TextRange) {
        match target {
            Expr::Name(n) => self.forget(n.id.as_str(), range),
            Expr::Tuple(t) => t.elts.iter().for_each(|e| self.forget_target(e, range)),
            Expr::List(l) => l.elts.iter().for_each(|e| self.forget_target(e, range)),
            Expr::Starred(s) => self.forget_target(&s.value, range),
            Expr::Subscript(s) => self.forget_target(&s.value, range),
            Expr::Attribute(a) => self.forget_target(&a.value, range),
            _ => {}
        }
    }

    /// `X.append(v)`, `X.insert(i, v)`, `X.extend(l)`, `X.remove(v)`, `X.update(...)`.
    fn mutation(&mut self, expr: &Expr, range: TextRange) {
        let Expr::Call(c) = expr else { return };
        let Expr::Attribute(a) = &*c.func else { return };
        let Expr::Name(n) = &*a.value else {
            self.forget_target(&a.value, range);
            return;
        };
        let name = n.id.as_str();
        let old = self.lookup(name);
        let args: Vec<Value> = c.arguments.args.iter().map(|e| self.eval(e, 0)).collect();
        let new = match (old, a.attr.as_str(), args.as_slice()) {
            (Value::List(mut l), "append", [v]) => {
                l.push(v.clone());
                Value::List(l)
            }
            (Value::List(mut l), "insert", [i, v]) => {
                let len = l.len() as i64;
                let at = match i {
                    Value::Int(i) if *i < 0 => (len + i).max(0),
                    Value::Int(i) => (*i).min(len),
                    // Where it goes does not matter to membership.
                    _ => len,
                };
                l.insert(at as usize, v.clone());
                Value::List(l)
            }
            (Value::List(mut l), "extend", [Value::List(more)]) => {
                l.extend(more.iter().cloned());
                Value::List(l)
            }
            (Value::List(mut l), "remove", [v]) if v.is_known() => {
                let partial = l.iter().any(|x| !x.is_known());
                if let Some(pos) = l.iter().position(|x| x == v) {
                    l.remove(pos);
                }
                for x in &mut l {
                    if let Value::Maybe(m) = x {
                        m.retain(|y| y != v);
                    }
                }
                l.retain(|x| !matches!(x, Value::Maybe(m) if m.is_empty()));
                if partial {
                    // An unknown entry may have been the one removed.
                    l.push(Value::Maybe(vec![v.clone()]));
                }
                Value::List(l)
            }
            (_, m, _)
                if !matches!(
                    m,
                    "append"
                        | "insert"
                        | "extend"
                        | "remove"
                        | "update"
                        | "pop"
                        | "clear"
                        | "setdefault"
                ) =>
            {
                // A method that does not mutate (`X.get(...)` in an expression statement).
                return;
            }
            _ => Value::Unknown,
        };
        self.set(name, new, range, None);
    }

    /// An `import *` that could not be followed: it may set any name, including those set
    /// before it.
    fn opaque_import(&mut self) {
        self.out.opaque = true;
        for s in self.out.names.values_mut() {
            s.value = Value::Unknown;
            s.env = None;
        }
    }

    /// Loads a module through the loader, within the depth and load limits.
    fn load(&self, module: Option<&str>, level: u32) -> Result<super::Loaded, LoadError> {
        match self.loader {
            Some(l) if self.depth < MAX_DEPTH && self.loads.get() < MAX_LOADS => {
                let r = l.load(&self.key, module, level);
                if r.is_ok() {
                    self.loads.set(self.loads.get() + 1);
                }
                r
            }
            _ => Err(LoadError::Unresolved),
        }
    }

    /// The value `from <module> import <name>` binds: the module's own name, else a submodule
    /// of that name, else unknown.
    fn imported_name(&self, module: Option<&str>, level: u32, name: &str) -> Value {
        if let Value::Module(m) = self.module_value(module, level)
            && let Some(v) = m.names.get(name)
        {
            return v.clone();
        }
        let sub = match module {
            Some(m) => format!("{m}.{name}"),
            None => name.to_string(),
        };
        self.module_value(Some(&sub), level)
    }

    /// The names of module `module` (with `level` dots), evaluated, or unknown.
    fn module_value(&self, module: Option<&str>, level: u32) -> Value {
        let key = (module.map(str::to_string), level);
        if let Some(v) = self.modules.borrow().get(&key) {
            return v.clone();
        }
        let v = self.evaluate_module(module, level);
        self.modules.borrow_mut().insert(key, v.clone());
        v
    }

    fn evaluate_module(&self, module: Option<&str>, level: u32) -> Value {
        let Ok(loaded) = self.load(module, level) else {
            return Value::Unknown;
        };
        if self.visiting.contains(&loaded.key) {
            return Value::Unknown;
        }
        let Ok(parsed) = ast::parse_module(&loaded.source) else {
            return Value::Unknown;
        };
        let mut sub = self.child(&loaded);
        sub.body(&parsed.body, false);
        let opaque = sub.out.opaque || sub.budget == 0;
        let names = sub
            .out
            .names
            .into_iter()
            .map(|(k, s)| (k, s.value))
            .collect();
        Value::Module(Arc::new(ModuleNames { names, opaque }))
    }

    /// An evaluator for an imported module, sharing this one's loader, budget and load count,
    /// with the module on the stack of modules being visited.
    fn child<'s>(&self, loaded: &'s crate::django::Loaded) -> Evaluator<'s>
    where
        'l: 's,
    {
        let mut sub = Evaluator {
            loader: self.loader,
            lines: ast::Lines::new(&loaded.source),
            display: loaded.display.clone(),
            key: loaded.key.clone(),
            depth: self.depth + 1,
            visiting: self.visiting.clone(),
            out: Evaluated::default(),
            scope: RefCell::new(Vec::new()),
            env_objects: self.env_objects.clone(),
            failed_imports: 0,
            budget: self.budget,
            loads: Rc::clone(&self.loads),
            modules: RefCell::new(HashMap::new()),
        };
        sub.visiting.push(loaded.key.clone());
        sub
    }

    fn star_import(&mut self, module: Option<&str>, level: u32, range: TextRange, guarded: bool) {
        let loaded = match self.load(module, level) {
            Ok(l) => l,
            Err(e) => {
                self.failed_imports += 1;
                match e {
                    // Python skips a guarded import of a module that is not there; Django
                    // cannot start with an unguarded one.
                    LoadError::Missing(_) if guarded => {}
                    LoadError::Missing(what) => {
                        self.out.missing.push(what);
                        self.opaque_import();
                    }
                    LoadError::Unresolved => self.opaque_import(),
                }
                return;
            }
        };
        if self.visiting.contains(&loaded.key) {
            return;
        }
        let Ok(parsed) = ast::parse_module(&loaded.source) else {
            self.opaque_import();
            return;
        };
        let mut sub = self.child(&loaded);
        sub.body(&parsed.body, false);
        self.budget = sub.budget;
        let sub_display = sub.display.clone();
        let sub_lines = std::mem::replace(&mut sub.lines, ast::Lines::new(""));
        self.env_objects.extend(sub.env_objects.iter().cloned());
        let out = sub.out;
        if out.opaque {
            self.opaque_import();
        }
        self.out.missing.extend(out.missing);
        self.out.env_schema.extend(out.env_schema);
        self.out.imported.push(sub_display.clone());
        self.out.imported.extend(out.imported);
        self.out.imported_keys.push(loaded.key.clone());
        self.out.imported_keys.extend(out.imported_keys);
        for (name, setting) in out.names {
            if name.starts_with('_') {
                continue;
            }
            let (file, line) = match setting.origin {
                Origin::Here(r) => (sub_display.clone(), sub_lines.line(r.start())),
                Origin::Imported { file, line, .. } => (file, line),
            };
            self.out.names.insert(
                name,
                Setting {
                    value: setting.value,
                    origin: Origin::Imported {
                        via: range,
                        file,
                        line,
                    },
                    env: setting.env,
                },
            );
        }
        let _ = &self.lines;
    }

    fn lookup(&self, name: &str) -> Value {
        if let Some(v) = self
            .scope
            .borrow()
            .last()
            .and_then(|locals| locals.get(name))
        {
            return v.clone();
        }
        self.out
            .names
            .get(name)
            .map_or(Value::Unknown, |s| s.value.clone())
    }

    /// Evaluates an expression.
    pub fn eval(&self, expr: &Expr, depth: u32) -> Value {
        if depth > 32 {
            return Value::Unknown;
        }
        let d = depth + 1;
        match expr {
            Expr::StringLiteral(s) => Value::Str(s.value.to_str().to_string()),
            Expr::FString(_) if !ast::fstring_has_interpolation(expr) => Value::Str(
                ast::interpolated_literal_parts(expr)
                    .into_iter()
                    .map(|(s, _)| s)
                    .collect(),
            ),
            Expr::NumberLiteral(_) => ast::int_value(expr).map_or(Value::Unknown, Value::Int),
            Expr::BooleanLiteral(b) => Value::Bool(b.value),
            Expr::NoneLiteral(_) => Value::None,
            Expr::List(l) => self.seq(&l.elts, d),
            Expr::Tuple(t) => self.seq(&t.elts, d),
            Expr::Set(s) => self.seq(&s.elts, d),
            Expr::Dict(dict) => {
                let mut items = Vec::new();
                for item in &dict.items {
                    match &item.key {
                        Some(k) => items.push((self.eval(k, d), self.eval(&item.value, d))),
                        None => return Value::Unknown,
                    }
                }
                Value::Dict(items)
            }
            Expr::Name(n) => self.lookup(n.id.as_str()),
            Expr::BinOp(b) => binop(b.op, self.eval(&b.left, d), self.eval(&b.right, d)),
            Expr::UnaryOp(u) => match (u.op, self.eval(&u.operand, d)) {
                (UnaryOp::Not, v) => v.truthy().map_or(Value::Unknown, |t| Value::Bool(!t)),
                (UnaryOp::USub, Value::Int(i)) => Value::Int(-i),
                (UnaryOp::UAdd, Value::Int(i)) => Value::Int(i),
                _ => Value::Unknown,
            },
            Expr::BoolOp(b) => {
                let mut last = Value::Unknown;
                for v in &b.values {
                    last = self.eval(v, d);
                    match (b.op, last.truthy()) {
                        (_, None) => return Value::Unknown,
                        (BoolOp::Or, Some(true)) | (BoolOp::And, Some(false)) => return last,
                        _ => {}
                    }
                }
                last
            }
            Expr::Compare(c) if c.ops.len() == 1 => {
                let l = self.eval(&c.left, d);
                let r = self.eval(&c.comparators[0], d);
                if !l.is_known() || !r.is_known() {
                    return Value::Unknown;
                }
                match c.ops[0] {
                    CmpOp::Eq => Value::Bool(l == r),
                    CmpOp::NotEq => Value::Bool(l != r),
                    CmpOp::Is => Value::Bool(l == r && matches!(l, Value::None | Value::Bool(_))),
                    CmpOp::IsNot => {
                        Value::Bool(!(l == r && matches!(l, Value::None | Value::Bool(_))))
                    }
                    op @ (CmpOp::In | CmpOp::NotIn) => {
                        let found = match (&l, &r) {
                            (Value::Str(a), Value::Str(b)) => b.contains(a.as_str()),
                            (v, Value::List(items)) => items.contains(v),
                            (v, Value::Dict(items)) => items.iter().any(|(k, _)| k == v),
                            _ => return Value::Unknown,
                        };
                        Value::Bool(found == (op == CmpOp::In))
                    }
                    _ => Value::Unknown,
                }
            }
            Expr::If(i) => match self.eval(&i.test, d).truthy() {
                Some(true) => self.eval(&i.body, d),
                Some(false) => self.eval(&i.orelse, d),
                None => Value::Unknown,
            },
            Expr::Call(c) => self.call(c, d),
            Expr::Attribute(a) => match self.eval(&a.value, d) {
                Value::Module(m) => m
                    .names
                    .get(a.attr.as_str())
                    .cloned()
                    .unwrap_or(Value::Unknown),
                _ => Value::Unknown,
            },
            Expr::Named(n) => {
                let v = self.eval(&n.value, d);
                // Bound inside a helper; at module level the name is not tracked.
                if let Expr::Name(t) = &*n.target {
                    self.bind_local(t.id.as_str(), v.clone());
                }
                v
            }
            Expr::Lambda(l) => match &l.parameters {
                Some(p) => self.func_value(p, FuncBody::Expr((*l.body).clone())),
                None => Value::Func(Arc::new(Func {
                    params: Vec::new(),
                    body: FuncBody::Expr((*l.body).clone()),
                })),
            },
            _ => Value::Unknown,
        }
    }

    /// The environment variable read by the outermost env getter in `expr`, if any.
    fn env_var(&self, expr: &Expr) -> Option<String> {
        match expr {
            Expr::Call(c) => {
                let reads = is_env_get(&c.func)
                    || matches!(&*c.func, Expr::Name(n) if n.id.as_str() == "config"
                        || self.env_objects.contains(n.id.as_str())
                        || matches!(self.lookup(n.id.as_str()), Value::Func(_)))
                    || matches!(&*c.func, Expr::Attribute(a) if matches!(&*a.value, Expr::Name(n) if self.env_objects.contains(n.id.as_str())));
                if reads && let Some(name) = ast::arg(c, 0).and_then(ast::string_value) {
                    return Some(name.to_string());
                }
                c.arguments
                    .args
                    .iter()
                    .find_map(|a| self.env_var(a))
                    .or_else(|| match &*c.func {
                        Expr::Attribute(a) => self.env_var(&a.value),
                        _ => None,
                    })
            }
            Expr::Compare(c) => self.env_var(&c.left),
            Expr::BoolOp(b) => b.values.iter().find_map(|v| self.env_var(v)),
            Expr::UnaryOp(u) => self.env_var(&u.operand),
            _ => None,
        }
    }

    /// Evaluates a call of a one-expression helper with its arguments bound.
    fn inline(&self, f: &Func, c: &ast::ExprCall, d: u32) -> Value {
        if self.scope.borrow().len() >= MAX_INLINE
            || c.arguments.args.len() > f.params.len()
            || c.arguments
                .args
                .iter()
                .any(|a| matches!(a, Expr::Starred(_)))
        {
            return Value::Unknown;
        }
        let mut locals: HashMap<String, Value> = HashMap::new();
        for ((name, _), arg) in f.params.iter().zip(&c.arguments.args) {
            locals.insert(name.clone(), self.eval(arg, d));
        }
        for k in &c.arguments.keywords {
            let Some(name) = ast::keyword_name(k) else {
                return Value::Unknown;
            };
            if !f.params.iter().any(|(p, _)| p == name) {
                return Value::Unknown;
            }
            locals.insert(name.to_string(), self.eval(&k.value, d));
        }
        for (name, default) in &f.params {
            if !locals.contains_key(name) {
                // A missing argument is a TypeError in Python.
                let Some(v) = default else {
                    return Value::Unknown;
                };
                locals.insert(name.clone(), v.clone());
            }
        }
        self.scope.borrow_mut().push(locals);
        let v = match &f.body {
            FuncBody::Expr(e) => self.eval(e, d),
            FuncBody::Stmts(body) => self.run_helper(body, d).unwrap_or(Value::None),
        };
        self.scope.borrow_mut().pop();
        v
    }

    fn seq(&self, elts: &[Expr], d: u32) -> Value {
        let mut out = Vec::new();
        for e in elts {
            if let Expr::Starred(s) = e {
                match self.eval(&s.value, d) {
                    Value::List(l) => out.extend(l),
                    _ => return Value::Unknown,
                }
            } else {
                out.push(self.eval(e, d));
            }
        }
        Value::List(out)
    }

    fn call(&self, c: &ast::ExprCall, d: u32) -> Value {
        let default = || {
            ast::keyword(c, "default")
                .map(|k| &k.value)
                .or_else(|| ast::arg(c, 1))
        };
        if let Expr::Name(n) = &*c.func
            && let Value::Func(f) = self.lookup(n.id.as_str())
        {
            return self.inline(&f, c, d);
        }
        match &*c.func {
            // os.environ.get / os.getenv / getenv / environ.get: with no environment variables
            // set, the default (or None).
            f if is_env_get(f) => match default() {
                Some(e) => self.eval(e, d),
                None => Value::None,
            },
            // django-environ `env("X", default=…)` (the second positional is the cast).
            Expr::Name(n) if self.env_objects.contains(n.id.as_str()) => {
                match ast::keyword(c, "default") {
                    // django-environ returns a default as given, without casting it.
                    Some(k) => self.eval(&k.value, d),
                    None => ast::arg(c, 0)
                        .and_then(ast::string_value)
                        .and_then(|var| self.out.env_schema.get(var).cloned())
                        .unwrap_or(Value::Unknown),
                }
            }
            // python-decouple `config("X", default=…, cast=…)`: the default is cast.
            Expr::Name(n) if n.id.as_str() == "config" => {
                let Some(e) = default() else {
                    return Value::Unknown;
                };
                let v = self.eval(e, d);
                match ast::keyword(c, "cast").map(|k| &k.value) {
                    None => v,
                    Some(Expr::Name(t)) if t.id.as_str() == "bool" => env_bool(v),
                    Some(Expr::Name(t)) if t.id.as_str() == "int" => to_int(v),
                    Some(Expr::Name(t)) if t.id.as_str() == "str" => v,
                    Some(Expr::Call(csv))
                        if matches!(&*csv.func, Expr::Name(n) if n.id.as_str() == "Csv")
                            && csv.arguments.args.is_empty()
                            && csv.arguments.keywords.is_empty() =>
                    {
                        match v {
                            Value::Str(s) if s.trim().is_empty() => Value::List(Vec::new()),
                            Value::Str(s) => Value::List(
                                s.split(',')
                                    .map(|p| Value::Str(p.trim().to_string()))
                                    .collect(),
                            ),
                            Value::List(l) => Value::List(l),
                            _ => Value::Unknown,
                        }
                    }
                    Some(_) => Value::Unknown,
                }
            }
            // django-environ `env.bool("X", default)`, `env.list(...)`: the default as given.
            Expr::Attribute(a)
                if matches!(&*a.value, Expr::Name(n) if self.env_objects.contains(n.id.as_str()))
                    && matches!(
                        a.attr.as_str(),
                        "bool" | "int" | "str" | "list" | "tuple" | "float" | "dict" | "json"
                    ) =>
            {
                default().map_or(Value::Unknown, |e| self.eval(e, d))
            }
            // getattr(module, "NAME", default): the module's value, else the default.
            Expr::Name(n) if n.id.as_str() == "getattr" => {
                let (Some(obj), Some(attr)) =
                    (ast::arg(c, 0), ast::arg(c, 1).and_then(ast::string_value))
                else {
                    return Value::Unknown;
                };
                let Value::Module(m) = self.eval(obj, d) else {
                    return Value::Unknown;
                };
                match m.names.get(attr) {
                    Some(v) => v.clone(),
                    None if m.opaque => Value::Unknown,
                    // AttributeError without a default.
                    None => ast::arg(c, 2).map_or(Value::Unknown, |e| self.eval(e, d)),
                }
            }
            // importlib.import_module("proj.configuration")
            f if is_import_module(f) => match ast::arg(c, 0).map(|e| self.eval(e, d)) {
                Some(Value::Str(name))
                    if !name.is_empty()
                        && !name.starts_with('.')
                        && name.split('.').all(|p| !p.is_empty()) =>
                {
                    self.module_value(Some(&name), 0)
                }
                _ => Value::Unknown,
            },
            Expr::Name(n) if c.arguments.args.len() == 1 && c.arguments.keywords.is_empty() => {
                let v = self.eval(&c.arguments.args[0], d);
                match n.id.as_str() {
                    "bool" => v.truthy().map_or(Value::Unknown, Value::Bool),
                    "int" => to_int(v),
                    "str" => match v {
                        Value::Str(s) => Value::Str(s),
                        Value::Int(i) => Value::Str(i.to_string()),
                        Value::Bool(b) => Value::Str(if b { "True" } else { "False" }.into()),
                        _ => Value::Unknown,
                    },
                    "list" | "tuple" | "set" => match v {
                        Value::List(l) => Value::List(l),
                        _ => Value::Unknown,
                    },
                    _ => Value::Unknown,
                }
            }
            Expr::Attribute(a) => {
                let Value::Str(s) = self.eval(&a.value, d) else {
                    return Value::Unknown;
                };
                let arg = c.arguments.args.first().map(|e| self.eval(e, d));
                match (a.attr.as_str(), arg) {
                    ("lower", None) => Value::Str(s.to_lowercase()),
                    ("upper", None) => Value::Str(s.to_uppercase()),
                    ("strip", None) => Value::Str(s.trim().to_string()),
                    ("split", Some(Value::Str(sep))) if !sep.is_empty() => Value::List(
                        s.split(sep.as_str())
                            .map(|p| Value::Str(p.to_string()))
                            .collect(),
                    ),
                    ("split", None) => Value::List(
                        s.split_whitespace()
                            .map(|p| Value::Str(p.to_string()))
                            .collect(),
                    ),
                    _ => Value::Unknown,
                }
            }
            _ => Value::Unknown,
        }
    }
}

fn is_env_get(f: &Expr) -> bool {
    match f {
        Expr::Name(n) => n.id.as_str() == "getenv",
        Expr::Attribute(a) => match (a.attr.as_str(), &*a.value) {
            ("getenv", Expr::Name(n)) => n.id.as_str() == "os",
            ("get", Expr::Name(n)) => n.id.as_str() == "environ",
            ("get", Expr::Attribute(inner)) => {
                inner.attr.as_str() == "environ"
                    && matches!(&*inner.value, Expr::Name(n) if n.id.as_str() == "os")
            }
            _ => false,
        },
        _ => false,
    }
}

/// `importlib.import_module` or a bare `import_module`.
fn is_import_module(f: &Expr) -> bool {
    match f {
        Expr::Name(n) => n.id.as_str() == "import_module",
        Expr::Attribute(a) => {
            a.attr.as_str() == "import_module"
                && matches!(&*a.value, Expr::Name(n) if n.id.as_str() == "importlib")
        }
        _ => false,
    }
}

/// Whether `expr` constructs a django-environ `Env` object.
fn is_env_constructor(expr: &Expr) -> bool {
    let Expr::Call(c) = expr else { return false };
    match &*c.func {
        Expr::Attribute(a) => a.attr.as_str() == "Env",
        Expr::Name(n) => n.id.as_str() == "Env",
        _ => false,
    }
}

/// Whether a block always raises (a `raise` among its statements).
fn raises(body: &[Stmt]) -> bool {
    body.iter().any(|s| matches!(s, Stmt::Raise(_)))
}

/// python-decouple's `cast=bool`: a few spellings, anything else raises.
fn env_bool(v: Value) -> Value {
    let text = match v {
        Value::Str(s) => s.to_ascii_lowercase(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        _ => return Value::Unknown,
    };
    match text.as_str() {
        "1" | "yes" | "true" | "on" => Value::Bool(true),
        "0" | "no" | "false" | "off" | "" => Value::Bool(false),
        _ => Value::Unknown,
    }
}

fn to_int(v: Value) -> Value {
    match v {
        Value::Int(i) => Value::Int(i),
        Value::Bool(b) => Value::Int(i64::from(b)),
        Value::Str(s) => s.trim().parse().map_or(Value::Unknown, Value::Int),
        _ => Value::Unknown,
    }
}

fn binop(op: Operator, l: Value, r: Value) -> Value {
    match (op, l, r) {
        (Operator::Add, Value::Str(a), Value::Str(b)) => Value::Str(a + &b),
        (Operator::Add, Value::List(mut a), Value::List(b)) => {
            a.extend(b);
            Value::List(a)
        }
        (Operator::Add, Value::Int(a), Value::Int(b)) => {
            a.checked_add(b).map_or(Value::Unknown, Value::Int)
        }
        (Operator::Sub, Value::Int(a), Value::Int(b)) => {
            a.checked_sub(b).map_or(Value::Unknown, Value::Int)
        }
        (Operator::Mult, Value::Int(a), Value::Int(b)) => {
            a.checked_mul(b).map_or(Value::Unknown, Value::Int)
        }
        (Operator::Mult, Value::Str(a), Value::Int(n))
        | (Operator::Mult, Value::Int(n), Value::Str(a))
            if (0..=10_000).contains(&n) =>
        {
            Value::Str(a.repeat(n as usize))
        }
        (Operator::Mult, Value::List(a), Value::Int(n)) if (0..=1_000).contains(&n) => {
            Value::List((0..n).flat_map(|_| a.iter().cloned()).collect())
        }
        (Operator::BitOr, Value::List(mut a), Value::List(b)) => {
            for v in b {
                if !a.contains(&v) {
                    a.push(v);
                }
            }
            Value::List(a)
        }
        _ => Value::Unknown,
    }
}
