//! The HTML report in a real browser (Debian's `chromium`, headless): the DOM after the page
//! script ran (`--dump-dom`), the filters driven through the Chrome DevTools protocol, a file
//! named like markup rendered as text with no dialog, screenshots, and a 5,000-finding
//! benchmark whose timings are printed (never asserted).
//!
//! Runs with `PYWARD_REAL_TOOLS=1` (and fails then if chromium is missing); prints `SKIP`
//! otherwise. Chromium only ever loads `file://` pages and listens on loopback; its host
//! resolver maps every name to "not found", so nothing can leave the machine. Screenshots and
//! reports go to `<target>/html-report/`.

mod common;

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{pyward, real_tools, repo_root, run};
use pyward_core::{Finding, Location, Report, Severity, Span};
use pyward_report::{Format, RenderOptions, SourceLookup};
use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

const XSS_NAME: &str = "<img src=x onerror=alert(1)>.py";

/// Where reports and screenshots go: `<target>/html-report/` (beside `debug/`), never the repo.
fn out_dir() -> PathBuf {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_pyward"));
    let dir = bin
        .parent()
        .and_then(Path::parent)
        .expect("target dir")
        .join("html-report");
    std::fs::create_dir_all(&dir).expect("create html-report dir");
    dir
}

fn chromium() -> PathBuf {
    let candidates = ["chromium", "chromium-browser"];
    for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
        for name in candidates {
            let p = dir.join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!("PYWARD_REAL_TOOLS=1 but chromium is not installed (apt-get install chromium)");
}

/// Flags for a quiet, offline, throwaway headless Chromium.
fn chromium_args(user_data: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-sync",
        "--disable-breakpad",
        "--disable-domain-reliability",
        "--disable-client-side-phishing-detection",
        "--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication",
        "--no-first-run",
        "--no-default-browser-check",
        "--metrics-recording-only",
        "--mute-audio",
        "--hide-scrollbars",
        "--host-resolver-rules=MAP * ~NOTFOUND",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("--user-data-dir={}", user_data.display())])
    .collect()
}

