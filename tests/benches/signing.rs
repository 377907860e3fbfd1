//! Benchmark of the signing kiosk on a generated 10-year vault, printed as
//! a table (see `docs/PERFORMANCE-RECORDS.md`).
//!
//! ```text
//! cargo build --release -p tasking-vault-cli
//! cargo bench -p tasking-vault-tests --bench signing
//! ```
//!
//! Measures, through [`casebook::Casebook`] as the kiosk calls it:
//! - **the kiosk's list** (`kiosk_view`), which the kiosk loads when the
//!   next attendee comes to the screen;
//! - **a signature saved** (`sign`: checked, digested, written and durably
//!   committed with its audit entry), `BENCH_SIGNATURES` (default 100)
//!   times, each a different invented hand of about 100–400 points;
//! - **the size of a signature**: its stroke bytes as stored, the row, and
//!   what the vault file grows by per signature (in the journal, sealed,
//!   and after compaction, in the snapshot).
//!
//! The vault is the one the other benches use (`target/bench-data/`).

mod support;

use std::time::Instant;

use casebook::{MeetingInput, MeetingKind, PersonInput, SignInput, SignMethod, Signer};
use support::{Stats, copy_of, env_or, generated_vault, ms, open};

fn main() {
    let work_factor: u8 = env_or("BENCH_WORK_FACTOR", vault::DEFAULT_WORK_FACTOR);
    let years: u32 = env_or("BENCH_YEARS", 10);
    let n: usize = env_or("BENCH_SIGNATURES", 100);
    assert!(
        (1..=casebook::MAX_INVITEES).contains(&n),
        "BENCH_SIGNATURES 1..=200"
    );

    let generated = generated_vault(years, work_factor);
    let scratch_root = generated.parent().expect("bench-data").join("scratch");
    std::fs::create_dir_all(&scratch_root).expect("scratch dir");
    let scratch = tempfile::tempdir_in(&scratch_root).expect("scratch dir");
    let path = copy_of(&generated, scratch.path(), "signing.tvault");
    let mut book = open(&path);
    // The file and its write-ahead log, where saves land until a checkpoint.
    let size = |p: &std::path::Path| {
        let mut wal = p.as_os_str().to_owned();
        wal.push("-wal");
        [p.as_os_str(), wal.as_os_str()]
            .iter()
            .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
            .sum::<u64>()
    };

    // A meeting of `n` invited people (not timed).
    let group = book.groups(false).expect("groups")[0].id;
    let mut people = Vec::with_capacity(n);
    for i in 0..n {
        let p = book
            .add_person(&PersonInput {
                name: format!("Bench Attendee {i:03}"),
                agency_id: 1 + (i as i64 % 7),
                role: "Officer".into(),
                email: None,
            })
            .expect("person");
        people.push(p.id);
    }
    let meeting = book
        .plan_meeting(
            &MeetingInput {
                group_id: group,
                kind: MeetingKind::BronzeTasking,
                date: book.today(),
                start_time: "10:00".into(),
                venue: "Bench Hall".into(),
                chair_id: None,
                minute_taker_id: None,
                review_date: None,
            },
            &people,
        )
        .expect("meeting")
        .meeting
        .id;
    book.record_kiosk(meeting, true).expect("kiosk started");
    // Start from a compacted file, so growth is the signatures' own.
    book.vault_mut().compact().expect("compact");
    let before = size(&path);

    eprintln!("signing: {n} signatures");
    let mut views = Vec::with_capacity(n);
    let mut saves = Vec::with_capacity(n);
    let (mut points, mut stroke_bytes) = (0usize, 0usize);
    for (i, person) in people.iter().enumerate() {
        let started = Instant::now();
        let view = book.kiosk_view(meeting).expect("kiosk view");
        views.push(started.elapsed());
        std::hint::black_box(view);
        let strokes = casebook::demo::signature_strokes(i as u64, 1);
        points += strokes.iter().map(Vec::len).sum::<usize>();
        stroke_bytes += casebook::signatures::encode_strokes(&strokes).len();
        let input = SignInput {
            signer: Signer {
                person_id: Some(*person),
                newcomer: None,
            },
            method: SignMethod::Drawn,
            strokes,
            typed_name: None,
        };
        let started = Instant::now();
        book.sign(meeting, &input).expect("signature saved");
        saves.push(started.elapsed());
    }
    let journal_growth = size(&path).saturating_sub(before);
    book.vault_mut().compact().expect("compact");
    let snapshot_growth = size(&path).saturating_sub(before);
    let row_bytes: i64 = book
        .vault()
        .db()
        .query_row(
            "SELECT sum(length(strokes) + length(name) + length(agency_name) + length(role)
                    + length(agreement_sha256) + length(at) + length(outcome) + length(digest)
                    + 24)
             FROM signature WHERE meeting_id = ?1",
            [meeting],
            |r| r.get(0),
        )
        .expect("row bytes");
    drop(book);

    let views = Stats::new(views);
    let saves = Stats::new(saves);
    let per = |bytes: u64| bytes as f64 / n as f64 / 1024.0;
    println!();
    println!(
        "Signing on the {years}-year vault ({} MB), {n} signatures, work factor {work_factor}.",
        before / 1_000_000
    );
    println!();
    println!("| step | calls | median | p99 | max |");
    println!("|---|---:|---:|---:|---:|");
    for (name, s) in [
        ("kiosk list (`kiosk_view`)", &views),
        ("signature saved (`sign`, durable)", &saves),
    ] {
        println!(
            "| {name} | {} | {} ms | {} ms | {} ms |",
            s.0.len(),
            ms(s.median()),
            ms(s.p99()),
            ms(s.max())
        );
    }
    println!();
    println!("| size of a signature | mean |");
    println!("|---|---:|");
    println!("| points | {:.0} |", points as f64 / n as f64);
    println!(
        "| stroke bytes as stored | {:.1} KB |",
        stroke_bytes as f64 / n as f64 / 1024.0
    );
    println!(
        "| the row (strokes, texts, digest) | {:.1} KB |",
        row_bytes as f64 / n as f64 / 1024.0
    );
    println!(
        "| vault file growth per signature, journal (sealed changeset + audit entry) | {:.1} KB |",
        per(journal_growth)
    );
    println!(
        "| vault file growth per signature, after compaction | {:.1} KB |",
        per(snapshot_growth)
    );
}
