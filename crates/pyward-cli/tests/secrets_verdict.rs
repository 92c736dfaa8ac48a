//! The code analyzer's text-file scan and the configuration analyzer's `.env` audit use one
//! detector (`pyward-secrets`): on the same `NAME=value` line they agree on whether the value is
//! a secret, and a combined run (`pyward_core::dedupe`) reports it once.

use pyward_code::CodeOptions;
use pyward_code::secrets::github_token_with_checksum;
use pyward_config::ConfigKind;
use pyward_core::{Finding, RuleSelector};

/// The secret findings (those carrying a secret's hash) each analyzer gives for `line` in `.env`.
fn verdicts(line: &str) -> (Vec<Finding>, Vec<Finding>) {
    let text = format!("{line}\n");
    let code: Vec<Finding> = pyward_code::scan_text(".env", &text, &CodeOptions::default())
        .into_iter()
        .filter(|f| f.identity.secret.is_some())
        .collect();
    let config: Vec<Finding> =
        pyward_config::audit_text(ConfigKind::Dotenv, ".env", &text, &RuleSelector::default())
            .findings
            .into_iter()
            .filter(|f| f.identity.secret.is_some())
            .collect();
    (code, config)
}

#[test]
fn code_and_config_give_the_same_verdict_on_the_same_pairs() {
    let github = github_token_with_checksum("ghp_", "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1");
    let pairs: Vec<(String, bool)> = vec![
        // Provider formats, whatever the name.
        (format!("GITHUB_TOKEN={github}"), true),
        (format!("SOMETHING={github}"), true),
        ("AWS_ACCESS_KEY_ID=AKIAQYLPMN5HHHFPZAM2".into(), true),
        // A URL with a password.
        (
            "DATABASE_URL=postgres://app:Zq8r4LmX2v@db.internal/app".into(),
            true,
        ),
        // A random value under a secret's name, camel case included.
        ("API_KEY=9fQ2vX7LmA4tR8zK1pW3".into(), true),
        ("apiToken=9fQ2vX7LmA4tR8zK1pW3".into(), true),
        ("ADMIN_PASSWORD=9fQ2vX7LmA4tR8zK1pW3".into(), true),
        // Not a secret: references, placeholders, stand-ins, paths, metadata names, words.
        ("DB_PASSWORD=${DB_PASSWORD}".into(), false),
        ("API_KEY=<your-api-key>".into(), false),
        ("SECRET_KEY=changeme".into(), false),
        ("DB_PASSWORD_FILE=/run/secrets/db_password".into(), false),
        ("PASSWORD_MIN_LENGTH=12".into(), false),
        ("TOKEN_HEADER=Authorization".into(), false),
        ("DATABASE_URL=postgres://app@db.internal/app".into(), false),
        ("EXAMPLE_ID=AKIAIOSFODNN7EXAMPLE".into(), false),
        ("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE".into(), false),
        ("LOG_LEVEL=info".into(), false),
        ("DEBUG=false".into(), false),
    ];
    for (line, secret) in &pairs {
        let (code, config) = verdicts(line);
        assert_eq!(
            (!code.is_empty(), !config.is_empty()),
            (*secret, *secret),
            "{line}: code {code:?}, config {config:?}"
        );
        // A combined run reports it once, preferring the provider pattern.
        let mut all: Vec<Finding> = config.into_iter().chain(code).collect();
        pyward_core::dedupe(&mut all);
        assert!(all.len() <= 1, "{line}: {all:?}");
    }
}

/// Where the rules deliberately differ, on one verdict: `.env` files report every literal under
/// a secret's name (a weak password committed in a config file is a finding) and random tokens
/// under any name; code's `SEC002` reports only random values under a secret's name.
#[test]
fn the_config_rules_report_more_of_the_same_verdicts() {
    for line in [
        "DB_PASSWORD=hunter2",
        "STRIPE=q8Zr3Kp9Lm2Xw7Vt5Bn4Hs6Jd1Fg0Qa",
    ] {
        let (code, config) = verdicts(line);
        assert!(code.is_empty(), "{line}: {code:?}");
        assert_eq!(config.len(), 1, "{line}: {config:?}");
    }
}
