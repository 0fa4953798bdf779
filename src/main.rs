use clap::Parser;

fn main() -> std::process::ExitCode {
    let args = lanyard::cli::Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("starting the async runtime");
    runtime.block_on(lanyard::cli::run(args))
}
