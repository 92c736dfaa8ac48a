//! The checks made once per origin, after its URLs were probed: the Python-app exposures, the
//! OpenAPI authentication check, and (unless `--no-active`) the body limit and the burst, in that
//! order, so that a rate limit the burst sets off cannot hide an exposure.

use pyward_core::Finding;
use serde_json::Value;

use crate::active::{self, BURST_PARALLEL, Burst};
use crate::exposures::{self, Kind, TARGETS};
use crate::http::{Client, Send, origin_of};
use crate::openapi;
use crate::pool;

/// Requests in flight at once for one origin's exposure and OpenAPI checks.
const PARALLEL: usize = 8;
/// Body bytes read from an exposure candidate that is recognised by its start.
const PAGE_CAP: u64 = 256 * 1024;

/// What the origin's checks found.
#[derive(Debug, Default)]
pub struct OriginOutcome {
    pub findings: Vec<Finding>,
    pub warnings: Vec<String>,
}

/// What the origin stage needs besides the client.
pub struct OriginPlan<'a> {
    /// `scheme://host[:port]`.
    pub origin: &'a str,
    /// The page the probe landed on (after same-origin redirects): the burst and the upload go
    /// there.
    pub landing: &'a str,
    /// An OpenAPI document given with `--openapi`, already parsed.
    pub openapi: Option<&'a Value>,
    pub active: bool,
    pub burst: usize,
    pub max_body: u64,
}

/// A path that cannot exist on any server, different on every run.
fn nonce_path() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    format!("/pyward-probe-{:016x}", h.finish())
}

pub fn probe_origin(client: &Client, plan: &OriginPlan<'_>) -> OriginOutcome {
    let mut out = OriginOutcome::default();
    let origin = plan.origin;
    // The exposures, and the schema the origin serves; a server that stops answering there
    // still gets its other checks, each of which says for itself what it could not check.
    let schema = exposure_checks(client, origin, plan.openapi.is_some(), &mut out);
    let doc = plan.openapi.or(schema.as_ref());
    if let Some(doc) = doc {
        auth_check(client, origin, doc, &mut out);
    }
    if plan.active {
        active_checks(client, plan, &mut out);
    }
    keep_first_deduction(&mut out.findings);
    out
}

/// The exposure paths of `origin`, judged against the answer for a path that cannot exist;
/// returns the OpenAPI document the origin serves, if any.
fn exposure_checks(
    client: &Client,
    origin: &str,
    given_schema: bool,
    out: &mut OriginOutcome,
) -> Option<Value> {
    let http_origin = origin.starts_with("http://");
    let page = Send {
        body_cap: PAGE_CAP,
        ..Send::default()
    };
    // The answer for a path that cannot exist: Django's technical 404 shows there, and every
    // exposure answer that is the same page does not count.
    let not_found = match client.send_with("GET", &format!("{origin}{}", nonce_path()), &[], &page)
    {
        Ok(ex) => {
            out.findings
                .extend(exposures::page_findings(&ex, "a path that does not exist"));
            Some(ex)
        }
        Err(e) => {
            out.warnings.push(format!(
                "{origin}: exposed files and debug pages not checked: {}",
                e
            ));
            return None;
        }
    };

    let answers = pool::map(TARGETS, PARALLEL, |target| {
        let url = format!("{origin}{}", target.path);
        if target.head_only() {
            let range = format!("bytes=0-{}", exposures::HEAD_BYTES - 1);
            let how = Send {
                body_cap: exposures::HEAD_BYTES,
                ..Send::default()
            };
            client.send_with("GET", &url, &[("Range", &range)], &how)
        } else if target.kind == Kind::Schema {
            client.send("GET", &url, &[])
        } else {
            client.send_with("GET", &url, &[], &page)
        }
    });
    let mut failed = Vec::new();
    let mut limited = 0;
    let mut schema: Option<Value> = None;
    let mut schema_url: Option<String> = None;
    for (target, answer) in TARGETS.iter().zip(&answers) {
        let ex = match answer {
            Some(Ok(ex)) => ex,
            Some(Err(e)) => {
                failed.push(format!("{} ({})", target.path, e));
                continue;
            }
            None => {
                failed.push(format!("{} (the check failed)", target.path));
                continue;
            }
        };
        if ex.status == 429 {
            limited += 1;
        }
        out.findings.extend(exposures::check(
            target,
            ex,
            not_found.as_ref(),
            http_origin,
        ));
        match target.kind {
            Kind::Schema if schema.is_none() && (200..300).contains(&ex.status) => {
                schema = openapi::parse(&String::from_utf8_lossy(&ex.body)).ok();
            }
            Kind::SwaggerUi | Kind::Redoc if schema_url.is_none() => {
                schema_url = exposures::schema_url_in_page(ex);
            }
            _ => {}
        }
    }
    if !failed.is_empty() {
        out.warnings.push(format!(
            "{origin}: {} of {} exposure paths not checked: {}",
            failed.len(),
            TARGETS.len(),
            failed.join(", ")
        ));
    }
    if limited > 0 {
        out.warnings.push(format!(
            "{origin}: {limited} exposure paths were answered 429 (rate limited) and not checked"
        ));
    }
    // A docs page that loads its schema from elsewhere on the origin (`/api/v1/openapi.json`).
    if schema.is_none()
        && !given_schema
        && let Some(url) = schema_url.and_then(|u| same_origin_url(origin, &u))
    {
        match client.send("GET", &url, &[]) {
            Ok(ex) if (200..300).contains(&ex.status) => {
                schema = openapi::parse(&String::from_utf8_lossy(&ex.body)).ok();
            }
            Ok(_) => {}
            Err(e) => out.warnings.push(format!(
                "{url}: the schema the docs page names was not read: {}",
                e
            )),
        }
    }
    schema
}

