//! Prints the packages pyward audits for a manifest, one `name==version` a line, for comparing
//! with another tool's export: `cargo run -p pyward-manifest --example list_packages -- FILE
//! [PYTHON [linux|macos|windows]]`.

use std::path::Path;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: list_packages FILE [PYTHON [PLATFORM]]");
        std::process::exit(2);
    };
    let python = args.next().unwrap_or_else(|| "3.12".into());
    let platform = args
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or(pyward_manifest::Platform::Linux);
    let target = pyward_manifest::Target::new(&python, platform);
    match pyward_manifest::parse_file(Path::new(&file), &target) {
        Ok(m) => {
            let mut lines: Vec<String> = m
                .dependencies
                .iter()
                .map(|d| format!("{}=={}", d.normalized, d.version.as_deref().unwrap_or("")))
                .collect();
            lines.sort();
            lines.dedup();
            for l in lines {
                println!("{l}");
            }
            for e in &m.errors {
                eprintln!("error: {e}");
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}
