//! `tasking-vault-cli` as a script drives it: the real binary, standard
//! input and output, exit status. Vaults use `--work-factor 2`.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_tasking-vault-cli");
const PASS: &str = "correct horse battery staple";
const DEMO_PASS: &str = "demo vault of invented data";

/// Runs the tool with `args`, feeding it `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start tasking-vault-cli");
    let written = child.stdin.take().expect("stdin").write_all(stdin);
    // A command that fails early exits without reading all its input.
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    child.wait_with_output().expect("wait")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temp path")
}

/// A new vault at `dir/chair.tvault`; returns its path and its recovery-key file.
fn create(dir: &Path) -> (PathBuf, PathBuf) {
    let vault = dir.join("chair.tvault");
    let sheet = dir.join("recovery.txt");
    let out = run(
        &[
            "create",
            arg(&vault),
            "--recovery-out",
            arg(&sheet),
            "--work-factor",
            "2",
        ],
        format!("{PASS}\n").as_bytes(),
    );
    assert!(out.status.success(), "create: {}", text(&out.stderr));
    (vault, sheet)
}

/// The JSON answers an `api` session wrote, one a line.
fn answers(out: &Output) -> Vec<Value> {
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?} is not JSON: {e}")))
        .collect()
}

fn error_code(answer: &Value) -> &str {
    answer["error"]["code"]
        .as_str()
        .unwrap_or("(no error code)")
}

/// An `api` session left running, holding the vault open.
struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
}

impl Session {
    /// Starts `api` on `vault` and waits until it has unlocked.
    fn start(vault: &Path, passphrase: &str) -> Session {
        let mut child = Command::new(BIN)
            .args(["api", arg(vault)])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start api");
        let mut stdin = child.stdin.take();
        if let Some(stdin) = stdin.as_mut() {
            writeln!(stdin, "{passphrase}").expect("send the passphrase");
        }
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut session = Session {
            child,
            stdin,
            stdout,
        };
        let status = session.ask(r#"{"method": "vault_status"}"#);
        assert_eq!(status["ok"]["state"], "unlocked", "{status}");
        session
    }

    fn ask(&mut self, request: &str) -> Value {
        let stdin = self.stdin.as_mut().expect("stdin");
        writeln!(stdin, "{request}").expect("send");
        stdin.flush().expect("flush");
        let mut line = String::new();
        self.stdout.read_line(&mut line).expect("answer");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{line:?}: {e}"))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

#[test]
fn create_with_an_unwritable_recovery_out_makes_no_vault() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = dir.path().join("chair.tvault");
    let sheet = dir.path().join("no such folder").join("recovery.txt");
    let out = run(
        &[
            "create",
            arg(&vault),
            "--recovery-out",
            arg(&sheet),
            "--work-factor",
            "2",
        ],
        format!("{PASS}\n").as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !vault.exists(),
        "a vault without its recovery secret was made"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(arg(&sheet)),
        "the file is not named: {stderr}"
    );
    assert!(stderr.contains("folder does not exist"), "{stderr}");
    assert!(stderr.contains("Nothing was created"), "{stderr}");
}

#[test]
fn create_refuses_an_existing_recovery_out_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = dir.path().join("chair.tvault");
    let sheet = dir.path().join("recovery.txt");
    std::fs::write(&sheet, "an earlier sheet\n").expect("write");
    let out = run(
        &[
            "create",
            arg(&vault),
            "--recovery-out",
            arg(&sheet),
            "--work-factor",
            "2",
        ],
        format!("{PASS}\n").as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(!vault.exists());
    assert!(text(&out.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&sheet).expect("read"),
        "an earlier sheet\n"
    );
}

#[test]
fn create_that_fails_leaves_no_recovery_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = dir.path().join("chair.tvault");
    let sheet = dir.path().join("recovery.txt");
    let out = run(
        &[
            "create",
            arg(&vault),
            "--recovery-out",
            arg(&sheet),
            "--work-factor",
            "2",
        ],
        b"too short\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("at least 10 characters"));
    assert!(!vault.exists());
    assert!(!sheet.exists(), "an empty recovery file was left behind");
}

#[test]
fn api_that_cannot_unlock_answers_with_a_code() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = create(dir.path());
    let out = run(&["api", arg(&vault)], b"not the passphrase\n");
    assert_eq!(out.status.code(), Some(1));
    let answers = answers(&out);
    assert_eq!(answers.len(), 1, "{answers:?}");
    assert_eq!(error_code(&answers[0]), "wrong_passphrase_or_damaged");
    assert!(answers[0]["error"]["message"].is_string());

    let _open = Session::start(&vault, PASS);
    let out = run(&["api", arg(&vault)], format!("{PASS}\n").as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let answers = self::answers(&out);
    assert_eq!(error_code(&answers[0]), "vault_in_use");
}

#[test]
fn api_without_a_passphrase_line_answers_bad_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = create(dir.path());
    let out = run(&["api", arg(&vault)], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(error_code(&answers(&out)[0]), "bad_request");
}

#[test]
fn api_answers_a_line_that_is_not_utf8_and_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = create(dir.path());
    let mut input = format!("{PASS}\n").into_bytes();
    input.extend_from_slice(b"{\"method\": \"vault_status\", \"x\": \"\xff\xfe\"}\n");
    input.extend_from_slice(b"{\"method\": \"vault_status\"}\n");
    let out = run(&["api", arg(&vault)], &input);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let answers = answers(&out);
    assert_eq!(answers.len(), 2, "{answers:?}");
    assert_eq!(error_code(&answers[0]), "bad_request");
    assert_eq!(answers[1]["ok"]["state"], "unlocked");
}

#[test]
fn api_never_quotes_the_parameters_sent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = create(dir.path());
    let secret = "my secret s3cr3t-hunter2";
    let input = format!(
        "{PASS}\n{{\"method\": \"vault_unlock\", \"params\": \"{secret}\"}}\n\
         {{\"method\": \"vault_change_passphrase\", \"params\": {{\"current\": 1, \"{secret}\": 2}}}}\n"
    );
    let out = run(&["api", arg(&vault)], input.as_bytes());
    assert!(out.status.success());
    for answer in answers(&out) {
        assert_eq!(error_code(&answer), "invalid_params");
    }
    assert!(
        !text(&out.stdout).contains("s3cr3t"),
        "{}",
        text(&out.stdout)
    );
    assert!(!text(&out.stderr).contains("s3cr3t"));
}

