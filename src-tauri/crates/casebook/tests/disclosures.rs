//! Disclosures through the public API of `Casebook`: each rule reaches the
//! save (R1 a 13-month-old caution, R4 a police opinion, R9 an unsigned
//! attendee until marked out of the room, R7 a warning refused unaccepted
//! and saved accepted, with the acceptance in the audit trail; R7 on the
//! minute summary, one acceptance covering both its warnings), the
//! marking, withdrawal, inaccuracy notices, search, the case page, a change
//! of case reference, and the minute-taker's view.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::path::Path;

use casebook::disclosures::{Category, CautionDetails, CautionKind, Level, Nature, RuleId};
use casebook::{
    Actor, AgencyKind, AgendaItemInput, AgendaItemKind, Attendance, AttendanceInput, CaseInput,
    CaseKind, Casebook, Descriptor, DisclosureFilter, DisclosureInput, HitKind, InaccuracyInput,
    Marking, MeetingStatus, Minuting,
};
use common::{
    Fixed, agency, case_input, create, drawn, group, incident, meeting_input, officer,
    recent_actions,
};

/// A meeting in progress today with three people present: a police
/// sergeant and a council officer who signed, and a fire advisor who has
/// not; an item about case NB-2026-014 (an individual with a recorded name).
struct Table {
    book: Casebook,
    meeting: i64,
    item: i64,
    police: i64,
    council: i64,
    fire: i64,
}

fn table(dir: &Path) -> Table {
    let mut book = create(
        &dir.join("d.tvault"),
        "disclosures test passphrase",
        Fixed::at("2026-11-25T14:05:00Z"),
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
    let meeting = book
        .plan_meeting(
            &meeting_input(group, "2026-11-25", "Northbrook Community Hub"),
            &[police, council, fire],
        )
        .unwrap()
        .meeting
        .id;
    for p in [police, council, fire] {
        book.set_attendance(&AttendanceInput {
            meeting_id: meeting,
            person_id: p,
            attendance: Attendance::Present,
            written_update: false,
            arrived_at: None,
            left_at: None,
        })
        .unwrap();
    }
    book.sign(meeting, &drawn(police)).unwrap();
    book.sign(meeting, &drawn(council)).unwrap();
    book.add_case(&CaseInput {
        subject_name: Some("Corwin Ashdale".into()),
        aliases: vec!["Cory Ash".into()],
        ..case_input(
            "NB-2026-014",
            CaseKind::Individual,
            "Adult male, Tanner's Row",
        )
    })
    .unwrap();
    let page = book
        .add_agenda_item(
            meeting,
            &AgendaItemInput {
                kind: AgendaItemKind::CaseReview,
                title: "Adult male, Tanner's Row".into(),
                case_ref: Some("NB-2026-014".into()),
                presenting_agency_id: None,
                marking: Marking::OfficialSensitive,
                descriptor: None,
            },
        )
        .unwrap();
    let item = page.agenda.last().unwrap().id;
    book.set_meeting_status(meeting, MeetingStatus::InProgress)
        .unwrap();
    Table {
        book,
        meeting,
        item,
        police,
        council,
        fire,
    }
}

const GRAFFITI: &str = "Graffiti reported on the underpass wall on 20 November.";

#[test]
fn an_unsigned_attendee_stops_every_disclosure_until_marked_out_of_the_room() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = table(dir.path());
    let input = incident(t.item, t.council, GRAFFITI);
    let check = t.book.check_disclosure(None, &input).unwrap();
    assert!(!check.can_save);
    let r9: Vec<_> = check
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::R9)
        .collect();
    assert_eq!(r9.len(), 1, "{:?}", check.findings);
    assert_eq!(r9[0].field, "attendance");
    assert!(
        r9[0].message.contains("Gethin Rowlatt"),
        "{}",
        r9[0].message
    );
    let e = t.book.add_disclosure(&input).unwrap_err();
    assert_eq!(e.code(), "disclosure_blocked");
    assert!(e.to_string().contains("Gethin Rowlatt"), "{e}");
    assert!(
        t.book.disclosures(&item_filter(t.item)).unwrap().is_empty(),
        "nothing saved"
    );

    // The chair marks them out of the room for this item.
    let minute_item = t.book.set_out_of_room(t.item, t.fire, true).unwrap();
    assert_eq!(minute_item.out_of_room.len(), 1);
    assert_eq!(minute_item.out_of_room[0].name, "Gethin Rowlatt");
    assert!(t.book.check_disclosure(None, &input).unwrap().can_save);
    let saved = t.book.add_disclosure(&input).unwrap();
    assert_eq!(saved.person_name, "Imogen Threlfall");
    assert_eq!(saved.case_ref.as_deref(), Some("NB-2026-014"), "the item's");
    assert!(saved.case_id.is_some());
    assert_eq!(saved.marking, Marking::OfficialSensitive, "the item's");
    assert_eq!(
        saved.descriptor,
        Some(Descriptor::PersonalData),
        "a disclosure about an individual is PERSONAL DATA"
    );
    // The meeting page shows the mark; clearing it stops disclosures again.
    let page = t.book.meeting_page(t.meeting).unwrap();
    assert_eq!(page.out_of_room.len(), 1);
    t.book.set_out_of_room(t.item, t.fire, false).unwrap();
    assert_eq!(
        t.book.add_disclosure(&input).unwrap_err().code(),
        "disclosure_blocked"
    );
    // A signature makes them count as signed; a decline would not.
    t.book.sign(t.meeting, &drawn(t.fire)).unwrap();
    t.book.add_disclosure(&input).unwrap();
    let recent = recent_actions(&t.book, 3);
    assert_eq!(recent[0].0, "out_of_room.clear");
    assert_eq!(recent[0].1, format!("{}/{}", t.item, t.fire));
}

