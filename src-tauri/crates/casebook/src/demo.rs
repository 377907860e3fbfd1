//! The demo vault of invented data that the app opens in demo mode. Every
//! person, street and case here is invented; the partner agencies are the
//! Arrangement's own (organisations, not people), and every email address is
//! on `example.org`, a domain reserved for examples.
//!
//! The demo is one group, the Northbrook Bronze Tasking Group, with six
//! months of monthly meetings **relative to the clock's today**, so that it
//! always looks current: five held (the last about a week ago) and two
//! planned. The held ones have their agenda items, attendance and apologies,
//! and actions — some done, one dropped with its reason, some open and a few
//! overdue — so the next meeting carries actions forward. Everything goes
//! through [`Casebook`]'s public methods, so every record has its audit
//! entry, as if a chair had typed it.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::{
    ActionInput, ActionStatus, ActionStatusChange, AgencyInput, AgendaItemInput, AgendaItemKind,
    Attendance, AttendanceInput, Casebook, Descriptor, Error, GroupInput, Marking, MeetingInput,
    MeetingKind, MeetingStatus, PersonInput, Result, dates,
};

/// The demo vault's passphrase. Printed by `tasking-vault-cli demo` and shown
/// on the unlock screen in demo mode only. It protects invented data.
pub const DEMO_PASSPHRASE: &str = "demo vault of invented data";

/// The demo's group of meetings.
pub const DEMO_GROUP: &str = "Northbrook Bronze Tasking Group";

const COUNCIL: &str = "Shropshire Council";
const POLICE: &str = "West Mercia Police (Shropshire Division)";
const CCG: &str = "Shropshire Clinical Commissioning Group";
const PROBATION: &str = "National Probation Service";
const CRC: &str = "Warwickshire and West Mercia CRC";
const FIRE: &str = "Shropshire Fire and Rescue Service";
const YOUTH: &str = "West Mercia Youth Justice Service";
const HOUSING: &str = "Severnside Housing Trust";

/// Invented people: name, agency, role, work email.
const PEOPLE: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "Imogen Threlfall",
        COUNCIL,
        "Community Safety Manager",
        Some("imogen.threlfall@council.example.org"),
    ),
    (
        "Rosalind Achebe-Moore",
        COUNCIL,
        "Partnership Support Officer",
        Some("rosalind.achebe-moore@council.example.org"),
    ),
    (
        "Dev Ashcombe",
        COUNCIL,
        "Anti-Social Behaviour Officer",
        Some("dev.ashcombe@council.example.org"),
    ),
    (
        "Callum Ferrow",
        POLICE,
        "Neighbourhood Sergeant",
        Some("callum.ferrow@police.example.org"),
    ),
    (
        "Aisha Brindleworth",
        POLICE,
        "Police Community Support Officer",
        None,
    ),
    (
        "Niamh Castellan",
        CCG,
        "Safeguarding Adults Lead Nurse",
        Some("niamh.castellan@ccg.example.org"),
    ),
    (
        "Marcus Idowu-Lang",
        PROBATION,
        "Senior Probation Officer",
        Some("marcus.idowu-lang@probation.example.org"),
    ),
    ("Petra Vaskova", CRC, "Case Manager", None),
    (
        "Gethin Rowlatt",
        FIRE,
        "Community Safety Advisor",
        Some("gethin.rowlatt@fire.example.org"),
    ),
    (
        "Saoirse Pendleford",
        YOUTH,
        "Youth Justice Officer",
        Some("saoirse.pendleford@yjs.example.org"),
    ),
    (
        "Oluwaseun Hartigan",
        HOUSING,
        "Tenancy Enforcement Officer",
        Some("oluwaseun.hartigan@housing.example.org"),
    ),
];

// Indexes into PEOPLE.
const CHAIR: usize = 0;
const MINUTES: usize = 1;
const ASB: usize = 2;
const SERGEANT: usize = 3;
const PCSO: usize = 4;
const NURSE: usize = 5;
const PROBATION_OFFICER: usize = 6;
const CASE_MANAGER: usize = 7;
const FIRE_ADVISOR: usize = 8;
const YOUTH_OFFICER: usize = 9;
const TENANCY: usize = 10;

