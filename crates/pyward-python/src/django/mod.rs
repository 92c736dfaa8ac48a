//! Django settings analysis: the `DJ0xx` rules.
//!
//! A module is a *settings module* when its effective names (after following
//! `from .base import *` chains) assign `INSTALLED_APPS`, `MIDDLEWARE` or `ROOT_URLCONF`.
//! Each settings module is checked on its own, with its imports merged in; a module that a
//! sibling module star-imports (a "base") is not checked by itself, and modules named like
//! development ones (`dev`, `local`, `test` …) or Django's `global_settings` are skipped.
//!
//! Findings land on the statement that set the value; a value that came from an imported
//! module lands on the `import *` line and names the file and line it came from; a missing
//! setting (a Django default) lands on line 1. Each finding records `django_check` (the
//! `manage.py check --deploy` ID, when the rule has one) and `settings_module`.

pub mod eval;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pyward_core::{RuleMeta, Severity};

use crate::ast::{Stmt, TextRange, TextSize};
use crate::checker::{Diagnostic, RuleSet};
use crate::rules::django as r;

pub use eval::{Evaluated, Origin, Setting, Value};

/// A module found for an `import *`.
pub struct Loaded {
    /// Identifies the module for further relative imports and cycle detection.
    pub key: String,
    /// How the module is named in messages.
    pub display: String,
    pub source: String,
}

/// Finds the modules that settings modules star-import.
pub trait ModuleLoader: Sync {
    /// The module `from <dots><module> import *` (with `level` dots) names, seen from the
    /// module identified by `from_key`.
    fn load(&self, from_key: &str, module: Option<&str>, level: u32) -> Option<Loaded>;
    /// Whether another module of the same package star-imports the root module.
    fn is_base(&self) -> bool;
    /// The key of the module being checked.
    fn root_key(&self) -> String;
}

/// Loads sibling modules from disk, relative to the file being checked.
pub struct FsLoader {
    root: PathBuf,
}

impl FsLoader {
    pub fn new(path: &Path) -> FsLoader {
        FsLoader {
            root: path.to_path_buf(),
        }
    }
}

const MAX_MODULE_BYTES: u64 = 2 * 1024 * 1024;

fn read_module(path: &Path) -> Option<String> {
    let meta = fs_err::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_MODULE_BYTES {
        return None;
    }
    fs_err::read_to_string(path).ok()
}

fn module_file(dir: &Path, module: Option<&str>) -> Option<PathBuf> {
    let mut base = dir.to_path_buf();
    if let Some(m) = module {
        for part in m.split('.') {
            base.push(part);
        }
    }
    let file = base.with_extension("py");
    if module.is_some() && file.is_file() {
        return Some(file);
    }
    let init = base.join("__init__.py");
    init.is_file().then_some(init)
}

fn star_import_re() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"(?m)^\s*from\s+\.*([A-Za-z_][\w.]*)\s+import\s+\*")
            .unwrap_or_else(|_| unreachable!("static regex"))
    })
}

impl ModuleLoader for FsLoader {
    fn root_key(&self) -> String {
        self.root.to_string_lossy().into_owned()
    }

    fn load(&self, from_key: &str, module: Option<&str>, level: u32) -> Option<Loaded> {
        let from = Path::new(from_key);
        let mut dir = from.parent()?.to_path_buf();
        let path = if level > 0 {
            for _ in 1..level {
                dir = dir.parent()?.to_path_buf();
            }
            module_file(&dir, module)?
        } else {
            let module = module?;
            dir.ancestors()
                .take(8)
                .find_map(|a| module_file(a, Some(module)))?
        };
        let source = read_module(&path)?;
        let display = path
            .strip_prefix(self.root.parent().unwrap_or(Path::new("")))
            .map_or_else(|_| path.display().to_string(), |p| p.display().to_string());
        Some(Loaded {
            key: path.to_string_lossy().into_owned(),
            display,
            source,
        })
    }

