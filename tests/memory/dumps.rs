//! A release build cannot be dumped or read by another process of the same
//! user (`wipe::forbid_dumps`): the release command-line tool (the `e2e`
//! profile's, as `scripts/test` builds it) and, as the control, the debug
//! one, each run as the unprivileged user `nobody` with core files allowed
//! (`prlimit --core=unlimited`) in a folder it may write. For each: whether
//! `/proc/PID/mem` belongs to the process's own user (the kernel gives the
//! files of a process that is not dumpable to root), whether another
//! `nobody` process can read its environment (ptrace's read check), its
//! core file limit, and whether SIGABRT (whose default is to dump core)
//! leaves a core file.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NOBODY: &str = "65534";

/// What could be done to one process.
#[derive(Debug, PartialEq, Eq)]
pub struct Exposure {
    /// `/proc/PID/mem` belongs to the process's own user.
    pub proc_owned_by_user: bool,
    /// Another process of the same user read `/proc/PID/environ`.
    pub readable_by_same_user: bool,
    /// The core file size limit, as `/proc/PID/limits` shows it.
    pub core_limit: String,
    /// A crash left a core file.
    pub core_written: bool,
}

/// `program` run as the user `nobody`, with no other groups.
fn as_nobody(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut c = Command::new("setpriv");
    c.args(["--reuid", NOBODY, "--regid", NOBODY, "--clear-groups"])
        .arg(program);
    c
}

/// Runs `cli api VAULT --locked` as `nobody` and tries each way in.
pub fn exposure(cli: &Path) -> Exposure {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let mut child = as_nobody("prlimit")
        .arg("--core=unlimited")
        .arg(cli)
        .arg("api")
        .arg(dir.path().join("v.tvault"))
        .arg("--locked")
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("setpriv (util-linux) runs");
    let pid = child.id();
    // setpriv and prlimit exec in turn: wait until the tool itself runs.
    let deadline = Instant::now() + Duration::from_secs(10);
    let target = std::fs::canonicalize(cli).unwrap();
    while std::fs::read_link(format!("/proc/{pid}/exe"))
        .ok()
        .as_deref()
        != Some(&target)
    {
        assert!(Instant::now() < deadline, "{} did not start", cli.display());
        std::thread::sleep(Duration::from_millis(20));
    }
    // And has set itself up (forbid_dumps is the first thing in main).
    std::thread::sleep(Duration::from_millis(300));
    let proc_owned_by_user = std::fs::metadata(format!("/proc/{pid}/mem"))
        .map(|m| m.uid() == 65534)
        .unwrap_or(false);
    let readable_by_same_user = as_nobody("cat")
        .arg(format!("/proc/{pid}/environ"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    let core_limit = std::fs::read_to_string(format!("/proc/{pid}/limits"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .map(|l| {
            l.split_whitespace()
                .skip(4)
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    let _ = Command::new("kill")
        .args(["-ABRT", &pid.to_string()])
        .status();
    let _ = child.wait();
    let core_written = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().starts_with("core"));
    Exposure {
        proc_owned_by_user,
        readable_by_same_user,
        core_limit,
        core_written,
    }
}
