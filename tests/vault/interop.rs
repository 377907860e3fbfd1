//! Interop with the real `age` tool (Debian's `age` package): every blob in a
//! vault is a plain age file, and the recovery sheet, `age` and `sqlite3` are
//! enough to read the records, as `docs/RECOVERY-BY-HAND.md` says.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use vault::rusqlite::{Connection, OpenFlags};
use vault::{Error, RecoverySecret, Vault};

use crate::support::{self, PASS, have, identity_line, notes_in, sealed, vault_identity};

/// Attachments of 1 MiB: more than the 16 MiB of one snapshot part.
const ATTACHMENTS: i64 = 17;

/// Says loudly that a tool is missing, so a skipped interop test is seen.
fn tool_or_skip(tool: &str, test: &str) -> bool {
    if have(tool) {
        return true;
    }
    let bar = "!".repeat(78);
    eprintln!(
        "\n{bar}\n!! SKIPPED {test}: `{tool}` is not installed (apt-get install {tool}).\n\
         !! CI installs it: if this appears in a CI log, the interop test did NOT run.\n{bar}\n"
    );
    false
}

/// A vault whose snapshot is in more than one part and whose journal holds
/// saves made after it.
struct Built {
    path: PathBuf,
    recovery: RecoverySecret,
    snapshot_notes: Vec<String>,
    journal_notes: Vec<String>,
    generation: u64,
}

fn build(dir: &Path) -> Built {
    let path = dir.join("records.tvault");
    let (mut v, recovery) = Vault::create(&path, &support::pass(), support::opts(), |tx| {
        support::init(tx)?;
        tx.execute_batch("CREATE TABLE attachment (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
            .map_err(Error::Working)
    })
    .expect("create");
    let snapshot_notes = vec![
        "Meeting of 25 Nov 2026: Zoë Łukasiewicz in the chair".to_owned(),
        "Action: review the disclosure by 9 Dec 2026".to_owned(),
    ];
    for n in &snapshot_notes {
        support::add(&mut v, n).expect("save note");
    }
    v.write(|tx| {
        tx.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
             INSERT INTO attachment (body) SELECT randomblob(1048576) FROM n",
            [ATTACHMENTS],
        )
        .map_err(Error::Working)
    })
    .expect("save attachments");
    v.compact().expect("compact");
    let journal_notes = vec![
        "Saved after the snapshot, one".to_owned(),
        "Saved after the snapshot, two".to_owned(),
    ];
    for n in &journal_notes {
        support::add(&mut v, n).expect("save note");
    }
    let generation = v.header().generation;
    // Dropped, not closed, so the journal keeps its entries.
    drop(v);
    Built {
        path,
        recovery,
        snapshot_notes,
        journal_notes,
        generation,
    }
}

