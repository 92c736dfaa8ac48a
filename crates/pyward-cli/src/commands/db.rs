//! `pyward db update|info|serve`: the work is in `pyward_advisory`; this renders it.

use std::sync::Arc;

use anyhow::{Context, Result};
use pyward_advisory::{DEFAULT_MAX_AGE_DAYS, DEFAULT_SOURCE, db_path, open_db};

use crate::args::{DbCommand, DbInfoArgs, DbServeArgs, DbUpdateArgs, InfoFormat};
use crate::output::{Status, eprint_line, write_output};

pub fn run(cmd: &DbCommand) -> Result<Status> {
    match cmd {
        DbCommand::Update(args) => update(args),
        DbCommand::Info(args) => info(args),
        DbCommand::Serve(args) => serve(args),
    }
}

fn update(args: &DbUpdateArgs) -> Result<Status> {
    let target = db_path(args.db.as_deref());
    let from = args.from.as_deref().unwrap_or(DEFAULT_SOURCE);
    let updated = pyward_advisory::update(&target, from)?;
    for warning in &updated.warnings {
        eprint_line(&format!("warning: {}: {}", warning.path, warning.message));
    }
    if !args.quiet {
        eprint_line(&updated.to_string());
    }
    Ok(Status::Clean)
}

fn info(args: &DbInfoArgs) -> Result<Status> {
    let path = db_path(args.db.as_deref());
    let info = pyward_advisory::info(&path, args.max_age_days.unwrap_or(DEFAULT_MAX_AGE_DAYS))?;
    write_output(None, |out| match args.format {
        InfoFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &info)?;
            writeln!(out)
        }
        InfoFormat::Text => {
            let newest = info.newest_modified.as_deref().unwrap_or("unknown");
            let ago = info.age_days.map(|a| format!(" ({a} days ago)"));
            let rows = [
                ("path", path.display().to_string()),
                ("source", info.source.clone()),
                ("built", info.built_at.clone()),
                (
                    "newest advisory",
                    format!("{newest}{}", ago.unwrap_or_default()),
                ),
                ("advisories", info.advisories.to_string()),
                ("packages", info.packages.to_string()),
                ("withdrawn", info.withdrawn.to_string()),
                ("format", info.format_version.to_string()),
            ];
            rows.iter()
                .try_for_each(|(k, v)| writeln!(out, "{:<17}{v}", format!("{k}:")))
        }
    })?;
    if let Some(warning) = &info.stale_warning {
        eprint_line(&format!("warning: {warning}"));
    }
    Ok(Status::Clean)
}

fn serve(args: &DbServeArgs) -> Result<Status> {
    let path = db_path(args.db.as_deref());
    let db = Arc::new(open_db(&path)?);
    let count = db.meta().advisory_count;
    pyward_advisory::server::serve(db, &args.listen, |addr| {
        eprint_line(&format!(
            "Serving {count} advisories from {} on http://{addr}/v1/ (OSV API: POST /v1/query, POST /v1/querybatch, GET /v1/vulns/ID)",
            path.display()
        ));
    })
    .with_context(|| format!("serving on {}", args.listen))?;
    Ok(Status::Clean)
}
