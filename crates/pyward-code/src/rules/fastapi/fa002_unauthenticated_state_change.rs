//! FA002 `fastapi-unauthenticated-state-change`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags FastAPI POST/PUT/PATCH/DELETE routes with no authentication dependency on the route
/// (`dependencies=` or a `Depends(...)`/`Security(...)` parameter), its `APIRouter(dependencies=…)`,
/// an `include_router(..., dependencies=…)`, or the `FastAPI(dependencies=…)` app. A dependency
/// counts when it is a `Security(...)`, an OAuth2/HTTP/API-key scheme, or a callable whose name
/// says it checks credentials (`get_current_user`, `verify_token`, `require_api_key` …) or
/// whose body, in the same module, rejects with 401/403 or verifies a credential. A parameter
/// named like the authenticated principal (`current_user`, `principal`, `api_key` …) or typed
/// with a dependency alias named like one (`CurrentUser`, `TokenDep`, `AuthDep` …) counts too.
///
/// Across modules, a router that the project includes with an authenticating
/// `include_router(router, dependencies=[…])`, directly or through routers included that way,
/// is authenticated: those routes are not reported. Not reported either: methods of classes
/// (class-based controllers inject dependencies through their base class), and routes that are
/// public by nature, whose function name or path says they log in, register, issue tokens,
/// reset passwords, verify or confirm, receive OAuth/SSO callbacks or webhooks, or answer health
/// checks.
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

/// Whether a dependency callable's name says it checks credentials (`get_current_user`,
/// `verify_token`, `PermissionsDependency`).
pub(crate) fn is_auth_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    AUTH_WORDS.iter().any(|w| lower.contains(w))
}

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
            let callee = match dep {
                Expr::Call(inner) => &*inner.func,
                other => other,
            };
            if let Some(name) = last_name(callee)
                && (is_auth_name(name) || body_checks_credentials(checker.source, name))
            {
                return true;
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
    CREDENTIAL_NEEDLES
        .iter()
        .any(|needle| body.contains(needle))
}

/// What a function that checks credentials contains.
const CREDENTIAL_NEEDLES: &[&str] = &[
    "401",
    "403",
    "UNAUTHORIZED",
    "FORBIDDEN",
    "compare_digest",
    "Authorization",
    "verify_password",
    "jwt.decode",
];

/// Whether the route's own body rejects with 401/403 or verifies a credential, itself or
/// through a function of this module that it calls (webhooks check signatures this way).
fn route_checks_credentials(source: &str, f: &ast::StmtFunctionDef) -> bool {
    let range = f.range();
    let Some(body) = source.get(range.start().to_usize()..range.end().to_usize()) else {
        return false;
    };
    if CREDENTIAL_NEEDLES.iter().any(|n| body.contains(n)) {
        return true;
    }
    let mut seen: Vec<&str> = Vec::new();
    let bytes = body.as_bytes();
    for (i, _) in body.match_indices('(').take(200) {
        let start = body[..i]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |p| p + 1);
        let name = &body[start..i];
        if name.is_empty() || bytes[start].is_ascii_digit() || seen.contains(&name) {
            continue;
        }
        seen.push(name);
        if name != f.name.as_str() && body_checks_credentials(source, name) {
            return true;
        }
    }
    false
}

fn deps_authenticate<'a>(checker: &Checker<'a>, call: &'a ExprCall) -> bool {
    ast::keyword(call, "dependencies").is_some_and(|k| match &k.value {
        Expr::List(l) => l.elts.iter().any(|e| is_auth_dependency(checker, e)),
        Expr::Tuple(t) => t.elts.iter().any(|e| is_auth_dependency(checker, e)),
        _ => true,
    })
}

