//! The OpenAPI-driven authentication check: every `GET` operation whose schema requires a
//! security scheme is called once without credentials, with its path and required query
//! parameters filled with placeholders valid for their schema type; a 2xx answer is an endpoint
//! that claims authentication but does not enforce it.
//!
//! Reads OpenAPI 3.x and Swagger 2.0 documents, JSON or YAML, bounded in size.

use serde_json::Value;

use crate::checks::finding;
use crate::http::Exchange;
use crate::rules::PRB_OPENAPI_AUTH_NOT_ENFORCED;

/// The largest document read.
pub const MAX_DOCUMENT: usize = 8 * 1024 * 1024;
/// The most operations called per origin.
pub const MAX_OPERATIONS: usize = 40;
/// The longest path and query the OpenAPI check requests (servers refuse longer request lines
/// anyway); an operation whose filled-in target is longer is left out.
pub const MAX_TARGET: usize = 8 * 1024;

/// Why a document could not be used.
#[derive(Debug, thiserror::Error)]
pub enum OpenApiError {
    #[error("the document is larger than {} MiB", MAX_DOCUMENT >> 20)]
    TooLarge,
    #[error("not JSON or YAML: {0}")]
    Syntax(String),
    #[error("not an OpenAPI or Swagger document (no `openapi`/`swagger` version and `paths`)")]
    NotOpenApi,
}

/// Parses a JSON or YAML OpenAPI document.
pub fn parse(text: &str) -> Result<Value, OpenApiError> {
    if text.len() > MAX_DOCUMENT {
        return Err(OpenApiError::TooLarge);
    }
    let trimmed = text.trim_start();
    let doc: Value = if trimmed.starts_with('{') {
        serde_json::from_str(trimmed).map_err(|e| OpenApiError::Syntax(e.to_string()))?
    } else {
        serde_saphyr::from_str(text).map_err(|e| {
            OpenApiError::Syntax(e.to_string().lines().next().unwrap_or("").to_string())
        })?
    };
    if version(&doc).is_none() || !doc.get("paths").is_some_and(Value::is_object) {
        return Err(OpenApiError::NotOpenApi);
    }
    Ok(doc)
}

/// The document's `openapi` (or `swagger`) version.
pub fn version(doc: &Value) -> Option<String> {
    ["openapi", "swagger"]
        .iter()
        .find_map(|k| match doc.get(k)? {
            Value::String(s) => Some(s.chars().take(16).collect()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The number of operations in `paths`.
pub fn operation_count(doc: &Value) -> usize {
    doc.get("paths")
        .and_then(Value::as_object)
        .map_or(0, |paths| {
            paths
                .values()
                .filter_map(Value::as_object)
                .map(|item| {
                    item.keys()
                        .filter(|k| METHODS.contains(&k.as_str()))
                        .count()
                })
                .sum()
        })
}

/// A `GET` operation that requires authentication, ready to be called.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The path template as the document writes it (`/items/{item_id}`), with the base path.
    pub template: String,
    /// The path and query to request, placeholders filled in.
    pub target: String,
    /// The security schemes it requires (the names of its first requirement).
    pub schemes: Vec<String>,
}

/// The secured `GET` operations of `doc`, at most [`MAX_OPERATIONS`], and how many more were
/// left out.
pub fn secured_gets(doc: &Value) -> (Vec<Operation>, usize) {
    let base = base_path(doc);
    let global = doc.get("security");
    let mut out = Vec::new();
    let mut left_out = 0;
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return (out, 0);
    };
    for (path, item) in paths {
        let Some(get) = item.get("get") else {
            continue;
        };
        let Some(schemes) = required_schemes(get.get("security").or(global)) else {
            continue;
        };
        let params: Vec<&Value> = [item.get("parameters"), get.get("parameters")]
            .into_iter()
            .flatten()
            .filter_map(Value::as_array)
            .flatten()
            .map(|p| resolve(doc, p))
            .collect();
        let Some(target) = fill(&format!("{base}{path}"), &params, doc) else {
            continue;
        };
        if out.len() == MAX_OPERATIONS {
            left_out += 1;
            continue;
        }
        out.push(Operation {
            template: format!("{base}{path}"),
            target,
            schemes,
        });
    }
    (out, left_out)
}

/// The scheme names of the first requirement, when every alternative requires one: an empty
/// requirement `{}` makes authentication optional, and no `security` (or `[]`) means none.
fn required_schemes(security: Option<&Value>) -> Option<Vec<String>> {
    let alternatives = security?.as_array()?;
    if alternatives.is_empty() {
        return None;
    }
    let mut first = None;
    for alt in alternatives {
        let names: Vec<String> = alt.as_object()?.keys().cloned().collect();
        if names.is_empty() {
            return None;
        }
        first.get_or_insert(names);
    }
    first
}

/// The path prefix from `servers[0].url` (OpenAPI 3) or `basePath` (Swagger 2), without a
/// trailing slash; only its path is used, requests always go to the probed origin.
fn base_path(doc: &Value) -> String {
    let raw = doc
        .get("servers")
        .and_then(|s| s.get(0))
        .and_then(|s| {
            let url = s.get("url")?.as_str()?;
            // Server variables take their defaults.
            let mut url = url.to_string();
            if let Some(vars) = s.get("variables").and_then(Value::as_object) {
                for (name, var) in vars {
                    if let Some(d) = var.get("default").and_then(Value::as_str) {
                        url = url.replace(&format!("{{{name}}}"), d);
                        // Defaults naming other variables grow the URL exponentially.
                        if url.len() > MAX_TARGET {
                            return None;
                        }
                    }
                }
            }
            Some(url)
        })
        .or_else(|| {
            doc.get("basePath")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .unwrap_or_default();
    let path = match raw.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]).to_string(),
        None => raw,
    };
    if path.contains('{') {
        return String::new();
    }
    path.trim_end_matches('/').to_string()
}

/// A `$ref` to a parameter, resolved inside the document (one level).
fn resolve<'a>(doc: &'a Value, p: &'a Value) -> &'a Value {
    match p.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix('#')
            .and_then(|ptr| doc.pointer(ptr))
            .unwrap_or(p),
        None => p,
    }
}

