//! SQLite's allocations through the global allocator (`SQLITE_CONFIG_MALLOC`),
//! so that its page cache, the in-memory working copy, statements and the
//! search index are zeroed when freed, as every Rust block is.

use std::alloc::Layout;
use std::ffi::{c_int, c_void};
use std::ptr::null_mut;
use std::sync::OnceLock;

use rusqlite::ffi;

/// What [`route_sqlite`] achieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteRouting {
    /// SQLite allocates through the global (zeroing) allocator.
    Routed,
    /// SQLite was already in use, so it keeps its own allocator.
    TooLate,
    /// The memory tests' control stopped the wiping.
    Stopped,
}

pub(crate) static ROUTED: OnceLock<SqliteRouting> = OnceLock::new();

/// Each block starts with its size, 16 bytes so that what SQLite gets is
/// aligned at least as it needs (8).
const HEADER: usize = 16;

/// Routes SQLite's allocations through the global allocator. Must come
/// before SQLite is first used (the vault calls it before opening
/// anything); later it changes nothing and says [`SqliteRouting::TooLate`].
/// Only the first call acts.
pub fn route_sqlite() -> SqliteRouting {
    *ROUTED.get_or_init(|| {
        let methods = ffi::sqlite3_mem_methods {
            xMalloc: Some(x_malloc),
            xFree: Some(x_free),
            xRealloc: Some(x_realloc),
            xSize: Some(x_size),
            xRoundup: Some(x_roundup),
            xInit: Some(x_init),
            xShutdown: Some(x_shutdown),
            pAppData: null_mut(),
        };
        // SAFETY: `SQLITE_CONFIG_MALLOC` takes one pointer to a
        // `sqlite3_mem_methods`, which SQLite copies before returning; the
        // functions it names are sound for any arguments SQLite passes
        // (below). `ROUTED` makes this the only call from this crate.
        let rc = unsafe { ffi::sqlite3_config(ffi::SQLITE_CONFIG_MALLOC, &raw const methods) };
        if rc == ffi::SQLITE_OK {
            SqliteRouting::Routed
        } else {
            SqliteRouting::TooLate
        }
    })
}

/// Whether SQLite allocates through the zeroing allocator.
pub fn sqlite_routed() -> bool {
    ROUTED.get() == Some(&SqliteRouting::Routed)
}

fn layout_for(n: usize) -> Option<Layout> {
    Layout::from_size_align(n.checked_add(HEADER)?, HEADER).ok()
}

/// The block behind a pointer [`x_malloc`] returned, and the size asked for.
///
/// # Safety
/// `p` must be a live pointer returned by [`x_malloc`] or [`x_realloc`].
unsafe fn block(p: *mut c_void) -> (*mut u8, usize) {
    // SAFETY: such a pointer is HEADER bytes into its block, whose first
    // bytes hold the size written when it was made.
    unsafe {
        let base = p.cast::<u8>().sub(HEADER);
        (base, base.cast::<usize>().read())
    }
}

/// Writes the size into a new block's header and returns what SQLite uses.
///
/// # Safety
/// `base` must be a live block of at least `HEADER` bytes, `HEADER`-aligned.
unsafe fn hand_out(base: *mut u8, n: usize) -> *mut c_void {
    // SAFETY: by the caller's contract.
    unsafe {
        base.cast::<usize>().write(n);
        base.add(HEADER).cast()
    }
}

unsafe extern "C" fn x_malloc(n: c_int) -> *mut c_void {
    let Some(layout) = usize::try_from(n).ok().and_then(layout_for) else {
        return null_mut();
    };
    // SAFETY: the layout is at least HEADER bytes, never zero.
    let base = unsafe { std::alloc::alloc(layout) };
    if base.is_null() {
        return null_mut();
    }
    // SAFETY: a fresh block of that layout.
    unsafe { hand_out(base, layout.size() - HEADER) }
}

unsafe extern "C" fn x_free(p: *mut c_void) {
    if p.is_null() {
        return;
    }
    // SAFETY: SQLite frees only what its xMalloc or xRealloc returned.
    let (base, n) = unsafe { block(p) };
    if let Some(layout) = layout_for(n) {
        // SAFETY: the block was allocated with exactly this layout.
        unsafe { std::alloc::dealloc(base, layout) }
    }
}

unsafe extern "C" fn x_realloc(p: *mut c_void, n: c_int) -> *mut c_void {
    if p.is_null() {
        // SAFETY: as `x_malloc`.
        return unsafe { x_malloc(n) };
    }
    let Some(new_layout) = usize::try_from(n).ok().and_then(layout_for) else {
        return null_mut();
    };
    // SAFETY: SQLite reallocates only what its xMalloc or xRealloc returned.
    let (base, old) = unsafe { block(p) };
    let Some(old_layout) = layout_for(old) else {
        return null_mut();
    };
    // The global allocator's realloc: with `Wiping`, a new block, the old
    // one zeroed and freed.
    // SAFETY: the block has this layout; the new size is non-zero and fits
    // a Layout (checked above).
    let new = unsafe { std::alloc::realloc(base, old_layout, new_layout.size()) };
    if new.is_null() {
        return null_mut();
    }
    // SAFETY: a live block of the new layout.
    unsafe { hand_out(new, new_layout.size() - HEADER) }
}

unsafe extern "C" fn x_size(p: *mut c_void) -> c_int {
    if p.is_null() {
        return 0;
    }
    // SAFETY: SQLite asks only about what its xMalloc or xRealloc returned.
    let (_, n) = unsafe { block(p) };
    c_int::try_from(n).unwrap_or(c_int::MAX)
}

unsafe extern "C" fn x_roundup(n: c_int) -> c_int {
    n.checked_add(7).map_or(n, |m| m & !7)
}

unsafe extern "C" fn x_init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_shutdown(_: *mut c_void) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_allocates_through_the_global_allocator() {
        assert_eq!(route_sqlite(), SqliteRouting::Routed);
        assert!(sqlite_routed());
        // A second call changes nothing.
        assert_eq!(route_sqlite(), SqliteRouting::Routed);
        let db = rusqlite::Connection::open_in_memory().expect("db");
        db.execute_batch(
            "CREATE TABLE t (x TEXT); \
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) \
             INSERT INTO t SELECT printf('row %d of a table that grows', i) FROM n;",
        )
        .expect("writes");
        let count: i64 = db
            .query_row("SELECT count(*) FROM t WHERE x LIKE '%grows'", [], |r| {
                r.get(0)
            })
            .expect("reads");
        assert_eq!(count, 5000);
        // SAFETY: reads SQLite's own counter.
        let used = unsafe { ffi::sqlite3_memory_used() };
        assert!(used > 0, "SQLite counts what it holds: {used}");
    }

    #[test]
    fn sizes_round_up_to_eight() {
        // SAFETY: a pure function.
        let r = |n| unsafe { x_roundup(n) };
        assert_eq!(
            (r(0), r(1), r(8), r(9), r(c_int::MAX)),
            (0, 8, 8, 16, c_int::MAX)
        );
    }
}