/// Whether a parameter annotation is `Annotated[T, Depends(auth)]`, directly or through an
/// alias defined in this module, or a dependency alias imported from elsewhere whose name says
/// it is the authenticated principal (`CurrentUser`, `TokenDep`, `AdminDep`).
fn annotated_dependency<'a>(checker: &Checker<'a>, ann: &'a Expr) -> bool {
    match checker.resolve(ann) {
        Expr::Subscript(s) => match &*s.slice {
            Expr::Tuple(t) => t.elts.iter().any(|e| is_auth_dependency(checker, e)),
            other => is_auth_dependency(checker, other),
        },
        _ => last_name(ann).is_some_and(is_principal_alias),
    }
}

/// `CurrentUser`, `CurrentActiveUser`, `TokenDep`, `AuthDep`, `AdminUser`, `Principal`… but not
/// request bodies such as `UserCreate` or resources such as `SessionDep`.
fn is_principal_alias(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    const STRONG: &[&str] = &[
        "current",
        "auth",
        "principal",
        "permission",
        "apikey",
        "api_key",
        "superuser",
        "jwt",
        "bearer",
        "credential",
    ];
    if STRONG.iter().any(|w| lower.contains(w)) {
        return true;
    }
    let is_dep = lower.ends_with("dep") || lower.ends_with("dependency");
    is_dep
        && ["user", "token", "admin", "login"]
            .iter()
            .any(|w| lower.contains(w))
}

/// Parameter names that only an authenticated route receives.
fn is_principal_param(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "current_user"
            | "principal"
            | "api_key"
            | "apikey"
            | "credentials"
            | "auth"
            | "authed_user"
    ) || lower.starts_with("current_")
        || lower.ends_with("_principal")
}

/// Words in a function name or route path that mark an endpoint as public by nature.
const PUBLIC_WORDS: &[&str] = &[
    "login",
    "logout",
    "signin",
    "signup",
    "register",
    "registration",
    "token",
    "tokens",
    "password",
    "recover",
    "forgot",
    "verify",
    "verification",
    "confirm",
    "callback",
    "oauth",
    "oauth2",
    "sso",
    "saml",
    "oidc",
    "webhook",
    "webhooks",
    "health",
    "healthz",
    "healthcheck",
    "ping",
];

fn is_public_by_nature(function: &str, path: Option<&str>) -> bool {
    let words = |text: &str| {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
    };
    let mut all = words(function);
    all.extend(path.map(words).unwrap_or_default());
    all.iter().any(|w| PUBLIC_WORDS.contains(&w.as_str()))
        || function.to_ascii_lowercase().contains("access_token")
}

fn check<'a>(checker: &mut Checker<'a>, stmt: &'a Stmt) {
    let Stmt::FunctionDef(f) = stmt else { return };
    // Only `@x.post/put/patch/delete(...)` decorators matter (checked again below); test that
    // before scanning the import list on every function.
    let state_changing = |d: &ruff_python_ast::Decorator| {
        matches!(&d.expression, Expr::Call(c) if matches!(&*c.func,
            Expr::Attribute(a) if matches!(a.attr.as_str(), "post" | "put" | "patch" | "delete")))
    };
    if !f.decorator_list.iter().any(state_changing) {
        return;
    }
    if !checker.module_imported_like("fastapi") {
        return;
    }
    // A method: class-based controllers inject their dependencies through the class.
    let first = f
        .parameters
        .posonlyargs
        .iter()
        .chain(f.parameters.args.iter())
        .next();
    if first.is_some_and(|p| matches!(p.parameter.name.as_str(), "self" | "cls")) {
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
        let route_path = ast::arg(call, 0)
            .or_else(|| ast::keyword(call, "path").map(|k| &k.value))
            .and_then(|p| checker.literal_string(p));
        if is_public_by_nature(f.name.as_str(), route_path.as_deref()) {
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
            if is_principal_param(p.parameter.name.as_str())
                || p.default
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
        if !authed && route_checks_credentials(checker.source, f) {
            authed = true;
        }
        if !authed {
            checker
                .report(
                    &RULE,
                    d.expression.range(),
                    format!(
                        "{} route `{}` has no authentication dependency on the route, its router or the app",
                        method.to_ascii_uppercase(),
                        f.name.as_str()
                    ),
                )
                .meta("router", owner.id.as_str());
        }
    }
}
