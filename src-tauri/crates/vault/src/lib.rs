//! The encrypted store behind Tasking Vault: one `.tvault` file that holds
//! nothing but age ciphertext and a few plain header fields.
//!
//! # A tour
//!
//! - [`Vault`] is an unlocked vault: an in-memory SQLite **working copy**
//!   that the caller reads freely and changes only through [`Vault::write`].
//! - Each write runs under an SQLite session; its changeset is sealed to the
//!   vault key and appended to the file's journal in one durable commit
//!   *before* the working copy commits. A failed append (disk full, read-only
//!   file) rolls the change back, so the working copy always equals what is
//!   on disk and the caller can simply try again.
//! - [`Vault::compact`] writes a fresh encrypted snapshot, drops the journal
//!   and **rotates the vault key**, in one outer transaction.
//! - The vault key is wrapped to the passphrase (scrypt, work factor fixed in
//!   the [`Header`]) and to a recovery recipient whose secret
//!   ([`RecoverySecret`]) is shown once at creation.
//! - An OS lock on the file keeps a second process out ([`Error::InUse`]).
//!
//! The working copy never touches the disk: it is deserialized from the
//! decrypted snapshot into memory (`temp_store=MEMORY`, `secure_delete=ON`).
//! The vault knows nothing of meetings; the schema belongs to its caller.
//!
//! ```no_run
//! # fn main() -> Result<(), vault::Error> {
//! use vault::{CreateOptions, Passphrase, Vault};
//! let pass = Passphrase::new("correct horse battery staple");
//! let (mut v, recovery) = Vault::create(
//!     "demo.tvault".as_ref(),
//!     &pass,
//!     CreateOptions::default(),
//!     |tx| tx.execute_batch("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
//!         .map_err(vault::Error::Working),
//! )?;
//! println!("write this down: {}", recovery.expose());
//! v.write(|tx| tx.execute("INSERT INTO note (text) VALUES ('hello')", []).map_err(vault::Error::Working))?;
//! v.close()?;
//! # Ok(()) }
//! ```

mod error;
mod file;
mod keys;
mod snapshot;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::session::Session;
use rusqlite::{Connection, MAIN_DB, Transaction};

pub use error::{Error, Part, Result};
pub use file::{FORMAT_VERSION, Header};
pub use keys::{
    DEFAULT_WORK_FACTOR, MAX_WORK_FACTOR, MIN_PASSPHRASE_CHARS, MIN_WORK_FACTOR, Passphrase,
    RecoverySecret, check_work_factor,
};
pub use rusqlite;

use file::OuterFile;
use keys::VaultKey;

/// Snapshot parts are sealed separately (and decrypted in parallel) at this size.
#[cfg(not(test))]
const SNAPSHOT_PART_BYTES: usize = 16 * 1024 * 1024;
/// Small in this crate's unit tests, so that their vaults have several parts
/// (reading does not depend on the size: each part's length is its own).
#[cfg(test)]
const SNAPSHOT_PART_BYTES: usize = 64 * 1024;
/// Marks the plaintext of a journal entry, followed by generation and sequence.
const JOURNAL_MAGIC: &[u8; 4] = b"TVJ1";
/// Past this many saves since the last snapshot, [`Vault::needs_compaction`] says so.
const COMPACT_AFTER: u64 = 2_000;

/// Options for [`Vault::create`].
#[derive(Debug, Clone, Copy)]
pub struct CreateOptions {
    /// scrypt work factor (log2 N) for the passphrase wrap.
    pub work_factor: u8,
}

impl Default for CreateOptions {
    fn default() -> Self {
        CreateOptions {
            work_factor: DEFAULT_WORK_FACTOR,
        }
    }
}

/// How long unlocking took, split as the benchmarks report it.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnlockTimings {
    /// Deriving the key from the passphrase (scrypt) and unwrapping.
    pub key_derivation: Duration,
    /// Reading and decrypting the snapshot, loading it, replaying the journal.
    pub rest: Duration,
}

/// What [`Vault::check`] found.
#[derive(Debug, Clone)]
pub struct CheckReport {
    /// The file's header.
    pub header: Header,
    /// Encrypted snapshot parts, all decrypted.
    pub snapshot_parts: usize,
    /// Journal entries since the snapshot, all decrypted and applied.
    pub journal_entries: u64,
    /// Size of the working copy in bytes.
    pub working_bytes: u64,
}

