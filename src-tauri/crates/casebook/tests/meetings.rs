//! Groups, people, meetings, agendas, attendance and actions through the
//! public API of `Casebook`, with a fixed clock.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::path::Path;
use std::sync::{Arc, Mutex};

use casebook::{
    ActionFilter, ActionInput, ActionStatus, ActionStatusChange, Actor, AgendaItemInput,
    AgendaItemKind, Attendance, AttendanceInput, Casebook, Clock, GroupInput, HitKind, Marking,
    MeetingInput, MeetingKind, PersonInput,
};
use chrono::{DateTime, Utc};
use common::{group, meeting_input};
use vault::Passphrase;

const PASS: &str = "meetings test passphrase";

/// A clock the test moves by hand.
struct TestClock(Mutex<DateTime<Utc>>);

impl TestClock {
    fn at(day: &str) -> Arc<TestClock> {
        Arc::new(TestClock(Mutex::new(instant(day))))
    }
    fn set(&self, day: &str) {
        *self.0.lock().unwrap() = instant(day);
    }
}

fn instant(day: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&format!("{day}T10:00:00Z"))
        .unwrap()
        .with_timezone(&Utc)
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

fn create(dir: &Path, clock: Arc<TestClock>) -> Casebook {
    common::create(&dir.join("m.tvault"), PASS, clock, Actor::Chair)
}

struct Fixture {
    book: Casebook,
    clock: Arc<TestClock>,
    group: i64,
    police: i64,
    council: i64,
    pc: i64,
    officer: i64,
}

fn fixture(dir: &Path) -> Fixture {
    let clock = TestClock::at("2026-05-01");
    let mut book = create(dir, clock.clone());
    let agencies = book.agencies(false).unwrap();
    let id_of = |prefix: &str| {
        agencies
            .iter()
            .find(|a| a.name.starts_with(prefix))
            .unwrap()
            .id
    };
    let (police, council) = (id_of("West Mercia Police"), id_of("Shropshire Council"));
    let group = group(&mut book, "Northbrook Bronze Tasking Group");
    let pc = book
        .add_person(&PersonInput {
            name: "Priya Okonkwo-Hale".into(),
            agency_id: police,
            role: "Neighbourhood Sergeant".into(),
            email: None,
        })
        .unwrap()
        .id;
    let officer = book
        .add_person(&PersonInput {
            name: "Tomasz Brennan".into(),
            agency_id: council,
            role: "Anti-Social Behaviour Officer".into(),
            email: Some("t.brennan@council.example".into()),
        })
        .unwrap()
        .id;
    Fixture {
        book,
        clock,
        group,
        police,
        council,
        pc,
        officer,
    }
}

fn meeting_on(f: &mut Fixture, date: &str) -> i64 {
    let (pc, officer) = (f.pc, f.officer);
    f.book
        .plan_meeting(
            &MeetingInput {
                chair_id: Some(officer),
                ..meeting_input(f.group, date, "Civic Centre, Room 2")
            },
            &[pc, officer],
        )
        .unwrap()
        .meeting
        .id
}

fn action(f: &mut Fixture, meeting: i64, text: &str) -> i64 {
    let agency = f.council;
    f.book
        .add_action(&ActionInput {
            text: text.into(),
            owner_agency_id: agency,
            owner_person_id: Some(f.officer),
            due_date: "2026-07-15".into(),
            raised_meeting_id: meeting,
            raised_item_id: None,
        })
        .unwrap()
        .id
}

fn carried(f: &Fixture, meeting: i64) -> Vec<(String, ActionStatus, Option<String>)> {
    f.book
        .meeting_page(meeting)
        .unwrap()
        .carried_forward
        .into_iter()
        .map(|c| (c.action.text, c.action.status, c.action.drop_reason))
        .collect()
}

#[test]
fn a_new_meeting_starts_from_the_usual_agenda_with_a_default_review_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let id = meeting_on(&mut f, "2026-06-01");
    let page = f.book.meeting_page(id).unwrap();
    let kinds: Vec<AgendaItemKind> = page.agenda.iter().map(|i| i.kind).collect();
    assert_eq!(kinds.first(), Some(&AgendaItemKind::Introductions));
    assert_eq!(kinds.last(), Some(&AgendaItemKind::NextMeeting));
    assert_eq!(
        page.agenda.iter().map(|i| i.position).collect::<Vec<_>>(),
        (1..=8).collect::<Vec<_>>()
    );
    assert_eq!(
        page.meeting.review_date, "2027-06-01",
        "12 months by default"
    );
    assert_eq!(page.invitations.len(), 2);
    assert!(
        page.invitations
            .iter()
            .all(|i| i.attendance == Attendance::Invited)
    );
}

