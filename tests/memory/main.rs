//! Nothing of the records survives a lock in memory (issue 13). Distinctive
//! canary words, made up afresh for each run, are written as records
//! through the API, read back, listed and searched; then the vault is
//! locked, and the process's memory (every anonymous mapping: heap,
//! stacks, SQLite's, read through `/proc/PID/mem`) is searched for them in
//! UTF-8 and UTF-16.
//!
//! Three sessions, each in its own process:
//! - the real command-line tool (`tasking-vault-cli api`): the canaries
//!   are in its memory before the lock (so the search can find them) and
//!   in none of it after;
//! - this binary, re-run as a child that drives the API in process, with
//!   the zeroing allocator: none after the lock;
//! - the same child with the zeroing stopped (`wipe::control`, as the code
//!   was before issue 13): the check finds canaries after the lock. This
//!   is the test's control: the same check fails without the wiping.
//!
//! Linux only (it reads `/proc`); the child must be readable by this
//! process (its parent), which the debug build allows.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod dumps;
mod scan;
mod session;

use std::io::{BufRead, BufReader, Write};
use std::process::{ChildStdin, Command, Stdio};

use serde_json::{Value, json};

const CHILD_MODE: &str = "TASKING_VAULT_MEMORY_CHILD";

fn main() {
    if let Ok(mode) = std::env::var(CHILD_MODE) {
        session::child(&mode);
        return;
    }
    if !cfg!(target_os = "linux") {
        println!("memory: reads /proc, so runs on Linux only; skipped here");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let canaries = scan::canaries();
    let mut failed = Vec::new();

    // 1. The real command-line tool.
    let cli = cli_binary();
    assert!(
        cli.exists(),
        "{} is missing: build it first (cargo build -p tasking-vault-cli)",
        cli.display()
    );
    let mut api = Cli::start(&cli, &tmp.path().join("cli.tvault"));
    session::scenario(&mut |m, p| api.call(m, p), &canaries);
    let before = scan::find(api.pid(), &canaries);
    let missing: Vec<_> = canaries
        .iter()
        .filter(|c| !before.iter().any(|f| &f.needle == *c))
        .collect();
    assert!(
        missing.is_empty(),
        "the search finds every canary while unlocked (it can fail): missing {missing:?}"
    );
    api.call("vault_lock", json!({}));
    let after = scan::find(api.pid(), &canaries);
    report("tasking-vault-cli api", &before, &after);
    if !after.is_empty() {
        failed.push("tasking-vault-cli api");
    }
    api.stop();

    // 2 and 3. This binary as the child, with the zeroing and without.
    for (mode, wiped) in [("wiped", true), ("control", false)] {
        let child = InProcess::spawn(mode, &tmp.path().join(format!("{mode}.tvault")), &canaries);
        let after = scan::find(child.pid(), &canaries);
        report(&format!("in-process API, {mode}"), &[], &after);
        child.stop();
        match (wiped, after.is_empty()) {
            (true, false) => failed.push("in-process API with the zeroing allocator"),
            (false, true) => failed.push(
                "the control (zeroing stopped) found no canary after the lock, so the check \
                 cannot tell the wiping from its absence",
            ),
            _ => {}
        }
    }
    // 4. A release build cannot be dumped or read (with the e2e build).
    if std::env::var("TASKING_VAULT_E2E").as_deref() == Ok("1") {
        let uid = std::process::Command::new("id").arg("-u").output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&uid.stdout).trim(),
            "0",
            "the dump check runs as root: it starts the tool as the user nobody (scripts/test \
             runs as root or with sudo already)"
        );
        let release = release_cli();
        assert!(
            release.exists(),
            "{} is missing: build it first (cargo build --profile e2e -p tasking-vault-cli)",
            release.display()
        );
        let shipped = dumps::exposure(&release);
        let control = dumps::exposure(&cli);
        println!("release build: {shipped:?}");
        println!("debug build (the control): {control:?}");
        let refused = dumps::Exposure {
            proc_owned_by_user: false,
            readable_by_same_user: false,
            core_limit: "0 0".into(),
            core_written: false,
        };
        if shipped != refused {
            failed.push("the release build can be dumped or read");
        }
        if control.core_limit == "0 0"
            || !control.core_written
            || !control.readable_by_same_user
            || !control.proc_owned_by_user
        {
            failed.push(
                "the control (the debug build) could not be dumped or read either, so the \
                 check cannot tell",
            );
        }
    } else {
        println!("memory: the release build's dump check runs with TASKING_VAULT_E2E=1");
    }
    assert!(failed.is_empty(), "failed: {failed:?}");
    println!("memory: no canary survives a lock; the control finds them without the wiping");
}

