//! `minutes_export` below every face: by name into `--export-dir` (the
//! command line), and in the two halves the app's shell runs around its
//! save dialog. A file is recorded (audit entry `minutes.export`) exactly
//! when it is written; a cancelled dialog, a refusal or a vault locked
//! while the dialog was open leave neither.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::sync::Arc;

use casebook::{Actor, Casebook, MeetingFilter, MeetingStatus};
use serde_json::{Value, json};
use tasking_api::{Api, ApiConfig, MinutesExportParams, SaveTo, UnlockParams, commands};
use vault::{CreateOptions, Passphrase};

const PASS: &str = casebook::demo::DEMO_PASSPHRASE;

/// The demo vault in `dir`, and an API on it, unlocked, exporting into
/// `export_dir`. Returns the latest held meeting (a draft only) and the
/// one before it (versions 1 and 2).
fn demo(dir: &Path, export_dir: Option<PathBuf>) -> (Api, i64, i64) {
    let path = dir.join("demo.tvault");
    let (mut book, _) = Casebook::create(
        &path,
        &Passphrase::new(PASS),
        CreateOptions { work_factor: 2 },
        Arc::new(casebook::SystemClock),
        Actor::Cli,
    )
    .unwrap();
    casebook::demo::populate(&mut book).unwrap();
    let held = book
        .meetings(&MeetingFilter {
            status: Some(MeetingStatus::Held),
            ..MeetingFilter::default()
        })
        .unwrap();
    book.close().unwrap();
    let mut api = Api::new(ApiConfig {
        vault_path: path,
        demo_passphrase: None,
        work_factor: 2,
        actor: Actor::Cli,
        clock: Arc::new(casebook::SystemClock),
        export_dir,
    });
    commands::vault_unlock(
        &mut api,
        UnlockParams {
            passphrase: PASS.into(),
        },
    )
    .unwrap();
    (api, held[0].id, held[1].id)
}

