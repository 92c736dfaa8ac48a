//! The OSV-compatible server, over real HTTP on 127.0.0.1.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;

use pyward_advisory::server::{self, ServerOptions};
use serde_json::{Value, json};

/// A minimal HTTP/1.1 client: returns (status, parsed JSON body).
fn http(addr: SocketAddr, method: &str, path: &str, body: Option<&str>) -> (u16, Value) {
    let mut stream = TcpStream::connect(addr).unwrap();
    let body = body.unwrap_or("");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, payload) = response.split_once("\r\n\r\n").unwrap();
    let status: u16 = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{head}"
    );
    (
        status,
        serde_json::from_str(payload).unwrap_or_else(|e| panic!("{e}: {payload}")),
    )
}

fn post(addr: SocketAddr, path: &str, body: &Value) -> (u16, Value) {
    http(addr, "POST", path, Some(&body.to_string()))
}

fn ids(result: &Value) -> Vec<&str> {
    result["vulns"]
        .as_array()
        .map(|a| a.iter().map(|v| v["id"].as_str().unwrap()).collect())
        .unwrap_or_default()
}

#[test]
fn osv_api_endpoints() {
    let tmp = tempfile::tempdir().unwrap();
    let db = Arc::new(common::fixture_db(tmp.path()));
    let handle = server::spawn(
        db,
        "127.0.0.1:0",
        ServerOptions {
            workers: 2,
            page_size: 2,
            ..ServerOptions::default()
        },
    )
    .unwrap();
    let addr = handle.addr();
    assert_ne!(addr.port(), 0);

    // /v1/query returns full records; none gives `{}`; withdrawn records are excluded.
    let q = json!({"package": {"name": "Demo_Pkg", "ecosystem": "PyPI"}, "version": "1.1"});
    let (status, body) = post(addr, "/v1/query", &q);
    assert_eq!(status, 200);
    assert_eq!(ids(&body), ["TEST-2024-1", "TEST-2024-2"]);
    assert_eq!(body["vulns"][0]["aliases"][0], "CVE-2024-0001");
    assert_eq!(
        body["vulns"][0]["affected"][0]["ranges"][1]["type"],
        "ECOSYSTEM"
    );
    let q = json!({"package": {"name": "demo-pkg", "ecosystem": "PyPI"}, "version": "9.0"});
    assert_eq!(post(addr, "/v1/query", &q), (200, json!({})));
    let q = json!({"package": {"name": "demo-pkg", "ecosystem": "npm"}, "version": "1.1"});
    assert_eq!(post(addr, "/v1/query", &q), (200, json!({})));
    assert_eq!(
        post(addr, "/v1/query", &json!({"commit": "abc123"})),
        (200, json!({}))
    );
    // purl, with the version inside it; and the doubled /v1/v1/ prefix uv produces.
    let q = json!({"package": {"purl": "pkg:pypi/demo-pkg@0.9p1"}});
    assert_eq!(ids(&post(addr, "/v1/v1/query", &q).1), ["TEST-2024-2"]);
    let q = json!({"package": {"purl": "pkg:pypi/other"}, "version": "3.0"});
    assert_eq!(ids(&post(addr, "/v1/query/", &q).1), ["TEST-2024-4"]);

    // /v1/querybatch: id + modified, in query order.
    let batch = json!({"queries": [
        {"package": {"name": "other", "ecosystem": "PyPI"}, "version": "1.0"},
        {"package": {"name": "nothing", "ecosystem": "PyPI"}, "version": "1.0"},
        {"package": {"name": "demo-pkg", "ecosystem": "PyPI"}, "version": "5.0"},
    ]});
    let (status, body) = post(addr, "/v1/querybatch", &batch);
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!({"results": [
            {"vulns": [{"id": "TEST-2024-4", "modified": "2024-01-01T00:00:00Z"}]},
            {},
            {},
        ]})
    );

    // Paging: the page size (2) is shared by the whole response.
    let batch = json!({"queries": [
        {"package": {"name": "other", "ecosystem": "PyPI"}, "version": "1.0"},
        {"package": {"name": "demo-pkg", "ecosystem": "PyPI"}, "version": "1.1"},
        {"package": {"name": "demo-pkg", "ecosystem": "PyPI"}, "version": "2.0.1"},
    ]});
    let (_, body) = post(addr, "/v1/v1/querybatch", &batch);
    let results = body["results"].as_array().unwrap();
    assert_eq!(ids(&results[0]), ["TEST-2024-4"]);
    assert_eq!(ids(&results[1]), ["TEST-2024-1"]);
    assert_eq!(results[1]["next_page_token"], "1");
    assert_eq!(ids(&results[2]), Vec::<&str>::new());
    assert_eq!(results[2]["next_page_token"], "0");
    assert!(results[0].get("next_page_token").is_none());
    let follow_up = json!({"queries": [
        {"package": {"name": "demo-pkg", "ecosystem": "PyPI"}, "version": "1.1", "page_token": "1"},
        {"package": {"name": "demo-pkg", "ecosystem": "PyPI"}, "version": "2.0.1", "page_token": "0"},
    ]});
    let (_, body) = post(addr, "/v1/querybatch", &follow_up);
    assert_eq!(ids(&body["results"][0]), ["TEST-2024-2"]);
    assert!(body["results"][0].get("next_page_token").is_none());
    assert_eq!(ids(&body["results"][1]), ["TEST-2024-1"]);
    assert_eq!(body["results"][1]["next_page_token"], "1");

    // /v1/vulns/{id}
    let (status, body) = http(addr, "GET", "/v1/vulns/TEST-2024-3", None);
    assert_eq!(status, 200);
    assert_eq!(body["withdrawn"], "2024-05-02T00:00:00Z");
    let (status, body) = http(addr, "GET", "/v1/v1/vulns/TEST-2024-1", None);
    assert_eq!((status, body["id"].as_str()), (200, Some("TEST-2024-1")));
    let (status, body) = http(addr, "GET", "/v1/vulns/PYSEC-0000-0", None);
    assert_eq!(status, 404);
    assert_eq!(body["code"], 5);
    assert!(body["message"].as_str().unwrap().contains("PYSEC-0000-0"));

    // Errors are JSON too.
    let (status, body) = http(addr, "POST", "/v1/query", Some("{not json"));
    assert_eq!(status, 400);
    assert_eq!(body["code"], 3);
    assert_eq!(post(addr, "/v1/querybatch", &json!({"q": []})).0, 400);
    assert_eq!(post(addr, "/v1/query", &json!({"version": "1.0"})).0, 400);
    // A version that is not PEP 440 (and not a legacy version an advisory lists) is an error,
    // not "no vulnerabilities".
    let q = json!({"package": {"name": "demo-pkg", "ecosystem": "PyPI"}, "version": "1.0; rm -rf"});
    let (status, body) = post(addr, "/v1/query", &q);
    assert_eq!((status, body["code"].as_i64()), (400, Some(3)));
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("not a valid PEP 440 version"),
        "{body}"
    );
    let batch = json!({"queries": [
        {"package": {"name": "other", "ecosystem": "PyPI"}, "version": "1.0"},
        {"package": {"name": "nothing", "ecosystem": "PyPI"}, "version": "not a version"},
    ]});
    let (status, body) = post(addr, "/v1/querybatch", &batch);
    assert_eq!(status, 400);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("query 1: version"),
        "{body}"
    );
    let q = json!({"package": {"name": "demo-pkg"}, "version": 5});
    assert_eq!(post(addr, "/v1/query", &q).0, 400);
    let bad_token = json!({"package": {"name": "other"}, "version": "1", "page_token": "x"});
    assert_eq!(post(addr, "/v1/query", &bad_token).0, 400);
    assert_eq!(http(addr, "GET", "/v1/query", None).0, 405);
    assert_eq!(http(addr, "GET", "/nope", None).0, 404);

    handle.shutdown();
}

