//! Test vectors: committed vault files, each with a sidecar `NAME.expect`
//! that declares what opening it must give (format in
//! `tests/vectors/vault/README.md`). One case per file, as in rage's testkit.
//!
//! `every_vector_gives_its_declared_outcome` runs them all; the ignored
//! `make_vectors` rewrites them:
//!
//! ```text
//! cargo test -p tasking-vault-tests --test vault_format -- --ignored make_vectors
//! ```

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use vault::rusqlite::{self, Connection};
use vault::{Error, Part, Passphrase, RecoverySecret, Vault};

use crate::support::{PASS, find_unique, opts};

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors/vault")
}

/// How a case unlocks its file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    Passphrase(String),
    Recovery(String),
}

/// One `.expect` file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Case {
    name: String,
    comment: String,
    file: String,
    key: Key,
    expect: String,
    part: Option<String>,
    rows: Option<u64>,
    journal: Option<u64>,
}

impl Case {
    fn parse(name: &str, text: &str) -> Result<Case, String> {
        let mut case = Case {
            name: name.to_owned(),
            comment: String::new(),
            file: format!("{name}.tvault"),
            key: Key::Passphrase(String::new()),
            expect: String::new(),
            part: None,
            rows: None,
            journal: None,
        };
        let mut keys = 0;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (k, v) = line
                .split_once(':')
                .ok_or_else(|| format!("not `key: value`: {line:?}"))?;
            let v = v.trim().to_owned();
            let number = |v: &str| v.parse::<u64>().map_err(|e| format!("{k}: {e}"));
            match k.trim() {
                "comment" => case.comment = v,
                "file" => case.file = v,
                "passphrase" => {
                    case.key = Key::Passphrase(v);
                    keys += 1;
                }
                "recovery" => {
                    case.key = Key::Recovery(v);
                    keys += 1;
                }
                "expect" => case.expect = v,
                "part" => case.part = Some(v),
                "rows" => case.rows = Some(number(&v)?),
                "journal" => case.journal = Some(number(&v)?),
                other => return Err(format!("unknown key {other:?}")),
            }
        }
        if keys != 1 {
            return Err("exactly one of `passphrase` and `recovery` is needed".into());
        }
        if case.expect.is_empty() {
            return Err("`expect` is missing".into());
        }
        if case.expect == "ok" && case.rows.is_none() {
            return Err("an `ok` case must say how many `rows`".into());
        }
        if case.expect != "ok" && (case.rows.is_some() || case.journal.is_some()) {
            return Err("`rows` and `journal` belong to `ok` cases only".into());
        }
        if case.part.is_some() && case.expect != "vault_damaged" {
            return Err("`part` belongs to `vault_damaged` cases only".into());
        }
        Ok(case)
    }

    fn to_text(&self) -> String {
        let mut out = String::new();
        let mut line = |k: &str, v: &str| {
            let _ = writeln!(out, "{k}: {v}");
        };
        line("comment", &self.comment);
        if self.file != format!("{}.tvault", self.name) {
            line("file", &self.file);
        }
        match &self.key {
            Key::Passphrase(p) => line("passphrase", p),
            Key::Recovery(r) => line("recovery", r),
        }
        line("expect", &self.expect);
        if let Some(p) = &self.part {
            line("part", p);
        }
        if let Some(n) = self.rows {
            line("rows", &n.to_string());
        }
        if let Some(n) = self.journal {
            line("journal", &n.to_string());
        }
        out
    }
}

/// The name a `part:` line uses for each damaged part.
fn part_name(part: Part) -> &'static str {
    match part {
        Part::Header => "header",
        Part::KeyWrap => "key_wrap",
        Part::Snapshot => "snapshot",
        Part::Journal => "journal",
        Part::Structure => "structure",
        _ => "unknown",
    }
}

