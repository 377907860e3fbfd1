//! The demo vault: what the app shows when it opens in demo mode, on a
//! fixed "today" and around a year's end.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::path::Path;
use std::str::FromStr;

use casebook::demo::{DEMO_GROUP, DEMO_PASSPHRASE, RECALL_REASON, populate, public_key, schedule};
use casebook::disclosures::{Category, RuleId};
use casebook::{
    ActionFilter, ActionStatus, Actor, AgencyKind, Attendance, CaseFilter, CaseKind, Casebook,
    CopiesRequest, CopyRequest, Delivery, Descriptor, DisclosureFilter, HitKind, KeySource,
    MeetingFilter, MeetingStatus, Minuting,
};
use chrono::NaiveDate;
use common::{Fixed, create};

fn demo(dir: &Path, today: &str) -> Casebook {
    let mut book = create(
        &dir.join("demo.tvault"),
        DEMO_PASSPHRASE,
        Fixed::at(&format!("{today}T09:00:00Z")),
        Actor::Cli,
    );
    populate(&mut book).unwrap();
    book
}

#[test]
fn home_shows_the_next_meetings_the_overdue_actions_and_the_carry_forward() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "2026-11-27");
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let dates: Vec<String> = schedule(today)
        .iter()
        .map(|d| d.format("%Y-%m-%d").to_string())
        .collect();

    let home = book.home().unwrap();
    assert_eq!(home.today, "2026-11-27");
    let next: Vec<&str> = home.next_meetings.iter().map(|m| m.date.as_str()).collect();
    assert_eq!(next, [dates[5].as_str(), dates[6].as_str()]);
    assert!(home.next_meetings.iter().all(|m| m.group_name == DEMO_GROUP
        && m.status == MeetingStatus::Planned
        && m.chair_name.as_deref() == Some("Imogen Threlfall")));
    let overdue: Vec<&str> = home
        .overdue_actions
        .iter()
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(overdue.len(), 3, "{overdue:?}");
    assert!(home.overdue_actions.iter().all(|a| a.overdue
        && a.status == ActionStatus::Open
        && a.due_date.as_str() < "2026-11-27"));
    assert!(home.review_due.is_empty(), "no meeting is a year old");

    // The next meeting carries forward every open action, and only those.
    let page = book.meeting_page(home.next_meetings[0].id).unwrap();
    let carried = &page.carried_forward;
    assert_eq!(carried.len(), 7, "{carried:?}");
    assert!(
        carried
            .iter()
            .all(|c| c.action.status == ActionStatus::Open)
    );
    for o in &home.overdue_actions {
        assert!(carried.iter().any(|c| c.action.id == o.id), "{}", o.text);
    }
    // Its agenda is the usual one with two items added beforehand.
    assert!(
        page.agenda
            .iter()
            .any(|i| i.case_ref.as_deref() == Some("NB-2026-038"))
    );
    assert_eq!(page.agenda.len(), 8);
    let previous = page.previous.unwrap();
    assert_eq!(previous.date, dates[4]);
    assert_eq!(previous.status, MeetingStatus::Held);
}