    fn is_base(&self) -> bool {
        let (Some(dir), Some(stem)) = (self.root.parent(), self.root.file_stem()) else {
            return false;
        };
        let stem = stem.to_string_lossy();
        let Ok(entries) = fs_err::read_dir(dir) else {
            return false;
        };
        entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p != &self.root && p.extension().is_some_and(|e| e == "py"))
            .take(100)
            .filter_map(|p| read_module(&p))
            .any(|text| {
                star_import_re().captures_iter(&text).any(|c| {
                    c.get(1)
                        .and_then(|m| m.as_str().rsplit('.').next())
                        .is_some_and(|last| last == stem)
                })
            })
    }
}

/// Every `DJ` rule with its Django check ID, for the parity test and docs.
pub fn django_checks() -> Vec<(&'static RuleMeta, Option<&'static str>)> {
    vec![
        (
            &r::dj001_security_middleware_missing::RULE,
            r::dj001_security_middleware_missing::DJANGO_CHECK,
        ),
        (
            &r::dj002_xframe_middleware_missing::RULE,
            r::dj002_xframe_middleware_missing::DJANGO_CHECK,
        ),
        (
            &r::dj003_csrf_middleware_missing::RULE,
            r::dj003_csrf_middleware_missing::DJANGO_CHECK,
        ),
        (
            &r::dj004_hsts_seconds_not_set::RULE,
            r::dj004_hsts_seconds_not_set::DJANGO_CHECK,
        ),
        (
            &r::dj005_hsts_include_subdomains::RULE,
            r::dj005_hsts_include_subdomains::DJANGO_CHECK,
        ),
        (
            &r::dj006_content_type_nosniff::RULE,
            r::dj006_content_type_nosniff::DJANGO_CHECK,
        ),
        (
            &r::dj008_ssl_redirect_off::RULE,
            r::dj008_ssl_redirect_off::DJANGO_CHECK,
        ),
        (
            &r::dj009_weak_secret_key::RULE,
            r::dj009_weak_secret_key::DJANGO_CHECK,
        ),
        (
            &r::dj010_session_cookie_secure::RULE,
            r::dj010_session_cookie_secure::DJANGO_CHECK,
        ),
        (
            &r::dj013_session_cookie_httponly::RULE,
            r::dj013_session_cookie_httponly::DJANGO_CHECK,
        ),
        (
            &r::dj016_csrf_cookie_secure::RULE,
            r::dj016_csrf_cookie_secure::DJANGO_CHECK,
        ),
        (
            &r::dj018_debug_true::RULE,
            r::dj018_debug_true::DJANGO_CHECK,
        ),
        (
            &r::dj019_x_frame_options::RULE,
            r::dj019_x_frame_options::DJANGO_CHECK,
        ),
        (
            &r::dj020_allowed_hosts::RULE,
            r::dj020_allowed_hosts::DJANGO_CHECK,
        ),
        (
            &r::dj021_hsts_preload::RULE,
            r::dj021_hsts_preload::DJANGO_CHECK,
        ),
        (
            &r::dj022_referrer_policy::RULE,
            r::dj022_referrer_policy::DJANGO_CHECK,
        ),
        (
            &r::dj024_cross_origin_opener_policy::RULE,
            r::dj024_cross_origin_opener_policy::DJANGO_CHECK,
        ),
        (
            &r::dj025_weak_secret_key_fallbacks::RULE,
            r::dj025_weak_secret_key_fallbacks::DJANGO_CHECK,
        ),
        (&r::dj030_debug_toolbar::RULE, None),
        (&r::dj031_weak_password_hasher::RULE, None),
        (&r::dj032_cors_allow_all_credentials::RULE, None),
        (&r::dj033_proxy_ssl_header::RULE, None),
        (&r::dj040_csrf_exempt::RULE, None),
        (&r::dj041_database_without_tls::RULE, None),
    ]
}

