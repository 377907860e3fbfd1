//! Declares the app's commands to Tauri so that capabilities must allow
//! each one by name (`allow-<command>`); the list is `tasking_api::METHODS`.
//! Refuses the end-to-end tests' hook (`e2e-hooks`) in the release profile.

use std::path::PathBuf;

fn main() {
    refuse_hooks_in_release();
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(tasking_api::METHODS));
    tauri_build::try_build(attributes).expect("tauri build script");
}

/// The feature `e2e-hooks` lets a file answer the save dialog. It belongs
/// in the end-to-end tests' build (`--profile e2e`, in `target/e2e/`) and
/// never in a build that could be shipped: `OUT_DIR` is
/// `<target>/<profile>/build/<package>-<hash>/out`, and a `release` there
/// stops the build.
fn refuse_hooks_in_release() {
    if std::env::var_os("CARGO_FEATURE_E2E_HOOKS").is_none() {
        return;
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let profile = out.ancestors().nth(3).and_then(|p| p.file_name());
    if profile.is_some_and(|p| p == "release") {
        panic!(
            "the feature e2e-hooks is for the end-to-end tests' build only and is never built \
             in the release profile: build it with `--profile e2e` (scripts/test does)"
        );
    }
}
