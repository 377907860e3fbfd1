//! `tasking-vault-cli`: Tasking Vault without a window, for scripts, tests
//! and benchmarks. Every command that creates or opens a vault reads the
//! passphrase as the first line of standard input. See `docs/CLI.md`.

mod generate;

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use casebook::{Actor, Casebook, SystemClock};
use clap::{Parser, Subcommand};
use tasking_api::{Api, ApiConfig, ApiError, UnlockParams};
use vault::{CreateOptions, DEFAULT_WORK_FACTOR, Passphrase, RecoverySecret, Vault};
use zeroize::Zeroizing;

#[derive(Parser)]
#[command(
    name = "tasking-vault-cli",
    version,
    about = "Tasking Vault without a window."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new vault; the recovery secret goes to --recovery-out.
    Create {
        /// The new vault file (must not exist).
        vault: PathBuf,
        /// Where to write the recovery secret (must not exist).
        #[arg(long)]
        recovery_out: PathBuf,
        /// scrypt work factor, log2 N (tests use a low value).
        #[arg(long, default_value_t = DEFAULT_WORK_FACTOR)]
        work_factor: u8,
    },
    /// Unlock, decrypt every part, check the schema and the audit chain.
    Verify {
        /// The vault file.
        vault: PathBuf,
    },
    /// Answer JSON requests, one a line, after the passphrase line.
    Api {
        /// The vault file.
        vault: PathBuf,
    },
    /// Set a new passphrase with the recovery secret (new passphrase twice on stdin).
    Recover {
        /// The vault file.
        vault: PathBuf,
        /// File holding the recovery secret (the recovery sheet's key line).
        #[arg(long)]
        recovery_key: PathBuf,
    },
    /// Change the passphrase (stdin: current, new, new again).
    ChangePassphrase {
        /// The vault file.
        vault: PathBuf,
    },
    /// Write a synthetic vault of realistic size, for benchmarks.
    Generate {
        /// The new vault file (must not exist).
        vault: PathBuf,
        /// Years of records to generate.
        #[arg(long, default_value_t = 1)]
        years: u32,
        /// scrypt work factor, log2 N.
        #[arg(long, default_value_t = DEFAULT_WORK_FACTOR)]
        work_factor: u8,
    },
    /// Write the demo vault of invented data and print its passphrase.
    Demo {
        /// The new vault file (replaced if it is an earlier demo vault).
        vault: PathBuf,
        /// scrypt work factor, log2 N.
        #[arg(long, default_value_t = DEFAULT_WORK_FACTOR)]
        work_factor: u8,
    },
}

/// A failure worth one line on standard error and exit code 1.
struct Failure(String);