/// An unlocked vault.
pub struct Vault {
    path: PathBuf,
    // Declared before `outer` only for clarity; both close on drop.
    work: Connection,
    outer: OuterFile,
    header: Header,
    key: VaultKey,
    passphrase: Passphrase,
    snapshot_parts: usize,
    journal_len: u64,
    timings: UnlockTimings,
}

impl Vault {
    /// Creates a new vault at `path` (which must not exist), runs `init` to
    /// lay out the caller's schema and first records, and writes the first
    /// snapshot. Returns the open vault and the recovery secret, which is not
    /// stored anywhere: show it to the chair once.
    pub fn create<E: From<Error>>(
        path: &Path,
        passphrase: &Passphrase,
        options: CreateOptions,
        init: impl FnOnce(&Transaction<'_>) -> Result<(), E>,
    ) -> Result<(Vault, RecoverySecret), E> {
        passphrase.check_new()?;
        check_work_factor(options.work_factor)?;
        let mut work = new_working_copy()?;
        {
            let tx = work.transaction().map_err(Error::Working)?;
            init(&tx)?;
            tx.commit().map_err(Error::Working)?;
        }
        let image = serialize(&mut work)?;
        let (recovery, recovery_recipient) = RecoverySecret::generate();
        let key = VaultKey::generate();
        let header = Header {
            format_version: FORMAT_VERSION,
            vault_id: uuid::Uuid::new_v4().to_string(),
            created: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            work_factor: options.work_factor,
            generation: 1,
            recovery_recipient: recovery_recipient.to_string(),
        };
        let parts = seal_parts(&key, &image)?;
        let passphrase_wrap = key.wrap_passphrase(passphrase, options.work_factor)?;
        let recovery_wrap = key.wrap_recovery(&recovery_recipient)?;
        let outer = OuterFile::create(path, &header)?;
        let result = (|| {
            let tx = outer.db.unchecked_transaction().map_err(Error::outer)?;
            put_snapshot(&tx, &parts, &passphrase_wrap, &recovery_wrap)?;
            tx.commit().map_err(Error::outer)
        })();
        if let Err(e) = result {
            drop(outer);
            let _ = std::fs::remove_file(path);
            return Err(e.into());
        }
        let work = load_working_copy(&image)?;
        let vault = Vault {
            path: path.to_owned(),
            work,
            outer,
            header,
            key,
            passphrase: passphrase.clone_secret(),
            snapshot_parts: parts.len(),
            journal_len: 0,
            timings: UnlockTimings::default(),
        };
        Ok((vault, recovery))
    }

    /// Unlocks the vault at `path` with its passphrase.
    pub fn open(path: &Path, passphrase: &Passphrase) -> Result<Vault> {
        let (outer, header) = OuterFile::open(path)?;
        let started = Instant::now();
        let wrapped = outer.key_wrap("passphrase")?;
        let key = VaultKey::unwrap_passphrase(&wrapped, passphrase, header.work_factor)?;
        let key_derivation = started.elapsed();
        let mut vault = Self::load(path, outer, header, key, passphrase.clone_secret())?;
        vault.timings = UnlockTimings {
            key_derivation,
            rest: started.elapsed() - key_derivation,
        };
        Ok(vault)
    }

    /// Opens the vault with the recovery secret and sets a new passphrase.
    /// The vault key is rotated at once, so the old passphrase no longer opens it.
    pub fn recover(
        path: &Path,
        secret: &RecoverySecret,
        new_passphrase: &Passphrase,
    ) -> Result<Vault> {
        let (vault, ()) =
            Self::recover_with(path, secret, new_passphrase, |_| Ok::<(), Error>(()))?;
        Ok(vault)
    }

    /// [`Vault::recover`], where `f` first writes to the records (say, a
    /// note that the vault was recovered). Its change reaches the file in the
    /// same commit as the new passphrase, as part of the compaction: both or
    /// neither. On failure the file is as it was.
    pub fn recover_with<T, E: From<Error>>(
        path: &Path,
        secret: &RecoverySecret,
        new_passphrase: &Passphrase,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<(Vault, T), E> {
        new_passphrase.check_new()?;
        let (outer, header) = OuterFile::open(path)?;
        let key = VaultKey::unwrap_recovery(&outer.key_wrap("recovery")?, secret)?;
        let mut vault = Self::load(path, outer, header, key, new_passphrase.clone_secret())?;
        let value = vault.change_schema(f)?;
        Ok((vault, value))
    }

    fn load(
        path: &Path,
        outer: OuterFile,
        header: Header,
        key: VaultKey,
        passphrase: Passphrase,
    ) -> Result<Vault> {
        let (work, snapshot_parts) = snapshot::load(path, &outer, &key)?;
        check_working_copy(&work)?;
        // Entries are decrypted in parallel (each costs a key agreement) and
        // applied in order.
        let mut sealed = Vec::new();
        let journal_len = outer.for_each_journal(|_, entry| {
            sealed.push(entry.to_vec());
            Ok(())
        })?;
        let plain = parallel_map(&sealed, |entry| {
            key.open(entry, Part::Journal).map(zeroize::Zeroizing::new)
        })?;
        drop(sealed);
        for (seq, plain) in (1..).zip(&plain) {
            apply_changeset(&work, unframe(plain, header.generation, seq)?)?;
        }
        drop(plain);
        work.pragma_update(None, "query_only", true)
            .map_err(Error::Working)?;
        Ok(Vault {
            path: path.to_owned(),
            work,
            outer,
            header,
            key,
            passphrase,
            snapshot_parts,
            journal_len,
            timings: UnlockTimings::default(),
        })
    }

    /// The working copy, for reading. It is `query_only`: writes go through [`Vault::write`].
    pub fn db(&self) -> &Connection {
        &self.work
    }

    /// Runs `f` in a transaction of the working copy and saves its changes
    /// durably. The change is in the file before the working copy commits; if
    /// saving fails, the working copy rolls back and the error says why
    /// (e.g. [`Error::DiskFull`]), so the caller can try again.
    ///
    /// Every table written here must have an explicit `PRIMARY KEY`: SQLite
    /// sessions do not record tables without one.
    pub fn write<T, E: From<Error>>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.save(f, None)
    }

    /// [`Vault::write`], and when `passphrase_wrap` is given, the new
    /// passphrase wrap of the vault key in the same commit of the file.
    fn save<T, E: From<Error>>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
        passphrase_wrap: Option<&[u8]>,
    ) -> Result<T, E> {
        let skip = virtual_table_prefixes(&self.work)?;
        self.work
            .pragma_update(None, "query_only", false)
            .map_err(Error::Working)?;
        let result = (|| {
            let mut session = Session::new(&self.work).map_err(Error::Working)?;
            session.table_filter(Some(move |table: &str| {
                !skip
                    .iter()
                    .any(|p| table == p || table.starts_with(&format!("{p}_")))
            }));
            session.attach(None::<&str>).map_err(Error::Working)?;
            let tx = self.work.unchecked_transaction().map_err(Error::Working)?;
            let value = f(&tx)?;
            let mut changeset = Vec::new();
            session
                .changeset_strm(&mut changeset)
                .map_err(Error::Working)?;
            let changeset = zeroize::Zeroizing::new(changeset);
            let seq = self.journal_len + 1;
            let sealed = if changeset.is_empty() {
                None
            } else {
                let framed =
                    zeroize::Zeroizing::new(frame(self.header.generation, seq, &changeset));
                Some(self.key.seal(&framed)?)
            };
            // On failure `tx` drops and the working copy rolls back.
            self.outer
                .commit(sealed.as_deref().map(|s| (seq, s)), passphrase_wrap)?;
            if sealed.is_some() {
                self.journal_len = seq;
            }
            tx.commit().map_err(Error::Working)?;
            Ok(value)
        })();
        self.work
            .pragma_update(None, "query_only", true)
            .map_err(Error::Working)?;
        result
    }

