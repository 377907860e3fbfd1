//! Unlocking's heavy part. Each snapshot part is streamed from the file
//! through age straight into the memory of the working copy: no ciphertext
//! is held whole, and no joined plaintext image is ever made. Parts are
//! decrypted in parallel, each worker thread reading through its own
//! read-only connection (a connection stays on its thread).

use std::io::{self, BufReader, Read};
use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, MAIN_DB, OpenFlags};

use crate::error::{Error, Part, Result};
use crate::file::OuterFile;
use crate::keys::VaultKey;

/// Buffer for reading a part's age header. Kept below age's 64 KiB chunk:
/// reads larger than the buffer bypass it, so each chunk goes from the file
/// straight into age's own buffer, without a copy in between.
const HEADER_BUFFER_BYTES: usize = 8 * 1024;

/// Decrypts the snapshot of the vault file at `path`, open as `outer`, into
/// a new in-memory database, and says of how many parts. The caller checks
/// and configures the database.
pub(crate) fn load(path: &Path, outer: &OuterFile, key: &VaultKey) -> Result<(Connection, usize)> {
    let lens = plaintext_lens(outer)?;
    let total = lens
        .iter()
        .try_fold(0usize, |sum, &n| sum.checked_add(n))
        .filter(|&n| n > 0)
        .ok_or(Error::Damaged(Part::Snapshot))?;
    let mut reader = PartsReader {
        path,
        outer,
        key,
        lens: &lens,
        done: false,
        failure: None,
    };
    crate::sqlite_ready();
    let mut conn = Connection::open_in_memory().map_err(Error::Working)?;
    if conn
        .deserialize_read_exact(MAIN_DB, &mut reader, total, false)
        .is_err()
    {
        return Err(reader
            .failure
            .take()
            .unwrap_or(Error::Damaged(Part::Snapshot)));
    }
    Ok((conn, lens.len()))
}

/// The plaintext length of every part, in order, from the parts' headers
/// and sizes (reading little of the file); decryption authenticates them.
fn plaintext_lens(outer: &OuterFile) -> Result<Vec<usize>> {
    let mut stmt = outer
        .db
        .prepare("SELECT part FROM snapshot ORDER BY part")
        .map_err(Error::outer)?;
    let parts = stmt
        .query_map([], |r| r.get::<_, i64>(0))
        .map_err(Error::outer)?
        .collect::<rusqlite::Result<Vec<i64>>>()
        .map_err(Error::outer)?;
    if parts.is_empty() || parts.iter().enumerate().any(|(i, &p)| p != i as i64) {
        return Err(Error::Damaged(Part::Snapshot));
    }
    parts
        .iter()
        .map(|&part| {
            read_part(&outer.db, part, |blob, len| {
                VaultKey::sealed_len(blob, len, Part::Snapshot)
            })
        })
        .collect()
}

/// Runs `f` on a reader of part `part`'s ciphertext and its length. If
/// reading the file failed, that is the error, not what `f` made of it.
fn read_part<T>(
    db: &Connection,
    part: i64,
    f: impl FnOnce(&mut Watched<rusqlite::blob::Blob<'_>>, usize) -> Result<T>,
) -> Result<T> {
    let blob = db
        .blob_open(MAIN_DB, "snapshot", "data", part, true)
        .map_err(Error::outer)?;
    let len = blob.len();
    let mut source = Watched {
        inner: blob,
        failure: None,
    };
    let result = f(&mut source, len);
    match (result, source.failure) {
        (Ok(value), _) => Ok(value),
        (Err(_), Some(e)) => {
            let kind = e.kind();
            Err(
                match e.into_inner().map(|e| e.downcast::<rusqlite::Error>()) {
                    Some(Ok(e)) => Error::outer(*e),
                    _ => Error::io(&io::Error::from(kind)),
                },
            )
        }
        (Err(e), None) => Err(e),
    }
}

/// Hands SQLite the whole image in one `read`: SQLite's `deserialize` asks
/// for exactly the total length into memory it owns.
struct PartsReader<'a> {
    path: &'a Path,
    outer: &'a OuterFile,
    key: &'a VaultKey,
    lens: &'a [usize],
    done: bool,
    /// Why filling failed, to report instead of SQLite's generic error.
    failure: Option<Error>,
}

