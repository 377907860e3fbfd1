//! `generate`: a synthetic vault of realistic size for benchmarks.
//!
//! Until the meeting records exist, it writes rows of the sizes they will
//! have, per year about 100 meetings' worth: ~1,200 signatures of ~5 KB of
//! stroke data, ~3,000 disclosure notes of ~500 bytes, ~1,500 actions and
//! ~2 MB of minutes text — about 10 MB a year, so 10 years is ~100 MB. Each
//! meeting is one audited save, as in real use; the vault is compacted at
//! the end.

use std::path::Path;
use std::sync::Arc;

use casebook::{Actor, AuditDraft, Casebook, Clock};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use vault::{CreateOptions, Passphrase};

use crate::Failure;

const MEETINGS_PER_YEAR: u32 = 100;
const SIGNATURES_PER_MEETING: u32 = 12;
const NOTES_PER_MEETING: u32 = 30;
const ACTIONS_PER_MEETING: u32 = 15;
const MINUTES_BYTES_PER_MEETING: usize = 20_000;

const WORDS: &[&str] = &[
    "referral",
    "address",
    "concern",
    "tenancy",
    "review",
    "warning",
    "visit",
    "school",
    "support",
    "incident",
    "agreed",
    "officer",
    "report",
    "partner",
    "update",
    "risk",
    "housing",
    "youth",
    "outreach",
    "patrol",
    "hotspot",
    "evening",
    "weekend",
    "neighbour",
];

fn prose(rng: &mut StdRng, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 16);
    while s.len() < bytes {
        s.push_str(WORDS[rng.gen_range(0..WORDS.len())]);
        s.push(if rng.gen_ratio(1, 12) { '.' } else { ' ' });
    }
    s
}

fn strokes(rng: &mut StdRng) -> Vec<u8> {
    // x, y as u16 and a time delta as u16: 6 bytes a point, ~850 points.
    let mut out = Vec::with_capacity(5_100);
    let (mut x, mut y) = (200u16, 100u16);
    for _ in 0..850 {
        x = x.saturating_add_signed(rng.gen_range(-4..=4)).min(599);
        y = y.saturating_add_signed(rng.gen_range(-4..=4)).min(199);
        out.extend_from_slice(&x.to_le_bytes());
        out.extend_from_slice(&y.to_le_bytes());
        out.extend_from_slice(&rng.gen_range(8u16..24).to_le_bytes());
    }
    out
}

/// Writes the synthetic vault.
pub fn generate(
    path: &Path,
    pass: &Passphrase,
    years: u32,
    work_factor: u8,
    clock: Arc<dyn Clock>,
) -> Result<(), Failure> {
    let (mut book, _secret) =
        Casebook::create(path, pass, CreateOptions { work_factor }, clock, Actor::Cli)?;
    book.vault_mut().change_schema(|tx| {
        tx.execute_batch(
            "CREATE TABLE generated_row (
                 id      INTEGER PRIMARY KEY,
                 meeting INTEGER NOT NULL,
                 kind    TEXT NOT NULL,
                 body    BLOB NOT NULL
             ) STRICT;",
        )
        .map_err(vault::Error::Working)
    })?;
    let mut rng = StdRng::seed_from_u64(0x7461_736b);
    let meetings = years * MEETINGS_PER_YEAR;
    for meeting in 1..=meetings {
        let mut rows: Vec<(&str, Vec<u8>)> = Vec::new();
        for _ in 0..SIGNATURES_PER_MEETING {
            rows.push(("signature", strokes(&mut rng)));
        }
        for _ in 0..NOTES_PER_MEETING {
            rows.push(("disclosure", prose(&mut rng, 500).into_bytes()));
        }
        for _ in 0..ACTIONS_PER_MEETING {
            rows.push(("action", prose(&mut rng, 300).into_bytes()));
        }
        rows.push((
            "minutes",
            prose(&mut rng, MINUTES_BYTES_PER_MEETING).into_bytes(),
        ));
        book.change_raw(|tx, _now| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO generated_row (meeting, kind, body) VALUES (?1, ?2, ?3)",
            )?;
            for (kind, body) in &rows {
                stmt.execute(vault::rusqlite::params![meeting, kind, body])?;
            }
            Ok((
                (),
                AuditDraft {
                    action: "generated.meeting",
                    record_type: "generated",
                    record_id: meeting.to_string(),
                },
            ))
        })?;
        if book.vault().needs_compaction() {
            book.vault_mut().compact()?;
        }
    }
    let bytes = book.vault().working_bytes()?;
    book.close()?;
    let on_disk = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    println!(
        "Generated {years} year(s): {meetings} meetings, working copy {:.1} MB, file {:.1} MB.",
        bytes as f64 / 1e6,
        on_disk as f64 / 1e6
    );
    Ok(())
}