/// Django's defaults (`django/conf/global_settings.py`) for the settings the checks read.
fn default_of(name: &str) -> Value {
    match name {
        "DEBUG"
        | "SESSION_COOKIE_SECURE"
        | "CSRF_COOKIE_SECURE"
        | "CSRF_USE_SESSIONS"
        | "SECURE_HSTS_INCLUDE_SUBDOMAINS"
        | "SECURE_HSTS_PRELOAD"
        | "SECURE_SSL_REDIRECT" => Value::Bool(false),
        "SESSION_COOKIE_HTTPONLY" | "SECURE_CONTENT_TYPE_NOSNIFF" => Value::Bool(true),
        "SECURE_HSTS_SECONDS" => Value::Int(0),
        "X_FRAME_OPTIONS" => Value::Str("DENY".into()),
        "SECURE_REFERRER_POLICY" | "SECURE_CROSS_ORIGIN_OPENER_POLICY" => {
            Value::Str("same-origin".into())
        }
        "SECRET_KEY" => Value::Str(String::new()),
        "ALLOWED_HOSTS" | "MIDDLEWARE" | "INSTALLED_APPS" | "SECRET_KEY_FALLBACKS" => {
            Value::List(Vec::new())
        }
        _ => Value::Unknown,
    }
}

const DEV_NAMES: &[&str] = &[
    "dev",
    "devel",
    "develop",
    "development",
    "local",
    "test",
    "tests",
    "testing",
    "ci",
    "debug",
    "global_settings",
];

/// Whether a settings path is named like a deployment one (`production`, `staging` …): such
/// modules are checked even when another module star-imports them.
pub fn is_deploy_module(path: &str) -> bool {
    let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = file
        .strip_suffix(".py")
        .unwrap_or(file)
        .to_ascii_lowercase();
    [
        "prod",
        "production",
        "staging",
        "stage",
        "live",
        "deploy",
        "release",
    ]
    .iter()
    .any(|d| stem == *d || stem.ends_with(&format!("_{d}")) || stem.starts_with(&format!("{d}_")))
}

/// Whether a settings path is named like a development or test one.
pub fn is_dev_module(path: &str) -> bool {
    let mut parts = path.rsplit(['/', '\\']);
    let file = parts.next().unwrap_or(path);
    let stem = file
        .strip_suffix(".py")
        .unwrap_or(file)
        .to_ascii_lowercase();
    let parent = parts.next().unwrap_or("").to_ascii_lowercase();
    let dev = |s: &str| {
        DEV_NAMES.contains(&s)
            || DEV_NAMES
                .iter()
                .any(|d| s.starts_with(&format!("{d}_")) || s.ends_with(&format!("_{d}")))
    };
    dev(&stem) || (parent != "settings" && dev(&parent))
}

struct Ctx<'e> {
    ev: &'e Evaluated,
    path: &'e str,
    rules: &'e RuleSet,
    out: Vec<Diagnostic>,
}

/// A setting's effective value and where to report it.
struct Got {
    value: Value,
    range: TextRange,
    suffix: String,
    env: Option<String>,
}

