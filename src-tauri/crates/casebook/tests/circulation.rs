//! Circulation through the public API of `Casebook`: numbered copies of an
//! approved version under re-issue and recall; what each recipient's copy
//! withholds (none of the withheld words in the file, the copy line on
//! every page); consent; secure inbox keys; encrypted copies opened by the
//! Debian `age` tool; and "whose copy is this?" for issued, decrypted,
//! altered and foreign files.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::path::Path;
use std::process::Command;

use casebook::circulation::keys::Holder;
use casebook::{
    Actor, AgencyKind, AgendaItemInput, AgendaItemKind, Attendance, AttendanceInput, Casebook,
    ChairWithhold, ConsentInput, CopiesRequest, CopyRequest, Delivery, Marking, MeetingStatus,
    MinutesApprove, Minuting, Verdict,
};
use common::{Fixed, agency, create, drawn, group, incident, meeting_input, officer};

/// Distinctive words that appear only in the disclosures.
const POLICE_CANARY: &str = "Zephyrquill";
const COUNCIL_CANARY: &str = "Marrowgleam";

struct Approved {
    book: Casebook,
    meeting: i64,
    police: i64,
    council: i64,
    fire: i64,
    youth: i64,
    police_disclosure: i64,
    /// The item's position on the agenda.
    position: i64,
}

/// A held meeting, approved as version 1: the police sergeant (chair) and
/// the council officer present and signed, the fire advisor present but
/// declined and out of the room for the item; the youth justice officer
/// invited, with apologies. Under the item, a police disclosure in full
/// and a council one as a summary, each with its canary word.
fn approved(dir: &Path) -> Approved {
    let mut book = create(
        &dir.join("c.tvault"),
        "circulation test passphrase",
        Fixed::at("2026-11-25T16:05:00Z"),
        Actor::Chair,
    );
    let group = group(&mut book, "Northbrook Bronze Tasking Group");
    let mut person = |name: &str, kind: AgencyKind| {
        let agency_id = agency(&book, kind);
        officer(&mut book, name, agency_id)
    };
    let police = person("Callum Ferrow", AgencyKind::Police);
    let council = person("Imogen Threlfall", AgencyKind::LocalAuthority);
    let fire = person("Gethin Rowlatt", AgencyKind::FireAndRescue);
    let youth = person("Priya Anand-Hollis", AgencyKind::YouthJustice);
    let mut input = meeting_input(group, "2026-11-25", "Northbrook Community Hub");
    input.chair_id = Some(police);
    input.minute_taker_id = Some(council);
    let meeting = book
        .plan_meeting(&input, &[police, council, fire, youth])
        .unwrap()
        .meeting
        .id;
    for (who, attendance) in [
        (police, Attendance::Present),
        (council, Attendance::Present),
        (fire, Attendance::Present),
        (youth, Attendance::Apologies),
    ] {
        book.set_attendance(&AttendanceInput {
            meeting_id: meeting,
            person_id: who,
            attendance,
            written_update: false,
            arrived_at: None,
            left_at: None,
        })
        .unwrap();
    }
    book.sign(meeting, &drawn(police)).unwrap();
    book.sign(meeting, &drawn(council)).unwrap();
    book.decline(
        meeting,
        &casebook::DeclineInput {
            signer: casebook::Signer {
                person_id: Some(fire),
                newcomer: None,
            },
            reason: "Leaves the room for case items".into(),
        },
    )
    .unwrap();
    let item = book
        .add_agenda_item(
            meeting,
            &AgendaItemInput {
                kind: AgendaItemKind::CaseReview,
                title: "Repeat criminal damage, Tanner's Row".into(),
                case_ref: Some("NB-2026-014".into()),
                presenting_agency_id: None,
                marking: Marking::OfficialSensitive,
                descriptor: None,
            },
        )
        .unwrap()
        .agenda
        .last()
        .unwrap()
        .id;
    book.set_meeting_status(meeting, MeetingStatus::InProgress)
        .unwrap();
    book.set_out_of_room(item, fire, true).unwrap();
    let police_disclosure = book
        .add_disclosure(&incident(
            item,
            police,
            &format!("Four reports of damage, the last by the {POLICE_CANARY} shop front."),
        ))
        .unwrap()
        .id;
    book.add_disclosure(&casebook::DisclosureInput {
        minuting: Minuting::Summary,
        minute_summary: Some(format!("Council warnings held at {COUNCIL_CANARY} Court.")),
        ..incident(item, council, "Two written tenancy warnings in September.")
    })
    .unwrap();
    book.set_meeting_status(meeting, MeetingStatus::Held)
        .unwrap();
    let draft = book.minutes(meeting).unwrap().draft;
    let marking = draft.minimum_marking.marking;
    let position = draft.items.last().unwrap().position;
    book.approve_minutes(&MinutesApprove {
        meeting_id: meeting,
        marking,
        recipients_only: false,
        reason: None,
    })
    .unwrap();
    Approved {
        book,
        meeting,
        police,
        council,
        fire,
        youth,
        police_disclosure,
        position,
    }
}

