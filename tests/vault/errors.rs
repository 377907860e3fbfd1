//! Every distinct error of the vault, through the public API: its stable
//! `code()`, and a message a chair can act on — plain words, a next step,
//! and nothing of what the vault holds.
//!
//! Codes alone for damaged, foreign and newer files are the test vectors'
//! job (`vectors.rs`); here each error is provoked the way a person would
//! meet it, and its wording and side effects are checked.

use std::fs;
use std::path::{Path, PathBuf};

use vault::{
    CreateOptions, Error, MAX_WORK_FACTOR, MIN_WORK_FACTOR, Passphrase, RecoverySecret, Vault,
};

use crate::support::{self, Helper, PASS, add, helper_ready_and_wait, notes, opts, pass};

/// A passphrase that is long enough, for changes and recoveries.
const NEW_PASS: &str = "a different passphrase, also long";

/// A closed vault with notes in its snapshot and in its journal, and
/// everything about it that no message may repeat.
struct Kept {
    _dir: tempfile::TempDir,
    path: PathBuf,
    recovery: RecoverySecret,
    notes: Vec<String>,
    vault_id: String,
}

impl Kept {
    fn new() -> Kept {
        let dir = tempfile::tempdir().expect("tempdir");
        let (path, mut v, recovery) = support::create(dir.path(), "kept.tvault");
        let notes: Vec<String> = (0..3)
            .map(|i| format!("Minute {i} of {}", uuid::Uuid::new_v4()))
            .collect();
        add(&mut v, &notes[0]).expect("save");
        v.compact().expect("compact");
        // Two more saves stay in the journal: the vault is dropped, not closed.
        add(&mut v, &notes[1]).expect("save");
        add(&mut v, &notes[2]).expect("save");
        let vault_id = v.header().vault_id.clone();
        drop(v);
        Kept {
            _dir: dir,
            path,
            recovery,
            notes,
            vault_id,
        }
    }

    /// What no message may contain: the records, the secrets, the vault's
    /// id, where it lives.
    fn secrets(&self) -> Vec<String> {
        let mut s = self.notes.clone();
        s.extend([
            PASS.to_owned(),
            NEW_PASS.to_owned(),
            self.recovery.expose().to_owned(),
            self.recovery.expose().to_ascii_lowercase(),
            self.vault_id.clone(),
            self.path.display().to_string(),
        ]);
        s
    }

    /// Opens with `passphrase` and checks every note is there.
    fn opens_with(&self, passphrase: &str) -> Vault {
        let v = Vault::open(&self.path, &Passphrase::new(passphrase)).expect("vault opens");
        assert_eq!(notes(&v), self.notes);
        v.check().expect("vault checks out");
        v
    }
}

/// Checks what a person is shown for `e`: the code the UI switches on, and a
/// message that reads as plain sentences, says `next_step`, and repeats
/// none of `secrets`.
fn assert_shown(e: &Error, code: &str, next_step: &[&str], secrets: &[String]) {
    let msg = e.to_string();
    assert_eq!(e.code(), code, "code of {msg:?}");
    assert!(
        msg.len() <= 300 && !msg.contains('\n'),
        "{code}: not one short paragraph: {msg:?}"
    );
    assert!(
        msg.starts_with(|c: char| c.is_ascii_uppercase()) && msg.ends_with('.'),
        "{code}: not a sentence: {msg:?}"
    );
    for jargon in [
        "SQLite", "sqlite", "Error", "error", "Err(", "{", "}", "::", "0x", "errno", "age",
        "scrypt", "panic",
    ] {
        // "age" as a word: the crypto library's name, not "page" or "storage".
        let hit = if jargon == "age" {
            msg.split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "age")
        } else {
            msg.contains(jargon)
        };
        assert!(
            !hit,
            "{code}: message shows internals ({jargon:?}): {msg:?}"
        );
    }
    for step in next_step {
        assert!(
            msg.contains(step),
            "{code}: message does not say what to do next ({step:?}): {msg:?}"
        );
    }
    for s in secrets {
        assert!(
            !msg.contains(s.as_str()),
            "{code}: message repeats vault content {s:?}: {msg:?}"
        );
    }
}

fn open_err(path: &Path, passphrase: &str) -> Error {
    match Vault::open(path, &Passphrase::new(passphrase)) {
        Ok(_) => panic!("{} opened with {passphrase:?}", path.display()),
        Err(e) => e,
    }
}