fn item_filter(item: i64) -> DisclosureFilter {
    DisclosureFilter {
        item_id: Some(item),
        ..DisclosureFilter::default()
    }
}

/// The table with everyone signed.
fn all_signed(dir: &Path) -> Table {
    let mut t = table(dir);
    t.book.sign(t.meeting, &drawn(t.fire)).unwrap();
    t
}

#[test]
fn a_caution_13_months_old_is_refused_and_one_of_11_months_warns_under_r5() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = all_signed(dir.path());
    let caution = |given_on: &str| {
        let mut d = incident(
            t.item,
            t.police,
            "Cautioned for criminal damage at the shop.",
        );
        d.draft.category = Category::PoliceCaution;
        d.draft.caution = Some(CautionDetails {
            kind: CautionKind::Simple,
            given_on: given_on.into(),
        });
        d
    };
    let old = caution("2025-10-20");
    let check = t.book.check_disclosure(None, &old).unwrap();
    assert!(
        check
            .findings
            .iter()
            .any(|f| f.rule == RuleId::R1 && f.level == Level::Blocked),
        "{:?}",
        check.findings
    );
    let e = t.book.add_disclosure(&old).unwrap_err();
    assert_eq!(e.code(), "disclosure_blocked");
    assert!(e.to_string().contains("12 months"), "{e}");
    // Eleven months: R1 lets it through; the 1974 Act treats a simple
    // caution as spent at once, so R5 warns and must be accepted.
    let recent = caution("2025-12-20");
    assert_eq!(
        t.book.add_disclosure(&recent).unwrap_err().code(),
        "warning_not_accepted"
    );
    let saved = t
        .book
        .add_disclosure(&DisclosureInput {
            accepted: vec![RuleId::R5],
            ..recent
        })
        .unwrap();
    assert_eq!(saved.acceptances.len(), 1);
    assert_eq!(saved.acceptances[0].rule, RuleId::R5);
    let c = saved.draft.caution.unwrap();
    assert_eq!(
        (c.kind, c.given_on.as_str()),
        (CautionKind::Simple, "2025-12-20")
    );
}

#[test]
fn a_police_opinion_is_refused_and_a_council_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = all_signed(dir.path());
    let mut opinion = incident(t.item, t.police, "He is likely to offend again.");
    opinion.draft.nature = Nature::Opinion;
    let e = t.book.add_disclosure(&opinion).unwrap_err();
    assert_eq!(e.code(), "disclosure_blocked");
    assert!(e.to_string().contains("facts only"), "{e}");
    opinion.person_id = t.council;
    let saved = t.book.add_disclosure(&opinion).unwrap();
    assert_eq!(saved.draft.nature, Nature::Opinion);
}