#[test]
fn agenda_items_move_and_renumber() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let id = meeting_on(&mut f, "2026-06-01");
    let police = f.police;
    let page = f
        .book
        .add_agenda_item(
            id,
            &AgendaItemInput {
                kind: AgendaItemKind::CaseReview,
                title: "Repeat criminal damage, Mill Lane".into(),
                case_ref: Some("nb-2026-031".into()),
                presenting_agency_id: Some(police),
                marking: Marking::OfficialSensitive,
                descriptor: None,
            },
        )
        .unwrap();
    let added = page.agenda.last().unwrap().clone();
    assert_eq!(added.position, 9);
    assert_eq!(added.case_ref.as_deref(), Some("NB-2026-031"));
    let page = f.book.move_agenda_item(added.id, 4).unwrap();
    let titles: Vec<&str> = page.agenda.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles[3], "Repeat criminal damage, Mill Lane");
    assert_eq!(titles[8], "Date of next meeting");
    // Beyond the end clamps to the end; positions stay 1..n.
    let page = f.book.move_agenda_item(added.id, 99).unwrap();
    assert_eq!(page.agenda.last().unwrap().id, added.id);
    assert_eq!(
        page.agenda.iter().map(|i| i.position).collect::<Vec<_>>(),
        (1..=9).collect::<Vec<_>>()
    );
    let page = f.book.remove_agenda_item(added.id).unwrap();
    assert_eq!(page.agenda.len(), 8);
}

#[test]
fn attendance_rules() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let id = meeting_on(&mut f, "2026-06-01");
    let base =
        |attendance, written_update, arrived: Option<&str>, left: Option<&str>| AttendanceInput {
            meeting_id: id,
            person_id: f.pc,
            attendance,
            written_update,
            arrived_at: arrived.map(str::to_owned),
            left_at: left.map(str::to_owned),
        };
    let cases = [
        (
            base(Attendance::Present, false, Some("10:20"), Some("11:05")),
            None,
        ),
        (base(Attendance::Apologies, true, None, None), None),
        (base(Attendance::Absent, false, None, None), None),
        (
            base(Attendance::Apologies, false, Some("10:20"), None),
            Some("Arrived at: only applies to people who were present"),
        ),
        (
            base(Attendance::Present, true, None, None),
            Some("Written update sent: only applies"),
        ),
        (
            base(Attendance::Present, false, Some("11:00"), Some("10:30")),
            Some("Left at: must be after"),
        ),
        (
            base(Attendance::Present, false, Some("25:00"), None),
            Some("Arrived at: must be a 24-hour time"),
        ),
    ];
    for (input, want) in cases {
        let got = f.book.set_attendance(&input);
        match want {
            None => {
                let page = got.unwrap();
                let me = page
                    .invitations
                    .iter()
                    .find(|i| i.person_id == input.person_id)
                    .unwrap();
                assert_eq!(me.attendance, input.attendance);
                assert_eq!(me.written_update, input.written_update);
            }
            Some(msg) => {
                let err = got.unwrap_err().to_string();
                assert!(err.starts_with(msg), "{err}");
            }
        }
    }
    // Someone not invited.
    let stranger = f
        .book
        .add_person(&PersonInput {
            name: "Ada Quill".into(),
            agency_id: f.police,
            role: "PCSO".into(),
            email: None,
        })
        .unwrap()
        .id;
    let err = f
        .book
        .set_attendance(&AttendanceInput {
            person_id: stranger,
            ..base(Attendance::Present, false, None, None)
        })
        .unwrap_err();
    assert!(err.to_string().contains("is not invited"), "{err}");
}

