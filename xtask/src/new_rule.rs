//! `cargo xtask new-rule <analyzer> <CODE> <kebab-name> [--category <dir>]`: scaffold a rule.
//!
//! For every analyzer it writes the rule file (the doc comment sections every rule has, with
//! TODOs and a CWE placeholder), registers it in the analyzer's one registry entry point, and
//! adds a fixture pair in the convention that analyzer's tests use:
//!
//! | analyzer | rule file | registered in | fixtures |
//! |---|---|---|---|
//! | `code` | `crates/pyward-code/src/rules/<category>/<code>_<name>.rs` | `rules/table.rs` (and `pub mod` in `rules/<category>/mod.rs`) | `resources/test/fixtures/<CODE>.py` with `# error` / `# ok` lines |
//! | `deps` | `crates/pyward-deps/src/rules/<code>_<name>.rs` | `rules/mod.rs` (`mod`, `pub use`, `RULES`) | `tests/fixtures/policy/<CODE>/` (firing `requirements.txt`, silent `clean.txt`) and a test in `tests/policy.rs` |
//! | `config` | `crates/pyward-config/src/rules/<code>_<name>.rs` | `rules/mod.rs` (`mod`, `pub use`, `RULES`) | `tests/fixtures/<CODE>/fire/` and `tests/fixtures/<CODE>/silent/` |
//! | `probe` | `crates/pyward-probe/src/rules/<code>_<name>.rs` | `rules/mod.rs` (`mod`, `pub use`, `RULES`) | a failing test in `tests/checks.rs` to replace by recorded exchanges that fire and stay silent |
//! | `host` | `crates/pyward-host/src/rules/<code>_<name>.rs` | `rules/mod.rs` (`mod`, `pub use`, `RULES`) | a failing test in `tests/checks.rs` to replace by root filesystems that fire and stay silent |
//! | `image` | `crates/pyward-image/src/rules/<code>_<name>.rs` | `rules/mod.rs` (`mod`, `pub use`, `RULES`) | a failing test in `tests/config_rules.rs` to replace by image configs that fire and stay silent |
//!
//! Registration files are parsed, not pattern-replaced: the new line goes into the existing
//! list at its place in code order, with the visibility its neighbours have. A code or name that
//! is already declared anywhere under the analyzer's `rules/` directory is refused, and nothing
//! is written unless every edit can be made.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The analyzers that own rules, by the name used on the command line and in `RuleMeta`.
pub const ANALYZERS: &[&str] = &["code", "config", "deps", "host", "image", "probe"];

/// What [`new_rule`] wrote.
#[derive(Debug)]
pub struct Scaffold {
    /// The new rule file.
    pub rule_file: PathBuf,
    /// Registration files that were edited.
    pub registered_in: Vec<PathBuf>,
    /// New fixture files (and test files that were edited).
    pub fixtures: Vec<PathBuf>,
}

/// A checked rule code: ASCII letters then three digits, upper-cased (`PY905`, `SSH012`).
fn parse_code(code: &str) -> Result<(String, String)> {
    let upper = code.to_ascii_uppercase();
    let split = upper
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(upper.len());
    let (prefix, digits) = upper.split_at(split);
    if prefix.is_empty()
        || !prefix.chars().all(|c| c.is_ascii_uppercase())
        || digits.len() != 3
        || !digits.chars().all(|c| c.is_ascii_digit())
    {
        bail!("rule codes are letters then three digits (`PY905`, `SSH012`): `{code}`");
    }
    Ok((prefix.to_string(), digits.to_string()))
}

fn check_name(name: &str) -> Result<()> {
    let ok = name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('-')
        && !name.contains("--")
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        bail!("rule names are kebab-case (`unsafe-yaml-load`): `{name}`");
    }
    Ok(())
}

/// The module's code (`py101_assert_used` -> `PY101`).
fn module_code(module: &str) -> String {
    module
        .split('_')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase()
}

fn code_prefix(code: &str) -> &str {
    code.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// Every `.rs` file under `dir`, recursively, sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries = Vec::new();
    for entry in fs_err::read_dir(dir)? {
        entries.push(entry?.path());
    }
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// Refuses a code or a name that a rule under `rules_dir` already declares.
fn refuse_duplicates(rules_dir: &Path, code: &str, name: &str) -> Result<()> {
    let mut files = Vec::new();
    rust_files(rules_dir, &mut files)?;
    let code_field = format!("code: \"{code}\"");
    let name_field = format!("name: \"{name}\"");
    for file in files {
        let text = fs_err::read_to_string(&file)?;
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with(&code_field) {
                bail!(
                    "rule code {code} already exists ({}); pick another code",
                    file.display()
                );
            }
            if line.starts_with(&name_field) {
                bail!(
                    "rule name `{name}` already exists ({}); pick another name",
                    file.display()
                );
            }
        }
    }
    Ok(())
}

