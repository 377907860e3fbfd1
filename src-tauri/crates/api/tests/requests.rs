//! Information requests at the boundary, by name as the command line sends
//! them: every refusal of the form's rules (a declaration unconfirmed, no
//! legal basis, no signature) as `request_check` shows it and as the saves
//! refuse it; an emergency kept to complete and completed; the response,
//! quality assurance and decision; the bank holidays behind the clock; and
//! every request method refused while the signing kiosk runs.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::sync::Arc;

use serde_json::{Value, json};
use tasking_api::{Api, ApiConfig};

const PASS: &str = "requests test passphrase, invented";

fn call(api: &mut Api, method: &str, params: Value) -> Value {
    api.dispatch(method, params)
        .unwrap_or_else(|e| panic!("{method}: {} {}", e.code, e.message))
}

fn api(dir: &std::path::Path) -> Api {
    let mut api = Api::new(ApiConfig {
        vault_path: dir.join("r.tvault"),
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

fn signature(name: &str) -> Value {
    json!({
        "name": name,
        "rank": "Officer",
        "date": "2026-11-30",
        "strokes": [[[100, 200, 0], [300, 150, 40], [500, 220, 90]]],
    })
}

fn form() -> Value {
    json!({
        "requester": { "name": "Severnside Housing Trust", "date": "2026-11-30" },
        "subject": { "surname": "Marlowe-Quist", "forenames": "Dana" },
        "information_sought": "Any record of anti-social behaviour at the address.",
        "basis": {
            "legal_power": "cda_1998_s115",
            "statutory_purpose": "anti_social_behaviour",
            "reasons": "A tenancy enforcement decision is due.",
            "confidentiality_overridden": true,
            "privacy_outweighed": true,
        },
        "signed": signature("Hollis Renwick"),
    })
}

#[test]
fn every_refusal_of_the_form_is_shown_and_refused_at_the_boundary() {
    let dir = tempfile::tempdir().unwrap();
    let mut api = api(dir.path());
    assert_eq!(
        call(&mut api, "request_check", json!({ "form": form() })),
        json!([])
    );
    for (path, value, field) in [
        (
            "/basis/confidentiality_overridden",
            json!(false),
            "basis.confidentiality_overridden",
        ),
        (
            "/basis/privacy_outweighed",
            json!(false),
            "basis.privacy_outweighed",
        ),
        ("/basis/legal_power", Value::Null, "basis.legal_power"),
        (
            "/basis/statutory_purpose",
            Value::Null,
            "basis.statutory_purpose",
        ),
        ("/signed", Value::Null, "signed"),
    ] {
        let mut f = form();
        *f.pointer_mut(path).unwrap() = value;
        let problems = call(&mut api, "request_check", json!({ "form": f.clone() }));
        let problems = problems.as_array().unwrap();
        assert_eq!(problems.len(), 1, "{field}: {problems:?}");
        assert_eq!(problems[0]["field"], field);
        assert_eq!(problems[0]["missing"], true, "{field}");
        // Kept as unfinished, to complete: only something is missing.
        let kept = call(
            &mut api,
            "request_add",
            json!({ "direction": "received", "received_on": "2026-11-30", "form": f }),
        );
        assert_eq!(kept["progress"]["stage"], "to_complete", "{field}");
        assert_eq!(kept["form_problems"][0]["field"], field);
    }
    // Something wrong as given is refused, with its words.
    let mut f = form();
    f["requester"]["date"] = json!("30/11/26");
    let e = api
        .dispatch(
            "request_add",
            json!({ "direction": "received", "received_on": "2026-11-30", "form": f }),
        )
        .unwrap_err();
    assert_eq!(e.code, "form_refused");
    assert!(
        e.message.starts_with("This form cannot be saved as it is."),
        "{}",
        e.message
    );
    // An unknown field is refused as any other parameter.
    let e = api
        .dispatch("request_check", json!({ "form": form(), "extra": 1 }))
        .unwrap_err();
    assert_eq!(e.code, "invalid_params");
}

#[test]
fn an_emergency_completed_answered_assured_and_decided() {
    let dir = tempfile::tempdir().unwrap();
    let mut api = api(dir.path());
    let r = call(
        &mut api,
        "request_emergency",
        json!({
            "caller": "PC Tamsin Oakridge",
            "agency": "West Mercia Police",
            "callback": "01632 960555",
            "asked": "Whether the tenant at 3 Tanner's Row has a known risk to officers.",
            "given": "Yes: a warning marker for aggression towards staff.",
            "why_urgent": "Officers were attending a disturbance within the hour.",
        }),
    );
    let id = r["id"].as_i64().unwrap();
    assert_eq!(r["progress"]["stage"], "to_complete");
    let on_home = call(&mut api, "home", json!({}));
    assert_eq!(on_home["requests"][0]["id"], id);
    assert_eq!(on_home["requests"][0]["emergency"], true);
    // The full form, written up later from the police's own request.
    let mut full = form();
    full["requester"]["name"] = json!("West Mercia Police");
    let r = call(
        &mut api,
        "request_update",
        json!({ "id": id, "request": {
            "direction": "received", "received_on": r["received_on"], "form": full } }),
    );
    assert_eq!(r["progress"]["stage"], "awaiting_response");
    let response = json!({
        "contact": { "name": "Ines Calloway", "date": r["received_on"] },
        "response": "A warning marker is held; nothing more.",
        "signed": null,
    });
    let problems = call(
        &mut api,
        "request_response_check",
        json!({ "response": response }),
    );
    assert_eq!(problems[0]["field"], "signed");
    let e = api
        .dispatch("request_respond", json!({ "id": id, "response": response }))
        .unwrap_err();
    assert_eq!(e.code, "form_refused");
    let mut response = response;
    response["signed"] = signature("Ines Calloway");
    response["signed"]["date"] = r["received_on"].clone();
    let r = call(
        &mut api,
        "request_respond",
        json!({ "id": id, "response": response }),
    );
    assert_eq!(r["progress"]["stage"], "awaiting_quality");
    let mut qa = signature("Rhiannon Dace");
    qa["date"] = r["received_on"].clone();
    let r = call(
        &mut api,
        "request_quality",
        json!({ "id": id, "signed": qa }),
    );
    assert_eq!(r["progress"]["stage"], "awaiting_decision");
    let r = call(
        &mut api,
        "request_decide",
        json!({ "id": id, "decision": "full", "reasons": "Needed for officers' safety." }),
    );
    assert_eq!(r["progress"]["stage"], "decided");
    let listed = call(&mut api, "requests_list", json!({ "stage": "decided" }));
    assert_eq!(listed[0]["id"], id);
    assert_eq!(listed[0]["other_party"], "West Mercia Police");
}

#[test]
fn a_request_due_for_review_is_listed_until_its_review_date_is_set_later() {
    let dir = tempfile::tempdir().unwrap();
    let mut api = api(dir.path());
    let r = call(
        &mut api,
        "request_emergency",
        json!({
            "caller": "Duty officer Pell Varney",
            "agency": "Larkfield Fire and Rescue",
            "callback": "01632 960123",
            "asked": "Whether the flat is known to hold oxygen cylinders.",
            "given": "Yes, two.",
            "why_urgent": "Crews were on their way.",
        }),
    );
    let id = r["id"].as_i64().unwrap();
    let received = r["received_on"].as_str().unwrap().to_owned();
    assert!(r["review_date"].as_str().unwrap() > received.as_str());
    let home = call(&mut api, "home", json!({}));
    assert_eq!(home["requests_review_due"], json!([]));

    let r = call(
        &mut api,
        "request_review_set",
        json!({ "id": id, "review_date": received }),
    );
    assert_eq!(r["review_date"], json!(received));
    let home = call(&mut api, "home", json!({}));
    assert_eq!(home["requests_review_due"][0]["id"], id);

    let e = api
        .dispatch(
            "request_review_set",
            json!({ "id": id, "review_date": "2001-01-01" }),
        )
        .unwrap_err();
    assert_eq!(e.code, "invalid_input");
    assert!(
        e.message.starts_with("Review date: must be on or after"),
        "{}",
        e.message
    );
    let e = api
        .dispatch(
            "request_review_set",
            json!({ "id": id, "review_date": "next year" }),
        )
        .unwrap_err();
    assert_eq!(e.code, "invalid_input");
    let e = api
        .dispatch(
            "request_review_set",
            json!({ "id": id + 1, "review_date": "2099-01-01" }),
        )
        .unwrap_err();
    assert_eq!(e.code, "not_found");

    call(
        &mut api,
        "request_review_set",
        json!({ "id": id, "review_date": "2099-01-01" }),
    );
    let home = call(&mut api, "home", json!({}));
    assert_eq!(home["requests_review_due"], json!([]));
    assert_eq!(
        call(&mut api, "request_get", json!({ "id": id }))["review_date"],
        "2099-01-01"
    );
}

#[test]
fn the_clock_says_which_years_are_published() {
    let dir = tempfile::tempdir().unwrap();
    let mut api = api(dir.path());
    let y = call(&mut api, "bank_holidays", json!({ "year": 2026 }));
    assert_eq!(y["source"], "published");
    assert_eq!(y["published_years"], json!([2019, 2027]));
    assert_eq!(y["days"].as_array().unwrap().len(), 8);
    assert_eq!(
        y["days"][7],
        json!({ "date": "2026-12-28", "name": "Boxing Day (substitute day)" })
    );
    let this_year = call(&mut api, "bank_holidays", json!({}));
    let today = call(&mut api, "home", json!({}))["today"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(this_year["year"].to_string(), today[..4]);
    let y = call(&mut api, "bank_holidays", json!({ "year": 2031 }));
    assert_eq!(y["source"], "computed");
    let e = api
        .dispatch("bank_holidays", json!({ "year": 99 }))
        .unwrap_err();
    assert_eq!(e.code, "invalid_input");
}

#[test]
fn the_kiosk_refuses_every_request_method() {
    let dir = tempfile::tempdir().unwrap();
    let mut api = api(dir.path());
    let group = call(
        &mut api,
        "group_add",
        json!({ "name": "Larkfield Bronze Tasking Group", "default_kind": "bronze_tasking" }),
    );
    let page = call(
        &mut api,
        "meeting_plan",
        json!({
            "meeting": { "group_id": group["id"], "kind": "bronze_tasking", "date": "2026-12-09",
                         "start_time": "10:00", "venue": "Larkfield Library" },
            "invitees": [],
        }),
    );
    call(
        &mut api,
        "kiosk_start",
        json!({ "meeting_id": page["meeting"]["id"] }),
    );
    for (method, params) in [
        ("requests_list", json!({})),
        ("request_get", json!({ "id": 1 })),
        ("request_check", json!({ "form": form() })),
        ("bank_holidays", json!({ "year": 2026 })),
        (
            "request_review_set",
            json!({ "id": 1, "review_date": "2027-01-01" }),
        ),
    ] {
        assert_eq!(
            api.dispatch(method, params).unwrap_err().code,
            "kiosk_active",
            "{method}"
        );
    }
}

#[test]
fn the_form_exports_as_a_marked_pdf_into_the_export_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let mut api = Api::new(ApiConfig {
        vault_path: dir.path().join("e.tvault"),
        demo_passphrase: None,
        work_factor: 2,
        actor: casebook::Actor::Cli,
        clock: Arc::new(casebook::SystemClock),
        export_dir: Some(out.clone()),
    });
    call(
        &mut api,
        "vault_create",
        json!({ "passphrase": PASS, "passphrase_again": PASS }),
    );
    let r = call(
        &mut api,
        "request_add",
        json!({ "direction": "received", "received_on": "2026-11-30", "form": form() }),
    );
    let done = call(&mut api, "request_export", json!({ "id": r["id"] }));
    assert_eq!(done["written"], true);
    let name = done["file_name"].as_str().unwrap();
    assert_eq!(
        name,
        "information-request-0001_2026-11-30_OFFICIAL-SENSITIVE.pdf"
    );
    let bytes = std::fs::read(out.join(name)).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    // Never replaced.
    let e = api
        .dispatch("request_export", json!({ "id": r["id"] }))
        .unwrap_err();
    assert_eq!(e.code, "file_exists");
    let e = api
        .dispatch("request_export", json!({ "id": 99 }))
        .unwrap_err();
    assert_eq!(e.code, "not_found");
}
