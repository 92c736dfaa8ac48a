//! DJ040 `django-csrf-exempt-state-change`.

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags Django views decorated with `csrf_exempt` whose body reads `request.POST` / `request.body`,
/// branches on `request.method`, or saves, creates, updates or deletes objects.
///
/// ## Why is this bad?
/// Without CSRF protection, any site the user visits can submit that state change on their behalf.
///
/// ## Example
/// ```python
/// @csrf_exempt
/// def transfer(request):
///     Account.objects.filter(id=request.POST["id"]).update(balance=0)
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
    if STATE.iter().any(|s| body.contains(s)) {
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
