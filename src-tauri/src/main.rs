//! The Tasking Vault desktop app: a thin Tauri shell.
//!
//! Each command takes the shared [`Api`], notes activity and calls the
//! operation of the same name; mode rules, validation and errors all live
//! below, in `tasking-api` and `casebook` (the signing kiosk's rule too:
//! every command goes through `tasking_api::commands`, which asks
//! `Api::gate` first). The shell adds what only a window needs: the idle
//! timer that locks the vault and tells the UI, locking when the computer
//! sleeps or its screen locks (`logind.rs`, Linux), the page discarded
//! after every lock, full screen while the kiosk runs, locking on exit,
//! and the native save dialog of
//! `minutes_export`, `agenda_export`, `copies_issue` and `copy_identify`
//! (`export.rs`).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod export;
#[cfg(target_os = "linux")]
mod logind;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use casebook::{Actor, SystemClock};
use tasking_api::{Api, ApiConfig, ApiError, LOCKED_EVENT, LockReason, LockedEvent};
use tauri::{Emitter, Manager, State};

/// The app's state: the API behind a mutex (one operation at a time).
struct Shell {
    api: Mutex<Api>,
}

impl Shell {
    fn api(&self) -> MutexGuard<'_, Api> {
        // A panic mid-operation leaves nothing half-written (the vault's
        // transaction rolled back), so the API is still sound.
        self.api.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs one command; when it starts or ends the signing kiosk, the
    /// window goes full screen or back.
    fn run<R>(
        &self,
        app: &tauri::AppHandle,
        f: impl FnOnce(&mut Api) -> Result<R, ApiError>,
    ) -> Result<R, ApiError> {
        let mut api = self.api();
        api.touch(Instant::now());
        let kiosk_before = api.in_kiosk();
        let unlocked_before = api.is_unlocked();
        let result = f(&mut api);
        let kiosk_after = api.in_kiosk();
        let locked = unlocked_before && !api.is_unlocked();
        drop(api);
        if kiosk_before != kiosk_after {
            full_screen(app, kiosk_after);
        }
        if locked {
            // Lock pressed, or five wrong passphrases in the kiosk.
            full_screen(app, false);
            discard_page(app);
        }
        result
    }
}

/// The signing kiosk fills the screen; the chair's window does not.
fn full_screen(app: &tauri::AppHandle, on: bool) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.set_fullscreen(on);
    }
}

/// One Tauri command. Every one calls the operation of its name, except
/// `minutes_export`, `agenda_export`, `request_export`, `copies_issue` and
/// `copy_identify`, whose save, folder and open dialogs the shell opens
/// (`export.rs`).
macro_rules! tauri_command {
    (minutes_export($params:ty) -> $result:ty) => {
        #[tauri::command]
        async fn minutes_export(
            app: tauri::AppHandle,
            shell: State<'_, Shell>,
            params: $params,
        ) -> Result<$result, ApiError> {
            export::minutes_export(&app, &shell, params).await
        }
    };
    (agenda_export($params:ty) -> $result:ty) => {
        #[tauri::command]
        async fn agenda_export(
            app: tauri::AppHandle,
            shell: State<'_, Shell>,
            params: $params,
        ) -> Result<$result, ApiError> {
            export::agenda_export(&app, &shell, params).await
        }
    };
    (request_export($params:ty) -> $result:ty) => {
        #[tauri::command]
        async fn request_export(
            app: tauri::AppHandle,
            shell: State<'_, Shell>,
            params: $params,
        ) -> Result<$result, ApiError> {
            export::request_export(&app, &shell, params).await
        }
    };
    (copies_issue($params:ty) -> $result:ty) => {
        #[tauri::command]
        async fn copies_issue(
            app: tauri::AppHandle,
            shell: State<'_, Shell>,
            params: $params,
        ) -> Result<$result, ApiError> {
            export::copies_issue(&app, &shell, params).await
        }
    };
    (copy_identify($params:ty) -> $result:ty) => {
        #[tauri::command]
        async fn copy_identify(
            app: tauri::AppHandle,
            shell: State<'_, Shell>,
            params: $params,
        ) -> Result<$result, ApiError> {
            export::copy_identify(&app, &shell, params).await
        }
    };
    ($name:ident($params:ty) -> $result:ty) => {
        #[tauri::command(async)]
        fn $name(
            app: tauri::AppHandle,
            shell: State<'_, Shell>,
            params: $params,
        ) -> Result<$result, ApiError> {
            shell.run(&app, |api| tasking_api::commands::$name(api, params))
        }
    };
}

