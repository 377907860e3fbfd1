//! No plaintext at rest. The real `tasking-vault-cli api` saves random
//! canary strings (agency names and Designated Person roles) through every
//! path a record takes to disk — journal saves, compaction on close, a
//! change of passphrase, a `kill -9` that leaves SQLite's side files behind —
//! and after each step every file the process could have written is
//! searched for every canary, as UTF-8, UTF-16LE and UTF-16BE. None may
//! be found.
//!
//! The CLI runs with `HOME`, the XDG folders and `TMPDIR` pointing into one
//! temporary folder, which is what gets searched. So that the test cannot
//! pass by searching badly, or because nothing was saved, the same search
//! must find the canaries in the records decrypted with the vault identity
//! (as the recovery sheet allows, `support::vault_identity`), and in files
//! written in each encoding on purpose.
//!
//! The binary is `TASKING_VAULT_CLI`, else `target/<profile>/tasking-vault-cli`
//! next to this test (build it first: `cargo build -p tasking-vault-cli`).

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

use vault::RecoverySecret;

use crate::support::{contains, identity_line, sealed, vault_identity};

const PASS_ONE: &str = "canary test passphrase one";
const PASS_TWO: &str = "canary test passphrase two";

/// The CLI binary: `TASKING_VAULT_CLI`, else `target/<profile>/tasking-vault-cli`
/// next to this test executable (`target/<profile>/deps/vault_format-…`).
fn cli_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("TASKING_VAULT_CLI") {
        return PathBuf::from(p);
    }
    let exe = std::env::current_exe().expect("the test knows its own path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("the test runs from target/<profile>/deps");
    let bin = profile_dir.join(format!("tasking-vault-cli{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "{} is missing: build it first: cargo build -p tasking-vault-cli \
         (with the same --release/CARGO_TARGET_DIR as this test), or set TASKING_VAULT_CLI",
        bin.display()
    );
    bin
}

/// One temporary folder holding the vault's folder and everything the CLI
/// is told is home: the whole of it is searched.
struct Place {
    root: tempfile::TempDir,
    cli: PathBuf,
}

impl Place {
    fn new() -> Place {
        let root = tempfile::tempdir().expect("tempdir");
        for d in ["vault", "home", "data", "cache", "config", "tmp"] {
            fs::create_dir(root.path().join(d)).expect("mkdir");
        }
        Place {
            root,
            cli: cli_binary(),
        }
    }

    fn vault(&self) -> PathBuf {
        self.root.path().join("vault/records.tvault")
    }

    fn side_file(&self, suffix: &str) -> PathBuf {
        let mut p = self.vault().into_os_string();
        p.push(suffix);
        PathBuf::from(p)
    }

    fn recovery_file(&self) -> PathBuf {
        self.root.path().join("home/recovery.txt")
    }

    /// The CLI with nothing of this machine's environment but the folders here.
    fn command(&self) -> Command {
        let d = |name: &str| self.root.path().join(name);
        let mut cmd = Command::new(&self.cli);
        cmd.env_clear()
            .env("HOME", d("home"))
            .env("XDG_DATA_HOME", d("data"))
            .env("XDG_CACHE_HOME", d("cache"))
            .env("XDG_CONFIG_HOME", d("config"))
            .env("TMPDIR", d("tmp"))
            .env("SQLITE_TMPDIR", d("tmp"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        cmd
    }

    fn create(&self) {
        let mut child = self
            .command()
            .arg("create")
            .arg(self.vault())
            .arg("--recovery-out")
            .arg(self.recovery_file())
            .args(["--work-factor", "2"])
            .spawn()
            .expect("tasking-vault-cli create starts");
        writeln!(child.stdin.take().expect("stdin"), "{PASS_ONE}").expect("passphrase");
        let out = child.wait_with_output().expect("create finishes");
        assert!(out.status.success(), "create failed: {}", out.status);
    }

    fn recovery(&self) -> RecoverySecret {
        let text = fs::read_to_string(self.recovery_file()).expect("recovery file");
        RecoverySecret::parse(&text).expect("recovery secret")
    }

    /// `tasking-vault-cli api VAULT`, unlocked with `passphrase`.
    fn api(&self, passphrase: &str) -> ApiSession {
        let mut child = self
            .command()
            .arg("api")
            .arg(self.vault())
            .spawn()
            .expect("tasking-vault-cli api starts");
        let mut stdin = child.stdin.take().expect("stdin");
        writeln!(stdin, "{passphrase}").expect("passphrase");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        ApiSession {
            child,
            stdin: Some(stdin),
            stdout,
        }
    }

    /// The check made after every step. First the positive control: the
    /// records, decrypted with the vault identity from the recovery sheet
    /// and written to a file of their own, show every canary to the search.
    /// Then the search of every file here, which must find none of them,
    /// nor the passphrases, nor the vault identity. Returns how many journal
    /// entries the vault holds.
    fn assert_nothing_readable(&self, canaries: &[String], control: &Path, moment: &str) -> usize {
        // Read from a copy: SQLite would leave side files by the vault.
        let scratch = tempfile::tempdir_in(control).expect("tempdir");
        let copy = scratch.path().join("copy.tvault");
        fs::copy(self.vault(), &copy).expect("copy the vault");
        if self.side_file("-wal").exists() {
            fs::copy(
                self.side_file("-wal"),
                scratch.path().join("copy.tvault-wal"),
            )
            .expect("copy the WAL");
        }
        let s = sealed(&copy);
        let id = vault_identity(&s, &self.recovery());
        let mut plain = Vec::new();
        for part in &s.snapshot_parts {
            plain.extend(age::decrypt(&id, part).expect("snapshot part opens"));
        }
        for entry in &s.journal {
            plain.extend(age::decrypt(&id, entry).expect("journal entry opens"));
        }
        let decrypted = scratch.path().join("decrypted.bin");
        fs::write(&decrypted, &plain).expect("write decrypted records");
        let hits = find(std::slice::from_ref(&decrypted), canaries);
        for c in canaries {
            assert!(
                hits.iter().any(|h| h.contains(c.as_str())),
                "{moment}: positive control: {c} is not in the decrypted records"
            );
        }

        let mut secrets = canaries.to_vec();
        secrets.extend([PASS_ONE.to_owned(), PASS_TWO.to_owned(), identity_line(&id)]);
        let files = files_under(self.root.path());
        assert!(
            files.contains(&self.vault()),
            "{moment}: the vault itself is searched"
        );
        let hits = find(&files, &secrets);
        assert!(
            hits.is_empty(),
            "{moment}: plaintext at rest:\n{}",
            hits.join("\n")
        );
        let names: Vec<String> = files
            .iter()
            .map(|f| {
                f.strip_prefix(self.root.path())
                    .unwrap_or(f)
                    .display()
                    .to_string()
            })
            .collect();
        println!(
            "{moment}: {} canaries, none in {} files: {}",
            canaries.len(),
            files.len(),
            names.join(", ")
        );
        s.journal.len()
    }
}

/// A running `tasking-vault-cli api`.
struct ApiSession {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl ApiSession {
    /// Sends one request and returns the `ok` value; any `error` fails the test.
    fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        let request = serde_json::json!({ "method": method, "params": params });
        let stdin = self.stdin.as_mut().expect("session open");
        writeln!(stdin, "{request}").expect("send request");
        stdin.flush().expect("flush");
        let mut line = String::new();
        let n = self.stdout.read_line(&mut line).expect("read answer");
        assert!(n > 0, "the CLI exited instead of answering {method}");
        let mut answer: serde_json::Value = serde_json::from_str(&line).expect("JSON answer");
        match answer.get_mut("ok") {
            Some(ok) => ok.take(),
            None => panic!("{method} failed: {line}"),
        }
    }

    /// Adds an agency named `name` whose Designated Person's role is `role`.
    fn add_agency(&mut self, name: &str, role: &str) {
        let agency = self.call(
            "agency_add",
            serde_json::json!({ "name": name, "designated_person_role": role, "kind": "other" }),
        );
        assert_eq!(agency["name"], name);
        assert_eq!(agency["designated_person_role"], role);
    }

    /// Every agency name and role the vault holds.
    fn names_and_roles(&mut self) -> Vec<String> {
        let list = self.call(
            "agencies_list",
            serde_json::json!({ "include_inactive": true }),
        );
        list.as_array()
            .expect("a list")
            .iter()
            .flat_map(|a| [&a["name"], &a["designated_person_role"]])
            .map(|v| v.as_str().expect("text").to_owned())
            .collect()
    }

    /// Closes stdin: the CLI locks the vault (compacting it) and exits.
    fn close(mut self) {
        drop(self.stdin.take());
        let status = self.child.wait().expect("wait for the CLI");
        assert!(status.success(), "the CLI failed on close: {status}");
    }

    /// `kill -9`: no close, no compaction; SQLite's side files stay.
    fn kill(mut self) {
        self.child.kill().expect("kill the CLI");
        self.child.wait().expect("reap the CLI");
    }
}

/// Makes `n` new agencies' worth of canaries (a name and a role each),
/// saves them, and adds them to `all`.
fn add_canaries(api: &mut ApiSession, n: usize, all: &mut Vec<String>) {
    for _ in 0..n {
        let name = uuid::Uuid::new_v4().to_string();
        let role = uuid::Uuid::new_v4().to_string();
        api.add_agency(&name, &role);
        all.extend([name, role]);
    }
}

/// Every regular file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("read dir") {
            let entry = entry.expect("dir entry");
            let kind = entry.file_type().expect("file type");
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                out.push(entry.path());
            }
        }
    }
    out.sort();
    out
}