fn recover_err(path: &Path, secret: &RecoverySecret, new: &str) -> Error {
    match Vault::recover(path, secret, &Passphrase::new(new)) {
        Ok(_) => panic!("{} recovered", path.display()),
        Err(e) => e,
    }
}

fn create_err(path: &Path, passphrase: &str, options: CreateOptions) -> Error {
    match Vault::create(path, &Passphrase::new(passphrase), options, support::init) {
        Ok(_) => panic!("{} created", path.display()),
        Err(e) => e,
    }
}

/// A committed test vector, copied where opening it cannot change it.
fn vector_copy(dir: &Path, name: &str) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("vectors/vault")
        .join(name);
    let to = dir.join(name);
    fs::copy(&from, &to).expect("copy vector");
    to
}

/// The bytes of `path` and whether SQLite's side files exist beside it.
fn snapshot_of_file(path: &Path) -> (Vec<u8>, bool, bool) {
    let side = |suffix: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        PathBuf::from(p).exists()
    };
    (
        fs::read(path).expect("read file"),
        side("-wal"),
        side("-shm"),
    )
}

#[test]
fn wrong_passphrase_is_refused_in_the_same_words_as_a_damaged_key_wrap() {
    let kept = Kept::new();
    let wrong = open_err(&kept.path, "correct horse battery stapler");
    assert_shown(
        &wrong,
        "wrong_passphrase_or_damaged",
        &["cannot be told apart", "try again", "recovery secret"],
        &kept.secrets(),
    );
    assert!(
        wrong
            .to_string()
            .starts_with("Wrong passphrase, or the vault file is damaged"),
        "names both causes: {wrong}"
    );
    // A vault whose passphrase wrap has one flipped bit, opened with the
    // right passphrase: the person sees exactly the same thing.
    let dir = tempfile::tempdir().expect("tempdir");
    let flipped = vector_copy(dir.path(), "passphrase_wrap_bit_flipped.tvault");
    let damaged = open_err(&flipped, PASS);
    assert_eq!(damaged.code(), wrong.code());
    assert_eq!(damaged.to_string(), wrong.to_string());
    // Refusing changed nothing: the right passphrase still opens everything.
    kept.opens_with(PASS);
}

#[test]
fn damaged_vault_names_the_part_and_says_restore_from_a_backup() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = vector_copy(dir.path(), "snapshot_bit_flipped.tvault");
    let e = open_err(&path, PASS);
    assert_shown(
        &e,
        "vault_damaged",
        &[
            "snapshot",
            "Nothing has been changed",
            "Restore the vault from a backup copy",
        ],
        &[PASS.to_owned(), path.display().to_string()],
    );
}

#[test]
fn wrong_recovery_secret_is_refused_and_changes_nothing() {
    let kept = Kept::new();
    let other_dir = tempfile::tempdir().expect("tempdir");
    let (_, other, other_secret) = support::create(other_dir.path(), "other.tvault");
    drop(other);
    let e = recover_err(&kept.path, &other_secret, NEW_PASS);
    let mut secrets = kept.secrets();
    secrets.push(other_secret.expose().to_owned());
    assert_shown(
        &e,
        "wrong_recovery_secret_or_damaged",
        &["Check that the recovery sheet belongs to this vault"],
        &secrets,
    );
    // Text that is no secret at all (a mistyped sheet) is refused the same way.
    for typed in [
        "",
        "# only a comment\n",
        "AGE-SECRET-KEY-1NOTAKEY",
        "correct horse",
    ] {
        match RecoverySecret::parse(typed) {
            Ok(_) => panic!("{typed:?} parsed as a recovery secret"),
            Err(e) => assert_shown(
                &e,
                "wrong_recovery_secret_or_damaged",
                &["recovery sheet"],
                &secrets,
            ),
        }
    }
    // Nothing changed: the new passphrase does not open it, the old one does.
    assert_eq!(
        open_err(&kept.path, NEW_PASS).code(),
        "wrong_passphrase_or_damaged"
    );
    let v = kept.opens_with(PASS);
    assert_eq!(v.journal_len(), 2, "the failed recovery did not compact");
}

