//! Static evaluation of a settings module's module-level constants.
//!
//! Only what can be known without running code is known: literals, `+`/`*` of known values,
//! comparisons, `os.environ.get("X", default)` / `os.getenv` (the default, or `None` when
//! absent), django-environ / python-decouple getters with a default, `bool()`/`int()`/`str()`,
//! a few string methods, list mutations (`append`, `insert`, `extend`, `remove`, `+=`),
//! `if` on a known condition and `from <module> import *` through a [`ModuleLoader`].
//! Everything else is [`Value::Unknown`], and checks never fire on an unknown value.

use std::collections::HashMap;

use crate::ast::{self, BoolOp, CmpOp, Expr, Operator, Ranged, Stmt, TextRange, UnaryOp};

use super::ModuleLoader;

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
    Unknown,
}

impl Value {
    /// Python truthiness, `None` when unknown.
    pub fn truthy(&self) -> Option<bool> {
        Some(match self {
            Value::Str(s) => !s.is_empty(),
            Value::Int(i) => *i != 0,
            Value::Bool(b) => *b,
            Value::None => false,
            Value::List(l) => !l.is_empty(),
            Value::Dict(d) => !d.is_empty(),
            Value::Unknown => return None,
        })
    }

    pub fn is_known(&self) -> bool {
        match self {
            Value::Unknown => false,
            Value::List(l) => l.iter().all(Value::is_known),
            Value::Dict(d) => d.iter().all(|(k, v)| k.is_known() && v.is_known()),
            _ => true,
        }
    }

    /// Whether a known list contains the string `item` (`None` when unknown).
    pub fn contains_str(&self, item: &str) -> Option<bool> {
        match self {
            Value::List(l) => {
                if l.iter().any(|v| matches!(v, Value::Str(s) if s == item)) {
                    Some(true)
                } else if l.iter().all(Value::is_known) {
                    Some(false)
                } else {
                    None
                }
            }
            _ => None,
        }
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
}

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

    fn body(&mut self, body: &[Stmt], in_try: bool) {
        for stmt in body {
            self.stmt(stmt, in_try);
        }
    }

