//! Minutes through the public API of `Casebook`: the draft assembled from
//! the records (attendance and the register, notes, disclosures as each may
//! be minuted, actions, the next meeting, the notice), its minimum marking
//! (R10), approval by the chair (refused before the meeting is held, below
//! the minimum, and when nothing changed), versions frozen against later
//! changes, a correction with its reason, and what changed between them.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::path::Path;

use casebook::minutes::{AgreementStatus, MinutedDisclosure};
use casebook::{
    ActionInput, Actor, AgencyKind, AgendaItemInput, AgendaItemKind, Attendance, AttendanceInput,
    Casebook, Descriptor, Marking, MeetingStatus, MinutesApprove, Minuting,
};
use common::{
    Fixed, agency, create, drawn, group, incident, meeting_input, officer, recent_actions,
};

struct Held {
    book: Casebook,
    meeting: i64,
    item: i64,
    next: i64,
}

fn attend(book: &mut Casebook, meeting: i64, person: i64, attendance: Attendance, late: bool) {
    book.set_attendance(&AttendanceInput {
        meeting_id: meeting,
        person_id: person,
        attendance,
        written_update: attendance == Attendance::Apologies,
        arrived_at: late.then(|| "10:20".into()),
        left_at: None,
    })
    .unwrap();
}