#[test]
fn an_r7_warning_is_refused_unaccepted_and_its_acceptance_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = all_signed(dir.path());
    let named = incident(
        t.item,
        t.council,
        "Mr ASHDÂLE was seen at the underpass on 20 November.",
    );
    let check = t.book.check_disclosure(None, &named).unwrap();
    assert_eq!(
        check
            .findings
            .iter()
            .map(|f| (f.rule, f.level))
            .collect::<Vec<_>>(),
        [(RuleId::R7, Level::Warning)]
    );
    assert!(!check.can_save);
    let e = t.book.add_disclosure(&named).unwrap_err();
    assert_eq!(e.code(), "warning_not_accepted");
    assert!(e.to_string().contains("NB-2026-014"), "{e}");
    assert!(!e.to_string().contains("Ashd"), "never the name: {e}");
    // Accepting a warning that is not raised is refused.
    let e = t
        .book
        .add_disclosure(&DisclosureInput {
            accepted: vec![RuleId::R7, RuleId::R5],
            ..named.clone()
        })
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert!(e.to_string().starts_with("Accepted warnings: "), "{e}");
    let accepted = DisclosureInput {
        accepted: vec![RuleId::R7],
        ..named
    };
    assert!(t.book.check_disclosure(None, &accepted).unwrap().can_save);
    let saved = t.book.add_disclosure(&accepted).unwrap();
    assert_eq!(saved.acceptances.len(), 1);
    let a = &saved.acceptances[0];
    assert_eq!((a.rule, a.accepted_by.as_str()), (RuleId::R7, "chair"));
    assert_eq!(a.accepted_at, "2026-11-25T14:05:00Z");
    assert!(a.message.contains("NB-2026-014"));
    assert_eq!(
        recent_actions(&t.book, 2),
        [
            ("disclosure.add".to_owned(), saved.id.to_string()),
            ("disclosure.accept".to_owned(), format!("{}/R7", saved.id)),
        ]
    );
    t.book.verify().unwrap();
    // An update without the name drops the acceptance.
    let plain = incident(t.item, t.council, GRAFFITI);
    let updated = t.book.update_disclosure(saved.id, &plain).unwrap();
    assert!(updated.acceptances.is_empty());
    assert_eq!(updated.draft.text, GRAFFITI);
    assert_eq!(
        recent_actions(&t.book, 1),
        [("disclosure.update".to_owned(), saved.id.to_string())]
    );
}

#[test]
fn r7_reads_the_minute_summary_and_one_acceptance_covers_both_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = all_signed(dir.path());
    let warnings = |book: &Casebook, input: &DisclosureInput| -> Vec<(RuleId, Level, String)> {
        book.check_disclosure(None, input)
            .unwrap()
            .findings
            .into_iter()
            .map(|f| (f.rule, f.level, f.field))
            .collect()
    };
    let r7 = |field: &str| (RuleId::R7, Level::Warning, field.to_owned());
    // The alias, in the summary only.
    let mut input = incident(t.item, t.council, GRAFFITI);
    input.minuting = Minuting::Summary;
    input.minute_summary = Some("Cory Ash seen at the underpass.".into());
    assert_eq!(warnings(&t.book, &input), [r7("minute_summary")]);
    let e = t.book.add_disclosure(&input).unwrap_err();
    assert_eq!(e.code(), "warning_not_accepted");
    assert!(e.to_string().contains("NB-2026-014"), "{e}");
    for name in ["Cory", "Ash ", "Ashdale"] {
        assert!(!e.to_string().contains(name), "never the name: {e}");
    }
    // Minuted in full or not at all, the summary is dropped, and so is its
    // warning.
    for minuting in [Minuting::Full, Minuting::NotMinuted] {
        let dropped = DisclosureInput {
            minuting,
            ..input.clone()
        };
        assert_eq!(warnings(&t.book, &dropped), []);
    }
    // The text names them too: two warnings, one acceptance of R7.
    input.draft.text = "Mr Ashdale was seen at the underpass on 20 November.".into();
    assert_eq!(
        warnings(&t.book, &input),
        [r7("text"), r7("minute_summary")]
    );
    input.accepted = vec![RuleId::R7];
    assert!(t.book.check_disclosure(None, &input).unwrap().can_save);
    let saved = t.book.add_disclosure(&input).unwrap();
    assert_eq!(saved.acceptances.len(), 1);
    let a = &saved.acceptances[0];
    assert_eq!(a.rule, RuleId::R7);
    assert!(
        a.message.starts_with("The text names the case's subject.")
            && a.message
                .contains(" The summary for the minutes names the case's subject"),
        "both warnings, as shown: {}",
        a.message
    );
    assert_eq!(
        recent_actions(&t.book, 2),
        [
            ("disclosure.add".to_owned(), saved.id.to_string()),
            ("disclosure.accept".to_owned(), format!("{}/R7", saved.id)),
        ]
    );
    // Accepted for the summary alone, it is one warning's words.
    let mut plain = input.clone();
    plain.draft.text = GRAFFITI.into();
    let updated = t.book.update_disclosure(saved.id, &plain).unwrap();
    assert_eq!(updated.acceptances.len(), 1);
    assert!(
        updated.acceptances[0]
            .message
            .starts_with("The summary for the minutes names")
    );
    t.book.verify().unwrap();
}