impl From<casebook::Error> for Failure {
    fn from(e: casebook::Error) -> Self {
        Failure(e.to_string())
    }
}
impl From<vault::Error> for Failure {
    fn from(e: vault::Error) -> Self {
        Failure(e.to_string())
    }
}
impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Failure(e.message)
    }
}
impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure(format!("Input or output failed: {e}."))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("tasking-vault-cli: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Reads one secret line from standard input; the text is zeroed on drop.
fn read_line(
    lines: &mut impl Iterator<Item = std::io::Result<String>>,
    what: &str,
) -> Result<Zeroizing<String>, Failure> {
    match lines.next() {
        Some(line) => Ok(Zeroizing::new(line?)),
        None => Err(Failure(format!(
            "Expected the {what} as a line on standard input."
        ))),
    }
}

/// Reads a new passphrase twice and checks both lines agree.
fn read_new_passphrase(
    lines: &mut impl Iterator<Item = std::io::Result<String>>,
) -> Result<Passphrase, Failure> {
    let new = read_line(lines, "new passphrase")?;
    let again = read_line(lines, "new passphrase again")?;
    if *new != *again {
        return Err(Failure(
            "The two new passphrases are different; nothing was changed.".into(),
        ));
    }
    Ok(Passphrase::new(new.as_str()))
}

fn run(command: Command) -> Result<(), Failure> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let clock = Arc::new(SystemClock);
    match command {
        Command::Create {
            vault,
            recovery_out,
            work_factor,
        } => {
            let pass = Passphrase::new(read_line(&mut lines, "passphrase")?.as_str());
            if recovery_out.exists() {
                return Err(Failure(
                    "The --recovery-out file already exists; choose a new name.".into(),
                ));
            }
            let (book, secret) = Casebook::create(
                &vault,
                &pass,
                CreateOptions { work_factor },
                clock,
                Actor::Cli,
            )?;
            write_recovery_file(&recovery_out, &secret, book.vault().header())?;
            book.close()?;
            println!(
                "Created {}. The recovery secret is in {}: print it for the Designated Person, \
                 then delete the file.",
                vault.display(),
                recovery_out.display()
            );
            Ok(())
        }
        Command::Verify { vault } => {
            let pass = Passphrase::new(read_line(&mut lines, "passphrase")?.as_str());
            let book = Casebook::open(&vault, &pass, clock, Actor::Cli)?;
            let v = book.verify()?;
            let t = book.vault().unlock_timings();
            println!("vault: {} (sound)", vault.display());
            println!("format version: {}", v.vault.header.format_version);
            println!("vault id: {}", v.vault.header.vault_id);
            println!("generation: {}", v.vault.header.generation);
            println!("work factor: {}", v.vault.header.work_factor);
            println!("snapshot parts: {}", v.vault.snapshot_parts);
            println!("journal entries: {}", v.vault.journal_entries);
            println!("working copy: {} bytes", v.vault.working_bytes);
            println!("schema version: {}", v.schema_version);
            println!("audit entries verified: {}", v.audit_entries);
            println!("agencies: {}", v.agencies);
            println!(
                "unlock: key derivation {} ms, the rest {} ms",
                t.key_derivation.as_millis(),
                t.rest.as_millis()
            );
            // Verify only reads: leave the file exactly as it was found.
            drop(book);
            Ok(())
        }
        Command::Api { vault } => {
            let pass = read_line(&mut lines, "passphrase")?;
            let mut api = Api::new(ApiConfig {
                vault_path: vault,
                demo_passphrase: None,
                work_factor: DEFAULT_WORK_FACTOR,
                actor: Actor::Cli,
                clock,
            });
            api.vault_unlock(UnlockParams {
                passphrase: pass.to_string(),
            })?;
            drop(pass);
            let out = std::io::stdout();
            let mut out = out.lock();
            for line in lines {
                let line = line?;
                if line.trim().is_empty() {
                    continue;
                }
                writeln!(out, "{}", answer(&mut api, &line))?;
                out.flush()?;
            }
            api.close()?;
            Ok(())
        }
        Command::Recover {
            vault,
            recovery_key,
        } => {
            let text = Zeroizing::new(std::fs::read_to_string(&recovery_key).map_err(|_| {
                Failure("The recovery key file could not be read. Check its path.".into())
            })?);
            let secret = RecoverySecret::parse(&text)?;
            let new = read_new_passphrase(&mut lines)?;
            let v = Vault::recover(&vault, &secret, &new)?;
            let book = Casebook::wrap(v, clock, Actor::Cli)?;
            book.close()?;
            println!(
                "The passphrase of {} has been replaced; the old one no longer opens it.",
                vault.display()
            );
            Ok(())
        }
        Command::ChangePassphrase { vault } => {
            let current = Passphrase::new(read_line(&mut lines, "current passphrase")?.as_str());
            let new = read_new_passphrase(&mut lines)?;
            let mut book = Casebook::open(&vault, &current, clock, Actor::Cli)?;
            book.change_passphrase(&current, &new)?;
            book.close()?;
            println!("The passphrase of {} has been changed.", vault.display());
            Ok(())
        }
        Command::Generate {
            vault,
            years,
            work_factor,
        } => {
            let pass = Passphrase::new(read_line(&mut lines, "passphrase")?.as_str());
            generate::generate(&vault, &pass, years, work_factor, clock)
        }
        Command::Demo { vault, work_factor } => {
            if vault.exists() {
                replace_earlier_demo(&vault)?;
            }
            let pass = Passphrase::new(casebook::demo::DEMO_PASSPHRASE);
            let (mut book, _secret) = Casebook::create(
                &vault,
                &pass,
                CreateOptions { work_factor },
                clock,
                Actor::Cli,
            )?;
            casebook::demo::populate(&mut book)?;
            book.close()?;
            println!("Demo vault of invented data: {}", vault.display());
            println!("Passphrase: {}", casebook::demo::DEMO_PASSPHRASE);
            Ok(())
        }
    }
}

/// One request line in, one JSON answer line out.
fn answer(api: &mut Api, line: &str) -> serde_json::Value {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Request {
        method: String,
        #[serde(default)]
        params: serde_json::Value,
    }
    let outcome = serde_json::from_str::<Request>(line)
        .map_err(|_| {
            ApiError::new(
                "bad_request",
                "Each line must be one JSON object: {\"method\": \"...\", \"params\": {...}}.",
            )
        })
        .and_then(|r| api.dispatch(&r.method, r.params));
    match outcome {
        Ok(value) => serde_json::json!({ "ok": value }),
        Err(e) => serde_json::json!({ "error": e }),
    }
}

/// Writes the recovery secret in age's identity-file format, so `age -d -i`
/// reads it as it is.
fn write_recovery_file(
    path: &Path,
    secret: &RecoverySecret,
    header: &vault::Header,
) -> Result<(), Failure> {
    let text = Zeroizing::new(format!(
        "# Tasking Vault recovery secret\n# vault id: {}\n# created: {}\n# Keep this with the Designated Person, away from the laptop.\n{}\n",
        header.vault_id,
        header.created,
        secret.expose()
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    Ok(())
}

/// The demo command may replace an earlier demo vault, and nothing else.
fn replace_earlier_demo(path: &Path) -> Result<(), Failure> {
    let pass = Passphrase::new(casebook::demo::DEMO_PASSPHRASE);
    match Vault::open(path, &pass) {
        Ok(v) => {
            drop(v);
            std::fs::remove_file(path)?;
            for suffix in ["-wal", "-shm"] {
                let mut side = path.as_os_str().to_owned();
                side.push(suffix);
                let _ = std::fs::remove_file(side);
            }
            Ok(())
        }
        Err(_) => Err(Failure(format!(
            "{} exists and is not a demo vault; it was left alone. Choose another path.",
            path.display()
        ))),
    }
}
