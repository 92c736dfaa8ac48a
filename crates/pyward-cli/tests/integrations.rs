//! The files other tools run pyward from: the GitHub Action (`action.yml`) and the pre-commit
//! hooks (`.pre-commit-hooks.yaml`) at the repository root. Both are parsed as YAML, and every
//! pyward command line in them is checked against the CLI's clap definition, so a renamed
//! subcommand or flag breaks this test rather than a user's CI. (`.ci/run` installs the wheel
//! and runs the hooks for real, through `scripts/check-install.sh`.)

mod common;

use std::collections::{BTreeMap, BTreeSet};

use clap::CommandFactory;
use pyward_cli::args::Cli;
use serde::Deserialize;

use common::repo_root;

// ---- action.yml -------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Action {
    name: String,
    description: String,
    #[allow(dead_code)]
    author: Option<String>,
    #[allow(dead_code)]
    branding: Option<BTreeMap<String, String>>,
    inputs: BTreeMap<String, Input>,
    #[serde(default)]
    outputs: BTreeMap<String, Output>,
    runs: Runs,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    description: String,
    #[allow(dead_code)]
    required: Option<bool>,
    #[allow(dead_code)]
    default: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Output {
    description: String,
    value: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Runs {
    using: String,
    steps: Vec<Step>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    name: String,
    id: Option<String>,
    #[serde(rename = "if")]
    condition: Option<String>,
    shell: Option<String>,
    run: Option<String>,
    uses: Option<String>,
    #[serde(default)]
    with: BTreeMap<String, String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
}

fn action() -> (Action, String) {
    let text = std::fs::read_to_string(repo_root().join("action.yml")).expect("read action.yml");
    let action: Action = serde_saphyr::from_str(&text).expect("action.yml is valid YAML");
    (action, text)
}

/// Environment variables a composite action's `bash` step has without declaring them.
const RUNNER_ENV: &[&str] = &[
    "RUNNER_TEMP",
    "GITHUB_PATH",
    "GITHUB_OUTPUT",
    "GITHUB_ACTION_PATH",
];

/// The only programs the action's scripts may run (shell builtins included).
const PROGRAMS: &[&str] = &["pyward", "python", "python3", "echo", "exit"];

/// The only actions it may use, each pinned to a major version.
const ACTIONS: &[&str] = &["github/codeql-action/upload-sarif@v4"];

#[test]
fn action_is_a_composite_action_with_documented_inputs() {
    let (action, _) = action();
    assert_eq!(action.name, "pyward");
    assert!(!action.description.is_empty());
    assert_eq!(action.runs.using, "composite");
    for (name, input) in &action.inputs {
        assert!(
            !input.description.is_empty(),
            "input {name} has no description"
        );
    }
    for (name, output) in &action.outputs {
        assert!(
            !output.description.is_empty(),
            "output {name} has no description"
        );
        assert!(output.value.contains("${{"), "output {name} has no value");
    }
    for name in [
        "paths",
        "args",
        "fail-on",
        "sarif-file",
        "upload",
        "version",
    ] {
        assert!(action.inputs.contains_key(name), "input {name} missing");
    }
    // The README documents every input in its Action section.
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let section = readme
        .split_once("### GitHub Action")
        .expect("README has a `### GitHub Action` section")
        .1;
    let section = section.split("\n## ").next().unwrap();
    for name in action.inputs.keys() {
        assert!(
            section.contains(&format!("| `{name}` |")),
            "README's GitHub Action section does not document input `{name}`"
        );
    }
}

#[test]
fn action_uses_only_declared_inputs_and_known_steps() {
    let (action, text) = action();
    let inputs_used: BTreeSet<String> = idents_after(&text, "inputs.").into_iter().collect();
    for name in &inputs_used {
        assert!(
            action.inputs.contains_key(name),
            "action.yml uses input `{name}`, which it does not declare"
        );
    }
    for name in action.inputs.keys() {
        assert!(
            inputs_used.contains(name),
            "input `{name}` is declared but never used"
        );
    }
    // `steps.ID.outputs.NAME`: ID is a step that writes NAME to $GITHUB_OUTPUT.
    for reference in idents_after(&text, "steps.") {
        let rest = &text[text.find(&format!("steps.{reference}.")).unwrap()..];
        let output = idents_after(rest, "outputs.").into_iter().next().unwrap();
        let step = action
            .runs
            .steps
            .iter()
            .find(|s| s.id.as_deref() == Some(reference.as_str()))
            .unwrap_or_else(|| panic!("no step with id `{reference}`"));
        let run = step.run.as_deref().unwrap_or("");
        assert!(
            run.contains(&format!("\"{output}=")) && run.contains(">> \"$GITHUB_OUTPUT\""),
            "step `{reference}` does not write output `{output}`"
        );
    }
    for step in &action.runs.steps {
        match (&step.run, &step.uses) {
            (Some(_), None) => {
                assert_eq!(step.shell.as_deref(), Some("bash"), "{}", step.name);
                assert!(step.with.is_empty(), "{}", step.name);
            }
            (None, Some(uses)) => {
                assert!(ACTIONS.contains(&uses.as_str()), "unexpected action {uses}");
                assert!(step.shell.is_none() && step.env.is_empty(), "{}", step.name);
            }
            _ => panic!("step `{}` needs exactly one of run and uses", step.name),
        }
        if let Some(condition) = &step.condition {
            assert!(
                !condition.contains("${{"),
                "`if:` is an expression already: {condition}"
            );
        }
    }
}

#[test]
fn action_scripts_run_only_commands_that_exist() {
    let (action, _) = action();
    let mut pyward_calls = Vec::new();
    for step in &action.runs.steps {
        let Some(script) = &step.run else { continue };
        // Inputs reach scripts through `env:`, never spliced into the script text (where a
        // crafted input would run as shell code).
        assert!(
            !script.contains("${{"),
            "step `{}` splices an expression into its script",
            step.name
        );
        let commands = parse_script(script);
        assert!(!commands.is_empty(), "step `{}` runs nothing", step.name);
        for var in variables(script) {
            assert!(
                step.env.contains_key(&var)
                    || RUNNER_ENV.contains(&var.as_str())
                    || commands.iter().any(|c| c.assigns.contains(&var)),
                "step `{}` uses ${var}, which nothing sets",
                step.name
            );
        }
        for command in commands {
            let Some(program) = command.words.first() else {
                continue; // only assignments (`status=0`)
            };
            let Word::Lit(program) = program else {
                panic!("step `{}` runs a computed command", step.name)
            };
            assert!(
                PROGRAMS.contains(&program.as_str()),
                "step `{}` runs `{program}`, which is not allowed",
                step.name
            );
            match program.as_str() {
                "pyward" => {
                    check_pyward(&command.words[1..]);
                    pyward_calls.push(command.words[1..].to_vec());
                }
                "python" | "python3" => check_python(&command.words[1..]),
                _ => {}
            }
        }
    }
    // The action builds the database, then scans to SARIF.
    let lits = |words: &[Word]| -> Vec<String> {
        words
            .iter()
            .filter_map(|w| match w {
                Word::Lit(s) => Some(s.clone()),
                Word::Dyn => None,
            })
            .collect()
    };
    let calls: Vec<Vec<String>> = pyward_calls.iter().map(|w| lits(w)).collect();
    let db = calls
        .iter()
        .position(|c| c.starts_with(&["db".into(), "update".into()]));
    let scan = calls
        .iter()
        .position(|c| c.first().is_some_and(|s| s == "scan"));
    assert!(db.is_some() && scan.is_some() && db < scan, "{calls:?}");
    let scan = &calls[scan.unwrap()];
    assert!(
        scan.windows(2).any(|w| w == ["--format", "sarif"]),
        "{scan:?}"
    );
}

/// `pyward ARGS…`: each subcommand and flag exists in the clap definition, and flags that take
/// a value have one.
fn check_pyward(words: &[Word]) {
    let mut cmd = Cli::command();
    cmd.build();
    let mut path = vec!["pyward".to_string()];
    let mut i = 0;
    let mut version_or_help = false;
    while i < words.len() {
        let Word::Lit(word) = &words[i] else {
            // A value the user chose ($PYWARD_ARGS, $PYWARD_PATHS): only where positionals or
            // free arguments are accepted, i.e. past the subcommand.
            assert!(
                cmd.get_subcommands().next().is_none(),
                "{}: a computed word where a subcommand is expected",
                path.join(" ")
            );
            i += 1;
            continue;
        };
        if let Some(flag) = word.strip_prefix("--") {
            let name = flag.split('=').next().unwrap();
            let arg = cmd
                .get_arguments()
                .find(|a| a.get_long() == Some(name))
                .unwrap_or_else(|| panic!("`{}` has no flag --{name}", path.join(" ")));
            version_or_help |= matches!(name, "version" | "help");
            if arg.get_action().takes_values() && !flag.contains('=') {
                assert!(i + 1 < words.len(), "--{name} needs a value");
                i += 1;
            }
        } else if let Some(short) = word.strip_prefix('-') {
            let c = short.chars().next().expect("a lone `-`");
            let arg = cmd
                .get_arguments()
                .find(|a| a.get_short() == Some(c))
                .unwrap_or_else(|| panic!("`{}` has no flag -{c}", path.join(" ")));
            if arg.get_action().takes_values() && short.len() == 1 {
                i += 1;
            }
        } else if cmd.get_subcommands().next().is_some() {
            let sub = cmd
                .find_subcommand(word)
                .unwrap_or_else(|| panic!("`{}` has no subcommand `{word}`", path.join(" ")))
                .clone();
            path.push(word.clone());
            cmd = sub;
        } else {
            assert!(
                cmd.get_positionals().next().is_some(),
                "`{}` takes no positional argument `{word}`",
                path.join(" ")
            );
        }
        i += 1;
    }
    assert!(
        cmd.get_subcommands().next().is_none() || version_or_help,
        "`{}` needs a subcommand",
        path.join(" ")
    );
}

/// `python -m venv DIR` or `python -m pip install …`.
fn check_python(words: &[Word]) {
    let lits: Vec<&str> = words
        .iter()
        .map(|w| match w {
            Word::Lit(s) => s.as_str(),
            Word::Dyn => "$",
        })
        .collect();
    match lits.as_slice() {
        ["-m", "venv", _] => {}
        ["-m", "pip", "install", ..] => {}
        other => panic!("unexpected python call: {other:?}"),
    }
}

/// The identifiers that follow `prefix` in `text` (`inputs.fail-on` → `fail-on`).
fn idents_after(text: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue; // `outputs.` inside `steps.x.outputs.`, `$GITHUB_...`
        }
        let ident: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if !ident.is_empty() {
            out.push(ident);
        }
    }
    out
}

