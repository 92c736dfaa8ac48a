//! DJ040 `django-csrf-exempt-state-change`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags Django views decorated with `csrf_exempt` that rely on the browser session (they read
/// `request.user`, `request.session` or cookies, or carry `login_required`-style decorators) and
/// change state (they read `request.POST` / `request.body`, branch on `request.method`, or save,
/// create, update or delete objects). Views that authenticate every request by an API key, a
/// token or a signed URL have no ambient credential for a forged request to use, so exempting
/// them is correct and they are not reported.
///
/// ## Why is this bad?
/// Without CSRF protection, any site the user visits can submit that state change on their behalf.
///
/// ## Example
/// ```python
/// @csrf_exempt
/// def transfer(request):
///     request.user.account.transfer(to=request.POST["to"], amount=request.POST["amount"])
/// ```
///
/// ## Use instead
/// ```python
/// def transfer(request):  # protected by CsrfViewMiddleware
///     ...
/// ```
///
/// ## References
/// - [Django docs: CSRF protection](https://docs.djangoproject.com/en/stable/ref/csrf/)
/// - [CWE-352](https://cwe.mitre.org/data/definitions/352.html)
    pub static RULE = {
        code: "DJ040",
        name: "django-csrf-exempt-state-change",
        analyzer: "code",
        summary: "`@csrf_exempt` on a view that changes state",
        severity: Medium,
        confidence: Medium,
        cwe: 352,
    }
}

pub const HOOKS: &[Hook] = &[Hook::Stmt(check)];

const STATE: &[&str] = &[
    "request.POST",
    "request.body",
    "request.method",
    ".save(",
    ".delete(",
    ".create(",
    ".update(",
    "request.data",
];

/// What a view that relies on the browser's session (the ambient credential CSRF abuses)
/// contains. A view that authenticates each request by an API key, a token or a signature in
/// the URL has no ambient credential, and exempting it from CSRF is correct.
const SESSION: &[&str] = &["request.user", "request.session", "request.COOKIES"];
const SESSION_DECORATORS: &[&str] = &[
    "login_required",
    "permission_required",
    "user_passes_test",
    "staff_member_required",
];

fn check<'a>(checker: &mut Checker<'a>, stmt: &'a Stmt) {
    let Stmt::FunctionDef(f) = stmt else { return };
    let Some(d) = f.decorator_list.iter().find(|d| {
        checker
            .qualified_name(&d.expression)
            .is_some_and(|q| q == "django.views.decorators.csrf.csrf_exempt" || q == "csrf_exempt")
    }) else {
        return;
    };
    let body = &checker.source[f.range.start().to_usize()..f.range.end().to_usize()];
    let decorated_login = f.decorator_list.iter().any(|d| {
        let expr = match &d.expression {
            Expr::Call(c) => &*c.func,
            other => other,
        };
        last_name(expr).is_some_and(|n| SESSION_DECORATORS.contains(&n))
    });
    let uses_session = decorated_login || SESSION.iter().any(|s| body.contains(s));
    if uses_session && STATE.iter().any(|s| body.contains(s)) {
        checker.report(
            &RULE,
            d.expression.range(),
            format!(
                "view `{}` changes state but is exempt from CSRF protection",
                f.name.as_str()
            ),
        );
    }
}

/// No Django system check covers this.
pub const DJANGO_CHECK: Option<&str> = None;
