//! The command line: clap definitions, the mapping of arguments to the
//! library's option structs, and of its reports to text, JSON and exit
//! codes (0 success, 1 bad input, a failed build or a rejected unit, 2
//! usage). Nothing below this module prints or picks an exit code.

mod print;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::error::Error;
use crate::interchange::{self, Format, import};
use crate::settings::Overrides;
use crate::workflow::{check, review, status, sync};
use crate::{build, serve};

/// Tolmach builds the multilingual edition of one official document.
#[derive(Debug, Parser)]
#[command(name = "tolmach", version, about)]
struct Cli {
    /// The project root (before or after the command).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    /// The command.
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Build the static site into the output folder (default `public/`).
    Build(BuildArgs),
    /// Per language: translated, stale, missing and orphan units.
    Status(StatusArgs),
    /// Validate everything the build reads; `--strict` is the CI gate.
    Check(CheckArgs),
    /// Create or refresh `locales/LANG/` after the source changed.
    Sync(SyncArgs),
    /// Sign off units as reviewed (or approved) from the command line.
    Review(ReviewArgs),
    /// Export a language for CAT tools (XLIFF 2, XLIFF 1.2, gettext PO), a
    /// translation memory (TMX) or the glossaries (TBX).
    Export(ExportArgs),
    /// Import an XLIFF or PO file back into `locales/LANG/`.
    Import(ImportArgs),
    /// Build, serve on 127.0.0.1, rebuild on change and reload the browser.
    Serve(ServeArgs),
}

/// Options of `tolmach status`.
#[derive(Debug, Args)]
struct StatusArgs {
    /// Print the documented JSON schema instead of a table.
    #[arg(long)]
    json: bool,
}

/// Options of `tolmach check`.
#[derive(Debug, Args)]
struct CheckArgs {
    /// Also fail on warnings and on stale, missing and orphan units.
    #[arg(long)]
    strict: bool,
    /// Check only this language (and what every language shares).
    #[arg(long)]
    lang: Option<String>,
    /// Count units below this review level as open too.
    #[arg(long, value_enum)]
    require: Option<RequireArg>,
}

/// The review level `check --require` asks for.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum RequireArg {
    /// Reviewed (or approved).
    Reviewed,
    /// Approved.
    Approved,
}

/// Options of `tolmach sync`.
#[derive(Debug, Args)]
struct SyncArgs {
    /// Languages to create or refresh (all translated languages if none).
    langs: Vec<String>,
}

/// Options of `tolmach review`.
#[derive(Debug, Args)]
struct ReviewArgs {
    /// The language.
    lang: String,
    /// The units to sign off (ids such as `trade-2`).
    #[arg(required_unless_present = "all")]
    ids: Vec<String>,
    /// Every unit translated from the current original.
    #[arg(long, conflicts_with = "ids")]
    all: bool,
    /// Record `approved` instead of `reviewed`.
    #[arg(long)]
    approve: bool,
}

/// Options of `tolmach export`.
#[derive(Debug, Args)]
struct ExportArgs {
    /// The language to export (TMX and TBX: every translation if none).
    lang: Option<String>,
    /// The file format (`po` with `--omegat-project`).
    #[arg(
        long,
        value_enum,
        default_value = "xliff",
        default_value_if("omegat_project", clap::builder::ArgPredicate::IsPresent, "po")
    )]
    format: Format,
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Write an OmegaT project into this new folder instead: the PO file in
    /// `source/`, sentence segmentation off, the PO header skipped.
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    omegat_project: Option<PathBuf>,
}

/// Options of `tolmach import`.
#[derive(Debug, Args)]
struct ImportArgs {
    /// The XLIFF or PO file.
    file: PathBuf,
    /// Show what would change, change nothing.
    #[arg(long)]
    dry_run: bool,
    /// Resolve every conflict by taking the imported text.
    #[arg(long, conflicts_with = "ours")]
    theirs: bool,
    /// Resolve every conflict by keeping the translation file's text.
    #[arg(long)]
    ours: bool,
}

/// Options of `tolmach serve`.
#[derive(Debug, Args)]
struct ServeArgs {
    /// Build options (output folder, base URL, ...).
    #[command(flatten)]
    build: BuildArgs,
    /// Port on 127.0.0.1.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Open the browser.
    #[arg(long)]
    open: bool,
}

