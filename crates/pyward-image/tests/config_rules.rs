//! The image config rules (`IMG…`), one test each: an image config that fires and one that
//! stays silent, checked with `pyward_image::config_checks::check`.

use pyward_core::RuleSelector;
use serde_json::{Value, json};

/// The codes `check` reports for an image config (`config` object, `history` steps, manifest
/// annotations).
fn codes(config: Value, history: &[&str], annotations: Value) -> Vec<String> {
    let history: Vec<Value> = history.iter().map(|h| json!({"created_by": h})).collect();
    let doc = json!({"config": config, "history": history});
    pyward_image::config_checks::check(&doc, &annotations, "image!config", &RuleSelector::default())
        .into_iter()
        .map(|f| f.code)
        .collect()
}

/// A config every rule accepts, with `key` replaced by `value`.
fn good_with(key: &str, value: Value) -> Value {
    let mut c = json!({
        "User": "app",
        "Env": ["PATH=/usr/bin", "PYTHONUNBUFFERED=1"],
        "Healthcheck": {"Test": ["CMD", "true"]},
        "ExposedPorts": {"8000/tcp": {}},
    });
    c[key] = value;
    c
}

fn only(codes: &[String], code: &str) -> bool {
    codes.iter().all(|c| c == code) && codes.iter().any(|c| c == code)
}

#[test]
fn img001_image_runs_as_root() {
    for user in [json!(""), json!("root"), json!("0:0")] {
        assert!(only(
            &codes(good_with("User", user), &[], Value::Null),
            "IMG001"
        ));
    }
    let mut unset = good_with("User", Value::Null);
    unset.as_object_mut().unwrap().remove("User");
    assert!(only(&codes(unset, &[], Value::Null), "IMG001"));
    assert!(codes(good_with("User", json!("10001:10001")), &[], Value::Null).is_empty());
}

#[test]
fn img002_image_env_secret() {
    let env = json!([
        "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9Qa8Xv2B",
        "DATABASE_URL=postgres://u:p4ssw0rdZ@db/app",
    ]);
    let found = codes(good_with("Env", env), &[], Value::Null);
    assert_eq!(found, ["IMG002", "IMG002"]);
    let quiet = json!([
        "DATABASE_URL=postgres://db/app",
        "SECRET_KEY_FILE=/run/secrets/key",
        "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
        "PYTHON_SHA256=24887e92e2afb4a2ca602f869f76d5f48a23ce9c3d6c81a3dd5d0c2bd9e3a2ab",
    ]);
    assert!(codes(good_with("Env", quiet), &[], Value::Null).is_empty());
}

#[test]
fn img003_image_remote_add() {
    let c = good_with("User", json!("app"));
    let found = codes(
        c.clone(),
        &["/bin/sh -c #(nop) ADD http://example.com/tool.tgz /opt/"],
        Value::Null,
    );
    assert!(only(&found, "IMG003"), "{found:?}");
    let silent = codes(
        c,
        &[
            "ADD --checksum=sha256:24454f830cdd https://example.com/a /a # buildkit",
            "/bin/sh -c #(nop) ADD file:0123abcd in / ",
            "COPY https-notes.txt /a # buildkit",
        ],
        Value::Null,
    );
    assert!(silent.is_empty(), "{silent:?}");
}

#[test]
fn img004_image_no_healthcheck() {
    let mut none = good_with("User", json!("app"));
    none.as_object_mut().unwrap().remove("Healthcheck");
    assert!(only(&codes(none, &[], Value::Null), "IMG004"));
    let disabled = good_with("Healthcheck", json!({"Test": ["NONE"]}));
    assert!(only(&codes(disabled, &[], Value::Null), "IMG004"));
}

#[test]
fn img005_image_unpinned_base() {
    let c = good_with("User", json!("app"));
    let annotated = json!({"org.opencontainers.image.base.name": "docker.io/library/python"});
    assert!(only(&codes(c.clone(), &[], annotated), "IMG005"));
    assert!(only(
        &codes(c.clone(), &["FROM python:latest"], Value::Null),
        "IMG005"
    ));
    let pinned =
        json!({"org.opencontainers.image.base.name": "docker.io/library/python:3.12-slim"});
    assert!(codes(c.clone(), &[], pinned).is_empty());
    // No recorded base: not judged.
    assert!(codes(c, &[], Value::Null).is_empty());
}

#[test]
fn img006_image_exposes_service_port() {
    let ports = json!({"8000/tcp": {}, "22/tcp": {}, "5432/tcp": {}});
    let found = codes(good_with("ExposedPorts", ports), &[], Value::Null);
    assert_eq!(found, ["IMG006", "IMG006"]);
    let web = json!({"80/tcp": {}, "443/tcp": {}, "8000/tcp": {}});
    assert!(codes(good_with("ExposedPorts", web), &[], Value::Null).is_empty());
}
