//! `pyward host [--root DIR]`: the posture of this host or of a mounted root filesystem.

use anyhow::{Result, bail};
use pyward_core::{Analyzer, NoProgress, Registry, Severity};
use pyward_host::{HostAnalyzer, HostOptions};

use crate::args::HostArgs;
use crate::output::{Prepared, Status, finish_as_shown, load_config};

pub fn run(args: &HostArgs, registry: &Registry) -> Result<Status> {
    if let Some(root) = &args.root
        && !root.is_dir()
    {
        bail!("--root {} is not a directory", root.display());
    }
    let db = match &args.db_env {
        Some(name) => Some(
            std::env::var(name)
                .map_err(|_| anyhow::anyhow!("--db-env {name}: the variable is not set"))?,
        ),
        None => args.db.clone(),
    };
    let config = load_config(&args.common, std::path::Path::new("."))?;
    let analyzer = HostAnalyzer {
        options: HostOptions {
            root: args.root.clone(),
            app_dirs: args.app_dirs.clone(),
            no_config: args.no_config,
            db,
        },
    };
    let prepared = Prepared::without_walk(&config)?;
    let report = analyzer.run(&prepared.scope(&args.common, &config, &NoProgress));
    // Paths are host paths (inside --root), shown as such.
    finish_as_shown(report, &args.common, &config, registry, Severity::High)
}
