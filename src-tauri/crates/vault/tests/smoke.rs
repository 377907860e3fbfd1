//! The vault's round trip through its public API.

// Each step either works or fails the test, which the line number names.
#![allow(clippy::unwrap_used)]

use vault::{CreateOptions, Error, Passphrase, RecoverySecret, Vault};

const PASS: &str = "a long enough passphrase";

fn opts() -> CreateOptions {
    CreateOptions { work_factor: 2 }
}

fn init(tx: &vault::rusqlite::Transaction<'_>) -> Result<(), Error> {
    tx.execute_batch(
        "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
         CREATE VIRTUAL TABLE note_fts USING fts5(text);",
    )
    .map_err(Error::Working)
}

fn count(v: &Vault) -> i64 {
    v.db()
        .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
        .unwrap()
}

fn add(v: &mut Vault, text: &str) {
    v.write(|tx| {
        tx.execute("INSERT INTO note (text) VALUES (?1)", [text])
            .map_err(Error::Working)?;
        tx.execute("INSERT INTO note_fts (text) VALUES (?1)", [text])
            .map_err(Error::Working)
    })
    .unwrap();
}

#[test]
fn create_write_reopen_compact_recover() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.tvault");
    let pass = Passphrase::new(PASS);
    let (mut v, recovery) = Vault::create(&path, &pass, opts(), init).unwrap();
    add(&mut v, "first");
    add(&mut v, "second");
    assert_eq!(v.journal_len(), 2);
    // Writes outside `write` are refused.
    assert!(
        v.db()
            .execute("INSERT INTO note (text) VALUES ('x')", [])
            .is_err()
    );
    drop(v);

    // A second open while one is held is refused.
    let v = Vault::open(&path, &pass).unwrap();
    assert!(matches!(Vault::open(&path, &pass), Err(Error::InUse)));
    assert_eq!(count(&v), 2);
    assert_eq!(v.journal_len(), 2);
    drop(v);

    assert!(matches!(
        Vault::open(&path, &Passphrase::new("not the passphrase")),
        Err(Error::WrongPassphraseOrDamaged)
    ));

    let mut v = Vault::open(&path, &pass).unwrap();
    let gen_before = v.header().generation;
    v.compact().unwrap();
    assert_eq!(v.header().generation, gen_before + 1);
    add(&mut v, "third");
    v.close().unwrap();

    let v = Vault::open(&path, &pass).unwrap();
    assert_eq!(count(&v), 3);
    let fts: i64 = v
        .db()
        .query_row(
            "SELECT count(*) FROM note_fts WHERE note_fts MATCH 'third'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(fts, 1);
    drop(v);

    let secret = RecoverySecret::parse(&format!("# comment\n{}\n", recovery.expose())).unwrap();
    let newpass = Passphrase::new("a brand new passphrase");
    let v = Vault::recover(&path, &secret, &newpass).unwrap();
    drop(v);
    assert!(matches!(
        Vault::open(&path, &pass),
        Err(Error::WrongPassphraseOrDamaged)
    ));
    let mut v = Vault::open(&path, &newpass).unwrap();
    assert_eq!(count(&v), 3);
    v.change_passphrase(&newpass, &pass).unwrap();
    drop(v);
    assert_eq!(count(&Vault::open(&path, &pass).unwrap()), 3);
}

#[test]
fn full_disk_rolls_back_and_retry_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.tvault");
    let pass = Passphrase::new(PASS);
    let (mut v, _) = Vault::create(&path, &pass, opts(), init).unwrap();
    add(&mut v, "kept");
    let pages: i64 = 1;
    v.limit_file_pages_for_tests(pages as u64).unwrap();
    let big = "x".repeat(20_000);
    let err = v
        .write(|tx| {
            tx.execute("INSERT INTO note (text) VALUES (?1)", [&big])
                .map_err(Error::Working)
        })
        .unwrap_err();
    assert!(matches!(err, Error::DiskFull), "{err:?}");
    assert_eq!(count(&v), 1, "working copy rolled back");
    v.limit_file_pages_for_tests(1_000_000).unwrap();
    v.write(|tx| {
        tx.execute("INSERT INTO note (text) VALUES (?1)", [&big])
            .map_err(Error::Working)
    })
    .unwrap();
    drop(v);
    assert_eq!(count(&Vault::open(&path, &pass).unwrap()), 2);
}