fn file_url(path: &Path) -> String {
    let path = path.canonicalize().expect("canonical path");
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// A Chromium process started in its own process group; the whole group (browser, renderers,
/// helpers) is killed when this is dropped, panics included.
struct Guard(Child);

impl Guard {
    fn spawn(cmd: &mut Command) -> Guard {
        Guard(cmd.process_group(0).spawn().expect("start chromium"))
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        // The group's id is the child's pid (`process_group(0)`): only what this test started.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.0.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A running Chromium with a DevTools endpoint on loopback; killed (and its profile removed)
/// when dropped.
struct Browser {
    child: Guard,
    _profile: tempfile::TempDir,
    port: u16,
    path: String,
}

impl Browser {
    fn launch() -> Browser {
        let profile = tempfile::tempdir().expect("profile dir");
        let child = Guard::spawn(
            Command::new(chromium())
                .args(chromium_args(profile.path()))
                .args([
                    "--remote-debugging-address=127.0.0.1",
                    "--remote-debugging-port=0",
                    "about:blank",
                ])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        );
        let mut browser = Browser {
            child,
            _profile: profile,
            port: 0,
            path: String::new(),
        };
        // Chromium writes the port it picked and the browser target's path once it listens.
        let file = browser._profile.path().join("DevToolsActivePort");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(text) = std::fs::read_to_string(&file)
                && let Some((port, path)) = text.split_once('\n')
                && let Ok(port) = port.trim().parse()
                && path.trim().starts_with("/devtools/browser/")
            {
                browser.port = port;
                browser.path = path.trim().to_string();
                return browser;
            }
            if let Ok(Some(status)) = browser.child.0.try_wait() {
                panic!("chromium exited early: {status}");
            }
            assert!(Instant::now() < deadline, "chromium did not start in 60 s");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn connect(&self) -> Cdp {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect to devtools");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("read timeout");
        let url = format!("ws://127.0.0.1:{}{}", self.port, self.path);
        let (ws, _) = tungstenite::client(url, stream).expect("devtools websocket handshake");
        Cdp {
            ws,
            next: 0,
            events: Vec::new(),
        }
    }
}

/// A minimal Chrome DevTools protocol client over one browser-level websocket, with one page
/// session (flat mode).
struct Cdp {
    ws: WebSocket<TcpStream>,
    next: u64,
    /// Every event received so far (`method`, `params`, `sessionId`).
    events: Vec<Value>,
}

impl Cdp {
    fn read(&mut self) -> Value {
        loop {
            match self.ws.read().expect("devtools message") {
                Message::Text(text) => return serde_json::from_str(&text).expect("devtools JSON"),
                Message::Close(_) => panic!("devtools connection closed"),
                _ => continue,
            }
        }
    }

    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.ws
            .send(Message::text(msg.to_string()))
            .expect("send devtools command");
        loop {
            let reply = self.read();
            if reply["id"].as_u64() == Some(id) {
                assert!(
                    reply.get("error").is_none(),
                    "{method} failed: {}",
                    reply["error"]
                );
                return reply["result"].clone();
            }
            if reply.get("method").is_some() {
                self.events.push(reply);
            }
        }
    }

    fn wait_event(&mut self, method: &str) -> Value {
        if let Some(i) = self.events.iter().position(|e| e["method"] == method) {
            return self.events.remove(i);
        }
        loop {
            let msg = self.read();
            if msg["method"] == method {
                return msg;
            }
            if msg.get("method").is_some() {
                self.events.push(msg);
            }
        }
    }

    fn saw(&self, method: &str) -> bool {
        self.events.iter().any(|e| e["method"] == method)
    }
}

/// One open tab.
struct Page<'a> {
    cdp: &'a mut Cdp,
    session: String,
}

impl<'a> Page<'a> {
    fn open(cdp: &'a mut Cdp) -> Page<'a> {
        let target = cdp.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let attached = cdp.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        let session = attached["sessionId"].as_str().expect("session").to_string();
        let mut page = Page { cdp, session };
        page.call("Page.enable", json!({}));
        page.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1280, "height": 860, "deviceScaleFactor": 1, "mobile": false}),
        );
        page
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.cdp.call(Some(&session), method, params)
    }

    /// Loads `url` and returns the wall time until the load event.
    fn navigate(&mut self, url: &str) -> Duration {
        self.cdp
            .events
            .retain(|e| e["method"] != "Page.loadEventFired");
        let start = Instant::now();
        let nav = self.call("Page.navigate", json!({"url": url}));
        assert!(nav.get("errorText").is_none(), "navigation failed: {nav}");
        self.cdp.wait_event("Page.loadEventFired");
        start.elapsed()
    }

    /// Evaluates `expr` (awaiting a promise) and returns its value.
    fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        );
        assert!(
            r.get("exceptionDetails").is_none(),
            "script failed: {expr}: {}",
            r["exceptionDetails"]
        );
        r["result"]["value"].clone()
    }

    /// Findings the reader sees: rendered rows (`display` not `none`), not just rows without
    /// the `hidden` attribute, so a style that overrides `hidden` fails the test.
    fn visible_rows(&mut self) -> u64 {
        self.eval(
            "Array.from(document.querySelectorAll('#ft tbody.f')).filter(b => \
             getComputedStyle(b).display !== 'none').length",
        )
        .as_u64()
        .expect("row count")
    }

    /// Focuses the path filter and types `text` through the input pipeline.
    fn type_path(&mut self, text: &str) {
        self.eval(
            "(() => { const i = document.getElementById('f-path'); i.focus(); i.select(); })()",
        );
        self.call("Input.insertText", json!({"text": text}));
    }

    fn select(&mut self, id: &str, value: &str) {
        let expr = format!(
            "(() => {{ const s = document.getElementById({}); s.value = {}; \
             s.dispatchEvent(new Event('change', {{bubbles: true}})); return s.value; }})()",
            json!(id),
            json!(value)
        );
        assert_eq!(self.eval(&expr), json!(value));
    }

    /// A PNG of the page region `selector` covers (the whole element, beyond the viewport).
    fn screenshot(&mut self, selector: &str, max_height: f64, out: &Path) {
        let rect = self.eval(&format!(
            "(() => {{ const r = document.querySelector({}).getBoundingClientRect(); \
             return {{x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height}}; }})()",
            json!(selector)
        ));
        let pad = if selector == "body" { 0.0 } else { 12.0 };
        let x = (rect["x"].as_f64().unwrap_or(0.0) - pad).max(0.0);
        let clip = json!({
            "x": x,
            "y": (rect["y"].as_f64().unwrap_or(0.0) - pad).max(0.0),
            "width": rect["w"].as_f64().unwrap_or(1280.0) + 2.0 * pad,
            "height": (rect["h"].as_f64().unwrap_or(600.0) + 2.0 * pad).min(max_height),
            "scale": 1
        });
        // Rows off screen are not rendered (`content-visibility: auto`): make the viewport tall
        // enough to hold the whole clip first.
        let bottom = clip["y"].as_f64().unwrap_or(0.0) + clip["height"].as_f64().unwrap_or(0.0);
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1280, "height": bottom.ceil().max(860.0) as u64, "deviceScaleFactor": 1, "mobile": false}),
        );
        self.eval("new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)))");
        let shot = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "clip": clip, "captureBeyondViewport": true}),
        );
        let png = base64_decode(shot["data"].as_str().expect("screenshot data"));
        assert!(png.starts_with(b"\x89PNG"), "not a PNG");
        std::fs::write(out, png).expect("write screenshot");
        println!("screenshot: {}", out.display());
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("bad base64"),
        }
    };
    let bytes: Vec<u8> = s.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= val(c) << (18 - 6 * i);
        }
        for i in 0..chunk.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}

