//! Shared bodies of pyward's fuzz targets. Each target in `fuzz_targets/` is one line that picks
//! a parser; the functions here feed it the fuzzer's bytes in memory and walk the result, so a
//! panic, an overflowed stack, a hang or unbounded allocation anywhere in parsing or analysis is
//! a crash that libFuzzer reports.
//!
//! Text parsers receive the bytes decoded lossily as UTF-8: pyward's file readers reject or
//! decode invalid UTF-8 before the parsers run, and lossy decoding keeps every mutation useful.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pyward_advisory::{Advisory, Database, QueryVersion, osv::OsvRecord, smallest_fix};
use pyward_config::{ConfigKind, audit_text};
use pyward_core::RuleSelector;
use pyward_manifest::{ManifestKind, Target, parse_str};

/// Inputs larger than this are ignored: pyward refuses files over its per-file limits anyway,
/// and the fuzzer should spend its time on structure, not size.
const MAX_INPUT: usize = 1 << 20;

fn text(data: &[u8]) -> Option<Cow<'_, str>> {
    (data.len() <= MAX_INPUT).then(|| String::from_utf8_lossy(data))
}

fn all_rules() -> RuleSelector {
    RuleSelector::new(vec!["ALL".into()], Vec::new())
}

/// An empty directory that lives as long as the process: manifests are labelled with a path
/// inside it, so relative includes (`-r other.txt`) resolve there and find nothing.
fn scratch_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        // One fixed name, so runs leave no litter; nothing is ever written into it.
        let dir = std::env::temp_dir().join("pyward-fuzz-empty");
        std::fs::create_dir_all(&dir).expect("create the fuzz scratch directory");
        dir
    })
}

/// A manifest or lockfile of `kind`, named `name`.
pub fn manifest(kind: ManifestKind, name: &str, data: &[u8]) {
    let Some(text) = text(data) else { return };
    let path = scratch_dir().join(name);
    for target in [
        Target::default(),
        Target::new("2.7", pyward_manifest::Platform::Windows),
    ] {
        if let Ok(manifest) = parse_str(kind, &text, &path, &target) {
            // Walk everything the parser produced, as the report writers would.
            let json = serde_json::to_string(&manifest).expect("a manifest serialises");
            assert!(!json.is_empty());
            for dep in &manifest.dependencies {
                let _ = dep.source.is_registry();
                let _ = dep.is_auditable();
            }
        }
    }
}

/// A configuration file of `kind`, named `name`, with every rule enabled. Nothing is read from
/// disk: [`audit_text`] does not follow includes.
pub fn config(kind: ConfigKind, name: &str, data: &[u8]) {
    let Some(text) = text(data) else { return };
    let audit = audit_text(kind, name, &text, &all_rules());
    for finding in &audit.findings {
        assert!(!finding.code.is_empty());
    }
}

/// Python source through the full code rule set.
pub fn python(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let options = pyward_code::CodeOptions {
        selector: all_rules(),
        report_unused_suppressions: true,
        ..Default::default()
    };
    let _ = pyward_code::check_source("app/settings.py", &text, &options);
    let _ = pyward_code::scan_text("app/.env.example", &text, &options);
}

fn exercise_advisories(advisories: &[Advisory]) {
    for adv in advisories {
        let _ = adv.title();
        let _ = adv.is_withdrawn();
        for version in ["0", "1.0", "1.0.0rc1", "2!3.4.post5.dev6", "0.7.10p1", ""] {
            let _ = adv.affected(version);
            let _ = QueryVersion::parse(version);
            let _ = smallest_fix(advisories, version);
        }
        for fixed in adv.fixed_versions() {
            let _ = adv.affected(fixed);
        }
    }
}

/// One OSV record, as JSON (`yaml == false`) or YAML, through the record → advisory conversion
/// and back to JSON.
pub fn osv(data: &[u8], yaml: bool) {
    let Some(text) = text(data) else { return };
    let path = Path::new(if yaml {
        "PYSEC-0000-0.yaml"
    } else {
        "PYSEC-0000-0.json"
    });
    let parsed = if yaml {
        OsvRecord::from_yaml(&text, path)
    } else {
        OsvRecord::from_json(&text, path)
    };
    let Ok(record) = parsed else { return };
    let (advisories, _warnings) = Advisory::from_osv(&record);
    exercise_advisories(&advisories);
    let json = record.to_json();
    // What pyward writes it must read back.
    let again = OsvRecord::from_json(&json, path).expect("a record's own JSON parses");
    let _ = Advisory::from_osv(&again);
}