#[test]
fn held_meetings_have_attendance_apologies_and_closed_actions() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "2026-11-27");
    let meetings = book.meetings(&MeetingFilter::default()).unwrap();
    assert_eq!(meetings.len(), 7);
    let held: Vec<_> = meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Held)
        .collect();
    assert_eq!(held.len(), 5);
    assert!(held.iter().all(|m| m.date.as_str() < "2026-11-27"));
    let mut apologies = 0;
    for m in &held {
        let page = book.meeting_page(m.id).unwrap();
        assert!(
            page.invitations
                .iter()
                .all(|i| i.attendance != Attendance::Invited),
            "{}: attendance not recorded",
            m.date
        );
        apologies += page
            .invitations
            .iter()
            .filter(|i| i.attendance == Attendance::Apologies)
            .count();
        assert!(
            page.agenda.iter().any(|i| i.case_ref.is_some()),
            "{}",
            m.date
        );
        let positions: Vec<i64> = page.agenda.iter().map(|i| i.position).collect();
        assert_eq!(positions, (1..=positions.len() as i64).collect::<Vec<_>>());
        assert_eq!(
            page.agenda.last().unwrap().title,
            "Date of next meeting",
            "added items sit before the end of the agenda"
        );
    }
    assert_eq!(apologies, 6);

    let all = book.actions(&ActionFilter::default()).unwrap();
    let count = |s: ActionStatus| all.iter().filter(|a| a.status == s).count();
    assert_eq!(
        (
            count(ActionStatus::Done),
            count(ActionStatus::Dropped),
            count(ActionStatus::Open)
        ),
        (10, 1, 7)
    );
    let dropped = all
        .iter()
        .find(|a| a.status == ActionStatus::Dropped)
        .unwrap();
    assert!(
        dropped
            .drop_reason
            .as_deref()
            .unwrap()
            .contains("moved out")
    );
    assert!(all.iter().all(|a| a.owner_person_name.is_some()));
    // One closed from the tracker, not at a meeting.
    assert_eq!(
        all.iter()
            .filter(|a| a.status == ActionStatus::Done && a.closed_meeting_id.is_none())
            .count(),
        1
    );
    // A progress note then done: two updates, both at meetings.
    let diversion = all
        .iter()
        .find(|a| a.text.starts_with("Offer diversionary"))
        .unwrap();
    let updates = book.action_updates(diversion.id).unwrap();
    assert_eq!(updates.len(), 2);
    assert!(updates.iter().all(|u| u.meeting_id.is_some()));

    // Invented people only, with example.org addresses.
    for p in book.people(true).unwrap() {
        if let Some(email) = &p.email {
            assert!(email.ends_with(".example.org"), "{email}");
        }
    }
    // The CRC left, and its case manager with it.
    let crc = book
        .agencies(true)
        .unwrap()
        .into_iter()
        .find(|a| a.name.ends_with("CRC"))
        .unwrap();
    assert!(!crc.active);
    assert_eq!(book.people(false).unwrap().len(), 10);
    assert_eq!(book.people(true).unwrap().len(), 11);

    let hits = book.search("NB-2026-033").unwrap();
    let items = hits.iter().filter(|h| h.kind == HitKind::AgendaItem);
    assert!(items.count() >= 3, "{hits:?}");
    assert_eq!(
        hits.iter().filter(|h| h.kind == HitKind::Case).count(),
        1,
        "{hits:?}"
    );
    assert!(hits.iter().all(|h| matches!(
        h.kind,
        HitKind::AgendaItem | HitKind::Case | HitKind::Disclosure
    )));
    // Its two standing disclosures; the withdrawn one is not found.
    assert_eq!(
        hits.iter()
            .filter(|h| h.kind == HitKind::Disclosure)
            .count(),
        2,
        "{hits:?}"
    );
    let report = book.verify().unwrap();
    assert!(report.audit_entries > 100, "{}", report.audit_entries);
}