/// Opens a copy of the case's file (opening takes a lock and may write, and
/// the committed files must never change) and compares the outcome.
fn run(dir: &Path, case: &Case) -> Result<(), String> {
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    let path = scratch.path().join("vault.tvault");
    fs::copy(dir.join(&case.file), &path).map_err(|e| format!("{}: {e}", case.file))?;
    let opened = match &case.key {
        Key::Passphrase(p) => Vault::open(&path, &Passphrase::new(p.as_str())),
        Key::Recovery(r) => RecoverySecret::parse(r).and_then(|secret| {
            Vault::recover(
                &path,
                &secret,
                &Passphrase::new("a new passphrase, set by the test"),
            )
        }),
    };
    match opened {
        Ok(v) if case.expect == "ok" => {
            let rows: i64 = v
                .db()
                .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
                .map_err(|e| e.to_string())?;
            if Some(rows as u64) != case.rows {
                return Err(format!("opened with {rows} rows, expected {:?}", case.rows));
            }
            if case.journal.is_some_and(|j| j != v.journal_len()) {
                return Err(format!(
                    "opened with {} journal entries, expected {:?}",
                    v.journal_len(),
                    case.journal
                ));
            }
            v.check().map_err(|e| format!("check failed: {e}"))?;
            Ok(())
        }
        Ok(_) => Err(format!("opened, but expected {}", case.expect)),
        Err(e) if e.code() != case.expect => {
            Err(format!("gave {} ({e}), expected {}", e.code(), case.expect))
        }
        Err(Error::Damaged(part)) if case.part.as_deref().is_some_and(|p| p != part_name(part)) => {
            Err(format!(
                "damaged part {}, expected {:?}",
                part_name(part),
                case.part
            ))
        }
        Err(_) => Ok(()),
    }
}

