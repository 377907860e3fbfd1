//! The auto-lock rule with an injected clock: `lock_if_idle(now)` locks an
//! unlocked vault once the settings' idle time has passed since the last
//! activity, not a moment before; activity starts the time again; a
//! changed idle time applies at once; the signing kiosk is locked too; a
//! locked vault stays locked and answers `locked`. Going to sleep (or the
//! screen locking) locks at once, kiosk included, with its own notice.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tasking_api::{Api, ApiConfig};

const PASS: &str = "idle test passphrase, invented";

fn call(api: &mut Api, method: &str, params: Value) -> Value {
    api.dispatch(method, params)
        .unwrap_or_else(|e| panic!("{method}: {} {}", e.code, e.message))
}

fn unlocked(dir: &std::path::Path) -> Api {
    let mut api = Api::new(ApiConfig {
        vault_path: dir.join("idle.tvault"),
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

/// Plans a meeting and starts its signing kiosk.
fn start_kiosk(api: &mut Api) {
    let group = call(
        api,
        "group_add",
        json!({ "name": "Larkfield Bronze Tasking Group", "default_kind": "bronze_tasking" }),
    );
    let page = call(
        api,
        "meeting_plan",
        json!({ "meeting": { "group_id": group["id"], "kind": "bronze_tasking",
                             "date": "2026-12-09", "start_time": "10:00",
                             "venue": "Larkfield Library" },
                "invitees": [] }),
    );
    call(
        api,
        "kiosk_start",
        json!({ "meeting_id": page["meeting"]["id"] }),
    );
}

const SECOND: Duration = Duration::from_secs(1);
const MINUTE: Duration = Duration::from_secs(60);

#[test]
fn locks_exactly_when_the_idle_time_has_passed() {
    let dir = tempfile::tempdir().unwrap();
    let mut api = unlocked(dir.path());
    let minutes = call(&mut api, "vault_status", json!({}))["auto_lock_minutes"]
        .as_u64()
        .unwrap();
    let idle = MINUTE * u32::try_from(minutes).unwrap();
    // (seconds after the last activity, whether that locks)
    let table = [
        (Duration::ZERO, false),
        (SECOND, false),
        (idle - SECOND, false),
        (idle, true),
    ];
    for (after, locks) in table {
        let t0 = Instant::now();
        api.touch(t0);
        assert!(api.is_unlocked());
        assert_eq!(api.lock_if_idle(t0 + after), locks, "{after:?} of {idle:?}");
        if locks {
            assert!(!api.is_unlocked());
            let e = api.dispatch("home", json!({})).unwrap_err();
            assert_eq!(e.code, "locked");
            // The unlock screen says why, in Rust's words.
            assert_eq!(
                call(&mut api, "vault_status", json!({}))["lock_notice"],
                format!("Locked after {minutes} minutes without activity.")
            );
            // Locked stays locked, whatever the time.
            assert!(!api.lock_if_idle(t0 + idle * 10));
            // Once unlocked, and after the chair's own lock, no notice.
            call(&mut api, "vault_unlock", json!({ "passphrase": PASS }));
            call(&mut api, "vault_lock", json!({}));
            assert_eq!(
                call(&mut api, "vault_status", json!({}))["lock_notice"],
                Value::Null
            );
        }
    }
}

#[test]
fn activity_starts_the_time_again_and_a_new_idle_time_applies_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut api = unlocked(dir.path());
    call(
        &mut api,
        "settings_update",
        json!({ "auto_lock_minutes": 2 }),
    );
    let t0 = Instant::now();
    api.touch(t0);
    assert!(!api.lock_if_idle(t0 + MINUTE * 2 - SECOND));
    // Activity a minute and a half in: two more minutes from then.
    api.touch(t0 + MINUTE + MINUTE / 2);
    assert!(!api.lock_if_idle(t0 + MINUTE * 3));
    assert!(api.lock_if_idle(t0 + MINUTE * 3 + MINUTE / 2));

    // One minute, set while unlocked, counts from the next check.
    let dir = tempfile::tempdir().unwrap();
    let mut api = unlocked(dir.path());
    call(
        &mut api,
        "settings_update",
        json!({ "auto_lock_minutes": 1 }),
    );
    let t0 = Instant::now();
    api.touch(t0);
    assert!(!api.lock_if_idle(t0 + MINUTE - SECOND));
    assert!(api.lock_if_idle(t0 + MINUTE));
    assert_eq!(
        call(&mut api, "vault_status", json!({}))["lock_notice"],
        "Locked after 1 minute without activity."
    );
}

#[test]
fn the_signing_kiosk_is_locked_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut api = unlocked(dir.path());
    start_kiosk(&mut api);
    let t0 = Instant::now();
    api.touch(t0);
    assert!(api.lock_if_idle(t0 + MINUTE * 60));
    assert!(!api.is_unlocked());
    assert_eq!(
        api.dispatch("kiosk_view", json!({})).unwrap_err().code,
        "locked"
    );
}

#[test]
fn sleep_locks_at_once_kiosk_included_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut api = unlocked(dir.path());
    // A second after the last activity: no idle time has passed.
    api.touch(Instant::now());
    assert!(api.lock_for_sleep());
    assert!(!api.is_unlocked());
    assert_eq!(api.dispatch("home", json!({})).unwrap_err().code, "locked");
    let said = "Locked because the computer went to sleep or its screen was locked.";
    assert_eq!(
        call(&mut api, "vault_status", json!({}))["lock_notice"],
        said
    );
    // Already locked: nothing more happens, and the notice stays.
    assert!(!api.lock_for_sleep());
    assert_eq!(
        call(&mut api, "vault_status", json!({}))["lock_notice"],
        said
    );

    // The signing kiosk too, and unlocking clears the notice.
    call(&mut api, "vault_unlock", json!({ "passphrase": PASS }));
    start_kiosk(&mut api);
    assert!(api.lock_for_sleep());
    assert_eq!(
        api.dispatch("kiosk_view", json!({})).unwrap_err().code,
        "locked"
    );
    call(&mut api, "vault_unlock", json!({ "passphrase": PASS }));
    assert_eq!(
        call(&mut api, "vault_status", json!({}))["lock_notice"],
        Value::Null
    );
}