fn copy(person_id: i64, delivery: Option<Delivery>) -> CopyRequest {
    CopyRequest {
        person_id,
        delivery,
        withhold: Vec::new(),
    }
}

fn request(meeting: i64, recipients: Vec<CopyRequest>) -> CopiesRequest {
    CopiesRequest {
        meeting_id: meeting,
        version: 1,
        recipients,
        unencrypted_accepted: true,
    }
}

/// Issues `req` as the app does: prepare, then record.
fn issue(book: &mut Casebook, req: &CopiesRequest) -> Vec<(casebook::IssuedCopy, Vec<u8>)> {
    let prepared = book.prepare_copies(req).unwrap();
    let issued = book.record_copies(&prepared).unwrap();
    assert_eq!(issued.len(), prepared.copies.len());
    issued
        .into_iter()
        .zip(prepared.copies)
        .map(|(c, p)| {
            assert_eq!(c.file_name, p.planned.file_name);
            (c, p.bytes)
        })
        .collect()
}

fn tool(name: &str) -> bool {
    let found = Command::new(name).arg("--version").output().is_ok();
    if !found {
        eprintln!("!! SKIPPED: `{name}` is not installed (scripts/deps installs it)");
    }
    found
}

fn pdftotext(bytes: &[u8], dir: &Path) -> Vec<String> {
    let path = dir.join("copy.pdf");
    std::fs::write(&path, bytes).unwrap();
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .unwrap();
    assert!(check.status.success(), "qpdf --check failed");
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn copies_are_numbered_on_and_recalled_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = approved(dir.path());
    let first = issue(
        &mut t.book,
        &request(
            t.meeting,
            vec![
                copy(t.council, Some(Delivery::PrintFile)),
                copy(t.fire, Some(Delivery::Printed)),
            ],
        ),
    );
    let numbers: Vec<_> = first
        .iter()
        .map(|(c, _)| (c.copy_number, c.copies_then, c.recipient.as_str()))
        .collect();
    assert_eq!(
        numbers,
        [(1, 2, "Imogen Threlfall"), (2, 2, "Gethin Rowlatt")]
    );
    let recalled = t
        .book
        .recall_copy(first[0].0.id, "Sent to the wrong address.")
        .unwrap();
    assert_eq!(
        recalled.recall_reason.as_deref(),
        Some("Sent to the wrong address.")
    );
    let again = t.book.recall_copy(first[0].0.id, "Again.").unwrap_err();
    assert_eq!(again.code(), "conflict");
    assert!(again.to_string().contains("already recalled"), "{again}");
    let blank = t.book.recall_copy(first[1].0.id, "  ").unwrap_err();
    assert_eq!(blank.code(), "invalid_input");
    // Re-issuing to the same person makes a new number; the old stays.
    let second = issue(
        &mut t.book,
        &request(t.meeting, vec![copy(t.council, Some(Delivery::PrintFile))]),
    );
    assert_eq!((second[0].0.copy_number, second[0].0.copies_then), (3, 3));
    let record = t.book.issued_copies(t.meeting).unwrap();
    let rows: Vec<_> = record
        .iter()
        .map(|c| (c.copy_number, c.recalled_at.is_some()))
        .collect();
    assert_eq!(rows, [(1, true), (2, false), (3, false)]);
    // The record is searchable by recipient: the copies, with their
    // number, version and whether recalled, opening the meeting.
    let hits: Vec<_> = t
        .book
        .search("Imogen Threlfall")
        .unwrap()
        .into_iter()
        .filter(|h| h.kind == casebook::HitKind::IssuedCopy)
        .map(|h| (h.context, h.meeting_id))
        .collect();
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(hits.iter().all(|(_, m)| *m == Some(t.meeting)), "{hits:?}");
    assert!(
        hits.iter()
            .any(|(c, _)| c.starts_with("Copy 1 of version 1") && c.ends_with("recalled")),
        "{hits:?}"
    );
    // Copy 3's distribution list names every copy so far, the recalled one
    // marked.
    if tool("pdftotext") && tool("qpdf") {
        let pages = pdftotext(&second[0].1, dir.path());
        let all = pages.join("\n");
        assert!(all.contains("Distribution of this version"), "{all}");
        assert!(all.contains("(recalled)"), "{all}");
        assert!(all.contains("Gethin Rowlatt"), "{all}");
    }
    // Prepared copies whose numbers were taken meanwhile are refused.
    let stale = t
        .book
        .prepare_copies(&request(
            t.meeting,
            vec![copy(t.fire, Some(Delivery::PrintFile))],
        ))
        .unwrap();
    issue(
        &mut t.book,
        &request(t.meeting, vec![copy(t.youth, Some(Delivery::PrintFile))]),
    );
    let e = t.book.record_copies(&stale).unwrap_err();
    assert_eq!(e.code(), "conflict");
    assert_eq!(t.book.issued_copies(t.meeting).unwrap().len(), 4);
}

