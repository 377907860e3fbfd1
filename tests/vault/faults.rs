//! Fault injection: saves and compactions that fail for want of space or
//! permission must leave the working copy equal to the file, lose nothing
//! saved before, and let the chair simply try again.
//!
//! A full disk is `Vault::limit_file_pages_for_tests`: SQLite's
//! `max_page_count` caps the outer file at its current size, so the next
//! write that needs a new page fails with `SQLITE_FULL`, as on a full disk.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use vault::rusqlite;
use vault::{Error, Vault};

use crate::support::{self, Helper, add, helper_ready_and_wait, notes, pass};

/// A note of `kib` KiB: far more than the free space in any page, so
/// saving it needs new pages.
fn big_note(tag: &str, kib: usize) -> String {
    let mut s = format!("{tag}: ");
    while s.len() < kib * 1024 {
        s.push_str(&uuid::Uuid::new_v4().simple().to_string());
        s.push(' ');
    }
    s
}

/// A full disk caps the file at the size it has now.
fn fill_the_disk(v: &Vault) {
    v.limit_file_pages_for_tests(1).expect("cap the file");
}

fn free_space(v: &Vault) {
    v.limit_file_pages_for_tests(u64::MAX)
        .expect("lift the cap");
}

#[test]
fn save_on_a_full_disk_fails_cleanly_and_the_same_save_can_be_retried() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, mut v, _) = support::create(dir.path(), "full.tvault");
    let mut saved = vec!["Saved before the disk filled, one".to_owned()];
    add(&mut v, &saved[0]).expect("save");
    v.compact().expect("compact");
    saved.push("Saved before the disk filled, two".to_owned());
    add(&mut v, &saved[1]).expect("save");

    fill_the_disk(&v);
    let big = big_note("Saved once there was room again", 64);
    for attempt in 1..=2 {
        let e = add(&mut v, &big).expect_err("no room for the save");
        assert_eq!(e.code(), "disk_full", "attempt {attempt}: {e}");
        assert!(
            e.to_string()
                .contains("nothing saved earlier has been lost")
        );
        // Rolled back: the working copy is what the file holds.
        assert_eq!(notes(&v), saved, "attempt {attempt}");
        assert_eq!(v.journal_len(), 1, "attempt {attempt}");
        v.check().expect("both databases sound after the failure");
    }

    free_space(&v);
    add(&mut v, &big).expect("the same save, retried, succeeds");
    saved.push(big);
    saved.push("Saved after the retry".to_owned());
    add(&mut v, &saved[3]).expect("save");
    assert_eq!(notes(&v), saved);
    assert_eq!(v.journal_len(), 3);
    // Dropped, not closed: the journal is replayed on opening, and holds
    // exactly the successful saves, numbered without a gap.
    drop(v);
    let v = Vault::open(&path, &pass()).expect("reopen");
    assert_eq!(notes(&v), saved);
    assert_eq!(v.journal_len(), 3);
    v.check().expect("sound");
    v.close().expect("close, compacting");
    let v = Vault::open(&path, &pass()).expect("reopen after compaction");
    assert_eq!(notes(&v), saved);
    assert_eq!(v.journal_len(), 0);
    v.check().expect("sound");
}

/// Words kept twice over in the working copy (the table, two indexes) but
/// once in a save's changeset: each save makes the next snapshot grow by
/// more than the journal entry it replaces, as the real app's indexes do.
fn word_init(tx: &rusqlite::Transaction<'_>) -> Result<(), Error> {
    support::init(tx)?;
    tx.execute_batch(
        "CREATE TABLE word (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
         CREATE INDEX word_reversed ON word (text DESC, id);",
    )
    .map_err(Error::Working)
}

fn add_words(v: &mut Vault, n: usize) -> Result<(), Error> {
    v.write(|tx| {
        let mut stmt = tx
            .prepare("INSERT INTO word (text) VALUES (?1)")
            .map_err(Error::Working)?;
        for _ in 0..n {
            stmt.execute([uuid::Uuid::new_v4().to_string()])
                .map_err(Error::Working)?;
        }
        Ok(())
    })
}

fn word_count(v: &Vault) -> i64 {
    v.db()
        .query_row("SELECT count(*) FROM word", [], |r| r.get(0))
        .expect("count words")
}

