//! `pyward completions SHELL`: a completion script generated from the argument definitions.

use anyhow::Result;
use clap::CommandFactory;

use crate::args::{Cli, CompletionsArgs};
use crate::output::{Status, write_output};

pub fn run(args: &CompletionsArgs) -> Result<Status> {
    let mut cmd = Cli::command();
    write_output(None, |out| {
        clap_complete::generate(args.shell, &mut cmd, "pyward", out);
        Ok(())
    })?;
    Ok(Status::Clean)
}
