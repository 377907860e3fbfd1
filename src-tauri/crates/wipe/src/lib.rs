//! Memory that held records is zeroed before it is freed, so that nothing
//! of them survives a lock in this process (issue 13).
//!
//! Three parts, each structural rather than a list of buffers to remember:
//!
//! - [`Wiping`], the process's global allocator (declared here, so every
//!   binary that links the vault has it): every Rust heap block is zeroed
//!   before the system allocator gets it back, a reallocation included
//!   (always a new block, the old one zeroed). Strings, serde values, IPC
//!   buffers, search results, decrypted parts and the journal all live
//!   there.
//! - [`route_sqlite`]: SQLite's own allocations (the in-memory working
//!   copy, its page cache, statements, the FTS index) go through the same
//!   allocator, by `SQLITE_CONFIG_MALLOC`. It must run before SQLite is
//!   first used; the vault calls it before opening anything.
//! - [`forbid_dumps`]: the process cannot be dumped to a core file or
//!   attached to by a debugger of the same user.
//! - [`overwrite_c_heap`] (the app): the C library's `free` overwrites
//!   what it frees too, for the C libraries that free their own memory
//!   (GTK, WebKitGTK), by glibc's tunables, and WebKit allocates there.
//!
//! What a lock cannot reach is listed in `docs/ARCHITECTURE.md` (the
//! stack of a thread still running; other C libraries' allocators).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

use zeroizing_alloc::ZeroAlloc;

mod c_heap;
mod dumps;
mod sqlite;

pub use c_heap::{CHeap, overwrite_c_heap};
pub use dumps::{DumpGuard, forbid_dumps};
pub use sqlite::{SqliteRouting, route_sqlite, sqlite_routed};

/// The system allocator, zeroing every block it frees.
static ZEROING: ZeroAlloc<System> = ZeroAlloc(System);

/// Set only by the memory tests' control ([`control::stop_wiping`]).
static STOPPED: AtomicBool = AtomicBool::new(false);

/// The global allocator: the system's, with every freed block zeroed first.
#[derive(Debug, Clone, Copy)]
pub struct Wiping;

#[global_allocator]
static GLOBAL: Wiping = Wiping;

// SAFETY: every method hands the request to the system allocator (through
// 1Password's `ZeroAlloc` wrapper, which zeroes the `layout.size()` bytes
// of a block before freeing it) with the caller's own pointer and layout,
// so the contract of `GlobalAlloc` is the system allocator's.
unsafe impl GlobalAlloc for Wiping {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on unchanged.
        unsafe { ZEROING.alloc(layout) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as above.
        unsafe { ZEROING.alloc_zeroed(layout) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if STOPPED.load(Ordering::Relaxed) {
            // SAFETY: as above; only the zeroing is skipped.
            unsafe { System.dealloc(ptr, layout) }
        } else {
            // SAFETY: as above.
            unsafe { ZEROING.dealloc(ptr, layout) }
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if STOPPED.load(Ordering::Relaxed) || mapped_alone(layout.size()) {
            // SAFETY: as above.
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        // Never the system's realloc, which may move the block and free the
        // old one unzeroed: a new block, the contents copied, the old one
        // freed through `dealloc` (so zeroed).
        // SAFETY: `new_size` with the old alignment is a valid layout by
        // the caller's contract for `realloc`.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: a non-zero size by the caller's contract.
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            // SAFETY: both blocks are live, distinct, and at least this long.
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        new
    }
}

/// Blocks of 32 MiB and more: glibc always gives these a mapping of their
/// own (its largest mmap threshold on 64-bit systems is 32 MiB), and
/// reallocates them with `mremap`, which moves the pages themselves and
/// leaves no copy behind in the process (or, failing that, copies and
/// unmaps the old mapping, which then belongs to no process). So the
/// system's `realloc` is safe for them, and spares copying and zeroing the
/// whole block: the working copy of a 10-year vault is one block of
/// 170 MB, which SQLite doubles the first time a save makes it grow.
/// (Only if glibc may map at all: the tunable `glibc.malloc.mmap_max=0`
/// would put such blocks on the heap; whoever sets the app's environment
/// can load code into it anyway.)
fn mapped_alone(size: usize) -> bool {
    cfg!(all(
        target_os = "linux",
        target_env = "gnu",
        target_pointer_width = "64"
    )) && size >= 32 << 20
}

/// Whether this process zeroes what it frees (always, except in the memory
/// tests' control).
pub fn wiping() -> bool {
    !STOPPED.load(Ordering::Relaxed)
}

/// For the memory tests' control only (the cargo feature `control`, which
/// neither the app nor the command-line tool enables).
#[cfg(feature = "control")]
pub mod control {
    /// Stops zeroing freed memory and keeps SQLite on its own allocator
    /// from now on: the process behaves as it did before issue 13, for a
    /// test to show its check finds the records without the wiping. Call
    /// it first thing, before anything touches SQLite.
    pub fn stop_wiping() {
        super::STOPPED.store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = super::sqlite::ROUTED.set(super::SqliteRouting::Stopped);
    }
}