/// The newest audit entries' `action record_id`, newest first.
fn audit(api: &mut Api, n: usize) -> Vec<String> {
    let db = api.casebook().unwrap().vault().db();
    let mut stmt = db
        .prepare("SELECT action || ' ' || record_id FROM audit_entry ORDER BY seq DESC LIMIT ?1")
        .unwrap();
    stmt.query_map([n as i64], |r| r.get::<_, String>(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[test]
fn by_name_it_writes_into_the_export_folder_and_never_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let (mut api, latest, corrected) = demo(dir.path(), Some(out.clone()));
    let before = audit(&mut api, 1);

    let v2 = api
        .dispatch(
            "minutes_export",
            json!({ "meeting_id": corrected, "version": 2 }),
        )
        .unwrap();
    assert_eq!(v2["written"], true);
    let name = v2["file_name"].as_str().unwrap().to_owned();
    assert!(
        name.ends_with("_minutes_v2_OFFICIAL-SENSITIVE.pdf"),
        "{name}"
    );
    let bytes = std::fs::read(out.join(&name)).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(v2["sha256"], sha256_hex(&bytes));
    assert_eq!(
        audit(&mut api, 1),
        [format!("minutes.export {corrected}/2")]
    );

    // The draft, named as a draft.
    let draft = api
        .dispatch(
            "minutes_export",
            json!({ "meeting_id": latest, "version": null }),
        )
        .unwrap();
    assert!(
        draft["file_name"]
            .as_str()
            .unwrap()
            .contains("_minutes_DRAFT_"),
        "{draft}"
    );
    assert_eq!(files(&out).len(), 2);

    // Again: the file is there, so nothing is written or recorded.
    let e = api
        .dispatch(
            "minutes_export",
            json!({ "meeting_id": corrected, "version": 2 }),
        )
        .unwrap_err();
    assert_eq!(e.code, "file_exists");
    assert!(e.message.starts_with(&name), "{}", e.message);
    assert_eq!(std::fs::read(out.join(&name)).unwrap(), bytes);
    assert_eq!(files(&out).len(), 2);
    let after = audit(&mut api, 3);
    assert_eq!(
        after,
        [
            format!("minutes.export {latest}/draft"),
            format!("minutes.export {corrected}/2"),
            before[0].clone()
        ]
    );

    // A version that does not exist.
    let e = api
        .dispatch(
            "minutes_export",
            json!({ "meeting_id": latest, "version": 1 }),
        )
        .unwrap_err();
    assert_eq!(e.code, "not_found");
}

#[test]
fn without_an_export_folder_the_command_line_says_only_the_app_can_ask() {
    let dir = tempfile::tempdir().unwrap();
    let (mut api, _, corrected) = demo(dir.path(), None);
    let before = audit(&mut api, 1);
    let params = json!({ "meeting_id": corrected, "version": 1 });
    let e = api.dispatch("minutes_export", params.clone()).unwrap_err();
    assert_eq!(e.code, "no_save_dialog");
    assert!(e.message.contains("nothing was written"), "{}", e.message);
    assert_eq!(audit(&mut api, 1), before);
    // The mode's refusals come first.
    api.dispatch("vault_lock", Value::Null).unwrap();
    assert_eq!(
        api.dispatch("minutes_export", params).unwrap_err().code,
        "locked"
    );
}

#[test]
fn the_shells_halves_record_only_what_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let chosen = dir.path().join("chosen");
    std::fs::create_dir(&chosen).unwrap();
    let (mut api, _, corrected) = demo(dir.path(), None);
    let before = audit(&mut api, 1);
    let params = MinutesExportParams {
        meeting_id: corrected,
        version: Some(1),
    };

    // Prepared, then the dialog cancelled: the prepared file is dropped.
    let prepared = api.minutes_export_prepare(params.clone()).unwrap();
    assert!(
        prepared
            .file_name()
            .ends_with("_minutes_v1_OFFICIAL-SENSITIVE.pdf")
    );
    drop(prepared);
    assert_eq!(
        audit(&mut api, 1),
        before,
        "a cancelled dialog records nothing"
    );

    // Chosen in the dialog, over an existing file it asked about.
    let prepared = api.minutes_export_prepare(params.clone()).unwrap();
    let sha = prepared.sha256().to_owned();
    let path = chosen.join("Minutes for the file.pdf");
    std::fs::write(&path, b"an older copy").unwrap();
    let done = api
        .export_save(prepared, &SaveTo::Chosen(path.clone()))
        .unwrap();
    assert!(done.written);
    assert_eq!(done.file_name.as_deref(), Some("Minutes for the file.pdf"));
    assert_eq!(done.sha256.as_deref(), Some(sha.as_str()));
    assert_eq!(sha256_hex(&std::fs::read(&path).unwrap()), sha);
    assert_eq!(files(&chosen), ["Minutes for the file.pdf"]);
    assert_eq!(
        audit(&mut api, 1),
        [format!("minutes.export {corrected}/1")]
    );

    // The vault locks while the dialog is open (and is unlocked again
    // before it closes): nothing is written.
    let prepared = api.minutes_export_prepare(params.clone()).unwrap();
    api.dispatch("vault_lock", Value::Null).unwrap();
    let e = api
        .export_save(prepared, &SaveTo::Chosen(chosen.join("late.pdf")))
        .unwrap_err();
    assert_eq!(e.code, "locked");
    commands::vault_unlock(
        &mut api,
        UnlockParams {
            passphrase: PASS.into(),
        },
    )
    .unwrap();
    let prepared = api.minutes_export_prepare(params.clone()).unwrap();
    api.dispatch("vault_lock", Value::Null).unwrap();
    commands::vault_unlock(
        &mut api,
        UnlockParams {
            passphrase: PASS.into(),
        },
    )
    .unwrap();
    let e = api
        .export_save(prepared, &SaveTo::Chosen(chosen.join("late.pdf")))
        .unwrap_err();
    assert_eq!(e.code, "locked");
    assert!(e.message.contains("nothing was written"), "{}", e.message);
    assert_eq!(files(&chosen), ["Minutes for the file.pdf"]);
    assert_eq!(
        audit(&mut api, 1),
        [format!("minutes.export {corrected}/1")]
    );

    // While the signing kiosk runs, neither half answers.
    let prepared = api.minutes_export_prepare(params.clone()).unwrap();
    api.dispatch("kiosk_start", json!({ "meeting_id": corrected }))
        .unwrap();
    let e = api
        .export_save(prepared, &SaveTo::Chosen(chosen.join("kiosk.pdf")))
        .unwrap_err();
    assert_eq!(e.code, "kiosk_active");
    assert_eq!(
        api.minutes_export_prepare(params).err().unwrap().code,
        "kiosk_active"
    );
    assert_eq!(files(&chosen), ["Minutes for the file.pdf"]);
}

#[test]
fn the_agenda_exports_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let (mut api, latest, _) = demo(dir.path(), Some(out.clone()));
    let agenda = api
        .dispatch("agenda_export", json!({ "id": latest }))
        .unwrap();
    assert_eq!(agenda["written"], true);
    let name = agenda["file_name"].as_str().unwrap().to_owned();
    assert!(name.contains("_agenda_OFFICIAL"), "{name}");
    let bytes = std::fs::read(out.join(&name)).unwrap();
    assert_eq!(agenda["sha256"], sha256_hex(&bytes));
    assert_eq!(audit(&mut api, 1), [format!("agenda.export {latest}")]);
    // The shell's halves: a cancelled dialog leaves nothing.
    let prepared = api
        .agenda_export_prepare(tasking_api::IdParams { id: latest })
        .unwrap();
    assert_eq!(prepared.file_name(), name);
    drop(prepared);
    assert_eq!(audit(&mut api, 1), [format!("agenda.export {latest}")]);
    // Without a folder, only the app can ask.
    let (mut plain, latest, _) = demo(&dir.path().join("b"), None);
    let e = plain
        .dispatch("agenda_export", json!({ "id": latest }))
        .unwrap_err();
    assert_eq!(e.code, "no_save_dialog");
    assert!(e.message.contains("export-agenda"), "{}", e.message);
}

