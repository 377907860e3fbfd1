//! Benchmarks of the vault, printed as a table (see `docs/PERFORMANCE.md`).
//!
//! ```text
//! cargo build --release -p tasking-vault-cli
//! cargo bench -p tasking-vault-tests --bench vault
//! ```
//!
//! Measures, on an empty vault and on a generated 10-year vault:
//! - durable save latency through [`casebook::Casebook`] (median, p99 over
//!   `BENCH_SAVES`, default 1,000, alternating an agency add and an update);
//! - unlock, split into key derivation and the rest (median of `BENCH_UNLOCKS`);
//! - compaction, and the file size.
//!
//! The 10-year vault is made once with `tasking-vault-cli generate` (the
//! project's generator) and cached in `target/bench-data/`, keyed by a
//! version string; every run works on a copy. The CLI is found next to this
//! binary (`target/release/tasking-vault-cli`) or at `TASKING_VAULT_CLI`.
//! `BENCH_WORK_FACTOR` (default 18, the production value) sets the scrypt
//! work factor of both vaults; `BENCH_YEARS` (default 10) the generated size.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use casebook::{Actor, AgencyInput, Casebook, SystemClock};
use vault::{CreateOptions, Passphrase};

const PASSPHRASE: &str = "benchmark passphrase, not a secret";
/// Bump when the generator or the format changes, so the cache is remade.
const BENCH_DATA_VERSION: &str = "1";

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn pass() -> Passphrase {
    Passphrase::new(PASSPHRASE)
}

fn open(path: &Path) -> Casebook {
    Casebook::open(path, &pass(), Arc::new(SystemClock), Actor::Cli)
        .unwrap_or_else(|e| panic!("{} does not open: {e}", path.display()))
}

/// `target/<profile>` of this binary (`target/<profile>/deps/vault-…`).
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the bench knows its own path");
    exe.parent()
        .and_then(Path::parent)
        .expect("the bench runs from target/<profile>/deps")
        .to_owned()
}

fn cli_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("TASKING_VAULT_CLI") {
        return PathBuf::from(p);
    }
    let bin = profile_dir().join(format!("tasking-vault-cli{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "{} is missing: build it first: cargo build --release -p tasking-vault-cli \
         (same CARGO_TARGET_DIR), or set TASKING_VAULT_CLI",
        bin.display()
    );
    bin
}

/// The generated vault, made once per (years, work factor, version) and cached.
fn generated_vault(years: u32, work_factor: u8) -> PathBuf {
    let dir = profile_dir().parent().expect("target/").join("bench-data");
    std::fs::create_dir_all(&dir).expect("target/bench-data is writable");
    let key = format!(
        "{years}y-wf{work_factor}-v{BENCH_DATA_VERSION}-f{}-s{}",
        vault::FORMAT_VERSION,
        casebook::schema::SCHEMA_VERSION
    );
    let path = dir.join(format!("{key}.tvault"));
    if path.is_file() {
        eprintln!("using cached {}", path.display());
        return path;
    }
    let partial = dir.join(format!("{key}.partial.tvault"));
    let _ = std::fs::remove_file(&partial);
    eprintln!(
        "generating {years}-year vault (once) into {}",
        path.display()
    );
    let started = Instant::now();
    let mut child = Command::new(cli_binary())
        .arg("generate")
        .arg(&partial)
        .args(["--years", &years.to_string()])
        .args(["--work-factor", &work_factor.to_string()])
        .stdin(Stdio::piped())
        .spawn()
        .expect("tasking-vault-cli generate starts");
    writeln!(child.stdin.take().expect("stdin"), "{PASSPHRASE}").expect("passphrase written");
    let status = child.wait().expect("generate finishes");
    assert!(
        status.success(),
        "tasking-vault-cli generate failed: {status}"
    );
    eprintln!("generated in {:.1} s", started.elapsed().as_secs_f64());
    std::fs::rename(&partial, &path).expect("cache file renamed");
    path
}

/// A private working copy of a vault file (benchmarks change what they open).
fn copy_of(src: &Path, dir: &Path, name: &str) -> PathBuf {
    for suffix in ["-wal", "-journal"] {
        let mut side = src.as_os_str().to_owned();
        side.push(suffix);
        let len = std::fs::metadata(&side).map(|m| m.len()).unwrap_or(0);
        assert_eq!(
            len,
            0,
            "{} has a pending log; delete the cache",
            src.display()
        );
    }
    let dst = dir.join(name);
    std::fs::copy(src, &dst).expect("vault copied");
    dst
}