/// Inserts `new` among the lines for which `key` gives a sort key, before the first one whose
/// key is greater than `new_key` (after the last one if none is), so a sorted list stays sorted
/// and an unsorted one is not reordered. `what` names the list in errors.
fn insert_line(
    text: &str,
    new: &str,
    new_key: &str,
    key: impl Fn(&str) -> Option<String>,
    what: &str,
) -> Result<String> {
    let lines: Vec<&str> = text.lines().collect();
    let members: Vec<(usize, String)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| key(l).map(|k| (i, k)))
        .collect();
    let Some(last) = members.last() else {
        bail!("found no {what} to add to; register the rule by hand");
    };
    let at = members
        .iter()
        .find(|(_, k)| k.as_str() > new_key)
        .map_or(last.0 + 1, |(i, _)| *i);
    let mut out: Vec<&str> = Vec::with_capacity(lines.len() + 1);
    out.extend(&lines[..at]);
    out.push(new);
    out.extend(&lines[at..]);
    let mut joined = out.join("\n");
    if text.ends_with('\n') {
        joined.push('\n');
    }
    Ok(joined)
}

/// `[pub ]mod NAME;` -> (visibility prefix, NAME).
fn mod_decl(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_end();
    let (vis, rest) = if let Some(rest) = trimmed.strip_prefix("pub mod ") {
        ("pub ", rest)
    } else if let Some(rest) = trimmed.strip_prefix("pub(crate) mod ") {
        ("pub(crate) ", rest)
    } else {
        ("", trimmed.strip_prefix("mod ")?)
    };
    let name = rest.strip_suffix(';')?;
    is_ident(name).then_some((vis, name))
}

