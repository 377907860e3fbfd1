//! No core dumps and no debugger attaching, as KeePassXC does on Linux: a
//! core file would hold whatever the process held, records included.

/// What [`forbid_dumps`] achieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DumpGuard {
    /// No core file will be written, and (on Linux) a debugger of the same
    /// user cannot attach or read the process's memory.
    Forbidden,
    /// The system refused one of the settings.
    Failed,
    /// This system has no such settings (Windows: see docs/ARCHITECTURE.md).
    Unsupported,
}

/// Makes this process impossible to dump or (on Linux and macOS) to attach
/// to: on Linux not dumpable (`PR_SET_DUMPABLE` 0, which also makes
/// `/proc/PID/mem` and ptrace refuse other processes of the same user), on
/// macOS `PT_DENY_ATTACH`, and on both a core file size limit of 0. It
/// cannot be undone by the process itself. The app and the command-line
/// tool call it in release builds.
pub fn forbid_dumps() -> DumpGuard {
    #[cfg(unix)]
    {
        let no_core = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: a pointer to a live rlimit, read by the call only.
        let core = unsafe { libc::setrlimit(libc::RLIMIT_CORE, &raw const no_core) };
        #[cfg(target_os = "linux")]
        // SAFETY: PR_SET_DUMPABLE takes integers only and touches no memory.
        let attach = unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) };
        #[cfg(target_os = "macos")]
        // SAFETY: PT_DENY_ATTACH takes no address or data.
        let attach = unsafe { libc::ptrace(libc::PT_DENY_ATTACH, 0, std::ptr::null_mut(), 0) };
        #[cfg(not(any(target_os = "linux", target_os = "macos")))]
        let attach = 0;
        if core == 0 && attach == 0 {
            DumpGuard::Forbidden
        } else {
            DumpGuard::Failed
        }
    }
    #[cfg(not(unix))]
    {
        DumpGuard::Unsupported
    }
}
