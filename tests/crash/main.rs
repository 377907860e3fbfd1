//! Fault injection: `kill -9` loops against the real `tasking-vault-cli`.
//!
//! A child `tasking-vault-cli api VAULT` is fed `agency_add` requests with
//! unique names and killed with SIGKILL at random moments: mid-save, during
//! unlock, and while it compacts on close. After every kill the vault is
//! opened here, through `casebook`, and must hold every save whose `{"ok":…}`
//! answer was read — and, since saves run in order, exactly a prefix of
//! what was sent: the acknowledged saves plus at most the one in flight.
//! The audit chain must verify, and each agency must come with its own
//! audit entry (a save is atomic).
//!
//! The child binary is looked up next to this test's own target directory
//! (`target/<profile>/tasking-vault-cli`) or taken from `TASKING_VAULT_CLI`.
//! Build it first: `cargo build -p tasking-vault-cli`. Rerun a failure with
//! the printed `CRASH_SEED`; `CRASH_ROUNDS` changes the number of kills.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use casebook::{Actor, Casebook, SystemClock};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use vault::Passphrase;

const PASSPHRASE: &str = "crash test passphrase";
const NAME_PREFIX: &str = "Crash Agency ";
/// Appendix A partners seeded at creation.
const SEEDED_AGENCIES: i64 = 7;
/// Longest a child may take to answer before the test calls it hung.
const STALL: Duration = Duration::from_secs(30);

/// The CLI binary: `TASKING_VAULT_CLI`, else `target/<profile>/tasking-vault-cli`
/// next to this test executable (`target/<profile>/deps/crash-…`).
fn cli_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("TASKING_VAULT_CLI") {
        let p = PathBuf::from(p);
        assert!(
            p.is_file(),
            "TASKING_VAULT_CLI={} is not a file",
            p.display()
        );
        return p;
    }
    let exe = std::env::current_exe().expect("the test knows its own path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("the test runs from target/<profile>/deps");
    let bin = profile_dir.join(format!("tasking-vault-cli{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "{} is missing: build it first: cargo build -p tasking-vault-cli \
         (with the same --release/CARGO_TARGET_DIR as this test), or set TASKING_VAULT_CLI",
        bin.display()
    );
    bin
}

/// The seed: `CRASH_SEED` if set, else the clock. Printed so a failure reproduces.
fn seeded_rng(test: &str) -> StdRng {
    let seed = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(0)
        });
    eprintln!("{test}: CRASH_SEED={seed}");
    StdRng::seed_from_u64(seed)
}

fn name(n: u64) -> String {
    format!("{NAME_PREFIX}{n:06}")
}

fn number(name: &str) -> Option<u64> {
    name.strip_prefix(NAME_PREFIX)?.parse().ok()
}

fn request(n: u64) -> String {
    format!(
        "{{\"method\":\"agency_add\",\"params\":{{\"name\":\"{}\",\"designated_person_role\":\"Crash Tester\",\"kind\":\"other\"}}}}\n",
        name(n)
    )
}

