//! The signing kiosk's rule, below every face: while it runs, every
//! registered operation except the kiosk's own answers `kiosk_active`,
//! whether asked by name (the command line) or typed (the shell).

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::sync::Arc;

use serde_json::{Value, json};
use tasking_api::{Api, ApiConfig, KIOSK_METHODS, KIOSK_WRONG_PASSPHRASES, METHODS, commands};

const PASS: &str = "kiosk test passphrase, invented";

fn api(dir: &std::path::Path) -> Api {
    let mut api = Api::new(ApiConfig {
        vault_path: dir.join("kiosk.tvault"),
        demo_passphrase: None,
        work_factor: 2,
        actor: casebook::Actor::Cli,
        clock: Arc::new(casebook::SystemClock),
        export_dir: None,
    });
    call(
        &mut api,
        "vault_create",
        json!({ "passphrase": PASS, "passphrase_again": PASS }),
    );
    api
}

fn call(api: &mut Api, method: &str, params: Value) -> Value {
    api.dispatch(method, params)
        .unwrap_or_else(|e| panic!("{method}: {} {}", e.code, e.message))
}

fn code(api: &mut Api, method: &str, params: Value) -> String {
    match api.dispatch(method, params) {
        Ok(v) => panic!("{method} answered ok: {v}"),
        Err(e) => e.code,
    }
}

/// A meeting with three invited people; returns (meeting id, person ids).
fn meeting(api: &mut Api) -> (i64, Vec<i64>) {
    let group = call(
        api,
        "group_add",
        json!({ "name": "Larkfield Bronze Tasking Group", "default_kind": "bronze_tasking" }),
    );
    let mut people = Vec::new();
    for (name, agency) in [
        ("Odile Marchbank", 1),
        ("Tobias Wrenshaw", 2),
        ("Hester Quillon", 6),
    ] {
        let p = call(
            api,
            "person_add",
            json!({ "name": name, "agency_id": agency, "role": "Officer" }),
        );
        people.push(p["id"].as_i64().unwrap());
    }
    let page = call(
        api,
        "meeting_plan",
        json!({
            "meeting": {
                "group_id": group["id"], "kind": "bronze_tasking", "date": "2026-12-09",
                "start_time": "10:00", "venue": "Larkfield Library", "chair_id": null,
                "minute_taker_id": null, "review_date": null
            },
            "invitees": people,
        }),
    );
    (page["meeting"]["id"].as_i64().unwrap(), people)
}

fn drawn(person: i64) -> Value {
    json!({
        "signer": { "person_id": person },
        "method": "drawn",
        "strokes": [[[100, 200, 0], [180, 150, 16], [260, 240, 33]], [[300, 180, 400], [420, 190, 430]]],
    })
}

#[test]
fn while_signing_only_the_kiosks_own_operations_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut api = api(dir.path());
    let (meeting, people) = meeting(&mut api);
    let agencies_before = call(&mut api, "agencies_list", json!({}))
        .as_array()
        .unwrap()
        .len();

    let view = call(&mut api, "kiosk_start", json!({ "meeting_id": meeting }));
    assert_eq!(view["attendees"].as_array().unwrap().len(), 3);
    assert!(api.in_kiosk());

    // Every other operation is refused by name, before its parameters are
    // even read, so plausible parameters would not help either.
    let others: Vec<&str> = METHODS
        .iter()
        .copied()
        .filter(|m| !KIOSK_METHODS.contains(m))
        .collect();
    assert!(others.len() >= 40, "{}", others.len());
    for method in &others {
        assert_eq!(
            code(&mut api, method, json!({})),
            "kiosk_active",
            "{method}"
        );
    }
    // The refusal says what to do, and changed nothing.
    let e = api
        .dispatch(
            "agency_add",
            json!({"name": "Kestrel Vale Trust", "designated_person_role": "Manager", "kind": "other"}),
        )
        .unwrap_err();
    assert_eq!(
        e.message,
        "Not available while signing. The chair can leave signing with the vault passphrase."
    );
    // Typed, as the shell calls them: the same rule.
    let typed = commands::vault_lock(&mut api, tasking_api::NoParams {}).unwrap_err();
    assert_eq!(typed.code, "kiosk_active");
    let typed = commands::meeting_get(&mut api, tasking_api::IdParams { id: meeting }).unwrap_err();
    assert_eq!(typed.code, "kiosk_active");
    assert!(api.in_kiosk(), "a refused lock does not leave the kiosk");

    // The kiosk's own answer.
    assert_eq!(call(&mut api, "vault_status", json!({}))["state"], "kiosk");
    call(&mut api, "activity", json!({}));
    assert_eq!(
        call(&mut api, "kiosk_view", json!({}))["meeting_id"],
        meeting
    );
    let signed = call(&mut api, "kiosk_sign", drawn(people[0]));
    assert_eq!(signed["name"], "Odile Marchbank");
    assert_eq!(signed["outcome"], "drawn");
    let declined = call(
        &mut api,
        "kiosk_decline",
        json!({ "signer": { "person_id": people[1] }, "reason": "Not staying for case discussion" }),
    );
    assert_eq!(declined["outcome"], "declined");
    let states: Vec<(String, String)> = declined["view"]["attendees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap().to_owned(),
                a["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        states,
        [
            ("Hester Quillon".to_owned(), "waiting".to_owned()),
            ("Odile Marchbank".to_owned(), "signed".to_owned()),
            ("Tobias Wrenshaw".to_owned(), "declined".to_owned()),
        ]
    );

    // Leaving: a wrong passphrase keeps the kiosk; the right one leaves it.
    assert_eq!(
        code(
            &mut api,
            "kiosk_leave",
            json!({ "passphrase": "not the passphrase" })
        ),
        "wrong_passphrase"
    );
    assert!(api.in_kiosk());
    assert_eq!(code(&mut api, "meetings_list", json!({})), "kiosk_active");
    assert_eq!(
        call(&mut api, "kiosk_leave", json!({ "passphrase": PASS }))["state"],
        "unlocked"
    );
    assert!(!api.in_kiosk());

    // The chair's screens again, with the register and nothing else changed.
    let page = call(&mut api, "meeting_get", json!({ "id": meeting }));
    let register = page["register"].as_array().unwrap();
    assert_eq!(register.len(), 2);
    assert_eq!(register[0]["strokes"][1][1], json!([420, 190, 430]));
    assert_eq!(
        call(&mut api, "agencies_list", json!({}))
            .as_array()
            .unwrap()
            .len(),
        agencies_before
    );
    // The kiosk's operations are refused outside it.
    assert_eq!(code(&mut api, "kiosk_view", json!({})), "kiosk_not_active");
    assert_eq!(
        code(&mut api, "kiosk_sign", drawn(people[2])),
        "kiosk_not_active"
    );
}

