//! `pyward man [--dir DIR]`: man pages (roff) generated from the argument definitions.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::args::{Cli, ManArgs};
use crate::output::{Status, write_output};

pub fn run(args: &ManArgs) -> Result<Status> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    match &args.dir {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut page)?;
            write_output(None, |out| out.write_all(&page))?;
        }
        Some(dir) => {
            fs_err::create_dir_all(dir)?;
            let mut written = Vec::new();
            write_pages(&cmd, dir, &mut written)?;
            write_output(None, |out| {
                for path in &written {
                    writeln!(out, "wrote {}", path.display())?;
                }
                Ok(())
            })?;
        }
    }
    Ok(Status::Clean)
}

/// Writes the page of `cmd` and of every subcommand under it (`pyward-db-update.1`).
fn write_pages(cmd: &clap::Command, dir: &Path, written: &mut Vec<PathBuf>) -> Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    let path = dir.join(man.get_filename());
    let mut page = Vec::new();
    man.render(&mut page)
        .with_context(|| format!("rendering {}", path.display()))?;
    fs_err::write(&path, page)?;
    written.push(path);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, dir, written)?;
    }
    Ok(())
}
