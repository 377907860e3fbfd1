//! Benchmarks of the vault, printed as a table (see `docs/PERFORMANCE.md`).
//!
//! ```text
//! cargo build --release -p tasking-vault-cli
//! cargo bench -p tasking-vault-tests --bench vault
//! ```
//!
//! Measures, on an empty vault and on a generated 10-year vault:
//! - durable save latency through [`casebook::Casebook`] (median, p99 over
//!   `BENCH_SAVES`, default 1,000, alternating an agency add and an update).
//!   The two vaults' saves are interleaved, one each in turn, so both meet
//!   the same disk; between them a bare 4 KiB append + `fsync` probes the
//!   disk's own latency, the floor under any durable save;
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

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use casebook::{Actor, AgencyInput, Casebook, SystemClock};
use support::{
    Stats, copy_of, env_or, generated_vault, mb, ms, open, pass, verdict, zeroing_from_env,
};
use vault::CreateOptions;

/// Lets the disk settle before a timed phase: writes still in the page
/// cache (the generator's, a copy's, the build's) would otherwise be
/// flushed during, and billed to, the first saves' fsyncs.
fn settle() {
    #[cfg(unix)]
    let _ = Command::new("sync").status();
    std::thread::sleep(Duration::from_millis(500));
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

/// One vault's saves: alternately "add an agency" and "rename it".
struct Saver<'a> {
    book: &'a mut Casebook,
    tag: &'a str,
    last_id: i64,
    count: usize,
    samples: Vec<Duration>,
    compacted: usize,
}

impl<'a> Saver<'a> {
    fn new(book: &'a mut Casebook, tag: &'a str) -> Self {
        let mut saver = Saver {
            book,
            tag,
            last_id: 0,
            count: 0,
            samples: Vec::new(),
            compacted: 0,
        };
        // Warm the caches (statements, WAL) before measuring.
        for _ in 0..10 {
            saver.save();
        }
        saver.samples.clear();
        saver.compacted = 0;
        saver
    }

    fn save(&mut self) {
        let input = AgencyInput {
            name: format!("Bench Agency {} {:05}", self.tag, self.count),
            designated_person_role: "Benchmark Officer".into(),
            kind: casebook::AgencyKind::Other,
        };
        let journal = self.book.vault().journal_len();
        let started = Instant::now();
        if self.count.is_multiple_of(2) {
            self.last_id = self.book.add_agency(&input).expect("save").id;
        } else {
            self.book.update_agency(self.last_id, &input).expect("save");
        }
        self.samples.push(started.elapsed());
        self.count += 1;
        if self.book.vault().journal_len() <= journal {
            // Casebook compacts after 2,000 saves since the last snapshot;
            // such a save stays in the samples: a person would wait for it too.
            self.compacted += 1;
        }
    }
}

/// The disk's own floor for a durable save: appending 4 KiB to a file and
/// `fsync`-ing it, as SQLite does the WAL, without SQLite, age or the vault.
struct FsyncProbe {
    path: PathBuf,
    file: std::fs::File,
    samples: Vec<Duration>,
}

impl FsyncProbe {
    fn new(dir: &Path) -> Self {
        let path = dir.join("fsync-probe.bin");
        let file = std::fs::File::create(&path).expect("probe file");
        FsyncProbe {
            path,
            file,
            samples: Vec::new(),
        }
    }

    fn probe(&mut self) {
        self.file.write_all(&[0x5a; 4096]).expect("probe written");
        let started = Instant::now();
        self.file.sync_all().expect("probe synced");
        self.samples.push(started.elapsed());
    }

    fn finish(self) -> Stats {
        drop(self.file);
        std::fs::remove_file(&self.path).expect("probe removed");
        Stats::new(self.samples)
    }
}