/// The path with its `{name}` parameters filled, and the required query parameters appended;
/// `None` when a path parameter has no declaration to fill it from.
fn fill(template: &str, params: &[&Value], doc: &Value) -> Option<String> {
    let mut path = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        path.push_str(&rest[..open]);
        let close = rest[open..].find('}')? + open;
        let name = &rest[open + 1..close];
        let param = params.iter().find(|p| {
            p.get("in").and_then(Value::as_str) == Some("path")
                && p.get("name").and_then(Value::as_str) == Some(name)
        });
        let value = param.map_or_else(|| "1".to_string(), |p| placeholder(p, doc));
        path.push_str(&encode(&value));
        rest = &rest[close + 1..];
        if path.len() > MAX_TARGET {
            return None;
        }
    }
    path.push_str(rest);
    let mut sep = '?';
    for p in params.iter().filter(|p| {
        p.get("in").and_then(Value::as_str) == Some("query")
            && p.get("required").and_then(Value::as_bool) == Some(true)
    }) {
        let Some(name) = p.get("name").and_then(Value::as_str) else {
            continue;
        };
        path.push(sep);
        sep = '&';
        path.push_str(&encode(name));
        path.push('=');
        path.push_str(&encode(&placeholder(p, doc)));
        // Parameters `$ref`-ing one large example would otherwise multiply it.
        if path.len() > MAX_TARGET {
            return None;
        }
    }
    Some(path)
}

/// A value valid for a parameter's schema (OpenAPI 3 `schema`, or Swagger 2 inline `type`).
fn placeholder(param: &Value, doc: &Value) -> String {
    let schema = param.get("schema").map_or(param, |s| resolve(doc, s));
    // `anyOf`/`oneOf` (FastAPI's Optional): the first alternative that is not null.
    let schema = ["anyOf", "oneOf"]
        .iter()
        .find_map(|k| schema.get(k)?.as_array())
        .and_then(|alts| {
            alts.iter()
                .map(|a| resolve(doc, a))
                .find(|a| a.get("type").and_then(Value::as_str) != Some("null"))
        })
        .unwrap_or(schema);
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    if let Some(v) = ["example", "default"]
        .iter()
        .find_map(|k| param.get(k).or_else(|| schema.get(k)).and_then(scalar))
    {
        return v;
    }
    if let Some(v) = schema.get("enum").and_then(|e| e.get(0)).and_then(scalar) {
        return v;
    }
    let format = schema.get("format").and_then(Value::as_str).unwrap_or("");
    match schema
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("string")
    {
        "integer" | "number" => schema
            .get("minimum")
            .and_then(Value::as_f64)
            .filter(|m| *m > 1.0 && *m < 1e15)
            .map_or_else(|| "1".to_string(), |m| (m.ceil() as i64).to_string()),
        "boolean" => "true".to_string(),
        _ => match format {
            "uuid" => "00000000-0000-4000-8000-000000000001".to_string(),
            "date" => "2024-01-01".to_string(),
            "date-time" => "2024-01-01T00:00:00Z".to_string(),
            "email" => "probe@example.com".to_string(),
            _ => "1".to_string(),
        },
    }
}

