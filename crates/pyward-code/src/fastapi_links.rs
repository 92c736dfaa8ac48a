//! Cross-module FastAPI router links, for FA002.
//!
//! FastAPI projects usually authenticate whole routers where they are mounted:
//! `api.include_router(items.router, dependencies=[Depends(get_current_user)])` in one module
//! protects every route of `items.router` in another. One file at a time, FA002 cannot see
//! that, so after the per-file pass this module reads the project's `include_router(...)` calls
//! and `APIRouter(dependencies=...)` definitions, works out which routers are authenticated
//! (directly, or by being included into an authenticated router), and drops FA002 findings on
//! those routers.
//!
//! It reads text, not the AST: import statements and the calls' argument lists, each bounded,
//! so it costs a substring search per file and cannot recurse on hostile input.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

use pyward_core::Finding;

/// A router: the dotted module it is defined in (as far as known) and its variable name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct RouterRef {
    module: String,
    var: String,
}

impl RouterRef {
    /// The same router, allowing one module name to be a dotted suffix of the other (a file's
    /// module comes from its path, `src/app/api/items`; an import names `app.api.items`).
    fn same(&self, other: &RouterRef) -> bool {
        self.var == other.var && modules_match(&self.module, &other.module)
    }
}

fn modules_match(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    long == short
        || (long.ends_with(short) && long.as_bytes()[long.len() - short.len() - 1] == b'.')
}

/// What one module contributes.
#[derive(Debug, Default)]
pub(crate) struct ModuleLinks {
    /// `(parent, child, authenticates)` for each `parent.include_router(child, ...)`.
    edges: Vec<(RouterRef, RouterRef, bool)>,
    /// Routers created with an authenticating `dependencies=`.
    authenticated: Vec<RouterRef>,
}

/// The dotted module name of a displayed path (`a/b/c.py` → `a.b.c`, `a/b/__init__.py` → `a.b`).
pub(crate) fn module_name(display_path: &str) -> String {
    let path = display_path.trim_start_matches("./").replace('\\', "/");
    let path = path.strip_suffix(".py").unwrap_or(&path);
    let path = path.strip_suffix("/__init__").unwrap_or(path);
    path.trim_matches('/').replace('/', ".")
}

fn re(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

/// Reads the links of one module's source.
pub(crate) fn module_links(display_path: &str, source: &str) -> ModuleLinks {
    let mut out = ModuleLinks::default();
    if !source.contains("include_router") && !source.contains("APIRouter") {
        return out;
    }
    let module = module_name(display_path);
    let is_package = display_path.ends_with("__init__.py");
    let imports = imports(&module, is_package, source);
    let resolve = |expr: &str| -> RouterRef {
        match expr.split_once('.') {
            None => match imports.get(expr) {
                Some((m, Some(name))) => RouterRef {
                    module: m.clone(),
                    var: name.clone(),
                },
                _ => RouterRef {
                    module: module.clone(),
                    var: expr.to_string(),
                },
            },
            Some((head, rest)) => {
                let (prefix, var) = rest.rsplit_once('.').unwrap_or(("", rest));
                let base = match imports.get(head) {
                    Some((m, Some(name))) => format!("{m}.{name}"),
                    Some((m, None)) => m.clone(),
                    None => head.to_string(),
                };
                let module = if prefix.is_empty() {
                    base
                } else {
                    format!("{base}.{prefix}")
                };
                RouterRef {
                    module,
                    var: var.to_string(),
                }
            }
        }
    };

    static INCLUDE: OnceLock<Option<Regex>> = OnceLock::new();
    if let Some(include) = re(
        &INCLUDE,
        r"([A-Za-z_][\w.]*)\.include_router\(\s*([A-Za-z_][\w.]*)",
    ) {
        for caps in include.captures_iter(source) {
            let (Some(parent), Some(child), Some(whole)) = (caps.get(1), caps.get(2), caps.get(0))
            else {
                continue;
            };
            let args = call_arguments(source, whole.end());
            out.edges.push((
                resolve(parent.as_str()),
                resolve(child.as_str()),
                dependencies_authenticate(args),
            ));
        }
    }
    static DEFINE: OnceLock<Option<Regex>> = OnceLock::new();
    if let Some(define) = re(
        &DEFINE,
        r"(?m)^\s*([A-Za-z_]\w*)\s*(?::[^=\n]+)?=\s*(?:fastapi\.)?(?:APIRouter|FastAPI)\(",
    ) {
        for caps in define.captures_iter(source) {
            let (Some(var), Some(whole)) = (caps.get(1), caps.get(0)) else {
                continue;
            };
            if dependencies_authenticate(call_arguments(source, whole.end())) {
                out.authenticated.push(RouterRef {
                    module: module.clone(),
                    var: var.as_str().to_string(),
                });
            }
        }
    }
    out
}

/// The text of a call's arguments from just after `(` (or inside them) to the matching `)`,
/// at most 4 KiB.
fn call_arguments(source: &str, from: usize) -> &str {
    let rest = source.get(from..).unwrap_or("");
    let mut depth = 1usize;
    for (i, c) in rest.char_indices().take(4096) {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return &rest[..i];
                }
            }
            _ => {}
        }
    }
    rest.get(..rest.len().min(4096)).unwrap_or(rest)
}

