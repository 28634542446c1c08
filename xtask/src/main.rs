//! Developer tasks that are not part of the `tolmach` binary: `cargo xtask
//! gen-corpus` writes a synthetic project at scale for the benchmarks.

mod corpus;

use clap::{Parser, Subcommand};

/// Tolmach's developer tasks.
#[derive(Debug, Parser)]
#[command(name = "xtask")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Debug, Subcommand)]
enum Task {
    /// Write a generated project at scale K with L languages (for benchmarks).
    GenCorpus(corpus::Args),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.task {
        Task::GenCorpus(args) => corpus::run(&args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{err}");
            std::process::ExitCode::from(1)
        }
    }
}
