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

/// The answer's `ok` value; fails the test on an error answer.
fn ok(session: &mut Session, request: &str) -> Value {
    let answer = session.ask(request);
    assert!(answer.get("ok").is_some(), "{request}\n=> {answer}");
    answer["ok"].clone()
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("no id in {v}"))
}

#[test]
fn api_runs_a_meeting_and_carries_its_actions_forward() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = create(dir.path());
    let mut s = Session::start(&vault, PASS);

    let group = id(&ok(
        &mut s,
        r#"{"method": "group_add", "params": {"name": "Northbrook Bronze Tasking Group", "default_kind": "bronze_tasking"}}"#,
    ));
    let chair = id(&ok(
        &mut s,
        r#"{"method": "person_add", "params": {"name": "Imogen Threlfall", "agency_id": 1, "role": "Community Safety Manager", "email": "imogen.threlfall@council.example.org"}}"#,
    ));
    let sergeant = id(&ok(
        &mut s,
        r#"{"method": "person_add", "params": {"name": "Callum Ferrow", "agency_id": 2, "role": "Neighbourhood Sergeant"}}"#,
    ));
    let fire = id(&ok(
        &mut s,
        r#"{"method": "person_add", "params": {"name": "Gethin Rowlatt", "agency_id": 6, "role": "Community Safety Advisor"}}"#,
    ));
    let plan = |date: &str, invitees: &str| {
        format!(
            r#"{{"method": "meeting_plan", "params": {{"meeting": {{"group_id": {group}, "kind": "bronze_tasking", "date": "{date}", "start_time": "10:00", "venue": "Northbrook Community Hub", "chair_id": {chair}}}, "invitees": {invitees}}}}}"#
        )
    };

    // Planned from the usual agenda, with its default review date.
    let page = ok(
        &mut s,
        &plan("2025-03-11", &format!("[{chair}, {sergeant}, {chair}]")),
    );
    let m1 = id(&page["meeting"]);
    assert_eq!(page["meeting"]["status"], "planned");
    assert_eq!(page["meeting"]["review_date"], "2026-03-11");
    let kinds: Vec<&str> = page["agenda"]
        .as_array()
        .expect("agenda")
        .iter()
        .map(|i| i["kind"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        kinds,
        [
            "introductions",
            "apologies",
            "previous_minutes",
            "new_referral",
            "case_review",
            "hotspot_location",
            "any_other_business",
            "next_meeting"
        ]
    );
    assert_eq!(page["invitations"].as_array().map(Vec::len), Some(2));

    // Invitations and attendance.
    let invite = format!(
        r#"{{"method": "invitation_add", "params": {{"meeting_id": {m1}, "person_id": {fire}}}}}"#
    );
    let page = ok(&mut s, &invite);
    assert_eq!(page["invitations"].as_array().map(Vec::len), Some(3));
    assert_eq!(error_code(&s.ask(&invite)), "conflict");
    let attend = |person: i64, rest: &str| {
        format!(
            r#"{{"method": "attendance_set", "params": {{"meeting_id": {m1}, "person_id": {person}, {rest}}}}}"#
        )
    };
    ok(&mut s, &attend(chair, r#""attendance": "present""#));
    ok(
        &mut s,
        &attend(
            sergeant,
            r#""attendance": "present", "arrived_at": "10:20""#,
        ),
    );
    let refused = s.ask(&attend(
        fire,
        r#""attendance": "present", "written_update": true"#,
    ));
    assert_eq!(error_code(&refused), "invalid_input", "{refused}");
    let page = ok(
        &mut s,
        &attend(fire, r#""attendance": "apologies", "written_update": true"#),
    );
    let attendance: Vec<(&str, &str)> = page["invitations"]
        .as_array()
        .expect("invitations")
        .iter()
        .map(|i| {
            (
                i["name"].as_str().unwrap_or_default(),
                i["attendance"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        attendance.contains(&("Gethin Rowlatt", "apologies")),
        "{attendance:?}"
    );
    assert!(
        attendance.contains(&("Callum Ferrow", "present")),
        "{attendance:?}"
    );

    // A case review, added at the end and moved into place.
    let page = ok(
        &mut s,
        &format!(
            r#"{{"method": "agenda_item_add", "params": {{"meeting_id": {m1}, "item": {{"kind": "case_review", "title": "Repeat anti-social behaviour, Tanner's Row", "case_ref": "nb-2025-014", "presenting_agency_id": 2, "marking": "OFFICIAL-SENSITIVE", "descriptor": "PERSONAL DATA"}}}}}}"#
        ),
    );
    let item = &page["agenda"][8];
    assert_eq!(item["position"], 9);
    assert_eq!(item["case_ref"], "NB-2025-014");
    let item = id(item);
    let page = ok(
        &mut s,
        &format!(
            r#"{{"method": "agenda_item_move", "params": {{"id": {item}, "to_position": 5}}}}"#
        ),
    );
    let order: Vec<(i64, i64)> = page["agenda"]
        .as_array()
        .expect("agenda")
        .iter()
        .map(|i| (i["position"].as_i64().unwrap_or(0), id(i)))
        .collect();
    assert_eq!(order[4], (5, item));
    assert_eq!(
        order.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
        (1..=9).collect::<Vec<_>>()
    );
    assert_eq!(page["agenda"][8]["kind"], "next_meeting");

    // Two actions raised under it; an owner from another agency is refused.
    let action = |text: &str, agency: i64, owner: i64, due: &str| {
        format!(
            r#"{{"method": "action_add", "params": {{"text": "{text}", "owner_agency_id": {agency}, "owner_person_id": {owner}, "due_date": "{due}", "raised_meeting_id": {m1}, "raised_item_id": {item}}}}}"#
        )
    };
    let wrong = s.ask(&action("Visit", 1, sergeant, "2025-03-25"));
    assert_eq!(error_code(&wrong), "invalid_input", "{wrong}");
    let a1 = id(&ok(
        &mut s,
        &action(
            "Share call-out history for Tanner's Row",
            2,
            sergeant,
            "2025-03-25",
        ),
    ));
    let a2 = id(&ok(
        &mut s,
        &action(
            "Home fire safety visit at Tanner's Row",
            6,
            fire,
            "2025-03-28",
        ),
    ));
    let page = ok(
        &mut s,
        &format!(
            r#"{{"method": "meeting_set_status", "params": {{"id": {m1}, "status": "held"}}}}"#
        ),
    );
    assert_eq!(page["meeting"]["status"], "held");
    assert_eq!(page["actions_raised"].as_array().map(Vec::len), Some(2));

    // The next meeting carries both forward; updates are recorded there.
    let page = ok(
        &mut s,
        &plan("2025-04-08", &format!("[{chair}, {sergeant}, {fire}]")),
    );
    let m2 = id(&page["meeting"]);
    assert_eq!(page["previous"]["id"], m1);
    let carried: Vec<i64> = page["carried_forward"]
        .as_array()
        .expect("carried")
        .iter()
        .map(|c| id(&c["action"]))
        .collect();
    assert_eq!(carried, [a1, a2]);
    let status = |action: i64, status: &str, note: &str| {
        format!(
            r#"{{"method": "action_set_status", "params": {{"action_id": {action}, "status": "{status}", "note": "{note}", "meeting_id": {m2}}}}}"#
        )
    };
    let done = ok(&mut s, &status(a1, "done", "Shared: 23 calls."));
    assert_eq!(done["closed_on"], "2025-04-08");
    assert_eq!(done["closed_meeting_id"], m2);
    let refused = s.ask(&status(a2, "dropped", ""));
    assert_eq!(error_code(&refused), "invalid_input");
    ok(&mut s, &status(a2, "open", "Visit booked."));
    let page = ok(
        &mut s,
        &format!(r#"{{"method": "meeting_get", "params": {{"id": {m2}}}}}"#),
    );
    let carried: Vec<(i64, &str, &str)> = page["carried_forward"]
        .as_array()
        .expect("carried")
        .iter()
        .map(|c| {
            (
                id(&c["action"]),
                c["action"]["status"].as_str().unwrap_or_default(),
                c["updates_here"][0]["note"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        carried,
        [
            (a1, "done", "Shared: 23 calls."),
            (a2, "open", "Visit booked.")
        ]
    );
    // At the meeting after, only the open one.
    let page = ok(&mut s, &plan("2025-05-13", "[]"));
    let carried: Vec<i64> = page["carried_forward"]
        .as_array()
        .expect("carried")
        .iter()
        .map(|c| id(&c["action"]))
        .collect();
    assert_eq!(carried, [a2]);
    let updates = ok(
        &mut s,
        &format!(r#"{{"method": "action_updates", "params": {{"id": {a2}}}}}"#),
    );
    assert_eq!(updates[0]["meeting_id"], m2);

    // The tracker and the home screen see the overdue one.
    let overdue = ok(
        &mut s,
        r#"{"method": "actions_list", "params": {"overdue_only": true}}"#,
    );
    assert_eq!(
        overdue
            .as_array()
            .map(|a| a.iter().map(id).collect::<Vec<_>>()),
        Some(vec![a2])
    );
    let home = ok(&mut s, r#"{"method": "home"}"#);
    assert_eq!(id(&home["overdue_actions"][0]), a2);

    // Search: the case reference, words of the title, a person.
    let hits = ok(
        &mut s,
        r#"{"method": "search", "params": {"query": "nb-2025-014"}}"#,
    );
    assert_eq!(hits.as_array().map(Vec::len), Some(1), "{hits}");
    assert_eq!(hits[0]["kind"], "agenda_item");
    assert_eq!(hits[0]["meeting_id"], m1);
    let hits = ok(
        &mut s,
        r#"{"method": "search", "params": {"query": "tanner row"}}"#,
    );
    let mut kinds: Vec<&str> = hits
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| h["kind"].as_str().unwrap_or_default())
        .collect();
    kinds.sort_unstable();
    assert_eq!(kinds, ["action", "action", "agenda_item"]);
    let hits = ok(
        &mut s,
        r#"{"method": "search", "params": {"query": "rowlatt"}}"#,
    );
    assert_eq!(hits[0]["kind"], "person");
    assert_eq!(hits[0]["id"], fire);
    drop(s);

    // Everything was saved, audited, and the chain verifies.
    let out = run(&["verify", arg(&vault)], format!("{PASS}\n").as_bytes());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(
        report.contains(&format!(
            "schema version: {}\n",
            casebook::schema::SCHEMA_VERSION
        )),
        "{report}"
    );
    assert!(report.contains("signatures verified: 0\n"), "{report}");
}

#[test]
fn the_demo_vault_shows_next_meetings_and_overdue_actions_through_api() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = dir.path().join("demo.tvault");
    let out = run(&["demo", arg(&vault), "--work-factor", "2"], b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut s = Session::start(&vault, DEMO_PASS);
    let home = ok(&mut s, r#"{"method": "home"}"#);
    assert_eq!(home["next_meetings"].as_array().map(Vec::len), Some(2));
    assert_eq!(home["overdue_actions"].as_array().map(Vec::len), Some(3));
    let next = id(&home["next_meetings"][0]);
    let page = ok(
        &mut s,
        &format!(r#"{{"method": "meeting_get", "params": {{"id": {next}}}}}"#),
    );
    assert_eq!(page["carried_forward"].as_array().map(Vec::len), Some(7));
    assert_eq!(page["previous"]["status"], "held");
}

/// `verify`'s report line `name: N`, as a number.
fn report_count(report: &str, name: &str) -> i64 {
    report
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}: ")))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no {name:?} line in {report}"))
}

/// Runs raw SQL on the vault's records through the casebook's audited save,
/// adding no audit entry: as someone altering the records outside Tasking
/// Vault would, but leaving the file itself sound.
fn tamper(vault: &Path, passphrase: &str, sql: &str) {
    use std::sync::Arc;
    let mut book = casebook::Casebook::open(
        vault,
        &vault::Passphrase::new(passphrase),
        Arc::new(casebook::SystemClock),
        casebook::Actor::Cli,
    )
    .expect("open");
    let changed = book
        .change_raw(|tx, _| Ok((tx.execute(sql, [])?, Vec::new())))
        .expect("tamper");
    assert_eq!(changed, 1, "{sql}");
    book.close().expect("close");
}

#[test]
fn verify_counts_the_signatures_and_fails_on_an_altered_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = dir.path().join("demo.tvault");
    let out = run(&["demo", arg(&vault), "--work-factor", "2"], b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let verify = || {
        run(
            &["verify", arg(&vault)],
            format!("{DEMO_PASS}\n").as_bytes(),
        )
    };
    let out = verify();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    // The demo's five held meetings each have a register.
    let signatures = report_count(&report, "signatures verified");
    assert!(signatures >= 40, "{report}");
    // The line comes after the audit trail's, before the timings.
    let lines: Vec<&str> = report.lines().collect();
    let at = |prefix: &str| lines.iter().position(|l| l.starts_with(prefix));
    assert_eq!(
        at("signatures verified"),
        at("audit entries verified").map(|i| i + 1)
    );

    // Each alteration of one stored entry fails verify with its code and
    // exit status 1; putting it back makes the vault verify again.
    let one = "(SELECT min(id) FROM signature WHERE outcome = 'drawn')";
    let alterations = [
        (
            format!("UPDATE signature SET name = name || 'e' WHERE id = {one}"),
            format!(
                "UPDATE signature SET name = substr(name, 1, length(name) - 1) WHERE id = {one}"
            ),
        ),
        (
            // The first point's x (bytes 5 and 6, little-endian) gets
            // another low byte: the point moves, still inside the pad.
            format!(
                "UPDATE signature SET strokes = \
                 CAST(substr(strokes, 1, 5) || x'ff' || substr(strokes, 7) AS BLOB) \
                 WHERE id = {one}"
            ),
            String::new(),
        ),
    ];
    for (alter, restore) in &alterations {
        tamper(&vault, DEMO_PASS, alter);
        let out = verify();
        assert_eq!(out.status.code(), Some(1), "{alter}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("does not match its digest")
                && stderr.contains("Keep this vault file as evidence"),
            "{stderr}"
        );
        assert!(
            text(&out.stdout).is_empty(),
            "no report for a vault that fails"
        );
        let e = casebook::Casebook::verify_file(&vault, &vault::Passphrase::new(DEMO_PASS))
            .map(|_| ())
            .expect_err("the altered entry is found");
        assert_eq!(e.code(), "signature_digest_mismatch", "{alter}");
        if restore.is_empty() {
            continue;
        }
        tamper(&vault, DEMO_PASS, restore);
        let out = verify();
        assert!(out.status.success(), "restored: {}", text(&out.stderr));
        assert_eq!(
            report_count(&text(&out.stdout), "signatures verified"),
            signatures
        );
    }
}

#[test]
fn api_locked_starts_with_no_vault_and_vault_create_makes_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = dir.path().join("new.tvault");
    let requests = format!(
        "{{\"method\": \"vault_status\"}}\n\
         {{\"method\": \"vault_create\", \"params\": {{\"passphrase\": \"{PASS}\", \"passphrase_again\": \"{PASS}\"}}}}\n\
         {{\"method\": \"agencies_list\", \"params\": {{\"include_inactive\": false}}}}\n"
    );
    // No passphrase line: the first line is already a request.
    let out = run(
        &["api", arg(&vault), "--locked", "--work-factor", "2"],
        requests.as_bytes(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let a = answers(&out);
    assert_eq!(a[0]["ok"]["state"], "no_vault", "{}", a[0]);
    assert!(
        a[1]["ok"]["recovery_secret"]
            .as_str()
            .is_some_and(|s| s.starts_with("AGE-SECRET-KEY-1")),
        "{}",
        a[1]
    );
    assert_eq!(a[2]["ok"].as_array().map(Vec::len), Some(7), "{}", a[2]);
    // It is a real vault, at the work factor asked for.
    let out = run(&["verify", arg(&vault)], format!("{PASS}\n").as_bytes());
    let report = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(report.contains("work factor: 2\n"), "{report}");
}

#[test]
fn api_locked_demo_shows_the_demo_passphrase_until_unlocked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = dir.path().join("demo.tvault");
    assert!(
        run(&["demo", arg(&vault), "--work-factor", "2"], b"")
            .status
            .success()
    );
    let requests = format!(
        "{{\"method\": \"vault_status\"}}\n\
         {{\"method\": \"home\"}}\n\
         {{\"method\": \"vault_unlock\", \"params\": {{\"passphrase\": \"{DEMO_PASS}\"}}}}\n"
    );
    let out = run(
        &["api", arg(&vault), "--locked", "--demo"],
        requests.as_bytes(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let a = answers(&out);
    assert_eq!(a[0]["ok"]["state"], "locked");
    assert_eq!(a[0]["ok"]["demo"], true);
    assert_eq!(a[0]["ok"]["demo_passphrase"], DEMO_PASS);
    assert_eq!(error_code(&a[1]), "locked");
    assert_eq!(a[2]["ok"]["state"], "unlocked");
    assert_eq!(a[2]["ok"]["demo_passphrase"], Value::Null);
}

#[test]
fn the_idle_signal_locks_as_the_apps_timer_does_kiosk_included() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = create(dir.path());
    let mut s = Session::start(&vault, PASS);
    let locked = |answer: Value| answer["ok"]["locked"].as_bool();
    assert_eq!(locked(s.ask(r#"{"signal": "idle"}"#)), Some(true));
    assert_eq!(error_code(&s.ask(r#"{"method": "home"}"#)), "locked");
    // Locked already: nothing to do.
    assert_eq!(locked(s.ask(r#"{"signal": "idle"}"#)), Some(false));
    ok(
        &mut s,
        &format!(r#"{{"method": "vault_unlock", "params": {{"passphrase": "{PASS}"}}}}"#),
    );
    // The signing kiosk refuses vault_lock, but the idle timer locks it.
    let group = id(&ok(
        &mut s,
        r#"{"method": "group_add", "params": {"name": "Northbrook Bronze Tasking Group", "default_kind": "bronze_tasking"}}"#,
    ));
    let page = ok(
        &mut s,
        &format!(
            r#"{{"method": "meeting_plan", "params": {{"meeting": {{"group_id": {group}, "kind": "bronze_tasking", "date": "2026-12-02", "start_time": "10:00", "venue": "Civic Centre, Room 2", "chair_id": null, "minute_taker_id": null, "review_date": null}}, "invitees": []}}}}"#
        ),
    );
    let meeting = id(&page["meeting"]);
    ok(
        &mut s,
        &format!(r#"{{"method": "kiosk_start", "params": {{"meeting_id": {meeting}}}}}"#),
    );
    assert_eq!(
        error_code(&s.ask(r#"{"method": "vault_lock"}"#)),
        "kiosk_active"
    );
    assert_eq!(locked(s.ask(r#"{"signal": "idle"}"#)), Some(true));
    assert_eq!(
        s.ask(r#"{"method": "vault_status"}"#)["ok"]["state"],
        "locked"
    );
    // An unknown signal, or a line with both a method and a signal, is refused.
    assert_eq!(error_code(&s.ask(r#"{"signal": "sleep"}"#)), "bad_request");
    assert_eq!(
        error_code(&s.ask(r#"{"signal": "idle", "method": "home"}"#)),
        "bad_request"
    );
}

#[test]
fn clock_sets_the_demo_and_the_sessions_today() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = dir.path().join("demo.tvault");
    let clock = "2031-03-12T14:05:00Z";
    let out = run(
        &["demo", arg(&vault), "--work-factor", "2", "--clock", clock],
        b"",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(
        &["api", arg(&vault), "--clock", clock],
        format!("{DEMO_PASS}\n{{\"method\": \"home\"}}\n").as_bytes(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let home = &answers(&out)[0]["ok"];
    // Planned meetings from that day on, and actions overdue by it.
    let next = home["next_meetings"][0]["date"]
        .as_str()
        .unwrap_or_default();
    assert!(next.starts_with("2031-0"), "{home}");
    assert_eq!(home["overdue_actions"].as_array().map(Vec::len), Some(3));
    let bad = run(&["api", arg(&vault), "--clock", "next Tuesday"], b"");
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad.stderr));
}

#[test]
fn api_refuses_a_blocked_disclosure_and_saves_an_accepted_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = create(dir.path());
    let mut s = Session::start(&vault, PASS);
    let group = id(&ok(
        &mut s,
        r#"{"method": "group_add", "params": {"name": "Northbrook Bronze Tasking Group", "default_kind": "bronze_tasking"}}"#,
    ));
    let sergeant = id(&ok(
        &mut s,
        r#"{"method": "person_add", "params": {"name": "Callum Ferrow", "agency_id": 2, "role": "Neighbourhood Sergeant"}}"#,
    ));
    let page = ok(
        &mut s,
        &format!(
            r#"{{"method": "meeting_plan", "params": {{"meeting": {{"group_id": {group}, "kind": "bronze_tasking", "date": "2026-11-25", "start_time": "10:00", "venue": "Northbrook Community Hub"}}, "invitees": [{sergeant}]}}}}"#
        ),
    );
    let meeting = id(&page["meeting"]);
    let item = id(&page["agenda"][4]);
    ok(
        &mut s,
        &format!(
            r#"{{"method": "attendance_set", "params": {{"meeting_id": {meeting}, "person_id": {sergeant}, "attendance": "present"}}}}"#
        ),
    );
    let disclosure = |nature: &str, text: &str, accepted: &str| {
        format!(
            r#"{{"method": "disclosure_add", "params": {{"item_id": {item}, "case_ref": "NB-2026-014", "person_id": {sergeant}, "draft": {{"category": "incident", "nature": "{nature}", "text": "{text}", "legal_power": "cda_1998_s115", "statutory_purpose": "crime_and_disorder", "touches_gender_history": false}}, "minuting": "full", "accepted": {accepted}}}}}"#
        )
    };
    let fact = disclosure("fact", "Graffiti at the underpass.", "[]");
    // At a planned meeting, nothing is recorded.
    assert_eq!(error_code(&s.ask(&fact)), "conflict");
    ok(
        &mut s,
        &format!(
            r#"{{"method": "meeting_set_status", "params": {{"id": {meeting}, "status": "in_progress"}}}}"#
        ),
    );
    // Unsigned, the sergeant cannot disclose (R9).
    let refused = s.ask(&fact);
    assert_eq!(error_code(&refused), "disclosure_blocked", "{refused}");
    ok(
        &mut s,
        &format!(r#"{{"method": "kiosk_start", "params": {{"meeting_id": {meeting}}}}}"#),
    );
    ok(
        &mut s,
        &format!(
            r#"{{"method": "kiosk_sign", "params": {{"signer": {{"person_id": {sergeant}}}, "method": "typed", "typed_name": "Callum Ferrow"}}}}"#
        ),
    );
    ok(
        &mut s,
        &format!(r#"{{"method": "kiosk_leave", "params": {{"passphrase": "{PASS}"}}}}"#),
    );
    // A police opinion is blocked (R4), whatever else is right.
    let opinion = s.ask(&disclosure("opinion", "He will offend again.", "[]"));
    assert_eq!(error_code(&opinion), "disclosure_blocked", "{opinion}");
    assert!(
        opinion["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("facts only"),
        "{opinion}"
    );
    let saved = ok(&mut s, &fact);
    assert_eq!(saved["case_ref"], "NB-2026-014");
    assert_eq!(
        saved["agency_name"],
        "West Mercia Police (Shropshire Division)"
    );
    let listed = ok(
        &mut s,
        &format!(r#"{{"method": "disclosures_list", "params": {{"meeting_id": {meeting}}}}}"#),
    );
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    let found = ok(
        &mut s,
        r#"{"method": "search", "params": {"query": "underpass"}}"#,
    );
    assert_eq!(found[0]["kind"], "disclosure", "{found}");
}
