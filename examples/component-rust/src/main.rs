//! rust-crates [FILE...]: prints the byte count of each FILE (in a preopened directory) with `itoa`, a
//! crates.io dependency, and the total at the end.
use std::env;
use std::fs;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut buf = itoa::Buffer::new();
    let mut total: u64 = 0;
    let mut status = ExitCode::SUCCESS;
    for file in env::args().skip(1) {
        match fs::read(&file) {
            Ok(bytes) => {
                total += bytes.len() as u64;
                println!("{}: {} bytes", file, buf.format(bytes.len()));
            }
            Err(err) => {
                eprintln!("{}: {}", file, err);
                status = ExitCode::from(1);
            }
        }
    }
    println!("total: {}", buf.format(total));
    status
}
