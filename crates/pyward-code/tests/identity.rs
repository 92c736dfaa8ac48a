//! Fingerprints of real code findings survive the edits a baseline must survive: code moved
//! down by inserted lines, a variable renamed elsewhere in the file, and they tell two
//! identical lines apart.

use pyward_code::{CodeOptions, check_source};
use pyward_core::fingerprint;

const APP: &str = r#"import subprocess

def deploy(target):
    label = target.upper()
    subprocess.call("deploy " + target, shell=True)
    return label
"#;

/// `(code, fingerprint)` of every finding of `source`.
fn prints(source: &str) -> Vec<(String, String)> {
    check_source("app.py", source, &CodeOptions::default())
        .iter()
        .map(|f| (f.code.clone(), fingerprint(f)))
        .collect()
}

#[test]
fn code_findings_keep_their_fingerprint_when_code_moves_or_neighbours_change() {
    let base = prints(APP);
    assert!(!base.is_empty(), "the fixture must produce findings");

    let moved = APP.replacen(
        "def deploy",
        &format!("{}def deploy", "# padding\n".repeat(20)),
        1,
    );
    assert_eq!(prints(&moved), base, "20 lines inserted above");

    let renamed = APP.replace("label", "tag");
    assert_eq!(prints(&renamed), base, "a variable renamed on other lines");

    let edited = APP.replace("\"deploy \" + target", "\"deploy --force \" + target");
    assert_ne!(prints(&edited), base, "the flagged line itself changed");
}

#[test]
fn identical_flagged_lines_get_distinct_fingerprints() {
    let twice =
        "import subprocess\nsubprocess.call(cmd, shell=True)\nsubprocess.call(cmd, shell=True)\n";
    let found = prints(twice);
    let mut shell: Vec<&String> = found
        .iter()
        .filter(|(code, _)| found.iter().filter(|(c, _)| c == code).count() == 2)
        .map(|(_, p)| p)
        .collect();
    assert!(shell.len() >= 2, "{found:?}");
    let n = shell.len();
    shell.sort();
    shell.dedup();
    assert_eq!(shell.len(), n, "{found:?}");
}