#[test]
fn a_copy_leaves_out_every_word_its_recipient_may_not_see() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = approved(dir.path());
    // Youth justice was not there; consent from the police for them.
    let youth_agency = agency(&t.book, AgencyKind::YouthJustice);
    t.book
        .add_consent(&ConsentInput {
            disclosure_id: t.police_disclosure,
            agency_ids: vec![youth_agency],
            given_by: "Insp. Maren Holt, West Mercia Police".into(),
            given_on: "2026-11-24".into(),
            reference: "WMP/ISA/0091".into(),
        })
        .unwrap();
    let mut req = request(
        t.meeting,
        vec![
            copy(t.fire, Some(Delivery::PrintFile)),
            copy(t.youth, Some(Delivery::PrintFile)),
            CopyRequest {
                withhold: vec![ChairWithhold {
                    item: t.position,
                    disclosure_id: None,
                    reason: "Not for circulation beyond the room".into(),
                }],
                ..copy(t.police, Some(Delivery::PrintFile))
            },
            copy(t.council, Some(Delivery::PrintFile)),
        ],
    );
    let plan = t.book.plan_copies(&req).unwrap();
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    let lines: Vec<Vec<&str>> = plan
        .copies
        .iter()
        .map(|c| c.withheld.iter().map(|w| w.line.as_str()).collect())
        .collect();
    let police_name = "West Mercia Police (Shropshire Division)";
    let no_consent = |agency: &str| {
        format!("Disclosure by {agency} withheld: no consent recorded for this recipient's agency")
    };
    assert_eq!(
        lines,
        [
            vec![no_consent(police_name), no_consent("Shropshire Council")],
            vec![no_consent("Shropshire Council")],
            vec![format!(
                "Item {} withheld by the chair: Not for circulation beyond the room",
                t.position
            )],
            vec![],
        ]
    );
    let issued = issue(&mut t.book, &req);
    if !(tool("pdftotext") && tool("qpdf")) {
        return;
    }
    for ((c, bytes), expect) in
        issued
            .iter()
            .zip([(false, false), (true, false), (false, false), (true, true)])
    {
        if let Some(keep) = std::env::var_os("CIRCULATION_KEEP_DIR") {
            // For looking at the pages: CIRCULATION_KEEP_DIR=DIR cargo test.
            std::fs::write(Path::new(&keep).join(&c.file_name), bytes).unwrap();
        }
        let pages = pdftotext(bytes, dir.path());
        let all = pages.join("\n");
        assert_eq!(
            all.contains(POLICE_CANARY),
            expect.0,
            "copy {}",
            c.copy_number
        );
        assert_eq!(
            all.contains(COUNCIL_CANARY),
            expect.1,
            "copy {}",
            c.copy_number
        );
        let line = format!(
            "Copy {} of 4 — issued to {}, {}",
            c.copy_number, c.recipient, c.agency
        );
        for (n, page) in pages.iter().enumerate() {
            let flat = page.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains(&line), "page {} lacks {line}:\n{page}", n + 1);
        }
        for w in &c.withheld {
            let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.contains(w.as_str()),
                "{w} not in copy {}",
                c.copy_number
            );
        }
    }
    // A chair's withhold must name something the version has.
    req.recipients[0].withhold = vec![ChairWithhold {
        item: 99,
        disclosure_id: None,
        reason: "x".into(),
    }];
    assert_eq!(
        t.book.plan_copies(&req).unwrap_err().code(),
        "invalid_input"
    );
}

#[test]
fn consent_is_checked_when_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = approved(dir.path());
    let police_agency = agency(&t.book, AgencyKind::Police);
    let fire_agency = agency(&t.book, AgencyKind::FireAndRescue);
    let input = |agency_ids: Vec<i64>, given_on: &str| ConsentInput {
        disclosure_id: t.police_disclosure,
        agency_ids,
        given_by: "Insp. Maren Holt".into(),
        given_on: given_on.into(),
        reference: String::new(),
    };
    for (bad, code) in [
        (input(vec![], "2026-11-24"), "invalid_input"),
        (input(vec![police_agency], "2026-11-24"), "invalid_input"),
        (input(vec![fire_agency], "2027-01-01"), "invalid_input"),
        (input(vec![999], "2026-11-24"), "invalid_input"),
    ] {
        assert_eq!(t.book.add_consent(&bad).unwrap_err().code(), code);
    }
    let all = t
        .book
        .add_consent(&input(vec![fire_agency], "2026-11-24"))
        .unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].agency, "Shropshire Fire and Rescue Service");
    let twice = t
        .book
        .add_consent(&input(vec![fire_agency], "2026-11-24"))
        .unwrap_err();
    assert_eq!(twice.code(), "conflict");
    assert_eq!(t.book.consents(t.police_disclosure).unwrap(), all);
}