/// The CRC's case manager takes part in the first meetings only: after
/// them the CRC leaves the Arrangement (CRCs were folded back into the
/// Probation Service in 2021), a realistic example of a partner leaving.
const LAST_MEETING_WITH_CRC: usize = 1;

/// Held meetings (the rest of [`schedule`] is planned).
const HELD: usize = 5;

const VENUES: [&str; 2] = [
    "Northbrook Community Hub, Meeting Room 2",
    "Northbrook Fire Station, Training Room",
];

/// A case reference of the demo: `NB-<year of the first meeting>-<n>`.
type Case = u16;

/// An agenda item beyond the usual ones: meeting, kind, title, case,
/// presenting agency.
struct Item {
    at: usize,
    kind: AgendaItemKind,
    title: &'static str,
    case: Option<Case>,
    presenter: &'static str,
}

const fn item(
    at: usize,
    kind: AgendaItemKind,
    title: &'static str,
    case: Option<Case>,
    presenter: &'static str,
) -> Item {
    Item {
        at,
        kind,
        title,
        case,
        presenter,
    }
}

use AgendaItemKind::{CaseReview, HotspotLocation, NewReferral};

const ITEMS: &[Item] = &[
    item(
        0,
        NewReferral,
        "Repeat anti-social behaviour, Tanner's Row",
        Some(14),
        POLICE,
    ),
    item(
        0,
        CaseReview,
        "Household review, Wrenfield Close",
        Some(9),
        HOUSING,
    ),
    item(
        0,
        HotspotLocation,
        "Cobbler's Yard car park: evening gatherings",
        None,
        FIRE,
    ),
    item(
        1,
        NewReferral,
        "Criminal damage by young people, Millrace Park",
        Some(21),
        YOUTH,
    ),
    item(
        1,
        CaseReview,
        "Tanner's Row: first month",
        Some(14),
        COUNCIL,
    ),
    item(
        1,
        CaseReview,
        "Household review, Wrenfield Close",
        Some(9),
        HOUSING,
    ),
    item(
        1,
        HotspotLocation,
        "Station Approach underpass",
        None,
        POLICE,
    ),
    item(
        2,
        NewReferral,
        "Hoarding and fire risk, Ashby Terrace",
        Some(27),
        FIRE,
    ),
    item(
        2,
        CaseReview,
        "Millrace Park: diversionary activities",
        Some(21),
        YOUTH,
    ),
    item(
        2,
        HotspotLocation,
        "Station Approach underpass: patrol results",
        None,
        POLICE,
    ),
    item(
        3,
        NewReferral,
        "Suspected cuckooing, Orchard Mews",
        Some(33),
        POLICE,
    ),
    item(
        3,
        CaseReview,
        "Ashby Terrace: fire risk and health needs",
        Some(27),
        CCG,
    ),
    item(
        3,
        HotspotLocation,
        "Cobbler's Yard car park: barrier repair",
        None,
        COUNCIL,
    ),
    item(
        4,
        CaseReview,
        "Orchard Mews: safeguarding and tenancy",
        Some(33),
        HOUSING,
    ),
    item(
        4,
        CaseReview,
        "Tanner's Row: proposed closure",
        Some(14),
        COUNCIL,
    ),
    item(4, CaseReview, "Ashby Terrace: fire risk", Some(27), FIRE),
    item(
        4,
        HotspotLocation,
        "Station Approach underpass: lighting",
        None,
        COUNCIL,
    ),
    item(
        5,
        CaseReview,
        "Orchard Mews: multi-agency visit",
        Some(33),
        POLICE,
    ),
    item(
        5,
        NewReferral,
        "Noise nuisance and threats, Kingfisher Court",
        Some(38),
        HOUSING,
    ),
];