#[test]
fn where_and_by_whom_a_disclosure_may_be_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = all_signed(dir.path());
    let input = incident(t.item, t.council, GRAFFITI);
    t.book
        .set_meeting_status(t.meeting, MeetingStatus::Planned)
        .unwrap();
    assert_eq!(
        t.book.add_disclosure(&input).unwrap_err().code(),
        "conflict"
    );
    assert_eq!(
        t.book.check_disclosure(None, &input).unwrap_err().code(),
        "conflict"
    );
    t.book
        .set_meeting_status(t.meeting, MeetingStatus::Held)
        .unwrap();
    t.book
        .set_attendance(&AttendanceInput {
            meeting_id: t.meeting,
            person_id: t.council,
            attendance: Attendance::Apologies,
            written_update: false,
            arrived_at: None,
            left_at: None,
        })
        .unwrap();
    let e = t.book.add_disclosure(&input).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("Disclosing person: is not recorded as present"),
        "{e}"
    );
    // The police are present: a disclosure about a person cannot carry
    // another descriptor than PERSONAL DATA, and the text is required.
    let mut legal = incident(t.item, t.police, GRAFFITI);
    legal.descriptor = Some(Descriptor::Legal);
    assert!(
        t.book
            .add_disclosure(&legal)
            .unwrap_err()
            .to_string()
            .starts_with("Descriptor: must be PERSONAL DATA")
    );
    let empty = incident(t.item, t.police, "  ");
    let check = t.book.check_disclosure(None, &empty).unwrap();
    assert!(check.findings.is_empty() && !check.can_save);
    assert!(
        t.book
            .add_disclosure(&empty)
            .unwrap_err()
            .to_string()
            .starts_with("What was disclosed: must not be empty")
    );
    // A summary for the minutes is required with `summary`, dropped otherwise.
    let mut summary = incident(t.item, t.police, GRAFFITI);
    summary.minuting = Minuting::Summary;
    assert!(
        t.book
            .add_disclosure(&summary)
            .unwrap_err()
            .to_string()
            .starts_with("Summary for the minutes: must not be empty")
    );
    summary.minute_summary = Some("Graffiti at the underpass.".into());
    let saved = t.book.add_disclosure(&summary).unwrap();
    assert_eq!(
        saved.minute_summary.as_deref(),
        Some("Graffiti at the underpass.")
    );
    summary.minuting = Minuting::NotMinuted;
    let saved = t.book.update_disclosure(saved.id, &summary).unwrap();
    assert_eq!(saved.minute_summary, None);
    // The item stays on the agenda once a disclosure is recorded under it.
    assert_eq!(
        t.book.remove_agenda_item(t.item).unwrap_err().code(),
        "conflict"
    );
}