#[test]
fn wrong_passphrases_at_the_kiosk_lock_the_vault() {
    let dir = tempfile::tempdir().unwrap();
    let mut api = api(dir.path());
    let (meeting, _) = meeting(&mut api);
    call(&mut api, "kiosk_start", json!({ "meeting_id": meeting }));
    for _ in 1..KIOSK_WRONG_PASSPHRASES {
        assert_eq!(
            code(&mut api, "kiosk_leave", json!({ "passphrase": "guess" })),
            "wrong_passphrase"
        );
    }
    assert_eq!(
        code(&mut api, "kiosk_leave", json!({ "passphrase": "guess" })),
        "wrong_passphrase_locked"
    );
    assert_eq!(call(&mut api, "vault_status", json!({}))["state"], "locked");
    // Unlocking takes the passphrase and comes back to the chair's screens.
    call(&mut api, "vault_unlock", json!({ "passphrase": PASS }));
    assert_eq!(
        call(&mut api, "vault_status", json!({}))["state"],
        "unlocked"
    );
}

#[test]
fn the_kiosk_refuses_what_is_not_a_signature() {
    let dir = tempfile::tempdir().unwrap();
    let mut api = api(dir.path());
    let (meeting, people) = meeting(&mut api);
    let other = call(
        &mut api,
        "person_add",
        json!({ "name": "Piran Ashgrove", "agency_id": 3, "role": "Nurse" }),
    );
    call(&mut api, "kiosk_start", json!({ "meeting_id": meeting }));
    let refused = |api: &mut Api, params: Value| {
        let e = api.dispatch("kiosk_sign", params).unwrap_err();
        (e.code, e.message)
    };
    // Someone not invited must come in as "not on the list".
    let (c, m) = refused(&mut api, drawn(other["id"].as_i64().unwrap()));
    assert_eq!(c, "invalid_input");
    assert!(m.contains("not on this meeting's list"), "{m}");
    // Strokes outside the pad, and SVG instead of numbers.
    let (c, _) = refused(
        &mut api,
        json!({ "signer": { "person_id": people[0] }, "method": "drawn", "strokes": [[[5000, 10, 0], [10, 10, 5]]] }),
    );
    assert_eq!(c, "invalid_input");
    let (c, _) = refused(
        &mut api,
        json!({ "signer": { "person_id": people[0] }, "method": "drawn", "strokes": "<svg><path d='M0 0'/></svg>" }),
    );
    assert_eq!(c, "invalid_params");
    // Typed needs a name; both a person and a newcomer is ambiguous.
    let (c, m) = refused(
        &mut api,
        json!({ "signer": { "person_id": people[0] }, "method": "typed", "typed_name": "  " }),
    );
    assert_eq!(c, "invalid_input");
    assert!(m.starts_with("Typed name:"), "{m}");
    let (c, _) = refused(
        &mut api,
        json!({ "signer": { "person_id": people[0], "newcomer": { "name": "A B", "agency_id": 1, "role": "R" } },
                "method": "typed", "typed_name": "A B" }),
    );
    assert_eq!(c, "invalid_input");
    // A second signature by the same person is refused.
    call(&mut api, "kiosk_sign", drawn(people[0]));
    let (c, _) = refused(&mut api, drawn(people[0]));
    assert_eq!(c, "conflict");
    // Someone not on the list signs by typed name and joins the meeting.
    let answer = call(
        &mut api,
        "kiosk_sign",
        json!({ "signer": { "newcomer": { "name": "Wilhelmina Fenchurch", "agency_id": 7, "role": "Youth Worker" } },
                "method": "typed", "typed_name": "Wilhelmina Fenchurch" }),
    );
    assert_eq!(answer["outcome"], "typed");
    assert_eq!(answer["view"]["attendees"].as_array().unwrap().len(), 4);
}

#[test]
fn a_cancelled_meeting_has_no_kiosk() {
    let dir = tempfile::tempdir().unwrap();
    let mut api = api(dir.path());
    let (meeting, _) = meeting(&mut api);
    call(
        &mut api,
        "meeting_set_status",
        json!({ "id": meeting, "status": "cancelled" }),
    );
    assert_eq!(
        code(&mut api, "kiosk_start", json!({ "meeting_id": meeting })),
        "conflict"
    );
    assert!(!api.in_kiosk());
}