#[test]
fn compaction_on_a_full_disk_fails_and_leaves_a_vault_that_opens_with_everything() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("full.tvault");
    let (mut v, _) = Vault::create(&path, &pass(), support::opts(), word_init).expect("create");
    add(&mut v, "In the snapshot").expect("save");
    v.compact().expect("compact");
    let generation = v.header().generation;
    add(&mut v, "In the journal").expect("save");
    for _ in 0..4 {
        add_words(&mut v, 1000).expect("save words");
    }

    fill_the_disk(&v);
    let e = v.compact().expect_err("no room for the new snapshot");
    assert_eq!(e.code(), "disk_full", "{e}");
    // Nothing moved: same key generation, same journal, same records.
    assert_eq!(v.header().generation, generation);
    assert_eq!(v.journal_len(), 5);
    assert_eq!(word_count(&v), 4000);
    // With room again, saving goes on in the journal of the old generation.
    free_space(&v);
    add(&mut v, "Saved after the failed compaction").expect("save");
    let want = notes(&v);
    assert_eq!(want.len(), 3);
    drop(v);

    let v = Vault::open(&path, &pass()).expect("opens after the failed compaction");
    assert_eq!(notes(&v), want);
    assert_eq!(word_count(&v), 4000);
    assert_eq!(v.journal_len(), 6);
    assert_eq!(v.header().generation, generation);
    v.check().expect("sound");
    // Closing on a full disk: the close fails, the vault still opens.
    fill_the_disk(&v);
    let e = v.close().expect_err("close cannot compact on a full disk");
    assert_eq!(e.code(), "disk_full", "{e}");
    let v = Vault::open(&path, &pass()).expect("opens after the failed close");
    assert_eq!(notes(&v), want);
    assert_eq!(word_count(&v), 4000);
    v.check().expect("sound");
    v.close().expect("with room, closing compacts");
    let v = Vault::open(&path, &pass()).expect("opens after compaction");
    assert_eq!(notes(&v), want);
    assert_eq!(word_count(&v), 4000);
    assert_eq!(v.journal_len(), 0);
    assert_eq!(v.header().generation, generation + 1);
}

/// Set by the not-writable test for its helper: the read-only vault.
const READ_ONLY_ENV: &str = "TASKING_VAULT_TEST_READ_ONLY";
/// The helper test, as `Helper` names it.
const HELPER: &str = "faults::helper_saves_to_a_read_only_vault";
/// Notes in the read-only vault.
const BEFORE: [&str; 2] = ["Saved while it could be written", "Still in the journal"];

/// Whether `path`, made read-only, can still be opened for writing by us:
/// true for root (or anyone with CAP_DAC_OVERRIDE), where permissions do
/// not stop writes.
fn permissions_do_not_bind_us(path: &Path) -> bool {
    fs::OpenOptions::new().append(true).open(path).is_ok()
}

fn set_mode(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
#[ignore = "helper process of save_to_a_read_only_vault_fails_as_not_writable"]
fn helper_saves_to_a_read_only_vault() {
    let Some(path) = std::env::var_os(READ_ONLY_ENV) else {
        eprintln!("a helper: started by save_to_a_read_only_vault_fails_as_not_writable");
        return;
    };
    let path = PathBuf::from(path);
    assert!(
        !permissions_do_not_bind_us(&path),
        "the helper must run where the file's permissions apply"
    );
    // A read-only vault still opens and reads.
    let mut v = Vault::open(&path, &pass()).expect("a read-only vault opens");
    assert_eq!(notes(&v), BEFORE);
    let e = add(&mut v, "Never saved").expect_err("a read-only file takes no save");
    assert_eq!(e.code(), "not_writable", "{e}");
    assert!(
        e.to_string()
            .contains("Fix the permissions or move the vault, then save again"),
        "{e}"
    );
    assert!(
        e.to_string()
            .contains("nothing saved earlier has been lost")
    );
    assert_eq!(notes(&v), BEFORE, "the working copy rolled back");
    assert_eq!(v.journal_len(), 1);
    let e = v
        .change_passphrase(&pass(), &vault::Passphrase::new("another passphrase"))
        .expect_err("nor a new passphrase");
    assert_eq!(e.code(), "not_writable", "{e}");
    // Nothing could be saved, so closing does not try to compact the
    // journal left by an earlier writer, and does not fail.
    v.close().expect("a read-only vault closes");
    // The chair fixes the permissions; the same save now works.
    set_mode(&path, 0o600);
    let mut v = Vault::open(&path, &pass()).expect("reopen");
    add(&mut v, "Saved once writable").expect("save");
    drop(v);
    helper_ready_and_wait("saved");
}

#[test]
fn save_to_a_read_only_vault_fails_as_not_writable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, mut v, _) = support::create(dir.path(), "read-only.tvault");
    add(&mut v, BEFORE[0]).expect("save");
    v.compact().expect("compact");
    add(&mut v, BEFORE[1]).expect("save");
    drop(v);
    set_mode(&path, 0o400);

    let mut helper = if permissions_do_not_bind_us(&path) {
        // Running as root: permissions bind only an ordinary user, so the
        // helper runs as `nobody`, owning the folder (where SQLite makes its
        // -shm file) and the vault, which stays read-only.
        const NOBODY: u32 = 65534;
        let chown = |p: &Path| {
            std::os::unix::fs::chown(p, Some(NOBODY), Some(NOBODY))
                .expect("chown to nobody (root without CAP_CHOWN?)");
        };
        set_mode(dir.path(), 0o755);
        chown(dir.path());
        chown(&path);
        let bin = tempfile::tempdir().expect("tempdir");
        set_mode(bin.path(), 0o755);
        let helper = Helper::start_as(HELPER, &[(READ_ONLY_ENV, &path)], NOBODY, bin.path());
        // Started: the copy of the binary may go (the running program keeps it).
        drop(bin);
        helper
    } else {
        Helper::start(HELPER, &[(READ_ONLY_ENV, &path)])
    };
    assert_eq!(helper.wait_ready(), "saved");
    helper.finish();
    let v = Vault::open(&path, &pass()).expect("opens");
    assert_eq!(notes(&v), [BEFORE[0], BEFORE[1], "Saved once writable"]);
    v.check().expect("sound");
}