// ---- a small parser for the scripts' shell subset ---------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Word {
    /// A word whose text is known (quotes removed).
    Lit(String),
    /// A word that comes from a variable: its value is the user's.
    Dyn,
}

#[derive(Debug, Default)]
struct SimpleCommand {
    assigns: Vec<String>,
    words: Vec<Word>,
}

/// Splits a script into simple commands (at newlines, `;`, `&&`, `||`, `|`), drops
/// redirections, and expands `${VAR:+WORDS}` to WORDS (what it is when VAR is set).
fn parse_script(script: &str) -> Vec<SimpleCommand> {
    let script = script.replace("\\\n", " ");
    let mut commands = Vec::new();
    for line in script.lines() {
        let mut current = SimpleCommand::default();
        let tokens = tokenize(line);
        let mut iter = tokens.into_iter();
        while let Some(token) = iter.next() {
            match token.as_str() {
                ";" | "&&" | "||" | "|" => {
                    commands.push(std::mem::take(&mut current));
                }
                ">" | ">>" | "<" | "2>" | "2>>" => {
                    iter.next().expect("a redirection needs a target");
                }
                _ => {
                    if current.words.is_empty()
                        && let Some((name, _)) = token.split_once('=')
                        && !name.is_empty()
                        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    {
                        current.assigns.push(name.to_string());
                    } else {
                        current.words.extend(expand(&token));
                    }
                }
            }
        }
        if !current.words.is_empty() || !current.assigns.is_empty() {
            commands.push(current);
        }
    }
    commands
}