#[test]
fn not_a_vault_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = dir.path().join("minutes.tvault");
    fs::write(
        &text,
        "Minutes of 25 Nov 2026: nothing to report.\n".repeat(50),
    )
    .expect("write");
    let plain = dir.path().join("plain.tvault");
    {
        let db = vault::rusqlite::Connection::open(&plain).expect("plain db");
        db.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT);
             INSERT INTO note (text) VALUES ('Zoë Łukasiewicz chaired');",
        )
        .expect("fill plain db");
    }
    for path in [&text, &plain] {
        let before = snapshot_of_file(path);
        let secrets = vec![
            "nothing to report".to_owned(),
            "Łukasiewicz".to_owned(),
            path.display().to_string(),
        ];
        let e = open_err(path, PASS);
        assert_shown(
            &e,
            "not_a_vault",
            &[
                "not a Tasking Vault file",
                "Choose a file ending in .tvault",
            ],
            &secrets,
        );
        // Recovery is refused for the same reason, before any secret is tried.
        let (_, other, secret) = support::create(dir.path(), "other.tvault");
        drop(other);
        assert_eq!(recover_err(path, &secret, NEW_PASS).code(), "not_a_vault");
        fs::remove_file(dir.path().join("other.tvault")).expect("remove");
        assert_eq!(
            snapshot_of_file(path),
            before,
            "{} was changed by being refused",
            path.display()
        );
    }
}

#[test]
fn vault_from_a_newer_version_is_refused_with_both_versions_named() {
    let kept = Kept::new();
    {
        let db = vault::rusqlite::Connection::open(&kept.path).expect("open outer file");
        db.execute(
            "UPDATE header SET value = '7' WHERE key = 'format_version'",
            [],
        )
        .expect("pretend a newer release wrote it");
    }
    let before = snapshot_of_file(&kept.path);
    let e = open_err(&kept.path, PASS);
    assert!(matches!(
        e,
        Error::NewerVersion {
            found: 7,
            supported: vault::FORMAT_VERSION
        }
    ));
    assert_shown(
        &e,
        "vault_from_newer_version",
        &[
            "format 7",
            &format!("reads up to {}", vault::FORMAT_VERSION),
            "Install the latest version",
        ],
        &kept.secrets(),
    );
    // Not even the recovery secret may rewrite a file this build does not know.
    assert_eq!(
        recover_err(&kept.path, &kept.recovery, NEW_PASS).code(),
        "vault_from_newer_version"
    );
    assert_eq!(
        snapshot_of_file(&kept.path),
        before,
        "the file was left alone"
    );
}

/// Set by `vault_in_use_*` for its helper: the vault the helper holds open.
const HOLD_ENV: &str = "TASKING_VAULT_TEST_HOLD";
/// What the holder saves after the other process has been refused.
const HELD_NOTE: &str = "Saved by the holder after the other process was refused";

#[test]
#[ignore = "helper process of vault_in_use_is_refused_and_the_holder_keeps_saving"]
fn helper_holds_the_vault_open() {
    let Some(path) = std::env::var_os(HOLD_ENV) else {
        eprintln!("a helper: started by vault_in_use_is_refused_and_the_holder_keeps_saving");
        return;
    };
    let mut v = Vault::open(Path::new(&path), &pass()).expect("holder opens the vault");
    helper_ready_and_wait(&format!("holding, pid {}", std::process::id()));
    add(&mut v, HELD_NOTE).expect("holder saves after the refusal");
    v.close().expect("holder closes");
}

#[test]
fn vault_in_use_is_refused_and_the_holder_keeps_saving() {
    let kept = Kept::new();
    let mut holder = Helper::start(
        "errors::helper_holds_the_vault_open",
        &[(HOLD_ENV, &kept.path)],
    );
    let report = holder.wait_ready();
    assert!(report.starts_with("holding"), "helper said {report:?}");

    let e = open_err(&kept.path, PASS);
    assert_shown(
        &e,
        "vault_in_use",
        &["Close it there first, then try again"],
        &kept.secrets(),
    );
    // Recovering would rewrite the file under the holder: refused the same way.
    assert_eq!(
        recover_err(&kept.path, &kept.recovery, NEW_PASS).code(),
        "vault_in_use"
    );
    // Creating over it is refused as over any file.
    assert_eq!(
        create_err(&kept.path, PASS, opts()).code(),
        "already_exists"
    );

    holder.finish();
    // The holder's save is there after everything from before, and its close
    // compacted; the refused attempts changed no passphrase and damaged nothing.
    let v = Vault::open(&kept.path, &pass()).expect("opens once the holder is gone");
    let mut want = kept.notes.clone();
    want.push(HELD_NOTE.to_owned());
    assert_eq!(notes(&v), want);
    assert_eq!(v.journal_len(), 0, "the holder's close compacted");
    v.check().expect("undamaged");
}

