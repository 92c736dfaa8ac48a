//! Framework rule cases that need a whole module of their own (fixtures hold one module per
//! rule).

use pyward_code::{CodeOptions, check_source};
use pyward_core::{RuleSelector, Severity};

fn only(code: &str) -> CodeOptions {
    CodeOptions {
        selector: RuleSelector::new(vec![code.to_string()], Vec::new()),
        ..CodeOptions::default()
    }
}

#[test]
fn a_fastapi_app_without_trusted_host_middleware_is_reported_at_low() {
    let source = "from fastapi import FastAPI\n\napp = FastAPI()\n";
    let findings = check_source("main.py", source, &only("FA004"));
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].severity, Severity::Low);
    assert_eq!(findings[0].location.line(), Some(3));
    assert!(findings[0].message.contains("no TrustedHostMiddleware"));
}

#[test]
fn an_authlib_decode_followed_by_validate_is_fine() {
    let source =
        "from authlib.jose import jwt\n\nclaims = jwt.decode(token, key)\nclaims.validate()\n";
    assert!(check_source("auth.py", source, &only("AUTH001")).is_empty());
}

#[test]
fn flask_rules_need_flask() {
    // The same code in a module that does not import Flask is not a Flask app.
    let source = "class App:\n    pass\n\napp = App()\napp.secret_key = \"dev\"\n";
    assert!(check_source("x.py", source, &only("FL001")).is_empty());
    let with_flask = format!("import flask\n{source}");
    assert_eq!(check_source("x.py", &with_flask, &only("FL001")).len(), 1);
}

#[test]
fn django_findings_carry_the_check_id_and_module() {
    let source = "INSTALLED_APPS = []\nMIDDLEWARE = []\nDEBUG = True\n";
    let findings = check_source("proj/settings/production.py", source, &only("DJ018"));
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(f.metadata["django_check"], "security.W018");
    assert_eq!(f.metadata["settings_module"], "proj/settings/production.py");
    // Development modules are not deployment settings.
    assert!(check_source("proj/settings/local.py", source, &only("DJ018")).is_empty());
    assert!(check_source("proj/settings/test_settings.py", source, &only("DJ018")).is_empty());
}

#[test]
fn django_environ_schema_defaults_count() {
    let source = "import environ\n\nenv = environ.Env(DEBUG=(bool, True), HOSTS=(list, []))\n\
        INSTALLED_APPS = []\nMIDDLEWARE = []\nDEBUG = env(\"DEBUG\")\nALLOWED_HOSTS = env(\"HOSTS\")\n";
    let opts = CodeOptions {
        selector: RuleSelector::new(vec!["DJ018".into(), "DJ020".into()], Vec::new()),
        ..CodeOptions::default()
    };
    let codes: Vec<String> = check_source("settings.py", source, &opts)
        .into_iter()
        .map(|f| f.code)
        .collect();
    assert_eq!(codes, ["DJ018", "DJ020"]);
}

/// A router authenticated where another module includes it (directly or through a router that
/// is included with an auth dependency) has no FA002 findings; an unprotected one keeps them.
#[test]
fn fastapi_routers_authenticated_where_they_are_included() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("proj/app");
    for sub in ["items", "admin", "open"] {
        std::fs::create_dir_all(app.join(sub)).unwrap();
    }
    let route = |name: &str| {
        format!(
            "from fastapi import APIRouter\nrouter = APIRouter()\n\n@router.post('/')\ndef create_{name}(body: dict):\n    return body\n"
        )
    };
    std::fs::write(app.join("items/views.py"), route("item")).unwrap();
    std::fs::write(app.join("admin/views.py"), route("setting")).unwrap();
    std::fs::write(app.join("open/views.py"), route("thing")).unwrap();
    std::fs::write(
        app.join("api.py"),
        "from fastapi import APIRouter, Depends, FastAPI\n\
         from app.items.views import router as items_router\n\
         from .admin import views as admin_views\n\
         from app.open.views import router as open_router\n\
         from app.auth import get_current_user\n\n\
         app = FastAPI()\n\
         authed = APIRouter()\n\
         authed.include_router(items_router, prefix='/items')\n\
         app.include_router(authed, dependencies=[Depends(get_current_user)])\n\
         app.include_router(admin_views.router, dependencies=[Depends(require_admin)])\n\
         app.include_router(open_router)\n",
    )
    .unwrap();
    let report = pyward_code::scan(&[dir.path().join("proj")], &only("FA002"));
    let paths: Vec<String> = report
        .findings
        .iter()
        .map(|f| f.location.path.clone().unwrap_or_default())
        .collect();
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert!(paths[0].ends_with("app/open/views.py"), "{paths:?}");
}