impl Ctx<'_> {
    fn get(&self, name: &str) -> Option<Got> {
        match self.ev.names.get(name) {
            Some(s) => {
                let (range, suffix) = match &s.origin {
                    Origin::Here(r) => (*r, String::new()),
                    Origin::Imported { via, file, line } => {
                        (*via, format!(" (set in {file}:{line})"))
                    }
                };
                Some(Got {
                    value: s.value.clone(),
                    range,
                    suffix,
                    env: s.env.clone(),
                })
            }
            None if self.ev.opaque => None,
            None => Some(Got {
                value: default_of(name),
                range: TextRange::empty(TextSize::new(0)),
                suffix: " (not set: Django's default)".to_string(),
                env: None,
            }),
        }
    }

    fn value(&self, name: &str) -> Value {
        self.get(name).map_or(Value::Unknown, |g| g.value)
    }

    fn report(
        &mut self,
        rule: &'static RuleMeta,
        check: Option<&str>,
        got: &Got,
        message: String,
    ) -> Option<&mut Diagnostic> {
        if !self.rules.enabled(rule) {
            return None;
        }
        let mut message = message + &got.suffix;
        if let Some(env) = &got.env {
            message.push_str(&format!(" (default of environment variable {env})"));
        }
        let mut d = Diagnostic {
            rule,
            range: got.range,
            message,
            severity: rule.severity,
            confidence: rule.confidence,
            stmt_range: got.range,
            meta: Vec::new(),
        };
        if let Some(c) = check {
            d.meta("django_check", c);
        }
        d.meta("settings_module", self.path);
        self.out.push(d);
        self.out.last_mut()
    }

    /// Reports `rule` on `setting` unless its value `is True` (Django's test).
    fn require_true(
        &mut self,
        rule: &'static RuleMeta,
        check: Option<&'static str>,
        setting: &str,
        why: &str,
    ) {
        if let Some(g) = self.get(setting)
            && g.value.is_known()
            && g.value != Value::Bool(true)
        {
            let msg = format!("{setting} is not True: {why}");
            self.report(rule, check, &g, msg);
        }
    }
}

const SECURITY_MW: &str = "django.middleware.security.SecurityMiddleware";
const XFRAME_MW: &str = "django.middleware.clickjacking.XFrameOptionsMiddleware";
const CSRF_MW: &str = "django.middleware.csrf.CsrfViewMiddleware";
const SESSION_MW: &str = "django.contrib.sessions.middleware.SessionMiddleware";

const REFERRER_VALUES: &[&str] = &[
    "no-referrer",
    "no-referrer-when-downgrade",
    "origin",
    "origin-when-cross-origin",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
    "unsafe-url",
];
const COOP_VALUES: &[&str] = &["same-origin", "same-origin-allow-popups", "unsafe-none"];

/// Django's secret key strength test.
pub fn weak_secret_key(key: &str) -> bool {
    let unique: std::collections::HashSet<char> = key.chars().collect();
    unique.len() < 5 || key.chars().count() < 50 || key.starts_with("django-insecure-")
}

/// Runs the `DJ` rules on one module, if it is a settings module.
pub fn check_module(
    path: &str,
    source: &str,
    body: &[Stmt],
    rules: &RuleSet,
    loader: Option<&dyn ModuleLoader>,
) -> Vec<Diagnostic> {
    if !django_checks().iter().any(|(m, _)| rules.enabled(m)) {
        return Vec::new();
    }
    let interesting = ["INSTALLED_APPS", "MIDDLEWARE", "ROOT_URLCONF", "import *"];
    if !interesting.iter().any(|k| source.contains(k)) || is_dev_module(path) {
        return Vec::new();
    }
    let key = loader.map_or_else(|| path.to_string(), |l| l.root_key());
    let ev = eval::Evaluator::evaluate(body, source, &key, path, loader);
    let is_settings = ["INSTALLED_APPS", "MIDDLEWARE", "ROOT_URLCONF"]
        .iter()
        .any(|n| ev.names.contains_key(*n));
    if !is_settings || (loader.is_some_and(|l| l.is_base()) && !is_deploy_module(path)) {
        return Vec::new();
    }
    let mut cx = Ctx {
        ev: &ev,
        path,
        rules,
        out: Vec::new(),
    };
    run_checks(&mut cx);
    cx.out
}

