//! Agency kinds and cases through the public API of `Casebook`: the seeded
//! partners' kinds, a case's page across meetings and groups, items linked
//! by reference (before and after the case is recorded), a change of
//! reference, the list and its filters, and the audit trail.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::path::Path;

use casebook::{
    Actor, AgencyInput, AgencyKind, AgendaItemInput, AgendaItemKind, CaseFilter, CaseInput,
    CaseKind, Casebook, HitKind, Marking, agencies::APPENDIX_A,
};
use common::{Fixed, case_input as case, group, meeting_input, recent_actions};

fn create(dir: &Path) -> Casebook {
    common::create(
        &dir.join("cases.tvault"),
        "cases test passphrase",
        Fixed::at("2026-11-25T14:05:00Z"),
        Actor::Chair,
    )
}

/// Plans a meeting of `group` on `date` and adds an item carrying
/// `case_ref`; returns the meeting and the item.
fn meeting_with_item(
    book: &mut Casebook,
    group: i64,
    date: &str,
    title: &str,
    case_ref: &str,
) -> (i64, i64) {
    let meeting = book
        .plan_meeting(&meeting_input(group, date, "Northbrook Community Hub"), &[])
        .unwrap()
        .meeting
        .id;
    let page = book
        .add_agenda_item(
            meeting,
            &AgendaItemInput {
                kind: AgendaItemKind::CaseReview,
                title: title.into(),
                case_ref: Some(case_ref.into()),
                presenting_agency_id: None,
                marking: Marking::OfficialSensitive,
                descriptor: None,
            },
        )
        .unwrap();
    (meeting, page.agenda.last().unwrap().id)
}

#[test]
fn a_new_vault_seeds_the_appendix_a_partners_with_their_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = create(dir.path());
    let agencies = book.agencies(true).unwrap();
    assert_eq!(agencies.len(), APPENDIX_A.len());
    for p in APPENDIX_A {
        let a = agencies.iter().find(|a| a.name == p.name).unwrap();
        assert_eq!(
            (a.designated_person_role.as_str(), a.kind),
            (p.role, p.kind)
        );
    }
    let police: Vec<&str> = agencies
        .iter()
        .filter(|a| a.kind == AgencyKind::Police)
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(police, ["West Mercia Police (Shropshire Division)"]);

    // The kind is the chair's to set, on adding and on editing.
    let added = book
        .add_agency(&AgencyInput {
            name: "Severnside Housing Trust".into(),
            designated_person_role: "Tenancy Enforcement Manager".into(),
            kind: AgencyKind::Housing,
        })
        .unwrap();
    assert_eq!(added.kind, AgencyKind::Housing);
    let edited = book
        .update_agency(
            added.id,
            &AgencyInput {
                name: added.name.clone(),
                designated_person_role: added.designated_person_role.clone(),
                kind: AgencyKind::Other,
            },
        )
        .unwrap();
    assert_eq!(edited.kind, AgencyKind::Other);
    assert_eq!(
        book.agencies(true)
            .unwrap()
            .iter()
            .find(|a| a.id == added.id)
            .unwrap()
            .kind,
        AgencyKind::Other
    );
}

