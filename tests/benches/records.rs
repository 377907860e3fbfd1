//! Benchmarks of reading the records on a generated 10-year vault, printed
//! as a table (see `docs/PERFORMANCE-RECORDS.md`).
//!
//! ```text
//! cargo build --release -p tasking-vault-cli
//! cargo bench -p tasking-vault-tests --bench records
//! ```
//!
//! Measures, through [`casebook::Casebook`] as the app calls it:
//! - **search** latency (median, p99, max) over varied queries drawn from the
//!   vault itself — case references, streets, surnames, group names, dates,
//!   common words and two-letter prefixes that match thousands of records,
//!   single letters, two-word queries, and words that match nothing — each
//!   run `BENCH_ROUNDS` times (default 20);
//! - **meeting page** load (`meeting_page`) on `BENCH_PAGES` (default 1,000)
//!   meetings picked at random;
//! - the home screen, the actions tracker and the meetings list, for scale;
//! - **disclosures**: `check_disclosure` (what the screen calls as the user
//!   types; target p99 ≤ 5 ms) on `BENCH_CHECKS` (default 1,000) drafts of
//!   varied categories at held meetings picked at random, and
//!   `add_disclosure` (a durable save) `BENCH_SAVES` times (default 30) at
//!   one held meeting, whose minute-taker's view and page are then timed
//!   with those disclosures and the ones the generator wrote there (the
//!   table says how many in all).
//!
//! The vault is the one `benches/vault.rs` uses: made once with
//! `tasking-vault-cli generate` and cached in `target/bench-data/`;
//! `BENCH_YEARS` (default 10) and `BENCH_WORK_FACTOR` (default 18) choose it.
//! The target: search under 20 ms on 10 years.

mod support;

use std::time::{Duration, Instant};

use casebook::disclosures::{
    Category, CautionDetails, CautionKind, ConvictionDetails, DisclosureDraft, LegalPower, Nature,
    SentenceType, StatutoryPurpose,
};
use casebook::{ActionFilter, Casebook, DisclosureInput, MeetingFilter, Minuting};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use support::{Stats, copy_of, env_or, generated_vault, mb, ms, open, verdict, zeroing_from_env};

/// Runs `f` once to warm up, then `times` times, timing each call.
fn time<T>(times: usize, mut f: impl FnMut() -> T) -> Stats {
    let _ = f();
    Stats::new(
        (0..times)
            .map(|_| {
                let started = Instant::now();
                let _ = std::hint::black_box(f());
                started.elapsed()
            })
            .collect(),
    )
}

/// Up to `n` distinct values of the first column of `sql`.
fn sample(book: &Casebook, sql: &str, n: usize) -> Vec<String> {
    let db = book.vault().db();
    let mut stmt = db.prepare(sql).expect("sample query");
    let mut values: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .expect("sample rows")
        .collect::<Result<_, _>>()
        .expect("sample values");
    values.sort();
    values.dedup();
    let mut rng = StdRng::seed_from_u64(7);
    values.shuffle(&mut rng);
    values.truncate(n);
    values
}