#[test]
fn every_case_reference_of_the_agendas_is_a_case_with_its_items() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "2026-11-27");

    // Every agency has its kind; the housing partner is housing.
    let kinds: Vec<(String, AgencyKind)> = book
        .agencies(true)
        .unwrap()
        .into_iter()
        .map(|a| (a.name, a.kind))
        .collect();
    assert!(kinds.contains(&("Severnside Housing Trust".into(), AgencyKind::Housing)));
    assert!(kinds.contains(&(
        "West Mercia Police (Shropshire Division)".into(),
        AgencyKind::Police
    )));
    assert!(
        kinds.iter().all(|(_, k)| *k != AgencyKind::Other),
        "{kinds:?}"
    );

    let cases = book.cases(&CaseFilter::default()).unwrap();
    let refs: Vec<&str> = cases.iter().map(|c| c.case_ref.as_str()).collect();
    assert_eq!(
        refs,
        [
            "NB-2026-009",
            "NB-2026-014",
            "NB-2026-021",
            "NB-2026-027",
            "NB-2026-033",
            "NB-2026-038"
        ]
    );
    for m in book.meetings(&MeetingFilter::default()).unwrap() {
        for item in book.meeting_page(m.id).unwrap().agenda {
            let case = cases
                .iter()
                .find(|c| Some(c.case_ref.as_str()) == item.case_ref.as_deref());
            assert_eq!(item.case_id, case.map(|c| c.id), "{}", item.title);
            if item.case_ref.is_some() {
                assert!(case.is_some(), "{} has no case", item.title);
            }
        }
    }
    let kinds: Vec<CaseKind> = cases.iter().map(|c| c.kind).collect();
    for kind in CaseKind::ALL {
        assert!(kinds.contains(kind), "no case of kind {kind:?}");
    }

    // Tanner's Row: an individual with invented personal details, reviewed
    // at three meetings, newest first.
    let tanner = cases.iter().find(|c| c.case_ref == "NB-2026-014").unwrap();
    assert!(tanner.personal_data);
    assert_eq!(tanner.items, 3);
    let page = book.case_page(tanner.id).unwrap();
    assert_eq!(page.case.label, "Adult male, Tanner's Row");
    assert_eq!(page.case.subject_name.as_deref(), Some("Corwin Ashdale"));
    assert_eq!(page.case.aliases.len(), 2);
    let dates: Vec<&str> = page.items.iter().map(|i| i.meeting_date.as_str()).collect();
    let mut newest_first = dates.clone();
    newest_first.sort_unstable_by(|a, b| b.cmp(a));
    assert_eq!(dates, newest_first);
    assert_eq!(
        tanner.last_meeting_date.as_deref(),
        Some(dates[0]),
        "the list's last meeting is the page's first"
    );
    assert!(page.items.iter().all(|i| i.group_name == DEMO_GROUP));
    // The flagged subject and the location.
    let orchard = cases.iter().find(|c| c.case_ref == "NB-2026-033").unwrap();
    assert!(book.case_page(orchard.id).unwrap().case.grc_flag);
    let location = cases.iter().find(|c| c.kind == CaseKind::Location).unwrap();
    assert_eq!(location.label, "Kingfisher Court, communal areas");

    // Search finds a case by its label, never by its personal details.
    let hits = book.search("tanner adult").unwrap();
    assert!(
        hits.iter()
            .any(|h| h.kind == HitKind::Case && h.id == tanner.id)
    );
    assert!(book.search("Ashdale").unwrap().is_empty());
    assert!(book.search("1991").unwrap().is_empty());
}

#[test]
fn the_demo_works_on_any_day() {
    // A year's turn (case references take the first meeting's year), a leap
    // day, and a Tuesday.
    for (today, case_ref) in [
        ("2027-01-02", "NB-2026-014"),
        ("2028-02-29", "NB-2027-014"),
        ("2026-12-01", "NB-2026-014"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let book = demo(dir.path(), today);
        let home = book.home().unwrap();
        assert_eq!(home.next_meetings.len(), 2, "{today}");
        assert_eq!(home.overdue_actions.len(), 3, "{today}");
        let hits = book.search(case_ref).unwrap();
        assert!(!hits.is_empty(), "{today}: {case_ref}");
        let next = book.meeting_page(home.next_meetings[0].id).unwrap();
        assert_eq!(next.carried_forward.len(), 7, "{today}");
    }
}

#[test]
fn held_meetings_have_disclosures_of_every_category_under_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "2026-11-27");
    let mut meetings = book.meetings(&MeetingFilter::default()).unwrap();
    meetings.reverse();
    let mut all = Vec::new();
    let mut out = Vec::new();
    let mut noted = 0;
    for (at, m) in meetings.iter().enumerate() {
        let list = book
            .disclosures(&DisclosureFilter {
                meeting_id: Some(m.id),
                ..DisclosureFilter::default()
            })
            .unwrap();
        if m.status != MeetingStatus::Held {
            assert!(list.is_empty(), "{}", m.date);
            continue;
        }
        let page = book.meeting_page(m.id).unwrap();
        for d in &list {
            // Said by someone present who signed, with a legal basis.
            assert_eq!(d.meeting_date, m.date);
            let signed = page
                .register
                .iter()
                .any(|e| e.person_id == d.person_id && e.withdrawn_at.is_none());
            assert!(signed, "{}: {}", m.date, d.person_name);
            assert!(d.draft.legal_power.is_some() && d.draft.statutory_purpose.is_some());
            assert!(d.case_id.is_some(), "{}", d.draft.text);
            assert!(d.created_at.starts_with(&m.date), "{}", d.created_at);
            if d.draft.category.is_personal() {
                assert_eq!(d.descriptor, Some(Descriptor::PersonalData));
            }
        }
        let minutes = book.minute_taking(m.id).unwrap();
        for item in &minutes.items {
            out.extend(item.out_of_room.iter().map(|o| (at, o.name.clone())));
            noted += usize::from(!item.summary.is_empty() && !item.decisions.is_empty());
        }
        all.extend(list);
    }
    assert_eq!(all.len(), 14);
    for category in Category::ALL {
        assert!(
            all.iter().any(|d| d.draft.category == *category),
            "no {category:?}"
        );
    }
    let conviction = all
        .iter()
        .find(|d| d.draft.category == Category::Conviction)
        .unwrap();
    assert!(!conviction.draft.conviction.as_ref().unwrap().never_spent);
    // Two warnings accepted: R5 on a caution, R7 on a note naming the subject.
    let accepted: Vec<(Category, RuleId)> = all
        .iter()
        .flat_map(|d| d.acceptances.iter().map(|a| (d.draft.category, a.rule)))
        .collect();
    assert_eq!(
        accepted,
        [
            (Category::PoliceCaution, RuleId::R5),
            (Category::Intelligence, RuleId::R7)
        ]
    );
    assert!(all.iter().any(|d| d.minuting == Minuting::Summary));
    let withdrawn: Vec<_> = all.iter().filter(|d| d.withdrawn_at.is_some()).collect();
    assert_eq!(withdrawn.len(), 1);
    assert!(
        withdrawn[0]
            .withdrawn_reason
            .as_deref()
            .unwrap()
            .contains("wrong case")
    );
    let notices: Vec<_> = all.iter().flat_map(|d| &d.notices).collect();
    assert_eq!(notices.len(), 1);
    assert!(notices[0].notified_on.is_some() && notices[0].notified_to.is_some());
    // The declined and the unsigned are out of the room for the case items.
    assert_eq!(
        out,
        [
            (3, "Gethin Rowlatt".to_owned()),
            (3, "Gethin Rowlatt".to_owned()),
            (4, "Dev Ashcombe".to_owned()),
            (4, "Dev Ashcombe".to_owned())
        ]
    );
    assert_eq!(noted, 4);
    // A disclosure is found by its text, never by the discloser's name.
    assert!(
        book.search("pavilion")
            .unwrap()
            .iter()
            .any(|h| h.kind == HitKind::Disclosure)
    );
    assert!(book.verify().is_ok());
}