    /// Changes the schema (a migration): runs `f`, then compacts, because
    /// sessions do not record schema changes.
    pub fn change_schema<T, E: From<Error>>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.work
            .pragma_update(None, "query_only", false)
            .map_err(Error::Working)?;
        let result = (|| {
            let tx = self.work.unchecked_transaction().map_err(Error::Working)?;
            let value = f(&tx)?;
            tx.commit().map_err(Error::Working)?;
            Ok::<T, E>(value)
        })();
        self.work
            .pragma_update(None, "query_only", true)
            .map_err(Error::Working)?;
        let value = result?;
        self.compact()?;
        Ok(value)
    }

    /// Writes the working copy as a new snapshot under a new vault key,
    /// drops the old snapshot and journal, and rewraps the key — all in one
    /// outer transaction — then shrinks the file.
    pub fn compact(&mut self) -> Result<()> {
        let key = VaultKey::generate();
        let recovery = keys::parse_recipient(&self.header.recovery_recipient)?;
        let recovery_wrap = key.wrap_recovery(&recovery)?;
        let mut header = self.header.clone();
        header.generation += 1;
        let (work, outer) = (&mut self.work, &self.outer);
        let (passphrase, work_factor) = (&self.passphrase, self.header.work_factor);
        let snapshot_parts = std::thread::scope(|s| {
            // scrypt takes about a second at the production work factor: it
            // runs while the snapshot is sealed and written.
            let wrapping = s.spawn(|| key.wrap_passphrase(passphrase, work_factor));
            // Sealed from SQLite's serialization as it is: no copy of ours.
            let parts = seal_parts(&key, &work.serialize(MAIN_DB).map_err(Error::Working)?)?;
            let tx = outer.db.unchecked_transaction().map_err(Error::outer)?;
            tx.execute_batch("DELETE FROM snapshot; DELETE FROM journal;")
                .map_err(Error::outer)?;
            put_parts(&tx, &parts)?;
            let passphrase_wrap = wrapping
                .join()
                .map_err(|_| Error::Io("worker thread failed".into()))??;
            put_wraps(&tx, &passphrase_wrap, &recovery_wrap)?;
            file::write_header(&tx, &header)?;
            tx.commit().map_err(Error::outer)?;
            Ok::<usize, Error>(parts.len())
        })?;
        self.header = header;
        self.key = key;
        self.journal_len = 0;
        self.snapshot_parts = snapshot_parts;
        // Old ciphertext pages are already zeroed (secure_delete); this
        // returns them to the file system and folds the WAL back in.
        self.outer
            .db
            .execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(Error::outer)?;
        Ok(())
    }

    /// Checks `passphrase` against the vault's passphrase wrap, at the full
    /// key-derivation cost (so guesses stay slow). Writes nothing.
    pub fn check_passphrase(&self, passphrase: &Passphrase) -> Result<()> {
        let wrapped = self.outer.key_wrap("passphrase")?;
        VaultKey::unwrap_passphrase(&wrapped, passphrase, self.header.work_factor)?;
        Ok(())
    }

    /// Sets a new passphrase after checking the current one. The records are
    /// not re-encrypted; only the passphrase wrap changes.
    pub fn change_passphrase(&mut self, current: &Passphrase, new: &Passphrase) -> Result<()> {
        self.change_passphrase_with(current, new, |_| Ok::<(), Error>(()))
    }

    /// [`Vault::change_passphrase`], saving what `f` writes (say, a note that
    /// the passphrase changed) in the same durable commit as the new wrap:
    /// both are in the file, or neither, so a failure never leaves a changed
    /// passphrase unrecorded, nor a record of a change that did not happen.
    pub fn change_passphrase_with<T, E: From<Error>>(
        &mut self,
        current: &Passphrase,
        new: &Passphrase,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        new.check_new()?;
        let wrapped = self.outer.key_wrap("passphrase")?;
        VaultKey::unwrap_passphrase(&wrapped, current, self.header.work_factor)?;
        let rewrapped = self.key.wrap_passphrase(new, self.header.work_factor)?;
        let value = self.save(f, Some(&rewrapped))?;
        self.passphrase = new.clone_secret();
        Ok(value)
    }

    /// Decrypts nothing new: reports what unlocking read and checks both
    /// databases' integrity.
    pub fn check(&self) -> Result<CheckReport> {
        let ok: String = self
            .outer
            .db
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(Error::outer)?;
        if ok != "ok" {
            return Err(Error::Damaged(Part::Structure));
        }
        let ok: String = self
            .work
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(Error::Working)?;
        if ok != "ok" {
            return Err(Error::Damaged(Part::Snapshot));
        }
        Ok(CheckReport {
            header: self.header.clone(),
            snapshot_parts: self.snapshot_parts,
            journal_entries: self.journal_len,
            working_bytes: self.working_bytes()?,
        })
    }

    /// Size of the working copy in bytes.
    pub fn working_bytes(&self) -> Result<u64> {
        let pages: i64 = self
            .work
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .map_err(Error::Working)?;
        let size: i64 = self
            .work
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .map_err(Error::Working)?;
        Ok(u64::try_from(pages * size).unwrap_or(0))
    }

    /// Whether enough saves have piled up that a compaction is worth its cost.
    pub fn needs_compaction(&self) -> bool {
        self.journal_len >= COMPACT_AFTER
    }

    /// Saves since the last snapshot.
    pub fn journal_len(&self) -> u64 {
        self.journal_len
    }

    /// The file's header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Where the vault file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How long the last unlock took.
    pub fn unlock_timings(&self) -> UnlockTimings {
        self.timings
    }

    /// Compacts if anything was saved since the snapshot, then closes. A
    /// vault opened from a read-only file closes as it is: nothing can have
    /// been saved to it, and its journal stays for the next writer.
    pub fn close(mut self) -> Result<()> {
        let read_only = self.outer.db.is_readonly(MAIN_DB).map_err(Error::outer)?;
        if self.journal_len > 0 && !read_only {
            self.compact()?;
        }
        Ok(())
    }

    /// Fault injection for tests: caps the outer file at `pages` pages so
    /// the next save fails as on a full disk.
    #[doc(hidden)]
    pub fn limit_file_pages_for_tests(&self, pages: u64) -> Result<()> {
        self.outer
            .db
            .pragma_update(
                None,
                "max_page_count",
                i64::try_from(pages).unwrap_or(i64::MAX),
            )
            .map_err(Error::outer)
    }
}