/// One raw word to the words it stands for.
fn expand(token: &str) -> Vec<Word> {
    if let Some(inner) = token.strip_prefix("${").and_then(|t| t.strip_suffix('}'))
        && let Some((_, alternative)) = inner.split_once(":+")
    {
        return tokenize(alternative)
            .iter()
            .flat_map(|t| expand(t))
            .collect();
    }
    let unquoted: String = token.chars().filter(|c| *c != '"' && *c != '\'').collect();
    if unquoted.starts_with('$') {
        vec![Word::Dyn]
    } else {
        vec![Word::Lit(unquoted)]
    }
}

/// Words and operators of one line; quotes and `${…}` stay inside their word, `#` starts a
/// comment at the start of a word.
fn tokenize(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut i = 0;
    let flush = |word: &mut String, tokens: &mut Vec<String>| {
        if !word.is_empty() {
            tokens.push(std::mem::take(word));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' => flush(&mut word, &mut tokens),
            '#' if word.is_empty() => break,
            '\'' | '"' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&q| q == c)
                    .unwrap_or_else(|| panic!("unclosed quote in `{line}`"));
                word.extend(&chars[i..=i + 1 + end]);
                i += end + 1;
            }
            '$' if chars.get(i + 1) == Some(&'{') => {
                let mut depth = 0;
                let start = i;
                loop {
                    match chars.get(i) {
                        Some('{') => depth += 1,
                        Some('}') => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        Some(_) => {}
                        None => panic!("unclosed ${{ in `{line}`"),
                    }
                    i += 1;
                }
                word.extend(&chars[start..=i]);
            }
            ';' | '|' | '&' | '>' | '<' => {
                let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
                let op = if ["&&", "||", ">>"].contains(&two.as_str()) {
                    two
                } else {
                    c.to_string()
                };
                if word == "2" && op.starts_with('>') {
                    word.clear();
                    tokens.push(format!("2{op}"));
                } else {
                    flush(&mut word, &mut tokens);
                    tokens.push(op.clone());
                }
                i += op.len() - 1;
            }
            _ => word.push(c),
        }
        i += 1;
    }
    flush(&mut word, &mut tokens);
    tokens
}

