//! PY609 `linux-commands-wildcard-injection` (Bandit B609).

use crate::rules::prelude::*;

pyward_core::declare_rule! {
/// ## What it does
/// Flags shell commands that run `chown`, `chmod`, `tar` or `rsync` with a `*` wildcard.
///
/// ## Why is this bad?
/// The shell expands `*` to file names, and a file named like an option (`--checkpoint-action=exec=...`) becomes an option of the command.
///
/// ## Example
/// ```python
/// import os
///
/// os.system("tar cf backup.tar *")
/// ```
///
/// ## Use instead
/// ```python
/// import subprocess
///
/// subprocess.run(["tar", "cf", "backup.tar", "--", *files], check=True)
/// ```
///
/// ## References
/// - [CWE-155](https://cwe.mitre.org/data/definitions/155.html)
/// - Bandit: `B609`
    pub static RULE = {
        code: "PY609",
        name: "linux-commands-wildcard-injection",
        analyzer: "code",
        summary: "Wildcard in a shell command",
        severity: High,
        confidence: Medium,
        cwe: 155,
        bandit_id: "B609",
    }
}

pub const HOOKS: &[Hook] = &[Hook::Call(check)];

const COMMANDS: &[&str] = &["chown", "chmod", "tar", "rsync"];

fn check<'a>(checker: &mut Checker<'a>, call: &Call<'a>) {
    let q = call.qualname.as_str();
    let shell_true = ast::keyword(call.node, "shell")
        .is_some_and(|k| matches!(k.value, Expr::BooleanLiteral(ref b) if b.value));
    if !(SHELL.contains(&q) || (SUBPROCESS.contains(&q) && shell_true)) {
        return;
    }
    let text = match ast::arg(call.node, 0) {
        Some(Expr::List(l)) => l
            .elts
            .iter()
            .filter_map(ast::string_value)
            .map(|s| format!(" {s}"))
            .collect::<String>(),
        Some(e) => ast::string_value(e).unwrap_or_default().to_string(),
        None => return,
    };
    if text.contains('*') && COMMANDS.iter().any(|c| text.contains(c)) {
        let range = keyword_or_call_range(call.node, "shell");
        checker.report(
            &RULE,
            range,
            format!("Possible wildcard injection in call: {q}"),
        );
    }
}