/// A meeting today with the police sergeant (chair, signed), the council
/// officer (signed, late), the fire advisor (present, declined; out of the
/// room for the case item) and the probation officer (apologies, written
/// update); under the case item three disclosures, in full, as a summary
/// and not minuted, and a withdrawn one; an action; the group's next
/// meeting planned.
fn held(dir: &Path) -> Held {
    let mut book = create(
        &dir.join("m.tvault"),
        "minutes test passphrase",
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
    let probation = person("Zoë Łukasiewicz-O'Brien", AgencyKind::Probation);
    let mut input = meeting_input(group, "2026-11-25", "Northbrook Community Hub");
    input.chair_id = Some(police);
    input.minute_taker_id = Some(council);
    let meeting = book
        .plan_meeting(&input, &[police, council, fire, probation])
        .unwrap()
        .meeting
        .id;
    let next = book
        .plan_meeting(
            &meeting_input(group, "2026-12-16", "Northbrook Community Hub"),
            &[],
        )
        .unwrap()
        .meeting
        .id;
    attend(&mut book, meeting, police, Attendance::Present, false);
    attend(&mut book, meeting, council, Attendance::Present, true);
    attend(&mut book, meeting, fire, Attendance::Present, false);
    attend(&mut book, meeting, probation, Attendance::Apologies, false);
    book.sign(meeting, &drawn(police)).unwrap();
    book.sign(meeting, &drawn(council)).unwrap();
    book.decline(
        meeting,
        &casebook::DeclineInput {
            signer: casebook::Signer {
                person_id: Some(fire),
                newcomer: None,
            },
            reason: "Prefers to leave the room for case items".into(),
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
                marking: Marking::Official,
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
    book.save_item_notes(
        item,
        "Damage continues at weekends.",
        "Joint visit by police and council.",
    )
    .unwrap();
    book.add_disclosure(&incident(
        item,
        police,
        "Four reports of damage to the shop front since October.",
    ))
    .unwrap();
    book.add_disclosure(&casebook::DisclosureInput {
        minuting: Minuting::Summary,
        minute_summary: Some("Council holds tenancy warnings for the address.".into()),
        marking: Some(Marking::OfficialSensitive),
        ..incident(
            item,
            council,
            "Two written tenancy warnings were given in September.",
        )
    })
    .unwrap();
    book.add_disclosure(&casebook::DisclosureInput {
        minuting: Minuting::NotMinuted,
        ..incident(item, council, "A third warning is being drafted.")
    })
    .unwrap();
    let wrong = book
        .add_disclosure(&incident(item, police, "Recorded under the wrong item."))
        .unwrap();
    book.withdraw_disclosure(wrong.id, "Wrong item.").unwrap();
    book.add_action(&ActionInput {
        text: "Joint visit to the shop on Tanner's Row".into(),
        owner_agency_id: agency(&book, AgencyKind::LocalAuthority),
        owner_person_id: Some(council),
        due_date: "2026-12-09".into(),
        raised_meeting_id: meeting,
        raised_item_id: Some(item),
    })
    .unwrap();
    Held {
        book,
        meeting,
        item,
        next,
    }
}

#[test]
fn the_draft_is_assembled_from_the_records() {
    let dir = tempfile::tempdir().unwrap();
    let t = held(dir.path());
    let page = t.book.minutes(t.meeting).unwrap();
    let d = &page.draft;
    assert!(page.versions.is_empty() && page.draft_differs);
    assert_eq!(d.group_name, "Northbrook Bronze Tasking Group");
    assert_eq!(d.chair.as_deref(), Some("Callum Ferrow"));
    assert_eq!(d.minute_taker.as_deref(), Some("Imogen Threlfall"));
    let present: Vec<_> = d
        .present
        .iter()
        .map(|a| (a.name.as_str(), a.agreement, a.arrived_at.as_deref()))
        .collect();
    assert_eq!(
        present,
        [
            ("Imogen Threlfall", AgreementStatus::Signed, Some("10:20")),
            ("Gethin Rowlatt", AgreementStatus::Declined, None),
            ("Callum Ferrow", AgreementStatus::Signed, None),
        ]
    );
    let item = d.items.last().unwrap();
    assert_eq!(d.present[1].out_of_room_for, [item.position]);
    assert_eq!(item.out_of_room, ["Gethin Rowlatt"]);
    assert_eq!(d.apologies.len(), 1);
    assert_eq!(d.apologies[0].name, "Zoë Łukasiewicz-O'Brien");
    assert!(d.apologies[0].written_update);
    assert_eq!(item.summary, "Damage continues at weekends.");
    assert_eq!(item.decisions, "Joint visit by police and council.");
    // In full, as the summary, only that one was made; the withdrawn one
    // left out.
    assert_eq!(item.disclosures.len(), 3, "{:?}", item.disclosures);
    assert!(matches!(
        &item.disclosures[0],
        MinutedDisclosure::Full { person, text, .. }
            if person == "Callum Ferrow" && text.starts_with("Four reports")
    ));
    assert!(matches!(
        &item.disclosures[1],
        MinutedDisclosure::Summary { summary, .. }
            if summary == "Council holds tenancy warnings for the address."
    ));
    assert!(matches!(
        &item.disclosures[2],
        MinutedDisclosure::NotMinuted { agency } if agency.contains("Council")
    ));
    let json = serde_json::to_string(d).unwrap();
    for hidden in [
        "Two written tenancy warnings",
        "A third warning",
        "wrong item",
    ] {
        assert!(!json.contains(hidden), "{hidden} is in the minutes");
    }
    assert_eq!(item.actions.len(), 1);
    assert_eq!(
        item.actions[0].owner,
        "Shropshire Council (Imogen Threlfall)"
    );
    assert_eq!(d.next_meeting.as_deref(), Some("2026-12-16"));
    assert!(d.notice.contains("third party"));
    assert_eq!(d.register.len(), 3);
    assert_eq!(d.register[0].strokes.len(), 1);
    // R10: the summary's OFFICIAL-SENSITIVE; PERSONAL DATA as the
    // disclosures are about a person (an individual's case reference).
    assert_eq!(d.minimum_marking.marking, Marking::OfficialSensitive);
    assert_eq!(d.minimum_marking.descriptors, [Descriptor::PersonalData]);
    assert_eq!(d.minimum_marking.text, "OFFICIAL-SENSITIVE PERSONAL DATA");
    let _ = t.next;
}

#[test]
fn the_chair_approves_versions_that_later_changes_do_not_alter() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = held(dir.path());
    let approve = |marking, reason: Option<&str>| MinutesApprove {
        meeting_id: t.meeting,
        marking,
        recipients_only: false,
        reason: reason.map(Into::into),
    };
    // Not before the meeting is held.
    let e = t
        .book
        .approve_minutes(&approve(Marking::OfficialSensitive, None))
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    assert!(
        e.to_string()
            .starts_with("Minutes are approved once the meeting is held.")
    );
    t.book
        .set_meeting_status(t.meeting, MeetingStatus::Held)
        .unwrap();
    // Never below the minimum: the refusal names what requires it.
    let e = t
        .book
        .approve_minutes(&approve(Marking::Official, None))
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(
        e.to_string()
            .starts_with("Marking: cannot be OFFICIAL because item ")
            && e.to_string().contains("is marked OFFICIAL-SENSITIVE"),
        "{e}"
    );
    // A first version takes no reason.
    let e = t
        .book
        .approve_minutes(&approve(Marking::OfficialSensitive, Some("Because.")))
        .unwrap_err();
    assert!(
        e.to_string().starts_with("Reason for the correction:"),
        "{e}"
    );
    let page = t
        .book
        .approve_minutes(&MinutesApprove {
            recipients_only: true,
            ..approve(Marking::OfficialSensitive, None)
        })
        .unwrap();
    assert_eq!(page.versions.len(), 1);
    let v1 = &page.versions[0];
    assert_eq!(v1.version, 1);
    assert_eq!(v1.approved_by, "Callum Ferrow");
    assert_eq!(v1.approved_at, "2026-11-25T16:05:00Z");
    assert!(
        v1.marking
            .text
            .starts_with("OFFICIAL-SENSITIVE RECIPIENTS ONLY")
    );
    assert!(!page.draft_differs);
    assert!(page.changed_since_approval.is_empty());
    assert_eq!(
        recent_actions(&t.book, 1),
        [("minutes.approve".to_owned(), format!("{}/1", t.meeting))]
    );
    let frozen = t.book.minutes_version(t.meeting, 1).unwrap();
    assert_eq!(
        casebook::minutes::versions::frozen(&frozen.content)
            .unwrap()
            .1,
        v1.sha256
    );
    // Approving again with nothing changed is refused.
    let e = t
        .book
        .approve_minutes(&MinutesApprove {
            recipients_only: true,
            ..approve(Marking::OfficialSensitive, Some("Again."))
        })
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("Nothing has changed since version 1"),
        "{e}"
    );

    // A later change to the records changes the draft, not version 1.
    t.book
        .save_item_notes(
            t.item,
            "Damage continues at weekends and on market days.",
            "Joint visit by police and council.",
        )
        .unwrap();
    let page = t.book.minutes(t.meeting).unwrap();
    assert!(page.draft_differs);
    assert_eq!(page.changed_since_approval.len(), 1);
    let change = &page.changed_since_approval[0];
    assert!(change.section.starts_with("Item "), "{change:?}");
    assert_eq!(change.removed, ["Summary: Damage continues at weekends."]);
    assert_eq!(
        change.added,
        ["Summary: Damage continues at weekends and on market days."]
    );
    assert_eq!(t.book.minutes_version(t.meeting, 1).unwrap(), frozen);

    // The correction: a reason is needed, then it is version 2.
    let e = t
        .book
        .approve_minutes(&approve(Marking::OfficialSensitive, Some("  ")))
        .unwrap_err();
    assert!(
        e.to_string().starts_with("Reason for the correction:"),
        "{e}"
    );
    let page = t
        .book
        .approve_minutes(&approve(
            Marking::OfficialSensitive,
            Some("Market days added at the chair's request."),
        ))
        .unwrap();
    assert_eq!(page.versions.len(), 2);
    assert_eq!(
        page.versions[1].reason.as_deref(),
        Some("Market days added at the chair's request.")
    );
    assert_ne!(page.versions[1].sha256, page.versions[0].sha256);
    let changes = t.book.minutes_changes(t.meeting, 1, 2).unwrap();
    assert_eq!(changes, vec![change.clone()]);
    assert_eq!(t.book.minutes_version(t.meeting, 1).unwrap(), frozen);
    let e = t.book.minutes_version(t.meeting, 3).unwrap_err();
    assert_eq!(e.code(), "not_found");
}

fn tool(name: &str) -> bool {
    std::process::Command::new(name)
        .arg("--version")
        .output()
        .is_ok()
}

fn pdftotext(bytes: &[u8], dir: &Path) -> String {
    let path = dir.join("x.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    let check = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .unwrap();
    assert!(check.status.success(), "qpdf --check failed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn minutes_export_as_pdf_an_approved_version_always_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = held(dir.path());
    // The draft: the banner on every page, dated now, named as a draft.
    let draft = t.book.export_minutes(t.meeting, None).unwrap();
    assert_eq!(
        draft.file_name,
        "Northbrook-Bronze-Tasking-Group_2026-11-25_minutes_DRAFT_OFFICIAL-SENSITIVE.pdf"
    );
    assert_eq!(
        recent_actions(&t.book, 1),
        [("minutes.export".to_owned(), format!("{}/draft", t.meeting))]
    );
    t.book
        .set_meeting_status(t.meeting, MeetingStatus::Held)
        .unwrap();
    t.book
        .approve_minutes(&MinutesApprove {
            meeting_id: t.meeting,
            marking: Marking::OfficialSensitive,
            recipients_only: true,
            reason: None,
        })
        .unwrap();
    let v1 = t.book.export_minutes(t.meeting, Some(1)).unwrap();
    assert_eq!(
        v1.file_name,
        "Northbrook-Bronze-Tasking-Group_2026-11-25_minutes_v1_OFFICIAL-SENSITIVE.pdf"
    );
    // Later changes to the records do not change version 1's file.
    t.book
        .save_item_notes(t.item, "Changed after approval.", "")
        .unwrap();
    let again = t.book.export_minutes(t.meeting, Some(1)).unwrap();
    assert_eq!(again, v1, "the same version renders to the same bytes");
    assert!(v1.bytes.starts_with(b"%PDF-"));
    if !(tool("pdftotext") && tool("qpdf")) {
        eprintln!("pdftotext or qpdf missing: the PDFs' text is not checked");
        return;
    }
    let text = pdftotext(&draft.bytes, dir.path());
    assert!(text.contains("DRAFT — NOT FOR CIRCULATION"), "{text}");
    let text = pdftotext(&v1.bytes, dir.path());
    assert!(!text.contains("DRAFT"));
    assert!(text.contains("OFFICIAL-SENSITIVE RECIPIENTS ONLY PERSONAL DATA"));
    for expected in [
        "Zoë Łukasiewicz-O'Brien",
        "Damage continues at weekends.",
        "Council holds tenancy warnings for the address.",
        "Joint visit to the shop on Tanner's Row",
        "not minuted",
        "third party",
        "Appendix: confidentiality agreement register",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    for hidden in [
        "Two written tenancy warnings",
        "A third warning",
        "Changed after",
    ] {
        assert!(!text.contains(hidden), "{hidden} is in the PDF");
    }
}

#[test]
fn a_character_the_font_cannot_print_is_refused_naming_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = held(dir.path());
    t.book
        .save_item_notes(t.item, "Agreed \u{1F44D} by all.", "")
        .unwrap();
    let e = t.book.export_minutes(t.meeting, None).unwrap_err();
    assert_eq!(e.code(), "unprintable");
    let position = t
        .book
        .minutes(t.meeting)
        .unwrap()
        .draft
        .items
        .last()
        .unwrap()
        .position;
    assert!(
        e.to_string().contains(&format!("item {position} summary")),
        "{e}"
    );
}

/// A version approved by this release, as stored: every later release must
/// still read it (`versions::get` parses the stored JSON into today's
/// `MinutesContent`), so fields are only ever added, with serde defaults.
const STORED_V1: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../tests/vectors/casebook/minutes-content-v1.json"
);

#[test]
fn a_version_stored_by_an_earlier_release_still_reads() {
    if std::env::var_os("UPDATE_MINUTES_FIXTURE").is_some() {
        let dir = tempfile::tempdir().unwrap();
        let mut t = held(dir.path());
        t.book
            .set_meeting_status(t.meeting, MeetingStatus::Held)
            .unwrap();
        t.book
            .approve_minutes(&MinutesApprove {
                meeting_id: t.meeting,
                marking: Marking::OfficialSensitive,
                recipients_only: false,
                reason: None,
            })
            .unwrap();
        let v = t.book.minutes_version(t.meeting, 1).unwrap();
        let (json, _) = casebook::minutes::versions::frozen(&v.content).unwrap();
        std::fs::write(STORED_V1, json).unwrap();
        return;
    }
    let json = std::fs::read_to_string(STORED_V1).unwrap();
    let content: casebook::MinutesContent = serde_json::from_str(&json)
        .expect("minutes stored by an earlier release no longer read: add fields with defaults");
    // The same records assembled today say the same, although the stored
    // version has none of the ids kept since for circulation.
    let dir = tempfile::tempdir().unwrap();
    let mut t = held(dir.path());
    t.book
        .set_meeting_status(t.meeting, MeetingStatus::Held)
        .unwrap();
    let draft = t.book.minutes(t.meeting).unwrap().draft;
    assert_ne!(draft, content, "today's draft carries ids");
    assert!(draft.says_the_same_as(&content));
    assert_eq!(content.group_name, "Northbrook Bronze Tasking Group");
    assert_eq!(content.present.len(), 3);
    assert_eq!(content.apologies[0].name, "Zoë Łukasiewicz-O'Brien");
    let item = content.items.last().unwrap();
    assert_eq!(item.disclosures.len(), 3);
    assert_eq!(content.register.len(), 3);
    assert_eq!(
        content.minimum_marking.text,
        "OFFICIAL-SENSITIVE PERSONAL DATA"
    );
}

#[test]
fn what_changed_covers_every_part_the_minutes_print() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = held(dir.path());
    let before = t.book.minutes(t.meeting).unwrap().draft;
    // An arrival time, an action under no item, an inaccuracy notice.
    let present = before.present[1].name.clone();
    let fire = t
        .book
        .people(true)
        .unwrap()
        .into_iter()
        .find(|p| p.name == present)
        .unwrap()
        .id;
    attend(&mut t.book, t.meeting, fire, Attendance::Present, true);
    t.book
        .add_action(&ActionInput {
            text: "Write to the landlord".into(),
            owner_agency_id: agency(&t.book, AgencyKind::LocalAuthority),
            owner_person_id: None,
            due_date: "2026-12-09".into(),
            raised_meeting_id: t.meeting,
            raised_item_id: None,
        })
        .unwrap();
    let after = t.book.minutes(t.meeting).unwrap().draft;
    let changes = casebook::minutes::versions::changes(&before, &after);
    let sections: Vec<&str> = changes.iter().map(|c| c.section.as_str()).collect();
    assert_eq!(sections, ["Present", "Other actions"], "{changes:?}");
    assert_eq!(
        changes[1].added,
        ["Action: Write to the landlord (Shropshire Council, due 2026-12-09)"]
    );
}

#[test]
fn the_agenda_exports_before_the_meeting_marked_as_its_highest_item() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = held(dir.path());
    let file = t.book.export_agenda(t.next).unwrap();
    assert_eq!(
        file.file_name,
        "Northbrook-Bronze-Tasking-Group_2026-12-16_agenda_OFFICIAL-SENSITIVE.pdf"
    );
    assert_eq!(
        recent_actions(&t.book, 1),
        [("agenda.export".to_owned(), t.next.to_string())]
    );
    if !(tool("pdftotext") && tool("qpdf")) {
        eprintln!("pdftotext or qpdf missing: the PDF's text is not checked");
        return;
    }
    let text = pdftotext(&file.bytes, dir.path());
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.first(), Some(&"OFFICIAL-SENSITIVE PERSONAL DATA"));
    for expected in [
        "Agenda of the Bronze Level Tasking meeting",
        "Wednesday 16 December 2026, 10:00",
        "1. Introductions and",
        "Actions carried forward",
        "Joint visit to the shop on Tanner's Row",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}

