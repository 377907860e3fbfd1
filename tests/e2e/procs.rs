//! The app's processes, found through `/proc` (Linux): the app itself by
//! its executable, and the WebKit processes it starts.

use std::path::Path;

/// The process running `exe` that started last (the end-to-end tests run
/// one app at a time, but one whose WebDriver session was ended may still
/// be on its way out).
pub fn running(exe: &Path) -> Option<u32> {
    let exe = exe.canonicalize().ok()?;
    pids()
        .filter(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|p| p == exe))
        .max_by_key(|pid| started(*pid))
}

/// When `pid` started, in clock ticks after boot (`stat` field 22).
fn started(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            let (_, tail) = s.rsplit_once(')')?;
            tail.split_whitespace().nth(19)?.parse().ok()
        })
        .unwrap_or(0)
}

/// Asks `pid` to end (SIGTERM) and waits up to ten seconds for it.
pub fn end(pid: u32) {
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while alive(pid) && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// The children of `parent`, with their names (`comm`, at most 15 bytes:
/// "WebKitWebProces", "WebKitNetworkPr").
pub fn children(parent: u32) -> Vec<(u32, String)> {
    pids()
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // pid (comm) state ppid ...; comm may hold spaces and ')'.
            let (head, tail) = stat.rsplit_once(')')?;
            let comm = head.split_once('(')?.1.to_owned();
            let ppid: u32 = tail.split_whitespace().nth(1)?.parse().ok()?;
            (ppid == parent).then_some((pid, comm))
        })
        .collect()
}

/// The web content process among `parent`'s children.
pub fn web_process(parent: u32) -> Option<u32> {
    children(parent)
        .into_iter()
        .find(|(_, comm)| comm.starts_with("WebKitWebProces"))
        .map(|(pid, _)| pid)
}

/// Whether `pid` is still a process (and not a zombie).
pub fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, t)| t.trim_start().starts_with('Z'))
        })
        == Some(false)
}

fn pids() -> impl Iterator<Item = u32> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse().ok())
}
