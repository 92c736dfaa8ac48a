//! `pyward image IMAGE`: a container image's distributions, configuration files and config
//! (the audit is `pyward_image::ImageAnalyzer`; this builds its options and renders).

use anyhow::{Result, bail};
use pyward_core::{Analyzer, NoProgress, Registry, Severity};
use pyward_image::{ImageAnalyzer, ImageOptions};

use crate::args::ImageArgs;
use crate::output::{Prepared, Status, finish, load_config};

pub fn run(args: &ImageArgs, registry: &Registry) -> Result<Status> {
    if !args.image.exists() {
        bail!("{}: no such file or directory", args.image.display());
    }
    let config = load_config(&args.common, std::path::Path::new("."))?;
    let analyzer = ImageAnalyzer {
        options: ImageOptions {
            image: args.image.clone(),
            db: args.db.clone(),
            code: args.code,
            // `all` anywhere: every platform.
            platforms: if args.platform.iter().any(Option::is_none) {
                Vec::new()
            } else {
                args.platform.iter().flatten().cloned().collect()
            },
            ..ImageOptions::default()
        },
    };
    let prepared = Prepared::without_walk(&config)?;
    let report = analyzer.run(&prepared.scope(&args.common, &config, &NoProgress));
    finish(
        report,
        &args.common,
        &config,
        registry,
        Severity::High,
        &prepared.paths,
    )
}
