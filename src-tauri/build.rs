//! Declares the app's commands to Tauri so that capabilities must allow
//! each one by name (`allow-<command>`); the list is `tasking_api::METHODS`.

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(tasking_api::METHODS));
    tauri_build::try_build(attributes).expect("tauri build script");
}