fn create_vault(cli: &Path, dir: &Path) -> PathBuf {
    let path = dir.join("crash.tvault");
    let mut child = Command::new(cli)
        .arg("create")
        .arg(&path)
        .arg("--recovery-out")
        .arg(dir.join("recovery.txt"))
        .args(["--work-factor", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("tasking-vault-cli create starts");
    writeln!(child.stdin.take().expect("stdin"), "{PASSPHRASE}").expect("passphrase written");
    let status = child.wait().expect("create finishes");
    assert!(
        status.success(),
        "tasking-vault-cli create failed: {status}"
    );
    path
}

/// One line of the child's standard output.
enum Answer {
    /// `{"ok": agency}`: the save of this name is durable.
    Ok(u64),
    /// Anything else: an error answer or a line that is not JSON.
    Other(String),
}

/// A running `tasking-vault-cli api` child and the threads feeding and reading it.
struct ApiChild {
    child: Child,
    answers: Receiver<Answer>,
    reader: JoinHandle<()>,
    writer: JoinHandle<()>,
    stderr: JoinHandle<String>,
}

impl ApiChild {
    /// Starts the child and writes the passphrase, then requests for
    /// `first..first + count`, then closes standard input (which makes the
    /// child close the vault, compacting it). With `count = None` it keeps
    /// writing until the child dies.
    fn spawn(cli: &Path, vault: &Path, first: u64, count: Option<u64>) -> ApiChild {
        let mut child = Command::new(cli)
            .arg("api")
            .arg(vault)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("tasking-vault-cli api starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let mut stderr = child.stderr.take().expect("stderr");
        let writer = std::thread::spawn(move || feed(stdin, first, count));
        let (tx, answers) = channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let parsed = serde_json::from_str::<serde_json::Value>(&line)
                    .ok()
                    .and_then(|v| v.get("ok")?.get("name")?.as_str().and_then(number));
                let answer = parsed.map_or(Answer::Other(line), Answer::Ok);
                if tx.send(answer).is_err() {
                    break;
                }
            }
        });
        let stderr = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = stderr.read_to_string(&mut s);
            s
        });
        ApiChild {
            child,
            answers,
            reader,
            writer,
            stderr,
        }
    }

    /// Waits for the next acknowledged save; `None` when stdout closed.
    fn next_ack(&self) -> Option<u64> {
        match self.answers.recv_timeout(STALL) {
            Ok(Answer::Ok(n)) => Some(n),
            Ok(Answer::Other(line)) => panic!("the child answered with an error: {line}"),
            Err(RecvTimeoutError::Disconnected) => None,
            Err(RecvTimeoutError::Timeout) => panic!("the child gave no answer for {STALL:?}"),
        }
    }

    /// SIGKILLs the child (if still running), then collects every answer it
    /// managed to print. Returns the acknowledged saves read after the kill,
    /// how it ended, and its standard error.
    fn kill(mut self) -> (Vec<u64>, ExitStatus, String) {
        // `Child::kill` is SIGKILL on Unix; it fails only if already reaped.
        let _ = self.child.kill();
        self.finish()
    }

    /// Reads every remaining answer and waits for the child to end.
    fn finish(mut self) -> (Vec<u64>, ExitStatus, String) {
        let mut late = Vec::new();
        while let Some(n) = self.next_ack() {
            late.push(n);
        }
        let status = self.child.wait().expect("the child is reaped");
        self.reader.join().expect("reader thread");
        self.writer.join().expect("writer thread");
        let stderr = self.stderr.join().expect("stderr thread");
        (late, status, stderr)
    }
}

fn feed(mut stdin: ChildStdin, first: u64, count: Option<u64>) {
    if writeln!(stdin, "{PASSPHRASE}").is_err() {
        return;
    }
    let last = count.map_or(u64::MAX, |c| first + c);
    for n in first..last {
        // Fails with EPIPE once the child is dead: that ends the feed.
        if stdin.write_all(request(n).as_bytes()).is_err() {
            return;
        }
    }
    // Dropping stdin closes it: the child closes the vault and exits.
}

/// What the vault held at the last check.
struct Known {
    names: BTreeSet<u64>,
    generation: u64,
    journal_len: u64,
}

/// Opens the vault as the app would and checks it against what the child
/// acknowledged. `sent` is the range of names sent this round, in order.
fn check_vault(
    path: &Path,
    known: &mut Known,
    sent_from: u64,
    acked: &BTreeSet<u64>,
    context: &str,
) -> (u64, u64) {
    let book = Casebook::open(
        path,
        &Passphrase::new(PASSPHRASE),
        Arc::new(SystemClock),
        Actor::Cli,
    )
    .unwrap_or_else(|e| panic!("{context}: the vault does not open after the kill: {e}"));
    let verification = book
        .verify()
        .unwrap_or_else(|e| panic!("{context}: the vault does not verify after the kill: {e}"));
    let present: BTreeSet<u64> = book
        .agencies(true)
        .expect("agencies list")
        .iter()
        .filter_map(|a| number(&a.name))
        .collect();
    let lost: Vec<u64> = known
        .names
        .iter()
        .chain(acked)
        .filter(|n| !present.contains(n))
        .copied()
        .collect();
    assert!(
        lost.is_empty(),
        "{context}: acknowledged saves lost after kill -9: {:?}",
        lost.iter().map(|n| name(*n)).collect::<Vec<_>>()
    );
    // The child saves in order, so this round's names must be a prefix of
    // what was sent: every acknowledged save, plus at most the one whose
    // answer the kill cut off.
    let new: Vec<u64> = present.difference(&known.names).copied().collect();
    let prefix_ok = new
        .iter()
        .enumerate()
        .all(|(i, n)| *n == sent_from + i as u64);
    assert!(
        prefix_ok && new.len() <= acked.len() + 1,
        "{context}: the vault holds saves out of order or never sent: new {new:?}, \
         acknowledged {} from {sent_from}",
        acked.len()
    );
    // Each agency came with exactly one audit entry in the same save; the
    // creation wrote one more (vault.create).
    assert_eq!(
        verification.audit_entries,
        verification.agencies + 1,
        "{context}: agencies and audit entries disagree (a torn save?)"
    );
    assert_eq!(
        verification.agencies,
        SEEDED_AGENCIES + present.len() as i64,
        "{context}: unexpected agencies"
    );
    let generation = book.vault().header().generation;
    let journal_len = book.vault().journal_len();
    // Opening to check must not change the file: drop, not close.
    drop(book);
    known.names = present;
    (generation, journal_len)
}

