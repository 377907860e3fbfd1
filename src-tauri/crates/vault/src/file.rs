//! The outer file: an SQLite database holding only age ciphertext and a few
//! plain header fields. Its own atomic commit is the vault's crash safety.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::error::{Error, Part, Result};

/// `PRAGMA application_id` of every vault file: "TVLT".
pub(crate) const APPLICATION_ID: i32 = 0x5456_4C54;
/// The format this build writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

const SCHEMA: &str = "
CREATE TABLE header (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
CREATE TABLE key_wraps (
    kind    TEXT PRIMARY KEY CHECK (kind IN ('passphrase', 'recovery')),
    wrapped BLOB NOT NULL
) STRICT;
CREATE TABLE snapshot (
    part INTEGER PRIMARY KEY,
    data BLOB NOT NULL
) STRICT;
CREATE TABLE journal (
    seq  INTEGER PRIMARY KEY,
    data BLOB NOT NULL
) STRICT;
";

/// The plain, non-secret fields at the head of a vault file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Format version of the file.
    pub format_version: u32,
    /// Random id of this vault, fixed for its life.
    pub vault_id: String,
    /// When the vault was created (RFC 3339, UTC).
    pub created: String,
    /// scrypt work factor (log2 N) of the passphrase wrap.
    pub work_factor: u8,
    /// How many times the vault has been compacted (and its key rotated).
    pub generation: u64,
    /// The recovery recipient (`age1...`); its secret is on the recovery sheet.
    pub recovery_recipient: String,
}

/// An open outer file: the SQLite connection and the OS lock that keeps
/// other processes out. Field order matters: the connection closes before
/// the lock is released.
pub(crate) struct OuterFile {
    pub(crate) db: Connection,
    _lock: File,
}

impl OuterFile {
    /// Creates a new, empty vault file, readable by its owner only, and its
    /// folder if missing (likewise). Refuses to overwrite anything.
    pub(crate) fn create(path: &Path, header: &Header) -> Result<Self> {
        let missing = |f: &&Path| !f.as_os_str().is_empty() && !f.exists();
        if let Some(folder) = path.parent().filter(missing) {
            create_private_folder(folder)?;
        }
        let mut options = OpenOptions::new();
        options.read(true).write(true).create_new(true);
        // SQLite gives the -wal and -shm files the vault file's mode.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let lock = options.open(path).map_err(|e| Error::io(&e))?;
        take_lock(&lock)?;
        crate::sqlite_ready();
        let db = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(Error::outer)?;
        configure(&db)?;
        let tx = db.unchecked_transaction().map_err(Error::outer)?;
        tx.execute_batch(SCHEMA).map_err(Error::outer)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(Error::outer)?;
        write_header(&tx, header)?;
        tx.commit().map_err(Error::outer)?;
        Ok(OuterFile { db, _lock: lock })
    }

