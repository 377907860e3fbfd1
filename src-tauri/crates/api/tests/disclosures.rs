//! Disclosures at the boundary: a disclosure the rules block is refused
//! however it is sent — by name, as the command line sends it
//! (`Api::dispatch`), and typed, as the shell sends it
//! (`tasking_api::commands`) — an unaccepted warning likewise, an accepted
//! one is saved with its acceptance in the audit trail, and while the
//! signing kiosk runs every disclosure method answers `kiosk_active`.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::sync::Arc;

use serde_json::{Value, json};
use tasking_api::{Api, ApiConfig, DisclosureCheckParams, commands};

const PASS: &str = "disclosure test passphrase, invented";

fn call(api: &mut Api, method: &str, params: Value) -> Value {
    api.dispatch(method, params)
        .unwrap_or_else(|e| panic!("{method}: {} {}", e.code, e.message))
}

/// An API on a new vault with a meeting in progress: a police officer and a
/// council officer present and signed, and an item about an individual's
/// case. Returns the API, the item, and the two people.
fn table(dir: &std::path::Path) -> (Api, i64, i64, i64, i64) {
    let mut api = Api::new(ApiConfig {
        vault_path: dir.join("d.tvault"),
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
    let agencies = call(&mut api, "agencies_list", json!({}));
    let agency = |kind: &str| {
        agencies
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["kind"] == kind)
            .unwrap()["id"]
            .clone()
    };
    let group = call(
        &mut api,
        "group_add",
        json!({ "name": "Larkfield Bronze Tasking Group", "default_kind": "bronze_tasking" }),
    );
    let mut person = |name: &str, kind: &str| {
        call(
            &mut api,
            "person_add",
            json!({ "name": name, "agency_id": agency(kind), "role": "Officer" }),
        )["id"]
            .as_i64()
            .unwrap()
    };
    let police = person("Tobias Wrenshaw", "police");
    let council = person("Odile Marchbank", "local_authority");
    let page = call(
        &mut api,
        "meeting_plan",
        json!({
            "meeting": { "group_id": group["id"], "kind": "bronze_tasking", "date": "2026-12-09",
                         "start_time": "10:00", "venue": "Larkfield Library" },
            "invitees": [police, council],
        }),
    );
    let meeting = page["meeting"]["id"].as_i64().unwrap();
    for p in [police, council] {
        call(
            &mut api,
            "attendance_set",
            json!({ "meeting_id": meeting, "person_id": p, "attendance": "present" }),
        );
    }
    call(
        &mut api,
        "case_add",
        json!({ "case_ref": "LK-2026-007", "kind": "individual", "label": "Adult female, Mill Lane",
                "subject_name": "Petra Voskuil" }),
    );
    let page = call(
        &mut api,
        "agenda_item_add",
        json!({ "meeting_id": meeting, "item": { "kind": "case_review", "title": "Mill Lane",
                "case_ref": "LK-2026-007", "marking": "OFFICIAL-SENSITIVE" } }),
    );
    let item = page["agenda"].as_array().unwrap().last().unwrap()["id"]
        .as_i64()
        .unwrap();
    call(&mut api, "kiosk_start", json!({ "meeting_id": meeting }));
    for p in [police, council] {
        call(
            &mut api,
            "kiosk_sign",
            json!({ "signer": { "person_id": p }, "method": "typed", "typed_name": "signed" }),
        );
    }
    call(&mut api, "kiosk_leave", json!({ "passphrase": PASS }));
    call(
        &mut api,
        "meeting_set_status",
        json!({ "id": meeting, "status": "in_progress" }),
    );
    (api, meeting, item, police, council)
}

fn disclosure(item: i64, person: i64, nature: &str, text: &str) -> Value {
    json!({
        "item_id": item,
        "person_id": person,
        "draft": {
            "category": "incident", "nature": nature, "text": text,
            "legal_power": "cda_1998_s115", "statutory_purpose": "crime_and_disorder",
            "touches_gender_history": false
        },
        "minuting": "full",
    })
}

#[test]
fn a_blocked_disclosure_is_refused_by_name_and_typed() {
    let dir = tempfile::tempdir().unwrap();
    let (mut api, _, item, police, _) = table(dir.path());
    let opinion = disclosure(item, police, "opinion", "She is likely to offend again.");

    let check = call(
        &mut api,
        "disclosure_check",
        json!({ "disclosure": opinion.clone() }),
    );
    assert_eq!(check["can_save"], false);
    assert_eq!(check["findings"][0]["rule"], "R4");
    assert_eq!(check["findings"][0]["level"], "blocked");
    assert_eq!(check["findings"][0]["field"], "nature");

    let e = api.dispatch("disclosure_add", opinion.clone()).unwrap_err();
    assert_eq!(e.code, "disclosure_blocked");
    assert!(e.message.contains("facts only"), "{}", e.message);

    let typed: casebook::DisclosureInput = serde_json::from_value(opinion.clone()).unwrap();
    let e = commands::disclosure_add(&mut api, typed.clone()).unwrap_err();
    assert_eq!(e.code, "disclosure_blocked");
    let typed_check = commands::disclosure_check(
        &mut api,
        DisclosureCheckParams {
            id: None,
            disclosure: typed,
        },
    )
    .unwrap();
    assert!(!typed_check.can_save);

    // Nothing was saved, by either face.
    let list = call(&mut api, "disclosures_list", json!({ "item_id": item }));
    assert_eq!(list, json!([]));
}

#[test]
fn a_warning_is_saved_only_accepted_and_the_acceptance_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (mut api, meeting, item, _, council) = table(dir.path());
    let named = disclosure(
        item,
        council,
        "fact",
        "Petra Voskuil missed two tenancy visits.",
    );
    let e = api.dispatch("disclosure_add", named.clone()).unwrap_err();
    assert_eq!(e.code, "warning_not_accepted");
    assert!(!e.message.contains("Voskuil"), "{}", e.message);
    let mut typed: casebook::DisclosureInput = serde_json::from_value(named.clone()).unwrap();
    assert_eq!(
        commands::disclosure_add(&mut api, typed.clone())
            .unwrap_err()
            .code,
        "warning_not_accepted"
    );
    typed.accepted = vec![casebook::disclosures::RuleId::R7];
    let saved = commands::disclosure_add(&mut api, typed).unwrap();
    assert_eq!(saved.acceptances.len(), 1);
    assert_eq!(saved.acceptances[0].accepted_by, "cli");
    assert_eq!(saved.descriptor, Some(casebook::Descriptor::PersonalData));
    let audit = casebook::audit::recent(api.casebook().unwrap().vault().db(), 2).unwrap();
    assert_eq!(audit[0].action, "disclosure.accept");
    assert_eq!(audit[0].record_id, format!("{}/R7", saved.id));
    assert_eq!(audit[1].action, "disclosure.add");

    // The minute-taker's view has it under its item, and withdrawal keeps it.
    let view = call(&mut api, "minute_taking_get", json!({ "id": meeting }));
    let under: Vec<&Value> = view["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["item"]["id"] == item)
        .collect();
    assert_eq!(under[0]["disclosures"][0]["id"], saved.id);
    let withdrawn = call(
        &mut api,
        "disclosure_withdraw",
        json!({ "id": saved.id, "reason": "Said under the wrong item" }),
    );
    assert_eq!(withdrawn["withdrawn_reason"], "Said under the wrong item");
    let notes = call(
        &mut api,
        "agenda_item_notes_save",
        json!({ "id": item, "summary": "Tenancy discussed.", "decisions": "" }),
    );
    assert_eq!(notes["summary"], "Tenancy discussed.");
}

#[test]
fn while_signing_disclosures_cannot_be_read_checked_or_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (mut api, meeting, item, police, _) = table(dir.path());
    let fact = disclosure(item, police, "fact", "Graffiti at the underpass.");
    call(&mut api, "kiosk_start", json!({ "meeting_id": meeting }));
    for (method, params) in [
        ("disclosure_add", fact.clone()),
        ("disclosure_check", json!({ "disclosure": fact.clone() })),
        ("disclosures_list", json!({ "meeting_id": meeting })),
        ("minute_taking_get", json!({ "id": meeting })),
        (
            "out_of_room_set",
            json!({ "item_id": item, "person_id": police, "out": true }),
        ),
    ] {
        assert_eq!(
            api.dispatch(method, params).unwrap_err().code,
            "kiosk_active",
            "{method}"
        );
    }
    let typed: casebook::DisclosureInput = serde_json::from_value(fact).unwrap();
    assert_eq!(
        commands::disclosure_add(&mut api, typed).unwrap_err().code,
        "kiosk_active"
    );
    call(&mut api, "kiosk_leave", json!({ "passphrase": PASS }));
    assert_eq!(
        call(
            &mut api,
            "disclosures_list",
            json!({ "meeting_id": meeting })
        ),
        json!([])
    );
}