#[test]
fn actions_carry_forward_until_closed_and_a_dropped_one_shows_its_reason_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let m1 = meeting_on(&mut f, "2026-06-01");
    let m2 = meeting_on(&mut f, "2026-07-01");
    let m3 = meeting_on(&mut f, "2026-08-01");
    let m4 = meeting_on(&mut f, "2026-09-01");
    let a = action(&mut f, m1, "Letter to landlord of 14 Mill Lane");
    let b = action(&mut f, m1, "Check CCTV coverage at the park");
    let c = action(&mut f, m1, "Referral to youth outreach");
    let _later = action(&mut f, m2, "Raised at the second meeting");

    // m1 carries nothing (nothing earlier); m2 carries all three of m1's.
    assert!(carried(&f, m1).is_empty());
    assert_eq!(carried(&f, m2).len(), 3);

    // At m2, b is done: m2 shows it done with the update, m3 no longer has it.
    f.book
        .set_action_status(&ActionStatusChange {
            action_id: b,
            status: ActionStatus::Done,
            note: "Coverage confirmed".into(),
            meeting_id: Some(m2),
        })
        .unwrap();
    let page2 = f.book.meeting_page(m2).unwrap();
    let b_at_m2 = page2
        .carried_forward
        .iter()
        .find(|x| x.action.id == b)
        .unwrap();
    assert_eq!(b_at_m2.action.status, ActionStatus::Done);
    assert_eq!(b_at_m2.updates_here.len(), 1);
    assert_eq!(b_at_m2.updates_here[0].note, "Coverage confirmed");
    let at_m3: Vec<String> = carried(&f, m3).into_iter().map(|x| x.0).collect();
    assert!(!at_m3.contains(&"Check CCTV coverage at the park".to_owned()));
    assert!(at_m3.contains(&"Raised at the second meeting".to_owned()));

    // At m3, c is dropped: its reason shows at m3, and never again.
    let err = f
        .book
        .set_action_status(&ActionStatusChange {
            action_id: c,
            status: ActionStatus::Dropped,
            note: "  ".into(),
            meeting_id: Some(m3),
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("Reason for dropping: must be given")
    );
    f.book
        .set_action_status(&ActionStatusChange {
            action_id: c,
            status: ActionStatus::Dropped,
            note: "Family moved out of area".into(),
            meeting_id: Some(m3),
        })
        .unwrap();
    let at_m3 = carried(&f, m3);
    assert!(at_m3.contains(&(
        "Referral to youth outreach".into(),
        ActionStatus::Dropped,
        Some("Family moved out of area".into())
    )));
    let at_m4 = carried(&f, m4);
    assert!(at_m4.iter().all(|x| x.0 != "Referral to youth outreach"));

    // a, from three meetings back, is still there at m4 ...
    assert!(
        at_m4
            .iter()
            .any(|x| x.0 == "Letter to landlord of 14 Mill Lane")
    );
    // ... until closed; then a later meeting no longer shows it.
    f.clock.set("2026-09-10");
    f.book
        .set_action_status(&ActionStatusChange {
            action_id: a,
            status: ActionStatus::Done,
            note: String::new(),
            meeting_id: None,
        })
        .unwrap();
    let m5 = meeting_on(&mut f, "2026-10-01");
    assert!(
        carried(&f, m5)
            .iter()
            .all(|x| x.0 != "Letter to landlord of 14 Mill Lane")
    );
    // The open action raised at m2 is still carried.
    assert!(
        carried(&f, m5)
            .iter()
            .any(|x| x.0 == "Raised at the second meeting")
    );
}

#[test]
fn overdue_actions_and_review_dates_reach_home() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let m1 = meeting_on(&mut f, "2026-06-01");
    action(&mut f, m1, "Overdue by now");
    f.clock.set("2026-08-01");
    let home = f.book.home().unwrap();
    assert_eq!(home.today, "2026-08-01");
    assert_eq!(home.overdue_actions.len(), 1);
    assert!(home.overdue_actions[0].overdue);
    assert!(home.review_due.is_empty());
    let next = meeting_on(&mut f, "2026-08-20");
    assert_eq!(home.next_meetings.len(), 0);
    let home = f.book.home().unwrap();
    assert_eq!(home.next_meetings[0].id, next);
    f.clock.set("2027-06-01");
    let home = f.book.home().unwrap();
    assert_eq!(home.review_due.len(), 1, "m1's review date has come");
    let overdue = f
        .book
        .actions(&ActionFilter {
            overdue_only: true,
            ..ActionFilter::default()
        })
        .unwrap();
    assert_eq!(overdue.len(), 1);
}

#[test]
fn search_finds_records_and_survives_journal_replay() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.tvault");
    {
        let mut f = fixture(dir.path());
        let m1 = meeting_on(&mut f, "2026-06-01");
        action(&mut f, m1, "Graffiti removal on the underpass");
        let hits = f.book.search("graffiti under").unwrap();
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].kind, HitKind::Action);
        assert_eq!(hits[0].meeting_id, Some(m1));
        assert!(f.book.search("\"unbalanced OR (").unwrap().is_empty());
        // Drop without closing: no compaction, so the journal must replay.
        drop(f);
    }
    let book = Casebook::open(
        &path,
        &Passphrase::new(PASS),
        TestClock::at("2026-06-02"),
        Actor::Chair,
    )
    .unwrap();
    assert!(book.vault().journal_len() > 0, "the journal was replayed");
    let hits = book.search("underpass").unwrap();
    assert_eq!(hits.len(), 1, "the index was rebuilt by triggers on replay");
    let people = book.search("brennan").unwrap();
    assert_eq!(people[0].kind, HitKind::Person);
    book.verify().unwrap();
}