/// The shell variables a script reads (`$NAME`, `${NAME…}`), without `$?`.
fn variables(script: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = script;
    while let Some(at) = rest.find('$') {
        rest = &rest[at + 1..];
        let body = rest.strip_prefix('{').unwrap_or(rest);
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

#[test]
fn the_script_parser_reads_what_the_action_writes() {
    let commands = parse_script(
        "status=0\npyward scan -o \"$F\" ${X:+--fail-on \"$X\"} $ARGS . || status=$?\necho \"a=$status\" >> \"$GITHUB_OUTPUT\" # done",
    );
    assert_eq!(commands.len(), 4);
    assert_eq!(commands[0].assigns, ["status"]);
    assert_eq!(
        commands[1].words,
        [
            Word::Lit("pyward".into()),
            Word::Lit("scan".into()),
            Word::Lit("-o".into()),
            Word::Dyn,
            Word::Lit("--fail-on".into()),
            Word::Dyn,
            Word::Dyn,
            Word::Lit(".".into()),
        ]
    );
    assert_eq!(commands[2].assigns, ["status"]);
    assert_eq!(commands[3].words.len(), 2);
    check_pyward(&commands[1].words[1..]);
    let vars: Vec<String> = variables("a $F ${X:+y} $?").into_iter().collect();
    assert_eq!(vars, ["F", "X"]);
}

#[test]
#[should_panic(expected = "has no flag --no-such-flag")]
fn the_checker_rejects_an_unknown_flag() {
    check_pyward(
        &expand("scan")
            .into_iter()
            .chain(expand("--no-such-flag"))
            .collect::<Vec<_>>(),
    );
}

#[test]
#[should_panic(expected = "has no subcommand `audit`")]
fn the_checker_rejects_an_unknown_subcommand() {
    check_pyward(&[Word::Lit("audit".into())]);
}

// ---- .pre-commit-hooks.yaml -------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Hook {
    id: String,
    name: String,
    description: String,
    entry: String,
    language: String,
    files: Option<String>,
    #[serde(default)]
    types: Vec<String>,
    pass_filenames: bool,
    #[serde(default)]
    require_serial: bool,
    #[serde(default)]
    always_run: bool,
}

fn hooks() -> BTreeMap<String, Hook> {
    let text = std::fs::read_to_string(repo_root().join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: Vec<Hook> = serde_saphyr::from_str(&text).expect("valid YAML");
    hooks.into_iter().map(|h| (h.id.clone(), h)).collect()
}

#[test]
fn pre_commit_hooks_call_existing_subcommands() {
    let hooks = hooks();
    assert_eq!(
        hooks.keys().map(String::as_str).collect::<Vec<_>>(),
        ["pyward-code", "pyward-config", "pyward-deps", "pyward-scan"]
    );
    for hook in hooks.values() {
        assert_eq!(hook.language, "python", "{}", hook.id);
        assert!(!hook.name.is_empty() && !hook.description.is_empty());
        let words: Vec<Word> = tokenize(&hook.entry)
            .iter()
            .flat_map(|t| expand(t))
            .collect();
        assert_eq!(words[0], Word::Lit("pyward".into()), "{}", hook.id);
        check_pyward(&words[1..]);
        assert_eq!(
            words[1],
            Word::Lit(hook.id.strip_prefix("pyward-").unwrap().into())
        );
    }
    let code = &hooks["pyward-code"];
    assert!(code.pass_filenames && code.require_serial && code.types == ["python"]);
    // deps and config audit the whole project (rules look across files).
    for id in ["pyward-deps", "pyward-config", "pyward-scan"] {
        assert!(!hooks[id].pass_filenames, "{id}");
    }
    assert!(hooks["pyward-scan"].always_run);
}

#[test]
fn pre_commit_file_patterns_match_what_pyward_audits() {
    let hooks = hooks();
    let pattern = |id: &str| {
        let files = hooks[id].files.as_deref().expect("files");
        // pre-commit matches with Python's re.search; this subset means the same in Rust.
        regex::Regex::new(files).unwrap_or_else(|e| panic!("{id}: {e}"))
    };
    let deps = pattern("pyward-deps");
    for path in [
        "requirements.txt",
        "requirements-dev.txt",
        "svc/dev-requirements.txt",
        "requirements/base.txt",
        "requirements/prod.in",
        "constraints.txt",
        "pyproject.toml",
        "svc/uv.lock",
        "poetry.lock",
        "Pipfile",
        "Pipfile.lock",
        "pdm.lock",
        "pylock.toml",
        "pylock.dev.toml",
        "setup.cfg",
    ] {
        assert!(deps.is_match(path), "deps hook misses {path}");
    }
    for path in [
        "app.py",
        "README.md",
        "notes.txt",
        "uv.lock.bak",
        "mypyproject.toml",
    ] {
        assert!(!deps.is_match(path), "deps hook runs on {path}");
    }
    let config = pattern("pyward-config");
    for path in [
        "etc/ssh/sshd_config",
        "etc/nginx/nginx.conf",
        "deploy/nginx/sites-enabled/app.conf",
        "Dockerfile",
        "docker/Dockerfile.prod",
        "api.dockerfile",
        "docker-compose.yml",
        "compose.yaml",
        "k8s/deployment.yaml",
        "deploy/app.service",
        "gunicorn.conf.py",
        "Procfile",
        "etc/postgresql/16/main/pg_hba.conf",
        "etc/redis/redis.conf",
        "etc/mysql/my.cnf",
        "etc/sudoers",
        "etc/fail2ban/jail.local",
        "etc/ufw/user.rules",
        "etc/nftables.conf",
        "etc/iptables/rules.v4",
        ".env",
        "svc/.env.production",
    ] {
        assert!(config.is_match(path), "config hook misses {path}");
    }
    for path in ["app.py", "README.md", "requirements.txt", "pyproject.toml"] {
        assert!(!config.is_match(path), "config hook runs on {path}");
    }
}