/// A process forked by this one holds a copy of every open file, and so of
/// the vault's OS lock, until it calls exec. A vault closed and opened again
/// while another thread starts a program (as the app's webview does) must
/// not be reported in use.
#[test]
fn a_lock_held_only_by_a_starting_child_is_not_vault_in_use() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let kept = Kept::new();
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        let spawner = s.spawn(|| {
            let mut started = 0u32;
            while !stop.load(Ordering::Relaxed) {
                std::process::Command::new("true")
                    .status()
                    .expect("run true");
                started += 1;
            }
            started
        });
        let mut refused = 0;
        for _ in 0..100 {
            match Vault::open(&kept.path, &pass()) {
                Ok(v) => drop(v),
                Err(e) if e.code() == "vault_in_use" => refused += 1,
                Err(e) => panic!("open failed: {e}"),
            }
        }
        stop.store(true, Ordering::Relaxed);
        let started = spawner.join().expect("spawner");
        assert!(started > 0, "no program was started meanwhile");
        assert_eq!(
            refused, 0,
            "refused as in use while {started} programs started"
        );
    });
}

#[test]
fn vault_not_found_is_refused_and_nothing_is_created() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, other, secret) = support::create(dir.path(), "other.tvault");
    drop(other);
    for path in [
        dir.path().join("missing.tvault"),
        dir.path().join("no such folder").join("missing.tvault"),
    ] {
        let e = open_err(&path, PASS);
        assert_shown(
            &e,
            "vault_not_found",
            &["Check the path, or create a new vault"],
            &[PASS.to_owned(), path.display().to_string()],
        );
        assert_eq!(
            recover_err(&path, &secret, NEW_PASS).code(),
            "vault_not_found"
        );
        assert!(!path.exists(), "opening created {}", path.display());
    }
    let left: Vec<_> = fs::read_dir(dir.path())
        .expect("read dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(left, ["other.tvault"], "nothing else appeared");
}

#[test]
fn already_exists_on_create_overwrites_nothing() {
    let kept = Kept::new();
    let other = kept.path.with_file_name("notes.txt");
    fs::write(&other, "a file someone cares about").expect("write");
    for path in [&kept.path, &other] {
        let before = snapshot_of_file(path);
        let e = create_err(path, NEW_PASS, opts());
        assert_shown(
            &e,
            "already_exists",
            &["Choose another name", "nothing was overwritten"],
            &kept.secrets(),
        );
        assert_eq!(snapshot_of_file(path), before, "{} changed", path.display());
    }
    kept.opens_with(PASS);
}

#[test]
fn weak_passphrase_is_refused_wherever_one_is_set() {
    let kept = Kept::new();
    let dir = tempfile::tempdir().expect("tempdir");
    let new = dir.path().join("new.tvault");
    // Counted in characters, not bytes: nine two-byte letters are too few.
    let short = ["", "too short", "ééééééééé"];
    let long = "x".repeat(1025);
    for weak in short.iter().copied().chain([long.as_str()]) {
        let mut secrets = kept.secrets();
        if !weak.is_empty() {
            secrets.push(weak.to_owned());
        }
        let e = create_err(&new, weak, opts());
        let next = if weak.len() > 100 {
            "at most 1,024 characters"
        } else {
            "at least 10 characters long"
        };
        assert_shown(&e, "weak_passphrase", &[next], &secrets);
        assert!(!new.exists(), "a refused create left a file");

        let mut v = kept.opens_with(PASS);
        let e = v
            .change_passphrase(&pass(), &Passphrase::new(weak))
            .expect_err("weak new passphrase refused");
        assert_eq!(e.code(), "weak_passphrase");
        drop(v);
        assert_eq!(
            recover_err(&kept.path, &kept.recovery, weak).code(),
            "weak_passphrase"
        );
    }
    // Ten two-byte letters are enough.
    let (v, _) = Vault::create(&new, &Passphrase::new("éééééééééé"), opts(), support::init)
        .expect("ten characters accepted");
    drop(v);
    // Nothing was changed by the refusals.
    assert_eq!(kept.opens_with(PASS).journal_len(), 2);
}