impl Passphrase {
    fn clone_secret(&self) -> Passphrase {
        use age::secrecy::ExposeSecret;
        Passphrase::new(self.expose_for_clone().expose_secret().to_owned())
    }
}

/// SQLite's allocations go through the zeroing allocator (issue 13), which
/// must be arranged before SQLite is first used: called before every
/// connection the vault opens. Only the first call acts.
pub(crate) fn sqlite_ready() {
    let _ = wipe::route_sqlite();
}

fn new_working_copy() -> Result<Connection> {
    sqlite_ready();
    let conn = Connection::open_in_memory().map_err(Error::Working)?;
    configure_working(&conn)?;
    Ok(conn)
}

fn configure_working(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;
         PRAGMA foreign_keys = ON;",
    )
    .map_err(Error::Working)
}

fn load_working_copy(image: &[u8]) -> Result<Connection> {
    sqlite_ready();
    let mut conn = Connection::open_in_memory().map_err(Error::Working)?;
    conn.deserialize_read_exact(MAIN_DB, image, image.len(), false)
        .map_err(|_| Error::Damaged(Part::Snapshot))?;
    check_working_copy(&conn)?;
    Ok(conn)
}

/// Checks a freshly loaded working copy's structure and configures it.
///
/// The check is SQLite's `quick_check`: every b-tree page where it belongs,
/// which is what catches snapshot parts put back in the wrong order (each
/// part is authenticated on its own, not its place). Rows' CHECK
/// constraints are left out of it (`ignore_check_constraints` for its
/// length): every row passed them when it was written, the image is
/// authenticated, and re-running them (`json_valid` over every stored form
/// and drawn signature) was two thirds of the check on the 10-year vault.
fn check_working_copy(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "ignore_check_constraints", true)
        .map_err(Error::Working)?;
    let checked: rusqlite::Result<String> = conn.query_row("PRAGMA quick_check", [], |r| r.get(0));
    conn.pragma_update(None, "ignore_check_constraints", false)
        .map_err(Error::Working)?;
    if checked.map_err(|_| Error::Damaged(Part::Snapshot))? != "ok" {
        return Err(Error::Damaged(Part::Snapshot));
    }
    configure_working(conn)
}