/// `chromium --dump-dom URL`: the DOM after the page script ran.
fn dump_dom(url: &str) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let mut child = Guard::spawn(
        Command::new(chromium())
            .args(chromium_args(profile.path()))
            .args(["--dump-dom", url])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null()),
    );
    let mut stdout = child.0.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match child.0.try_wait() {
            Ok(Some(_)) => break,
            _ if Instant::now() > deadline => {
                panic!("chromium --dump-dom did not finish in 120 s");
            }
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    reader.join().expect("reader thread")
}

/// A project with a code finding in a file whose name is markup, scanned to HTML and JSON.
/// Returns (report path, finding count).
fn xss_report(dir: &Path) -> (PathBuf, usize) {
    let project = dir.join("project");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(project.join(XSS_NAME), "import pickle\n").unwrap();
    std::fs::write(
        project.join("views.py"),
        "import subprocess\n\n\ndef run(cmd):\n    subprocess.call(cmd, shell=True)\n",
    )
    .unwrap();
    let report = out_dir().join("xss.html");
    let out = run(pyward()
        .current_dir(&project)
        .args(["code", ".", "-f", "html", "-o"])
        .arg(&report));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let json = run(pyward()
        .current_dir(&project)
        .args(["code", ".", "-f", "json"]));
    let v: Value = serde_json::from_str(&json.stdout).expect("json report");
    let n = v["findings"].as_array().expect("findings").len();
    assert!(n >= 2, "{}", json.stdout);
    (report, n)
}