#[test]
fn withdrawal_search_inaccuracy_notices_and_the_case_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = all_signed(dir.path());
    let first = t
        .book
        .add_disclosure(&incident(t.item, t.police, GRAFFITI))
        .unwrap();
    let second = t
        .book
        .add_disclosure(&incident(
            t.item,
            t.council,
            "Tenancy warning letter sent for noise.",
        ))
        .unwrap();
    // Search finds it by text and by case reference, never by who said it.
    let found = |book: &Casebook, q: &str| {
        book.search(q)
            .unwrap()
            .into_iter()
            .filter(|h| h.kind == HitKind::Disclosure)
            .map(|h| h.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(found(&t.book, "underpass graffiti"), [first.id]);
    let hit = t
        .book
        .search("underpass")
        .unwrap()
        .into_iter()
        .find(|h| h.kind == HitKind::Disclosure)
        .unwrap();
    assert_eq!(hit.meeting_id, Some(t.meeting));
    assert!(hit.context.starts_with("NB-2026-014 · "), "{}", hit.context);
    let mut both = found(&t.book, "nb-2026-014");
    both.sort_unstable();
    assert_eq!(both, [first.id, second.id]);
    assert!(found(&t.book, "Ferrow").is_empty());
    // The case page lists them, newest first.
    let case_id = first.case_id.unwrap();
    let page = t.book.case_page(case_id).unwrap();
    let ids: Vec<i64> = page.disclosures.iter().map(|d| d.id).collect();
    assert_eq!(ids, [second.id, first.id]);

    // Withdrawn: kept, listed, no longer found, never edited again.
    assert_eq!(
        t.book
            .withdraw_disclosure(first.id, " ")
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    let withdrawn = t
        .book
        .withdraw_disclosure(first.id, "Recorded under the wrong item")
        .unwrap();
    assert_eq!(
        withdrawn.withdrawn_reason.as_deref(),
        Some("Recorded under the wrong item")
    );
    assert!(found(&t.book, "underpass").is_empty());
    assert_eq!(t.book.case_page(case_id).unwrap().disclosures.len(), 2);
    assert_eq!(
        t.book
            .update_disclosure(first.id, &incident(t.item, t.police, GRAFFITI))
            .unwrap_err()
            .code(),
        "conflict"
    );
    assert_eq!(
        t.book
            .withdraw_disclosure(first.id, "Again")
            .unwrap_err()
            .code(),
        "conflict"
    );

    // An inaccuracy notice, notified later.
    let notice = InaccuracyInput {
        what_is_wrong: "The letter was about a neighbour's tenancy.".into(),
        found_on: "2026-11-25".into(),
        notified_on: None,
        notified_to: None,
    };
    let d = t.book.add_inaccuracy_notice(second.id, &notice).unwrap();
    assert_eq!(d.notices.len(), 1);
    let n = &d.notices[0];
    assert_eq!(
        (n.notified_on.as_deref(), n.recorded_by.as_str()),
        (None, "chair")
    );
    let e = t
        .book
        .update_inaccuracy_notice(
            n.id,
            &InaccuracyInput {
                notified_on: Some("2026-11-25".into()),
                ..notice.clone()
            },
        )
        .unwrap_err();
    assert!(e.to_string().starts_with("Notified to: "), "{e}");
    let d = t
        .book
        .update_inaccuracy_notice(
            n.id,
            &InaccuracyInput {
                notified_on: Some("2026-11-25".into()),
                notified_to: Some("Tenancy Services Manager".into()),
                ..notice.clone()
            },
        )
        .unwrap();
    assert_eq!(
        d.notices[0].notified_to.as_deref(),
        Some("Tenancy Services Manager")
    );
    let e = t
        .book
        .add_inaccuracy_notice(
            second.id,
            &InaccuracyInput {
                found_on: "2026-11-24".into(),
                ..notice
            },
        )
        .unwrap_err();
    assert!(
        e.to_string().starts_with("Found on: is before the meeting"),
        "{e}"
    );
    t.book.verify().unwrap();
}

#[test]
fn a_new_case_reference_moves_the_disclosures_and_the_minute_takers_view_groups_by_item() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = all_signed(dir.path());
    let d = t
        .book
        .add_disclosure(&incident(t.item, t.police, GRAFFITI))
        .unwrap();
    let case_id = d.case_id.unwrap();
    let mut case = t.book.case_page(case_id).unwrap().case;
    case.case_ref = "NB-2026-099".into();
    t.book
        .update_case(
            case_id,
            &CaseInput {
                subject_name: case.subject_name.clone(),
                aliases: case.aliases.clone(),
                ..case_input(&case.case_ref, case.kind, &case.label)
            },
        )
        .unwrap();
    let moved = t.book.disclosure(d.id).unwrap();
    assert_eq!(moved.case_ref.as_deref(), Some("NB-2026-099"));
    assert_eq!(moved.case_id, Some(case_id));
    assert_eq!(
        recent_actions(&t.book, 1),
        [("disclosure.update".to_owned(), d.id.to_string())]
    );

    let item = t
        .book
        .save_item_notes(
            t.item,
            " Discussed the underpass. ",
            "Refer to the council.",
        )
        .unwrap();
    assert_eq!(item.summary, "Discussed the underpass.");
    assert_eq!(item.decisions, "Refer to the council.");
    assert_eq!(item.disclosures.len(), 1);
    let view = t.book.minute_taking(t.meeting).unwrap();
    assert_eq!(view.items.len(), 9, "the usual agenda and the case item");
    let with: Vec<usize> = view.items.iter().map(|i| i.disclosures.len()).collect();
    assert_eq!(with.iter().sum::<usize>(), 1);
    assert_eq!(view.items.last().unwrap().disclosures[0].id, d.id);
    let by_meeting = t
        .book
        .disclosures(&DisclosureFilter {
            meeting_id: Some(t.meeting),
            ..DisclosureFilter::default()
        })
        .unwrap();
    assert_eq!(by_meeting.len(), 1);
    assert_eq!(
        t.book
            .disclosures(&DisclosureFilter::default())
            .unwrap_err()
            .code(),
        "invalid_input"
    );
}
