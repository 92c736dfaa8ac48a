//! pyward's one secret detector and one redaction function.
//!
//! - [`find_provider_secrets`]: provider formats anywhere in a text (AWS, GitHub with its CRC32
//!   checksum verified, GitLab, Slack, Stripe, Google, private keys, GCP key files, JWTs, URLs
//!   with a password), documentation placeholders left out.
//! - [`classify`]: the verdict on a `(name, value)` pair (an assignment, a keyword argument, an
//!   environment variable, a YAML key): a URL with a password, a provider format, a
//!   secret-like name ([`is_secret_name`]), or a random token. [`is_generic_secret`] adds the
//!   entropy test ([`is_random_secret`], one [`entropy`] definition) for secret-named values.
//! - [`placeholder`]: the one set of stand-in and placeholder tests.
//! - [`redact`] (a secret's two ends at most), [`redact_text`] (URL credentials and provider
//!   secrets inside any text) and [`redact_report`] (every string of a report, run by every
//!   emitter before writing).
//!
//! The code analyzer (`SEC001`/`SEC002` and the text-file scan), the configuration analyzer
//! (`.env`, compose, Dockerfile, Kubernetes, systemd) and the dependency audit (index URLs with
//! credentials) all use this crate.

mod detect;
pub mod placeholder;
mod provider;
mod redact;