#[test]
fn work_factor_out_of_range_is_refused_on_create() {
    // A file that records an out-of-range work factor is a test vector
    // (`header_work_factor_30`: refused as a damaged header before scrypt runs).
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.tvault");
    for asked in [MIN_WORK_FACTOR - 1, MAX_WORK_FACTOR + 1, u8::MAX] {
        let e = create_err(&path, PASS, CreateOptions { work_factor: asked });
        assert!(matches!(
            e,
            Error::WorkFactorOutOfRange { asked: a, min: MIN_WORK_FACTOR, max: MAX_WORK_FACTOR } if a == asked
        ));
        assert_shown(
            &e,
            "work_factor_out_of_range",
            &[&format!(
                "must be between {MIN_WORK_FACTOR} and {MAX_WORK_FACTOR} (asked for {asked})"
            )],
            &[PASS.to_owned(), path.display().to_string()],
        );
        assert_eq!(
            vault::check_work_factor(asked).map_err(|e| e.code()),
            Err(e.code())
        );
        assert!(!path.exists(), "a refused create left a file");
    }
    for ok in [MIN_WORK_FACTOR, MAX_WORK_FACTOR] {
        vault::check_work_factor(ok).expect("the ends of the range are accepted");
    }
}

#[test]
fn change_passphrase_refuses_the_old_one_and_accepts_the_new() {
    let kept = Kept::new();
    let mut v = kept.opens_with(PASS);
    // The current passphrase must be right.
    let e = v
        .change_passphrase(
            &Passphrase::new("not the passphrase"),
            &Passphrase::new(NEW_PASS),
        )
        .expect_err("wrong current passphrase refused");
    assert_shown(
        &e,
        "wrong_passphrase_or_damaged",
        &["try again"],
        &kept.secrets(),
    );
    v.change_passphrase(&pass(), &Passphrase::new(NEW_PASS))
        .expect("change passphrase");
    // Dropped, not closed: the change is in the file at once.
    drop(v);
    assert_shown(
        &open_err(&kept.path, PASS),
        "wrong_passphrase_or_damaged",
        &["try again"],
        &kept.secrets(),
    );
    let mut v = kept.opens_with(NEW_PASS);
    assert_eq!(v.journal_len(), 2, "the records were not re-encrypted");
    // A compaction rotates the key and rewraps it with the new passphrase.
    add(&mut v, "after the change").expect("save");
    v.close().expect("close");
    assert_eq!(
        open_err(&kept.path, PASS).code(),
        "wrong_passphrase_or_damaged"
    );
    let v = Vault::open(&kept.path, &Passphrase::new(NEW_PASS)).expect("new passphrase");
    assert_eq!(
        notes(&v).last().map(String::as_str),
        Some("after the change")
    );
    // The recovery sheet still belongs to the vault.
    drop(v);
    drop(Vault::recover(&kept.path, &kept.recovery, &pass()).expect("recovery still works"));
}

#[test]
fn recover_sets_a_new_passphrase_that_then_opens_the_vault() {
    let kept = Kept::new();
    // The sheet as typed back in: comments, blank lines, lower case.
    let sheet = format!(
        "# Tasking Vault recovery secret\n\n{}\n",
        kept.recovery.expose().to_ascii_lowercase()
    );
    let secret = RecoverySecret::parse(&sheet).expect("sheet parses");
    let generation = {
        let v = kept.opens_with(PASS);
        v.header().generation
    };
    let v = Vault::recover(&kept.path, &secret, &Passphrase::new(NEW_PASS)).expect("recover");
    assert_eq!(notes(&v), kept.notes);
    assert_eq!(v.header().generation, generation + 1, "the key was rotated");
    drop(v);
    assert_shown(
        &open_err(&kept.path, PASS),
        "wrong_passphrase_or_damaged",
        &["try again"],
        &kept.secrets(),
    );
    let mut v = kept.opens_with(NEW_PASS);
    assert_eq!(v.journal_len(), 0, "recovering compacted");
    add(&mut v, "after recovery").expect("save");
    v.close().expect("close");
    let v = Vault::open(&kept.path, &Passphrase::new(NEW_PASS)).expect("reopen");
    assert_eq!(notes(&v).len(), kept.notes.len() + 1);
    // The same sheet opens it again later.
    drop(v);
    drop(Vault::recover(&kept.path, &kept.recovery, &pass()).expect("recover again"));
    let v = Vault::open(&kept.path, &pass()).expect("the passphrase set by recovery");
    assert_eq!(notes(&v).last().map(String::as_str), Some("after recovery"));
}