/// Whether a call's arguments hold `dependencies=[...]` with an authenticating dependency
/// (`Security(...)`, or `Depends(x)` where `x` is named like a credential check).
fn dependencies_authenticate(args: &str) -> bool {
    let Some(at) = args.find("dependencies") else {
        return false;
    };
    let deps = &args[at..];
    static DEP: OnceLock<Option<Regex>> = OnceLock::new();
    let Some(dep) = re(&DEP, r"\b(Depends|Security)\(\s*([A-Za-z_][\w.]*)") else {
        return false;
    };
    dep.captures_iter(deps).any(|c| {
        c.get(1).is_some_and(|k| k.as_str() == "Security")
            || c.get(2).is_some_and(|n| {
                let name = n.as_str().rsplit('.').next().unwrap_or("");
                crate::rules::fastapi::fa002_unauthenticated_state_change::is_auth_name(name)
            })
    })
}

/// `local name → (module, imported name)`, for `import a.b as c` (`c → (a.b, None)`) and
/// `from a import b as c` (`c → (a, Some(b))`), with relative imports resolved against
/// `module`.
fn imports(
    module: &str,
    is_package: bool,
    source: &str,
) -> HashMap<String, (String, Option<String>)> {
    let mut out = HashMap::new();
    static FROM: OnceLock<Option<Regex>> = OnceLock::new();
    static IMPORT: OnceLock<Option<Regex>> = OnceLock::new();
    if let Some(from) = re(
        &FROM,
        r"(?m)^\s*from\s+(\.*)([\w.]*)\s+import\s+(\([^)]{0,4000}\)|[^\n#]+)",
    ) {
        for caps in from.captures_iter(source) {
            let dots = caps.get(1).map_or(0, |m| m.as_str().len());
            let name = caps.get(2).map_or("", |m| m.as_str());
            let base = if dots == 0 {
                name.to_string()
            } else {
                let mut parts: Vec<&str> = module.split('.').collect();
                // `from . import x` in `a/b/c.py` is package `a.b`; in `a/b/__init__.py` it is
                // `a.b` too.
                let up = if is_package { dots - 1 } else { dots };
                for _ in 0..up {
                    parts.pop();
                }
                let mut base = parts.join(".");
                if !name.is_empty() {
                    if !base.is_empty() {
                        base.push('.');
                    }
                    base.push_str(name);
                }
                base
            };
            let names = caps.get(3).map_or("", |m| m.as_str());
            for item in names.trim_matches(|c| c == '(' || c == ')').split(',') {
                let item = item.split('#').next().unwrap_or("").trim();
                if item.is_empty() || item == "*" {
                    continue;
                }
                let (imported, local) = match item.split_once(" as ") {
                    Some((i, l)) => (i.trim(), l.trim()),
                    None => (item, item),
                };
                out.insert(
                    local.to_string(),
                    (base.clone(), Some(imported.to_string())),
                );
            }
        }
    }
    if let Some(import) = re(&IMPORT, r"(?m)^\s*import\s+([\w.]+)(?:\s+as\s+(\w+))?") {
        for caps in import.captures_iter(source) {
            let Some(m) = caps.get(1) else { continue };
            let local = caps.get(2).map_or_else(
                || m.as_str().split('.').next().unwrap_or(""),
                |l| l.as_str(),
            );
            out.insert(local.to_string(), (m.as_str().to_string(), None));
        }
    }
    out
}