/// The queries, by kind: what a chair types.
fn queries(book: &Casebook) -> Vec<(&'static str, Vec<String>)> {
    let last_word = |s: String| s.rsplit(' ').next().unwrap_or_default().to_owned();
    vec![
        (
            "case reference",
            sample(
                book,
                "SELECT case_ref FROM agenda_item WHERE case_ref IS NOT NULL",
                20,
            ),
        ),
        (
            "street (two words)",
            sample(
                book,
                "SELECT substr(title, instr(title, ', ') + 2) FROM agenda_item
                 WHERE kind = 'new_referral'",
                20,
            ),
        ),
        (
            "surname",
            sample(book, "SELECT name FROM person", 20)
                .into_iter()
                .map(last_word)
                .collect(),
        ),
        (
            "group name",
            sample(book, "SELECT name FROM meeting_group", 8)
                .into_iter()
                .map(|n| n.split(" Bronze").next().unwrap_or_default().to_owned())
                .collect(),
        ),
        ("date", sample(book, "SELECT date FROM meeting", 10)),
        (
            "common word",
            [
                "review", "tenancy", "patrol", "visit", "fire", "youth", "letter", "safety",
            ]
            .map(String::from)
            .to_vec(),
        ),
        (
            "two-letter prefix",
            ["re", "ho", "ta", "st", "ca", "co"]
                .map(String::from)
                .to_vec(),
        ),
        ("one letter", ["s", "c", "7"].map(String::from).to_vec()),
        (
            "two common words",
            [
                "home fire",
                "tenancy warning",
                "extra patrols",
                "case plan",
                "door entry",
            ]
            .map(String::from)
            .to_vec(),
        ),
        (
            "no match",
            ["zzqx", "Wolverhampton", "qwerty uiop"]
                .map(String::from)
                .to_vec(),
        ),
    ]
}

/// A draft of each shape the rules read differently: an incident, a
/// caution, a conviction with custody.
fn drafts() -> Vec<DisclosureDraft> {
    let incident = DisclosureDraft {
        category: Category::Incident,
        nature: Nature::Fact,
        text: "Graffiti reported on the underpass wall; the council will clean it this week."
            .into(),
        caution: None,
        harassment_warning: None,
        asb_admission: None,
        conviction: None,
        legal_power: Some(LegalPower::CdaS115),
        statutory_purpose: Some(StatutoryPurpose::CrimeAndDisorder),
        touches_gender_history: false,
        gender_exception: None,
    };
    vec![
        incident.clone(),
        DisclosureDraft {
            category: Category::PoliceCaution,
            text: "Cautioned for criminal damage at the shop on the parade.".into(),
            caution: Some(CautionDetails {
                kind: CautionKind::Conditional,
                given_on: "2015-06-01".into(),
            }),
            ..incident.clone()
        },
        DisclosureDraft {
            category: Category::Conviction,
            text: "Convicted of burglary; released on licence.".into(),
            conviction: Some(ConvictionDetails {
                offence: "Burglary".into(),
                convicted_on: "2016-01-04".into(),
                sentence: SentenceType::Custody,
                sentence_months: Some(18),
                sentence_ends_on: None,
                under_18: false,
                never_spent: false,
            }),
            ..incident
        },
    ]
}

fn input(item: i64, person: i64, draft: DisclosureDraft) -> DisclosureInput {
    DisclosureInput {
        item_id: item,
        case_ref: None,
        person_id: person,
        draft,
        marking: None,
        descriptor: None,
        minuting: Minuting::Full,
        minute_summary: None,
        accepted: Vec::new(),
    }
}

/// `(item, person)` pairs at held meetings: a case item and someone
/// present who signed; with `all_signed`, only at meetings where everyone
/// present signed (so that a save passes R9).
fn tables(book: &Casebook, all_signed: bool) -> Vec<(i64, i64, i64)> {
    const SIGNED: &str = "EXISTS (SELECT 1 FROM signature s WHERE s.meeting_id = m.id
        AND s.person_id = v.person_id AND s.withdrawn_at IS NULL
        AND s.outcome IN ('drawn', 'typed'))";
    let everyone = if all_signed {
        "AND NOT EXISTS (SELECT 1 FROM invitation w WHERE w.meeting_id = m.id
             AND w.attendance = 'present' AND NOT EXISTS (SELECT 1 FROM signature s
                 WHERE s.meeting_id = m.id AND s.person_id = w.person_id
                 AND s.withdrawn_at IS NULL AND s.outcome IN ('drawn', 'typed')))"
    } else {
        ""
    };
    let sql = format!(
        "SELECT i.id, v.person_id, m.id FROM meeting m
         JOIN agenda_item i ON i.meeting_id = m.id
         JOIN invitation v ON v.meeting_id = m.id AND v.attendance = 'present'
         WHERE m.status = 'held' AND i.kind IN ('new_referral', 'case_review', 'hotspot_location')
           AND {SIGNED} {everyone}
         ORDER BY m.id, i.id, v.person_id"
    );
    let db = book.vault().db();
    let mut stmt = db.prepare(&sql).expect("tables");
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("tables")
        .collect::<Result<_, _>>()
        .expect("tables")
}