fn is_ident(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Adds `mod MODULE;` to a module list, with the visibility the rule modules there have.
fn add_mod(text: &str, module: &str) -> Result<String> {
    // Rule modules are the ones named after a code (`py101_...`, `ssh001_...`).
    let is_rule_mod = |name: &str| {
        let code = module_code(name);
        code.len() > 3 && code.ends_with(|c: char| c.is_ascii_digit())
    };
    let vis = text
        .lines()
        .filter_map(mod_decl)
        .find(|(_, name)| is_rule_mod(name))
        .map_or("pub ", |(vis, _)| vis);
    if text
        .lines()
        .filter_map(mod_decl)
        .any(|(_, name)| name == module)
    {
        bail!("module {module} is already declared");
    }
    insert_line(
        text,
        &format!("{vis}mod {module};"),
        module,
        |l| {
            mod_decl(l)
                .filter(|(_, n)| is_rule_mod(n))
                .map(|(_, n)| n.to_string())
        },
        "rule `mod` declarations",
    )
}

/// `pub use MODULE::STATIC;` -> (MODULE, STATIC).
fn pub_use(line: &str) -> Option<(&str, &str)> {
    let rest = line
        .trim_end()
        .strip_prefix("pub use ")?
        .strip_suffix(';')?;
    let (module, item) = rest.split_once("::")?;
    (is_ident(module) && is_ident(item)).then_some((module, item))
}

/// The `deps`/`config` registry: `mod`, `pub use` and the `RULES` entry, in code order.
fn register_flat(mod_rs: &str, module: &str, code: &str, static_name: &str) -> Result<String> {
    if mod_rs
        .lines()
        .filter_map(pub_use)
        .any(|(_, item)| item == static_name)
    {
        bail!("a rule static named {static_name} is already exported; pick another rule name");
    }
    let text = add_mod(mod_rs, module)?;
    let text = insert_line(
        &text,
        &format!("pub use {module}::{static_name};"),
        module,
        |l| pub_use(l).map(|(m, _)| m.to_string()),
        "`pub use` re-exports of rules",
    )?;
    // The RULES entries are statics; their codes come from the module they are exported from.
    let codes: Vec<(String, String)> = text
        .lines()
        .filter_map(pub_use)
        .map(|(m, s)| (s.to_string(), module_code(m)))
        .collect();
    let start = text
        .lines()
        .position(|l| l.contains("static RULES"))
        .context("found no `static RULES` list; register the rule by hand")?;
    let end = text
        .lines()
        .skip(start)
        .position(|l| l.trim() == "];")
        .map(|n| start + n)
        .context("the `RULES` list does not end with `];`")?;
    let entry = |l: &str| -> Option<String> {
        let ident = l.trim().strip_prefix('&')?.strip_suffix(',')?;
        codes
            .iter()
            .find(|(s, _)| s == ident)
            .map(|(_, c)| c.clone())
    };
    let lines: Vec<&str> = text.lines().collect();
    let head = lines[..=start].join("\n");
    let body = lines[start + 1..end].join("\n");
    let tail = lines[end..].join("\n");
    let body = if body.is_empty() {
        format!("    &{static_name},")
    } else {
        insert_line(
            &body,
            &format!("    &{static_name},"),
            code,
            entry,
            "`RULES` entries",
        )?
    };
    let mut out = format!("{head}\n{body}\n{tail}");
    if text.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

/// `        meta: &CATEGORY::MODULE::RULE,` -> (CATEGORY, MODULE).
fn table_meta(line: &str) -> Option<(&str, &str)> {
    let path = line
        .trim()
        .strip_prefix("meta: &")?
        .strip_suffix("::RULE,")?;
    let (category, module) = path.split_once("::")?;
    (is_ident(category) && is_ident(module)).then_some((category, module))
}

/// The code analyzer's category for `code` when none is given: the one its neighbours use
/// (same prefix and hundred, else same prefix when they all agree).
fn infer_category(table: &str, code: &str) -> Result<String> {
    let prefix = code_prefix(code);
    let hundred = &code[prefix.len()..=prefix.len()];
    let same_prefix: Vec<(String, &str)> = table
        .lines()
        .filter_map(table_meta)
        .map(|(cat, module)| (module_code(module), cat))
        .filter(|(c, _)| code_prefix(c) == prefix)
        .collect();
    let same_hundred: Vec<&str> = same_prefix
        .iter()
        .filter(|(c, _)| &c[prefix.len()..=prefix.len()] == hundred)
        .map(|(_, cat)| *cat)
        .collect();
    for candidates in [
        same_hundred,
        same_prefix.iter().map(|(_, cat)| *cat).collect(),
    ] {
        if let Some(first) = candidates.first()
            && candidates.iter().all(|c| c == first)
        {
            return Ok(first.to_string());
        }
    }
    bail!(
        "cannot tell which category {code} belongs to; pass `--category <dir>` (a directory of crates/pyward-code/src/rules/)"
    )
}

/// The code analyzer's registry: one `Rule { meta, hooks }` entry in `table.rs`, placed among
/// the rules with the same prefix in code order.
fn register_table(table: &str, category: &str, module: &str, code: &str) -> Result<String> {
    let prefix = code_prefix(code);
    let lines: Vec<&str> = table.lines().collect();
    let metas: Vec<(usize, String)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| table_meta(l).map(|(_, m)| (i, module_code(m))))
        .collect();
    if metas.is_empty() {
        bail!("found no `Rule {{ meta: ... }}` entries in table.rs; register the rule by hand");
    }
    let same: Vec<&(usize, String)> = metas
        .iter()
        .filter(|(_, c)| code_prefix(c) == prefix)
        .collect();
    // Insert before the entry (its `Rule {` line) of the first greater code of the same prefix,
    // after the last one of the prefix otherwise, at the end if the prefix is new.
    let entry_start = |meta_line: usize| -> Result<usize> {
        (0..meta_line)
            .rev()
            .find(|&i| lines[i].trim() == "Rule {")
            .context("a `meta:` line outside a `Rule {` entry in table.rs")
    };
    let entry_end = |meta_line: usize| -> Result<usize> {
        (meta_line..lines.len())
            .find(|&i| lines[i].trim() == "},")
            .map(|i| i + 1)
            .context("a `Rule {` entry in table.rs does not end with `},`")
    };
    let at = if let Some((line, _)) = same.iter().find(|(_, c)| c.as_str() > code) {
        entry_start(*line)?
    } else if let Some((line, _)) = same.last() {
        entry_end(*line)?
    } else {
        let (line, _) = metas.last().context("no entries")?;
        entry_end(*line)?
    };
    let entry = format!(
        "    Rule {{\n        meta: &{category}::{module}::RULE,\n        hooks: {category}::{module}::HOOKS,\n    }},"
    );
    let mut out: Vec<&str> = Vec::with_capacity(lines.len() + 4);
    out.extend(&lines[..at]);
    out.push(&entry);
    out.extend(&lines[at..]);
    let mut joined = out.join("\n");
    if table.ends_with('\n') {
        joined.push('\n');
    }
    Ok(joined)
}

fn doc_comment(indent: &str) -> String {
    let lines = [
        "## What it does",
        "TODO: one paragraph on what the rule flags, and what it deliberately does not flag.",
        "",
        "## Why is this bad?",
        "TODO: the risk, concretely: what an attacker gains.",
        "",
        "## Example",
        "```text",
        "TODO: the smallest input that is reported",
        "```",
        "",
        "## Use instead",
        "```text",
        "TODO: the fixed version",
        "```",
        "",
        "## References",
        "- TODO: the specification or vendor documentation",
        "- [CWE-TODO](https://cwe.mitre.org/data/definitions/TODO.html): set the number here and as `cwe:` below",
    ];
    lines
        .iter()
        .map(|l| {
            if l.is_empty() {
                format!("{indent}///\n")
            } else {
                format!("{indent}/// {l}\n")
            }
        })
        .collect()
}

fn meta_fields(indent: &str, code: &str, name: &str, analyzer: &str) -> String {
    format!(
        "{indent}    code: \"{code}\",\n\
         {indent}    name: \"{name}\",\n\
         {indent}    analyzer: \"{analyzer}\",\n\
         {indent}    summary: \"TODO: one line, lower case, no full stop\",\n\
         {indent}    severity: Medium,\n\
         {indent}    confidence: Medium,\n\
         {indent}    // cwe: TODO,\n"
    )
}

fn write_new(path: &Path, text: &str) -> Result<()> {
    if path.exists() {
        bail!("{} already exists", path.display());
    }
    if let Some(dir) = path.parent() {
        fs_err::create_dir_all(dir)?;
    }
    fs_err::write(path, text)?;
    Ok(())
}

/// Scaffolds rule `code` `name` of `analyzer` in the workspace at `root`. `category` picks the
/// code analyzer's rule directory (inferred from rules with the same prefix when `None`).
pub fn new_rule(
    root: &Path,
    analyzer: &str,
    code: &str,
    name: &str,
    category: Option<&str>,
) -> Result<Scaffold> {
    if !ANALYZERS.contains(&analyzer) {
        bail!(
            "unknown analyzer `{analyzer}`; one of: {}",
            ANALYZERS.join(", ")
        );
    }
    let (prefix, digits) = parse_code(code)?;
    let code = format!("{prefix}{digits}");
    check_name(name)?;
    if category.is_some() && analyzer != "code" {
        bail!("--category is only for code rules");
    }
    let crate_dir = root.join(format!("crates/pyward-{analyzer}"));
    let rules_dir = crate_dir.join("src/rules");
    if !rules_dir.is_dir() {
        bail!("no rules directory at {}", rules_dir.display());
    }
    refuse_duplicates(&rules_dir, &code, name)?;
    let module = format!("{}_{}", code.to_ascii_lowercase(), name.replace('-', "_"));

    if analyzer == "code" {
        new_code_rule(&crate_dir, &code, name, &module, category)
    } else {
        new_flat_rule(&crate_dir, analyzer, &code, name, &module)
    }
}

fn new_code_rule(
    crate_dir: &Path,
    code: &str,
    name: &str,
    module: &str,
    category: Option<&str>,
) -> Result<Scaffold> {
    let rules_dir = crate_dir.join("src/rules");
    let table_path = rules_dir.join("table.rs");
    let table = fs_err::read_to_string(&table_path)?;
    let category = match category {
        Some(c) => c.to_string(),
        None => infer_category(&table, code)?,
    };
    let cat_mod = rules_dir.join(&category).join("mod.rs");
    if !is_ident(&category) || !cat_mod.is_file() {
        bail!(
            "no rule category `{category}` (expected {}); categories are the directories of {}",
            cat_mod.display(),
            rules_dir.display()
        );
    }
    let rule_file = rules_dir.join(&category).join(format!("{module}.rs"));
    let fixture = crate_dir
        .join("resources/test/fixtures")
        .join(format!("{code}.py"));
    for path in [&rule_file, &fixture] {
        if path.exists() {
            bail!("{} already exists", path.display());
        }
    }
    // Every edit is computed before anything is written.
    let new_cat_mod = add_mod(&fs_err::read_to_string(&cat_mod)?, module)?;
    let new_table = register_table(&table, &category, module, code)?;

    let rule = format!(
        "//! {code} `{name}`.\n\nuse crate::rules::prelude::*;\n\npyward_core::declare_rule! {{\n{doc}    pub static RULE = {{\n{fields}    }}\n}}\n\n\
pub const HOOKS: &[Hook] = &[Hook::Call(check)];\n\n\
/// TODO: the check. Other hooks: `Hook::Stmt`, `Hook::Expr`, `Hook::Source` (see `rules/mod.rs`).\n\
fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {{\n    \
    if call.qualname == \"TODO.replace.me\" {{\n        \
        checker.report(&RULE, call.node.range(), \"TODO: the finding's message\");\n    \
    }}\n}}\n",
        doc = doc_comment(""),
        fields = meta_fields("", code, name, "code"),
    );
    let fixture_text = format!(
        "# {code} `{name}`: every line ending in `# error` must be reported by {code}, no line\n\
         # ending in `# ok` may be. tests/fixtures.rs checks this and snapshots the findings.\n\
         TODO.replace.me()  # error\n\
         TODO.something_else()  # ok\n"
    );
    write_new(&rule_file, &rule)?;
    write_new(&fixture, &fixture_text)?;
    fs_err::write(&cat_mod, new_cat_mod)?;
    fs_err::write(&table_path, new_table)?;
    Ok(Scaffold {
        rule_file,
        registered_in: vec![table_path, cat_mod],
        fixtures: vec![fixture],
    })
}

/// A file to write: its path and its text.
type NewFile = (PathBuf, String);

fn new_flat_rule(
    crate_dir: &Path,
    analyzer: &str,
    code: &str,
    name: &str,
    module: &str,
) -> Result<Scaffold> {
    let rules_dir = crate_dir.join("src/rules");
    let mod_path = rules_dir.join("mod.rs");
    let static_name = name.replace('-', "_").to_ascii_uppercase();
    let rule_file = rules_dir.join(format!("{module}.rs"));
    if rule_file.exists() {
        bail!("{} already exists", rule_file.display());
    }
    let new_mod = register_flat(
        &fs_err::read_to_string(&mod_path)?,
        module,
        code,
        &static_name,
    )?;
    let rule = format!(
        "pyward_core::declare_rule! {{\n{doc}    pub static {static_name} = {{\n{fields}    }}\n}}\n",
        doc = doc_comment("    "),
        fields = meta_fields("    ", code, name, analyzer),
    );

    // The fixture pair, in the layout the analyzer's tests read.
    let (files, test_edit): (Vec<NewFile>, Option<NewFile>) = if analyzer == "deps" {
        let dir = crate_dir.join("tests/fixtures/policy").join(code);
        let test_path = crate_dir.join("tests/policy.rs");
        let test_text = fs_err::read_to_string(&test_path)?;
        let fn_name = module.to_string();
        if test_text.contains(&format!("fn {fn_name}(")) {
            bail!("{} already has a test `{fn_name}`", test_path.display());
        }
        let added = format!(
            "{test_text}{}\n#[test]\nfn {fn_name}() {{\n    // `requirements.txt` must fire, `clean.txt` must stay silent.\n    check(\"{code}\", &[\"clean.txt\"], &defaults());\n}}\n",
            if test_text.ends_with('\n') { "" } else { "\n" }
        );
        (
            vec![
                (
                    dir.join("requirements.txt"),
                    format!(
                        "# {code} `{name}` fires on this file (tests/policy.rs snapshots it).\n# TODO: a requirement line that {code} reports  # error\n"
                    ),
                ),
                (
                    dir.join("clean.txt"),
                    format!(
                        "# {code} `{name}` stays silent on this file.\n# TODO: the safe form of the same requirement  # ok\n"
                    ),
                ),
            ],
            Some((test_path, added)),
        )
    } else if analyzer == "image" {
        // The image config rules are checked on config JSON: the test to write gives one that
        // fires and one that stays silent.
        let test_path = crate_dir.join("tests/config_rules.rs");
        let test_text = fs_err::read_to_string(&test_path)?;
        let fn_name = module.to_string();
        if test_text.contains(&format!("fn {fn_name}(")) {
            bail!("{} already has a test `{fn_name}`", test_path.display());
        }
        let added = format!(
            "{test_text}{}\n#[test]\nfn {fn_name}() {{\n    // TODO: an image config {code} `{name}` reports and one it does not, checked with\n    // `codes(...)` (see the tests above); implement the check in src/config_checks.rs.\n    panic!(\"write the check of {code} and its test\");\n}}\n",
            if test_text.ends_with('\n') { "" } else { "\n" }
        );
        (Vec::new(), Some((test_path, added)))
    } else if analyzer == "probe" || analyzer == "host" {
        // The probe's checks are pure functions over recorded exchanges, the host's run over a
        // root filesystem a test writes: the test to write has one input that fires and one
        // that stays silent.
        let test_path = crate_dir.join("tests/checks.rs");
        let test_text = fs_err::read_to_string(&test_path)?;
        let fn_name = module.to_string();
        if test_text.contains(&format!("fn {fn_name}(")) {
            bail!("{} already has a test `{fn_name}`", test_path.display());
        }
        let added = format!(
            "{test_text}{}\n#[test]\nfn {fn_name}() {{\n    // TODO: build {input} {code} `{name}` reports and one it does not, run\n    // the check on both, and assert on the findings (see the tests above).\n    panic!(\"write the check of {code} and its test\");\n}}\n",
            if test_text.ends_with('\n') { "" } else { "\n" },
            input = if analyzer == "probe" {
                "an `ex(...)` exchange"
            } else {
                "a root filesystem (`Root::new()`)"
            },
        );
        (Vec::new(), Some((test_path, added)))
    } else {
        let dir = crate_dir.join("tests/fixtures").join(code);
        let note = |what: &str, mark: &str| {
            format!(
                "# {mark}: replace this file with a configuration file, at the path it has on a\n\
                     # server (for example etc/ssh/sshd_config), on which {code} `{name}` {what}.\n\
                     # tests/rules.rs scans this directory the way `pyward config DIR` does.\n"
            )
        };
        (
            vec![
                (dir.join("fire/TODO"), note("fires", "error")),
                (dir.join("silent/TODO"), note("stays silent", "ok")),
            ],
            None,
        )
    };
    for (path, _) in &files {
        if path.exists() {
            bail!("{} already exists", path.display());
        }
    }
    write_new(&rule_file, &rule)?;
    for (path, text) in &files {
        write_new(path, text)?;
    }
    fs_err::write(&mod_path, new_mod)?;
    let mut fixtures: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
    if let Some((path, text)) = test_edit {
        fs_err::write(&path, text)?;
        fixtures.push(path);
    }
    Ok(Scaffold {
        rule_file,
        registered_in: vec![mod_path],
        fixtures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask lives in the workspace")
            .to_path_buf()
    }

    fn copy_file(from_root: &Path, to_root: &Path, rel: &str) {
        let to = to_root.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from_root.join(rel), to).unwrap();
    }

    /// A scratch workspace holding copies of `analyzer`'s registry files and rule files (for
    /// the duplicate check) and an empty fixture layout.
    fn scratch(analyzer: &str) -> tempfile::TempDir {
        let ws = workspace();
        let dir = tempfile::tempdir().unwrap();
        let rules = format!("crates/pyward-{analyzer}/src/rules");
        let mut files = Vec::new();
        rust_files(&ws.join(&rules), &mut files).unwrap();
        for f in files {
            let rel = f.strip_prefix(&ws).unwrap().to_str().unwrap().to_string();
            copy_file(&ws, dir.path(), &rel);
        }
        match analyzer {
            "code" => std::fs::create_dir_all(
                dir.path()
                    .join("crates/pyward-code/resources/test/fixtures"),
            )
            .unwrap(),
            "deps" => copy_file(&ws, dir.path(), "crates/pyward-deps/tests/policy.rs"),
            "probe" => copy_file(&ws, dir.path(), "crates/pyward-probe/tests/checks.rs"),
            "host" => copy_file(&ws, dir.path(), "crates/pyward-host/tests/checks.rs"),
            "image" => copy_file(&ws, dir.path(), "crates/pyward-image/tests/config_rules.rs"),
            _ => std::fs::create_dir_all(dir.path().join("crates/pyward-config/tests/fixtures"))
                .unwrap(),
        }
        dir
    }

    fn read(p: &Path) -> String {
        std::fs::read_to_string(p).unwrap()
    }

    /// The rule file has every doc section, a CWE placeholder and the right analyzer.
    fn assert_rule_file(s: &Scaffold, code: &str, analyzer: &str) {
        let text = read(&s.rule_file);
        for section in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Use instead",
            "## References",
            "[CWE-",
        ] {
            assert!(text.contains(section), "{section} missing:\n{text}");
        }
        assert!(text.contains(&format!("code: \"{code}\"")));
        assert!(text.contains(&format!("analyzer: \"{analyzer}\"")));
    }

    #[test]
    fn code_rule_is_written_registered_in_order_and_has_fixtures() {
        let dir = scratch("code");
        let root = dir.path();
        let s = new_rule(root, "code", "py905", "example-check", None).unwrap();
        let rules = root.join("crates/pyward-code/src/rules");
        // PY9xx rules live with PY901 in `injection`.
        assert_eq!(s.rule_file, rules.join("injection/py905_example_check.rs"));
        assert_rule_file(&s, "PY905", "code");
        assert!(read(&s.rule_file).contains("pub static RULE = {"));

        let cat = read(&rules.join("injection/mod.rs"));
        assert!(cat.contains("pub mod py905_example_check;\n"), "{cat}");
        assert!(!cat.contains("\nmod "), "visibility kept: {cat}");
        // The old `mod.rs` files are untouched apart from the one line.
        let ws_cat = read(&workspace().join("crates/pyward-code/src/rules/injection/mod.rs"));
        assert_eq!(cat.lines().count(), ws_cat.lines().count() + 1);

        let table = read(&rules.join("table.rs"));
        let metas: Vec<&str> = table
            .lines()
            .filter_map(table_meta)
            .map(|(_, m)| m)
            .collect();
        let at = metas
            .iter()
            .position(|m| *m == "py905_example_check")
            .unwrap();
        assert_eq!(metas[at - 1], "py901_sql_query_built_from_strings");
        assert!(table.contains("        hooks: injection::py905_example_check::HOOKS,\n"));

        let fixture = read(&root.join("crates/pyward-code/resources/test/fixtures/PY905.py"));
        assert!(fixture.lines().any(|l| l.ends_with("# error")));
        assert!(fixture.lines().any(|l| l.ends_with("# ok")));

        // An explicit category, and a code placed before existing ones of its prefix.
        let s = new_rule(root, "code", "DJ000", "example-django", Some("django")).unwrap();
        assert_eq!(s.rule_file, rules.join("django/dj000_example_django.rs"));
        let table = read(&rules.join("table.rs"));
        let metas: Vec<&str> = table
            .lines()
            .filter_map(table_meta)
            .map(|(_, m)| m)
            .collect();
        let at = metas
            .iter()
            .position(|m| *m == "dj000_example_django")
            .unwrap();
        assert_eq!(metas[at + 1], "dj001_security_middleware_missing");
    }

    #[test]
    fn deps_rule_is_written_registered_in_order_and_has_fixtures() {
        let dir = scratch("deps");
        let root = dir.path();
        let s = new_rule(root, "deps", "DEP115", "example-policy", None).unwrap();
        assert_eq!(
            s.rule_file,
            root.join("crates/pyward-deps/src/rules/dep115_example_policy.rs")
        );
        assert_rule_file(&s, "DEP115", "deps");
        let m = read(&root.join("crates/pyward-deps/src/rules/mod.rs"));
        let lines: Vec<&str> = m.lines().collect();
        let after = |needle: &str| lines[lines.iter().position(|l| *l == needle).unwrap() - 1];
        // Same visibility as the neighbours (`mod` in deps), in code order.
        assert_eq!(
            after("mod dep115_example_policy;"),
            "mod dep114_project_status;"
        );
        assert_eq!(
            after("pub use dep115_example_policy::EXAMPLE_POLICY;"),
            "pub use dep114_project_status::PROJECT_STATUS;"
        );
        assert_eq!(after("    &EXAMPLE_POLICY,"), "    &PROJECT_STATUS,");
        let fx = root.join("crates/pyward-deps/tests/fixtures/policy/DEP115");
        assert!(read(&fx.join("requirements.txt")).contains("# error"));
        assert!(read(&fx.join("clean.txt")).contains("# ok"));
        let tests = read(&root.join("crates/pyward-deps/tests/policy.rs"));
        assert!(tests.contains("fn dep115_example_policy() {"));
        assert!(tests.contains("check(\"DEP115\", &[\"clean.txt\"], &defaults());"));
    }

    #[test]
    fn config_rule_is_written_registered_in_order_and_has_fixtures() {
        let dir = scratch("config");
        let root = dir.path();
        let s = new_rule(root, "config", "SSH012", "ssh-example", None).unwrap();
        assert_rule_file(&s, "SSH012", "config");
        assert!(read(&s.rule_file).contains("pub static SSH_EXAMPLE = {"));
        let m = read(&root.join("crates/pyward-config/src/rules/mod.rs"));
        let lines: Vec<&str> = m.lines().collect();
        let before = |needle: &str| lines[lines.iter().position(|l| *l == needle).unwrap() + 1];
        assert_eq!(
            before("mod ssh012_ssh_example;"),
            "mod sudo001_sudo_nopasswd_all;"
        );
        assert_eq!(before("    &SSH_EXAMPLE,"), "    &SUDO_NOPASSWD_ALL,");
        let fx = root.join("crates/pyward-config/tests/fixtures/SSH012");
        assert!(fx.join("fire").is_dir() && fx.join("silent").is_dir());
        assert_eq!(s.fixtures.len(), 2);
    }

    #[test]
    fn probe_rule_is_written_registered_in_order_and_has_a_test_to_fill() {
        let dir = scratch("probe");
        let root = dir.path();
        let s = new_rule(root, "probe", "PRB999", "probe-example", None).unwrap();
        assert_rule_file(&s, "PRB999", "probe");
        assert!(read(&s.rule_file).contains("pub static PROBE_EXAMPLE = {"));
        let m = read(&root.join("crates/pyward-probe/src/rules/mod.rs"));
        let lines: Vec<&str> = m.lines().collect();
        let rules_end = lines.iter().rposition(|l| *l == "];").unwrap();
        assert_eq!(lines[rules_end - 1], "    &PROBE_EXAMPLE,");
        assert!(m.contains("mod prb999_probe_example;\n"));
        let tests = read(&root.join("crates/pyward-probe/tests/checks.rs"));
        assert!(tests.contains("fn prb999_probe_example() {"));
        assert_eq!(s.fixtures.len(), 1);
    }

    #[test]
    fn host_rule_is_written_registered_in_order_and_has_a_test_to_fill() {
        let dir = scratch("host");
        let root = dir.path();
        let s = new_rule(root, "host", "HST999", "host-example", None).unwrap();
        assert_rule_file(&s, "HST999", "host");
        let m = read(&root.join("crates/pyward-host/src/rules/mod.rs"));
        let lines: Vec<&str> = m.lines().collect();
        let rules_end = lines.iter().rposition(|l| *l == "];").unwrap();
        assert_eq!(lines[rules_end - 1], "    &HOST_EXAMPLE,");
        assert!(m.contains("mod hst999_host_example;\n"));
        let tests = read(&root.join("crates/pyward-host/tests/checks.rs"));
        assert!(tests.contains("fn hst999_host_example() {"));
        assert!(tests.contains("a root filesystem"));
        assert_eq!(s.fixtures.len(), 1);
    }

    #[test]
    fn image_rule_is_written_registered_in_order_and_has_a_test_to_fill() {
        let dir = scratch("image");
        let root = dir.path();
        let s = new_rule(root, "image", "IMG999", "image-example", None).unwrap();
        assert_rule_file(&s, "IMG999", "image");
        assert!(read(&s.rule_file).contains("pub static IMAGE_EXAMPLE = {"));
        let m = read(&root.join("crates/pyward-image/src/rules/mod.rs"));
        let lines: Vec<&str> = m.lines().collect();
        let rules_end = lines.iter().rposition(|l| *l == "];").unwrap();
        assert_eq!(lines[rules_end - 1], "    &IMAGE_EXAMPLE,");
        assert!(m.contains("mod img999_image_example;\n"));
        let tests = read(&root.join("crates/pyward-image/tests/config_rules.rs"));
        assert!(tests.contains("fn img999_image_example() {"));
        assert_eq!(s.fixtures.len(), 1);
    }

    #[test]
    fn duplicates_and_bad_input_are_refused_without_writing() {
        for (analyzer, taken_code, taken_name) in [
            ("code", "PY101", "assert-used"),
            ("deps", "DEP101", "unpinned-requirement"),
            ("config", "SSH010", "ssh-default-port"),
            ("probe", "PRB013", "trace-enabled"),
            ("image", "IMG001", "image-runs-as-root"),
        ] {
            let dir = scratch(analyzer);
            let root = dir.path();
            let registry = if analyzer == "code" {
                "table.rs"
            } else {
                "mod.rs"
            };
            let registry = root
                .join(format!("crates/pyward-{analyzer}/src/rules"))
                .join(registry);
            let before = read(&registry);
            let err = new_rule(root, analyzer, taken_code, "fresh-name", None)
                .unwrap_err()
                .to_string();
            assert!(
                err.contains(&format!("rule code {taken_code} already exists")),
                "{err}"
            );
            let err = new_rule(root, analyzer, "ZZ999", taken_name, None)
                .unwrap_err()
                .to_string();
            assert!(
                err.contains(&format!("`{taken_name}` already exists")),
                "{err}"
            );
            assert_eq!(read(&registry), before, "nothing written on refusal");
        }
        let dir = scratch("code");
        let root = dir.path();
        for (analyzer, code, name) in [
            ("python", "PY905", "x-y"),
            ("code", "PY90", "x-y"),
            ("code", "905", "x-y"),
            ("code", "PY905", "Not_Kebab"),
            ("code", "PY905", "trailing-"),
        ] {
            assert!(
                new_rule(root, analyzer, code, name, None).is_err(),
                "{analyzer} {code} {name}"
            );
        }
        // A new prefix needs an explicit category.
        let err = new_rule(root, "code", "ZZ001", "new-prefix", None).unwrap_err();
        assert!(err.to_string().contains("--category"), "{err}");
    }
}