#[test]
fn an_owner_must_belong_to_the_owning_agency() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let m1 = meeting_on(&mut f, "2026-06-01");
    let err = f
        .book
        .add_action(&ActionInput {
            text: "Visit".into(),
            owner_agency_id: f.police,
            owner_person_id: Some(f.officer),
            due_date: "2026-06-31".into(),
            raised_meeting_id: m1,
            raised_item_id: None,
        })
        .unwrap_err();
    assert!(err.to_string().starts_with("Due date: "), "{err}");
    let err = f
        .book
        .add_action(&ActionInput {
            text: "Visit".into(),
            owner_agency_id: f.police,
            owner_person_id: Some(f.officer),
            due_date: "2026-06-30".into(),
            raised_meeting_id: m1,
            raised_item_id: None,
        })
        .unwrap_err();
    assert!(err.to_string().starts_with("Owner: is not from"), "{err}");
}

#[test]
fn an_update_at_a_meeting_belongs_to_the_actions_group_and_not_before_it_was_raised() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let m1 = meeting_on(&mut f, "2026-06-01");
    let m2 = meeting_on(&mut f, "2026-07-01");
    let a = action(&mut f, m2, "Raised at the second meeting");
    let other_group = f
        .book
        .add_group(&GroupInput {
            name: "Southfield Case Conferences".into(),
            default_kind: MeetingKind::CaseConference,
        })
        .unwrap()
        .id;
    let elsewhere = f
        .book
        .plan_meeting(
            &MeetingInput {
                kind: MeetingKind::CaseConference,
                start_time: "14:00".into(),
                ..meeting_input(other_group, "2026-07-15", "Southfield Library")
            },
            &[],
        )
        .unwrap()
        .meeting
        .id;
    for at in [m1, elsewhere] {
        let err = f
            .book
            .set_action_status(&ActionStatusChange {
                action_id: a,
                status: ActionStatus::Done,
                note: "Done".into(),
                meeting_id: Some(at),
            })
            .unwrap_err();
        assert!(
            err.to_string().starts_with("Meeting: is not the meeting"),
            "{err}"
        );
    }
    let got = f.book.actions(&ActionFilter::default()).unwrap();
    assert_eq!(got[0].status, ActionStatus::Open, "nothing changed");
    assert!(f.book.action_updates(a).unwrap().is_empty());
    // At the meeting it was raised at, and at a later one, it is accepted.
    let m3 = meeting_on(&mut f, "2026-08-01");
    for (at, status) in [(m2, ActionStatus::Open), (m3, ActionStatus::Done)] {
        f.book
            .set_action_status(&ActionStatusChange {
                action_id: a,
                status,
                note: "Progress".into(),
                meeting_id: Some(at),
            })
            .unwrap();
    }
    assert_eq!(f.book.action_updates(a).unwrap().len(), 2);
}

#[test]
fn a_renamed_group_s_meetings_are_found_by_its_new_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.tvault");
    {
        let mut f = fixture(dir.path());
        meeting_on(&mut f, "2026-06-01");
        meeting_on(&mut f, "2026-07-01");
        f.book
            .update_group(
                f.group,
                &GroupInput {
                    name: "Kestrel Vale Tasking Group".into(),
                    default_kind: MeetingKind::BronzeTasking,
                },
            )
            .unwrap();
        // Not closed: the rename must also survive the journal's replay.
        drop(f);
    }
    let book = Casebook::open(
        &path,
        &Passphrase::new(PASS),
        TestClock::at("2026-07-02"),
        Actor::Chair,
    )
    .unwrap();
    let kinds = |q: &str| -> Vec<HitKind> {
        let mut k: Vec<HitKind> = book
            .search(q)
            .unwrap()
            .into_iter()
            .map(|h| h.kind)
            .collect();
        k.sort_by_key(|k| format!("{k:?}"));
        k
    };
    assert_eq!(
        kinds("kestrel vale"),
        [HitKind::Group, HitKind::Meeting, HitKind::Meeting]
    );
    assert!(kinds("northbrook").is_empty(), "{:?}", kinds("northbrook"));
}

#[test]
fn someone_listed_twice_is_invited_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = fixture(dir.path());
    let (pc, group) = (f.pc, f.group);
    let page = f
        .book
        .plan_meeting(
            &meeting_input(group, "2026-06-01", "Civic Centre"),
            &[pc, pc],
        )
        .unwrap();
    assert_eq!(page.invitations.len(), 1);
}