#[test]
fn encrypted_copies_open_with_age_and_every_file_is_identified() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = approved(dir.path());
    let identity = age::x25519::Identity::generate();
    let council_agency = agency(&t.book, AgencyKind::LocalAuthority);
    // Without a key, encrypted delivery is a problem the plan names.
    let plan = t
        .book
        .plan_copies(&request(t.meeting, vec![copy(t.council, None)]))
        .unwrap();
    assert_eq!(plan.copies[0].delivery, None);
    assert!(
        plan.problems[0].contains("no secure inbox key"),
        "{:?}",
        plan.problems
    );
    let e = t
        .book
        .set_inbox_key(Holder::Agency(council_agency), Some("age1nope"));
    assert_eq!(e.unwrap_err().code(), "invalid_input");
    use age::secrecy::ExposeSecret;
    t.book
        .set_inbox_key(
            Holder::Agency(council_agency),
            Some(&identity.to_public().to_string()),
        )
        .unwrap();
    let mut req = request(
        t.meeting,
        vec![
            copy(t.council, None),
            copy(t.fire, Some(Delivery::PrintFile)),
        ],
    );
    req.unencrypted_accepted = false;
    let plan = t.book.plan_copies(&req).unwrap();
    assert_eq!(plan.copies[0].delivery, Some(Delivery::Encrypted));
    let warning = plan.unencrypted_warning.clone().unwrap();
    assert!(warning.contains(&plan.marking), "{warning}");
    assert_eq!(plan.problems.len(), 1, "{:?}", plan.problems);
    assert_eq!(t.book.prepare_copies(&req).unwrap_err().code(), "conflict");
    req.unencrypted_accepted = true;
    let issued = issue(&mut t.book, &req);
    let (encrypted, sealed) = &issued[0];
    assert!(
        encrypted.file_name.ends_with("_copy1.pdf.age"),
        "{}",
        encrypted.file_name
    );
    assert!(encrypted.covering_note.starts_with(&encrypted.marking));
    assert!(sealed.starts_with(b"age-encryption.org/v1"));

    // Every issued file, and the PDF inside the encrypted one.
    let pdf = age::decrypt(&identity, sealed).unwrap();
    for (bytes, number) in [
        (sealed.clone(), 1),
        (pdf.clone(), 1),
        (issued[1].1.clone(), 2),
    ] {
        let found = t.book.identify_copy(&bytes).unwrap();
        assert_eq!(found.verdict, Verdict::Issued, "{}", found.message);
        assert_eq!(found.copy.unwrap().copy_number, number);
    }
    // One byte changed in the printed copy's page content: it still says
    // whose copy it claims to be, and that it was changed.
    let mut altered = issued[1].1.clone();
    let at = altered.len() / 2;
    altered[at] ^= 0x20;
    std::fs::write(dir.path().join("altered.pdf"), &altered).unwrap();
    let found = t.book.identify_copy(&altered).unwrap();
    assert_eq!(found.verdict, Verdict::Altered, "{}", found.message);
    assert!(found.message.contains("changed since"), "{}", found.message);
    // Not ours at all.
    for foreign in [
        b"%PDF-1.7 something else".to_vec(),
        age::encrypt(&identity.to_public(), b"x").unwrap(),
    ] {
        let found = t.book.identify_copy(&foreign).unwrap();
        assert_eq!(found.verdict, Verdict::Unknown);
        assert!(found.copy.is_none());
    }

    // The Debian age tool opens the encrypted copy with the matching
    // identity, and what comes out is a sound PDF.
    if !(tool("age") && tool("qpdf")) {
        return;
    }
    let key_file = dir.path().join("inbox.key");
    std::fs::write(
        &key_file,
        format!("{}\n", identity.to_string().expose_secret()),
    )
    .unwrap();
    let sealed_file = dir.path().join(&encrypted.file_name);
    std::fs::write(&sealed_file, sealed).unwrap();
    let out_file = dir.path().join("opened.pdf");
    let status = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&key_file)
        .arg("-o")
        .arg(&out_file)
        .arg(&sealed_file)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(std::fs::read(&out_file).unwrap(), pdf);
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&out_file)
        .status()
        .unwrap();
    assert!(check.success());
}