fn serialize(conn: &mut Connection) -> Result<Vec<u8>> {
    let data = conn.serialize(MAIN_DB).map_err(Error::Working)?;
    Ok(data.to_vec())
}

fn seal_parts(key: &VaultKey, image: &[u8]) -> Result<Vec<Vec<u8>>> {
    let chunks: Vec<&[u8]> = image.chunks(SNAPSHOT_PART_BYTES).collect();
    parallel_map(&chunks, |c| key.seal(c))
}

/// Maps `f` over `items` on as many threads as the machine has cores.
fn parallel_map<I: Sync, T: Send>(
    items: &[I],
    f: impl Fn(&I) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if items.len() < 2 || threads < 2 {
        return items.iter().map(&f).collect();
    }
    let per = items.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(per)
            .map(|group| s.spawn(|| group.iter().map(&f).collect::<Result<Vec<T>>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for h in handles {
            out.extend(
                h.join()
                    .map_err(|_| Error::Io("worker thread failed".into()))??,
            );
        }
        Ok(out)
    })
}

fn put_snapshot(
    tx: &Transaction<'_>,
    parts: &[Vec<u8>],
    passphrase_wrap: &[u8],
    recovery_wrap: &[u8],
) -> Result<()> {
    put_parts(tx, parts)?;
    put_wraps(tx, passphrase_wrap, recovery_wrap)
}