fn run_checks(cx: &mut Ctx<'_>) {
    let mw = cx.get("MIDDLEWARE");
    let has = |item: &str| mw.as_ref().and_then(|g| g.value.contains_str(item));
    let (sec, xframe, csrf, session_mw) = (
        has(SECURITY_MW),
        has(XFRAME_MW),
        has(CSRF_MW),
        has(SESSION_MW),
    );
    if let Some(g) = &mw {
        for (present, rule, check, name) in [
            (
                sec,
                &r::dj001_security_middleware_missing::RULE,
                "security.W001",
                "SecurityMiddleware",
            ),
            (
                xframe,
                &r::dj002_xframe_middleware_missing::RULE,
                "security.W002",
                "XFrameOptionsMiddleware",
            ),
            (
                csrf,
                &r::dj003_csrf_middleware_missing::RULE,
                "security.W003",
                "CsrfViewMiddleware",
            ),
        ] {
            if present == Some(false) {
                cx.report(rule, Some(check), g, format!("MIDDLEWARE lacks {name}"));
            }
        }
    }

    if sec == Some(true) {
        let hsts = cx.get("SECURE_HSTS_SECONDS");
        let hsts_on = hsts.as_ref().and_then(|g| g.value.truthy());
        if let Some(g) = &hsts
            && hsts_on == Some(false)
        {
            cx.report(
                &r::dj004_hsts_seconds_not_set::RULE,
                r::dj004_hsts_seconds_not_set::DJANGO_CHECK,
                g,
                "SECURE_HSTS_SECONDS is not set: browsers are not told to insist on HTTPS".into(),
            );
        }
        if hsts_on == Some(true) {
            cx.require_true(
                &r::dj005_hsts_include_subdomains::RULE,
                r::dj005_hsts_include_subdomains::DJANGO_CHECK,
                "SECURE_HSTS_INCLUDE_SUBDOMAINS",
                "HSTS does not cover subdomains",
            );
            cx.require_true(
                &r::dj021_hsts_preload::RULE,
                r::dj021_hsts_preload::DJANGO_CHECK,
                "SECURE_HSTS_PRELOAD",
                "the site cannot be HSTS-preloaded",
            );
        }
        cx.require_true(
            &r::dj006_content_type_nosniff::RULE,
            r::dj006_content_type_nosniff::DJANGO_CHECK,
            "SECURE_CONTENT_TYPE_NOSNIFF",
            "browsers may sniff content types",
        );
        cx.require_true(
            &r::dj008_ssl_redirect_off::RULE,
            r::dj008_ssl_redirect_off::DJANGO_CHECK,
            "SECURE_SSL_REDIRECT",
            "plain HTTP requests are not redirected to HTTPS",
        );
        if let Some(g) = cx.get("SECURE_REFERRER_POLICY") {
            let values: Option<Vec<String>> = match &g.value {
                Value::None => {
                    cx.report(
                        &r::dj022_referrer_policy::RULE,
                        Some("security.W022"),
                        &g,
                        "SECURE_REFERRER_POLICY is None: full URLs leak in the Referer header"
                            .into(),
                    );
                    None
                }
                Value::Str(s) => Some(s.split(',').map(|v| v.trim().to_string()).collect()),
                Value::List(l) if g.value.is_known() => {
                    l.iter().map(|v| v.as_str().map(str::to_string)).collect()
                }
                _ => None,
            };
            if let Some(values) = values
                && values
                    .iter()
                    .any(|v| !REFERRER_VALUES.contains(&v.as_str()))
            {
                cx.report(
                    &r::dj022_referrer_policy::RULE,
                    Some("security.E023"),
                    &g,
                    "SECURE_REFERRER_POLICY has a value that is not a valid Referrer-Policy".into(),
                );
            }
        }
        if let Some(g) = cx.get("SECURE_CROSS_ORIGIN_OPENER_POLICY")
            && let Value::Str(s) = &g.value
            && !COOP_VALUES.contains(&s.as_str())
        {
            let msg = format!("SECURE_CROSS_ORIGIN_OPENER_POLICY `{s}` is not a valid value");
            cx.report(
                &r::dj024_cross_origin_opener_policy::RULE,
                r::dj024_cross_origin_opener_policy::DJANGO_CHECK,
                &g,
                msg,
            );
        }
    }

    // Secret keys.
    if let Some(g) = cx.get("SECRET_KEY")
        && let Value::Str(key) = &g.value
        && weak_secret_key(key)
    {
        let msg = if key.is_empty() {
            "SECRET_KEY is empty".to_string()
        } else {
            format!(
                "SECRET_KEY `{}` is weak (under 50 characters, under 5 distinct characters, or `django-insecure-`)",
                crate::secrets::redact(key)
            )
        };
        cx.report(
            &r::dj009_weak_secret_key::RULE,
            r::dj009_weak_secret_key::DJANGO_CHECK,
            &g,
            msg,
        );
    }
    if let Some(g) = cx.get("SECRET_KEY_FALLBACKS")
        && let Value::List(keys) = &g.value
    {
        for (i, k) in keys.iter().enumerate() {
            if let Value::Str(k) = k
                && weak_secret_key(k)
            {
                let msg = format!("SECRET_KEY_FALLBACKS[{i}] is a weak key");
                cx.report(
                    &r::dj025_weak_secret_key_fallbacks::RULE,
                    r::dj025_weak_secret_key_fallbacks::DJANGO_CHECK,
                    &g,
                    msg,
                );
            }
        }
    }

    // Cookies.
    let session_app = cx
        .get("INSTALLED_APPS")
        .and_then(|g| g.value.contains_str("django.contrib.sessions"));
    if let (Some(app), Some(smw)) = (session_app, session_mw)
        && (app || smw)
    {
        let ids = |w: [&'static str; 3]| match (app, smw) {
            (true, true) => w[2],
            (true, false) => w[0],
            _ => w[1],
        };
        for (setting, rule, check) in [
            (
                "SESSION_COOKIE_SECURE",
                &r::dj010_session_cookie_secure::RULE,
                ids(["security.W010", "security.W011", "security.W012"]),
            ),
            (
                "SESSION_COOKIE_HTTPONLY",
                &r::dj013_session_cookie_httponly::RULE,
                ids(["security.W013", "security.W014", "security.W015"]),
            ),
        ] {
            cx.require_true(rule, Some(check), setting, "the session cookie is exposed");
        }
    }
    if csrf == Some(true) && cx.value("CSRF_USE_SESSIONS").truthy() == Some(false) {
        cx.require_true(
            &r::dj016_csrf_cookie_secure::RULE,
            r::dj016_csrf_cookie_secure::DJANGO_CHECK,
            "CSRF_COOKIE_SECURE",
            "the CSRF cookie is sent over plain HTTP",
        );
    }

    if let Some(g) = cx.get("DEBUG")
        && g.value.truthy() == Some(true)
    {
        cx.report(
            &r::dj018_debug_true::RULE,
            r::dj018_debug_true::DJANGO_CHECK,
            &g,
            "DEBUG is true in a deployment settings module".into(),
        );
    }
    if xframe == Some(true)
        && let Some(g) = cx.get("X_FRAME_OPTIONS")
        && g.value.is_known()
        && g.value.as_str() != Some("DENY")
    {
        cx.report(
            &r::dj019_x_frame_options::RULE,
            r::dj019_x_frame_options::DJANGO_CHECK,
            &g,
            "X_FRAME_OPTIONS is not 'DENY'".into(),
        );
    }
    if let Some(g) = cx.get("ALLOWED_HOSTS") {
        if g.value == Value::List(Vec::new()) {
            cx.report(
                &r::dj020_allowed_hosts::RULE,
                r::dj020_allowed_hosts::DJANGO_CHECK,
                &g,
                "ALLOWED_HOSTS is empty".into(),
            );
        } else if g.value.contains_str("*") == Some(true) {
            cx.report(
                &r::dj020_allowed_hosts::RULE,
                None,
                &g,
                "ALLOWED_HOSTS contains '*': any Host header is accepted".into(),
            );
        }
    }

    // Beyond check --deploy.
    let toolbar = cx
        .get("INSTALLED_APPS")
        .filter(|g| g.value.contains_str("debug_toolbar") == Some(true))
        .or_else(|| {
            mw.as_ref()
                .filter(|g| {
                    g.value
                        .contains_str("debug_toolbar.middleware.DebugToolbarMiddleware")
                        == Some(true)
                })
                .map(|g| Got {
                    value: g.value.clone(),
                    range: g.range,
                    suffix: g.suffix.clone(),
                    env: None,
                })
        });
    if let Some(g) = toolbar {
        cx.report(
            &r::dj030_debug_toolbar::RULE,
            None,
            &g,
            "django-debug-toolbar is enabled in a non-development settings module".into(),
        );
    }
    if let Some(g) = cx.get("PASSWORD_HASHERS")
        && let Value::List(l) = &g.value
        && let Some(Value::Str(first)) = l.first()
    {
        let class = first.rsplit('.').next().unwrap_or(first);
        if ["MD5", "SHA1", "Unsalted", "Crypt"]
            .iter()
            .any(|w| class.contains(w))
        {
            let msg = format!("PASSWORD_HASHERS starts with the weak {class}");
            cx.report(&r::dj031_weak_password_hasher::RULE, None, &g, msg);
        }
    }
    let all_origins = ["CORS_ALLOW_ALL_ORIGINS", "CORS_ORIGIN_ALLOW_ALL"]
        .iter()
        .filter_map(|n| cx.ev.names.get(*n).map(|_| *n))
        .find(|n| cx.value(n).truthy() == Some(true));
    if let Some(name) = all_origins
        && cx.value("CORS_ALLOW_CREDENTIALS").truthy() == Some(true)
        && let Some(g) = cx.get(name)
    {
        let msg =
            format!("{name} with CORS_ALLOW_CREDENTIALS: any site can make credentialed requests");
        cx.report(&r::dj032_cors_allow_all_credentials::RULE, None, &g, msg);
    }
    if let Some(g) = cx.get("DATABASES")
        && let Value::Dict(dbs) = &g.value
    {
        for (alias, db) in dbs {
            if let Some(msg) = database_without_tls(alias, db) {
                cx.report(&r::dj041_database_without_tls::RULE, None, &g, msg);
            }
        }
    }
    if let Some(s) = cx.ev.names.get("SECURE_PROXY_SSL_HEADER")
        && s.value.is_known()
        && s.value != Value::None
        && let Some(g) = cx.get("SECURE_PROXY_SSL_HEADER")
        && let Some(d) = cx.report(
            &r::dj033_proxy_ssl_header::RULE,
            None,
            &g,
            "SECURE_PROXY_SSL_HEADER trusts a request header to mean HTTPS; make sure a proxy always sets it"
                .into(),
        )
    {
        d.severity(Severity::Info);
    }
}