    /// Opens an existing vault file, takes its lock and reads its header.
    /// Nothing is written until the header has been checked.
    pub(crate) fn open(path: &Path) -> Result<(Self, Header)> {
        let (lock, writable) = match OpenOptions::new().read(true).write(true).open(path) {
            Ok(file) => (file, true),
            // A read-only file can still be unlocked and read; saving will say why it fails.
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                let file = OpenOptions::new()
                    .read(true)
                    .open(path)
                    .map_err(|e| Error::io(&e))?;
                (file, false)
            }
            Err(e) => return Err(Error::io(&e)),
        };
        take_lock(&lock)?;
        if writable {
            side_files_writable_like(path, &lock);
        }
        crate::sqlite_ready();
        let db = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .or_else(|_| {
            Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
        })
        .map_err(Error::outer)?;
        let app_id: i32 = db
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|e| match Error::outer(e) {
                // SQLite refuses a damaged first page (say, of a truncated
                // file) as it would a foreign file; the raw header tells a
                // damaged vault from something that never was one.
                Error::Damaged(_) | Error::Io(_) if has_vault_signature(&lock) => {
                    Error::Damaged(Part::Structure)
                }
                Error::Damaged(_) | Error::Io(_) => Error::NotAVault,
                other => other,
            })?;
        if app_id != APPLICATION_ID {
            return Err(Error::NotAVault);
        }
        let header = read_header(&db)?;
        if header.format_version > FORMAT_VERSION {
            return Err(Error::NewerVersion {
                found: header.format_version,
                supported: FORMAT_VERSION,
            });
        }
        configure(&db)?;
        Ok((OuterFile { db, _lock: lock }, header))
    }

    pub(crate) fn key_wrap(&self, kind: &str) -> Result<Vec<u8>> {
        self.db
            .query_row(
                "SELECT wrapped FROM key_wraps WHERE kind = ?1",
                [kind],
                |r| r.get(0),
            )
            .optional()
            .map_err(Error::outer)?
            .ok_or(Error::Damaged(Part::KeyWrap))
    }

    /// Visits the journal in order.
    pub(crate) fn for_each_journal(
        &self,
        mut f: impl FnMut(u64, &[u8]) -> Result<()>,
    ) -> Result<u64> {
        let mut stmt = self
            .db
            .prepare("SELECT seq, data FROM journal ORDER BY seq")
            .map_err(Error::outer)?;
        let mut rows = stmt.query([]).map_err(Error::outer)?;
        let mut count = 0u64;
        while let Some(row) = rows.next().map_err(Error::outer)? {
            let seq: i64 = row.get(0).map_err(Error::outer)?;
            let data = row
                .get_ref(1)
                .map_err(Error::outer)?
                .as_blob()
                .map_err(|_| Error::Damaged(Part::Journal))?;
            count += 1;
            if seq != count as i64 {
                return Err(Error::Damaged(Part::Journal));
            }
            f(count, data)?;
        }
        Ok(count)
    }

    /// Appends one sealed save (`seq`, ciphertext) and replaces the
    /// passphrase wrap, either or both, in one commit; durable when this
    /// returns (synchronous=FULL).
    pub(crate) fn commit(
        &self,
        journal: Option<(u64, &[u8])>,
        passphrase_wrap: Option<&[u8]>,
    ) -> Result<()> {
        if journal.is_none() && passphrase_wrap.is_none() {
            return Ok(());
        }
        let tx = self.db.unchecked_transaction().map_err(Error::outer)?;
        if let Some((seq, sealed)) = journal {
            tx.execute(
                "INSERT INTO journal (seq, data) VALUES (?1, ?2)",
                params![seq as i64, sealed],
            )
            .map_err(Error::outer)?;
        }
        if let Some(wrapped) = passphrase_wrap {
            tx.execute(
                "UPDATE key_wraps SET wrapped = ?1 WHERE kind = 'passphrase'",
                [wrapped],
            )
            .map_err(Error::outer)?;
        }
        tx.commit().map_err(Error::outer)
    }
}

/// How long a lock that looks taken is tried again before the vault is
/// called in use.
const LOCK_PATIENCE: Duration = Duration::from_millis(250);

/// Takes the OS lock that keeps other processes out. A process forked by
/// this one holds a copy of every open file, and so of a lock released here
/// a moment ago, until it calls exec; the app's webview starts processes at
/// any time. So a taken lock is tried again for a short while first.
fn take_lock(file: &File) -> Result<()> {
    let deadline = Instant::now() + LOCK_PATIENCE;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(_) => return Err(Error::InUse),
        }
    }
}

/// SQLite gives its `-wal` and `-shm` files the vault file's permissions
/// when it creates them, and reading a read-only vault leaves them behind,
/// read-only. Once the vault file is writable again they must be too, or
/// every save still fails after the chair has fixed the permissions. Best
/// effort: if this fails, saving says the vault cannot be written.
fn side_files_writable_like(path: &Path, vault: &File) {
    let Ok(permissions) = vault.metadata().map(|m| m.permissions()) else {
        return;
    };
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        if std::fs::metadata(&side).is_ok_and(|m| m.permissions().readonly()) {
            let _ = std::fs::set_permissions(&side, permissions.clone());
        }
    }
}

/// Creates `folder` and any missing parents, readable by their owner only.
fn create_private_folder(folder: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(folder).map_err(|e| match Error::io(&e) {
        // A missing folder that cannot be made is not a missing vault.
        Error::NotFound => Error::NotWritable,
        other => other,
    })
}