impl Read for PartsReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.done || buf.is_empty() {
            return Ok(0);
        }
        let result = if buf.len() == self.lens.iter().sum::<usize>() {
            fill(self.path, self.outer, self.key, self.lens, buf)
        } else {
            Err(Error::Damaged(Part::Snapshot))
        };
        match result {
            Ok(()) => {
                self.done = true;
                Ok(buf.len())
            }
            Err(e) => {
                self.failure = Some(e);
                Err(io::Error::other("snapshot not loaded"))
            }
        }
    }
}

/// Fills `image` with the decrypted parts. This thread works through the
/// vault's own connection; up to one helper thread per further core joins
/// in through a read-only connection of its own, if it can open one.
fn fill(
    path: &Path,
    outer: &OuterFile,
    key: &VaultKey,
    lens: &[usize],
    image: &mut [u8],
) -> Result<()> {
    let mut jobs = Vec::with_capacity(lens.len());
    let mut rest = image;
    for (part, &len) in lens.iter().enumerate() {
        let (head, tail) = rest.split_at_mut(len);
        jobs.push((part, head));
        rest = tail;
    }
    // Taken from the end: the last part, often the shortest, goes last.
    jobs.reverse();
    let jobs = Mutex::new(jobs);
    let helpers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(lens.len())
        .saturating_sub(1);
    let work = |db: &Connection| -> Result<()> {
        loop {
            let job = jobs
                .lock()
                .map_err(|_| Error::Io("worker thread failed".into()))?
                .pop();
            let Some((part, out)) = job else {
                return Ok(());
            };
            let opened = read_part(db, part as i64, |blob, _| {
                let source = BufReader::with_capacity(HEADER_BUFFER_BYTES, blob);
                key.open_into(source, out, Part::Snapshot)
            });
            if opened.is_err() {
                // Stop the other workers after their current part.
                if let Ok(mut jobs) = jobs.lock() {
                    jobs.clear();
                }
                return opened;
            }
        }
    };
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..helpers)
            .map(|_| {
                s.spawn(|| {
                    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                    match Connection::open_with_flags(path, flags) {
                        Ok(db) => work(&db),
                        // This thread carries on alone.
                        Err(_) => Ok(()),
                    }
                })
            })
            .collect();
        let mut result = work(&outer.db);
        for h in handles {
            let helper = h
                .join()
                .unwrap_or_else(|_| Err(Error::Io("worker thread failed".into())));
            if result.is_ok() {
                result = helper;
            }
        }
        result
    })
}

/// A reader that keeps the first error of the reader it wraps (and passes
/// on only its kind).
struct Watched<R> {
    inner: R,
    failure: Option<io::Error>,
}

