//! `minutes_export`, `agenda_export`, `copies_issue` and `copy_identify`
//! in the app: the commands the shell does not simply pass to
//! `tasking-api`, because they ask the chair where to save (a file, or a
//! folder for issued copies) or which file to check.
//!
//! 1. `Api::minutes_export_prepare` renders the PDF and makes its file name
//!    (refusals such as `unprintable` come now, before any dialog).
//! 2. The native save dialog opens from Rust, the app's file name
//!    suggested, with no lock on the API held meanwhile (the idle timer
//!    still runs, and may lock the vault). The webview cannot open it: it
//!    is granted none of the dialog plugin's permissions.
//! 3. `Api::export_save` writes the file from Rust (mode 0600, under
//!    a hidden name, then renamed into place) and records the export; a
//!    cancelled dialog writes and records nothing.
//!
//! With the cargo feature `e2e-hooks` (the end-to-end tests' build only,
//! never the release profile: `build.rs` refuses it), step 2 may be
//! answered by a file instead of a person: see [`e2e_hook`].

use std::path::PathBuf;

use tasking_api::{
    ApiError, CopiesIssued, CopyIdentified, CopyIdentifyParams, IdParams, MinutesExportParams,
    MinutesExported, SaveTo,
};
use tauri::Manager;
use tauri_plugin_dialog::DialogExt;

use crate::Shell;

/// The `minutes_export` command.
pub(crate) async fn minutes_export(
    app: &tauri::AppHandle,
    shell: &Shell,
    params: MinutesExportParams,
) -> Result<MinutesExported, ApiError> {
    let prepared = shell.run(app, |api| api.minutes_export_prepare(params))?;
    save(app, shell, prepared, "Save the minutes as PDF").await
}

/// The `agenda_export` command: as `minutes_export`, for the agenda.
pub(crate) async fn agenda_export(
    app: &tauri::AppHandle,
    shell: &Shell,
    params: IdParams,
) -> Result<MinutesExported, ApiError> {
    let prepared = shell.run(app, |api| api.agenda_export_prepare(params))?;
    save(app, shell, prepared, "Save the agenda as PDF").await
}

/// The `request_export` command: as `agenda_export`, for an information
/// request's form.
pub(crate) async fn request_export(
    app: &tauri::AppHandle,
    shell: &Shell,
    params: IdParams,
) -> Result<MinutesExported, ApiError> {
    let prepared = shell.run(app, |api| api.request_export_prepare(params))?;
    save(app, shell, prepared, "Save the request form as PDF").await
}

/// The `copies_issue` command: every copy prepared (refusals first), then
/// the native folder dialog, then all files written and recorded.
pub(crate) async fn copies_issue(
    app: &tauri::AppHandle,
    shell: &Shell,
    params: casebook::CopiesRequest,
) -> Result<CopiesIssued, ApiError> {
    let prepared = shell.run(app, |api| api.copies_issue_prepare(params))?;
    let Some(folder) = choose_folder(app).await? else {
        return Ok(CopiesIssued {
            written: false,
            copies: Vec::new(),
        });
    };
    shell.run(app, |api| api.copies_issue_save(prepared, &folder))
}

/// The `copy_identify` command: the native open dialog, then the check.
/// The window may not name a file.
pub(crate) async fn copy_identify(
    app: &tauri::AppHandle,
    shell: &Shell,
    params: CopyIdentifyParams,
) -> Result<CopyIdentified, ApiError> {
    if params.file_name.is_some() {
        return Err(ApiError::new(
            "invalid_params",
            "The app asks which file to check with its own dialog; a file name is not taken.",
        ));
    }
    // The mode's refusals before any dialog.
    shell.run(app, |api| api.gate("copy_identify"))?;
    let Some(path) = choose_file(app).await? else {
        return Ok(CopyIdentified {
            chosen: false,
            file_name: None,
            identification: None,
        });
    };
    shell.run(app, |api| api.copy_identify_file(&path))
}

/// The folder for issued copies: the native folder dialog. `None` when the
/// chair cancels.
async fn choose_folder(app: &tauri::AppHandle) -> Result<Option<PathBuf>, ApiError> {
    #[cfg(feature = "e2e-hooks")]
    if let Some(answer) = e2e_hook::answer_path() {
        return answer;
    }
    let dialog = app
        .dialog()
        .file()
        .set_title("Choose the folder for the issued copies");
    ask(app, dialog, |d, answer| d.pick_folder(answer)).await
}

