//! The command line: clap definitions and the mapping of results to exit codes
//! (0 success, 1 bad input or failed build, 2 usage).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::build;
use crate::error::Error;
use crate::settings::Overrides;

/// Tolmach builds the multilingual edition of one official document.
#[derive(Debug, Parser)]
#[command(name = "tolmach", version, about)]
pub struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the static site into the output folder (default `public/`).
    Build(BuildArgs),
}

/// Options shared by the commands that read a project.
#[derive(Debug, Args, Clone)]
pub struct ProjectArgs {
    /// The project root.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// Options of `tolmach build` (each overrides `tolmach.yaml`).
#[derive(Debug, Args, Clone)]
pub struct BuildArgs {
    /// Project root.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Output folder (setting `output`).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Absolute address of the published site (setting `base_url`).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Language order, comma-separated (setting `languages`).
    #[arg(long, value_delimiter = ',')]
    pub languages: Option<Vec<String>>,
    /// Theme folder under `themes/` (setting `theme`).
    #[arg(long)]
    pub theme: Option<String>,
    /// Links end in `index.html`, for reading from disk (setting `offline`).
    #[arg(long)]
    pub offline: bool,
}

impl BuildArgs {
    /// The overrides these flags make.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            base_url: self.base_url.clone(),
            languages: self.languages.clone(),
            theme: self.theme.clone(),
            output: self.out.clone(),
            offline: self.offline,
        }
    }
}

/// Run the command line and return the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{err}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Build(args) => {
            let report = build::run(&build::Options {
                root: args.project.root.clone(),
                overrides: args.overrides(),
            })?;
            let mut err = std::io::stderr().lock();
            for warning in &report.warnings {
                let _ = writeln!(err, "{warning}");
            }
            for note in &report.notes {
                let _ = writeln!(err, "note: {note}");
            }
            let s = report.summary;
            println!(
                "built {}: {} written, {} unchanged, {} removed in {} ms",
                report.out.display(),
                s.written,
                s.unchanged,
                s.removed,
                report.elapsed.as_millis()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
