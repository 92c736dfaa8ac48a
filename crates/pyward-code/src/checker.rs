//! The single pass over a module: name resolution, scopes, and dispatch of enabled rules by
//! node kind.

use std::collections::HashMap;

use pyward_core::{Confidence, RuleMeta, Severity};

use crate::ast::{self, ExceptHandler, Expr, ExprCall, Ranged, Stmt, TextRange, Visitor, visitor};
use crate::rules::{Hook, RULES};

/// One rule violation found in a file, before suppressions are applied.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub range: TextRange,
    pub message: String,
    pub severity: Severity,
    pub confidence: Confidence,
    /// The range whose lines a `# nosec` comment may sit on to suppress this diagnostic: the
    /// enclosing simple statement, or the header of a compound one.
    pub stmt_range: TextRange,
    /// Extra finding metadata (`django_check`, `settings_module` …).
    pub meta: Vec<(&'static str, String)>,
    /// The secret this diagnostic is about, and whether the rule knows what it is (a provider
    /// pattern, a Flask or JWT key) rather than guessing from a name: one secret at one place
    /// is reported once, by the most specific rule (see `pyward_core::dedupe`).
    pub secret: Option<(String, bool)>,
}

impl Diagnostic {
    /// Adds a metadata entry to the finding.
    pub fn meta(&mut self, key: &'static str, value: impl Into<String>) -> &mut Self {
        self.meta.push((key, value.into()));
        self
    }
    pub fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }
    pub fn confidence(&mut self, confidence: Confidence) -> &mut Self {
        self.confidence = confidence;
        self
    }
    /// Marks the diagnostic as reporting `value`, a secret (`specific`: the rule knows its kind).
    pub fn secret(&mut self, value: &str, specific: bool) -> &mut Self {
        self.secret = Some((value.to_string(), specific));
        self
    }
}

/// What a local name was last bound to in the current scope.
#[derive(Debug, Clone, Copy)]
enum Binding<'a> {
    /// `name = <expr>`.
    Value(&'a Expr),
    /// Bound some other way (parameter, loop target, `+=`, unpacking …).
    Unknown,
}

#[derive(Default)]
struct Scope<'a> {
    bindings: HashMap<&'a str, Binding<'a>>,
}

/// A call being checked, with its resolved names.
pub struct Call<'a> {
    pub node: &'a ExprCall,
    /// The fully qualified dotted name after import aliases are resolved (`subprocess.Popen`
    /// for `sp.Popen` after `import subprocess as sp`). Empty when the callee is not a plain
    /// dotted name.
    pub qualname: String,
    /// The last segment of the callee's name (`Popen`).
    pub name: &'a str,
}

/// A budget for walks that follow names through their assignments and into the values
/// (string folding, taint-style "does this come from the request" checks). Every such walk
/// visits at most [`Walk::MAX_NODES`] nodes and builds at most [`Walk::MAX_TEXT`] bytes, so
/// self-reference (`sql = sql + x`), mutual reference and long or doubling chains
/// (`b = a + a; c = b + b; …`) always terminate quickly; past the budget the answer is
/// "unknown".
#[derive(Debug)]
pub struct Walk {
    nodes: u32,
    text: usize,
}

impl Walk {
    pub const MAX_NODES: u32 = 512;
    pub const MAX_TEXT: usize = 64 * 1024;

    pub fn new() -> Walk {
        Walk { nodes: 0, text: 0 }
    }

    /// Counts one visited node; `false` once the budget is spent.
    pub fn step(&mut self) -> bool {
        self.nodes += 1;
        self.nodes <= Self::MAX_NODES
    }

    /// Appends `s` to `out` within the text budget; `false` (and nothing appended) past it.
    pub fn push(&mut self, out: &mut String, s: &str) -> bool {
        self.text += s.len();
        if self.text > Self::MAX_TEXT {
            return false;
        }
        out.push_str(s);
        true
    }
}

impl Default for Walk {
    fn default() -> Self {
        Walk::new()
    }
}

