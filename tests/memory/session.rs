//! The records the memory test writes, reads and searches, the same for
//! the command-line tool and the in-process child.

use std::io::Read;

use serde_json::{Value, json};

/// The test vault's passphrase (invented).
pub const PASS: &str = "memory canary test passphrase, invented";

/// Writes the canaries as records (an agency, a person, a group, a
/// meeting's venue, a case's label, subject and address, an action), then
/// reads, lists and searches them, as the screens would.
pub fn scenario(call: &mut dyn FnMut(&str, Value) -> Value, c: &[String]) {
    let agency = call(
        "agency_add",
        json!({ "name": format!("{} Trust", c[0]), "designated_person_role": "Data lead",
                "kind": "housing" }),
    );
    let agency_id = agency["id"].clone();
    call(
        "person_add",
        json!({ "name": format!("Ada {}", c[1]), "agency_id": agency_id, "role": "Officer",
                "email": null }),
    );
    let group = call(
        "group_add",
        json!({ "name": format!("{} Tasking Group", c[2]), "default_kind": "bronze_tasking" }),
    );
    let page = call(
        "meeting_plan",
        json!({ "meeting": { "group_id": group["id"], "kind": "bronze_tasking",
                             "date": "2026-12-09", "start_time": "10:00",
                             "venue": format!("{} Library", c[3]) },
                "invitees": [] }),
    );
    let meeting_id = page["meeting"]["id"].clone();
    let case = call(
        "case_add",
        json!({ "case_ref": "NB-2026-901", "kind": "individual",
                "label": format!("Adult male, {} Road", c[4]),
                "subject_name": format!("Tobin {}", c[5]),
                "address": format!("3 {} Court", c[6]) }),
    );
    call(
        "action_add",
        json!({ "text": format!("Visit the {} flat with the landlord", c[7]),
                "owner_agency_id": agency_id, "owner_person_id": null,
                "due_date": "2026-12-31", "raised_meeting_id": meeting_id,
                "raised_item_id": null }),
    );
    call("case_get", json!({ "id": case["case"]["id"] }));
    call("cases_list", json!({}));
    call("people_list", json!({ "include_inactive": true }));
    call("actions_list", json!({}));
    call("meeting_get", json!({ "id": meeting_id }));
    call("home", json!({}));
    for word in c {
        call("search", json!({ "query": word }));
    }
}

/// The child: reads the canaries from standard input (one a line, then an
/// empty line), runs the scenario through the API in this process, locks,
/// says "locked" and waits for its input to close. In mode `control` it
/// first stops the zeroing, as the code was before issue 13.
pub fn child(mode: &str) {
    if mode == "control" {
        wipe::control::stop_wiping();
    }
    let vault = std::env::args_os().nth(1).expect("the vault's path");
    // Standard input through a handle of our own: the standard library's
    // buffer would keep the canaries for the life of the process.
    let mut stdin = raw_stdin();
    {
        let mut text = Vec::new();
        let mut byte = [0u8; 1];
        let mut lines = 0;
        while lines < 9 && stdin.read(&mut byte).expect("reads") == 1 {
            text.push(byte[0]);
            if byte[0] == b'\n' {
                lines += 1;
            }
        }
        let canaries: Vec<String> = String::from_utf8(text)
            .expect("utf-8")
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        let mut api = tasking_api::Api::new(tasking_api::ApiConfig {
            vault_path: vault.into(),
            demo_passphrase: None,
            work_factor: 1,
            actor: casebook::Actor::Cli,
            clock: std::sync::Arc::new(casebook::SystemClock),
            export_dir: None,
        });
        let mut call = |method: &str, params: Value| -> Value {
            let answer = api
                .dispatch(method, params)
                .unwrap_or_else(|e| panic!("{method}: {}", e.code));
            serde_json::to_value(&answer).expect("json")
        };
        call(
            "vault_create",
            json!({ "passphrase": PASS, "passphrase_again": PASS }),
        );
        scenario(&mut call, &canaries);
        call("vault_lock", json!({}));
        drop(api);
    }
    println!("locked");
    let mut rest = Vec::new();
    let _ = stdin.read_to_end(&mut rest);
}

fn raw_stdin() -> std::fs::File {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        std::fs::File::from(
            std::io::stdin()
                .as_fd()
                .try_clone_to_owned()
                .expect("stdin"),
        )
    }
    #[cfg(not(unix))]
    {
        unreachable!("the memory test runs on Linux only")
    }
}