/// The optimised command-line tool `scripts/test` builds beside the app.
fn release_cli() -> std::path::PathBuf {
    if let Some(p) = std::env::var_os("TASKING_VAULT_RELEASE_CLI") {
        return p.into();
    }
    let exe = std::env::current_exe().unwrap();
    exe.parent()
        .and_then(std::path::Path::parent)
        .and_then(std::path::Path::parent)
        .map(|d| d.join("e2e").join("tasking-vault-cli"))
        .unwrap()
}

fn report(what: &str, before: &[scan::Found], after: &[scan::Found]) {
    println!(
        "{what}: {} canary copies before the lock, {} after",
        before.len(),
        after.len()
    );
    for f in after.iter().take(20) {
        println!("  after the lock: {f}");
    }
}

fn cli_binary() -> std::path::PathBuf {
    if let Some(p) = std::env::var_os("TASKING_VAULT_CLI") {
        return p.into();
    }
    let exe = std::env::current_exe().unwrap();
    exe.parent()
        .and_then(std::path::Path::parent)
        .map(|d| d.join("tasking-vault-cli"))
        .unwrap()
}

/// The command-line tool's API session, driven over its pipes.
struct Cli {
    process: std::process::Child,
    input: ChildStdin,
    output: BufReader<std::process::ChildStdout>,
}

impl Cli {
    fn start(cli: &std::path::Path, vault: &std::path::Path) -> Cli {
        let mut process = Command::new(cli)
            .arg("api")
            .arg(vault)
            .args(["--locked", "--work-factor", "1"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let input = process.stdin.take().unwrap();
        let output = BufReader::new(process.stdout.take().unwrap());
        let mut cli = Cli {
            process,
            input,
            output,
        };
        cli.call(
            "vault_create",
            json!({ "passphrase": session::PASS, "passphrase_again": session::PASS }),
        );
        cli
    }

    fn pid(&self) -> u32 {
        self.process.id()
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let line = json!({ "method": method, "params": params }).to_string();
        writeln!(self.input, "{line}").unwrap();
        self.input.flush().unwrap();
        let mut answer = String::new();
        self.output.read_line(&mut answer).unwrap();
        let answer: Value = serde_json::from_str(&answer).unwrap();
        match answer.get("ok") {
            Some(v) => v.clone(),
            None => panic!("{method}: {answer}"),
        }
    }

    fn stop(mut self) {
        drop(self.input);
        let _ = self.process.wait();
    }
}

/// This binary re-run as [`session::child`].
struct InProcess {
    process: std::process::Child,
    input: ChildStdin,
}

impl InProcess {
    /// Starts the child, hands it the canaries and waits until it has
    /// written, read and searched them and locked.
    fn spawn(mode: &str, vault: &std::path::Path, canaries: &[String]) -> InProcess {
        let mut process = Command::new(std::env::current_exe().unwrap())
            .env(CHILD_MODE, mode)
            .arg(vault)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = process.stdin.take().unwrap();
        let mut output = BufReader::new(process.stdout.take().unwrap());
        for c in canaries {
            writeln!(input, "{c}").unwrap();
        }
        writeln!(input).unwrap();
        input.flush().unwrap();
        let mut said = String::new();
        output.read_line(&mut said).unwrap();
        assert_eq!(said.trim(), "locked", "the {mode} child");
        InProcess { process, input }
    }

    fn pid(&self) -> u32 {
        self.process.id()
    }

    fn stop(mut self) {
        drop(self.input);
        let _ = self.process.wait();
    }
}