/// The enabled rules, split by the node kind they run on.
#[derive(Default, Clone)]
pub struct RuleSet {
    call: Vec<Bound>,
    stmt: Vec<Bound>,
    expr: Vec<Bound>,
    import: Vec<Bound>,
    source: Vec<Bound>,
    /// Call blacklists by qualified name: one hash lookup per call instead of a scan.
    blacklist: HashMap<&'static str, Vec<(&'static RuleMeta, &'static str)>>,
    enabled: Vec<&'static str>,
}

impl RuleSet {
    /// Whether `rule` is enabled in this set.
    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        self.enabled.contains(&rule.code)
    }
}

/// One hook of one enabled rule.
#[derive(Clone, Copy)]
struct Bound {
    meta: &'static RuleMeta,
    hook: Hook,
}

impl RuleSet {
    pub fn new(enabled: impl Fn(&RuleMeta) -> bool) -> RuleSet {
        let mut set = RuleSet::default();
        for rule in RULES {
            if !enabled(rule.meta) {
                continue;
            }
            set.enabled.push(rule.meta.code);
            for hook in rule.hooks {
                let entry = Bound {
                    meta: rule.meta,
                    hook: *hook,
                };
                match hook {
                    Hook::Call(_) => set.call.push(entry),
                    Hook::CallBlacklist { qualnames, message } => {
                        for q in *qualnames {
                            set.blacklist
                                .entry(q)
                                .or_default()
                                .push((rule.meta, message));
                        }
                    }
                    Hook::Stmt(_) => set.stmt.push(entry),
                    Hook::Expr(_) => set.expr.push(entry),
                    Hook::ImportBlacklist { .. } => {
                        set.import.push(entry);
                    }
                    Hook::Source(_) => set.source.push(entry),
                }
            }
        }
        set
    }
}

pub struct Checker<'a> {
    pub source: &'a str,
    pub path: &'a str,
    rules: &'a RuleSet,
    /// alias -> qualified name, for the whole file (like Bandit, not scoped).
    aliases: HashMap<String, String>,
    /// Modules imported so far (`a.b` for `import a.b`, `m` and `m.n` for `from m import n`).
    imported: Vec<String>,
    scopes: Vec<Scope<'a>>,
    stmt_ranges: Vec<TextRange>,
    expr_stack: Vec<&'a Expr>,
    /// Parameters of the enclosing functions, innermost last.
    function_params: Vec<Vec<&'a str>>,
    /// The buffer calls' qualified names are written into, reused from call to call.
    qualname_buf: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Report exactly as Bandit does where pyward's default differs (`Profile::Bandit`).
    pub bandit: bool,
}

