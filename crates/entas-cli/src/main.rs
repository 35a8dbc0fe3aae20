//! `entas`: the command-line front end of the simulation core. The only IO doorway for analysts.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None | Some("-h") | Some("--help") => {
            println!("{}", usage());
            ExitCode::SUCCESS
        }
        Some("--version") => {
            println!("entas {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("entas: unknown command '{other}'\n\n{}", usage());
            ExitCode::from(2)
        }
    }
}

fn usage() -> &'static str {
    "usage: entas <command>\n\ncommands:\n  --version   print the version\n  --help      print this help"
}