/// pyward's compact advisory database file, loaded from bytes and queried.
pub fn advisory_db(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok(db) = Database::from_bytes(data.to_vec(), Path::new("advisory.db")) else {
        return;
    };
    let _ = db.meta();
    let names: Vec<String> = db.package_names().take(64).map(str::to_owned).collect();
    for name in &names {
        if let Ok(advisories) = db.advisories_for(name) {
            exercise_advisories(&advisories);
        }
        let _ = db.query(name, "1.0");
        let _ = db.query_with(name, "1.0", true);
    }
    let ids: Vec<String> = db.ids().take(64).map(str::to_owned).collect();
    for id in &ids {
        let _ = db.resolve_id(id);
        let _ = db.get_by_id(id);
        let _ = db.raw_json(id);
    }
    let _ = db.query("nonexistent-package", "1.0");
}

/// A TLS server's first flight (what the probe reads after its ClientHello), fed as a stream:
/// the record and handshake parser, then the certificate reader on every certificate found,
/// and both message parsers and the certificate reader on the raw bytes.
pub fn tls_flight(data: &[u8]) {
    use pyward_probe::tls::{cert, wire};
    if data.len() > MAX_INPUT {
        return;
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    for want_certificate in [false, true] {
        if let Ok(wire::Answer::Hello(h)) =
            wire::read_answer(&mut &data[..], want_certificate, deadline)
        {
            for c in &h.certificates {
                let _ = cert::parse(c);
            }
        }
    }
    let _ = wire::parse_server_hello(data);
    let _ = wire::parse_certificate(data);
    let _ = cert::parse(data);
}

/// A server's HTTP answer, as the probe's checks see it. The first byte picks the page's scheme
/// and the request method, the next two the status; then `Name: value` header lines up to a
/// blank line, and the body. Every header, cookie, CORS, authentication, exposure and limit
/// check runs on it, with the answer also standing in as the soft-404 page.
pub fn probe_answer(data: &[u8]) {
    use pyward_probe::{active, checks, exposures, http::Exchange, openapi};
    if data.len() < 3 || data.len() > MAX_INPUT {
        return;
    }
    let flags = data[0];
    let status = u16::from_be_bytes([data[1], data[2]]) % 600;
    let rest = &data[3..];
    let split = rest
        .windows(2)
        .position(|w| w == b"\n\n")
        .map_or((rest, &b""[..]), |i| (&rest[..i], &rest[i + 2..]));
    let headers = String::from_utf8_lossy(split.0)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let scheme = if flags & 1 == 0 { "http" } else { "https" };
    let ex = Exchange {
        method: if flags & 2 == 0 { "GET" } else { "TRACE" }.into(),
        url: format!("{scheme}://app.example/"),
        status,
        headers,
        body: split.1.to_vec(),
        body_truncated: flags & 4 != 0,
        tls_unverified: false,
    };
    let mut findings = Vec::new();
    findings.extend(checks::https_redirect(&ex));
    findings.extend(checks::hsts(&ex, Some(flags & 8 != 0)));
    findings.extend(checks::csp(&ex));
    findings.extend(checks::other_headers(&ex));
    findings.extend(checks::banners(&ex));
    findings.extend(checks::trace(&ex));
    findings.extend(checks::cookies(&ex));
    findings.extend(checks::cors(Some(&ex), Some(&ex), Some(&ex)));
    findings.extend(checks::auth_over_http(&ex));
    findings.extend(exposures::page_findings(&ex, "/"));
    for target in exposures::TARGETS {
        findings.extend(exposures::check(target, &ex, None, flags & 1 == 0));
        findings.extend(exposures::check(target, &ex, Some(&ex), flags & 1 == 0));
    }
    let _ = exposures::schema_url_in_page(&ex);
    findings.extend(active::body_limit(&ex, 10 << 20));
    if let Ok(doc) = openapi::parse(&String::from_utf8_lossy(&ex.body)) {
        for op in openapi::secured_gets(&doc).0 {
            findings.extend(openapi::check(&op, &ex));
        }
    }
    let all: Vec<_> = findings.iter().collect();
    assert!(checks::score(&all) <= 100);
    for f in &findings {
        serde_json::to_string(f).expect("a finding serialises");
    }
}

/// An OpenAPI or Swagger document (JSON or YAML), as `--openapi` or a served schema gives it:
/// parsed, its operations counted, and its secured `GET`s listed with placeholders filled in.
pub fn openapi(data: &[u8]) {
    use pyward_probe::openapi;
    let Some(text) = text(data) else { return };
    if let Ok(doc) = openapi::parse(&text) {
        let _ = openapi::version(&doc);
        let _ = openapi::operation_count(&doc);
        let (ops, _) = openapi::secured_gets(&doc);
        assert!(ops.len() <= openapi::MAX_OPERATIONS);
        for op in &ops {
            assert!(
                op.target.len() <= 2 * openapi::MAX_TARGET,
                "{}",
                op.target.len()
            );
        }
    }
}

/// Everything `pyward host` parses from the system it reads: the first byte chooses the parser
/// (`/proc/net` sockets, `status`/`environ`/`passwd`, `nft -j` JSON, `iptables-save`, the dpkg
/// status file, Debian version order, `/proc/version`, a database URL), the rest is its input.
/// Firewall rules are also followed for a few ports; the version order must be antisymmetric.
pub fn host_text(data: &[u8]) {
    use pyward_host::{db, firewall, procfs, system};
    if data.is_empty() || data.len() > MAX_INPUT {
        return;
    }
    let body = &data[1..];
    let text = String::from_utf8_lossy(body);
    let follow = |source: &'static str, set: firewall::Ruleset| {
        let fw = firewall::Firewall {
            rulesets: vec![(source, set)],
            error: None,
        };
        for port in [0, 22, 5432, 65535] {
            let _ = fw.reach(procfs::Proto::Tcp, port);
            let _ = fw.reach(procfs::Proto::Udp, port);
        }
        let _ = fw.loaded();
    };
    match data[0] % 8 {
        0 => {
            let _ = procfs::parse_net(&text, procfs::Proto::Tcp);
            let _ = procfs::parse_net(&text, procfs::Proto::Udp);
        }
        1 => {
            let _ = procfs::parse_status(&text);
            let _ = procfs::parse_environ(body);
            let _ = procfs::parse_passwd(&text);
        }
        2 => {
            if let Ok(set) = firewall::parse_nft_json(&text) {
                follow("nftables", set);
            }
        }
        3 => follow("iptables", firewall::parse_iptables_save(&text)),
        4 => {
            let _ = system::parse_dpkg_status(&text);
        }
        5 => {
            let (a, b) = text.split_once('\n').unwrap_or((&text, ""));
            assert_eq!(
                system::debian_cmp(a, b),
                system::debian_cmp(b, a).reverse(),
                "{a:?} vs {b:?}"
            );
        }
        6 => {
            let _ = system::kernel_version(&text);
        }
        _ => {
            let _ = db::DbUrl::parse(&text);
        }
    }
}