/// Checks a decrypted snapshot: the notes and attachments of `build`.
fn check_records(db_path: &Path, built: &Built) {
    let db = Connection::open_with_flags(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open the decrypted snapshot");
    let ok: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check");
    assert_eq!(ok, "ok");
    assert_eq!(notes_in(&db), built.snapshot_notes);
    let (n, bytes): (i64, i64) = db
        .query_row(
            "SELECT count(*), sum(length(body)) FROM attachment",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("attachments");
    assert_eq!((n, bytes), (ATTACHMENTS, ATTACHMENTS << 20));
}

/// Runs `age` with `args` in `dir`; returns its standard output.
fn age(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new("age")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run age");
    assert!(
        out.status.success(),
        "age {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn age_tool_opens_every_blob_with_the_recovery_secret_and_the_passphrase() {
    if !tool_or_skip("age", "the interop test with the age tool") {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let built = build(d);
    let s = sealed(&built.path);
    assert!(s.snapshot_parts.len() >= 2, "the snapshot spans parts");
    assert_eq!(s.journal.len(), built.journal_notes.len());

    // The recovery sheet's secret, as an age identity file.
    let sheet = format!("# Recovery sheet\n{}\n", built.recovery.expose());
    fs::write(d.join("recovery.txt"), sheet).expect("write");
    fs::write(d.join("wrap.age"), &s.recovery_wrap).expect("write");
    let identity = age(d, &["-d", "-i", "recovery.txt", "wrap.age"]);
    fs::write(d.join("identity.txt"), &identity).expect("write");
    assert_eq!(
        String::from_utf8(identity).expect("text"),
        identity_line(&vault_identity(&s, &built.recovery)),
        "age and the age library unwrap the same identity"
    );

    let mut image = Vec::new();
    for (i, part) in s.snapshot_parts.iter().enumerate() {
        let name = format!("part_{i}.age");
        fs::write(d.join(&name), part).expect("write");
        image.extend(age(d, &["-d", "-i", "identity.txt", &name]));
    }
    fs::write(d.join("snapshot.db"), &image).expect("write");
    check_records(&d.join("snapshot.db"), &built);

    // Journal entries are age files too: "TVJ1", generation, sequence, changeset.
    for (i, entry) in s.journal.iter().enumerate() {
        let name = format!("journal_{i}.age");
        fs::write(d.join(&name), entry).expect("write");
        let plain = age(d, &["-d", "-i", "identity.txt", &name]);
        assert_eq!(&plain[..4], b"TVJ1");
        assert_eq!(plain[4..12], built.generation.to_le_bytes());
        assert_eq!(plain[12..20], (i as u64 + 1).to_le_bytes());
        let text = built.journal_notes[i].as_bytes();
        assert!(
            support::contains(&plain[20..], text),
            "the changeset holds the note"
        );
    }

    // The passphrase wrap. age reads a passphrase only from a terminal;
    // `script` (util-linux) runs it on a pseudo-terminal fed from our stdin.
    if !have("script") {
        eprintln!(
            "SKIPPED the passphrase half: age reads passphrases only from a terminal, \
             and `script` (util-linux), which provides one, is not installed"
        );
        return;
    }
    fs::write(d.join("passphrase-wrap.age"), &s.passphrase_wrap).expect("write");
    let mut child = Command::new("timeout")
        .args([
            "60",
            "script",
            "-qec",
            "age --decrypt --output passphrase-identity.txt passphrase-wrap.age",
            "/dev/null",
        ])
        .current_dir(d)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run script");
    let mut stdin = child.stdin.take().expect("stdin");
    writeln!(stdin, "{PASS}").expect("type the passphrase");
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "age with the passphrase failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        fs::read(d.join("passphrase-identity.txt")).expect("read"),
        fs::read(d.join("identity.txt")).expect("read"),
        "both wraps hold the same identity"
    );
}

/// The `sh` blocks of a Markdown page, in order.
fn sh_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```sh") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), l) => {
                block.push_str(l);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn recovery_by_hand_steps_work() {
    if !tool_or_skip("age", "the recovery-by-hand test")
        || !tool_or_skip("sqlite3", "the recovery-by-hand test")
    {
        return;
    }
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/RECOVERY-BY-HAND.md");
    let blocks = sh_blocks(&fs::read_to_string(&doc).expect("read the recovery doc"));
    assert!(blocks.len() >= 5, "the doc's steps are `sh` blocks");

    let dir = tempfile::tempdir().expect("tempdir");
    let built = build(dir.path());
    // The Designated Person's working folder: a copy of the vault and the
    // secret typed from the sheet.
    let work = dir.path().join("work");
    fs::create_dir(&work).expect("mkdir");
    fs::copy(&built.path, work.join("vault.tvault")).expect("copy");
    let sheet = format!(
        "# typed from the recovery sheet\n{}\n",
        built.recovery.expose()
    );
    fs::write(work.join("recovery.txt"), sheet).expect("write");

    let out = Command::new("sh")
        .args(["-e", "-x", "-c", &blocks.join("\n")])
        .current_dir(&work)
        .output()
        .expect("run the doc's steps");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "the doc's steps failed:\n{log}");
    println!("{log}");
    // Step 2 reports the two saves made after the snapshot.
    assert!(log.lines().any(|l| l == "2"), "journal count shown:\n{log}");
    check_records(&work.join("records.db"), &built);
}
