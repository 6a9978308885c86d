//! The command line: thin drivers over the library.

use clap::{Parser, Subcommand};
use huanjie::{Diagnostic, LoadOptions};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// huanjie — a static site generator for county and township leadership changeover (换届) sites.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into an output folder (written atomically: a failed build leaves the old one).
    Build {
        /// Site folder (holding site.yaml, content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder [default: ROOT/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Override site.yaml's base_url, e.g. https://www.example.gov.cn
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Build the site into memory, serve it with live reload, rebuild on every change.
    Serve {
        /// Site folder (holding site.yaml, content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Interface to listen on; the default is reachable from this machine only.
        #[arg(long, default_value = "127.0.0.1")]
        interface: std::net::IpAddr,
        /// Port; if it is taken, the next free one is used (and named).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Check the site as an inspector would (links, translations, results, pasted-text
    /// artifacts, names, freshness, privacy) without writing anything; exit 1 on errors.
    Check {
        /// Site folder (holding site.yaml, content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Report format: `text` for people, `json` for tools (see docs/check.md).
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
        /// `--deny warnings`: warnings fail the check too.
        #[arg(long, value_parser = ["warnings"])]
        deny: Option<String>,
        /// Apply the safe fixes (punctuation width, spacing, invisible characters) to Markdown
        /// text, print them, then check again.
        #[arg(long)]
        fix: bool,
        /// The day of the check, YYYY-MM-DD [default: today in China].
        #[arg(long, value_parser = parse_day)]
        today: Option<jiff::civil::Date>,
    },
    /// Create a new site in DIR that builds at once with the default theme.
    Init {
        /// The folder to create.
        dir: PathBuf,
    },
}

/// A day written YYYY-MM-DD, for `check --today`.
fn parse_day(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse()
        .map_err(|e| format!("`{s}` is not a day YYYY-MM-DD: {e}"))
}

fn print_diagnostics(root: &Path, ds: &[Diagnostic]) {
    for d in ds {
        eprint!("{}", d.report(root));
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            output,
            drafts,
            base_url,
        } => {
            let start = std::time::Instant::now();
            let opts = LoadOptions { drafts, base_url };
            let out_dir = output.unwrap_or_else(|| root.join("public"));
            match huanjie::output::check_output_dir(&root, &out_dir)
                .and_then(|()| huanjie::build(&root, &opts))
                .and_then(|(out, warnings)| {
                    out.write(&out_dir)?;
                    Ok((out, warnings))
                }) {
                Ok((out, warnings)) => {
                    print_diagnostics(&root, &warnings);
                    let pages = out.files.keys().filter(|p| p.ends_with(".html")).count();
                    eprintln!(
                        "built {} pages ({} files) into {} in {} ms{}",
                        pages,
                        out.files.len(),
                        out_dir.display(),
                        start.elapsed().as_millis(),
                        if warnings.is_empty() {
                            String::new()
                        } else {
                            format!(", {} warning(s)", warnings.len())
                        }
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    print_diagnostics(&root, &e.0);
                    eprintln!(
                        "build failed: {} error(s); {} was not changed",
                        e.0.len(),
                        out_dir.display()
                    );
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve {
            root,
            interface,
            port,
            drafts,
            open,
        } => {
            // Not a site at all: say so and stop, rather than serve an error page.
            if !root.join("site.yaml").is_file() {
                if let Err(e) = huanjie::config::Config::load(&root) {
                    print_diagnostics(&root, &e.0);
                }
                return ExitCode::from(1);
            }
            // Ctrl-C: nothing is written to disk while serving, so stopping is just exiting.
            let _ = ctrlc::set_handler(|| {
                eprintln!("\nstopped");
                std::process::exit(0);
            });
            match huanjie::serve::run(huanjie::serve::ServeOptions {
                root,
                interface,
                port,
                drafts,
                open,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Check {
            root,
            format,
            deny,
            fix,
            today,
        } => {
            let format = match format.as_str() {
                "json" => huanjie::check::Format::Json,
                _ => huanjie::check::Format::Text,
            };
            let opts = huanjie::check::RunOptions {
                root,
                format,
                deny_warnings: deny.is_some(),
                fix,
                today,
            };
            ExitCode::from(huanjie::check::run(&opts))
        }
        Command::Init { dir } => match huanjie::scaffold::init(&dir) {
            Ok(()) => {
                eprintln!(
                    "created a new site in {}\nnext: huanjie build --root {}",
                    dir.display(),
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                print_diagnostics(Path::new("."), &e.0);
                ExitCode::from(1)
            }
        },
    }
}