/// An absolute or root-relative URL on `origin`, as an absolute URL; `None` elsewhere.
fn same_origin_url(origin: &str, url: &str) -> Option<String> {
    if url.starts_with('/') && !url.starts_with("//") {
        return Some(format!("{origin}{url}"));
    }
    (origin_of(url).as_deref() == Some(origin)).then(|| url.to_string())
}

/// Calls every secured `GET` of `doc` without credentials.
fn auth_check(client: &Client, origin: &str, doc: &Value, out: &mut OriginOutcome) {
    let (ops, left_out) = openapi::secured_gets(doc);
    if left_out > 0 {
        out.warnings.push(format!(
            "{origin}: {left_out} secured GET operations past the first {} were not called",
            openapi::MAX_OPERATIONS
        ));
    }
    let bare = Send {
        body_cap: 64 * 1024,
        bare: true,
        upload: None,
    };
    let answers = pool::map(&ops, PARALLEL, |op| {
        client.send_with("GET", &format!("{origin}{}", op.target), &[], &bare)
    });
    let mut failed = 0;
    for (op, answer) in ops.iter().zip(answers) {
        match answer {
            Some(Ok(ex)) => out.findings.extend(openapi::check(op, &ex)),
            _ => failed += 1,
        }
    }
    if failed > 0 {
        out.warnings.push(format!(
            "{origin}: {failed} of {} secured GET operations could not be called",
            ops.len()
        ));
    }
}

/// The upload over the body limit, then the burst.
fn active_checks(client: &Client, plan: &OriginPlan<'_>, out: &mut OriginOutcome) {
    let url = plan.landing;
    let size = plan.max_body.saturating_add(1);
    // Only the status counts. Reading the answer's body could wait for the server to close
    // the connection (nginx lingers 5 s after a 413 to a body never sent), so none is read.
    let upload = Send {
        body_cap: 0,
        bare: false,
        upload: Some(size),
    };
    match client.send_with(
        "POST",
        url,
        &[("content-type", "application/octet-stream")],
        &upload,
    ) {
        Ok(ex) => out.findings.extend(active::body_limit(&ex, size)),
        Err(e) => out
            .warnings
            .push(format!("{url}: body size limit not checked: {}", e)),
    }
    if plan.burst == 0 {
        return;
    }
    let slots: Vec<usize> = (0..plan.burst).collect();
    let small = Send {
        body_cap: 16 * 1024,
        ..Send::default()
    };
    let answers = pool::map(&slots, BURST_PARALLEL, |_| {
        client.send_with("GET", url, &[], &small)
    });
    let mut burst = Burst::default();
    for answer in answers {
        match answer {
            Some(Ok(ex)) => burst.statuses.push(ex.status),
            _ => burst.failed += 1,
        }
    }
    match active::rate_limit(url, &burst) {
        Ok(finding) => out.findings.extend(finding),
        Err(why) => out
            .warnings
            .push(format!("{url}: rate limit not checked: {why}")),
    }
}

/// Several findings of one rule on one origin take its deduction once.
fn keep_first_deduction(findings: &mut [Finding]) {
    let mut seen = std::collections::BTreeSet::new();
    for f in findings.iter_mut() {
        if !seen.insert(f.code.clone()) {
            f.metadata
                .insert(crate::checks::DEDUCTION.to_string(), Value::from(0));
        }
    }
}
