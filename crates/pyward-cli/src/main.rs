use std::process::ExitCode;

use clap::Parser;
use pyward_cli::args::{Cli, Command};
use pyward_cli::commands;
use pyward_cli::output::{Status, eprint_line};

/// mimalloc instead of the system allocator: parsing and checking allocate many small,
/// short-lived objects per file on every thread, where glibc malloc spent ~13 % of
/// `pyward code`'s time. The binary only; the libraries keep the default allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let registry = pyward_cli::registry();
    let result = match &cli.command {
        Command::Scan(args) => commands::scan::run(args, &registry),
        Command::Deps(args) => commands::deps::run(args, &registry),
        Command::Code(args) => commands::code::run(args, &registry),
        Command::Config(args) => commands::config::run(args, &registry),
        Command::Probe(args) => commands::probe::run(args, &registry),
        Command::Host(args) => commands::host::run(args, &registry),
        Command::Image(args) => commands::image::run(args, &registry),
        Command::Db(cmd) => commands::db::run(cmd),
        Command::Rule(args) => commands::rule::run(args, &registry),
        Command::Init(args) => commands::init::run(args),
        Command::Completions(args) => commands::completions::run(args),
        Command::Man(args) => commands::man::run(args),
    };
    match result {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) => {
            eprint_line(&format!("error: {err}"));
            for cause in err.chain().skip(1) {
                eprint_line(&format!("  caused by: {cause}"));
            }
            ExitCode::from(Status::Error.code())
        }
    }
}
