//! The shell's configuration agrees with the API it serves: the main
//! window's capability allows exactly the API's methods (plus listening for
//! the lock event), and the security settings stay strict. The dialog
//! plugin is the shell's one plugin, for the save dialog it opens from
//! Rust (`minutes_export`); none of its permissions is granted, so the
//! webview cannot open a dialog.

use std::collections::BTreeSet;

fn repo_file(path: &str) -> serde_json::Value {
    let full = format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{full}: {e}"))
}

#[test]
fn main_capability_allows_exactly_the_api_methods() {
    let cap = repo_file("src-tauri/capabilities/main.json");
    let granted: BTreeSet<String> = cap["permissions"]
        .as_array()
        .expect("permissions array")
        .iter()
        .map(|p| p.as_str().expect("permission string").to_owned())
        .collect();
    let mut wanted: BTreeSet<String> = tasking_api::METHODS
        .iter()
        .map(|m| format!("allow-{}", m.replace('_', "-")))
        .collect();
    wanted.insert("core:event:allow-listen".into());
    wanted.insert("core:event:allow-unlisten".into());
    assert!(
        granted.contains("allow-minutes-export"),
        "the save dialog is reached through the app's own command"
    );
    for p in &granted {
        assert!(
            !p.starts_with("dialog:"),
            "{p}: the webview must not open dialogs itself; the shell opens the save dialog \
             from Rust"
        );
    }
    assert_eq!(
        granted, wanted,
        "src-tauri/capabilities/main.json must list exactly the API's methods"
    );
}

#[test]
fn security_settings_stay_strict() {
    let conf = repo_file("src-tauri/tauri.conf.json");
    let security = &conf["app"]["security"];
    assert_eq!(security["csp"]["default-src"], "'self'");
    assert_eq!(security["csp"]["script-src"], "'self'");
    assert_eq!(security["csp"]["object-src"], "'none'");
    assert_eq!(security["assetProtocol"]["enable"], false);
    assert_eq!(security["freezePrototype"], true);
    for window in conf["app"]["windows"].as_array().expect("windows") {
        assert_eq!(window["incognito"], true, "every webview is incognito");
    }
    assert_eq!(conf["app"]["withGlobalTauri"], false);
    let manifest = std::fs::read_to_string(format!(
        "{}/../src-tauri/Cargo.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("shell manifest");
    for plugin in ["tauri-plugin-shell", "tauri-plugin-fs"] {
        assert!(
            !manifest.contains(plugin),
            "{plugin} must not be a dependency"
        );
    }
    // The shell takes tauri from the workspace: its features are set there.
    let workspace =
        std::fs::read_to_string(format!("{}/../Cargo.toml", env!("CARGO_MANIFEST_DIR")))
            .expect("workspace manifest");
    let tauri_lines: Vec<&str> = manifest
        .lines()
        .chain(workspace.lines())
        .filter(|l| l.trim_start().starts_with("tauri ") || l.trim_start().starts_with("tauri="))
        .collect();
    assert!(!tauri_lines.is_empty(), "tauri dependency found");
    for line in tauri_lines {
        assert!(
            !line.contains("devtools"),
            "devtools must not be compiled into release builds: {line}"
        );
    }
}
