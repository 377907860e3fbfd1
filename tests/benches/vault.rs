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

mod support;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use casebook::{Actor, AgencyInput, Casebook, SystemClock};
use support::{Stats, copy_of, env_or, generated_vault, mb, ms, open, pass, verdict};
use vault::CreateOptions;

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