/// How a round of the save loop ends.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ending {
    /// SIGKILL after `acks` answers and a random delay, saves still streaming.
    KillMidSave,
    /// A fixed batch, stdin closed, SIGKILL after a random delay: lands in a
    /// save, in the compaction on close, or after a clean exit.
    KillAroundClose,
    /// A fixed batch and a clean exit (compacts).
    CleanExit,
}

#[test]
fn acknowledged_saves_survive_kill_9() {
    let cli = cli_binary();
    let mut rng = seeded_rng("acknowledged_saves_survive_kill_9");
    let kills_wanted: u32 = std::env::var("CRASH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(220);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = create_vault(&cli, dir.path());
    let mut known = Known {
        names: BTreeSet::new(),
        generation: 0,
        journal_len: 0,
    };
    let started = Instant::now();
    let mut next_name = 0u64;
    let mut checking = Duration::ZERO;
    let (mut kills, mut killed_running, mut clean_exits, mut round) = (0u32, 0u32, 0u32, 0u32);
    while kills < kills_wanted {
        round += 1;
        let ending = if round % 12 == 0 {
            Ending::CleanExit
        } else if round % 4 == 0 {
            Ending::KillAroundClose
        } else {
            Ending::KillMidSave
        };
        let first = next_name;
        let batch = rng.gen_range(1..=12u64);
        let child = ApiChild::spawn(
            &cli,
            &path,
            first,
            (ending != Ending::KillMidSave).then_some(batch),
        );
        let mut acked = BTreeSet::new();
        let (late, status, stderr) = match ending {
            Ending::KillMidSave => {
                // Sometimes before the first answer (during unlock), mostly mid-stream.
                let wait_for = rng.gen_range(0..=3u32);
                for _ in 0..wait_for {
                    match child.next_ack() {
                        Some(n) => {
                            acked.insert(n);
                        }
                        None => break,
                    }
                }
                std::thread::sleep(Duration::from_micros(rng.gen_range(0..=40_000)));
                kills += 1;
                child.kill()
            }
            Ending::KillAroundClose => {
                let wait_for = rng.gen_range(0..=batch);
                for _ in 0..wait_for {
                    match child.next_ack() {
                        Some(n) => {
                            acked.insert(n);
                        }
                        None => break,
                    }
                }
                std::thread::sleep(Duration::from_micros(rng.gen_range(0..=40_000)));
                kills += 1;
                child.kill()
            }
            Ending::CleanExit => {
                clean_exits += 1;
                child.finish()
            }
        };
        acked.extend(late);
        if status.code().is_none() {
            killed_running += 1;
        } else {
            assert!(
                status.success(),
                "round {round}: the child failed on its own ({status}): {stderr}"
            );
        }
        if ending == Ending::CleanExit {
            assert_eq!(acked.len() as u64, batch, "round {round}: answers missing");
        }
        let context = format!("round {round} ({ending:?}, {} acknowledged)", acked.len());
        let check_started = Instant::now();
        let (generation, journal_len) = check_vault(&path, &mut known, first, &acked, &context);
        checking += check_started.elapsed();
        if status.success() {
            // A clean exit compacts: a new generation, an empty journal.
            assert_eq!(journal_len, 0, "{context}: clean exit left a journal");
            assert!(generation > known.generation, "{context}: no compaction");
        }
        known.generation = generation;
        known.journal_len = journal_len;
        // Names are never reused, even those sent but not saved.
        next_name = first + 100_000;
    }
    let elapsed = started.elapsed();
    eprintln!(
        "acknowledged_saves_survive_kill_9: {round} rounds, {kills} SIGKILLs \
         ({killed_running} while the child ran), {clean_exits} clean exits, \
         {} saves held, in {:.1} s ({:.1} s of it checking the vault)",
        known.names.len(),
        elapsed.as_secs_f64(),
        checking.as_secs_f64()
    );
    assert!(kills >= 200.min(kills_wanted));
    // Most kills must land in a live child, or the test proves little.
    assert!(
        killed_running * 2 > kills,
        "only {killed_running} of {kills} kills hit a running child"
    );
}

#[test]
fn kill_9_during_compaction_leaves_old_or_new_state() {
    let cli = cli_binary();
    let mut rng = seeded_rng("kill_9_during_compaction_leaves_old_or_new_state");
    let rounds: u32 = std::env::var("CRASH_COMPACT_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = create_vault(&cli, dir.path());
    let mut known = Known {
        names: BTreeSet::new(),
        generation: 0,
        journal_len: 0,
    };
    // Grow the vault a little so compaction has something to write, and
    // learn how long a close takes (last answer to exit).
    let batch = 8u64;
    let mut next_name = 0u64;
    let mut close_time = Duration::ZERO;
    for warm_up in [150, batch, batch] {
        let child = ApiChild::spawn(&cli, &path, next_name, Some(warm_up));
        let mut acked = BTreeSet::new();
        for _ in 0..warm_up {
            acked.insert(child.next_ack().expect("answer"));
        }
        let last_answer = Instant::now();
        let (late, status, stderr) = child.finish();
        close_time = close_time.max(last_answer.elapsed());
        assert!(late.is_empty() && status.success(), "{stderr}");
        let (g, j) = check_vault(&path, &mut known, next_name, &acked, "warm-up");
        known.generation = g;
        known.journal_len = j;
        next_name += warm_up;
    }
    eprintln!("kill_9_during_compaction: a close takes about {close_time:?}");
    let window = close_time.mul_f64(1.5).max(Duration::from_millis(2));
    let (mut before_exit, mut old_state, mut new_state) = (0u32, 0u32, 0u32);
    for round in 1..=rounds {
        let first = next_name;
        let child = ApiChild::spawn(&cli, &path, first, Some(batch));
        let mut acked = BTreeSet::new();
        for _ in 0..batch {
            acked.insert(child.next_ack().expect("answer"));
        }
        // Every save is acknowledged; the child is now closing: compacting.
        std::thread::sleep(rng.gen_range(Duration::ZERO..=window));
        let (late, status, stderr) = child.kill();
        assert!(late.is_empty());
        if status.code().is_none() {
            before_exit += 1;
        } else {
            assert!(status.success(), "round {round}: {status}: {stderr}");
        }
        let context = format!("compaction round {round}");
        let (generation, journal_len) = check_vault(&path, &mut known, first, &acked, &context);
        // One outer transaction: either nothing of the compaction happened
        // (old generation, the batch still in the journal) or all of it.
        if generation == known.generation {
            assert_eq!(
                journal_len,
                known.journal_len + batch,
                "{context}: old generation with a changed journal"
            );
            old_state += 1;
        } else {
            assert_eq!(generation, known.generation + 1, "{context}: generation");
            assert_eq!(journal_len, 0, "{context}: new generation with a journal");
            new_state += 1;
        }
        known.generation = generation;
        known.journal_len = journal_len;
        next_name += batch;
    }
    eprintln!(
        "kill_9_during_compaction: {rounds} SIGKILLs, {before_exit} before the child exited; \
         vault found in the old state {old_state} times, the new {new_state} times"
    );
    assert!(
        before_exit > 0,
        "no kill landed before the child exited: the test missed compaction"
    );
}