    fn stmt(&mut self, stmt: &Stmt, in_try: bool) {
        let range = stmt.range();
        match stmt {
            Stmt::Assign(a) => {
                self.env_schema(&a.value);
                let value = self.eval(&a.value, 0);
                let env = env_var(&a.value);
                for t in &a.targets {
                    match t {
                        Expr::Name(n) => self.set(n.id.as_str(), value.clone(), range, env.clone()),
                        other => self.forget_target(other, range),
                    }
                }
            }
            Stmt::AnnAssign(a) => {
                if let (Expr::Name(n), Some(v)) = (&*a.target, &a.value) {
                    let value = self.eval(v, 0);
                    self.set(n.id.as_str(), value, range, env_var(v));
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
                    in_try,
                );
            }
            Stmt::If(s) => {
                let mut branches: Vec<(Option<&Expr>, &[Stmt])> = vec![(Some(&s.test), &s.body)];
                for c in &s.elif_else_clauses {
                    branches.push((c.test.as_ref(), &c.body));
                }
                for (test, body) in &branches {
                    let t = match test {
                        Some(t) => self.eval(t, 0).truthy(),
                        None => Some(true),
                    };
                    match t {
                        Some(true) => {
                            self.body(body, in_try);
                            return;
                        }
                        Some(false) => continue,
                        None => {
                            for (_, b) in &branches {
                                self.forget_assigned(b, range);
                            }
                            return;
                        }
                    }
                }
            }
            Stmt::Try(t) => {
                self.body(&t.body, true);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    self.forget_assigned(&h.body, range);
                }
                self.body(&t.orelse, in_try);
                self.body(&t.finalbody, in_try);
            }
            Stmt::For(f) => {
                self.forget_target(&f.target, range);
                self.forget_assigned(&f.body, range);
                self.forget_assigned(&f.orelse, range);
            }
            Stmt::While(w) => {
                self.forget_assigned(&w.body, range);
                self.forget_assigned(&w.orelse, range);
            }
            Stmt::With(w) => {
                for item in &w.items {
                    if let Some(v) = &item.optional_vars {
                        self.forget_target(v, range);
                    }
                }
                self.body(&w.body, in_try);
            }
            Stmt::FunctionDef(f) => self.forget(f.name.as_str(), range),
            Stmt::ClassDef(c) => self.forget(c.name.as_str(), range),
            Stmt::Import(i) => {
                for a in &i.names {
                    let local = a.asname.as_ref().unwrap_or(&a.name).as_str();
                    let local = local.split('.').next().unwrap_or(local);
                    self.forget(local, range);
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    self.forget(a.asname.as_ref().unwrap_or(&a.name).as_str(), range);
                }
            }
            _ => {}
        }
    }

    /// Records the defaults of `environ.Env(NAME=(cast, default), ...)`.
    fn env_schema(&mut self, value: &Expr) {
        let Expr::Call(c) = value else { return };
        let is_env = match &*c.func {
            Expr::Attribute(a) => a.attr.as_str() == "Env",
            Expr::Name(n) => n.id.as_str() == "Env",
            _ => false,
        };
        if !is_env {
            return;
        }
        for k in &c.arguments.keywords {
            let (Some(name), Expr::Tuple(t)) = (ast::keyword_name(k), &k.value) else {
                continue;
            };
            let (Some(cast), Some(default)) = (t.elts.first(), t.elts.get(1)) else {
                continue;
            };
            let v = self.eval(default, 0);
            let v = match cast {
                Expr::Name(n) if n.id.as_str() == "bool" => env_bool(v),
                Expr::Name(n) if n.id.as_str() == "int" => to_int(v),
                _ => v,
            };
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

    /// Marks every name a block may set unknown.
    fn forget_assigned(&mut self, body: &[Stmt], range: TextRange) {
        for stmt in body {
            match stmt {
                Stmt::Assign(a) => a.targets.iter().for_each(|t| self.forget_target(t, range)),
                Stmt::AnnAssign(a) => self.forget_target(&a.target, range),
                Stmt::AugAssign(a) => self.forget_target(&a.target, range),
                Stmt::Expr(e) => {
                    if let Expr::Call(c) = &*e.value
                        && let Expr::Attribute(a) = &*c.func
                    {
                        self.forget_target(&a.value, range);
                    }
                }
                Stmt::ImportFrom(i) if i.names.iter().any(|a| a.name.as_str() == "*") => {
                    self.out.opaque = true;
                }
                Stmt::If(s) => {
                    self.forget_assigned(&s.body, range);
                    for c in &s.elif_else_clauses {
                        self.forget_assigned(&c.body, range);
                    }
                }
                Stmt::For(f) => {
                    self.forget_target(&f.target, range);
                    self.forget_assigned(&f.body, range);
                }
                Stmt::While(w) => self.forget_assigned(&w.body, range),
                Stmt::With(w) => self.forget_assigned(&w.body, range),
                Stmt::Try(t) => {
                    self.forget_assigned(&t.body, range);
                    self.forget_assigned(&t.orelse, range);
                    self.forget_assigned(&t.finalbody, range);
                }
                Stmt::FunctionDef(f) => self.forget(f.name.as_str(), range),
                Stmt::ClassDef(c) => self.forget(c.name.as_str(), range),
                _ => {}
            }
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
            (Value::List(mut l), "insert", [Value::Int(i), v]) => {
                let len = l.len() as i64;
                let at = if *i < 0 {
                    (len + i).max(0)
                } else {
                    (*i).min(len)
                };
                l.insert(at as usize, v.clone());
                Value::List(l)
            }
            (Value::List(mut l), "extend", [Value::List(more)]) => {
                l.extend(more.iter().cloned());
                Value::List(l)
            }
            (Value::List(mut l), "remove", [v]) if v.is_known() => {
                if let Some(pos) = l.iter().position(|x| x == v) {
                    l.remove(pos);
                }
                Value::List(l)
            }
            (old, m, _)
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
                let _ = old;
                return;
            }
            _ => Value::Unknown,
        };
        self.set(name, new, range, None);
    }

    fn star_import(&mut self, module: Option<&str>, level: u32, range: TextRange, in_try: bool) {
        let loaded = match self.loader {
            Some(l) if self.depth < MAX_DEPTH => l.load(&self.key, module, level),
            _ => None,
        };
        let Some(loaded) = loaded else {
            if !in_try {
                self.out.opaque = true;
            }
            return;
        };
        if self.visiting.contains(&loaded.key) {
            return;
        }
        let Ok(parsed) = ast::parse_module(&loaded.source) else {
            self.out.opaque = true;
            return;
        };
        let mut sub = Evaluator {
            loader: self.loader,
            lines: ast::Lines::new(&loaded.source),
            display: loaded.display.clone(),
            key: loaded.key.clone(),
            depth: self.depth + 1,
            visiting: self.visiting.clone(),
            out: Evaluated::default(),
        };
        sub.visiting.push(loaded.key.clone());
        sub.body(&parsed.body, false);
        let sub_display = sub.display.clone();
        let sub_lines = std::mem::replace(&mut sub.lines, ast::Lines::new(""));
        let out = sub.out;
        self.out.opaque |= out.opaque;
        self.out.env_schema.extend(out.env_schema);
        self.out.imported.push(sub_display.clone());
        self.out.imported.extend(out.imported);
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
            _ => Value::Unknown,
        }
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
        match &*c.func {
            // os.environ.get / os.getenv / getenv / environ.get
            f if is_env_get(f) => match default() {
                Some(e) => self.eval(e, d),
                None => Value::None,
            },
            // django-environ `env("X", default=…)`, `env.bool(…)`; decouple `config(…)`.
            Expr::Name(n) if matches!(n.id.as_str(), "env" | "config") => {
                let Some(k) = ast::keyword(c, "default") else {
                    return match ast::arg(c, 0).and_then(ast::string_value) {
                        Some(var) if n.id.as_str() == "env" => self
                            .out
                            .env_schema
                            .get(var)
                            .cloned()
                            .unwrap_or(Value::Unknown),
                        _ => Value::Unknown,
                    };
                };
                let v = self.eval(&k.value, d);
                match ast::keyword(c, "cast").map(|k| &k.value) {
                    Some(Expr::Name(t)) if t.id.as_str() == "bool" => env_bool(v),
                    Some(Expr::Name(t)) if t.id.as_str() == "int" => to_int(v),
                    _ => v,
                }
            }
            Expr::Attribute(a)
                if matches!(&*a.value, Expr::Name(n) if n.id.as_str() == "env")
                    && ast::keyword(c, "default").is_some() =>
            {
                let v =
                    ast::keyword(c, "default").map_or(Value::Unknown, |k| self.eval(&k.value, d));
                match a.attr.as_str() {
                    "bool" => env_bool(v),
                    "int" => to_int(v),
                    "str" | "list" | "tuple" => v,
                    _ => Value::Unknown,
                }
            }
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

/// The environment variable read by the outermost env getter in `expr`, if any.
fn env_var(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Call(c) => {
            let reads = is_env_get(&c.func)
                || matches!(&*c.func, Expr::Name(n) if matches!(n.id.as_str(), "env" | "config"))
                || matches!(&*c.func, Expr::Attribute(a) if matches!(&*a.value, Expr::Name(n) if n.id.as_str() == "env"));
            if reads && let Some(name) = ast::arg(c, 0).and_then(ast::string_value) {
                return Some(name.to_string());
            }
            c.arguments
                .args
                .iter()
                .find_map(env_var)
                .or_else(|| match &*c.func {
                    Expr::Attribute(a) => env_var(&a.value),
                    _ => None,
                })
        }
        Expr::Compare(c) => env_var(&c.left),
        Expr::BoolOp(b) => b.values.iter().find_map(env_var),
        Expr::UnaryOp(u) => env_var(&u.operand),
        _ => None,
    }
}

fn env_bool(v: Value) -> Value {
    match v {
        Value::Str(s) => Value::Bool(matches!(
            s.to_ascii_lowercase().as_str(),
            "1" | "true" | "yes" | "on" | "y" | "t"
        )),
        Value::Bool(b) => Value::Bool(b),
        Value::Int(i) => Value::Bool(i != 0),
        Value::None => Value::Bool(false),
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