/// Whether the file begins as every vault does: SQLite's magic string and,
/// at offset 68, the vault's application id (big-endian, as SQLite stores it).
fn has_vault_signature(mut file: &File) -> bool {
    use std::io::Read;
    let mut head = [0u8; 72];
    file.read_exact(&mut head).is_ok()
        && head.starts_with(b"SQLite format 3\0")
        && head[68..72] == APPLICATION_ID.to_be_bytes()
}

fn configure(db: &Connection) -> Result<()> {
    // WAL: one fsync per save. FULL: the save is on disk before we return.
    // secure_delete: pages of dropped ciphertext are zeroed, not left behind.
    db.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
        .map_err(Error::outer)?;
    db.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA secure_delete = ON;
         PRAGMA foreign_keys = OFF;
         PRAGMA busy_timeout = 0;",
    )
    .map_err(Error::outer)
}

pub(crate) fn write_header(db: &Connection, h: &Header) -> Result<()> {
    let mut stmt = db
        .prepare("INSERT OR REPLACE INTO header (key, value) VALUES (?1, ?2)")
        .map_err(Error::outer)?;
    for (k, v) in [
        ("format_version", h.format_version.to_string()),
        ("vault_id", h.vault_id.clone()),
        ("created", h.created.clone()),
        ("work_factor", h.work_factor.to_string()),
        ("generation", h.generation.to_string()),
        ("recovery_recipient", h.recovery_recipient.clone()),
    ] {
        stmt.execute(params![k, v]).map_err(Error::outer)?;
    }
    Ok(())
}

pub(crate) fn read_header(db: &Connection) -> Result<Header> {
    let get = |key: &str| -> Result<String> {
        db.query_row("SELECT value FROM header WHERE key = ?1", [key], |r| {
            r.get::<_, String>(0)
        })
        .optional()
        .map_err(|e| match Error::outer(e) {
            Error::Io(_) => Error::Damaged(Part::Header),
            other => other,
        })?
        .ok_or(Error::Damaged(Part::Header))
    };
    let num =
        |key: &str| -> Result<u64> { get(key)?.parse().map_err(|_| Error::Damaged(Part::Header)) };
    let format_version =
        u32::try_from(num("format_version")?).map_err(|_| Error::Damaged(Part::Header))?;
    if format_version == 0 {
        // No format 0 was ever written: a flipped bit in the "1", not an old file.
        return Err(Error::Damaged(Part::Header));
    }
    if format_version > FORMAT_VERSION {
        // Fields of a newer format may differ; report the version first.
        return Ok(Header {
            format_version,
            vault_id: String::new(),
            created: String::new(),
            work_factor: 0,
            generation: 0,
            recovery_recipient: String::new(),
        });
    }
    Ok(Header {
        format_version,
        vault_id: get("vault_id")?,
        created: get("created")?,
        work_factor: u8::try_from(num("work_factor")?).map_err(|_| Error::Damaged(Part::Header))?,
        generation: num("generation")?,
        recovery_recipient: get("recovery_recipient")?,
    })
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use crate::{CreateOptions, Passphrase, Vault};

    fn mode(path: &std::path::Path) -> u32 {
        std::fs::metadata(path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777
    }

    #[test]
    fn a_new_vault_and_its_new_folders_are_its_owners_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let folder = dir.path().join("app data");
        let path = folder.join("vaults").join("chair.tvault");
        let (v, _) = Vault::create(
            &path,
            &Passphrase::new("correct horse battery staple"),
            CreateOptions { work_factor: 2 },
            |_| Ok::<(), crate::Error>(()),
        )
        .expect("create");
        assert_eq!(mode(&path), 0o600, "vault file");
        for suffix in ["-wal", "-shm"] {
            let mut side = path.as_os_str().to_owned();
            side.push(suffix);
            let side = std::path::PathBuf::from(side);
            if side.exists() {
                assert_eq!(mode(&side), 0o600, "{}", side.display());
            }
        }
        assert_eq!(mode(&folder), 0o700, "new folder");
        assert_eq!(mode(path.parent().expect("parent")), 0o700, "new folder");
        drop(v);
    }
}