impl<R: Read> Read for Watched<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| {
            let kind = e.kind();
            self.failure.get_or_insert(e);
            io::Error::from(kind)
        })
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::{Connection, MAIN_DB};

    use crate::keys::VaultKey;
    use crate::{CreateOptions, Error, Part, Passphrase, SNAPSHOT_PART_BYTES, Vault};

    #[test]
    fn lengths_from_the_age_format_match_what_was_sealed() {
        let key = VaultKey::generate();
        let chunk = 64 * 1024;
        for size in [0, 1, chunk - 1, chunk, chunk + 1, 2 * chunk, 3 * chunk + 17] {
            let plain: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
            let sealed = key.seal(&plain).expect("seal");
            let len = VaultKey::sealed_len(&sealed[..], sealed.len(), Part::Snapshot);
            assert_eq!(len.expect("length"), size, "size {size}");
            let mut out = vec![0u8; size];
            key.open_into(&sealed[..], &mut out, Part::Snapshot)
                .expect("open");
            assert!(out == plain, "size {size}");
            for wrong in [size + 1, size.saturating_sub(1)] {
                if wrong != size {
                    let mut out = vec![0u8; wrong];
                    assert!(
                        matches!(
                            key.open_into(&sealed[..], &mut out, Part::Snapshot),
                            Err(Error::Damaged(Part::Snapshot))
                        ),
                        "size {size} read as {wrong}"
                    );
                }
            }
        }
    }

    fn passphrase() -> Passphrase {
        Passphrase::new("correct horse battery staple")
    }

    /// Rows of 10 kB in [`big_vault`]: over two parts' worth.
    const ROWS: i64 = (2 * SNAPSHOT_PART_BYTES / 10_000 + 8) as i64;

    /// A vault whose snapshot spans at least three parts.
    fn big_vault(dir: &std::path::Path) -> std::path::PathBuf {
        let path = dir.join("big.tvault");
        let (mut v, _) = Vault::create(
            &path,
            &passphrase(),
            CreateOptions { work_factor: 2 },
            |tx| {
                tx.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
                    .map_err(Error::Working)
            },
        )
        .expect("create");
        v.write(|tx| {
            tx.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
                 INSERT INTO t (body) SELECT randomblob(10000) FROM n",
                [ROWS],
            )
            .map_err(Error::Working)
        })
        .expect("write");
        v.close().expect("close");
        path
    }

    fn sum(v: &Vault) -> (i64, i64) {
        v.db()
            .query_row("SELECT count(*), sum(length(body)) FROM t", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("query")
    }

    #[test]
    fn rows_checks_hold_again_once_the_unlock_check_is_done() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("checks.tvault");
        let (v, _) = Vault::create(
            &path,
            &passphrase(),
            CreateOptions { work_factor: 2 },
            |tx| {
                tx.execute_batch(
                    "CREATE TABLE c (id INTEGER PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc)))",
                )
                .map_err(Error::Working)
            },
        )
        .expect("create");
        v.close().expect("close");
        let mut v = Vault::open(&path, &passphrase()).expect("open");
        let insert = |v: &mut Vault, doc: &str| {
            v.write(|tx| {
                tx.execute("INSERT INTO c (doc) VALUES (?1)", [doc])
                    .map_err(Error::Working)
            })
        };
        assert!(insert(&mut v, "not json").is_err());
        insert(&mut v, "{}").expect("valid JSON saves");
    }

    #[test]
    fn a_snapshot_of_several_parts_loads_whole_and_a_damaged_part_is_reported() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = big_vault(dir.path());
        let v = Vault::open(&path, &passphrase()).expect("open");
        assert!(v.check().expect("check").snapshot_parts >= 3);
        assert_eq!(sum(&v), (ROWS, ROWS * 10_000));
        drop(v);

        let damage = |sql: &str| {
            let copy = dir.path().join("damaged.tvault");
            std::fs::copy(&path, &copy).expect("copy");
            let db = Connection::open(&copy).expect("raw open");
            db.execute_batch(sql).expect("damage");
            drop(db);
            let result = Vault::open(&copy, &passphrase());
            std::fs::remove_file(&copy).expect("remove");
            result
        };
        let flip_middle = |db: &Connection| {
            let mut blob = db
                .blob_open(MAIN_DB, "snapshot", "data", 1, false)
                .expect("blob");
            let at = blob.len() / 2;
            let mut byte = [0u8; 1];
            blob.read_at_exact(&mut byte, at).expect("read");
            byte[0] ^= 0x10;
            blob.write_at(&byte, at).expect("write");
        };
        let copy = dir.path().join("flipped.tvault");
        std::fs::copy(&path, &copy).expect("copy");
        flip_middle(&Connection::open(&copy).expect("raw open"));
        assert!(matches!(
            Vault::open(&copy, &passphrase()),
            Err(Error::Damaged(Part::Snapshot))
        ));
        // A page of the file zeroed: an overflow page of some part.
        let zeroed = dir.path().join("zeroed.tvault");
        std::fs::copy(&path, &zeroed).expect("copy");
        let mut bytes = std::fs::read(&zeroed).expect("read");
        let page = bytes.len() / 2 / 4096 * 4096;
        bytes[page..page + 4096].fill(0);
        std::fs::write(&zeroed, &bytes).expect("write");
        assert!(matches!(
            Vault::open(&zeroed, &passphrase()),
            Err(Error::Damaged(Part::Snapshot | Part::Structure))
        ));
        for sql in [
            // Last part cut short; a middle part cut short; the first two parts
            // swapped, then two after the first; one missing.
            "UPDATE snapshot SET data = substr(data, 1, length(data) - 100) WHERE part = 2",
            "UPDATE snapshot SET data = substr(data, 1, length(data) - 1000) WHERE part = 1",
            "UPDATE snapshot SET part = 9 WHERE part = 0; UPDATE snapshot SET part = 0 WHERE part = 1; UPDATE snapshot SET part = 1 WHERE part = 9",
            "UPDATE snapshot SET part = 9 WHERE part = 1; UPDATE snapshot SET part = 1 WHERE part = 2; UPDATE snapshot SET part = 2 WHERE part = 9",
            "DELETE FROM snapshot WHERE part = 1",
            "DELETE FROM snapshot",
        ] {
            assert!(
                matches!(damage(sql), Err(Error::Damaged(Part::Snapshot))),
                "{sql}"
            );
        }
    }
}