macro_rules! tauri_commands {
    ($($name:ident($params:ty) -> $result:ty;)*) => {
        $(tauri_command!($name($params) -> $result);)*

        fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

tasking_api::for_each_method!(tauri_commands);

/// Command-line options of the app: `--vault PATH` and `--demo`.
struct Options {
    vault: Option<PathBuf>,
    demo: bool,
}

fn options() -> Options {
    let mut opts = Options {
        vault: std::env::var_os("TASKING_VAULT_FILE").map(PathBuf::from),
        demo: false,
    };
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--vault") => opts.vault = args.next().map(PathBuf::from),
            Some("--demo") => opts.demo = true,
            _ => {}
        }
    }
    opts
}

/// Every second: lock if idle.
fn start_idle_timer(app: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tick.tick().await;
            let now = Instant::now() + idle_skip();
            lock_by_itself(&app, LockReason::Idle, |api| api.lock_if_idle(now));
        }
    });
}

/// Locks when `lock` does (it says whether it did), and then tells the
/// window, leaves full screen and discards the page.
fn lock_by_itself(app: &tauri::AppHandle, reason: LockReason, lock: impl FnOnce(&mut Api) -> bool) {
    if !lock(&mut app.state::<Shell>().api()) {
        return;
    }
    full_screen(app, false);
    let _ = app.emit(LOCKED_EVENT, LockedEvent { reason });
    discard_page(app);
}

/// Locks when the computer goes to sleep or its screen locks. Without
/// logind the idle time still locks; the reason goes to standard error.
#[cfg(target_os = "linux")]
fn watch_sleep(app: tauri::AppHandle) {
    let handle = app.clone();
    let watched = logind::watch(move || {
        lock_by_itself(&handle, LockReason::Sleep, Api::lock_for_sleep);
    });
    match watched {
        Err(e) => eprintln!("tasking-vault: not locking on sleep or screen lock: {e}"),
        Ok(watching) => {
            if watching.session.is_none() {
                eprintln!(
                    "tasking-vault: not locking on screen lock: this app is in no login session"
                );
            }
            app.manage(watching);
        }
    }
}

/// Time the idle timer counts as already passed: none, except in the
/// end-to-end tests' build (the cargo feature `e2e-hooks`), where
/// `TASKING_VAULT_E2E_IDLE_SKIP` (seconds) lets a test see the auto-lock
/// without waiting its minute.
fn idle_skip() -> Duration {
    #[cfg(feature = "e2e-hooks")]
    if let Some(s) = std::env::var("TASKING_VAULT_E2E_IDLE_SKIP")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        return Duration::from_secs(s);
    }
    Duration::ZERO
}

/// After a lock, the page's memory goes too (issue 13): on Linux the web
/// content process is ended, so its heap (the JavaScript engine's
/// included) returns to the system, and the page is loaded afresh in a new
/// one, which starts at the unlock screen and shows why the vault locked
/// (`VaultStatus.lock_notice`). Elsewhere the page is reloaded: the engine
/// frees the old page's heap, but its process lives on
/// (docs/ARCHITECTURE.md).
///
/// Under WebDriver (`TAURI_WEBVIEW_AUTOMATION=true`, set by tauri-driver)
/// the page is only reloaded: WebKitWebDriver ends its session when the web
/// process it drives is ended, so the end-to-end tests could not go on
/// (unless one asks: [`end_web_process`]).
fn discard_page(app: &tauri::AppHandle) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    #[cfg(target_os = "linux")]
    if end_web_process() {
        let _ = window.with_webview(|platform| {
            use webkit2gtk::WebViewExt;
            let view = platform.inner();
            view.terminate_web_process();
            view.reload();
        });
        return;
    }
    let _ = window.reload();
}

