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
    /// Per language: translated, stale, missing and orphan units.
    Status(StatusArgs),
    /// Validate everything the build reads; `--strict` is the CI gate.
    Check(CheckArgs),
    /// Create or refresh `locales/LANG/` after the source changed.
    Sync(SyncArgs),
    /// Export a language for CAT tools (XLIFF 2, XLIFF 1.2 or gettext PO).
    Export(ExportArgs),
    /// Import an XLIFF or PO file back into `locales/LANG/`.
    Import(ImportArgs),
    /// Build, serve on 127.0.0.1, rebuild on change and reload the browser.
    Serve(ServeArgs),
    /// Write a generated project at scale K with L languages (for benchmarks).
    #[command(hide = true)]
    GenCorpus(GenCorpusArgs),
}

/// Options of `tolmach status`.
#[derive(Debug, Args, Clone)]
pub struct StatusArgs {
    /// Project root.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Print the documented JSON schema instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Options of `tolmach check`.
#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    /// Project root.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Also fail on warnings and on stale, missing and orphan units.
    #[arg(long)]
    pub strict: bool,
}

/// Options of `tolmach sync`.
#[derive(Debug, Args, Clone)]
pub struct SyncArgs {
    /// Project root.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// Languages to create or refresh (all translated languages if none).
    pub langs: Vec<String>,
}

/// Options of `tolmach export`.
#[derive(Debug, Args, Clone)]
pub struct ExportArgs {
    /// Project root.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// The language to export.
    pub lang: String,
    /// `xliff` (2.1), `xliff12` or `po`.
    #[arg(long, default_value = "xliff")]
    pub format: String,
    /// Write to this file instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Options of `tolmach import`.
#[derive(Debug, Args, Clone)]
pub struct ImportArgs {
    /// Project root.
    #[command(flatten)]
    pub project: ProjectArgs,
    /// The XLIFF or PO file.
    pub file: PathBuf,
    /// Show what would change, change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Options of `tolmach serve`.
#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    /// Build options (output folder, base URL, ...).
    #[command(flatten)]
    pub build: BuildArgs,
    /// Port on 127.0.0.1.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the browser.
    #[arg(long)]
    pub open: bool,
}

/// Options of the hidden `tolmach gen-corpus`.
#[derive(Debug, Args, Clone)]
pub struct GenCorpusArgs {
    /// Where to write the generated project (must not exist or be empty).
    pub out: PathBuf,
    /// How many times the nine spheres are repeated.
    #[arg(long, default_value_t = 1)]
    pub scale: usize,
    /// How many languages, the original included.
    #[arg(long, default_value_t = 7)]
    pub languages: usize,
    /// The real project to take the source and settings from.
    #[arg(long, default_value = ".")]
    pub from: PathBuf,
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
    /// Leave out the parallel pages (setting `parallel: false`).
    #[arg(long)]
    pub no_parallel: bool,
    /// Refuse files larger than this many MiB (setting `max_file_mib`, default 8).
    #[arg(long)]
    pub max_file_mib: Option<u64>,
    /// Refuse a site with more than this many MiB of HTML (setting
    /// `max_output_mib`; default 50 times the input, at least 64).
    #[arg(long)]
    pub max_output_mib: Option<u64>,
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
            parallel: self.no_parallel.then_some(false),
            max_file_mib: self.max_file_mib,
            max_output_mib: self.max_output_mib,
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
        Command::Status(args) => crate::workflow::status::run(&args),
        Command::Check(args) => crate::workflow::check::run(&args),
        Command::Sync(args) => crate::workflow::sync::run(&args),
        Command::Export(args) => crate::interchange::export(&args),
        Command::Import(args) => crate::interchange::import(&args),
        Command::Serve(args) => {
            crate::serve::run(&crate::serve::Options {
                build: build::Options {
                    root: args.build.project.root.clone(),
                    overrides: args.build.overrides(),
                },
                port: args.port,
                open: args.open,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::GenCorpus(args) => crate::corpus::run(&args),
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