fn main() {
    zeroing_from_env();
    let work_factor: u8 = env_or("BENCH_WORK_FACTOR", vault::DEFAULT_WORK_FACTOR);
    let years: u32 = env_or("BENCH_YEARS", 10);
    let rounds: usize = env_or("BENCH_ROUNDS", 20);
    let pages: usize = env_or("BENCH_PAGES", 1_000);

    let generated = generated_vault(years, work_factor);
    let scratch_root = generated.parent().expect("bench-data").join("scratch");
    std::fs::create_dir_all(&scratch_root).expect("scratch dir");
    let scratch = tempfile::tempdir_in(&scratch_root).expect("scratch dir");
    let path = copy_of(&generated, scratch.path(), "records.tvault");
    let file_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let mut book = open(&path);
    let db = book.vault().db();
    let count = |table: &str| -> i64 {
        db.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count")
    };
    let counts = [
        "meeting",
        "agenda_item",
        "invitation",
        "action",
        "action_update",
        "person",
        "signature",
        "case_record",
        "disclosure",
        "audit_entry",
    ]
    .map(|t| (t, count(t)));

    // Search, per kind of query and overall.
    eprintln!("search: {rounds} rounds");
    let kinds = queries(&book);
    let mut all = Vec::new();
    let mut by_kind = Vec::new();
    let mut slowest = (Duration::ZERO, String::new(), 0);
    for (kind, qs) in &kinds {
        let mut samples = Vec::new();
        let mut hits = 0;
        for q in qs {
            hits += book.search(q).expect("search").len();
            let s = time(rounds, || book.search(q).expect("search"));
            if s.max() > slowest.0 {
                slowest = (s.max(), q.clone(), book.search(q).expect("search").len());
            }
            samples.extend_from_slice(&s.0);
        }
        all.extend_from_slice(&samples);
        by_kind.push((*kind, qs.len(), hits / qs.len().max(1), Stats::new(samples)));
    }
    let search = Stats::new(all);

    // Meeting pages at random.
    eprintln!("meeting pages: {pages}");
    let ids: Vec<i64> = {
        let mut stmt = db.prepare("SELECT id FROM meeting").expect("ids");
        stmt.query_map([], |r| r.get(0))
            .expect("ids")
            .collect::<Result<_, _>>()
            .expect("ids")
    };
    let mut rng = StdRng::seed_from_u64(11);
    let picks: Vec<i64> = (0..pages)
        .map(|_| ids[rng.gen_range(0..ids.len())])
        .collect();
    let _ = book.meeting_page(picks[0]).expect("warm-up page");
    let mut page_samples = Vec::with_capacity(pages);
    let (mut carried, mut items) = (0, 0);
    for id in &picks {
        let started = Instant::now();
        let page = book.meeting_page(*id).expect("meeting page");
        page_samples.push(started.elapsed());
        carried += page.carried_forward.len();
        items += page.agenda.len() + page.invitations.len() + page.actions_raised.len();
    }
    let page = Stats::new(page_samples);

    let home = time(rounds, || book.home().expect("home"));
    let tracker = time(rounds, || {
        book.actions(&ActionFilter::default()).expect("actions")
    });
    let meetings = time(rounds, || {
        book.meetings(&MeetingFilter::default()).expect("meetings")
    });

    // Disclosures: the check as typed, at random held meetings.
    let checks: usize = env_or("BENCH_CHECKS", 1_000);
    let saves: usize = env_or("BENCH_SAVES", 30);
    eprintln!("disclosure checks: {checks}");
    let drafts = drafts();
    let pairs = tables(&book, false);
    assert!(!pairs.is_empty(), "no held meeting with a signed attendee");
    let mut rng = StdRng::seed_from_u64(13);
    let inputs: Vec<DisclosureInput> = (0..checks)
        .map(|n| {
            let (item, person, _) = pairs[rng.gen_range(0..pairs.len())];
            input(item, person, drafts[n % drafts.len()].clone())
        })
        .collect();
    let _ = book
        .check_disclosure(None, &inputs[0])
        .expect("warm-up check");
    let mut findings = 0;
    let check = Stats::new(
        inputs
            .iter()
            .map(|i| {
                let started = Instant::now();
                let c = book.check_disclosure(None, i).expect("check");
                let elapsed = started.elapsed();
                findings += c.findings.len();
                elapsed
            })
            .collect(),
    );

    // Saves, all at one held meeting where everyone present signed; then
    // that meeting's views with its disclosures.
    let clean = tables(&book, true);
    let saved = clean
        .first()
        .map(|(_, _, meeting)| *meeting)
        .map(|meeting| {
            eprintln!("disclosure saves: {saves}");
            let at: Vec<(i64, i64)> = clean
                .iter()
                .filter(|(_, _, m)| *m == meeting)
                .map(|(i, p, _)| (*i, *p))
                .collect();
            let samples = (0..saves)
                .map(|n| {
                    let (item, person) = at[n % at.len()];
                    let i = input(item, person, drafts[0].clone());
                    let started = Instant::now();
                    book.add_disclosure(&i).expect("save");
                    started.elapsed()
                })
                .collect();
            let minutes = time(rounds, || {
                book.minute_taking(meeting).expect("minute taking")
            });
            let page = time(rounds, || book.meeting_page(meeting).expect("page"));
            // The generator's disclosures at that meeting, and the saves.
            let held: i64 = book
                .vault()
                .db()
                .query_row(
                    "SELECT count(*) FROM disclosure d JOIN agenda_item i ON i.id = d.item_id
                     WHERE i.meeting_id = ?1",
                    [meeting],
                    |r| r.get(0),
                )
                .expect("disclosures at the meeting");
            (Stats::new(samples), minutes, page, held)
        });

    // Minutes: the held meeting with the most disclosures, its draft
    // assembled from the records, then laid out and rendered as the PDF.
    let largest: (i64, i64) = book
        .vault()
        .db()
        .query_row(
            "SELECT i.meeting_id, count(*) FROM disclosure d
             JOIN agenda_item i ON i.id = d.item_id JOIN meeting m ON m.id = i.meeting_id
             WHERE m.status = 'held' GROUP BY i.meeting_id ORDER BY count(*) DESC, i.meeting_id
             LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the largest minutes");
    eprintln!("minutes: {rounds} rounds");
    let assemble = time(rounds, || book.minutes(largest.0).expect("minutes"));
    let content = book.minutes(largest.0).expect("minutes").draft;
    let printing = casebook::minutes::document::Printing::Draft {
        at: "2026-12-02T10:00:00Z",
    };
    let render = time(rounds, || {
        let doc = casebook::minutes::document::document(&content, &printing);
        casebook::minutes::document::render(&doc, String::new()).expect("render")
    });
    let doc = casebook::minutes::document::document(&content, &printing);
    let pdf_bytes = casebook::minutes::document::render(&doc, String::new())
        .expect("render")
        .bytes
        .len();
    let pdf_pages = minutes_pdf::page_count(&doc).expect("pages");
    // The register of information requests (issue 12), whole and filtered.
    let all_requests = casebook::requests::RequestFilter::default();
    let n_requests = book.requests(&all_requests).expect("requests").len();
    let register = time(rounds, || book.requests(&all_requests).expect("requests"));
    let overdue_only = casebook::requests::RequestFilter {
        overdue_only: true,
        direction: Some(casebook::requests::Direction::Received),
        ..casebook::requests::RequestFilter::default()
    };
    let register_filtered = time(rounds, || book.requests(&overdue_only).expect("requests"));
    drop(book);

    println!();
    println!(
        "Tasking Vault record benchmarks: {years}-year generated vault, {}, times in ms",
        mb(file_bytes)
    );
    println!();
    let records: Vec<String> = counts.iter().map(|(t, n)| format!("{n} {t}")).collect();
    println!("Records: {}.", records.join(", "));
    println!();
    println!("| search query | queries | hits (mean) | median | p99 | max |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (kind, n, hits, s) in &by_kind {
        println!(
            "| {kind} | {n} | {hits} | {} | {} | {} |",
            ms(s.median()),
            ms(s.p99()),
            ms(s.max())
        );
    }
    println!(
        "| **all** | {} | | {} | {} | {} |",
        kinds.iter().map(|(_, q)| q.len()).sum::<usize>(),
        ms(search.median()),
        ms(search.p99()),
        ms(search.max())
    );
    println!();
    println!(
        "Slowest search: {:?} ({} hits), {} ms.",
        slowest.1,
        slowest.2,
        ms(slowest.0)
    );
    println!();
    println!("| read | calls | median | p99 | max |");
    println!("|---|---:|---:|---:|---:|");
    let row = |name: &str, n: usize, s: &Stats| {
        println!(
            "| {name} | {n} | {} | {} | {} |",
            ms(s.median()),
            ms(s.p99()),
            ms(s.max())
        );
    };
    row("meeting page (random meetings)", pages, &page);
    row("home", rounds, &home);
    row("actions tracker (first 500)", rounds, &tracker);
    row("meetings list (first 200)", rounds, &meetings);
    row("disclosure_check (random held meetings)", checks, &check);
    if let Some((save, minutes, page, held)) = &saved {
        row("disclosure save (add_disclosure)", saves, save);
        row(
            &format!("minute-taker's view, {held} disclosures ({saves} saved here)"),
            rounds,
            minutes,
        );
        row(
            &format!("meeting page, {held} disclosures ({saves} saved here)"),
            rounds,
            page,
        );
    }
    row(
        &format!(
            "minutes assembled, largest meeting ({} disclosures, {} signatures)",
            largest.1,
            content.register.len()
        ),
        rounds,
        &assemble,
    );
    row(
        &format!(
            "minutes laid out and rendered ({pdf_pages} pages, {:.1} KB)",
            pdf_bytes as f64 / 1024.0
        ),
        rounds,
        &render,
    );
    row(
        &format!("information requests register, all {n_requests}"),
        rounds,
        &register,
    );
    row(
        "information requests register, received and overdue",
        rounds,
        &register_filtered,
    );
    println!();
    println!(
        "Meeting pages averaged {:.1} carried-forward actions and {:.1} other rows.",
        carried as f64 / pages as f64,
        items as f64 / pages as f64
    );
    println!();
    let limit = Duration::from_millis(20);
    println!("Targets:");
    println!(
        "  search < 20 ms on {years} years: p99 {} ms, max {} ms: {}",
        ms(search.p99()),
        ms(search.max()),
        verdict(search.p99() < limit)
    );
    println!(
        "  disclosure_check p99 <= 5 ms: p99 {} ms ({:.1} findings a check): {}",
        ms(check.p99()),
        findings as f64 / checks as f64,
        verdict(check.p99() <= Duration::from_millis(5))
    );
    println!(
        "  requests register of {n_requests} < 20 ms: p99 {} ms (filtered {} ms): {}",
        ms(register.p99()),
        ms(register_filtered.p99()),
        verdict(register.p99() < limit && register_filtered.p99() < limit)
    );
    if saved.is_none() {
        println!("  no held meeting where everyone present signed: saves not measured");
    }
}