#[test]
fn serve_reports_its_address() {
    let tmp = tempfile::tempdir().unwrap();
    let db = Arc::new(common::fixture_db(tmp.path()));
    let (tx, rx) = std::sync::mpsc::channel();
    // `serve` blocks forever; run it on a detached thread and talk to it.
    std::thread::spawn(move || {
        server::serve(db, "127.0.0.1:0", move |addr| tx.send(addr).unwrap()).unwrap();
    });
    let addr = rx.recv().unwrap();
    let (status, body) = http(addr, "GET", "/v1/vulns/TEST-2024-4", None);
    assert_eq!((status, body["id"].as_str()), (200, Some("TEST-2024-4")));
}

#[test]
fn bind_errors_name_the_address() {
    let tmp = tempfile::tempdir().unwrap();
    let db = Arc::new(common::fixture_db(tmp.path()));
    let err = server::spawn(db, "256.0.0.1:99999", ServerOptions::default())
        .err()
        .unwrap();
    assert!(err.to_string().contains("256.0.0.1:99999"), "{err}");
}

/// The batch path (ids only, one decode per package, cached version parsing) answers exactly
/// what single queries answer, over the real advisory data.
#[test]
fn batch_answers_match_single_queries_on_real_data() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let out = pyward_advisory::build(&pyward_advisory::Source::Zip(
        shared.join("advisory-db/osv-pypi-all.zip"),
    ))
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("advisory.db");
    pyward_advisory::write_db(&out, &path, "shared").unwrap();
    let db = pyward_advisory::Database::open(&path).unwrap();
    let options = ServerOptions {
        page_size: 100_000,
        ..ServerOptions::default()
    };
    let mut queries = Vec::new();
    for name in [
        "django",
        "Pillow",
        "jinja2",
        "tensorflow",
        "urllib3",
        "no-such-package",
    ] {
        for version in [
            "0.1", "1.0", "1.11.29", "2.2", "3.2.0", "4.0.1", "8.1.0", "2.7.0rc1", "99",
        ] {
            queries
                .push(json!({"package": {"name": name, "ecosystem": "PyPI"}, "version": version}));
        }
    }
    let batch = json!({ "queries": queries }).to_string();
    let (status, body) = server::handle(&db, options, "POST", "/v1/querybatch", batch.as_bytes());
    assert_eq!(status, 200, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    let mut matched = 0;
    for (query, result) in queries.iter().zip(body["results"].as_array().unwrap()) {
        let (status, single) = server::handle(
            &db,
            options,
            "POST",
            "/v1/query",
            query.to_string().as_bytes(),
        );
        assert_eq!(status, 200);
        let single: Value = serde_json::from_str(&single).unwrap();
        assert_eq!(ids(result), ids(&single), "{query}");
        matched += ids(result).len();
    }
    assert!(
        matched > 100,
        "the sample should hit real advisories ({matched})"
    );
}