/// A container image's layers as `pyward image` applies them: the input is split on `\0LAYER\0`
/// into up to four layers (plain tar, gzip or zstd, told apart by their magic bytes), applied in
/// order to one in-memory view under small limits, then every path is resolved through its
/// links. The whole input is also read as an image config for the `IMG` rules.
pub fn image_layers(data: &[u8]) {
    use pyward_image::vfs::{Limits, Policy, Vfs};
    struct All;
    impl Policy for All {
        fn keep(&self, _: &str) -> bool {
            true
        }
        fn hash(&self, _: &str) -> bool {
            true
        }
    }
    if data.len() > MAX_INPUT {
        return;
    }
    let limits = Limits {
        max_layer_bytes: 16 << 20,
        max_entry_size: 8 << 20,
        max_entries: 20_000,
        max_layers: 4,
        max_kept_file: 1 << 20,
        max_kept_total: 16 << 20,
        max_hashed_file: 8 << 20,
    };
    let mut vfs = Vfs::new();
    let sep = b"\0LAYER\0";
    let mut rest = data;
    for layer in 0..4 {
        let (this, next) = match rest.windows(sep.len()).position(|w| w == sep) {
            Some(i) => (&rest[..i], Some(&rest[i + sep.len()..])),
            None => (rest, None),
        };
        let _ = vfs.apply_layer(layer, this, &All, &limits);
        match next {
            Some(n) => rest = n,
            None => break,
        }
    }
    let paths: Vec<String> = vfs.iter().map(|(p, _)| p.clone()).take(1_000).collect();
    for p in &paths {
        let _ = vfs.resolve(p);
    }
    if let Ok(config) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = pyward_image::config_checks::check(
            &config,
            &serde_json::Value::Null,
            "image!config",
            &pyward_core::RuleSelector::default(),
        );
    }
}
