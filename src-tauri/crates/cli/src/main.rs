//! `tasking-vault-cli`: Tasking Vault without a window, for scripts, tests
//! and benchmarks. Every command that creates or opens a vault reads the
//! passphrase as the first line of standard input. See `docs/CLI.md`.

mod generate;
mod stdio;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use casebook::{Actor, Casebook, Clock, SystemClock};
use chrono::{DateTime, Utc};
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
    /// Unlock, decrypt every part, check the schema, the audit chain and
    /// every signature's digest.
    Verify {
        /// The vault file.
        vault: PathBuf,
    },
    /// Answer JSON requests, one a line, after the passphrase line.
    Api {
        /// The vault file.
        vault: PathBuf,
        /// Start locked, reading no passphrase line (the vault may not exist
        /// yet: `vault_create` then makes it), as the app starts.
        #[arg(long)]
        locked: bool,
        /// Demo mode, as the app's `--demo`: the status shows the demo
        /// vault's passphrase while locked.
        #[arg(long)]
        demo: bool,
        /// scrypt work factor, log2 N, of a vault `vault_create` makes.
        #[arg(long, default_value_t = DEFAULT_WORK_FACTOR)]
        work_factor: u8,
        /// For tests: the records' clock starts at this instant (RFC 3339)
        /// instead of now, and runs on from there.
        #[arg(long, value_name = "TIME")]
        clock: Option<DateTime<Utc>>,
        /// The folder `minutes_export` writes into, under the app's file
        /// name (the app asks with its save dialog instead). Without it,
        /// `minutes_export` answers `no_save_dialog`.
        #[arg(long, value_name = "DIR")]
        export_dir: Option<PathBuf>,
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
    /// Export a meeting's minutes as PDF: an approved version, or the draft
    /// (marked DRAFT on every page). The file is named by the app and
    /// written into --out-dir; an existing file is never replaced.
    ExportMinutes {
        /// The vault file.
        vault: PathBuf,
        /// The meeting's id.
        #[arg(long)]
        meeting: i64,
        /// The approved version; without it, the draft.
        #[arg(long)]
        version: Option<i64>,
        /// The folder to write the file into (must exist).
        #[arg(long)]
        out_dir: PathBuf,
    },
    /// Export a meeting's agenda as PDF, for circulation before it. The
    /// file is named by the app and written into --out-dir; an existing
    /// file is never replaced.
    ExportAgenda {
        /// The vault file.
        vault: PathBuf,
        /// The meeting's id.
        #[arg(long)]
        meeting: i64,
        /// The folder to write the file into (must exist).
        #[arg(long)]
        out_dir: PathBuf,
    },
    /// Say whether a file (.pdf or .pdf.age) is a copy of minutes issued
    /// from the vault: which minutes, version, copy, recipient and date, or
    /// that it was changed since, or that it matches none. Exit status 0
    /// for an issued copy, 3 for an altered or unknown file.
    IdentifyCopy {
        /// The vault file.
        vault: PathBuf,
        /// The file to check.
        file: PathBuf,
    },
    /// Write the demo vault of invented data and print its passphrase.
    Demo {
        /// The new vault file (replaced if it is an earlier demo vault).
        vault: PathBuf,
        /// scrypt work factor, log2 N.
        #[arg(long, default_value_t = DEFAULT_WORK_FACTOR)]
        work_factor: u8,
        /// For tests: the demo's today, and the clock its records are
        /// written by, start at this instant (RFC 3339) instead of now.
        #[arg(long, value_name = "TIME")]
        clock: Option<DateTime<Utc>>,
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
    // Before anything else: SQLite on the zeroing allocator, and (in release
    // builds) no core dump and no debugger attaching (issue 13). The tests
    // that read this process's memory use the debug build.
    let _ = wipe::route_sqlite();
    #[cfg(not(debug_assertions))]
    let _ = wipe::forbid_dumps();
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("tasking-vault-cli: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Standard input, a line at a time. Lines are read as bytes, so that a
/// request line that is not UTF-8 can be answered rather than end the
/// session; they are kept only in blocks zeroed when freed (`stdio`).
struct Input<R>(stdio::Lines<R>);

impl<R: Read> Input<R> {
    /// The next line without its `\n` or `\r\n`, zeroed on drop; `None` at the end.
    fn line(&mut self) -> std::io::Result<Option<Zeroizing<Vec<u8>>>> {
        self.0.next_line()
    }

    /// The next line as a secret (a passphrase), zeroed on drop.
    fn secret(&mut self, what: &str) -> Result<Zeroizing<String>, Failure> {
        let line = self
            .line()?
            .ok_or_else(|| Failure(format!("Expected the {what} as a line on standard input.")))?;
        let text = std::str::from_utf8(&line)
            .map_err(|_| Failure(format!("The {what} line is not UTF-8 text.")))?;
        Ok(Zeroizing::new(text.to_owned()))
    }

    /// A new passphrase, read twice; both lines must agree.
    fn new_passphrase(&mut self) -> Result<Passphrase, Failure> {
        let new = self.secret("new passphrase")?;
        let again = self.secret("new passphrase again")?;
        if *new != *again {
            return Err(Failure(
                "The two new passphrases are different; nothing was changed.".into(),
            ));
        }
        Ok(Passphrase::new(new.as_str()))
    }
}

/// The system clock, moved so that it started at another instant: for
/// tests that need a known "today" (`--clock`).
struct StartedAt {
    offset: chrono::TimeDelta,
}

impl Clock for StartedAt {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset
    }
}

/// The clock a command runs by: the system's, or one started at `start`.
fn clock_from(start: Option<DateTime<Utc>>) -> Arc<dyn Clock> {
    match start {
        None => Arc::new(SystemClock),
        Some(start) => Arc::new(StartedAt {
            offset: start - Utc::now(),
        }),
    }
}

fn run(command: Command) -> Result<(), Failure> {
    let mut input = Input(stdio::stdin()?);
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    match command {
        Command::Create {
            vault,
            recovery_out,
            work_factor,
        } => {
            let pass = Passphrase::new(input.secret("passphrase")?.as_str());
            create(
                &vault,
                &recovery_out,
                &pass,
                CreateOptions { work_factor },
                clock,
            )?;
            println!(
                "Created {}. The recovery secret is in {}: print it for the Designated Person, \
                 then delete the file.",
                vault.display(),
                recovery_out.display()
            );
            Ok(())
        }
        Command::Verify { vault } => {
            let pass = Passphrase::new(input.secret("passphrase")?.as_str());
            // Only reads: an older schema is reported, not upgraded.
            let v = Casebook::verify_file(&vault, &pass)?;
            let t = v.unlock;
            println!("vault: {} (sound)", vault.display());
            println!("format version: {}", v.vault.header.format_version);
            println!("vault id: {}", v.vault.header.vault_id);
            println!("generation: {}", v.vault.header.generation);
            println!("work factor: {}", v.vault.header.work_factor);
            println!("snapshot parts: {}", v.vault.snapshot_parts);
            println!("journal entries: {}", v.vault.journal_entries);
            println!("working copy: {} bytes", v.vault.working_bytes);
            match v.upgrade_pending {
                false => println!("schema version: {}", v.schema_version),
                true => println!(
                    "schema version: {} (older: upgraded the next time the vault is opened for use)",
                    v.schema_version
                ),
            }
            println!("audit entries verified: {}", v.audit_entries);
            println!("signatures verified: {}", v.signatures);
            println!("agencies: {}", v.agencies);
            println!(
                "unlock: key derivation {} ms, the rest {} ms",
                t.key_derivation.as_millis(),
                t.rest.as_millis()
            );
            Ok(())
        }
        Command::Api {
            vault,
            locked,
            demo,
            work_factor,
            clock,
            export_dir,
        } => {
            if let Some(dir) = &export_dir
                && !dir.is_dir()
            {
                return Err(Failure(format!(
                    "--export-dir {} is not a folder. Make it first, or name another.",
                    dir.display()
                )));
            }
            let mut out = stdio::stdout()?;
            let config = ApiConfig {
                vault_path: vault,
                demo_passphrase: demo.then(|| casebook::demo::DEMO_PASSPHRASE.to_owned()),
                work_factor,
                actor: Actor::Cli,
                clock: clock_from(clock),
                export_dir,
            };
            let started = match locked {
                true => Ok(Api::new(config)),
                false => start_session(&mut input, config),
            };
            let mut api = match started {
                Ok(api) => api,
                Err(e) => {
                    // The code goes where every answer goes, for scripts to switch on.
                    stdio::write_line(&mut out, &reply(Err(e.clone())).to_string())?;
                    return Err(e.into());
                }
            };
            while let Some(line) = input.line()? {
                let outcome = match std::str::from_utf8(&line) {
                    Ok(text) if text.trim().is_empty() => continue,
                    Ok(text) => request(&mut api, text),
                    Err(_) => Err(ApiError::new(
                        "bad_request",
                        "The line is not UTF-8 text. Each request must be one line of JSON.",
                    )),
                };
                stdio::write_line(&mut out, &Zeroizing::new(reply(outcome).to_string()))?;
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
            let secret = recovery_secret(&text, &recovery_key)?;
            let new = input.new_passphrase()?;
            let book = Casebook::recover(&vault, &secret, &new, clock, Actor::Cli)?;
            book.close()?;
            println!(
                "The passphrase of {} has been replaced; the old one no longer opens it.",
                vault.display()
            );
            Ok(())
        }
        Command::ChangePassphrase { vault } => {
            let current = Passphrase::new(input.secret("current passphrase")?.as_str());
            let new = input.new_passphrase()?;
            let mut book = Casebook::open(&vault, &current, clock, Actor::Cli)?;
            book.change_passphrase(&current, &new)?;
            println!("The passphrase of {} has been changed.", vault.display());
            // The change is saved; closing only compacts, and a compaction
            // that fails loses nothing, so it must not read as a failure.
            if let Err(e) = book.close() {
                eprintln!(
                    "tasking-vault-cli: note: the vault could not be compacted on closing ({}); \
                     nothing is lost, and the next session tries again.",
                    e.code()
                );
            }
            Ok(())
        }
        Command::Generate {
            vault,
            years,
            work_factor,
        } => {
            let pass = Passphrase::new(input.secret("passphrase")?.as_str());
            generate::generate(&vault, &pass, years, work_factor, clock)
        }
        Command::ExportMinutes {
            vault,
            meeting,
            version,
            out_dir,
        } => {
            let pass = Passphrase::new(input.secret("passphrase")?.as_str());
            let mut book = Casebook::open(&vault, &pass, clock, Actor::Cli)?;
            let file = book.export_minutes(meeting, version)?;
            write_export(&out_dir, &file)?;
            book.close()?;
            Ok(())
        }
        Command::ExportAgenda {
            vault,
            meeting,
            out_dir,
        } => {
            let pass = Passphrase::new(input.secret("passphrase")?.as_str());
            let mut book = Casebook::open(&vault, &pass, clock, Actor::Cli)?;
            let file = book.export_agenda(meeting)?;
            write_export(&out_dir, &file)?;
            book.close()?;
            Ok(())
        }
        Command::IdentifyCopy { vault, file } => {
            let max = casebook::circulation::MAX_IDENTIFY_BYTES;
            let bytes = std::fs::metadata(&file)
                .and_then(|m| {
                    if m.len() > max as u64 {
                        Err(std::io::Error::other("too large"))
                    } else {
                        std::fs::read(&file)
                    }
                })
                .map_err(|e| {
                    Failure(format!(
                        "{} could not be read ({e}). Name the .pdf or .pdf.age file of the copy \
                         (at most {} MB).",
                        file.display(),
                        max / (1024 * 1024)
                    ))
                })?;
            let pass = Passphrase::new(input.secret("passphrase")?.as_str());
            let book = Casebook::open(&vault, &pass, clock, Actor::Cli)?;
            let found = book.identify_copy(&bytes)?;
            book.close()?;
            println!("{}", found.message);
            if found.verdict != casebook::Verdict::Issued {
                std::process::exit(3);
            }
            Ok(())
        }
        Command::Demo {
            vault,
            work_factor,
            clock,
        } => {
            if vault.exists() {
                replace_earlier_demo(&vault)?;
            }
            let pass = Passphrase::new(casebook::demo::DEMO_PASSPHRASE);
            let (mut book, _secret) = Casebook::create(
                &vault,
                &pass,
                CreateOptions { work_factor },
                clock_from(clock),
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

/// Writes an exported file into `dir` under its app-made name (mode 0600,
/// never replacing a file), then prints its path and SHA-256.
fn write_export(dir: &Path, file: &casebook::MinutesFile) -> Result<(), Failure> {
    let path = dir.join(&file.file_name);
    let mut f = new_private_file(&path).map_err(|e| {
        Failure(match e.kind() {
            std::io::ErrorKind::AlreadyExists => format!(
                "{} already exists; nothing was written. Move it away or choose another folder.",
                path.display()
            ),
            _ => format!(
                "Could not write {} ({e}). Check the folder exists and you may write in it.",
                path.display()
            ),
        })
    })?;
    f.write_all(&file.bytes)?;
    f.sync_all()?;
    println!("{}", path.display());
    println!("sha256: {}", file.sha256);
    Ok(())
}

/// `api`'s first step: the passphrase line, then unlocking.
fn start_session(input: &mut Input<impl Read>, config: ApiConfig) -> Result<Api, ApiError> {
    let mut pass = input
        .secret("passphrase")
        .map_err(|Failure(message)| ApiError::new("bad_request", message))?;
    let mut api = Api::new(config);
    tasking_api::commands::vault_unlock(
        &mut api,
        UnlockParams {
            passphrase: std::mem::take(&mut *pass),
        },
    )?;
    Ok(api)
}

/// Runs one request line: a method, or a signal (see [`signal`]).
fn request(api: &mut Api, line: &str) -> Result<serde_json::Value, ApiError> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields, untagged)]
    enum Request {
        Method {
            method: String,
            #[serde(default)]
            params: serde_json::Value,
        },
        Signal {
            signal: String,
        },
    }
    let r = serde_json::from_str::<Request>(line).map_err(|_| {
        ApiError::new(
            "bad_request",
            "Each line must be one JSON object: {\"method\": \"...\", \"params\": {...}}.",
        )
    })?;
    match r {
        Request::Method { method, params } => api.dispatch(&method, params),
        Request::Signal { signal } => self::signal(api, &signal),
    }
}

/// What the app's shell does on an event of its own, for tests of the
/// screens: `idle` runs the shell's idle timer as if the vault's auto-lock
/// time had passed without activity. It locks an unlocked vault (the
/// signing kiosk included), as the app does, and answers whether it did.
fn signal(api: &mut Api, signal: &str) -> Result<serde_json::Value, ApiError> {
    match signal {
        "idle" => {
            let later = Instant::now()
                + Duration::from_secs(u64::from(*casebook::AUTO_LOCK_RANGE.end()) * 60);
            Ok(serde_json::json!({ "locked": api.lock_if_idle(later) }))
        }
        _ => Err(ApiError::new(
            "bad_request",
            "There is no such signal. The one signal is \"idle\" (see docs/CLI.md).",
        )),
    }
}

/// One answer line: `{"ok": ...}` or `{"error": {"code": ..., "message": ...}}`.
fn reply(outcome: Result<serde_json::Value, ApiError>) -> serde_json::Value {
    match outcome {
        Ok(value) => serde_json::json!({ "ok": value }),
        Err(e) => serde_json::json!({ "error": e }),
    }
}

/// `create`: the vault and its recovery-key file, both or neither. The
/// recovery secret is stored nowhere else, so the file is made first (new,
/// owner-only), and a vault whose secret could not be written is deleted.
fn create(
    vault: &Path,
    recovery_out: &Path,
    pass: &Passphrase,
    options: CreateOptions,
    clock: Arc<dyn Clock>,
) -> Result<(), Failure> {
    let mut sheet = new_private_file(recovery_out).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::AlreadyExists => "it already exists; choose a new name".into(),
            std::io::ErrorKind::NotFound => "its folder does not exist".into(),
            std::io::ErrorKind::PermissionDenied => "its folder cannot be written".into(),
            _ => e.kind().to_string(),
        };
        Failure(format!(
            "The --recovery-out file {} could not be made: {why}. Nothing was created.",
            recovery_out.display()
        ))
    })?;
    let save = |text: &str| {
        sheet.write_all(text.as_bytes())?;
        sheet.sync_all()
    };
    let made = create_with_sheet(vault, pass, options, clock, save, recovery_out);
    if made.is_err() {
        drop(sheet);
        let _ = std::fs::remove_file(recovery_out);
    }
    made
}

/// Creates the vault and saves its recovery sheet's text with `save_sheet`
/// (to the file at `sheet_path`); deletes the vault again if that fails.
fn create_with_sheet(
    vault: &Path,
    pass: &Passphrase,
    options: CreateOptions,
    clock: Arc<dyn Clock>,
    save_sheet: impl FnOnce(&str) -> std::io::Result<()>,
    sheet_path: &Path,
) -> Result<(), Failure> {
    let (book, secret) = Casebook::create(vault, pass, options, clock, Actor::Cli)?;
    if let Err(e) = save_sheet(&recovery_sheet(&secret, book.vault().header())) {
        drop(book);
        let removed = remove_vault_files(vault);
        return Err(Failure(format!(
            "The recovery secret could not be written to {} ({}), so the new vault was {}. \
             Check that disk's free space and that folder's permissions, then run create again.",
            sheet_path.display(),
            e.kind(),
            match removed {
                Ok(()) => "deleted again: nothing was created".to_owned(),
                Err(_) => format!(
                    "left at {} without its recovery secret: delete it",
                    vault.display()
                ),
            }
        )));
    }
    book.close()?;
    Ok(())
}

/// A new file, readable by its owner only; refuses to replace anything.
fn new_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// The recovery-key file's text: age's identity-file format, so `age -d -i`
/// reads it as it is.
fn recovery_sheet(secret: &RecoverySecret, header: &vault::Header) -> Zeroizing<String> {
    Zeroizing::new(format!(
        "# Tasking Vault recovery secret\n# vault id: {}\n# created: {}\n# Keep this with the Designated Person, away from the laptop.\n{}\n",
        header.vault_id,
        header.created,
        secret.expose()
    ))
}

/// The recovery secret in a recovery-key file's text. Tells a file that
/// holds no secret at all, or a mistyped one, from a secret that does not
/// open the vault (which only unlocking can tell).
fn recovery_secret(text: &str, path: &Path) -> Result<RecoverySecret, Failure> {
    const PREFIX: &str = "AGE-SECRET-KEY-1";
    let has_key_line = text.lines().any(|l| {
        l.trim_start()
            .get(..PREFIX.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(PREFIX))
    });
    if !has_key_line {
        return Err(Failure(format!(
            "{} holds no recovery secret: no line starts with {PREFIX}, as the recovery \
             sheet's key line does. Check that this is the file create wrote, or type the key \
             line from the sheet into a file.",
            path.display()
        )));
    }
    RecoverySecret::parse(text).map_err(|_| {
        Failure(format!(
            "The recovery secret in {} is not valid: compare its line with the recovery \
             sheet, character by character.",
            path.display()
        ))
    })
}

/// The demo command may replace an earlier demo vault, and nothing else.
fn replace_earlier_demo(path: &Path) -> Result<(), Failure> {
    let pass = Passphrase::new(casebook::demo::DEMO_PASSPHRASE);
    match Vault::open(path, &pass) {
        Ok(v) => {
            drop(v);
            Ok(remove_vault_files(path)?)
        }
        Err(vault::Error::InUse) => Err(Failure(format!(
            "{} is open in another window or program; it was left alone. Close it there, then \
             run demo again.",
            path.display()
        ))),
        Err(vault::Error::WrongPassphraseOrDamaged | vault::Error::NotAVault) => {
            Err(Failure(format!(
                "{} exists and is not a demo vault; it was left alone. Choose another path.",
                path.display()
            )))
        }
        Err(e) => Err(Failure(format!(
            "{} exists and could not be checked to be a demo vault; it was left alone. {e}",
            path.display()
        ))),
    }
}

/// Deletes a vault file and the side files SQLite may have left beside it.
fn remove_vault_files(path: &Path) -> std::io::Result<()> {
    std::fs::remove_file(path)?;
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(side);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vault_whose_recovery_sheet_cannot_be_saved_is_deleted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let vault = dir.path().join("chair.tvault");
        let sheet = dir.path().join("recovery.txt");
        let Err(Failure(message)) = create_with_sheet(
            &vault,
            &Passphrase::new("correct horse battery staple"),
            CreateOptions { work_factor: 2 },
            Arc::new(SystemClock),
            |_| Err(std::io::Error::from(std::io::ErrorKind::StorageFull)),
            &sheet,
        ) else {
            panic!("created although the sheet could not be saved");
        };
        assert!(
            !vault.exists(),
            "the vault is left without its recovery secret"
        );
        for suffix in ["-wal", "-shm"] {
            assert!(!dir.path().join(format!("chair.tvault{suffix}")).exists());
        }
        assert!(message.contains(&sheet.display().to_string()), "{message}");
        assert!(message.contains("nothing was created"), "{message}");
        assert!(message.contains("run create again"), "{message}");
    }
}
