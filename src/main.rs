//! The `tolmach` command: parse arguments, run one command, turn errors into exit codes.

fn main() -> std::process::ExitCode {
    tolmach::cli::main()
}