/// `saves` durable saves on each vault, interleaved (and the disk probe
/// between them), so that all of them meet the same disk: on a shared
/// machine its fsync latency drifts from minute to minute.
fn bench_saves(books: [(&mut Casebook, &str); 2], saves: usize, dir: &Path) -> ([Stats; 2], Stats) {
    let [(a, tag_a), (b, tag_b)] = books;
    let mut savers = [Saver::new(a, tag_a), Saver::new(b, tag_b)];
    let mut probe = FsyncProbe::new(dir);
    settle();
    for i in 0..saves {
        probe.probe();
        // Take turns at going first.
        let (first, second) = if i.is_multiple_of(2) { (0, 1) } else { (1, 0) };
        savers[first].save();
        savers[second].save();
    }
    let stats = savers.map(|s| {
        if s.compacted > 0 {
            eprintln!(
                "[{}] {} of the timed saves also compacted the vault",
                s.tag, s.compacted
            );
        }
        Stats::new(s.samples)
    });
    (stats, probe.finish())
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
        book.update_settings(&casebook::SettingsChange {
            auto_lock_minutes: Some(if i.is_multiple_of(2) { 6 } else { 5 }),
            review_months: None,
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

/// Benchmarks the empty vault and the generated one: unlocks of each, then
/// their saves interleaved, then unlocks with the saves' journal and
/// compactions of each.
fn bench_vaults(vaults: [(&str, &Path); 2], saves: usize, unlocks: usize) -> ([Report; 2], Stats) {
    let file_bytes = vaults.map(|(_, path)| std::fs::metadata(path).map(|m| m.len()).unwrap_or(0));
    let fresh = vaults.map(|(label, path)| {
        eprintln!("[{label}] unlock x{unlocks}");
        settle();
        bench_unlocks(path, unlocks)
    });
    let [(label_a, path_a), (label_b, path_b)] = vaults;
    eprintln!("[{label_a}, {label_b}] {saves} saves each, interleaved");
    let (mut book_a, mut book_b) = (open(path_a), open(path_b));
    let working = [&book_a, &book_b].map(|b| b.vault().working_bytes().expect("size"));
    let dir = path_a.parent().expect("scratch dir");
    let (save_stats, disk) =
        bench_saves([(&mut book_a, label_a), (&mut book_b, label_b)], saves, dir);
    let journals = [&book_a, &book_b].map(|b| b.vault().journal_len());
    drop((book_a, book_b));
    let mut fresh = fresh.into_iter();
    let mut save_stats = save_stats.into_iter();
    let mut reports = Vec::new();
    for (i, (label, path)) in vaults.into_iter().enumerate() {
        eprintln!("[{label}] unlock with a journal of {}", journals[i]);
        let unlock_after_saves = bench_unlocks(path, unlocks.min(3));
        eprintln!("[{label}] compaction");
        let mut book = open(path);
        let started = Instant::now();
        book.vault_mut().compact().expect("compaction");
        let compact_journal = started.elapsed();
        drop(book);
        let compact = bench_compactions(path, 3);
        reports.push(Report {
            label: label.to_owned(),
            file_bytes: file_bytes[i],
            working_bytes: working[i],
            saves: save_stats.next().expect("stats"),
            unlock_fresh: fresh.next().expect("unlocks"),
            unlock_after_saves,
            journal_after_saves: journals[i],
            compact_journal,
            compact,
        });
    }
    let [a, b]: [Report; 2] = reports.try_into().ok().expect("two reports");
    ([a, b], disk)
}

fn main() {
    zeroing_from_env();
    let work_factor: u8 = env_or("BENCH_WORK_FACTOR", vault::DEFAULT_WORK_FACTOR);
    let years: u32 = env_or("BENCH_YEARS", 10);
    let saves: usize = env_or("BENCH_SAVES", 1_000);
    let unlocks: usize = env_or("BENCH_UNLOCKS", 5);

    let generated = generated_vault(years, work_factor);
    let scratch_root = generated.parent().expect("bench-data").join("scratch");
    std::fs::create_dir_all(&scratch_root).expect("scratch dir");
    let scratch = tempfile::tempdir_in(&scratch_root).expect("scratch dir");

    let empty = empty_vault(scratch.path(), work_factor);
    let big = copy_of(&generated, scratch.path(), "generated.tvault");
    let big_label = format!("{years}-year");
    let ([empty_report, big_report], disk) =
        bench_vaults([("empty", &empty), (&big_label, &big)], saves, unlocks);

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
    println!(
        "Disk alone (4 KiB append + fsync, between the saves, {} times): \
         median {} ms, p99 {} ms, max {} ms. A save cannot beat this.",
        disk.0.len(),
        ms(disk.median()),
        ms(disk.p99()),
        ms(disk.max())
    );
    println!();
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
