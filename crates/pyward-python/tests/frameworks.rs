//! Framework rule cases that need a whole module of their own (fixtures hold one module per
//! rule).

use pyward_core::{RuleSelector, Severity};
use pyward_python::{CodeOptions, check_source};

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