/// Print copies of version 2 of `meeting` to the first two people present.
fn copies_request(api: &mut Api, meeting: i64) -> Value {
    let page = api
        .dispatch("meeting_get", json!({ "id": meeting }))
        .unwrap();
    let present: Vec<i64> = page["invitations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["attendance"] == "present")
        .map(|i| i["person_id"].as_i64().unwrap())
        .take(2)
        .collect();
    json!({
        "meeting_id": meeting,
        "version": 2,
        "recipients": present
            .iter()
            .map(|p| json!({ "person_id": p, "delivery": "print_file" }))
            .collect::<Vec<_>>(),
        "unencrypted_accepted": true,
    })
}

#[test]
fn copies_are_issued_all_or_none_and_identified_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let (mut api, _, corrected) = demo(dir.path(), Some(out.clone()));
    let req = copies_request(&mut api, corrected);
    let before = api
        .dispatch("copies_list", json!({ "id": corrected }))
        .unwrap()
        .as_array()
        .unwrap()
        .len();

    // By name, into the export folder.
    let done = api.dispatch("copies_issue", req.clone()).unwrap();
    assert_eq!(done["written"], true);
    let issued = done["copies"].as_array().unwrap();
    assert_eq!(issued.len(), 2);
    let names: Vec<String> = issued
        .iter()
        .map(|c| c["file_name"].as_str().unwrap().to_owned())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(files(&out), sorted);
    for c in issued {
        let bytes = std::fs::read(out.join(c["file_name"].as_str().unwrap())).unwrap();
        assert_eq!(sha256_hex(&bytes), c["sha256"].as_str().unwrap());
    }
    let n = before + 2;
    let audit_now = audit(&mut api, 2);
    assert!(
        audit_now
            .iter()
            .all(|a| a.starts_with(&format!("minutes.copy_issue {corrected}/2/"))),
        "{audit_now:?}"
    );

    // Whose copy: by a name in the folder; a path is refused.
    let found = api
        .dispatch("copy_identify", json!({ "file_name": names[0] }))
        .unwrap();
    assert_eq!(found["identification"]["verdict"], "issued");
    let e = api
        .dispatch("copy_identify", json!({ "file_name": "../demo.tvault" }))
        .unwrap_err();
    assert_eq!(e.code, "invalid_params");
    let e = api
        .dispatch("copy_identify", json!({ "file_name": null }))
        .unwrap_err();
    assert_eq!(e.code, "no_open_dialog");

    // The shell's halves: a name taken refuses everything before writing.
    let prepared = api
        .copies_issue_prepare(serde_json::from_value(req.clone()).unwrap())
        .unwrap();
    let taken = prepared.file_names()[1].to_owned();
    std::fs::write(out.join(&taken), b"someone else's").unwrap();
    let e = api.copies_issue_save(prepared, &out).unwrap_err();
    assert_eq!(e.code, "file_exists");
    std::fs::remove_file(out.join(&taken)).unwrap();
    assert_eq!(files(&out), sorted, "nothing written");
    let listed = api
        .dispatch("copies_list", json!({ "id": corrected }))
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), n, "nothing recorded");

    // Locked while the folder dialog is open: nothing written.
    let prepared = api
        .copies_issue_prepare(serde_json::from_value(req.clone()).unwrap())
        .unwrap();
    api.dispatch("vault_lock", Value::Null).unwrap();
    commands::vault_unlock(
        &mut api,
        UnlockParams {
            passphrase: PASS.into(),
        },
    )
    .unwrap();
    let e = api.copies_issue_save(prepared, &out).unwrap_err();
    assert_eq!(e.code, "locked");
    assert_eq!(files(&out), sorted);

    // The kiosk refuses every circulation method.
    api.dispatch("kiosk_start", json!({ "meeting_id": corrected }))
        .unwrap();
    for (method, params) in [
        ("copies_check", req.clone()),
        ("copies_issue", req),
        ("copies_list", json!({ "id": corrected })),
        ("copy_identify", json!({ "file_name": names[0] })),
    ] {
        assert_eq!(
            api.dispatch(method, params).unwrap_err().code,
            "kiosk_active",
            "{method}"
        );
    }
}