/// The three ways text may sit in a file.
fn encodings(s: &str) -> [(&'static str, Vec<u8>); 3] {
    [
        ("UTF-8", s.as_bytes().to_vec()),
        (
            "UTF-16LE",
            s.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        ),
        (
            "UTF-16BE",
            s.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        ),
    ]
}

/// `file: canary (encoding)` for every canary found in any of `files`.
fn find(files: &[PathBuf], canaries: &[String]) -> Vec<String> {
    let needles: Vec<(&String, &str, Vec<u8>)> = canaries
        .iter()
        .flat_map(|c| encodings(c).map(|(enc, bytes)| (c, enc, bytes)))
        .collect();
    let mut hits = Vec::new();
    for file in files {
        let Ok(bytes) = fs::read(file) else {
            // SQLite removes its side files as it closes; gone is not found.
            continue;
        };
        for (canary, enc, needle) in &needles {
            if contains(&bytes, needle) {
                hits.push(format!("{}: {canary} ({enc})", file.display()));
            }
        }
    }
    hits
}

#[test]
fn search_finds_a_canary_in_every_encoding_anywhere_in_the_tree() {
    let dir = tempfile::tempdir().expect("tempdir");
    let canaries: Vec<String> = (0..3).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    fs::create_dir_all(dir.path().join("a/b")).expect("mkdir");
    for (i, (enc, bytes)) in encodings(&canaries[1]).into_iter().enumerate() {
        let mut content = vec![0xA5u8; 1000 + i];
        content.extend(bytes);
        // Not zeros: UTF-16BE text followed by a zero byte is UTF-16LE text too.
        content.extend([0xA5u8; 7]);
        fs::write(dir.path().join(format!("a/b/{enc}.bin")), content).expect("write");
    }
    let files = files_under(dir.path());
    assert_eq!(files.len(), 3);
    let hits = find(&files, &canaries);
    assert_eq!(hits.len(), 3, "{hits:?}");
    for enc in ["(UTF-8)", "(UTF-16LE)", "(UTF-16BE)"] {
        assert!(
            hits.iter()
                .any(|h| h.contains(&canaries[1]) && h.ends_with(enc)),
            "{enc} not found: {hits:?}"
        );
    }
}

#[test]
fn no_canary_is_readable_at_rest() {
    let place = Place::new();
    let control = tempfile::tempdir().expect("tempdir");
    let control = control.path();
    place.create();
    let mut canaries = Vec::new();

    // 1. Saves in the journal, the CLI still running: the WAL is live.
    let mut api = place.api(PASS_ONE);
    add_canaries(&mut api, 3, &mut canaries);
    let settings = api.call(
        "settings_update",
        serde_json::json!({ "auto_lock_minutes": 17 }),
    );
    assert_eq!(settings["auto_lock_minutes"], 17);
    assert!(place.side_file("-wal").exists(), "the WAL is searched too");
    let journal = place.assert_nothing_readable(&canaries, control, "journal saves, vault open");
    assert!(
        journal >= 4,
        "the canaries are in journal entries ({journal})"
    );

    // 2. Closed: the CLI compacts into a new snapshot under a new key.
    api.close();
    let journal = place.assert_nothing_readable(&canaries, control, "compacted on close");
    assert_eq!(journal, 0);

    // 3. A change of passphrase between saves, then `kill -9`: the saves
    //    and SQLite's side files are left as a crash leaves them.
    let mut api = place.api(PASS_ONE);
    add_canaries(&mut api, 2, &mut canaries);
    api.call(
        "vault_change_passphrase",
        serde_json::json!({
            "current": PASS_ONE,
            "new_passphrase": PASS_TWO,
            "new_passphrase_again": PASS_TWO,
        }),
    );
    add_canaries(&mut api, 2, &mut canaries);
    api.kill();
    assert!(place.side_file("-wal").exists(), "kill -9 left the WAL");
    let journal = place.assert_nothing_readable(
        &canaries,
        control,
        "passphrase changed between saves, then kill -9",
    );
    assert!(
        journal >= 4,
        "the new canaries are in journal entries ({journal})"
    );

    // 4. Reopened with the new passphrase: every canary is a record, and
    //    after more saves and a close, still nowhere in the clear.
    let mut api = place.api(PASS_TWO);
    add_canaries(&mut api, 2, &mut canaries);
    let held = api.names_and_roles();
    for c in &canaries {
        assert!(held.contains(c), "{c} was saved and is listed");
    }
    api.close();
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(
            !place.side_file(suffix).exists(),
            "{suffix} gone after a clean close"
        );
    }
    let journal = place.assert_nothing_readable(&canaries, control, "reopened, saved, closed");
    assert_eq!(journal, 0);
}