#[test]
fn a_case_page_shows_every_item_about_it_across_meetings_and_groups_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = create(dir.path());
    let north = group(&mut book, "Northbrook Bronze Tasking Group");
    let conf = group(&mut book, "Northbrook Case Conferences");
    // Items carry the reference before the case is recorded.
    let (m1, i1) = meeting_with_item(
        &mut book,
        north,
        "2026-09-08",
        "Repeat anti-social behaviour, Tanner's Row",
        "nb-2026-014",
    );
    let (m2, i2) = meeting_with_item(
        &mut book,
        conf,
        "2026-10-20",
        "Tanner's Row: case conference",
        "NB-2026-014",
    );
    let (_, other) = meeting_with_item(&mut book, north, "2026-10-13", "Mill Lane", "NB-2026-015");
    let before = book.meeting_page(m1).unwrap().agenda;
    assert_eq!(before.iter().find(|i| i.id == i1).unwrap().case_id, None);

    let page = book
        .add_case(&CaseInput {
            subject_name: Some("Corwin Ashdale".into()),
            aliases: vec!["Cory Ash".into()],
            date_of_birth: Some("1991-04-17".into()),
            address: Some("Flat 2, 14 Tanner's Row".into()),
            ..case(
                " nb-2026-014",
                CaseKind::Individual,
                "Adult male, Tanner's Row",
            )
        })
        .unwrap();
    let id = page.case.id;
    assert_eq!(
        recent_actions(&book, 1),
        [("case.add".to_owned(), id.to_string())]
    );
    assert_eq!(page.case.case_ref, "NB-2026-014");
    assert!(page.case.personal_data);
    assert_eq!(page.case.aliases, ["Cory Ash"]);
    assert_eq!(page.case.date_of_birth.as_deref(), Some("1991-04-17"));
    let items: Vec<(i64, i64, &str, &str)> = page
        .items
        .iter()
        .map(|i| {
            (
                i.item_id,
                i.meeting_id,
                i.meeting_date.as_str(),
                i.group_name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        items,
        [
            (i2, m2, "2026-10-20", "Northbrook Case Conferences"),
            (i1, m1, "2026-09-08", "Northbrook Bronze Tasking Group"),
        ]
    );
    // The items link to it now; the other case's item does not.
    let agenda = book.meeting_page(m1).unwrap().agenda;
    assert_eq!(
        agenda.iter().find(|i| i.id == i1).unwrap().case_id,
        Some(id)
    );
    assert!(
        agenda
            .iter()
            .filter(|i| i.id != i1)
            .all(|i| i.case_id.is_none())
    );
    // An item given the reference later links too.
    let (m3, i3) = meeting_with_item(
        &mut book,
        north,
        "2026-11-10",
        "Tanner's Row: proposed closure",
        "NB-2026-014",
    );
    let page = book.case_page(id).unwrap();
    assert_eq!(page.items[0].item_id, i3);
    assert_eq!(page.items[0].meeting_id, m3);
    assert_eq!(page.items.len(), 3);
    assert!(!page.items.iter().any(|i| i.item_id == other));

    // Found by reference and label, never by personal details.
    let hits = book.search("NB-2026-014").unwrap();
    let case_hit = hits.iter().find(|h| h.kind == HitKind::Case).unwrap();
    assert_eq!(case_hit.id, id);
    assert_eq!(case_hit.title, "Adult male, Tanner's Row");
    assert_eq!(case_hit.context, "NB-2026-014 · Individual");
    assert_eq!(case_hit.meeting_id, None, "a case opens its own page");
    assert!(book.search("Ashdale").unwrap().is_empty());
    assert!(book.search("Cory").unwrap().is_empty());
}

#[test]
fn a_new_reference_takes_the_items_with_it_each_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = create(dir.path());
    let north = group(&mut book, "Northbrook Bronze Tasking Group");
    let (_, i1) = meeting_with_item(&mut book, north, "2026-09-08", "Tanner's Row", "NB-2026-41");
    let (_, i2) = meeting_with_item(&mut book, north, "2026-10-13", "Tanner's Row", "NB-2026-41");
    let (_, kept) = meeting_with_item(&mut book, north, "2026-10-13", "Mill Lane", "NB-2026-015");
    let id = book
        .add_case(&case("NB-2026-41", CaseKind::Individual, "Adult male"))
        .unwrap()
        .case
        .id;
    let other = book
        .add_case(&case("NB-2026-015", CaseKind::Location, "Mill Lane"))
        .unwrap()
        .case
        .id;

    // Another case's reference, in any case, is refused; nothing changes.
    let e = book
        .update_case(id, &case("nb-2026-015", CaseKind::Individual, "Adult male"))
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    assert_eq!(
        e.to_string(),
        "A case with this reference is already recorded. Open that one, or use another reference."
    );
    let e = book
        .add_case(&case("nb-2026-41", CaseKind::Group, "Another"))
        .unwrap_err();
    assert_eq!(e.code(), "conflict");

    // The typo corrected: both items move with the case, each audited.
    let page = book
        .update_case(
            id,
            &case(
                "NB-2026-041",
                CaseKind::Individual,
                "Adult male, Tanner's Row",
            ),
        )
        .unwrap();
    assert_eq!(page.case.case_ref, "NB-2026-041");
    assert_eq!(page.case.label, "Adult male, Tanner's Row");
    let mut moved: Vec<i64> = page.items.iter().map(|i| i.item_id).collect();
    moved.sort_unstable();
    assert_eq!(moved, [i1, i2]);
    let entries = recent_actions(&book, 3);
    assert_eq!(entries[0], ("case.update".to_owned(), id.to_string()));
    // After the case's entry, one per item moved, by id.
    assert_eq!(
        entries[1..],
        [
            ("agenda_item.update".to_owned(), i1.to_string()),
            ("agenda_item.update".to_owned(), i2.to_string()),
        ]
    );
    assert!(book.search("NB-2026-41").unwrap().is_empty());
    // The other case and its item are untouched.
    let mill = book.case_page(other).unwrap();
    assert_eq!(
        mill.items.iter().map(|i| i.item_id).collect::<Vec<_>>(),
        [kept]
    );

    // The same reference again changes no item and adds one audit entry.
    book.update_case(id, &case("NB-2026-041", CaseKind::Individual, "Adult male"))
        .unwrap();
    assert_eq!(
        recent_actions(&book, 2)[0].0,
        "agenda_item.update",
        "only the case.update was added"
    );
    assert_eq!(recent_actions(&book, 1)[0].0, "case.update");

    let e = book
        .update_case(999, &case("NB-2026-099", CaseKind::Individual, "Nobody"))
        .unwrap_err();
    assert_eq!(e.code(), "not_found");
    assert_eq!(
        e.to_string(),
        "That case no longer exists. Refresh the list and try again."
    );
    assert_eq!(book.case_page(999).unwrap_err().code(), "not_found");
    book.verify().unwrap();
}