#[test]
fn html_report_in_chromium() {
    if !real_tools() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let (report, total) = xss_report(tmp.path());
    let url = file_url(&report);

    // (a) The DOM after the script ran: every finding, the known one, the markup name as text.
    let dom = dump_dom(&url);
    assert!(
        dom.contains("data-ready=\"1\""),
        "the page script did not run (CSP?)"
    );
    assert_eq!(dom.matches("<tbody class=\"f\"").count(), total, "{dom}");
    assert!(dom.contains(&format!(
        "<span id=\"count\" aria-live=\"polite\">{total} findings</span>"
    )));
    assert!(dom.contains("<code>PY403</code>"), "known finding missing");
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;.py:1:1"));
    assert!(
        !dom.contains("<img"),
        "markup from a file name reached the DOM"
    );

    let browser = Browser::launch();
    let mut cdp = browser.connect();
    {
        let mut page = Page::open(&mut cdp);
        page.navigate(&url);
        // (b) Filters: type into the path filter, pick a severity, read the visible rows.
        assert_eq!(page.visible_rows(), total as u64);
        page.type_path("views");
        let shown = page.visible_rows();
        assert!(shown >= 1 && shown < total as u64, "path filter: {shown}");
        assert_eq!(
            page.eval("document.getElementById('count').textContent"),
            json!(format!("{shown} of {total} findings"))
        );
        page.type_path("");
        page.select("f-sev", "4");
        let high = page.visible_rows();
        assert!(high >= 1 && high < total as u64, "severity filter: {high}");
        page.select("f-sev", "");
        page.select("f-rule", "PY403");
        assert_eq!(page.visible_rows(), 1);
        page.select("f-rule", "");
        page.type_path("no-such-file");
        assert_eq!(page.visible_rows(), 0);
        assert_eq!(
            page.eval("document.getElementById('none').hidden"),
            json!(false)
        );
        page.type_path("");
        // Sorting by file puts the markup-named file (`<` sorts first) on top.
        page.select("f-sort", "file");
        assert_eq!(
            page.eval("document.querySelector('#ft tbody.f').dataset.path"),
            json!(XSS_NAME)
        );
        // Opening a finding shows its frame and clones the rule doc from its template.
        let doc = page.eval(
            "(async () => { const b = document.querySelector('#ft tbody.f[data-rule=\"PY403\"]'); \
             b.querySelector('tr.row').click(); const d = b.querySelector('details.doc'); \
             d.open = true; await new Promise(r => setTimeout(r, 50)); \
             return {hidden: b.rows[1].hidden, doc: d.textContent, frame: b.querySelector('pre.frame').textContent}; })()",
        );
        assert_eq!(doc["hidden"], json!(false));
        assert!(
            doc["doc"].as_str().unwrap().contains("What it does"),
            "{doc}"
        );
        assert!(
            doc["frame"].as_str().unwrap().contains("import pickle"),
            "{doc}"
        );

        // (d) The markup file name is text: no element was created and no dialog opened.
        assert_eq!(
            page.eval(
                "document.querySelector('#ft tbody.f[data-rule=\"PY403\"] td.loc').textContent"
            ),
            json!(format!("{XSS_NAME}:1:1"))
        );
        assert_eq!(
            page.eval("document.querySelectorAll('img').length"),
            json!(0)
        );
        // (c) A screenshot into the build output.
        page.screenshot("body", 2400.0, &out_dir().join("xss.png"));
    }
    assert!(
        !cdp.saw("Page.javascriptDialogOpening"),
        "a dialog opened: {:?}",
        cdp.events
    );
}

/// The screenshots for the README: the README's example service, its summary and a filtered
/// table.
#[test]
fn html_report_screenshots() {
    if !real_tools() {
        return;
    }
    let report = out_dir().join("flask-shop.html");
    let mut cmd = pyward();
    cmd.current_dir(repo_root().join("examples/flask-shop"))
        .args(["scan", ".", "-f", "html", "-o"])
        .arg(&report);
    if let Some(db) = common::database() {
        cmd.arg("--db").arg(db);
    }
    let out = run(&mut cmd);
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let browser = Browser::launch();
    let mut cdp = browser.connect();
    let mut page = Page::open(&mut cdp);
    page.navigate(&file_url(&report));
    page.screenshot("body", 1080.0, &out_dir().join("summary.png"));
    page.type_path("app");
    page.select("f-sev", "4");
    assert!(page.visible_rows() >= 1);
    page.eval(
        "(async () => { const b = document.querySelector('#ft tbody.f:not([hidden])'); \
         b.querySelector('tr.row').click(); await new Promise(r => setTimeout(r, 50)); \
         return true; })()",
    );
    page.screenshot("#findings", 1000.0, &out_dir().join("filtered.png"));
    drop(page);
    assert!(!cdp.saw("Page.javascriptDialogOpening"));
}

/// Synthetic source text, so the benchmark's findings carry code frames.
struct Synthetic;

impl SourceLookup for Synthetic {
    fn source(&self, path: &str) -> Option<Arc<str>> {
        let mut text = String::new();
        for i in 1..=60 {
            text.push_str(&format!(
                "    result_{i} = subprocess.run(build_command(\"{path}\", {i}), shell=True)\n"
            ));
        }
        Some(Arc::from(text))
    }
}