fn dict_get<'v>(d: &'v [(Value, Value)], key: &str) -> Option<&'v Value> {
    d.iter()
        .find(|(k, _)| k.as_str() == Some(key))
        .map(|(_, v)| v)
}

/// A message when a `DATABASES` entry reaches a remote host with no TLS option.
fn database_without_tls(alias: &Value, db: &Value) -> Option<String> {
    let Value::Dict(db) = db else { return None };
    let engine = dict_get(db, "ENGINE")?.as_str()?;
    let tls_key = if engine.contains("postgresql") || engine.contains("postgis") {
        "sslmode"
    } else if engine.contains("mysql") {
        "ssl"
    } else {
        return None;
    };
    let host = dict_get(db, "HOST")?.as_str()?;
    if host.is_empty() || host.starts_with('/') || matches!(host, "localhost" | "127.0.0.1" | "::1")
    {
        return None;
    }
    let options = dict_get(db, "OPTIONS");
    let has_tls = match options {
        Some(Value::Dict(o)) => match dict_get(o, tls_key) {
            Some(Value::Str(mode)) => !matches!(mode.as_str(), "disable" | "allow" | "prefer"),
            Some(v) => v.truthy() != Some(false),
            None => false,
        },
        Some(Value::Unknown) => true,
        _ => false,
    };
    (!has_tls).then(|| {
        format!(
            "database `{}` connects to {host} without a TLS option ({tls_key})",
            alias.as_str().unwrap_or("?")
        )
    })
}
