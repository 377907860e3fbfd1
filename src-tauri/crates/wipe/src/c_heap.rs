//! The C library's own heap, for the memory that C libraries other than
//! SQLite free themselves: in the app, GTK's and WebKitGTK's buffers in
//! its own process, through which the web view's IPC passes. On Linux with
//! glibc, two of its documented tunables make `free` overwrite what it
//! frees: `glibc.malloc.perturb` (every freed block filled with a byte,
//! new ones with its complement) and `glibc.malloc.tcache_count=0` (no
//! per-thread cache, which would otherwise keep small blocks as they were
//! without the overwrite). WebKit's own allocator (bmalloc and libpas,
//! which keep freed memory as it was) is sent to the C library's by
//! `Malloc=1`, its documented switch. Both are read only as a process
//! starts, so the app starts itself again with them set. The processes
//! WebKit starts inherit `Malloc=1` but not the tunables
//! ([`keep_tunables_from_children`]).

/// The tunables: freed blocks filled with 0xff, new blocks with 0x00.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TUNABLES: &str = "glibc.malloc.perturb=255:glibc.malloc.tcache_count=0";

/// WebKit's switch to the C library's allocator: name and value.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const WEBKIT_SYSTEM_MALLOC: (&str, &str) = ("Malloc", "1");

/// Where things stand after [`overwrite_c_heap`].
#[derive(Debug)]
pub enum CHeap {
    /// The process started with the tunables set.
    Overwritten,
    /// Not glibc on Linux: nothing to set (docs/ARCHITECTURE.md).
    Unsupported,
    /// Starting again failed; the process goes on without the tunables.
    RestartFailed(std::io::Error),
}

/// Unless this process started with [`TUNABLES`] in `GLIBC_TUNABLES` and
/// with [`WEBKIT_SYSTEM_MALLOC`], replaces it (`execv`: the same process
/// id, arguments and other environment) with the same program started
/// with them, the tunables added to any already there. Call it first thing
/// in `main`, before any thread, window or file exists.
pub fn overwrite_c_heap() -> CHeap {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        use std::ffi::OsString;
        use std::os::unix::process::CommandExt;
        let current = std::env::var_os("GLIBC_TUNABLES").unwrap_or_default();
        let (name, value) = WEBKIT_SYSTEM_MALLOC;
        let text = current.to_string_lossy();
        if text.contains(TUNABLES) && std::env::var(name).as_deref() == Ok(value) {
            keep_tunables_from_children(&text);
            return CHeap::Overwritten;
        }
        let mut tunables = current;
        if !tunables.is_empty() {
            tunables.push(":");
        }
        tunables.push(TUNABLES);
        let program = std::env::current_exe().map_or_else(
            |_| {
                std::env::args_os()
                    .next()
                    .unwrap_or_else(|| OsString::from("/proc/self/exe"))
            },
            OsString::from,
        );
        let error = std::process::Command::new(program)
            .arg0(std::env::args_os().next().unwrap_or_default())
            .args(std::env::args_os().skip(1))
            .env("GLIBC_TUNABLES", tunables)
            .env(name, value)
            .exec();
        CHeap::RestartFailed(error)
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    {
        CHeap::Unsupported
    }
}

/// Takes [`TUNABLES`] out of this process's environment again (glibc has
/// read them; they stay in force here), so that the processes it starts do
/// not inherit them: WebKit's web content process ends on every lock and
/// needs no overwrite, and under them Mesa's software renderer in its
/// compositor thread reads memory already freed (segfaults at address 0xff
/// in `swrast_dri.so`, seen under Xvfb), which the fill turns into a crash.
/// `Malloc=1` stays: WebKit reads it as it starts, in this process too.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_tunables_from_children(current: &str) {
    // Changing the environment is sound only while no other thread can
    // read it: with this thread alone, none can start meanwhile.
    let threads = std::fs::read_dir("/proc/self/task").map(|d| d.count());
    if threads.ok() != Some(1) {
        return;
    }
    let rest: Vec<&str> = current
        .split(':')
        .filter(|t| !t.is_empty() && !TUNABLES.split(':').any(|ours| ours == *t))
        .collect();
    // SAFETY: this process has one thread, this one (checked above), so
    // nothing reads the environment while it changes.
    unsafe {
        if rest.is_empty() {
            std::env::remove_var("GLIBC_TUNABLES");
        } else {
            std::env::set_var("GLIBC_TUNABLES", rest.join(":"));
        }
    }
}