/// (e) 5,000 findings: the file stays under 5 MB; load and filter times are printed.
#[test]
fn html_report_benchmark_5000_findings() {
    if !real_tools() {
        return;
    }
    let registry = pyward_scan::registry();
    let rules: Vec<_> = registry.iter().take(40).collect();
    let mut report = Report::new("scan");
    for i in 0..5_000 {
        let rule = rules[i % rules.len()];
        report.findings.push(
            Finding::new(
                rule,
                format!("synthetic finding {i}: {}", rule.summary),
                Location::file(
                    format!("service_{}/module_{}.py", i % 23, i / 12),
                    Some(Span::on_line((i % 60) as u32 + 1, 5, 20)),
                ),
            )
            .with_severity(Severity::ALL[i % 6]),
        );
    }
    report.inputs = (0..417)
        .map(|i| format!("service_{}/module_{i}.py", i % 23))
        .collect();
    report.normalize();
    let mut opts = RenderOptions::new(&registry, "bench");
    opts.sources = Some(&Synthetic);
    let path = out_dir().join("bench-5000.html");
    let mut file = std::fs::File::create(&path).unwrap();
    pyward_report::render(&report, Format::Html, &opts, &mut file).unwrap();
    file.flush().unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    println!(
        "benchmark: 5000 findings, {size} bytes ({:.2} MB)",
        size as f64 / 1048576.0
    );
    assert!(size < 5 * 1024 * 1024, "report is {size} bytes");

    let browser = Browser::launch();
    let mut cdp = browser.connect();
    let mut page = Page::open(&mut cdp);
    let wall = page.navigate(&file_url(&path));
    let nav = page.eval(
        "(() => { const n = performance.getEntriesByType('navigation')[0]; \
         return {dcl: n.domContentLoadedEventEnd, load: n.loadEventStart}; })()",
    );
    assert_eq!(page.visible_rows(), 5_000);
    // Filter: the input handler's time and the time to the next painted frame.
    let filter = |page: &mut Page, setup: &str| -> Value {
        page.eval(&format!(
            "(async () => {{ const t0 = performance.now(); {setup}; const t1 = performance.now(); \
             await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0))); \
             const t2 = performance.now(); \
             return {{handler: t1 - t0, frame: t2 - t0, rows: Array.from(document.querySelectorAll('#ft tbody.f')).filter(b => getComputedStyle(b).display !== 'none').length}}; }})()"
        ))
    };
    let by_path = filter(
        &mut page,
        "const i = document.getElementById('f-path'); i.value = 'service_7/'; \
         i.dispatchEvent(new Event('input', {bubbles: true}))",
    );
    let by_sev = filter(
        &mut page,
        "const i = document.getElementById('f-path'); i.value = ''; \
         i.dispatchEvent(new Event('input', {bubbles: true})); \
         const s = document.getElementById('f-sev'); s.value = '4'; \
         s.dispatchEvent(new Event('change', {bubbles: true}))",
    );
    let sort = filter(
        &mut page,
        "const s = document.getElementById('f-sort'); s.value = 'file'; \
         s.dispatchEvent(new Event('change', {bubbles: true}))",
    );
    let ms = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
    println!(
        "benchmark: load {:.0} ms wall (DOMContentLoaded {:.0} ms, load event {:.0} ms); \
         path filter {:.1} ms handler / {:.0} ms to next frame ({} rows); \
         severity filter {:.1} ms / {:.0} ms ({} rows); sort by file {:.1} ms / {:.0} ms",
        wall.as_secs_f64() * 1000.0,
        ms(&nav["dcl"]),
        ms(&nav["load"]),
        ms(&by_path["handler"]),
        ms(&by_path["frame"]),
        by_path["rows"],
        ms(&by_sev["handler"]),
        ms(&by_sev["frame"]),
        by_sev["rows"],
        ms(&sort["handler"]),
        ms(&sort["frame"]),
    );
    assert!(by_path["rows"].as_u64().unwrap() > 0);
    assert!(by_sev["rows"].as_u64().unwrap() > 0);
}