/// Percent-encodes everything but unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':' | b'@') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The answer to `op` called without credentials.
pub fn check(op: &Operation, ex: &Exchange) -> Option<pyward_core::Finding> {
    (200..300).contains(&ex.status).then(|| {
        let schemes: Vec<String> = op
            .schemes
            .iter()
            .map(|s| s.chars().filter(|c| !c.is_control()).take(40).collect())
            .collect();
        finding(
            &PRB_OPENAPI_AUTH_NOT_ENFORCED,
            format!(
                "GET {} declares security ({}) but answered {} without credentials",
                op.template,
                schemes.join(", "),
                ex.status
            ),
            &ex.url,
            40,
        )
        .with_key(op.template.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secured_operations_and_placeholders() {
        let doc = parse(
            r##"{"openapi":"3.1.0","servers":[{"url":"https://api.example.com/v1/"}],
            "components":{"parameters":{"Slug":{"name":"slug","in":"path","required":true,"schema":{"type":"string"}}}},
            "paths":{
              "/items/{item_id}":{"get":{"security":[{"HTTPBearer":[]}],
                 "parameters":[{"name":"item_id","in":"path","required":true,"schema":{"type":"integer"}},
                               {"name":"q","in":"query","required":true,"schema":{"anyOf":[{"type":"string","format":"uuid"},{"type":"null"}]}},
                               {"name":"opt","in":"query","schema":{"type":"string"}}]}},
              "/pages/{slug}":{"parameters":[{"$ref":"#/components/parameters/Slug"}],"get":{"security":[{"k":[]},{"b":[]}]}},
              "/optional":{"get":{"security":[{},{"HTTPBearer":[]}]}},
              "/public":{"get":{}},
              "/write":{"post":{"security":[{"HTTPBearer":[]}]}}
            }}"##,
        )
        .unwrap();
        let (ops, left) = secured_gets(&doc);
        assert_eq!(left, 0);
        let targets: Vec<(&str, &str)> = ops
            .iter()
            .map(|o| (o.template.as_str(), o.target.as_str()))
            .collect();
        assert_eq!(
            targets,
            [
                (
                    "/v1/items/{item_id}",
                    "/v1/items/1?q=00000000-0000-4000-8000-000000000001"
                ),
                ("/v1/pages/{slug}", "/v1/pages/1"),
            ]
        );
        assert_eq!(ops[0].schemes, ["HTTPBearer"]);
    }

    #[test]
    fn swagger_two_yaml_with_global_security() {
        let doc = parse(
            "swagger: '2.0'\nbasePath: /api\nsecurity:\n  - token: []\npaths:\n  /users/{id}:\n    get:\n      parameters:\n        - {name: id, in: path, type: string, format: uuid, required: true}\n  /health:\n    get:\n      security: []\n",
        )
        .unwrap();
        assert_eq!(version(&doc).as_deref(), Some("2.0"));
        let (ops, _) = secured_gets(&doc);
        assert_eq!(ops.len(), 1);
        assert_eq!(
            ops[0].target,
            "/api/users/00000000-0000-4000-8000-000000000001"
        );
    }

    /// Documents built to multiply a small input into a huge request target: server variables
    /// whose defaults name each other, and many required parameters `$ref`-ing one long
    /// example. The base path is dropped and the operation left out, in bounded memory.
    #[test]
    fn self_multiplying_documents_stay_bounded() {
        let fan = "{v}".repeat(50);
        let vars: Vec<String> = (0..30)
            .map(|i| {
                format!(
                    r#""v{i}":{{"default":"{}"}}"#,
                    fan.replace('v', &format!("v{}", i + 1))
                )
            })
            .collect();
        let doc = parse(&format!(
            r#"{{"openapi":"3.0.0","servers":[{{"url":"/{{v0}}","variables":{{{}}}}}],
            "paths":{{"/ok":{{"get":{{"security":[{{"b":[]}}]}}}}}}}}"#,
            vars.join(",")
        ))
        .unwrap();
        let (ops, _) = secured_gets(&doc);
        assert_eq!(ops.len(), 1);
        assert_eq!(ops[0].target, "/ok");

        let long = "x".repeat(100_000);
        let refs = vec![r##"{"$ref":"#/components/parameters/Q"}"##; 5_000].join(",");
        let doc = parse(&format!(
            r#"{{"openapi":"3.0.0","components":{{"parameters":{{"Q":{{"name":"q","in":"query","required":true,"example":"{long}"}}}}}},
            "paths":{{"/big":{{"get":{{"security":[{{"b":[]}}],"parameters":[{refs}]}}}},
                     "/small":{{"get":{{"security":[{{"b":[]}}]}}}}}}}}"#
        ))
        .unwrap();
        let (ops, _) = secured_gets(&doc);
        let targets: Vec<&str> = ops.iter().map(|o| o.target.as_str()).collect();
        assert_eq!(targets, ["/small"]);
    }

    #[test]
    fn not_documents() {
        assert!(matches!(
            parse("{\"paths\":{}}"),
            Err(OpenApiError::NotOpenApi)
        ));
        assert!(matches!(parse("{"), Err(OpenApiError::Syntax(_))));
        assert!(parse("<html>").is_err());
    }
}