fn empty_vault(dir: &Path, work_factor: u8) -> PathBuf {
    let path = dir.join("empty.tvault");
    let (book, _secret) = Casebook::create(
        &path,
        &pass(),
        CreateOptions { work_factor },
        Arc::new(SystemClock),
        Actor::Cli,
    )
    .expect("empty vault created");
    book.close().expect("closed");
    path
}

/// Sorted sample durations with the statistics the table shows.
struct Stats(Vec<Duration>);

impl Stats {
    fn new(mut samples: Vec<Duration>) -> Stats {
        samples.sort();
        Stats(samples)
    }
    fn quantile(&self, q: f64) -> Duration {
        // Nearest rank.
        let n = self.0.len();
        let rank = ((q * n as f64).ceil() as usize).clamp(1, n);
        self.0[rank - 1]
    }
    fn median(&self) -> Duration {
        self.quantile(0.5)
    }
    fn p99(&self) -> Duration {
        self.quantile(0.99)
    }
    fn max(&self) -> Duration {
        self.0.last().copied().unwrap_or_default()
    }
    fn mean(&self) -> Duration {
        self.0.iter().sum::<Duration>() / u32::try_from(self.0.len().max(1)).unwrap_or(1)
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

/// `saves` durable saves, alternating "add an agency" and "rename it".
fn bench_saves(book: &mut Casebook, saves: usize, tag: &str) -> Stats {
    let input = |i: usize| AgencyInput {
        name: format!("Bench Agency {tag} {i:05}"),
        designated_person_role: "Benchmark Officer".into(),
    };
    // Warm the caches (statement cache, WAL) before measuring.
    let mut last_id = 0;
    for i in 0..10 {
        last_id = book.add_agency(&input(i)).expect("warm-up save").id;
    }
    let mut samples = Vec::with_capacity(saves);
    for i in 0..saves {
        let started = Instant::now();
        if i % 2 == 0 {
            last_id = book.add_agency(&input(10 + i)).expect("save").id;
        } else {
            book.update_agency(last_id, &input(100_000 + i))
                .expect("save");
        }
        samples.push(started.elapsed());
    }
    Stats::new(samples)
}

struct Unlock {
    key_derivation: Stats,
    rest: Stats,
    total: Stats,
}

fn bench_unlocks(path: &Path, unlocks: usize) -> Unlock {
    let (mut kd, mut rest, mut total) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..unlocks {
        let started = Instant::now();
        let book = open(path);
        total.push(started.elapsed());
        let t = book.vault().unlock_timings();
        kd.push(t.key_derivation);
        rest.push(t.rest);
        drop(book);
    }
    Unlock {
        key_derivation: Stats::new(kd),
        rest: Stats::new(rest),
        total: Stats::new(total),
    }
}

fn bench_compactions(path: &Path, times: usize) -> Stats {
    let mut book = open(path);
    let mut samples = Vec::new();
    for i in 0..times {
        // One save first, as a real compaction always has something to fold in.
        book.update_settings(&casebook::Settings {
            auto_lock_minutes: if i % 2 == 0 { 6 } else { 5 },
            review_months: casebook::settings::DEFAULT_REVIEW_MONTHS,
        })
        .expect("save before compaction");
        let started = Instant::now();
        book.vault_mut().compact().expect("compaction");
        samples.push(started.elapsed());
    }
    drop(book);
    Stats::new(samples)
}

struct Report {
    label: String,
    file_bytes: u64,
    working_bytes: u64,
    saves: Stats,
    unlock_fresh: Unlock,
    unlock_after_saves: Unlock,
    journal_after_saves: u64,
    compact_journal: Duration,
    compact: Stats,
}

fn bench_vault(label: &str, path: &Path, saves: usize, unlocks: usize) -> Report {
    eprintln!("[{label}] unlock x{unlocks}");
    let file_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let unlock_fresh = bench_unlocks(path, unlocks);
    eprintln!("[{label}] {saves} saves");
    let mut book = open(path);
    let working_bytes = book.vault().working_bytes().expect("size");
    let saves = bench_saves(&mut book, saves, label);
    let journal_after_saves = book.vault().journal_len();
    drop(book);
    eprintln!("[{label}] unlock with a journal of {journal_after_saves}");
    let unlock_after_saves = bench_unlocks(path, unlocks.min(3));
    eprintln!("[{label}] compaction");
    let mut book = open(path);
    let started = Instant::now();
    book.vault_mut().compact().expect("compaction");
    let compact_journal = started.elapsed();
    drop(book);
    let compact = bench_compactions(path, 3);
    Report {
        label: label.to_owned(),
        file_bytes,
        working_bytes,
        saves,
        unlock_fresh,
        unlock_after_saves,
        journal_after_saves,
        compact_journal,
        compact,
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}

fn main() {
    let work_factor: u8 = env_or("BENCH_WORK_FACTOR", vault::DEFAULT_WORK_FACTOR);
    let years: u32 = env_or("BENCH_YEARS", 10);
    let saves: usize = env_or("BENCH_SAVES", 1_000);
    let unlocks: usize = env_or("BENCH_UNLOCKS", 5);

    let generated = generated_vault(years, work_factor);
    let scratch_root = generated.parent().expect("bench-data").join("scratch");
    std::fs::create_dir_all(&scratch_root).expect("scratch dir");
    let scratch = tempfile::tempdir_in(&scratch_root).expect("scratch dir");

    let empty = empty_vault(scratch.path(), work_factor);
    let empty_report = bench_vault("empty", &empty, saves, unlocks);
    let big = copy_of(&generated, scratch.path(), "generated.tvault");
    let big_report = bench_vault(&format!("{years}-year"), &big, saves, unlocks);

    println!();
    println!(
        "Tasking Vault benchmarks: scrypt work factor {work_factor}, {saves} saves, \
         median of {unlocks} unlocks (times in ms)"
    );
    println!();
    let reports = [&empty_report, &big_report];
    let row = |name: &str, f: &dyn Fn(&Report) -> String| {
        print!("| {name:<44} |");
        for r in reports {
            print!(" {:>14} |", f(r));
        }
        println!();
    };
    row("", &|r| r.label.clone());
    println!("|{}|{}|{}|", "-".repeat(46), "-".repeat(16), "-".repeat(16));
    row("file size", &|r| mb(r.file_bytes));
    row("working copy", &|r| mb(r.working_bytes));
    row("save: median", &|r| ms(r.saves.median()));
    row("save: mean", &|r| ms(r.saves.mean()));
    row("save: p99", &|r| ms(r.saves.p99()));
    row("save: max", &|r| ms(r.saves.max()));
    row("unlock: key derivation (median)", &|r| {
        ms(r.unlock_fresh.key_derivation.median())
    });
    row("unlock: the rest (median)", &|r| {
        ms(r.unlock_fresh.rest.median())
    });
    row("unlock: the rest (max)", &|r| ms(r.unlock_fresh.rest.max()));
    row("unlock: whole Casebook::open (median)", &|r| {
        ms(r.unlock_fresh.total.median())
    });
    row("unlock, journal after saves: the rest", &|r| {
        format!(
            "{} ({})",
            ms(r.unlock_after_saves.rest.median()),
            r.journal_after_saves
        )
    });
    row("compaction of that journal", &|r| ms(r.compact_journal));
    row("compaction after 1 save (median of 3)", &|r| {
        ms(r.compact.median())
    });
    println!();

    let p99_empty = empty_report.saves.p99();
    let p99_big = big_report.saves.p99();
    let ratio_median =
        big_report.saves.median().as_secs_f64() / empty_report.saves.median().as_secs_f64();
    let ratio_p99 = p99_big.as_secs_f64() / p99_empty.as_secs_f64();
    let rest_big = big_report.unlock_fresh.rest.median();
    let limit = Duration::from_millis(10);
    println!("Targets:");
    println!(
        "  save p99 <= 10 ms: empty {} ms, {years}-year {} ms: {}",
        ms(p99_empty),
        ms(p99_big),
        verdict(p99_empty <= limit && p99_big <= limit)
    );
    println!(
        "  {years}-year save <= 1.5x empty: median x{ratio_median:.2}, p99 x{ratio_p99:.2}: {}",
        verdict(ratio_median <= 1.5 && ratio_p99 <= 1.5)
    );
    println!(
        "  {years}-year unlock beyond key derivation <= 250 ms: {} ms: {}",
        ms(rest_big),
        verdict(rest_big <= Duration::from_millis(250))
    );
}
