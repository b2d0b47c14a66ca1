//! hello-rust [NAME [FILE...]]: greets NAME with $GREETING, then counts the lines and words of each FILE,
//! which must sit in a directory the runtime preopened (e.g. `wasmtime run --dir testdata::/data`).
use std::env;
use std::fs;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let greeting = env::var("GREETING").unwrap_or_else(|_| "Hello".to_string());
    let name = args.first().map(String::as_str).unwrap_or("world");
    println!("{}, {}!", greeting, name);

    let mut status = ExitCode::SUCCESS;
    for file in args.iter().skip(1) {
        match fs::read_to_string(file) {
            Ok(text) => {
                let c = textstats::count(&text);
                println!("{}: {} lines, {} words, {} bytes", file, c.lines, c.words, c.bytes);
            }
            Err(err) => {
                eprintln!("{}: {}", file, err);
                status = ExitCode::from(1);
            }
        }
    }
    status
}