pub use detect::{
    SecretKind, classify, entropy, file_path, is_generic_secret, is_random_secret, is_random_token,
    is_secret_metadata_name, is_secret_name, secret_identity, url_password,
};
pub use placeholder::{is_documentation_placeholder, is_placeholder, is_stand_in, is_unset};
pub use provider::{SecretMatch, crc32, find_provider_secrets, github_token_with_checksum};
pub use redact::{
    REDACTED, redact, redact_report, redact_text, redact_url_credentials, url_credentials,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn redaction_keeps_only_the_ends() {
        assert_eq!(redact("AKIAZZZZZZZZZZZZZZZZ"), "A…Z (20 chars)");
        assert_eq!(redact("abc"), "*** (3 chars)");
    }

    #[test]
    fn github_checksum_is_verified() {
        let t = github_token_with_checksum("ghp_", "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1");
        assert_eq!(provider::github_check(&t), Some(true));
        let mut bad = t.clone();
        bad.pop();
        bad.push('!');
        assert_eq!(provider::github_check(&bad[..t.len()]), Some(false));
        let found = find_provider_secrets(&format!("token = \"{t}\""));
        assert_eq!(found.len(), 1);
        assert!(found[0].verified);
    }

    #[test]
    fn generic_secret_heuristics() {
        assert!(is_generic_secret("API_KEY", "9fQ2vX7LmA4tR8zK1pW3"));
        assert!(is_generic_secret("apiToken", "9fQ2vX7LmA4tR8zK1pW3"));
        assert!(!is_generic_secret("API_KEY_HEADER", "9fQ2vX7LmA4tR8zK1pW3"));
        assert!(!is_generic_secret("SECRET_KEY", "change-me-in-production"));
        assert!(!is_generic_secret(
            "TOKEN_BACKEND",
            "django.contrib.auth.tokens"
        ));
        assert!(!is_generic_secret("token", "short"));
        // A name's word, not a substring, excludes it: `ADMIN` is no `MIN`.
        assert!(is_generic_secret("ADMIN_PASSWORD", "9fQ2vX7LmA4tR8zK1pW3"));
        assert!(!is_generic_secret(
            "PASSWORD_MIN_LENGTH",
            "9fQ2vX7LmA4tR8zK1pW3"
        ));
    }

    #[test]
    fn stand_ins() {
        for v in [
            "changethis",
            "change-me",
            "CHANGEME",
            "change_me",
            "\"changeme123\"",
            "replace-me",
            "your-secret-key-here",
            "YOUR_API_KEY_HERE",
            "xxxx",
            "todo",
            "example",
        ] {
            assert!(is_stand_in(v), "{v}");
        }
        for v in [
            "Tr0ub4dor-3",
            "todo-9f8e7d6c5b4a3928",
            "hunter2",
            "example-prod-2024",
            "yourock",
            "xx",
            "changes",
        ] {
            assert!(!is_stand_in(v), "{v}");
        }
    }

    #[test]
    fn verdicts() {
        assert_eq!(classify("DB_PASSWORD", "hunter2"), Some(SecretKind::Name));
        assert_eq!(classify("DB_PASSWORD", "${DB_PASSWORD}"), None);
        assert_eq!(classify("DB_PASSWORD_FILE", "/run/secrets/db"), None);
        assert_eq!(classify("POSTGRES_PASSWORD", "/run/secrets/postgres"), None);
        assert_eq!(classify("MYSQL_ROOT_PASSWORD_FILE", "/run/secrets/x"), None);
        assert_eq!(
            classify("DB_PASSWORD", "s3cr3t/with/slash"),
            Some(SecretKind::Name)
        );
        assert_eq!(
            classify("DATABASE_URL", "postgres://app:s3cret@db/app"),
            Some(SecretKind::UrlPassword)
        );
        assert_eq!(classify("DATABASE_URL", "postgres://app@db/app"), None);
        assert_eq!(
            classify("SOMETHING", "AKIAQYLPMN5HHHFPZAM2"),
            Some(SecretKind::KnownPrefix)
        );
        // AWS's documentation key is no provider secret (code's SEC001 agrees); under a
        // secret's name it is still a literal (an `…_ID` names an identifier, not a secret).
        assert_eq!(classify("SOMETHING", "AKIAIOSFODNN7EXAMPLE"), None);
        assert_eq!(classify("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"), None);
        assert_eq!(
            classify(
                "AWS_SECRET_ACCESS_KEY",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
            ),
            Some(SecretKind::Name)
        );
        assert_eq!(
            classify("STRIPE", "q8Zr3Kp9Lm2Xw7Vt5Bn4Hs6Jd1Fg0Qa"),
            Some(SecretKind::HighEntropy)
        );
        assert_eq!(classify("LOG_LEVEL", "info"), None);
        assert!(!is_secret_name("PASSWORD_MIN_LENGTH"));
        assert!(is_secret_name("postgres_password"));
        assert!(!is_secret_name("COMPASS_URL"));
        assert!(!is_secret_name("COMPASS"));
        assert!(is_secret_name("DB_PASS"));
    }

    #[test]
    fn a_url_secret_is_identified_by_its_password() {
        assert_eq!(
            secret_identity("postgres://app:Zq8r4@db/app"),
            secret_identity("'postgres://app:Zq8r4@db'")
        );
        assert_eq!(secret_identity("postgres://app:Zq8r4@db/app"), "Zq8r4");
        assert_eq!(secret_identity("\"ghp_x\""), "ghp_x");
        assert_eq!(secret_identity("https://host/a:b@c"), "https://host/a:b@c");
    }

    #[test]
    fn entropy_is_per_character() {
        assert_eq!(entropy(""), 0.0);
        assert_eq!(entropy("aaaa"), 0.0);
        assert!((entropy("abcd") - 2.0).abs() < 1e-9);
        // Multi-byte characters count once: four distinct characters, 2 bits each.
        assert!((entropy("éèêë") - 2.0).abs() < 1e-9);
    }

    #[test]
    fn redact_text_hides_provider_secrets_and_url_credentials() {
        let t = github_token_with_checksum("ghp_", "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1");
        let text = format!("leaked {t} via https://bob:hunter22@pypi.internal/simple");
        let out = redact_text(&text);
        assert!(!out.contains(&t), "{out}");
        assert!(!out.contains("hunter22"), "{out}");
        assert!(out.contains("g…"), "{out}");
        assert_eq!(redact_text("nothing to hide"), "nothing to hide");
    }

    #[test]
    fn redact_report_covers_every_emitted_string() {
        use pyward_core::{Finding, Location, Report, RuleMeta};
        static RULE: RuleMeta = RuleMeta {
            code: "X001",
            name: "x",
            analyzer: "deps",
            summary: "",
            severity: pyward_core::Severity::High,
            confidence: pyward_core::Confidence::High,
            cwe: None,
            bandit_id: None,
            docs: "",
        };
        let t = github_token_with_checksum("ghp_", "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1");
        let mut report = Report::new("deps");
        report.findings.push(
            Finding::new(
                &RULE,
                format!("token {t}"),
                Location::url("https://u:p4ss@idx.example/simple"),
            )
            .with_meta("note", format!("see {t}")),
        );
        report.warnings.push(format!("warning {t}"));
        redact_report(&mut report);
        let json = serde_json::to_string(&report).unwrap_or_default();
        assert!(!json.contains(&t), "{json}");
        assert!(!json.contains("p4ss"), "{json}");
    }
}
