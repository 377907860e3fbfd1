//! What the benchmarks share: the generated vault, cached; opening a copy;
//! sample statistics and the table's units.

#![allow(dead_code)] // each bench binary uses its own part

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use casebook::{Actor, Casebook, SystemClock};
use vault::Passphrase;

/// The passphrase of every benchmark vault (they hold invented data).
pub const PASSPHRASE: &str = "benchmark passphrase, not a secret";
/// Bump when the generator or the format changes, so the cache is remade.
/// (2: the generator writes real meetings, people and actions; 3: and real
/// cases and disclosures; 4: and information requests.)
const BENCH_DATA_VERSION: &str = "4";

/// Freed memory is zeroed (issue 13) unless `BENCH_NO_WIPE=1`, which stops
/// the zeroing and keeps SQLite on its own allocator, as the code was
/// before: the same binary measures both, back to back. Call first thing.
pub fn zeroing_from_env() {
    if std::env::var("BENCH_NO_WIPE").as_deref() == Ok("1") {
        wipe::control::stop_wiping();
    }
    println!(
        "Freed memory zeroed: {} (BENCH_NO_WIPE=1 stops it, as before issue 13).",
        if wipe::wiping() { "yes" } else { "no" }
    );
}

/// The environment variable `name`, parsed, or `default`.
pub fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// [`PASSPHRASE`] as a passphrase.
pub fn pass() -> Passphrase {
    Passphrase::new(PASSPHRASE)
}

/// Opens a benchmark vault, as the chair would.
pub fn open(path: &Path) -> Casebook {
    Casebook::open(path, &pass(), Arc::new(SystemClock), Actor::Cli)
        .unwrap_or_else(|e| panic!("{} does not open: {e}", path.display()))
}

/// `target/<profile>` of this binary (`target/<profile>/deps/vault-…`).
pub fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the bench knows its own path");
    exe.parent()
        .and_then(Path::parent)
        .expect("the bench runs from target/<profile>/deps")
        .to_owned()
}

/// The `tasking-vault-cli` that generates the cached vault.
pub fn cli_binary() -> PathBuf {
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
pub fn generated_vault(years: u32, work_factor: u8) -> PathBuf {
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
pub fn copy_of(src: &Path, dir: &Path, name: &str) -> PathBuf {
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
    std::fs::File::open(&dst)
        .and_then(|f| f.sync_all())
        .expect("copy flushed");
    dst
}

/// Sorted sample durations with the statistics the table shows.
pub struct Stats(pub Vec<Duration>);

impl Stats {
    pub fn new(mut samples: Vec<Duration>) -> Stats {
        samples.sort();
        Stats(samples)
    }
    pub fn quantile(&self, q: f64) -> Duration {
        // Nearest rank.
        let n = self.0.len();
        if n == 0 {
            return Duration::ZERO;
        }
        let rank = ((q * n as f64).ceil() as usize).clamp(1, n);
        self.0[rank - 1]
    }
    pub fn median(&self) -> Duration {
        self.quantile(0.5)
    }
    pub fn p99(&self) -> Duration {
        self.quantile(0.99)
    }
    pub fn max(&self) -> Duration {
        self.0.last().copied().unwrap_or_default()
    }
    pub fn mean(&self) -> Duration {
        self.0.iter().sum::<Duration>() / u32::try_from(self.0.len().max(1)).unwrap_or(1)
    }
}

/// Milliseconds, two decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

/// Megabytes (10^6 bytes), one decimal.
pub fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// How the table reports a target.
pub fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}