impl<'a> Checker<'a> {
    pub fn new(source: &'a str, path: &'a str, rules: &'a RuleSet) -> Checker<'a> {
        Checker {
            source,
            path,
            rules,
            aliases: HashMap::new(),
            imported: Vec::new(),
            scopes: vec![Scope::default()],
            stmt_ranges: Vec::new(),
            expr_stack: Vec::new(),
            function_params: Vec::new(),
            qualname_buf: String::new(),
            diagnostics: Vec::new(),
            bandit: false,
        }
    }

    /// Runs every enabled rule over the module.
    pub fn check_module(&mut self, body: &'a [Stmt]) {
        let rules = self.rules;
        for rule in &rules.source {
            if let Hook::Source(f) = rule.hook {
                f(self);
            }
        }
        self.visit_body(body);
    }

    /// Records a diagnostic with the rule's default severity and confidence.
    pub fn report(
        &mut self,
        rule: &'static RuleMeta,
        range: TextRange,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let stmt_range = self.stmt_ranges.last().copied().unwrap_or(range);
        self.diagnostics.push(Diagnostic {
            rule,
            range,
            message: message.into(),
            severity: rule.severity,
            confidence: rule.confidence,
            stmt_range,
            meta: Vec::new(),
            secret: None,
        });
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    // ---- name resolution -------------------------------------------------------------

    /// The dotted qualified name of a name or attribute chain, with the leftmost name resolved
    /// through import aliases. `None` when the chain does not start at a plain name.
    pub fn qualified_name(&self, expr: &Expr) -> Option<String> {
        let mut out = String::new();
        self.write_qualified_name(expr, &mut out).then_some(out)
    }

    fn write_qualified_name(&self, expr: &Expr, out: &mut String) -> bool {
        match expr {
            Expr::Name(n) => {
                let id = n.id.as_str();
                out.push_str(self.aliases.get(id).map_or(id, String::as_str));
                true
            }
            Expr::Attribute(a) => {
                if !self.write_qualified_name(&a.value, out) {
                    return false;
                }
                out.push('.');
                out.push_str(a.attr.as_str());
                true
            }
            _ => false,
        }
    }

    /// Whether a module whose name contains `module` was imported so far (Bandit's
    /// "imported like" test, a substring match).
    pub fn module_imported_like(&self, module: &str) -> bool {
        self.imported.iter().any(|m| m.contains(module))
    }

    /// Whether exactly `module` was imported so far.
    pub fn module_imported_exact(&self, module: &str) -> bool {
        self.imported.iter().any(|m| m == module)
    }

    fn lookup(&self, name: &str) -> Option<Binding<'a>> {
        let current = self.scopes.last()?;
        if let Some(b) = current.bindings.get(name) {
            return Some(*b);
        }
        if self.scopes.len() > 1 {
            if self
                .function_params
                .last()
                .is_some_and(|p| p.contains(&name))
            {
                return Some(Binding::Unknown);
            }
            return self.scopes[0].bindings.get(name).copied();
        }
        None
    }

    /// Follows a name through simple assignments (`x = <expr>`) in the same scope (or the
    /// module scope), up to a small depth. Returns the expression itself otherwise.
    ///
    /// Bindings are the *last* ones seen, so a name inside its own value (`sql = sql + x`)
    /// refers to an earlier binding that is not tracked: resolution stops there. Callers that
    /// recurse into the result must still bound their walk ([`Walk`]): names can refer to each
    /// other (`a = b + x; b = a + y`).
    pub fn resolve(&self, expr: &'a Expr) -> &'a Expr {
        let mut current = expr;
        for _ in 0..8 {
            let Expr::Name(n) = current else { break };
            match self.lookup(n.id.as_str()) {
                Some(Binding::Value(v))
                    if !std::ptr::eq(v, current) && !v.range().contains_range(n.range) =>
                {
                    current = v
                }
                _ => break,
            }
        }
        current
    }

    /// The value of a string expression when it can be computed statically: a literal, an
    /// f-string without interpolations, a `+` of such, or a name bound to one.
    pub fn literal_string(&self, expr: &'a Expr) -> Option<String> {
        let mut out = String::new();
        self.literal_string_into(expr, &mut Walk::new(), &mut out)
            .then_some(out)
    }

    fn literal_string_into(&self, expr: &'a Expr, walk: &mut Walk, out: &mut String) -> bool {
        if !walk.step() {
            return false;
        }
        let expr = self.resolve(expr);
        match expr {
            Expr::StringLiteral(s) => walk.push(out, s.value.to_str()),
            Expr::FString(_) if !ast::fstring_has_interpolation(expr) => {
                ast::interpolated_literal_parts(expr)
                    .into_iter()
                    .all(|(s, _)| walk.push(out, s))
            }
            Expr::BinOp(b) if b.op == ast::Operator::Add => {
                self.literal_string_into(&b.left, walk, out)
                    && self.literal_string_into(&b.right, walk, out)
            }
            _ => false,
        }
    }

    /// Whether a string is built at run time from pieces (concatenation with a non-literal,
    /// an f-string with interpolations, `%` or `.format`), directly or through a local name.
    pub fn is_built_string(&self, expr: &'a Expr) -> bool {
        let expr = self.resolve(expr);
        match expr {
            Expr::FString(_) => ast::fstring_has_interpolation(expr),
            Expr::BinOp(b) => match b.op {
                ast::Operator::Add => self.literal_string(expr).is_none(),
                ast::Operator::Mod => self.literal_string(&b.left).is_some(),
                _ => false,
            },
            Expr::Call(c) => match &*c.func {
                Expr::Attribute(a) => {
                    a.attr.as_str() == "format" && self.literal_string(&a.value).is_some()
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// The qualified name of the call a local name was last bound to (`c = paramiko.SSHClient()`
    /// gives `paramiko.SSHClient`).
    pub fn bound_call_qualname(&self, expr: &'a Expr) -> Option<String> {
        let resolved = self.resolve(expr);
        if std::ptr::eq(resolved, expr) {
            return None;
        }
        match resolved {
            Expr::Call(c) => self.qualified_name(&c.func),
            _ => None,
        }
    }

    /// The expression enclosing the one being visited.
    pub fn parent_expr(&self) -> Option<&'a Expr> {
        let n = self.expr_stack.len();
        if n >= 2 {
            Some(self.expr_stack[n - 2])
        } else {
            None
        }
    }

    /// The `n`th enclosing expression (0 = the current one).
    pub fn ancestor_expr(&self, n: usize) -> Option<&'a Expr> {
        let len = self.expr_stack.len();
        if len > n {
            Some(self.expr_stack[len - 1 - n])
        } else {
            None
        }
    }

    /// Whether `name` is a parameter of the innermost enclosing function.
    pub fn is_parameter(&self, name: &str) -> bool {
        self.function_params
            .last()
            .is_some_and(|p| p.contains(&name))
    }

    // ---- bookkeeping -------------------------------------------------------------------

    fn bind(&mut self, target: &'a Expr, value: Option<&'a Expr>) {
        match target {
            Expr::Name(n) => {
                let binding = value.map_or(Binding::Unknown, Binding::Value);
                if let Some(scope) = self.scopes.last_mut() {
                    scope.bindings.insert(n.id.as_str(), binding);
                }
            }
            Expr::Tuple(t) => t.elts.iter().for_each(|e| self.bind(e, None)),
            Expr::List(l) => l.elts.iter().for_each(|e| self.bind(e, None)),
            Expr::Starred(s) => self.bind(&s.value, None),
            _ => {}
        }
    }

    fn record_import(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Import(i) => {
                for alias in &i.names {
                    let name = alias.name.as_str().to_string();
                    if let Some(asname) = &alias.asname {
                        self.aliases
                            .insert(asname.as_str().to_string(), name.clone());
                    }
                    self.imported.push(name);
                }
            }
            Stmt::ImportFrom(i) => {
                let Some(module) = &i.module else { return };
                if i.level > 0 {
                    return;
                }
                let module = module.as_str();
                self.imported.push(module.to_string());
                for alias in &i.names {
                    let full = format!("{module}.{}", alias.name.as_str());
                    let local = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
                    self.aliases.insert(local.to_string(), full.clone());
                    self.imported.push(full);
                }
            }
            _ => {}
        }
    }

    fn run_import_rules(&mut self, stmt: &'a Stmt) {
        let rules = self.rules;
        let mut entries: Vec<(String, String, TextRange)> = Vec::new();
        match stmt {
            Stmt::Import(i) => {
                for a in &i.names {
                    entries.push((a.name.to_string(), a.name.to_string(), i.range));
                }
            }
            Stmt::ImportFrom(i) => {
                let prefix = match (&i.module, i.level) {
                    (Some(m), 0) => format!("{}.", m.as_str()),
                    _ => String::new(),
                };
                for a in &i.names {
                    entries.push((
                        format!("{prefix}{}", a.name.as_str()),
                        a.name.to_string(),
                        i.range,
                    ));
                }
            }
            _ => {}
        }
        // One finding per statement and rule, as Bandit reports: each name goes to the first
        // rule that matches it, and the names of one rule are listed together.
        let mut hits: Vec<(&'static RuleMeta, &'static str, TextRange, Vec<String>)> = Vec::new();
        for (full, shown, range) in entries {
            for rule in &rules.import {
                if let Hook::ImportBlacklist { modules, message } = rule.hook
                    && modules.iter().any(|m| full.starts_with(m))
                {
                    match hits.iter_mut().find(|h| std::ptr::eq(h.0, rule.meta)) {
                        Some(hit) => {
                            if !hit.3.contains(&shown) {
                                hit.3.push(shown);
                            }
                        }
                        None => hits.push((rule.meta, message, range, vec![shown])),
                    }
                    break;
                }
            }
        }
        for (meta, message, range, names) in hits {
            self.report(meta, range, message.replace("{name}", &names.join(", ")));
        }
    }

    fn run_call_rules(&mut self, node: &'a ExprCall) {
        let mut qualname = std::mem::take(&mut self.qualname_buf);
        qualname.clear();
        if !self.write_qualified_name(&node.func, &mut qualname) {
            qualname.clear();
        }
        let name: &'a str = match &*node.func {
            Expr::Name(n) => n.id.as_str(),
            Expr::Attribute(a) => a.attr.as_str(),
            _ => "",
        };
        let call = Call {
            node,
            qualname,
            name,
        };
        let rules = self.rules;
        if let Some(entries) = rules.blacklist.get(call.qualname.as_str()) {
            for (meta, message) in entries {
                let msg = message.replace("{name}", &call.qualname);
                self.report(meta, node.range(), msg);
            }
        }
        // `__import__("x")` / `importlib.import_module("x")` import a module.
        if matches!(
            call.qualname.as_str(),
            "__import__" | "importlib.import_module" | "importlib.__import__"
        ) && let Some(module) = ast::arg(node, 0).and_then(ast::string_value)
        {
            for rule in &rules.import {
                if let Hook::ImportBlacklist { modules, message } = rule.hook
                    && modules.contains(&module)
                {
                    self.report(rule.meta, node.range(), message.replace("{name}", module));
                }
            }
        }
        for rule in &rules.call {
            if let Hook::Call(f) = rule.hook {
                f(self, &call);
            }
        }
        // Hooks do not visit nested calls, so the buffer is free again.
        self.qualname_buf = call.qualname;
    }

    fn run_rules_on_stmt(&mut self, stmt: &'a Stmt) {
        let rules = self.rules;
        for rule in &rules.stmt {
            if let Hook::Stmt(f) = rule.hook {
                f(self, stmt);
            }
        }
    }

    fn run_rules_on_expr(&mut self, expr: &'a Expr) {
        let rules = self.rules;
        for rule in &rules.expr {
            if let Hook::Expr(f) = rule.hook {
                f(self, expr);
            }
        }
    }
}

/// The part of a statement a suppression comment may sit on: all of a simple statement, the
/// header of a compound one (up to its body).
fn suppression_range(stmt: &Stmt) -> TextRange {
    let body_start = match stmt {
        Stmt::FunctionDef(s) => s.body.first().map(|b| b.start()),
        Stmt::ClassDef(s) => s.body.first().map(|b| b.start()),
        Stmt::If(s) => s.body.first().map(|b| b.start()),
        Stmt::For(s) => s.body.first().map(|b| b.start()),
        Stmt::While(s) => s.body.first().map(|b| b.start()),
        Stmt::With(s) => s.body.first().map(|b| b.start()),
        Stmt::Try(s) => s.body.first().map(|b| b.start()),
        Stmt::Match(s) => s.cases.first().map(|c| c.start()),
        _ => None,
    };
    match body_start {
        Some(end) if end > stmt.start() => TextRange::new(stmt.start(), end),
        _ => stmt.range(),
    }
}

impl<'a> Visitor<'a> for Checker<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.stmt_ranges.push(suppression_range(stmt));
        match stmt {
            Stmt::Import(_) | Stmt::ImportFrom(_) => {
                self.record_import(stmt);
                self.run_import_rules(stmt);
                self.run_rules_on_stmt(stmt);
            }
            Stmt::FunctionDef(f) => {
                self.run_rules_on_stmt(stmt);
                for d in &f.decorator_list {
                    self.visit_decorator(d);
                }
                for (_, default) in ast::parameters_with_defaults(&f.parameters) {
                    if let Some(d) = default {
                        self.visit_expr(d);
                    }
                }
                self.stmt_ranges.pop();
                self.scopes.push(Scope::default());
                self.function_params
                    .push(ast::parameter_names(&f.parameters));
                self.visit_body(&f.body);
                self.function_params.pop();
                self.scopes.pop();
                if let Some(scope) = self.scopes.last_mut() {
                    scope.bindings.insert(f.name.as_str(), Binding::Unknown);
                }
                return;
            }
            Stmt::ClassDef(c) => {
                self.run_rules_on_stmt(stmt);
                for d in &c.decorator_list {
                    self.visit_decorator(d);
                }
                if let Some(args) = &c.arguments {
                    self.visit_arguments(args);
                }
                self.stmt_ranges.pop();
                self.scopes.push(Scope::default());
                self.visit_body(&c.body);
                self.scopes.pop();
                return;
            }
            Stmt::Try(t) => {
                self.run_rules_on_stmt(stmt);
                self.visit_body(&t.body);
                for handler in &t.handlers {
                    let ExceptHandler::ExceptHandler(h) = handler;
                    self.stmt_ranges.push(match h.body.first() {
                        Some(b) => TextRange::new(h.start(), b.start()),
                        None => h.range,
                    });
                    if let Some(ty) = &h.type_ {
                        self.visit_expr(ty);
                    }
                    self.stmt_ranges.pop();
                    self.visit_body(&h.body);
                }
                self.visit_body(&t.orelse);
                self.visit_body(&t.finalbody);
                self.stmt_ranges.pop();
                return;
            }
            Stmt::For(f) => {
                self.run_rules_on_stmt(stmt);
                self.visit_expr(&f.iter);
                self.bind(&f.target, None);
                self.visit_expr(&f.target);
                self.visit_body(&f.body);
                self.visit_body(&f.orelse);
                self.stmt_ranges.pop();
                return;
            }
            Stmt::With(w) => {
                self.run_rules_on_stmt(stmt);
                for item in &w.items {
                    self.visit_expr(&item.context_expr);
                    if let Some(v) = &item.optional_vars {
                        self.bind(v, None);
                    }
                }
                self.visit_body(&w.body);
                self.stmt_ranges.pop();
                return;
            }
            _ => {
                self.run_rules_on_stmt(stmt);
            }
        }
        // Compound statements: the header expressions are covered by the header range, the
        // bodies push their own statements.
        visitor::walk_stmt(self, stmt);
        match stmt {
            Stmt::Assign(a) => {
                let single = a.targets.len() == 1;
                for t in &a.targets {
                    self.bind(t, if single { Some(&a.value) } else { None });
                }
            }
            Stmt::AnnAssign(a) => self.bind(&a.target, a.value.as_deref()),
            Stmt::AugAssign(a) => self.bind(&a.target, None),
            _ => {}
        }
        self.stmt_ranges.pop();
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.expr_stack.push(expr);
        if let Expr::Call(call) = expr {
            self.run_call_rules(call);
        }
        self.run_rules_on_expr(expr);
        if let Expr::Named(n) = expr {
            visitor::walk_expr(self, expr);
            self.bind(&n.target, Some(&n.value));
        } else {
            visitor::walk_expr(self, expr);
        }
        self.expr_stack.pop();
    }
}

impl Checker<'_> {
    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: ast::TextSize) -> u32 {
        let end = (offset.to_usize()).min(self.source.len());
        self.source.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u32
            + 1
    }
}