/// What happens to an action after it is raised.
enum Then {
    /// Nothing yet.
    Open,
    /// A progress note at a later meeting; still open.
    Progress(usize, &'static str),
    /// Done at a later meeting, with a note.
    Done(usize, &'static str),
    /// A progress note, then done at a later meeting.
    ProgressThenDone(usize, &'static str, usize, &'static str),
    /// Dropped at a later meeting, with the reason.
    Dropped(usize, &'static str),
    /// Marked done from the actions tracker, between meetings.
    DoneFromTracker(&'static str),
}

/// An action: meeting, agenda item (by case, or by title for a hotspot),
/// text, owner, days from the meeting to its due date, what became of it.
struct Act {
    at: usize,
    under: Under,
    text: &'static str,
    owner: usize,
    due_in_days: u64,
    then: Then,
}

/// The agenda item an action is raised under.
enum Under {
    Case(Case),
    Title(&'static str),
}

const ACTIONS: &[Act] = &[
    Act {
        at: 0,
        under: Under::Case(14),
        text: "Visit Tanner's Row residents and start an incident diary with each household",
        owner: ASB,
        due_in_days: 21,
        then: Then::Done(1, "Six households visited; four keep a diary."),
    },
    Act {
        at: 0,
        under: Under::Case(14),
        text: "Share six months of call-out history for Tanner's Row",
        owner: SERGEANT,
        due_in_days: 14,
        then: Then::Done(
            1,
            "Shared before the meeting; 23 calls, mostly Friday nights.",
        ),
    },
    Act {
        at: 0,
        under: Under::Case(9),
        text: "Offer a home fire safety visit to the Wrenfield Close household",
        owner: FIRE_ADVISOR,
        due_in_days: 28,
        then: Then::Done(2, "Visit made; two smoke alarms fitted."),
    },
    Act {
        at: 0,
        under: Under::Case(9),
        text: "Check whether the Wrenfield Close household is known to adult safeguarding",
        owner: NURSE,
        due_in_days: 21,
        then: Then::Done(1, "Not known; no further action for health."),
    },
    Act {
        at: 1,
        under: Under::Case(21),
        text: "Offer diversionary activities to the young people named in the referral",
        owner: YOUTH_OFFICER,
        due_in_days: 28,
        then: Then::ProgressThenDone(
            2,
            "Two Friday-evening sessions booked with the leisure centre.",
            3,
            "Five of the seven young people attended; referral closed.",
        ),
    },
    Act {
        at: 1,
        under: Under::Title("Station Approach underpass"),
        text: "Ask for extra patrols at the Station Approach underpass on Friday and Saturday evenings",
        owner: PCSO,
        due_in_days: 14,
        then: Then::Done(2, "Patrols ran for four weekends; two dispersal orders."),
    },
    Act {
        at: 1,
        under: Under::Case(9),
        text: "Send a tenancy warning letter to the Wrenfield Close household",
        owner: TENANCY,
        due_in_days: 21,
        then: Then::Dropped(
            2,
            "The household gave notice and moved out of the area; nothing further to do.",
        ),
    },
    Act {
        at: 2,
        under: Under::Case(27),
        text: "Fire risk assessment of the Ashby Terrace property with the landlord",
        owner: FIRE_ADVISOR,
        due_in_days: 21,
        then: Then::Open,
    },
    Act {
        at: 2,
        under: Under::Case(27),
        text: "Ask the GP practice to review the Ashby Terrace occupant's health needs",
        owner: NURSE,
        due_in_days: 28,
        then: Then::Progress(3, "Appointment offered; not yet attended."),
    },
    Act {
        at: 2,
        under: Under::Title("Station Approach underpass: patrol results"),
        text: "Lighting survey of the Station Approach underpass",
        owner: ASB,
        due_in_days: 42,
        then: Then::Done(4, "Survey done; two lamps replaced and a third ordered."),
    },
    Act {
        at: 3,
        under: Under::Case(33),
        text: "Safeguarding visit to the Orchard Mews flat, jointly with housing",
        owner: SERGEANT,
        due_in_days: 7,
        then: Then::Done(4, "Visited; adult safeguarding referral made."),
    },
    Act {
        at: 3,
        under: Under::Case(33),
        text: "Check the Orchard Mews tenancy for unauthorised occupants",
        owner: TENANCY,
        due_in_days: 14,
        then: Then::Progress(4, "Landlord contacted; awaiting a reply."),
    },
    Act {
        at: 3,
        under: Under::Case(33),
        text: "Check whether visitors to Orchard Mews are under probation supervision",
        owner: PROBATION_OFFICER,
        due_in_days: 21,
        then: Then::DoneFromTracker("Two visitors supervised; their officers informed."),
    },
    Act {
        at: 3,
        under: Under::Title("Cobbler's Yard car park: barrier repair"),
        text: "Ask the owner of Cobbler's Yard car park to repair the entrance barrier",
        owner: CHAIR,
        due_in_days: 28,
        then: Then::Done(4, "Barrier repaired; gatherings have stopped."),
    },
    Act {
        at: 4,
        under: Under::Case(33),
        text: "Multi-agency visit to Orchard Mews (police, housing, probation)",
        owner: SERGEANT,
        due_in_days: 14,
        then: Then::Open,
    },
    Act {
        at: 4,
        under: Under::Case(14),
        text: "Update the Tanner's Row case plan; propose closure if quiet for a month",
        owner: ASB,
        due_in_days: 30,
        then: Then::Open,
    },
    Act {
        at: 4,
        under: Under::Case(27),
        text: "Arrange clearance of the rubbish stored in the Ashby Terrace yard",
        owner: FIRE_ADVISOR,
        due_in_days: 21,
        then: Then::Open,
    },
    Act {
        at: 4,
        under: Under::Title("Station Approach underpass: lighting"),
        text: "Youth outreach at Millrace Park and the underpass over the school holidays",
        owner: YOUTH_OFFICER,
        due_in_days: 35,
        then: Then::Open,
    },
];

/// Apologies and absences at the held meetings (everyone else is present):
/// meeting, person, attendance, written update sent.
const NOT_PRESENT: &[(usize, usize, Attendance, bool)] = &[
    (0, NURSE, Attendance::Apologies, false),
    (0, PROBATION_OFFICER, Attendance::Apologies, true),
    (1, FIRE_ADVISOR, Attendance::Apologies, true),
    (2, PROBATION_OFFICER, Attendance::Apologies, false),
    (2, YOUTH_OFFICER, Attendance::Absent, false),
    (3, NURSE, Attendance::Apologies, true),
    (4, TENANCY, Attendance::Apologies, true),
];

/// Late arrivals and early departures: meeting, person, arrived, left.
const TIMES: &[(usize, usize, Option<&str>, Option<&str>)] = &[
    (1, PCSO, Some("10:25"), None),
    (3, SERGEANT, None, Some("11:15")),
    (4, ASB, Some("10:20"), None),
];

/// The meetings' dates around `today`: five held, on Tuesdays a month
/// apart, the last one or two weeks ago; then two planned, a month apart.
pub fn schedule(today: NaiveDate) -> Vec<NaiveDate> {
    let anchor = tuesday(today - Days::new(7), false);
    let held = (0..HELD as u32).rev().map(|back| {
        let d = anchor
            .checked_sub_months(Months::new(back))
            .unwrap_or(anchor);
        tuesday(d, false)
    });
    let planned = (1..=2).map(|ahead| {
        let d = anchor
            .checked_add_months(Months::new(ahead))
            .unwrap_or(anchor);
        tuesday(d, true)
    });
    held.chain(planned).collect()
}

/// The Tuesday on or after `d` (`forward`), or on or before it.
fn tuesday(d: NaiveDate, forward: bool) -> NaiveDate {
    let from_tuesday =
        (d.weekday().num_days_from_monday() + 7 - Weekday::Tue.num_days_from_monday()) % 7;
    if forward {
        d + Days::new(u64::from((7 - from_tuesday) % 7))
    } else {
        d - Days::new(u64::from(from_tuesday))
    }
}

/// Adds the demo records to a freshly created casebook.
pub fn populate(book: &mut Casebook) -> Result<()> {
    book.add_agency(&AgencyInput {
        name: HOUSING.into(),
        designated_person_role: "Tenancy Enforcement Manager".into(),
    })?;
    let agencies = book.agencies(true)?;
    let agency = |name: &str| {
        agencies
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.id)
            .ok_or(Error::NotFound("agency"))
    };
    let group = book
        .add_group(&GroupInput {
            name: DEMO_GROUP.into(),
            default_kind: MeetingKind::BronzeTasking,
        })?
        .id;
    let mut people = Vec::with_capacity(PEOPLE.len());
    for (name, agency_name, role, email) in PEOPLE {
        let person = book.add_person(&PersonInput {
            name: (*name).into(),
            agency_id: agency(agency_name)?,
            role: (*role).into(),
            email: email.map(str::to_owned),
        })?;
        people.push((person.id, person.agency_id));
    }

    let dates = schedule(dates::today_london(book.clock.now()));
    let case_year = dates.first().map_or(2026, Datelike::year);
    let case_ref = |n: Case| format!("NB-{case_year}-{n:03}");
    let mut raised: Vec<Option<i64>> = vec![None; ACTIONS.len()];
    for (at, date) in dates.iter().enumerate() {
        if at == LAST_MEETING_WITH_CRC + 1 {
            book.set_agency_active(agency(CRC)?, false)?;
            book.set_person_active(people[CASE_MANAGER].0, false)?;
        }
        let invited: Vec<usize> = (0..people.len())
            .filter(|p| *p != CASE_MANAGER || at <= LAST_MEETING_WITH_CRC)
            .collect();
        let invitees: Vec<i64> = invited.iter().map(|p| people[*p].0).collect();
        let id = book
            .plan_meeting(
                &MeetingInput {
                    group_id: group,
                    kind: MeetingKind::BronzeTasking,
                    date: dates::to_text(*date),
                    start_time: "10:00".into(),
                    venue: VENUES[usize::from(at == 3)].into(),
                    chair_id: Some(people[CHAIR].0),
                    minute_taker_id: Some(people[MINUTES].0),
                    review_date: None,
                },
                &invitees,
            )?
            .meeting
            .id;
        for it in ITEMS.iter().filter(|i| i.at == at) {
            add_item(book, id, it, agency(it.presenter)?, it.case.map(case_ref))?;
        }
        if at >= HELD {
            continue;
        }
        for p in invited {
            let (attendance, written_update) = NOT_PRESENT
                .iter()
                .find(|(m, who, _, _)| *m == at && *who == p)
                .map_or((Attendance::Present, false), |(_, _, a, w)| (*a, *w));
            let (arrived_at, left_at) = TIMES
                .iter()
                .find(|(m, who, _, _)| *m == at && *who == p)
                .map_or((None, None), |(_, _, a, l)| {
                    (a.map(str::to_owned), l.map(str::to_owned))
                });
            book.set_attendance(&AttendanceInput {
                meeting_id: id,
                person_id: people[p].0,
                attendance,
                written_update,
                arrived_at,
                left_at,
            })?;
        }
        // Updates of earlier actions, as minuted under "previous minutes
        // and actions"; then this meeting's own actions.
        for (act, action_id) in ACTIONS.iter().zip(&raised) {
            let Some(action_id) = *action_id else {
                continue;
            };
            for (_, status, note) in updates(&act.then).into_iter().filter(|u| u.0 == at) {
                book.set_action_status(&ActionStatusChange {
                    action_id,
                    status,
                    note: note.into(),
                    meeting_id: Some(id),
                })?;
            }
        }
        let agenda = book.meeting_page(id)?.agenda;
        for (act, slot) in ACTIONS.iter().zip(raised.iter_mut()) {
            if act.at != at {
                continue;
            }
            let under = agenda.iter().find(|i| match act.under {
                Under::Case(n) => i.case_ref.as_deref() == Some(case_ref(n).as_str()),
                Under::Title(t) => i.title == t,
            });
            let (owner, owner_agency) = people[act.owner];
            let action = book.add_action(&ActionInput {
                text: act.text.into(),
                owner_agency_id: owner_agency,
                owner_person_id: Some(owner),
                due_date: dates::to_text(*date + Days::new(act.due_in_days)),
                raised_meeting_id: id,
                raised_item_id: under.map(|i| i.id),
            })?;
            *slot = Some(action.id);
        }
        book.set_meeting_status(id, MeetingStatus::Held)?;
    }
    // Closed from the tracker since the last meeting.
    for (act, action_id) in ACTIONS.iter().zip(&raised) {
        if let (Then::DoneFromTracker(note), Some(action_id)) = (&act.then, action_id) {
            book.set_action_status(&ActionStatusChange {
                action_id: *action_id,
                status: ActionStatus::Done,
                note: (*note).into(),
                meeting_id: None,
            })?;
        }
    }
    Ok(())
}

/// The updates `then` makes at held meetings: (meeting, status, note).
fn updates(then: &Then) -> Vec<(usize, ActionStatus, &'static str)> {
    match *then {
        Then::Open | Then::DoneFromTracker(_) => vec![],
        Then::Progress(m, note) => vec![(m, ActionStatus::Open, note)],
        Then::Done(m, note) => vec![(m, ActionStatus::Done, note)],
        Then::ProgressThenDone(m, note, later, done) => vec![
            (m, ActionStatus::Open, note),
            (later, ActionStatus::Done, done),
        ],
        Then::Dropped(m, reason) => vec![(m, ActionStatus::Dropped, reason)],
    }
}

/// Puts `it` on the meeting's agenda: in place of the usual item of its
/// kind while that is still untouched, otherwise after the last of its kind.
fn add_item(
    book: &mut Casebook,
    meeting: i64,
    it: &Item,
    presenter: i64,
    case_ref: Option<String>,
) -> Result<()> {
    let sensitive = matches!(it.kind, NewReferral | CaseReview);
    let input = AgendaItemInput {
        kind: it.kind,
        title: it.title.into(),
        case_ref,
        presenting_agency_id: Some(presenter),
        marking: if sensitive {
            Marking::OfficialSensitive
        } else {
            Marking::Official
        },
        descriptor: sensitive.then_some(Descriptor::PersonalData),
    };
    let agenda = book.meeting_page(meeting)?.agenda;
    let usual = crate::meetings::usual_agenda();
    let untouched = agenda.iter().find(|i| {
        i.kind == it.kind
            && i.case_ref.is_none()
            && i.presenting_agency_id.is_none()
            && usual.iter().any(|u| u.kind == i.kind && u.title == i.title)
    });
    if let Some(generic) = untouched {
        book.update_agenda_item(generic.id, &input)?;
        return Ok(());
    }
    let after = agenda
        .iter()
        .filter(|i| i.kind == it.kind)
        .map(|i| i.position)
        .max();
    let page = book.add_agenda_item(meeting, &input)?;
    if let (Some(after), Some(added)) = (after, page.agenda.last()) {
        book.move_agenda_item(added.id, after + 1)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        dates::date("Date", text).expect("a date")
    }

    #[test]
    fn the_schedule_is_monthly_on_tuesdays_around_today() {
        for today in ["2026-11-27", "2026-01-03", "2027-03-01", "2028-02-29"] {
            let today = day(today);
            let s = schedule(today);
            assert_eq!(s.len(), 7, "{today}");
            assert!(s.iter().all(|d| d.weekday() == Weekday::Tue), "{s:?}");
            assert!(s.windows(2).all(|w| w[0] < w[1]), "{s:?}");
            let held = &s[..HELD];
            assert!(held.iter().all(|d| *d < today), "{today}: {s:?}");
            assert!(s[HELD..].iter().all(|d| *d > today), "{today}: {s:?}");
            let gap = (today - held[HELD - 1]).num_days();
            assert!((7..=13).contains(&gap), "{today}: last held {gap} days ago");
            assert!(
                s.windows(2)
                    .all(|w| (21..=38).contains(&(w[1] - w[0]).num_days())),
                "{s:?}"
            );
        }
    }

    #[test]
    fn every_action_names_an_item_of_its_meeting_and_updates_come_later() {
        for act in ACTIONS {
            let found = ITEMS.iter().any(|i| {
                i.at == act.at
                    && match act.under {
                        Under::Case(n) => i.case == Some(n),
                        Under::Title(t) => i.title == t,
                    }
            });
            assert!(found, "{}: no such item at meeting {}", act.text, act.at);
            for (when, _, _) in updates(&act.then) {
                assert!(act.at < when && when < HELD, "{}", act.text);
            }
        }
    }
}