#[test]
fn every_vector_gives_its_declared_outcome() {
    let dir = vectors_dir();
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("vectors directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut cases = Vec::new();
    let mut failures = Vec::new();
    for name in names.iter().filter_map(|n| n.strip_suffix(".expect")) {
        let text = fs::read_to_string(dir.join(format!("{name}.expect"))).expect("read");
        match Case::parse(name, &text) {
            Ok(case) => cases.push(case),
            Err(e) => failures.push(format!("{name}.expect: {e}")),
        }
    }
    assert!(cases.len() >= 20, "only {} cases found", cases.len());
    for case in &cases {
        match run(&dir, case) {
            Ok(()) => println!("{}: {} as declared", case.name, case.expect),
            Err(e) => failures.push(format!("{}: {e}", case.name)),
        }
    }
    // Every data file is some case's: no stray or forgotten vectors.
    for name in &names {
        let used = name.ends_with(".expect")
            || name == "README.md"
            || cases.iter().any(|c| &c.file == name);
        if !used {
            failures.push(format!("{name}: no .expect file uses it"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn expect_files_round_trip() {
    let case = Case {
        name: "x".into(),
        comment: "a comment: with a colon".into(),
        file: "good.tvault".into(),
        key: Key::Passphrase("pass: with colon".into()),
        expect: "vault_damaged".into(),
        part: Some("journal".into()),
        rows: None,
        journal: None,
    };
    assert_eq!(Case::parse("x", &case.to_text()), Ok(case));
}

// ---------------------------------------------------------------------------
// The generator.

/// Notes in the snapshot of `good.tvault`, then saves made after it.
const SNAPSHOT_NOTES: [&str; 3] = [
    "Snapshot note one",
    "Snapshot note two — Zoë",
    "Snapshot note three",
];
const JOURNAL_NOTES: [&str; 2] = ["Journal note one", "Journal note two"];

fn vector_init(tx: &rusqlite::Transaction<'_>) -> Result<(), Error> {
    // No full-text index here: it would triple the size of every vector.
    tx.execute_batch("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL);")
        .map_err(Error::Working)?;
    for text in SNAPSHOT_NOTES {
        tx.execute("INSERT INTO note (text) VALUES (?1)", [text])
            .map_err(Error::Working)?;
    }
    Ok(())
}

/// Flips `bit` of byte `at` of `blob` where the blob lies in `file`. A blob
/// larger than a page is split over overflow pages, so only a 32-byte
/// window around `at` is looked for; it must occur exactly once.
fn flip_in_blob(file: &mut [u8], blob: &[u8], at: usize, bit: u8) {
    let start = at.saturating_sub(16).min(blob.len() - 32);
    let window = &blob[start..start + 32];
    let pos = find_unique(file, window).expect("blob window found exactly once");
    file[pos + at - start] ^= 1 << bit;
}

/// Flips `bit` of a one-character header value. A header row's record holds
/// the key and the value side by side (the key's index entry holds the key
/// and a row id), so `key` followed by `value` occurs exactly once.
fn flip_header_value(file: &mut [u8], key: &str, value: u8, bit: u8) {
    let marker = [key.as_bytes(), &[value]].concat();
    let pos = find_unique(file, &marker).expect("header row found exactly once");
    file[pos + key.len()] ^= 1 << bit;
}

fn blob(db: &Connection, sql: &str) -> Vec<u8> {
    db.query_row(sql, [], |r| r.get(0)).expect("blob")
}

struct Generator {
    out: PathBuf,
    scratch: tempfile::TempDir,
    good: Vec<u8>,
    recovery: String,
}

impl Generator {
    /// Writes a case: its `.expect` and, unless it reuses another's, its file.
    fn case(&self, case: Case, bytes: Option<&[u8]>) {
        if let Some(bytes) = bytes {
            assert_eq!(case.file, format!("{}.tvault", case.name));
            fs::write(self.out.join(&case.file), bytes).expect("write vector");
        }
        fs::write(
            self.out.join(format!("{}.expect", case.name)),
            case.to_text(),
        )
        .expect("write expect");
    }

    /// A copy of `good.tvault` in the scratch directory, to read or change with SQL.
    fn scratch_copy(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.scratch.path().join(name);
        fs::write(&path, bytes).expect("write scratch");
        path
    }

    /// `good.tvault` changed by `sql`, run with plain SQLite as any tool could.
    fn good_with_sql(&self, name: &str, sql: &str) -> Vec<u8> {
        let path = self.scratch_copy(name, &self.good);
        let db = Connection::open(&path).expect("open copy");
        db.execute_batch(sql).expect("change copy");
        db.close().expect("close copy");
        assert!(!wal_of(&path).exists(), "WAL folded back on close");
        fs::read(&path).expect("read copy")
    }

    fn good_flipped(&self, flip: impl FnOnce(&mut Vec<u8>, &Connection)) -> Vec<u8> {
        let db = crate::support::outer(&self.scratch_copy("read.tvault", &self.good));
        let mut bytes = self.good.clone();
        flip(&mut bytes, &db);
        assert_ne!(bytes, self.good);
        bytes
    }
}

fn wal_of(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push("-wal");
    PathBuf::from(p)
}

fn damaged(name: &str, comment: &str, part: &str) -> Case {
    Case {
        name: name.into(),
        comment: comment.into(),
        file: format!("{name}.tvault"),
        key: Key::Passphrase(PASS.into()),
        expect: "vault_damaged".into(),
        part: Some(part.into()),
        rows: None,
        journal: None,
    }
}

fn refused(name: &str, comment: &str, expect: &str) -> Case {
    Case {
        expect: expect.into(),
        part: None,
        ..damaged(name, comment, "")
    }
}

#[test]
#[ignore = "rewrites the committed vectors in tests/vectors/vault; run by hand"]
fn make_vectors() {
    let out = vectors_dir();
    fs::create_dir_all(&out).expect("vectors dir");
    for entry in fs::read_dir(&out).expect("read vectors dir") {
        let path = entry.expect("entry").path();
        if path
            .extension()
            .is_some_and(|e| e == "tvault" || e == "expect")
        {
            fs::remove_file(path).expect("remove old vector");
        }
    }
    let scratch = tempfile::tempdir().expect("scratch");

    // The good vault: three notes in the snapshot, then three saves.
    let path = scratch.path().join("good.tvault");
    let (mut v, recovery) =
        Vault::create(&path, &Passphrase::new(PASS), opts(), vector_init).expect("create");
    for text in JOURNAL_NOTES {
        v.write(|tx| {
            tx.execute("INSERT INTO note (text) VALUES (?1)", [text])
                .map_err(Error::Working)
        })
        .expect("save");
    }
    v.write(|tx| {
        tx.execute(
            "UPDATE note SET text = text || ' (edited)' WHERE id = 1",
            [],
        )
        .map_err(Error::Working)
    })
    .expect("save");
    assert_eq!(v.journal_len(), 3);
    // Dropped, not closed: closing would compact the journal away.
    drop(v);
    assert!(!wal_of(&path).exists(), "WAL folded back on close");
    let g = Generator {
        out,
        good: fs::read(&path).expect("read good"),
        recovery: recovery.expose().to_owned(),
        scratch,
    };
    let rows = (SNAPSHOT_NOTES.len() + JOURNAL_NOTES.len()) as u64;

    let ok = |name: &str, comment: &str, file: &str, key: Key, journal: u64| Case {
        name: name.into(),
        comment: comment.into(),
        file: file.into(),
        key,
        expect: "ok".into(),
        part: None,
        rows: Some(rows),
        journal: Some(journal),
    };
    g.case(
        ok(
            "good",
            "three notes in the snapshot, then three saves in the journal (two inserts, one update)",
            "good.tvault",
            Key::Passphrase(PASS.into()),
            3,
        ),
        Some(&g.good),
    );
    g.case(
        ok(
            "good_recovered",
            "the recovery secret opens the good vault; recovering compacts, so the journal is empty",
            "good.tvault",
            Key::Recovery(g.recovery.clone()),
            0,
        ),
        None,
    );
    g.case(
        Case {
            file: "good.tvault".into(),
            key: Key::Passphrase("not the passphrase at all".into()),
            ..refused(
                "wrong_passphrase",
                "the good vault with another passphrase",
                "wrong_passphrase_or_damaged",
            )
        },
        None,
    );
    let wrong_secret = {
        // Any other X25519 secret: the recovery secret of a throwaway vault.
        let p = g.scratch.path().join("other.tvault");
        let (other, secret) =
            Vault::create(&p, &Passphrase::new(PASS), opts(), vector_init).expect("create other");
        drop(other);
        secret.expose().to_owned()
    };
    g.case(
        Case {
            file: "good.tvault".into(),
            key: Key::Recovery(wrong_secret),
            ..refused(
                "wrong_recovery_secret",
                "the good vault with another vault's recovery secret",
                "wrong_recovery_secret_or_damaged",
            )
        },
        None,
    );

    // Truncated files.
    let half = g.good.len() / 2;
    g.case(
        damaged(
            "truncated_half",
            "the good vault cut off halfway, as by a copy that stopped",
            "structure",
        ),
        Some(&g.good[..half]),
    );
    g.case(
        damaged(
            "truncated_first_page",
            "only the first 4096-byte page of the good vault is left",
            "structure",
        ),
        Some(&g.good[..4096]),
    );

    // One flipped bit in each part.
    let wrap_flipped = g.good_flipped(|bytes, db| {
        let wrap = blob(
            db,
            "SELECT wrapped FROM key_wraps WHERE kind = 'passphrase'",
        );
        // In the payload's authentication tag, past the age header.
        flip_in_blob(bytes, &wrap, wrap.len() - 8, 0);
    });
    g.case(
        refused(
            "passphrase_wrap_bit_flipped",
            "one bit flipped in the passphrase wrap's ciphertext: the right passphrase \
             cannot tell this from a wrong one",
            "wrong_passphrase_or_damaged",
        ),
        Some(&wrap_flipped),
    );
    g.case(
        ok(
            "passphrase_wrap_bit_flipped_recovered",
            "the recovery wrap is separate, so the recovery secret still opens the vault",
            "passphrase_wrap_bit_flipped.tvault",
            Key::Recovery(g.recovery.clone()),
            0,
        ),
        None,
    );
    let recovery_flipped = g.good_flipped(|bytes, db| {
        let wrap = blob(db, "SELECT wrapped FROM key_wraps WHERE kind = 'recovery'");
        flip_in_blob(bytes, &wrap, wrap.len() - 8, 0);
    });
    g.case(
        refused(
            "recovery_wrap_bit_flipped",
            "one bit flipped in the recovery wrap's ciphertext, opened with the recovery secret",
            "wrong_recovery_secret_or_damaged",
        )
        .with_key(Key::Recovery(g.recovery.clone())),
        Some(&recovery_flipped),
    );
    g.case(
        ok(
            "recovery_wrap_bit_flipped_passphrase",
            "a damaged recovery wrap does not stop the passphrase",
            "recovery_wrap_bit_flipped.tvault",
            Key::Passphrase(PASS.into()),
            3,
        ),
        None,
    );
    g.case(
        damaged(
            "snapshot_bit_flipped",
            "one bit flipped in the middle of the snapshot's ciphertext",
            "snapshot",
        ),
        Some(&g.good_flipped(|bytes, db| {
            let part = blob(db, "SELECT data FROM snapshot WHERE part = 0");
            flip_in_blob(bytes, &part, part.len() / 2, 3);
        })),
    );
    g.case(
        damaged(
            "journal_bit_flipped",
            "one bit flipped in the middle of the second journal entry's ciphertext",
            "journal",
        ),
        Some(&g.good_flipped(|bytes, db| {
            let entry = blob(db, "SELECT data FROM journal WHERE seq = 2");
            flip_in_blob(bytes, &entry, entry.len() / 2, 5);
        })),
    );
    g.case(
        damaged(
            "journal_entries_swapped",
            "journal entries 1 and 2 swapped: each decrypts, but its sealed sequence number \
             does not match its place",
            "journal",
        ),
        Some(&g.good_with_sql(
            "swapped.tvault",
            "UPDATE journal SET seq = -1 WHERE seq = 1;
             UPDATE journal SET seq = 1 WHERE seq = 2;
             UPDATE journal SET seq = 2 WHERE seq = -1;",
        )),
    );
    g.case(
        damaged(
            "header_format_version_bit_flipped",
            "format_version '1' became 'q' (bit 6): not a number",
            "header",
        ),
        Some(&g.good_flipped(|bytes, _| flip_header_value(bytes, "format_version", b'1', 6))),
    );
    g.case(
        damaged(
            "header_format_version_zero",
            "format_version '1' became '0' (bit 0): no such format was ever written",
            "header",
        ),
        Some(&g.good_flipped(|bytes, _| flip_header_value(bytes, "format_version", b'1', 0))),
    );
    g.case(
        damaged(
            "header_generation_bit_flipped",
            "generation '1' became '3' (bit 1): the journal entries are sealed with generation 1",
            "journal",
        ),
        Some(&g.good_flipped(|bytes, _| flip_header_value(bytes, "generation", b'1', 1))),
    );
    g.case(
        damaged(
            "header_work_factor_30",
            "the header asks for scrypt work factor 30 (16 GiB): refused before any scrypt runs",
            "header",
        ),
        Some(&g.good_with_sql(
            "wf30.tvault",
            "UPDATE header SET value = '30' WHERE key = 'work_factor';",
        )),
    );
    g.case(
        damaged(
            "structure_bit_flipped",
            "the page type of the journal table's root page flipped from 0x0d (table leaf) \
             to 0x0c (no such type)",
            "structure",
        ),
        Some(&g.good_flipped(|bytes, db| {
            let root: i64 = db
                .query_row(
                    "SELECT rootpage FROM sqlite_schema WHERE name = 'journal'",
                    [],
                    |r| r.get(0),
                )
                .expect("root page");
            let size: i64 = db
                .query_row("PRAGMA page_size", [], |r| r.get(0))
                .expect("page size");
            let at = usize::try_from((root - 1) * size).expect("offset");
            assert_eq!(bytes[at], 0x0d, "journal root is a table leaf");
            bytes[at] ^= 1;
        })),
    );
    g.case(
        damaged(
            "passphrase_wrap_missing",
            "the passphrase row of key_wraps deleted",
            "key_wrap",
        ),
        Some(&g.good_with_sql(
            "nowrap.tvault",
            "DELETE FROM key_wraps WHERE kind = 'passphrase';",
        )),
    );

    // Newer and foreign files.
    g.case(
        refused(
            "newer_format",
            "format_version 99: made by a future release",
            "vault_from_newer_version",
        ),
        Some(&g.good_with_sql(
            "newer.tvault",
            "UPDATE header SET value = '99' WHERE key = 'format_version';",
        )),
    );
    let plain = g.scratch.path().join("plain.db");
    {
        let db = Connection::open(&plain).expect("plain db");
        db.execute_batch(
            "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT);
             INSERT INTO note (text) VALUES ('an ordinary SQLite database');",
        )
        .expect("fill plain db");
    }
    g.case(
        refused(
            "plain_sqlite",
            "an ordinary SQLite database named .tvault",
            "not_a_vault",
        ),
        Some(&fs::read(&plain).expect("read plain db")),
    );
    g.case(
        refused("text_file", "a text file named .tvault", "not_a_vault"),
        Some(
            b"Minutes of the meeting of 25 November 2026.\nThis is not a vault.\n"
                .repeat(20)
                .as_slice(),
        ),
    );
    g.case(
        refused("empty", "an empty file named .tvault", "not_a_vault"),
        Some(b""),
    );
}

impl Case {
    fn with_key(self, key: Key) -> Case {
        Case { key, ..self }
    }
}