/// Whether a lock ends the web content process: yes, except under
/// WebDriver; there the end-to-end build ends it all the same when
/// `TASKING_VAULT_E2E_END_WEB_PROCESS=1`, for a test that reads the
/// processes' memory after the lock and needs WebDriver no more.
#[cfg(target_os = "linux")]
fn end_web_process() -> bool {
    #[cfg(feature = "e2e-hooks")]
    if std::env::var("TASKING_VAULT_E2E_END_WEB_PROCESS").as_deref() == Ok("1") {
        return true;
    }
    !under_automation()
}

/// Whether to leave the C library's heap as it is: never, except in the
/// end-to-end build with `TASKING_VAULT_E2E_KEEP_C_HEAP=1`, to measure
/// the app without it (the memory test's control, timings before).
fn keep_c_heap() -> bool {
    cfg!(feature = "e2e-hooks")
        && std::env::var("TASKING_VAULT_E2E_KEEP_C_HEAP").as_deref() == Ok("1")
}

/// Whether tauri-driver started the app for WebDriver.
fn under_automation() -> bool {
    std::env::var("TAURI_WEBVIEW_AUTOMATION").as_deref() == Ok("true")
}

/// Opens the window described in `tauri.conf.json` (`"create": false`
/// there, so it is made here). It is incognito, so WebKit keeps nothing on
/// disk, except under WebDriver: WebKitGTK cannot automate an ephemeral web
/// context, so when tauri-driver starts the app (it sets
/// `TAURI_WEBVIEW_AUTOMATION=true`) the webview keeps its data in the app's
/// data folder instead, which the end-to-end test then searches for
/// plaintext: the stricter case.
fn open_main_window(app: &tauri::App) -> Result<(), Box<dyn std::error::Error>> {
    let automation = under_automation();
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .ok_or("tauri.conf.json has no main window")?;
    tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
        .incognito(config.incognito && !automation)
        .build()?;
    Ok(())
}

fn main() {
    // Before anything else (issue 13): the C library's heap overwritten on
    // free, for GTK's and WebKit's own buffers (this starts the app again
    // with glibc's tunables set, unless they are); SQLite on the zeroing
    // allocator; and, in release builds, no core dump and no debugger.
    if !keep_c_heap()
        && let wipe::CHeap::RestartFailed(e) = wipe::overwrite_c_heap()
    {
        eprintln!("tasking-vault: freed C memory is not overwritten: {e}");
    }
    let _ = wipe::route_sqlite();
    #[cfg(not(debug_assertions))]
    let _ = wipe::forbid_dumps();
    let opts = options();
    let app = tauri::Builder::default()
        // Only for the save dialog opened from Rust (export.rs). The
        // webview is granted none of the plugin's permissions, so it can
        // open no dialog itself (capabilities/main.json).
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let vault_path = match opts.vault {
                Some(p) => p,
                None => app.path().app_data_dir()?.join("vault.tvault"),
            };
            let api = Api::new(ApiConfig {
                vault_path,
                demo_passphrase: opts
                    .demo
                    .then(|| casebook::demo::DEMO_PASSPHRASE.to_owned()),
                work_factor: vault::DEFAULT_WORK_FACTOR,
                actor: Actor::Chair,
                clock: Arc::new(SystemClock),
                // The chair chooses where in the save dialog (export.rs).
                export_dir: None,
            });
            app.manage(Shell {
                api: Mutex::new(api),
            });
            open_main_window(app)?;
            start_idle_timer(app.handle().clone());
            #[cfg(target_os = "linux")]
            watch_sleep(app.handle().clone());
            Ok(())
        })
        .invoke_handler(handler())
        .build(tauri::generate_context!())
        .expect("the Tasking Vault window could not start");
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event {
            // Compact and drop the working copy before the process ends.
            app.state::<Shell>().api().lock_now();
        }
    });
}