#[test]
fn the_list_shows_no_personal_details_and_filters_by_kind_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = create(dir.path());
    let north = group(&mut book, "Northbrook Bronze Tasking Group");
    meeting_with_item(
        &mut book,
        north,
        "2026-09-08",
        "Tanner's Row",
        "NB-2026-014",
    );
    meeting_with_item(
        &mut book,
        north,
        "2026-10-13",
        "Tanner's Row",
        "NB-2026-014",
    );
    book.add_case(&CaseInput {
        subject_name: Some("Corwin Ashdale".into()),
        ..case(
            "NB-2026-014",
            CaseKind::Individual,
            "Adult male, Tanner's Row",
        )
    })
    .unwrap();
    book.add_case(&case(
        "NB-2026-009",
        CaseKind::Household,
        "Household, Wrenfield Close",
    ))
    .unwrap();
    book.add_case(&case(
        "KV-2026-100%",
        CaseKind::Location,
        "Car park 50% lit",
    ))
    .unwrap_err();
    book.add_case(&case(
        "NB-2026-038",
        CaseKind::Location,
        "Car park, 50% lit_",
    ))
    .unwrap();

    let list = |kind: Option<CaseKind>, text: Option<&str>| -> Vec<String> {
        book.cases(&CaseFilter {
            kind,
            text: text.map(str::to_owned),
            limit: None,
        })
        .unwrap()
        .into_iter()
        .map(|c| c.case_ref)
        .collect()
    };
    assert_eq!(
        list(None, None),
        ["NB-2026-009", "NB-2026-014", "NB-2026-038"]
    );
    assert_eq!(list(Some(CaseKind::Location), None), ["NB-2026-038"]);
    assert_eq!(list(Some(CaseKind::Group), None), Vec::<String>::new());
    assert_eq!(list(None, Some("tanner")), ["NB-2026-014"]);
    assert_eq!(list(None, Some("2026-00")), ["NB-2026-009"]);
    assert_eq!(list(None, Some("  ")), list(None, None));
    // LIKE's wildcards are text.
    assert_eq!(list(None, Some("50%")), ["NB-2026-038"]);
    assert_eq!(list(None, Some("%")), ["NB-2026-038"]);
    assert_eq!(list(None, Some("lit_")), ["NB-2026-038"]);
    assert_eq!(list(None, Some("t_n")), Vec::<String>::new());
    // Never by personal details.
    assert_eq!(list(None, Some("Ashdale")), Vec::<String>::new());

    let all = book.cases(&CaseFilter::default()).unwrap();
    let tanner = all.iter().find(|c| c.case_ref == "NB-2026-014").unwrap();
    assert!(tanner.personal_data);
    assert_eq!(tanner.items, 2);
    assert_eq!(tanner.last_meeting_date.as_deref(), Some("2026-10-13"));
    let wren = all.iter().find(|c| c.case_ref == "NB-2026-009").unwrap();
    assert!(!wren.personal_data);
    assert_eq!((wren.items, wren.last_meeting_date.as_deref()), (0, None));
    let one = book
        .cases(&CaseFilter {
            limit: Some(0),
            ..CaseFilter::default()
        })
        .unwrap();
    assert_eq!(one.len(), 1, "a limit of 0 counts as 1");
}