#[test]
fn the_next_meeting_is_the_next_one_not_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = held(dir.path());
    t.book
        .set_meeting_status(t.next, MeetingStatus::Cancelled)
        .unwrap();
    assert_eq!(t.book.minutes(t.meeting).unwrap().draft.next_meeting, None);
    let group = t.book.meeting_page(t.meeting).unwrap().meeting.group_id;
    t.book
        .plan_meeting(
            &meeting_input(group, "2027-01-13", "Northbrook Community Hub"),
            &[],
        )
        .unwrap();
    assert_eq!(
        t.book
            .minutes(t.meeting)
            .unwrap()
            .draft
            .next_meeting
            .as_deref(),
        Some("2027-01-13")
    );
}

#[test]
fn an_invitee_whose_attendance_was_not_recorded_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = held(dir.path());
    assert!(
        t.book
            .minutes(t.meeting)
            .unwrap()
            .draft
            .not_recorded
            .is_empty()
    );
    let youth = agency(&t.book, AgencyKind::YouthJustice);
    let person = officer(&mut t.book, "Ffion Penhallow", youth);
    t.book.invite(t.meeting, person).unwrap();
    let d = t.book.minutes(t.meeting).unwrap().draft;
    let names: Vec<&str> = d.not_recorded.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Ffion Penhallow"]);
    assert!(d.present.iter().all(|a| a.name != "Ffion Penhallow"));
}
