//! End-to-end: the real app in a real window (under Xvfb), driven through
//! tauri-driver and WebKitWebDriver, as a chair would use it. Screenshots go
//! to `tests/artefacts/e2e/` for a person to look at.
//!
//! Runs only when `TASKING_VAULT_E2E=1` (set by `scripts/test`, which builds
//! the UI and the app with `custom-protocol` first and provides a display).
//! With the variable set, anything missing is a failure, not a skip.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod harness;

use std::time::Duration;

use fantoccini::Locator;
use harness::{App, by_id};

const PASS: &str = "Severn bridge at dawn 2026";
const NEW_AGENCY: &str = "Oakfield Community Trust";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chair_creates_vault_adds_agency_locks_and_unlocks() {
    let Some(app) = App::start("create-lock-unlock").await else {
        return;
    };
    let c = &app.client;

    // First run: no vault yet, so the create screen.
    app.wait_for("screen-create").await;
    app.shot("01-create").await;
    c.find(by_id("create-passphrase"))
        .await
        .unwrap()
        .send_keys(PASS)
        .await
        .unwrap();
    c.find(by_id("create-passphrase-again"))
        .await
        .unwrap()
        .send_keys(PASS)
        .await
        .unwrap();
    c.find(by_id("create-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();

    // The recovery secret, shown once; Continue waits for the confirmation.
    app.wait_for("screen-recovery").await;
    let secret = c
        .find(by_id("recovery-secret"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let compact: String = secret.chars().filter(|ch| !ch.is_whitespace()).collect();
    assert!(
        compact.starts_with("AGE-SECRET-KEY-1"),
        "recovery secret shown"
    );
    let cont = c.find(by_id("recovery-continue")).await.unwrap();
    assert!(
        !cont.is_enabled().await.unwrap(),
        "Continue waits for the tick"
    );
    app.shot("02-recovery-secret").await;
    c.find(by_id("recovery-stored"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(cont.is_enabled().await.unwrap());
    cont.click().await.unwrap();

    // The directory, seeded with the Arrangement's seven partners.
    app.wait_for("screen-agencies").await;
    assert!(
        app.vault_path.is_file(),
        "the vault file is where --vault said"
    );
    app.wait_rows(7).await;
    app.shot("03-agencies").await;

    c.find(by_id("agency-add-name"))
        .await
        .unwrap()
        .send_keys(NEW_AGENCY)
        .await
        .unwrap();
    c.find(by_id("agency-add-role"))
        .await
        .unwrap()
        .send_keys("Safeguarding Lead")
        .await
        .unwrap();
    c.find(by_id("agency-add-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let row = format!("[data-testid='agency-row'][data-agency-name='{NEW_AGENCY}']");
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(&row))
        .await
        .expect("the new agency appears in the table");
    app.shot("04-agency-added").await;

    // Nothing readable at rest: not in the vault file, not in anything the
    // webview or the app wrote under the app's data, cache or config folders.
    let leaks = app.files_containing(NEW_AGENCY);
    assert!(leaks.is_empty(), "plaintext found in {leaks:?}");

    // Lock; a wrong passphrase is refused with a clear message.
    c.find(by_id("lock-button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.wait_for("screen-unlock").await;
    app.shot("05-locked").await;
    c.find(by_id("unlock-passphrase"))
        .await
        .unwrap()
        .send_keys("not the passphrase")
        .await
        .unwrap();
    c.find(by_id("unlock-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let error = app.wait_for("unlock-error").await;
    let message = error.text().await.unwrap();
    assert!(
        message.contains("Wrong passphrase"),
        "message shown: {message}"
    );
    app.shot("06-wrong-passphrase").await;

    // The right passphrase: the agency is still there.
    let field = c.find(by_id("unlock-passphrase")).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(PASS).await.unwrap();
    c.find(by_id("unlock-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.wait_for("screen-agencies").await;
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(&row))
        .await
        .expect("the agency survived lock and unlock");
    app.shot("07-unlocked-1280x800").await;
    app.resize(1024, 700).await;
    app.shot("08-unlocked-1024x700").await;

    // Lock again and look once more: nothing was left behind while unlocked.
    c.find(by_id("lock-button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.wait_for("screen-unlock").await;
    let leaks = app.files_containing(NEW_AGENCY);
    assert!(
        leaks.is_empty(),
        "plaintext found after locking in {leaks:?}"
    );
    // A positive control: the scan does read the files (the outer file's
    // SQLite header is plain by design).
    assert!(
        !app.files_containing("SQLite format 3").is_empty(),
        "the scan reads the vault folder"
    );

    app.stop().await;
}