#[test]
fn held_meetings_minutes_are_approved_but_the_latest_one_corrected() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = demo(dir.path(), "2026-11-27");
    let held = book
        .meetings(&MeetingFilter {
            group_id: None,
            from: None,
            to: None,
            status: Some(MeetingStatus::Held),
            limit: None,
        })
        .unwrap();
    // Newest first: the latest a draft, the one before it corrected.
    let versions: Vec<usize> = held
        .iter()
        .map(|m| book.minutes(m.id).unwrap().versions.len())
        .collect();
    assert_eq!(versions, [0, 2, 1, 1, 1]);
    let corrected = book.minutes(held[1].id).unwrap();
    let v2 = &corrected.versions[1];
    assert_eq!(
        v2.reason.as_deref(),
        Some(casebook::demo::CORRECTION_REASON)
    );
    assert_eq!(v2.approved_by, "Imogen Threlfall");
    assert!(!corrected.draft_differs);
    let changes = book.minutes_changes(held[1].id, 1, 2).unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(changes[0].added[0].ends_with("The housing officer visited on the Thursday."));
    // Each version is at its minimum marking, and exports.
    for m in &held[1..] {
        let page = book.minutes(m.id).unwrap();
        for v in &page.versions {
            let minimum = &book
                .minutes_version(m.id, v.version)
                .unwrap()
                .content
                .minimum_marking;
            assert_eq!(v.marking.text, minimum.text);
        }
    }
    let file = book.export_minutes(held[1].id, Some(2)).unwrap();
    assert!(
        file.file_name
            .ends_with("_minutes_v2_OFFICIAL-SENSITIVE.pdf"),
        "{}",
        file.file_name
    );
}

/// The demo's key files as shipped, secret halves included: agency, file.
const KEY_FILES: [(&str, &str); 3] = [
    (
        "Shropshire Council",
        include_str!("../../../../assets/demo/inbox-keys/shropshire-council.key"),
    ),
    (
        "West Mercia Police (Shropshire Division)",
        include_str!("../../../../assets/demo/inbox-keys/west-mercia-police.key"),
    ),
    (
        "Shropshire Fire and Rescue Service",
        include_str!("../../../../assets/demo/inbox-keys/shropshire-fire-and-rescue.key"),
    ),
];