fn put_parts(tx: &Transaction<'_>, parts: &[Vec<u8>]) -> Result<()> {
    let mut stmt = tx
        .prepare("INSERT INTO snapshot (part, data) VALUES (?1, ?2)")
        .map_err(Error::outer)?;
    for (i, p) in parts.iter().enumerate() {
        stmt.execute(rusqlite::params![i as i64, p])
            .map_err(Error::outer)?;
    }
    Ok(())
}

fn put_wraps(tx: &Transaction<'_>, passphrase_wrap: &[u8], recovery_wrap: &[u8]) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO key_wraps (kind, wrapped) VALUES ('passphrase', ?1), ('recovery', ?2)",
        rusqlite::params![passphrase_wrap, recovery_wrap],
    )
    .map_err(Error::outer)?;
    Ok(())
}

fn frame(generation: u64, seq: u64, changeset: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(20 + changeset.len());
    out.extend_from_slice(JOURNAL_MAGIC);
    out.extend_from_slice(&generation.to_le_bytes());
    out.extend_from_slice(&seq.to_le_bytes());
    out.extend_from_slice(changeset);
    out
}

fn unframe(plain: &[u8], generation: u64, seq: u64) -> Result<&[u8]> {
    let damaged = || Error::Damaged(Part::Journal);
    let rest = plain.strip_prefix(JOURNAL_MAGIC).ok_or_else(damaged)?;
    let (g, rest) = rest.split_first_chunk::<8>().ok_or_else(damaged)?;
    let (s, changeset) = rest.split_first_chunk::<8>().ok_or_else(damaged)?;
    if u64::from_le_bytes(*g) != generation || u64::from_le_bytes(*s) != seq {
        return Err(damaged());
    }
    Ok(changeset)
}

fn apply_changeset(work: &Connection, mut changeset: &[u8]) -> Result<()> {
    use rusqlite::session::{ConflictAction, ConflictType};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let conflicted = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&conflicted);
    work.apply_strm(
        &mut changeset,
        None::<fn(&str) -> bool>,
        move |_kind: ConflictType, _item| {
            flag.store(true, Ordering::Relaxed);
            ConflictAction::SQLITE_CHANGESET_ABORT
        },
    )
    .map_err(|_| Error::Damaged(Part::Journal))?;
    if conflicted.load(Ordering::Relaxed) {
        return Err(Error::Damaged(Part::Journal));
    }
    Ok(())
}

/// Names of virtual tables (FTS5 and the like): their shadow tables are
/// rebuilt by triggers on replay and must not be journaled twice.
fn virtual_table_prefixes(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
        .map_err(Error::Working)?;
    let names = stmt
        .query_map([], |r| r.get(0))
        .map_err(Error::Working)?
        .collect::<rusqlite::Result<Vec<String>>>()
        .map_err(Error::Working)?;
    Ok(names)
}