#[test]
fn recover_with_a_file_holding_no_secret_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = create(dir.path());
    let new = "a new sentence, as the old one is lost";
    let stdin = format!("{new}\n{new}\n");
    for (name, content) in [
        ("empty.txt", ""),
        (
            "comments.txt",
            "# Tasking Vault recovery secret\n# vault id: x\n",
        ),
        ("words.txt", "correct horse battery staple\n"),
    ] {
        let key = dir.path().join(name);
        std::fs::write(&key, content).expect("write");
        let out = run(
            &["recover", arg(&vault), "--recovery-key", arg(&key)],
            stdin.as_bytes(),
        );
        assert_eq!(out.status.code(), Some(1), "{name}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("holds no recovery secret"),
            "{name}: {stderr}"
        );
        assert!(stderr.contains("AGE-SECRET-KEY-1"), "{name}: {stderr}");
        assert!(
            !stderr.contains("does not open this vault"),
            "{name}: {stderr}"
        );
    }
    // A key line with a typo is not a valid secret.
    let key = dir.path().join("typo.txt");
    std::fs::write(&key, "AGE-SECRET-KEY-1NOTAKEY\n").expect("write");
    let out = run(
        &["recover", arg(&vault), "--recovery-key", arg(&key)],
        stdin.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is not valid"),
        "{}",
        text(&out.stderr)
    );
    // Nothing changed.
    let out = run(&["verify", arg(&vault)], format!("{PASS}\n").as_bytes());
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn demo_over_a_demo_vault_open_elsewhere_says_it_is_in_use() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = dir.path().join("demo.tvault");
    let demo = || run(&["demo", arg(&vault), "--work-factor", "2"], b"");
    assert!(demo().status.success());
    let open = Session::start(&vault, DEMO_PASS);
    let out = demo();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("open in another window or program"),
        "{stderr}"
    );
    assert!(!stderr.contains("not a demo vault"), "{stderr}");
    drop(open);
    assert!(demo().status.success(), "replaced once closed");
}