/// The secret half of a key file, as `age` reads it.
fn identity(key_file: &str) -> age::x25519::Identity {
    let line = key_file
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .unwrap();
    age::x25519::Identity::from_str(line).unwrap()
}

/// The held meetings, newest first: the latest (a draft), then the one
/// with the latest approved minutes (version 2).
fn held(book: &Casebook) -> Vec<casebook::Meeting> {
    book.meetings(&MeetingFilter {
        status: Some(MeetingStatus::Held),
        ..MeetingFilter::default()
    })
    .unwrap()
}

#[test]
fn the_latest_approved_minutes_are_circulated_with_keys_consent_and_a_recall() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "2026-11-27");

    // Three agencies have the shipped files' public keys; no one else has.
    let agencies = book.agencies(true).unwrap();
    for (name, file) in KEY_FILES {
        let a = agencies.iter().find(|a| a.name == name).unwrap();
        let key = public_key(file).unwrap();
        assert!(key.starts_with("age1"), "{name}");
        assert_eq!(a.inbox_key.as_deref(), Some(key), "{name}");
    }
    assert_eq!(agencies.iter().filter(|a| a.inbox_key.is_some()).count(), 3);
    assert!(
        book.people(true)
            .unwrap()
            .iter()
            .all(|p| p.inbox_key.is_none())
    );

    // Copies of version 2 of the corrected minutes only.
    let held = held(&book);
    let corrected = &held[1];
    for m in held.iter().filter(|m| m.id != corrected.id) {
        assert!(book.issued_copies(m.id).unwrap().is_empty(), "{}", m.date);
    }
    let copies = book.issued_copies(corrected.id).unwrap();
    let rows: Vec<(i64, i64, i64, &str, Delivery, bool)> = copies
        .iter()
        .map(|c| {
            (
                c.version,
                c.copy_number,
                c.copies_then,
                c.recipient.as_str(),
                c.delivery,
                c.recalled_at.is_some(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (2, 1, 4, "Imogen Threlfall", Delivery::Encrypted, false),
            (2, 2, 4, "Callum Ferrow", Delivery::Encrypted, true),
            (2, 3, 4, "Gethin Rowlatt", Delivery::Encrypted, false),
            (2, 4, 4, "Niamh Castellan", Delivery::Printed, false),
            (2, 5, 5, "Callum Ferrow", Delivery::Encrypted, false),
        ]
    );
    for c in &copies {
        let encrypted = c.delivery == Delivery::Encrypted;
        assert_eq!(
            c.file_name.ends_with(".pdf.age"),
            encrypted,
            "{}",
            c.file_name
        );
        assert!(
            c.file_name.ends_with(".pdf") || encrypted,
            "{}",
            c.file_name
        );
        // The file of an encrypted copy is not the PDF inside it.
        assert_eq!(c.sha256 != c.pdf_sha256, encrypted, "{}", c.file_name);
        assert!(c.issued_at.as_str() > corrected.date.as_str());
        assert!(c.issued_at.as_str() < "2026-11-27", "{}", c.issued_at);
        assert!(c.covering_note.starts_with(&c.marking));
    }
    assert!(copies.iter().any(|c| c.delivery == Delivery::Encrypted));
    assert!(copies.iter().any(|c| c.delivery != Delivery::Encrypted));

    // One recalled, with its reason.
    let recalled: Vec<_> = copies.iter().filter(|c| c.recalled_at.is_some()).collect();
    assert_eq!(recalled.len(), 1);
    assert_eq!(recalled[0].recall_reason.as_deref(), Some(RECALL_REASON));

    // The fire advisor was out of the room for the item with the police's
    // harassment warning, so his copy withholds it; the nurse sent
    // apologies, but the police's consent for health lets it into hers.
    let police = "West Mercia Police (Shropshire Division)";
    let withheld: Vec<(&str, &[String])> = copies
        .iter()
        .filter(|c| !c.withheld.is_empty())
        .map(|c| (c.recipient.as_str(), c.withheld.as_slice()))
        .collect();
    assert_eq!(
        withheld,
        [(
            "Gethin Rowlatt",
            &[format!(
                "Disclosure by {police} withheld: no consent recorded for this recipient's agency"
            )][..]
        )]
    );
    let warning = book
        .disclosures(&DisclosureFilter {
            meeting_id: Some(corrected.id),
            ..DisclosureFilter::default()
        })
        .unwrap()
        .into_iter()
        .find(|d| d.draft.category == Category::HarassmentWarning)
        .unwrap();
    let consents = book.consents(warning.id).unwrap();
    assert_eq!(consents.len(), 1, "{consents:?}");
    assert_eq!(
        consents[0].agency,
        "Shropshire Clinical Commissioning Group"
    );
    assert!(consents[0].given_on.as_str() <= &consents[0].recorded_at[..10]);

    // Each is in the audit trail, and the vault verifies.
    assert!(book.verify().is_ok());
}

#[test]
fn the_shipped_secret_keys_open_copies_encrypted_to_the_demo_keys() {
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "2026-11-27");
    let corrected = held(&book)[1].id;
    let people = book.people(false).unwrap();
    // One recipient at each keyed agency, prepared (not recorded).
    let recipients: Vec<i64> = KEY_FILES
        .iter()
        .map(|(agency, _)| people.iter().find(|p| p.agency_name == *agency).unwrap().id)
        .collect();
    let prepared = book
        .prepare_copies(&CopiesRequest {
            meeting_id: corrected,
            version: 2,
            recipients: recipients
                .iter()
                .map(|id| CopyRequest {
                    person_id: *id,
                    delivery: None,
                    withhold: Vec::new(),
                })
                .collect(),
            unencrypted_accepted: false,
        })
        .unwrap();
    assert_eq!(prepared.copies.len(), 3);
    for (i, (c, (agency, file))) in prepared.copies.iter().zip(KEY_FILES).enumerate() {
        assert_eq!(c.planned.agency, agency);
        assert_eq!(c.planned.delivery, Some(Delivery::Encrypted), "{agency}");
        assert_eq!(c.planned.key, Some(KeySource::Agency), "{agency}");
        assert!(c.bytes.starts_with(b"age-encryption.org/v1"), "{agency}");
        let pdf = age::decrypt(&identity(file), &c.bytes).unwrap();
        assert!(pdf.starts_with(b"%PDF"), "{agency}");
        // Another agency's secret does not open it.
        let (_, other) = KEY_FILES[(i + 1) % KEY_FILES.len()];
        assert!(
            age::decrypt(&identity(other), &c.bytes).is_err(),
            "{agency}"
        );
    }
    // Preparing recorded nothing.
    assert_eq!(book.issued_copies(corrected).unwrap().len(), 5);
}