/// The file to check: the native open dialog, copies' files shown. `None`
/// when the chair cancels.
async fn choose_file(app: &tauri::AppHandle) -> Result<Option<PathBuf>, ApiError> {
    #[cfg(feature = "e2e-hooks")]
    if let Some(answer) = e2e_hook::answer_path() {
        return answer;
    }
    let dialog = app
        .dialog()
        .file()
        .set_title("Choose the file to check")
        .add_filter("Copies of minutes", &["pdf", "age"]);
    ask(app, dialog, |d, answer| d.pick_file(answer)).await
}

/// What a native dialog calls back with.
type Answer = Box<dyn FnOnce(Option<tauri_plugin_dialog::FilePath>) + Send>;

/// Opens `dialog` over the main window with `open` (save, pick a folder,
/// pick a file) and waits, holding nothing, for the chair's answer.
async fn ask(
    app: &tauri::AppHandle,
    mut dialog: tauri_plugin_dialog::FileDialogBuilder<tauri::Wry>,
    open: fn(tauri_plugin_dialog::FileDialogBuilder<tauri::Wry>, Answer),
) -> Result<Option<PathBuf>, ApiError> {
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    open(
        dialog,
        Box::new(move |chosen| {
            let _ = tx.send(chosen);
        }),
    );
    match rx.await.map_err(|_| dialog_failed())? {
        None => Ok(None),
        Some(path) => path.into_path().map(Some).map_err(|_| dialog_failed()),
    }
}

/// Steps 2 and 3 for a prepared file: the dialog, then the save.
async fn save(
    app: &tauri::AppHandle,
    shell: &Shell,
    prepared: tasking_api::PreparedExport,
    title: &str,
) -> Result<MinutesExported, ApiError> {
    let Some(to) = choose(app, prepared.file_name(), title).await? else {
        return Ok(MinutesExported {
            written: false,
            file_name: None,
            sha256: None,
        });
    };
    shell.run(app, |api| api.export_save(prepared, &to))
}

/// Where the chair wants the file: the native save dialog, the app's name
/// suggested, PDF files shown. `None` when the chair cancels. The dialog
/// asks before replacing an existing file, so its answer is
/// [`SaveTo::Chosen`].
async fn choose(
    app: &tauri::AppHandle,
    suggested: &str,
    title: &str,
) -> Result<Option<SaveTo>, ApiError> {
    #[cfg(feature = "e2e-hooks")]
    if let Some(answer) = e2e_hook::answer(suggested) {
        return answer;
    }
    let dialog = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(suggested)
        .add_filter("PDF", &["pdf"]);
    Ok(ask(app, dialog, |d, answer| d.save_file(answer))
        .await?
        .map(SaveTo::Chosen))
}

fn dialog_failed() -> ApiError {
    ApiError::new(
        "not_written",
        "The save dialog did not give a place to save, so nothing was written. Export again.",
    )
}

/// The end-to-end tests' answer to the save dialog, compiled only with the
/// cargo feature `e2e-hooks`. When the app is started with
/// `TASKING_VAULT_E2E_SAVE_ANSWER=FILE`, each export reads and deletes
/// `FILE` instead of opening the dialog: `cancel` answers as a cancelled
/// dialog; any other text names a folder, and the file is saved there
/// under the app's suggested name as a new file (never replacing one: no
/// person confirmed that). No `FILE` answers `e2e_no_answer`. Without the
/// variable, the real dialog opens.
#[cfg(feature = "e2e-hooks")]
mod e2e_hook {
    use tasking_api::{ApiError, SaveTo};

    /// The environment variable naming the answer file.
    pub(super) const VAR: &str = "TASKING_VAULT_E2E_SAVE_ANSWER";

    /// The answer to a save dialog, or `None` when the hook is not in use:
    /// a folder means the app's name in it, as a new file.
    pub(super) fn answer(suggested: &str) -> Option<Result<Option<SaveTo>, ApiError>> {
        answer_path().map(|r| r.map(|p| p.map(|f| SaveTo::NewFile(f.join(suggested)))))
    }

    /// The answer to any dialog, read from `FILE` and `FILE` deleted:
    /// `cancel`, or a path (the folder to save in or issue copies into, or
    /// the file to check).
    pub(super) fn answer_path() -> Option<Result<Option<std::path::PathBuf>, ApiError>> {
        let file = std::env::var_os(VAR)?;
        let Ok(text) = std::fs::read_to_string(&file) else {
            return Some(Err(ApiError::new(
                "e2e_no_answer",
                "The end-to-end test wrote no answer for the dialog.",
            )));
        };
        let _ = std::fs::remove_file(&file);
        Some(Ok(match text.trim() {
            "cancel" => None,
            path => Some(std::path::PathBuf::from(path)),
        }))
    }
}