/// Drops FA002 findings on routers that the project authenticates where they are included.
pub(crate) fn drop_authenticated_routes(links: &[ModuleLinks], findings: &mut Vec<Finding>) {
    let mut protected: Vec<RouterRef> = links
        .iter()
        .flat_map(|l| l.authenticated.iter().cloned())
        .collect();
    let edges: Vec<&(RouterRef, RouterRef, bool)> = links.iter().flat_map(|l| &l.edges).collect();
    for (_, child, auth) in &edges {
        if *auth {
            protected.push(child.clone());
        }
    }
    // A router included into a protected router is protected; at most one round per edge.
    for _ in 0..edges.len() {
        let mut grew = false;
        for (parent, child, _) in &edges {
            if protected.iter().any(|p| p.same(parent)) && !protected.iter().any(|p| p.same(child))
            {
                protected.push(child.clone());
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    if protected.is_empty() {
        return;
    }
    findings.retain(|f| {
        if f.code != "FA002" {
            return true;
        }
        let (Some(path), Some(router)) = (
            f.location.path.as_deref(),
            f.metadata.get("router").and_then(|v| v.as_str()),
        ) else {
            return true;
        };
        let here = RouterRef {
            module: module_name(path),
            var: router.to_string(),
        };
        !protected.iter().any(|p| p.same(&here))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_imports() {
        assert_eq!(module_name("./src/app/api/items.py"), "src.app.api.items");
        assert_eq!(module_name("app/api/__init__.py"), "app.api");
        let imports = imports(
            "src.app.api.main",
            false,
            "from app.routes import items as it, users\nfrom .deps import (\n  a,\n  b as c,\n)\nimport app.x as ax\n",
        );
        assert_eq!(imports["it"], ("app.routes".into(), Some("items".into())));
        assert_eq!(imports["c"], ("src.app.api.deps".into(), Some("b".into())));
        assert_eq!(imports["ax"], ("app.x".into(), None));
        assert!(modules_match("src.app.routes.items", "app.routes.items"));
        assert!(!modules_match("src.app.routes.items", "routes.item"));
        assert!(!modules_match("myapp.items", "app.items"));
    }

    #[test]
    fn transitive_protection() {
        let api = module_links(
            "proj/app/api.py",
            "from app.items.views import router as items_router\n\
             from app.auth.views import auth_router\n\
             api_router = APIRouter()\n\
             authed = APIRouter(prefix='/{org}')\n\
             authed.include_router(items_router, prefix='/items')\n\
             api_router.include_router(auth_router)\n\
             api_router.include_router(\n    authed, dependencies=[Depends(get_current_user)]\n)\n",
        );
        let finding = |path: &str, router: &str| {
            let mut f = Finding::new(
                &crate::rules::fastapi::fa002_unauthenticated_state_change::RULE,
                "m",
                pyward_core::Location::file(path, None),
            );
            f = f.with_meta("router", router);
            f
        };
        let mut findings = vec![
            finding("proj/app/items/views.py", "router"),
            finding("proj/app/auth/views.py", "auth_router"),
            finding("proj/app/other/views.py", "router"),
        ];
        drop_authenticated_routes(&[api], &mut findings);
        let left: Vec<_> = findings
            .iter()
            .map(|f| f.location.path.clone().unwrap_or_default())
            .collect();
        assert_eq!(left, ["proj/app/auth/views.py", "proj/app/other/views.py"]);
    }
}