#[test]
fn the_demo_has_information_requests_at_every_stage() {
    use casebook::requests::progress::Stage;
    use casebook::requests::{Decision, Direction, RequestFilter};
    let dir = tempfile::tempdir().unwrap();
    let book = demo(dir.path(), "2026-11-27");
    let all = book.requests(&RequestFilter::default()).unwrap();
    let stages: Vec<(Direction, Stage, bool, Option<Decision>)> = all
        .iter()
        .map(|r| {
            (
                r.direction,
                r.progress.stage,
                r.progress.overdue,
                r.decision,
            )
        })
        .collect();
    // Soonest due first: the overdue one, the one made by us two days ago,
    // yesterday's emergency; then the decided ones, newest first.
    assert_eq!(
        stages,
        [
            (Direction::Received, Stage::AwaitingResponse, true, None),
            (Direction::Made, Stage::AwaitingResponse, false, None),
            (Direction::Received, Stage::ToComplete, false, None),
            (
                Direction::Received,
                Stage::Decided,
                false,
                Some(Decision::Refused)
            ),
            (
                Direction::Received,
                Stage::Decided,
                false,
                Some(Decision::Part)
            ),
        ]
    );
    let emergency = &all[2];
    assert!(emergency.emergency);
    let refused = book.request(all[3].id).unwrap();
    assert_eq!(
        refused.decision_reasons.as_deref(),
        Some(casebook::demo::REFUSAL_REASONS)
    );
    let part = book.request(all[4].id).unwrap();
    assert_eq!(part.notices.len(), 1);
    assert!(part.quality.is_some());
    // Home nags about the overdue one and the emergency to complete.
    let home = book.home().unwrap();
    let nagged: Vec<i64> = home.requests.iter().map(|r| r.id).collect();
    assert_eq!(nagged, [all[0].id, all[2].id]);
    // Every form renders as a PDF.
    for r in &all {
        let file = book.request_file(r.id).unwrap();
        assert!(file.bytes.starts_with(b"%PDF-"), "request {}", r.id);
    }
}
