//! Searches another process's memory (Linux, `/proc/PID/maps` and
//! `/proc/PID/mem`): every readable anonymous mapping — heap, stacks,
//! allocator arenas, SQLite's — not the mapped files (the executable and
//! libraries hold no records, only the program's own constants).

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

/// Every copy of each of `needles` in `pid`'s anonymous memory.
pub fn find(pid: u32, needles: &[String]) -> Vec<Found> {
    let maps = std::fs::read_to_string(format!("/proc/{pid}/maps"))
        .unwrap_or_else(|e| panic!("reading /proc/{pid}/maps: {e}"));
    let mem = std::fs::File::open(format!("/proc/{pid}/mem"))
        .unwrap_or_else(|e| panic!("opening /proc/{pid}/mem: {e}"));
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
    let longest = forms.iter().map(|(_, _, b)| b.len()).max().unwrap_or(0);
    let mut found = Vec::new();
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
        let anonymous = inode == "0"
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
        // In chunks, each overlapping the last by a needle's length.
        const CHUNK: u64 = 4 << 20;
        let mut at = start;
        let mut buf = vec![0u8; CHUNK as usize + longest];
        while at < end {
            let len = ((end - at).min(CHUNK + longest as u64)) as usize;
            let Ok(()) = mem.read_exact_at(&mut buf[..len], at) else {
                at += CHUNK;
                continue;
            };
            let hay = &buf[..len];
            for (needle, form, bytes) in &forms {
                let mut from = 0;
                while let Some(i) = position(&hay[from..], bytes) {
                    let offset = from + i;
                    // A copy in the overlap is counted by the next chunk.
                    if (offset as u64) < CHUNK || at + CHUNK >= end {
                        found.push(Found {
                            needle: needle.clone(),
                            form,
                            region: region.clone(),
                            address: at + offset as u64,
                        });
                    }
                    from = offset + 1;
                }
            }
            at += CHUNK;
        }
    }
    found
}

fn position(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(i) = hay[from..].iter().position(|b| *b == first) {
        let at = from + i;
        if hay.len() - at < needle.len() {
            return None;
        }
        if &hay[at + 1..at + needle.len()] == rest {
            return Some(at);
        }
        from = at + 1;
    }
    None
}