/// Options of `tolmach build` (each overrides `tolmach.yaml`).
#[derive(Debug, Args)]
struct BuildArgs {
    /// Output folder (setting `output`).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Absolute address of the published site (setting `base_url`).
    #[arg(long)]
    base_url: Option<String>,
    /// Language order, comma-separated (setting `languages`).
    #[arg(long, value_delimiter = ',')]
    languages: Option<Vec<String>>,
    /// Theme folder under `themes/` (setting `theme`).
    #[arg(long)]
    theme: Option<String>,
    /// Links end in `index.html`, for reading from disk (setting `offline`).
    #[arg(long)]
    offline: bool,
    /// Leave out the parallel pages (setting `parallel: false`).
    #[arg(long)]
    no_parallel: bool,
    /// Refuse files larger than this many MiB (setting `max_file_mib`, default 8).
    #[arg(long)]
    max_file_mib: Option<u64>,
    /// Stop if the site would have more HTML and EPUB than this many MiB (setting
    /// `max_output_mib`; default 50 times the input, at least 64).
    #[arg(long)]
    max_output_mib: Option<u64>,
    /// Also build languages that are not published (not listed, or below the
    /// `publish` thresholds), to preview them.
    #[arg(long)]
    drafts: bool,
}

impl BuildArgs {
    /// The build these flags ask for.
    fn options(&self, root: PathBuf) -> build::Options {
        build::Options {
            root,
            overrides: Overrides {
                base_url: self.base_url.clone(),
                languages: self.languages.clone(),
                theme: self.theme.clone(),
                output: self.out.clone(),
                offline: self.offline,
                parallel: self.no_parallel.then_some(false),
                max_file_mib: self.max_file_mib,
                max_output_mib: self.max_output_mib,
                drafts: self.drafts,
            },
            progress: false,
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

/// Exit code 0 if `ok`, else 1.
fn code(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let root = cli.root;
    match cli.command {
        Command::Build(args) => {
            let report = build::run(&build::Options {
                progress: true,
                ..args.options(root)
            })?;
            print::build(&report);
            Ok(ExitCode::SUCCESS)
        }
        Command::Status(args) => {
            let report = status::run(&status::Options { root })?;
            print::status(&report, args.json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => {
            let report = check::run(&check::Options {
                root,
                lang: args.lang,
                require: args.require.map(|r| match r {
                    RequireArg::Reviewed => crate::model::Review::Reviewed,
                    RequireArg::Approved => crate::model::Review::Approved,
                }),
            })?;
            print::check(&report);
            Ok(code(report.passes(args.strict)))
        }
        Command::Sync(args) => {
            let report = sync::run(&sync::Options {
                root,
                langs: args.langs,
            })?;
            print::sync(&report);
            Ok(ExitCode::SUCCESS)
        }
        Command::Review(args) => {
            let report = review::run(&review::Options {
                root,
                lang: args.lang,
                ids: args.ids,
                all: args.all,
                level: if args.approve {
                    crate::model::Review::Approved
                } else {
                    crate::model::Review::Reviewed
                },
            })?;
            print::review(&report);
            Ok(code(report.is_clean()))
        }
        Command::Export(args) => {
            let exported = interchange::export::run(&interchange::export::Options {
                root,
                lang: args.lang,
                format: args.format,
                out: args.out,
                omegat_project: args.omegat_project,
            })?;
            print::export(&exported)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(args) => {
            let report = interchange::import::run(&interchange::import::Options {
                root,
                file: args.file,
                dry_run: args.dry_run,
                resolve: if args.theirs {
                    import::Resolve::Theirs
                } else if args.ours {
                    import::Resolve::Ours
                } else {
                    import::Resolve::Refuse
                },
            })?;
            print::import(&report);
            Ok(code(report.is_clean()))
        }
        Command::Serve(args) => {
            serve::run(&serve::Options {
                build: args.build.options(root),
                port: args.port,
                open: args.open,
            })?;
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

    #[test]
    fn root_goes_before_or_after_the_command() {
        for args in [
            ["tolmach", "--root", "p", "status"],
            ["tolmach", "status", "--root", "p"],
        ] {
            let cli = Cli::try_parse_from(args).unwrap();
            assert_eq!(cli.root, PathBuf::from("p"));
        }
    }
}
