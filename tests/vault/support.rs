//! Helpers shared by the areas: a small schema, a fast work factor, a look
//! at the outer file from outside the crate, and helper processes.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::str::FromStr;

use age::secrecy::ExposeSecret;
use vault::rusqlite::{self, Connection, OpenFlags};
use vault::{CreateOptions, Error, Passphrase, RecoverySecret, Vault};

/// The passphrase of every vault the tests make.
pub const PASS: &str = "correct horse battery staple";

/// Work factor 2: scrypt in microseconds, so tests stay fast.
pub fn opts() -> CreateOptions {
    CreateOptions { work_factor: 2 }
}

pub fn pass() -> Passphrase {
    Passphrase::new(PASS)
}

/// The callers' schema: notes, plus a full-text index as the real app has.
pub fn init(tx: &rusqlite::Transaction<'_>) -> Result<(), Error> {
    tx.execute_batch(
        "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
         CREATE VIRTUAL TABLE note_fts USING fts5(text);",
    )
    .map_err(Error::Working)
}

/// Creates `dir/name` with the test schema.
pub fn create(dir: &Path, name: &str) -> (PathBuf, Vault, RecoverySecret) {
    let path = dir.join(name);
    let (v, recovery) = Vault::create(&path, &pass(), opts(), init).expect("create vault");
    (path, v, recovery)
}

/// Saves one note (one journal entry).
pub fn add(v: &mut Vault, text: &str) -> Result<(), Error> {
    v.write(|tx| {
        tx.execute("INSERT INTO note (text) VALUES (?1)", [text])
            .map_err(Error::Working)?;
        tx.execute("INSERT INTO note_fts (text) VALUES (?1)", [text])
            .map_err(Error::Working)?;
        Ok(())
    })
}

/// The notes in the working copy, in insertion order.
pub fn notes(v: &Vault) -> Vec<String> {
    notes_in(v.db())
}

pub fn notes_in(db: &Connection) -> Vec<String> {
    let mut stmt = db
        .prepare("SELECT text FROM note ORDER BY id")
        .expect("prepare");
    stmt.query_map([], |r| r.get(0))
        .expect("query")
        .collect::<rusqlite::Result<_>>()
        .expect("rows")
}

/// Opens the outer (ciphertext) file read-only, as any SQLite tool could.
pub fn outer(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open outer file")
}

/// The sealed blobs of an outer file, read from outside the crate.
pub struct Sealed {
    pub passphrase_wrap: Vec<u8>,
    pub recovery_wrap: Vec<u8>,
    pub snapshot_parts: Vec<Vec<u8>>,
    pub journal: Vec<Vec<u8>>,
}

pub fn sealed(path: &Path) -> Sealed {
    let db = outer(path);
    let wrap = |kind: &str| -> Vec<u8> {
        db.query_row(
            "SELECT wrapped FROM key_wraps WHERE kind = ?1",
            [kind],
            |r| r.get(0),
        )
        .expect("key wrap")
    };
    let blobs = |sql: &str| -> Vec<Vec<u8>> {
        let mut stmt = db.prepare(sql).expect("prepare");
        stmt.query_map([], |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    };
    Sealed {
        passphrase_wrap: wrap("passphrase"),
        recovery_wrap: wrap("recovery"),
        snapshot_parts: blobs("SELECT data FROM snapshot ORDER BY part"),
        journal: blobs("SELECT data FROM journal ORDER BY seq"),
    }
}

/// The vault identity, unwrapped from the recovery wrap with the age library.
pub fn vault_identity(sealed: &Sealed, recovery: &RecoverySecret) -> age::x25519::Identity {
    let recovery =
        age::x25519::Identity::from_str(recovery.expose()).expect("recovery secret parses");
    let plain = age::decrypt(&recovery, &sealed.recovery_wrap).expect("recovery wrap opens");
    let text = String::from_utf8(plain).expect("identity is text");
    age::x25519::Identity::from_str(text.trim()).expect("identity parses")
}

/// The identity as the `AGE-SECRET-KEY-1...` line age's tools read.
pub fn identity_line(id: &age::x25519::Identity) -> String {
    id.to_string().expose_secret().to_owned()
}

/// Whether `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Where `needle` occurs in `haystack`, if exactly once.
pub fn find_unique(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let mut hits = haystack
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i);
    let first = hits.next()?;
    hits.next().is_none().then_some(first)
}

/// Whether `program` can be run (found on PATH and executable).
pub fn have(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A helper process: this test binary re-run with one ignored helper test,
/// which reports on its stdout and then waits until its stdin closes.
pub struct Helper {
    child: Child,
    stdout: BufReader<ChildStdout>,
}

/// What a helper prints once it is ready (for example, holds the lock).
pub const READY: &str = "HELPER-READY";

impl Helper {
    /// Starts the helper test `name` with `envs` set.
    pub fn start(name: &str, envs: &[(&str, &Path)]) -> Helper {
        let exe = std::env::current_exe().expect("current test binary");
        Helper::spawn(Command::new(exe), name, envs)
    }

    /// Starts the helper test `name` as the user and group `id` (which needs
    /// root), from a copy of this test binary in `dir`, where that user can
    /// reach it: the build's own folder may be private to root.
    pub fn start_as(name: &str, envs: &[(&str, &Path)], id: u32, dir: &Path) -> Helper {
        use std::os::unix::fs::PermissionsExt;
        use std::os::unix::process::CommandExt;
        let exe = std::env::current_exe().expect("current test binary");
        let copy = dir.join(exe.file_name().expect("binary name"));
        std::fs::copy(&exe, &copy).expect("copy the test binary");
        std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755))
            .expect("chmod the copy");
        let mut cmd = Command::new(copy);
        cmd.uid(id).gid(id);
        Helper::spawn(cmd, name, envs)
    }

    fn spawn(mut cmd: Command, name: &str, envs: &[(&str, &Path)]) -> Helper {
        cmd.args([
            "--exact",
            name,
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn helper");
        let stdout = BufReader::new(child.stdout.take().expect("helper stdout"));
        Helper { child, stdout }
    }

    /// Reads the helper's lines until it is ready; returns what it said
    /// after `READY` on the same line (its report).
    pub fn wait_ready(&mut self) -> String {
        let mut line = String::new();
        loop {
            line.clear();
            let n = self.stdout.read_line(&mut line).expect("read helper");
            assert!(n > 0, "helper exited before it was ready");
            if let Some(report) = line.trim_end().strip_prefix(READY) {
                return report.trim().to_owned();
            }
        }
    }

    /// Closes the helper's stdin and waits for it to finish successfully.
    pub fn finish(mut self) {
        drop(self.child.stdin.take());
        let status = self.child.wait().expect("wait helper");
        assert!(status.success(), "helper failed: {status}");
    }
}

/// Inside a helper: prints the report and waits until the parent closes stdin.
pub fn helper_ready_and_wait(report: &str) {
    use std::io::{Read, Write};
    let mut out = std::io::stdout();
    // On a line of its own: libtest may have printed "test name ... " before.
    writeln!(out, "\n{READY} {report}").expect("write");
    out.flush().expect("flush");
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
}
