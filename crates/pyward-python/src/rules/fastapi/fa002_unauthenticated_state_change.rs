//! FA002 `fastapi-unauthenticated-state-change`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags FastAPI POST/PUT/PATCH/DELETE routes with no authentication dependency on the route
/// (`dependencies=` or a `Depends(...)`/`Security(...)` parameter), its `APIRouter(dependencies=…)`,
/// an `include_router(..., dependencies=…)`, or the `FastAPI(dependencies=…)` app. A dependency
/// counts when it is a `Security(...)`, an OAuth2/HTTP/API-key scheme, or a callable whose name
/// says it checks credentials (`get_current_user`, `verify_token`, `require_api_key` …) or
/// whose body, in the same module, rejects with 401/403 or verifies a credential.
///
/// ## Why is this bad?
/// A route that changes data and accepts anonymous requests lets anyone change that data.
///
/// ## Example
/// ```python
/// @app.post("/items")
/// def create_item(item: Item): ...
/// ```
///
/// ## Use instead
/// ```python
/// @app.post("/items")
/// def create_item(item: Item, user: User = Depends(get_current_user)): ...
/// ```
///
/// ## References
/// - [FastAPI docs: security](https://fastapi.tiangolo.com/tutorial/security/)
/// - [CWE-306](https://cwe.mitre.org/data/definitions/306.html)
    pub static RULE = {
        code: "FA002",
        name: "fastapi-unauthenticated-state-change",
        analyzer: "code",
        summary: "state-changing route without an auth dependency",
        severity: Medium,
        confidence: Medium,
        cwe: 306,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Stmt(check)];

const AUTH_WORDS: &[&str] = &[
    "auth",
    "user",
    "token",
    "login",
    "current",
    "verify",
    "permission",
    "api_key",
    "apikey",
    "oauth",
    "bearer",
    "credential",
    "admin",
    "jwt",
    "principal",
    "identity",
];
const SCHEMES: &[&str] = &[
    "OAuth2PasswordBearer",
    "OAuth2AuthorizationCodeBearer",
    "OAuth2",
    "HTTPBearer",
    "HTTPBasic",
    "HTTPDigest",
    "APIKeyHeader",
    "APIKeyQuery",
    "APIKeyCookie",
    "OpenIdConnect",
];

/// Whether `expr` is a `Depends(x)` / `Security(x)` that authenticates.
fn is_auth_dependency<'a>(checker: &Checker<'a>, expr: &'a Expr) -> bool {
    let Expr::Call(c) = expr else { return false };
    match last_name(&c.func) {
        Some("Security") => true,
        Some("Depends") => {
            let Some(dep) =
                ast::arg(c, 0).or_else(|| ast::keyword(c, "dependency").map(|k| &k.value))
            else {
                return false;
            };
            if let Some(name) = last_name(dep) {
                let lower = name.to_ascii_lowercase();
                if AUTH_WORDS.iter().any(|w| lower.contains(w))
                    || body_checks_credentials(checker.source, name)
                {
                    return true;
                }
            }
            if let Expr::Call(inner) = checker.resolve(dep) {
                return last_name(&inner.func).is_some_and(|n| SCHEMES.contains(&n));
            }
            false
        }
        _ => false,
    }
}

/// Whether a function `name` defined in this module rejects requests with 401/403 or
/// verifies a credential.
fn body_checks_credentials(source: &str, name: &str) -> bool {
    let Some(start) = source
        .find(&format!("def {name}("))
        .filter(|&i| i == 0 || source[..i].ends_with(' ') || source[..i].ends_with('\n'))
    else {
        return false;
    };
    let rest = &source[start..];
    let end = rest[1..]
        .find("\ndef ")
        .into_iter()
        .chain(rest[1..].find("\nclass "))
        .chain(rest[1..].find("\n@"))
        .min()
        .map_or(rest.len(), |e| e + 1);
    let body = &rest[..end];
    [
        "401",
        "403",
        "HTTP_401_UNAUTHORIZED",
        "HTTP_403_FORBIDDEN",
        "compare_digest",
        "Authorization",
        "verify_password",
        "jwt.decode",
    ]
    .iter()
    .any(|needle| body.contains(needle))
}

fn deps_authenticate<'a>(checker: &Checker<'a>, call: &'a ExprCall) -> bool {
    ast::keyword(call, "dependencies").is_some_and(|k| match &k.value {
        Expr::List(l) => l.elts.iter().any(|e| is_auth_dependency(checker, e)),
        Expr::Tuple(t) => t.elts.iter().any(|e| is_auth_dependency(checker, e)),
        _ => true,
    })
}

fn annotated_dependency<'a>(checker: &Checker<'a>, ann: &'a Expr) -> bool {
    match ann {
        Expr::Subscript(s) => match &*s.slice {
            Expr::Tuple(t) => t.elts.iter().any(|e| is_auth_dependency(checker, e)),
            other => is_auth_dependency(checker, other),
        },
        _ => false,
    }
}

fn check<'a>(checker: &mut Checker<'a>, stmt: &'a Stmt) {
    let Stmt::FunctionDef(f) = stmt else { return };
    if !checker.module_imported_like("fastapi") {
        return;
    }
    for d in &f.decorator_list {
        let Expr::Call(call) = &d.expression else {
            continue;
        };
        let Expr::Attribute(a) = &*call.func else {
            continue;
        };
        let method = a.attr.as_str();
        if !matches!(method, "post" | "put" | "patch" | "delete") {
            continue;
        }
        let Expr::Name(owner) = &*a.value else {
            continue;
        };
        let Expr::Call(ctor) = checker.resolve(&a.value) else {
            continue;
        };
        let Some(kind) = checker.qualified_name(&ctor.func) else {
            continue;
        };
        if !matches!(kind.as_str(), "fastapi.FastAPI" | "fastapi.APIRouter") {
            continue;
        }
        if deps_authenticate(checker, ctor) || deps_authenticate(checker, call) {
            continue;
        }
        let included = regex::Regex::new(&format!(
            r"(?s)include_router\(\s*{}\b[^)]{{0,300}}?dependencies\s*=",
            regex::escape(owner.id.as_str())
        ))
        .is_ok_and(|re| re.is_match(checker.source));
        if included {
            continue;
        }
        let params = f
            .parameters
            .posonlyargs
            .iter()
            .chain(f.parameters.args.iter())
            .chain(f.parameters.kwonlyargs.iter());
        let mut authed = false;
        for p in params {
            if p.default
                .as_deref()
                .is_some_and(|d| is_auth_dependency(checker, d))
                || p.parameter
                    .annotation
                    .as_deref()
                    .is_some_and(|a| annotated_dependency(checker, a))
            {
                authed = true;
            }
        }
        if !authed {
            checker.report(
                &RULE,
                d.expression.range(),
                format!(
                    "{} route `{}` has no authentication dependency on the route, its router or the app",
                    method.to_ascii_uppercase(),
                    f.name.as_str()
                ),
            );
        }
    }
}
