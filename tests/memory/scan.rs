//! Searches another process's memory (Linux, `/proc/PID/maps` and
//! `/proc/PID/mem`): every readable anonymous mapping — heap, stacks,
//! allocator arenas, SQLite's, shared memory — not the mapped files (the
//! executable and libraries hold no records, only the program's own
//! constants). Shared with the end-to-end test of the app.

use rand::Rng;

use std::os::unix::fs::FileExt;

/// One copy of a canary found.
pub struct Found {
    /// The canary.
    pub needle: String,
    /// "UTF-8", "UTF-16LE" or "UTF-16BE".
    pub form: &'static str,
    /// The mapping it was found in, as `/proc/PID/maps` names it.
    pub region: String,
    /// Its address.
    pub address: u64,
}

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}) at {:#x} in {}",
            self.needle, self.form, self.address, self.region
        )
    }
}

/// Eight words that appear nowhere until this run makes them: a capital
/// and eleven random small letters each.
pub fn canaries() -> Vec<String> {
    let mut rng = rand::thread_rng();
    (0..8)
        .map(|i| {
            let tail: String = (0..11)
                .map(|_| char::from(b'a' + rng.gen_range(0..26u8)))
                .collect();
            format!("{}{tail}", char::from(b'K' + i))
        })
        .collect()
}

/// Every copy of each of `needles` in `pid`'s anonymous memory. Only the
/// pages the process has touched are read (`/proc/PID/pagemap`): WebKit
/// reserves tens of gigabytes it never uses.
pub fn find(pid: u32, needles: &[String]) -> Vec<Found> {
    let maps = std::fs::read_to_string(format!("/proc/{pid}/maps"))
        .unwrap_or_else(|e| panic!("reading /proc/{pid}/maps: {e}"));
    let mem = std::fs::File::open(format!("/proc/{pid}/mem"))
        .unwrap_or_else(|e| panic!("opening /proc/{pid}/mem: {e}"));
    let pagemap = std::fs::File::open(format!("/proc/{pid}/pagemap"))
        .unwrap_or_else(|e| panic!("opening /proc/{pid}/pagemap: {e}"));
    let forms: Vec<(String, &'static str, Vec<u8>)> = needles
        .iter()
        .flat_map(|n| {
            let units: Vec<u16> = n.encode_utf16().collect();
            [
                (n.clone(), "UTF-8", n.as_bytes().to_vec()),
                (
                    n.clone(),
                    "UTF-16LE",
                    units.iter().flat_map(|u| u.to_le_bytes()).collect(),
                ),
                (
                    n.clone(),
                    "UTF-16BE",
                    units.iter().flat_map(|u| u.to_be_bytes()).collect(),
                ),
            ]
        })
        .collect();
    let matcher = aho_corasick::AhoCorasick::new(forms.iter().map(|(_, _, b)| b))
        .expect("the canaries make a matcher");
    let longest = forms.iter().map(|(_, _, b)| b.len()).max().unwrap_or(0);
    let mut found = Vec::new();
    let mut buf = vec![0u8; CHUNK as usize + longest];
    for line in maps.lines() {
        let mut fields = line.split_whitespace();
        let (Some(range), Some(perms), _, _, Some(inode)) = (
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
        ) else {
            continue;
        };
        let path = fields.collect::<Vec<_>>().join(" ");
        // Shared memory is not a file on disk either (WebKit's IPC
        // passes larger messages through memfd mappings).
        let shared = path.starts_with("/memfd:") || path.starts_with("/dev/shm/");
        let anonymous = shared
            || inode == "0"
                && (path.is_empty()
                    || path == "[heap]"
                    || path.starts_with("[stack")
                    || path.starts_with("[anon"));
        if !perms.starts_with('r') || !anonymous {
            continue;
        }
        let Some((start, end)) = range.split_once('-') else {
            continue;
        };
        let (Ok(start), Ok(end)) = (u64::from_str_radix(start, 16), u64::from_str_radix(end, 16))
        else {
            continue;
        };
        let region = if path.is_empty() {
            format!("anonymous {range}")
        } else {
            format!("{path} {range}")
        };
        for (run_start, run_end) in touched(&pagemap, start, end) {
            // In chunks, each overlapping the last by a needle's length.
            let mut at = run_start;
            while at < run_end {
                let len = ((run_end - at).min(CHUNK + longest as u64)) as usize;
                let Ok(()) = mem.read_exact_at(&mut buf[..len], at) else {
                    at += CHUNK;
                    continue;
                };
                for m in matcher.find_overlapping_iter(&buf[..len]) {
                    // A copy in the overlap is counted by the next chunk.
                    if (m.start() as u64) < CHUNK || at + CHUNK >= run_end {
                        let (needle, form, _) = &forms[m.pattern().as_usize()];
                        found.push(Found {
                            needle: needle.clone(),
                            form,
                            region: region.clone(),
                            address: at + m.start() as u64,
                        });
                    }
                }
                at += CHUNK;
            }
        }
    }
    found
}

/// Bytes read at a time.
const CHUNK: u64 = 4 << 20;
const PAGE: u64 = 4096;

/// The runs of pages in `start..end` that are in memory or swapped out:
/// the rest was never touched and reads as zeroes.
fn touched(pagemap: &std::fs::File, start: u64, end: u64) -> Vec<(u64, u64)> {
    const PRESENT: u64 = 1 << 63;
    const SWAPPED: u64 = 1 << 62;
    let mut runs: Vec<(u64, u64)> = Vec::new();
    let mut entries = vec![0u8; 8 * 4096];
    let mut page = start;
    while page < end {
        let n = ((end - page) / PAGE).min(4096) as usize;
        if pagemap
            .read_exact_at(&mut entries[..n * 8], page / PAGE * 8)
            .is_err()
        {
            // Unknown: read it all, as before pagemap.
            runs.push((page, end));
            break;
        }
        for (i, e) in entries[..n * 8].chunks_exact(8).enumerate() {
            let e = u64::from_le_bytes(e.try_into().expect("8 bytes"));
            if e & (PRESENT | SWAPPED) == 0 {
                continue;
            }
            let at = page + i as u64 * PAGE;
            match runs.last_mut() {
                Some((_, run_end)) if *run_end == at => *run_end = at + PAGE,
                _ => runs.push((at, at + PAGE)),
            }
        }
        page += n as u64 * PAGE;
    }
    runs
}
