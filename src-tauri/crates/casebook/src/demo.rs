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
//! overdue — so the next meeting carries actions forward. Every held
//! meeting has its confidentiality agreement register, signed in the kiosk
//! before the meeting began: most people drew their signature (invented
//! strokes, from [`signature_strokes`]), one typed their name, one
//! declined with a reason, and at the latest meeting someone who arrived
//! late never signed, so its register shows the warning. The case
//! references its agenda items carry are recorded as cases (an individual
//! with invented personal details, one with the gender recognition flag, a
//! household, a group of young people and a location). The held meetings'
//! minutes have disclosures about those cases of every category, by
//! people present who signed: two with a warning accepted (R5, R7), one
//! withdrawn, one with an inaccuracy notice; the person who declined and
//! the one who never signed are marked out of the room for the items with
//! disclosures; and a few items have their summary and decisions. The
//! chair approved every held meeting's minutes but the latest's (a draft)
//! two days after the meeting; the one before the latest was corrected a
//! week later, as version 2 with its reason.
//!
//! Version 2 has been circulated. Three partner agencies (the council,
//! the police and the fire service) have secure inbox keys: invented age
//! keys whose secret halves ship in `assets/demo/inbox-keys/` on purpose,
//! so that someone trying the demo can open an issued copy with `age -d`,
//! and which must never be used for real. The day after the correction
//! the chair issued numbered copies: encrypted to the chair, the sergeant
//! and the fire advisor, and one printed for the lead nurse, whose agency
//! has no key. The fire advisor's copy withholds the police's harassment
//! warning (the fire service was out of the room for its item); the
//! nurse, who sent apologies, has it in hers, because the police's written
//! consent for it to go to health is recorded. The sergeant's copy was
//! recalled that afternoon with its reason, and he was issued a new one.
//!
//! Information requests between partners, relative to today: one from the
//! housing trust answered, quality assured and disclosed in part (an
//! inaccuracy found since), one from the police unanswered and overdue,
//! one made by us to the probation service, one refused with its reasons,
//! and an emergency taken by telephone yesterday, still to complete.
//! Everything goes through [`Casebook`]'s public methods, so every record
//! has its audit entry, as if a chair had typed it. The one liberty: while
//! the register, the minutes, their approval and their copies are made the
//! casebook's clock is set to the time each happened, so each entry (and
//! its audit entry) carries the time it would have been made.

use std::sync::Arc;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeZone, Utc, Weekday};

use crate::circulation::keys::Holder;
use crate::disclosures::{
    AsbAdmissionDetails, Category, CautionDetails, CautionKind, ConvictionDetails, DisclosureDraft,
    HarassmentWarningDetails, LegalPower, Nature, RuleId, SentenceType, StatutoryPurpose,
};
use crate::signatures::{PAD_HEIGHT, PAD_WIDTH};
use crate::{
    ActionInput, ActionStatus, ActionStatusChange, AgencyInput, AgencyKind, AgendaItemInput,
    AgendaItemKind, Attendance, AttendanceInput, CaseInput, CaseKind, Casebook, Clock,
    ConsentInput, CopiesRequest, CopyRequest, DeclineInput, Delivery, Descriptor, DisclosureFilter,
    DisclosureInput, Error, GroupInput, InaccuracyInput, Marking, MeetingInput, MeetingKind,
    MeetingStatus, Minuting, PersonInput, Point, Result, SignInput, SignMethod, Signer, dates,
};

/// The demo vault's passphrase. Printed by `tasking-vault-cli demo` and shown
/// on the unlock screen in demo mode only. It protects invented data.
pub const DEMO_PASSPHRASE: &str = "demo vault of invented data";

/// The demo's group of meetings.
pub const DEMO_GROUP: &str = "Northbrook Bronze Tasking Group";

/// The Appendix A partner of that name (the demo and the generator seat
/// their invented people at these agencies).
pub const COUNCIL: &str = "Shropshire Council";
/// The Appendix A partner of that name.
pub const POLICE: &str = "West Mercia Police (Shropshire Division)";
/// The Appendix A partner of that name.
pub const CCG: &str = "Shropshire Clinical Commissioning Group";
/// The Appendix A partner of that name.
pub const PROBATION: &str = "National Probation Service";
/// The Appendix A partner of that name.
pub const CRC: &str = "Warwickshire and West Mercia CRC";
/// The Appendix A partner of that name.
pub const FIRE: &str = "Shropshire Fire and Rescue Service";
/// The Appendix A partner of that name.
pub const YOUTH: &str = "West Mercia Youth Justice Service";
/// An invented housing partner, added by the demo and the generator.
pub const HOUSING: &str = "Severnside Housing Trust";

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

/// How someone present stood on a held meeting's register, when not a
/// drawn signature made before the meeting began.
enum Entry {
    /// Typed their name instead of drawing.
    Typed,
    /// Declined to sign, with the reason.
    Declined(&'static str),
    /// Present, but never signed (arrived after signing had closed).
    NotSigned,
}

/// The register's exceptions: meeting, person, entry. Everyone else present
/// draws their signature; a late arrival signs on arriving, when the chair
/// reopens the kiosk, unless listed here.
const REGISTER: &[(usize, usize, Entry)] = &[
    (2, NURSE, Entry::Typed),
    (
        3,
        FIRE_ADVISOR,
        Entry::Declined(
            "I am here for the hotspot items only and will leave before the case discussions.",
        ),
    ),
    (4, ASB, Entry::NotSigned),
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
        kind: AgencyKind::Housing,
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
    let mut held = Vec::with_capacity(HELD);
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
        let mut present = Vec::new();
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
            if attendance == Attendance::Present {
                present.push((p, arrived_at.clone()));
            }
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
        sign_register(book, at, id, *date, &present, &people)?;
        book.set_meeting_status(id, MeetingStatus::Held)?;
        held.push((id, *date));
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
    // The cases the agenda items are about: recorded after the items that
    // name them, which link to them by reference from then on.
    if let Some(first) = dates.first() {
        for c in CASES {
            book.add_case(&c.input(case_ref(c.case), *first))?;
        }
    }
    // What was said at the table, now that the cases it is about are
    // recorded, so the rules read them as the app's would.
    record_minutes(book, &held, &people, &case_ref)?;
    approve_minutes(book, &held)?;
    circulate(book, &held, &people, &agency)?;
    information_requests(book, &agency)?;
    Ok(())
}

/// The reason the demo's refused request gives.
pub const REFUSAL_REASONS: &str = "The request asks for the whole household's records without \
     saying how each is needed for the stated purpose; it is not the minimum necessary (5.3). \
     A narrower request would be considered.";

/// An invented subject for a demo request.
fn subject(surname: &str, forenames: &str, postcode: &str) -> crate::requests::Subject {
    crate::requests::Subject {
        surname: surname.into(),
        forenames: forenames.into(),
        address: format!("Flat {}, Tanner's Row, Northbrook", surname.len()),
        postcode: postcode.into(),
        ..crate::requests::Subject::default()
    }
}

/// A signature of the demo's invented hands, with name, rank and date.
fn form_signature(
    hand: u64,
    name: &str,
    rank: &str,
    on: NaiveDate,
) -> crate::requests::FormSignature {
    crate::requests::FormSignature {
        name: name.into(),
        rank: rank.into(),
        date: dates::to_text(on),
        strokes: signature_strokes(hand, 1),
    }
}

/// A complete request form from `org`, signed on `on`.
fn request_form(
    org: &str,
    who: (&str, &str),
    subject: crate::requests::Subject,
    sought: &str,
    on: NaiveDate,
    hand: u64,
) -> crate::requests::RequestForm {
    crate::requests::RequestForm {
        requester: crate::requests::Requester {
            name: org.into(),
            address: "Northbrook".into(),
            tel: "01632 960 000".into(),
            date: dates::to_text(on),
            reference: format!(
                "{}/IR/{}",
                org.chars().take(3).collect::<String>().to_uppercase(),
                400 + hand
            ),
            to: "Designated Person".into(),
        },
        subject,
        information_sought: sought.into(),
        basis: crate::requests::LegalBasis {
            legal_power: Some(LegalPower::CdaS115),
            statutory_purpose: Some(StatutoryPurpose::AntiSocialBehaviour),
            reasons: "Needed to decide proportionate action on reports of anti-social \
                      behaviour at the address."
                .into(),
            confidentiality_overridden: true,
            privacy_outweighed: true,
        },
        signed: Some(form_signature(hand, who.0, who.1, on)),
    }
}

/// Information requests between partners, relative to today: one
/// received from the housing trust, answered, quality assured and
/// disclosed in part, with an inaccuracy notice found since; one received
/// from the police, unanswered and overdue; one made by us to the
/// probation service, awaiting their reply; one received and refused with
/// its reasons; and an emergency taken by telephone yesterday, still to
/// complete.
fn information_requests(book: &mut Casebook, agency: &dyn Fn(&str) -> Result<i64>) -> Result<()> {
    use crate::requests::{
        Contact, Decision, Direction, EmergencyCall, RequestInput, ResponseForm,
    };
    let today = dates::today_london(book.clock.now());
    let back = |days: u64| today - Days::new(days);
    let response = |name: &str, rank: &str, text: &str, on: NaiveDate, hand: u64| ResponseForm {
        contact: Contact {
            name: name.into(),
            date: dates::to_text(on),
            reference: format!("SC/DPO/{}", 90 + hand),
            to: "The requester".into(),
            ..Contact::default()
        },
        response: text.into(),
        signed: Some(form_signature(hand, name, rank, on)),
    };

    // Answered in part, with an inaccuracy found since.
    let received = crate::workdays::add_working_days(back(40), 0);
    let answered = crate::workdays::add_working_days(received, 6);
    let id = at_time(book, london(received, 11, 20, 0), |b| {
        b.add_request(&RequestInput {
            direction: Direction::Received,
            agency_id: Some(agency(HOUSING)?),
            received_on: dates::to_text(received),
            case_id: None,
            form: request_form(
                HOUSING,
                ("Hollis Renwick", "Tenancy Enforcement Manager"),
                subject("Marlowe-Quist", "Dana", "NB1 4QT"),
                "Any record of anti-social behaviour at the address since June.",
                received,
                31,
            ),
        })
    })?
    .id;
    at_time(book, london(answered, 15, 0, 0), |b| {
        b.respond_to_request(
            id,
            &response(
                "Imogen Threlfall",
                "Community Safety Manager",
                "Two reports of noise at the address in July; one warning letter sent in \
                 August. Nothing else is held.",
                answered,
                32,
            ),
        )?;
        b.quality_assure_request(
            id,
            &form_signature(
                33,
                "Rosalind Achebe-Moore",
                "Partnership Support Officer",
                answered,
            ),
        )?;
        b.decide_request(
            id,
            Decision::Part,
            "The reports and the letter only; a neighbour's statement is withheld as it names \
             a third party.",
        )
    })?;
    at_time(book, london(back(4), 10, 0, 0), |b| {
        b.add_request_notice(&crate::requests::RequestNoticeInput {
            request_id: id,
            what_is_wrong: "The warning letter was sent in September, not August.".into(),
            found_on: dates::to_text(back(5)),
            notified_on: Some(dates::to_text(back(4))),
            notified_to: Some("Tenancy Enforcement Manager, Severnside Housing Trust".into()),
        })
    })?;

    // Received from the police three weeks ago, not answered: overdue.
    let received = back(21);
    at_time(book, london(received, 9, 40, 0), |b| {
        b.add_request(&RequestInput {
            direction: Direction::Received,
            agency_id: Some(agency(POLICE)?),
            received_on: dates::to_text(received),
            case_id: None,
            form: request_form(
                POLICE,
                ("Callum Ferrow", "Neighbourhood Sergeant"),
                subject("Okafor-Lyle", "Brandon", "NB2 7RS"),
                "Whether the council holds any tenancy or safeguarding concern for the address.",
                received,
                34,
            ),
        })
    })?;

    // Made by us to the probation service two days ago: awaiting them.
    let sent = back(2);
    at_time(book, london(sent, 14, 5, 0), |b| {
        b.add_request(&RequestInput {
            direction: Direction::Made,
            agency_id: Some(agency(PROBATION)?),
            received_on: dates::to_text(sent),
            case_id: None,
            form: request_form(
                COUNCIL,
                ("Imogen Threlfall", "Community Safety Manager"),
                subject("Varga-Penrose", "Milo", "NB3 2HX"),
                "Whether the person is under supervision and any licence conditions bearing on \
                 the address.",
                sent,
                35,
            ),
        })
    })?;

    // Received, answered and refused with its reasons.
    let received = back(30);
    let answered = crate::workdays::add_working_days(received, 4);
    let id = at_time(book, london(received, 12, 30, 0), |b| {
        b.add_request(&RequestInput {
            direction: Direction::Received,
            agency_id: Some(agency(HOUSING)?),
            received_on: dates::to_text(received),
            case_id: None,
            form: request_form(
                HOUSING,
                ("Hollis Renwick", "Tenancy Enforcement Manager"),
                subject("Ashdown-Reyes", "the household", "NB1 9PL"),
                "All records held by any service about every member of the household.",
                received,
                36,
            ),
        })
    })?
    .id;
    at_time(book, london(answered, 16, 10, 0), |b| {
        b.respond_to_request(
            id,
            &response(
                "Imogen Threlfall",
                "Community Safety Manager",
                "The request is refused as it stands: see the decision.",
                answered,
                37,
            ),
        )?;
        b.quality_assure_request(
            id,
            &form_signature(
                38,
                "Rosalind Achebe-Moore",
                "Partnership Support Officer",
                answered,
            ),
        )?;
        b.decide_request(id, Decision::Refused, REFUSAL_REASONS)
    })?;

    // An emergency by telephone yesterday afternoon, not yet written up.
    at_time(book, london(back(1), 16, 45, 0), |b| {
        b.record_emergency(&EmergencyCall {
            caller: "PC Tamsin Oakridge".into(),
            agency: POLICE.into(),
            agency_id: Some(agency(POLICE)?),
            callback: "01632 960 555".into(),
            asked: "Whether there is any known risk to officers at 3 Cobbler's Yard.".into(),
            given: "A warning marker for aggression towards staff, recorded in 2025.".into(),
            why_urgent: "Officers were attending a reported disturbance there within the hour."
                .into(),
        })
    })?;
    Ok(())
}

/// The reason the demo's corrected minutes give for their version 2.
pub const CORRECTION_REASON: &str = "The housing officer's visit was on the Thursday, not the Wednesday: corrected at the \
     Designated Person's request.";

/// The chair approves every held meeting's minutes but the latest (still a
/// draft) two days after it, at the minimum marking; the one before the
/// latest is then corrected and approved again as version 2 a week later.
fn approve_minutes(book: &mut Casebook, held: &[(i64, NaiveDate)]) -> Result<()> {
    let Some((_, approved)) = held.split_last() else {
        return Ok(());
    };
    for (n, (id, date)) in approved.iter().enumerate() {
        let approve = |book: &mut Casebook, reason: Option<&str>| {
            let marking = book.minutes(*id)?.draft.minimum_marking.marking;
            book.approve_minutes(&crate::MinutesApprove {
                meeting_id: *id,
                marking,
                recipients_only: false,
                reason: reason.map(str::to_owned),
            })
        };
        at_time(book, london(*date + Days::new(2), 16, 10, 0), |b| {
            approve(b, None)
        })?;
        if n + 1 == approved.len() {
            at_time(book, london(*date + Days::new(9), 11, 30, 0), |b| {
                let item = b
                    .minute_taking(*id)?
                    .items
                    .into_iter()
                    .find(|i| !i.summary.is_empty())
                    .ok_or(Error::NotFound("agenda item"))?;
                b.save_item_notes(
                    item.item.id,
                    &format!(
                        "{} The housing officer visited on the Thursday.",
                        item.summary
                    ),
                    &item.decisions,
                )?;
                approve(b, Some(CORRECTION_REASON))
            })?;
        }
    }
    Ok(())
}

/// The invented secure inbox keys the demo gives three partner agencies:
/// the agency and its public key, from the key file `age-keygen` wrote in
/// `assets/demo/inbox-keys/` (the demo tests check they match). Only the
/// public halves are built into the program; the files' secret halves ship
/// beside it on purpose, so that someone trying the demo can open a copy
/// issued to one of them with `age -d -i`. They must never be used for
/// real.
const INBOX_KEYS: &[(&str, &str)] = &[
    (
        COUNCIL,
        // shropshire-council.key
        "age15nx2mtd46keym03u5v6j85ef0jkvdc7wsv39rp6wu7a9eny0tursl5zhm5",
    ),
    (
        POLICE,
        // west-mercia-police.key
        "age15nzdly768kvk6rtey8m39asmj68ygtrmupcuk6eqx87wvz4h49qqzzg58f",
    ),
    (
        FIRE,
        // shropshire-fire-and-rescue.key
        "age1uuvd78aps0449ycfsgney2vd3z6cgznsvj0gcqzmjx7el3vf24usxy6d89",
    ),
];

/// The age public key (`age1…`) of an `age-keygen` key file: what follows
/// `# public key: ` on its comment line.
pub fn public_key(key_file: &str) -> Option<&str> {
    key_file
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .map(str::trim)
}

/// The reason the demo's recalled copy gives.
pub const RECALL_REASON: &str = "Sent to the wrong secure inbox; the recipient confirmed deletion.";

/// Circulation of the latest approved minutes (the corrected version 2 of
/// the meeting before the latest), the day after the correction: the
/// council, the police and the fire service have their secure inbox keys
/// ([`INBOX_KEYS`]); the police give written consent for their harassment
/// warning to go to health; the chair issues copies encrypted to the
/// chair, the sergeant and the fire advisor (whose copy withholds that
/// warning, the fire service having been out of the room for its item)
/// and a printed copy for the lead nurse (health has no key; she sent
/// apologies, and the consent lets the warning into her copy). The
/// sergeant's copy is recalled that afternoon and issued to him again as
/// a new copy.
fn circulate(
    book: &mut Casebook,
    held: &[(i64, NaiveDate)],
    people: &[(i64, i64)],
    agency: &dyn Fn(&str) -> Result<i64>,
) -> Result<()> {
    let Some(&(meeting_id, date)) = held.split_last().and_then(|(_, a)| a.last()) else {
        return Ok(());
    };
    let version = book
        .minutes(meeting_id)?
        .versions
        .last()
        .map(|v| v.version)
        .ok_or(Error::NotFound("approved minutes"))?;
    let day = date + Days::new(10);
    at_time(book, london(day, 9, 5, 0), |b| {
        for (name, key) in INBOX_KEYS {
            b.set_inbox_key(Holder::Agency(agency(name)?), Some(key))?;
        }
        Ok(())
    })?;
    let warning = book
        .disclosures(&DisclosureFilter {
            meeting_id: Some(meeting_id),
            ..DisclosureFilter::default()
        })?
        .into_iter()
        .find(|d| d.draft.category == Category::HarassmentWarning && d.withdrawn_at.is_none())
        .ok_or(Error::NotFound("disclosure"))?;
    at_time(book, london(day, 9, 40, 0), |b| {
        b.add_consent(&ConsentInput {
            disclosure_id: warning.id,
            agency_ids: vec![agency(CCG)?],
            given_by: "Tamsin Orrell-Beck, Detective Inspector".into(),
            given_on: dates::to_text(day),
            reference: "WMP-ISA-2291".into(),
        })
    })?;
    let copy = |p: usize, delivery: Delivery| CopyRequest {
        person_id: people[p].0,
        delivery: Some(delivery),
        withhold: Vec::new(),
    };
    let issue = |book: &mut Casebook, when: DateTime<Utc>, recipients: Vec<CopyRequest>| {
        let req = CopiesRequest {
            meeting_id,
            version,
            recipients,
            unencrypted_accepted: true,
        };
        at_time(book, when, |b| {
            let prepared = b.prepare_copies(&req)?;
            b.record_copies(&prepared)
        })
    };
    let issued = issue(
        book,
        london(day, 10, 15, 0),
        vec![
            copy(CHAIR, Delivery::Encrypted),
            copy(SERGEANT, Delivery::Encrypted),
            copy(FIRE_ADVISOR, Delivery::Encrypted),
            copy(NURSE, Delivery::Printed),
        ],
    )?;
    let sergeant = issued
        .iter()
        .find(|c| c.person_id == people[SERGEANT].0)
        .ok_or(Error::NotFound("issued copy"))?
        .id;
    at_time(book, london(day, 14, 40, 0), |b| {
        b.recall_copy(sergeant, RECALL_REASON)
    })?;
    issue(
        book,
        london(day, 14, 55, 0),
        vec![copy(SERGEANT, Delivery::Encrypted)],
    )?;
    Ok(())
}

/// A case of the demo, for the references its agenda items carry. Every
/// name, alias, date and address is invented.
struct DemoCase {
    case: Case,
    kind: CaseKind,
    label: &'static str,
    subject_name: Option<&'static str>,
    aliases: &'static [&'static str],
    date_of_birth: Option<&'static str>,
    address: Option<&'static str>,
    /// The gender recognition flag's source; it is dated at the first
    /// meeting.
    grc_flag_source: Option<&'static str>,
}

impl DemoCase {
    fn input(&self, case_ref: String, first_meeting: NaiveDate) -> CaseInput {
        CaseInput {
            case_ref,
            kind: self.kind,
            label: self.label.into(),
            subject_name: self.subject_name.map(str::to_owned),
            aliases: self.aliases.iter().map(|a| (*a).to_owned()).collect(),
            date_of_birth: self.date_of_birth.map(str::to_owned),
            address: self.address.map(str::to_owned),
            grc_flag: self.grc_flag_source.is_some(),
            grc_flag_date: self.grc_flag_source.map(|_| dates::to_text(first_meeting)),
            grc_flag_source: self.grc_flag_source.map(str::to_owned),
        }
    }
}

const CASES: &[DemoCase] = &[
    DemoCase {
        case: 14,
        kind: CaseKind::Individual,
        label: "Adult male, Tanner's Row",
        subject_name: Some("Corwin Ashdale"),
        aliases: &["Cory Ash", "Corwin Ashdale-Pryor"],
        date_of_birth: Some("1991-04-17"),
        address: Some("Flat 2, 14 Tanner's Row, Northbrook"),
        grc_flag_source: None,
    },
    DemoCase {
        case: 9,
        kind: CaseKind::Household,
        label: "Family household, Wrenfield Close",
        subject_name: None,
        aliases: &[],
        date_of_birth: None,
        address: Some("7 Wrenfield Close, Northbrook"),
        grc_flag_source: None,
    },
    DemoCase {
        case: 21,
        kind: CaseKind::Group,
        label: "Group of young people, Millrace Park",
        subject_name: None,
        aliases: &[],
        date_of_birth: None,
        address: None,
        grc_flag_source: None,
    },
    DemoCase {
        case: 27,
        kind: CaseKind::Individual,
        label: "Older adult, Ashby Terrace",
        subject_name: None,
        aliases: &[],
        date_of_birth: None,
        address: None,
        grc_flag_source: None,
    },
    DemoCase {
        case: 33,
        kind: CaseKind::Individual,
        label: "Vulnerable adult, Orchard Mews",
        subject_name: Some("Alexis Marchbank"),
        aliases: &[],
        date_of_birth: Some("1984-09-03"),
        address: Some("5 Orchard Mews, Northbrook"),
        grc_flag_source: Some("Told to the council's safeguarding team by the subject"),
    },
    DemoCase {
        case: 38,
        kind: CaseKind::Location,
        label: "Kingfisher Court, communal areas",
        subject_name: None,
        aliases: &[],
        date_of_birth: None,
        address: Some("Kingfisher Court, Northbrook"),
        grc_flag_source: None,
    },
];

/// Where a step of the minutes happens: an agenda item of a held meeting,
/// by its case or, for a hotspot, its title.
#[derive(Clone, Copy)]
enum On {
    Case(Case),
    Title(&'static str),
}

/// One thing the minute-taker records at a held meeting, at a time of the
/// meeting's morning.
enum Step {
    /// The chair marks someone present as out of the room for the item
    /// (R9): they have not signed, or declined to.
    Out(usize),
    /// A disclosure, with the key later steps know it by.
    Say(&'static str, Box<Said>),
    /// The disclosure of that key withdrawn, with the reason.
    Withdraw(&'static str, &'static str),
    /// An inaccuracy notice against the disclosure of that key (R13):
    /// what is wrong, and whom the supplying agency was told (that day).
    Notice(&'static str, &'static str, &'static str),
    /// The item's discussion summary and decisions.
    Notes(&'static str, &'static str),
}

/// A disclosure: who said it, what, and how it is minuted.
struct Said {
    who: usize,
    draft: DisclosureDraft,
    minuting: Minuting,
    minute_summary: Option<&'static str>,
    accepted: Vec<RuleId>,
}

/// A draft of a category without details of its own.
fn plain(
    category: Category,
    nature: Nature,
    text: String,
    power: LegalPower,
    purpose: StatutoryPurpose,
) -> DisclosureDraft {
    DisclosureDraft {
        category,
        nature,
        text,
        caution: None,
        harassment_warning: None,
        asb_admission: None,
        conviction: None,
        legal_power: Some(power),
        statutory_purpose: Some(purpose),
        touches_gender_history: false,
        gender_exception: None,
    }
}

/// A disclosure minuted in full, with no warning to accept.
fn said(who: usize, draft: DisclosureDraft) -> Step {
    said_as(who, draft, Minuting::Full, None, &[])
}

fn said_as(
    who: usize,
    draft: DisclosureDraft,
    minuting: Minuting,
    minute_summary: Option<&'static str>,
    accepted: &[RuleId],
) -> Step {
    Step::Say(
        "",
        Box::new(Said {
            who,
            draft,
            minuting,
            minute_summary,
            accepted: accepted.to_vec(),
        }),
    )
}

/// Gives a [`Step::Say`] its key.
fn keyed(key: &'static str, step: Step) -> Step {
    match step {
        Step::Say(_, s) => Step::Say(key, s),
        other => other,
    }
}

/// The held meetings' minutes beyond attendance and actions: disclosures
/// of every category, two of them with a warning accepted (R5 on a spent
/// caution, R7 on a note that names the subject), one withdrawn, one with
/// an inaccuracy notice; the unsigned or declined person marked out of
/// the room for the items with disclosures; and a few items' notes.
/// Meeting, time (London), item, step; in time order at each meeting.
fn minutes(
    dates: &[NaiveDate],
    case_ref: &dyn Fn(Case) -> String,
) -> Vec<(usize, (u32, u32), On, Step)> {
    use Category as C;
    use LegalPower as L;
    use Nature::{Fact, Opinion};
    use StatutoryPurpose as P;
    let ago = |at: usize, days: u64| dates::to_text(dates[at] - Days::new(days));
    let (r9, r14, r21, r27, r33) = (
        case_ref(9),
        case_ref(14),
        case_ref(21),
        case_ref(27),
        case_ref(33),
    );
    vec![
        // The first meeting: everyone present has signed.
        (
            0,
            (10, 12),
            On::Case(14),
            said(
                SERGEANT,
                plain(
                    C::Incident,
                    Fact,
                    format!(
                        "23 calls to the police in the last six months about noise and shouting \
                         at the address in {r14}, 17 of them between 10pm and 2am on a Friday \
                         or Saturday. Officers attended 9 times; no arrests."
                    ),
                    L::CdaS115,
                    P::AntiSocialBehaviour,
                ),
            ),
        ),
        (
            0,
            (10, 16),
            On::Case(14),
            said_as(
                SERGEANT,
                DisclosureDraft {
                    caution: Some(CautionDetails {
                        kind: CautionKind::Simple,
                        given_on: ago(0, 130),
                    }),
                    ..plain(
                        C::PoliceCaution,
                        Fact,
                        format!(
                            "The subject of {r14} accepted a simple caution for a public order \
                             offence (threatening words towards a neighbour on Tanner's Row)."
                        ),
                        L::CdaS115,
                        P::CrimeAndDisorder,
                    )
                },
                Minuting::Summary,
                Some("A recent police caution for a public order offence on Tanner's Row."),
                &[RuleId::R5],
            ),
        ),
        (
            0,
            (10, 31),
            On::Case(9),
            said(
                TENANCY,
                plain(
                    C::HousingOrTenancy,
                    Fact,
                    format!(
                        "The tenancy of the household in {r9} is an assured tenancy with the \
                         trust. Two written complaints from neighbours about noise this year; \
                         rent account up to date."
                    ),
                    L::CdaS115,
                    P::AntiSocialBehaviour,
                ),
            ),
        ),
        (
            0,
            (10, 40),
            On::Case(14),
            Step::Notes(
                "Calls to the police about the address are frequent and late at night. \
                 Residents are willing to keep incident diaries.",
                "Accepted as a new referral. Council ASB to lead, with police support.",
            ),
        ),
        // The second: the late arrival signed when she came in at 10:25.
        (
            1,
            (10, 8),
            On::Case(21),
            said(
                YOUTH_OFFICER,
                plain(
                    C::Safeguarding,
                    Fact,
                    format!(
                        "Two of the young people in {r21} are open to early help, and one has \
                         a child in need plan. Their social workers know of the referral."
                    ),
                    L::ChildrenAct2004,
                    P::SafeguardingChildren,
                ),
            ),
        ),
        (
            1,
            (10, 27),
            On::Case(21),
            said(
                PCSO,
                plain(
                    C::Intelligence,
                    Fact,
                    format!(
                        "Community reports for {r21}: the group gathers at the Millrace Park \
                         pavilion after 8pm on Fridays; damage to the pavilion's shutters was \
                         reported on three Saturday mornings."
                    ),
                    L::CdaS115,
                    P::CrimeAndDisorder,
                ),
            ),
        ),
        (
            1,
            (10, 34),
            On::Case(14),
            said(
                ASB,
                DisclosureDraft {
                    asb_admission: Some(AsbAdmissionDetails {
                        corroboration: "Incident diaries kept by four households, and the ASB \
                                        officer's own note of loud music heard at the visit."
                            .into(),
                    }),
                    ..plain(
                        C::AsbAdmission,
                        Fact,
                        format!(
                            "At the home visit the subject of {r14} admitted playing loud music \
                             late at night at weekends and agreed to keep it down after 11pm."
                        ),
                        L::CdaS115,
                        P::AntiSocialBehaviour,
                    )
                },
            ),
        ),
        (
            1,
            (10, 38),
            On::Case(14),
            said(
                PROBATION_OFFICER,
                DisclosureDraft {
                    conviction: Some(ConvictionDetails {
                        offence: "Criminal damage".into(),
                        convicted_on: ago(1, 150),
                        sentence: SentenceType::CommunityOrder,
                        sentence_months: Some(12),
                        sentence_ends_on: None,
                        under_18: false,
                        never_spent: false,
                    }),
                    ..plain(
                        C::Conviction,
                        Fact,
                        format!(
                            "The subject of {r14} was convicted of criminal damage at the \
                             magistrates' court and is serving a 12-month community order with \
                             unpaid work, supervised by probation."
                        ),
                        L::CdaS115,
                        P::Reoffending,
                    )
                },
            ),
        ),
        (
            1,
            (10, 42),
            On::Case(14),
            said_as(
                SERGEANT,
                plain(
                    C::Intelligence,
                    Fact,
                    format!(
                        "Neighbours know the subject of {r14} as Corwin and use that name when \
                         they call; the call-out history was searched under it as well as the \
                         address."
                    ),
                    L::CdaS115,
                    P::AntiSocialBehaviour,
                ),
                Minuting::Summary,
                Some("The call-out history was searched under the name neighbours use."),
                &[RuleId::R7],
            ),
        ),
        // The third.
        (
            2,
            (10, 9),
            On::Case(27),
            keyed(
                "alarm",
                said(
                    FIRE_ADVISOR,
                    plain(
                        C::Other,
                        Fact,
                        format!(
                            "On a home visit for {r27}: paper and bags of rubbish stored \
                             floor to ceiling in the hall and the back room, the rear exit \
                             blocked, and no working smoke alarm in the property."
                        ),
                        L::CdaS115,
                        P::CommunitySafety,
                    ),
                ),
            ),
        ),
        (
            2,
            (10, 14),
            On::Case(27),
            said_as(
                NURSE,
                plain(
                    C::HealthOrCare,
                    Opinion,
                    format!(
                        "In the lead nurse's view the occupant in {r27} has care and support \
                         needs: limited mobility would make leaving the house in a fire hard \
                         without help. Not seen by the GP practice for over a year."
                    ),
                    L::CareAct2014,
                    P::SafeguardingAdults,
                ),
                Minuting::Summary,
                Some("Health needs add to the fire risk; a GP review is to be asked for."),
                &[],
            ),
        ),
        (
            2,
            (10, 45),
            On::Title("Station Approach underpass: patrol results"),
            Step::Notes(
                "Four weekends of patrols; two dispersal orders. Lighting in the underpass is \
                 poor and makes residents avoid it after dark.",
                "Patrols to stop. A lighting survey to be done.",
            ),
        ),
        // The fourth: the fire service's advisor declined to sign, being
        // there for the hotspot items only, and is out of the room for
        // the case items.
        (3, (10, 5), On::Case(33), Step::Out(FIRE_ADVISOR)),
        (
            3,
            (10, 11),
            On::Case(33),
            said(
                SERGEANT,
                DisclosureDraft {
                    harassment_warning: Some(HarassmentWarningDetails {
                        recorded_on: ago(3, 45),
                        basis: format!(
                            "Repeated unwanted visits to the flat in {r33} and messages to the \
                             tenant, reported by a neighbour and confirmed by the tenant."
                        ),
                    }),
                    ..plain(
                        C::HarassmentWarning,
                        Fact,
                        format!(
                            "A harassment warning was given to a regular visitor to the flat in \
                             {r33}, about their conduct towards the tenant."
                        ),
                        L::CdaS115,
                        P::CrimeAndDisorder,
                    )
                },
            ),
        ),
        (
            3,
            (10, 18),
            On::Case(33),
            keyed(
                "tenancy",
                said(
                    TENANCY,
                    plain(
                        C::HousingOrTenancy,
                        Fact,
                        format!(
                            "The tenancy in {r33} is a starter tenancy; a second adult has been \
                             living there since the spring without the trust's consent."
                        ),
                        L::CdaS115,
                        P::CrimeAndDisorder,
                    ),
                ),
            ),
        ),
        (
            3,
            (10, 26),
            On::Case(33),
            Step::Withdraw(
                "tenancy",
                "Recorded against the wrong case: the tenancy details were of another flat in \
                 Orchard Mews.",
            ),
        ),
        (3, (10, 33), On::Case(27), Step::Out(FIRE_ADVISOR)),
        (
            3,
            (10, 36),
            On::Case(27),
            Step::Notice(
                "alarm",
                "The landlord has shown that a smoke alarm was fitted in the upstairs landing; \
                 the visit checked the ground floor only. The rest stands.",
                "Community Safety Advisor, Shropshire Fire and Rescue Service",
            ),
        ),
        (
            3,
            (10, 50),
            On::Title("Cobbler's Yard car park: barrier repair"),
            Step::Notes(
                "Gatherings continue at weekends; the broken entrance barrier lets cars in \
                 after closing.",
                "The chair to ask the owner to repair the barrier.",
            ),
        ),
        // The latest: the late arrival never signed, and is out of the
        // room for the items with disclosures.
        (4, (10, 21), On::Case(33), Step::Out(ASB)),
        (
            4,
            (10, 24),
            On::Case(33),
            said(
                NURSE,
                plain(
                    C::HealthOrCare,
                    Fact,
                    format!(
                        "An adult safeguarding referral for the tenant in {r33} was accepted \
                         after the joint visit; a care and support assessment is booked."
                    ),
                    L::CareAct2014,
                    P::SafeguardingAdults,
                ),
            ),
        ),
        (
            4,
            (10, 32),
            On::Case(14),
            Step::Notes(
                "No calls to the police about the address for six weeks; the diaries record \
                 two minor incidents. The community order continues.",
                "Propose closure at the next meeting if it stays quiet.",
            ),
        ),
        (4, (10, 40), On::Case(27), Step::Out(ASB)),
        (
            4,
            (10, 43),
            On::Case(27),
            said(
                FIRE_ADVISOR,
                plain(
                    C::Incident,
                    Fact,
                    format!(
                        "A fire crew put out a small fire in the yard of the property in {r27} \
                         ten days ago: stored rubbish had caught light. No one was hurt."
                    ),
                    L::CdaS115,
                    P::CommunitySafety,
                ),
            ),
        ),
    ]
}

/// Writes [`minutes`] at the held meetings (`held`: id and date), each
/// step at its time of the meeting's morning.
fn record_minutes(
    book: &mut Casebook,
    held: &[(i64, NaiveDate)],
    people: &[(i64, i64)],
    case_ref: &dyn Fn(Case) -> String,
) -> Result<()> {
    let dates: Vec<NaiveDate> = held.iter().map(|(_, d)| *d).collect();
    let mut keys: Vec<(&str, i64)> = Vec::new();
    let key = |keys: &[(&str, i64)], k: &str| {
        keys.iter()
            .find(|(name, _)| *name == k)
            .map(|(_, id)| *id)
            .ok_or(Error::NotFound("disclosure"))
    };
    for (at, (hh, mm), on, step) in minutes(&dates, case_ref) {
        let (meeting, date) = held[at];
        let item = book
            .meeting_page(meeting)?
            .agenda
            .into_iter()
            .find(|i| match on {
                On::Case(n) => i.case_ref.as_deref() == Some(case_ref(n).as_str()),
                On::Title(t) => i.title == t,
            })
            .ok_or(Error::NotFound("agenda item"))?
            .id;
        let when = london(date, hh, mm, 0);
        match step {
            Step::Out(p) => {
                at_time(book, when, |b| b.set_out_of_room(item, people[p].0, true))?;
            }
            Step::Say(k, s) => {
                let d = at_time(book, when, |b| {
                    b.add_disclosure(&DisclosureInput {
                        item_id: item,
                        case_ref: None,
                        person_id: people[s.who].0,
                        draft: s.draft,
                        marking: None,
                        descriptor: None,
                        minuting: s.minuting,
                        minute_summary: s.minute_summary.map(str::to_owned),
                        accepted: s.accepted,
                    })
                })?;
                keys.push((k, d.id));
            }
            Step::Withdraw(k, reason) => {
                let id = key(&keys, k)?;
                at_time(book, when, |b| b.withdraw_disclosure(id, reason))?;
            }
            Step::Notice(k, what, to) => {
                let id = key(&keys, k)?;
                let day = dates::to_text(date);
                at_time(book, when, |b| {
                    b.add_inaccuracy_notice(
                        id,
                        &InaccuracyInput {
                            what_is_wrong: what.into(),
                            found_on: day.clone(),
                            notified_on: Some(day.clone()),
                            notified_to: Some(to.into()),
                        },
                    )
                })?;
            }
            Step::Notes(summary, decisions) => {
                at_time(book, when, |b| b.save_item_notes(item, summary, decisions))?;
            }
        }
    }
    Ok(())
}

/// A clock stopped at one instant.
struct At(DateTime<Utc>);

impl Clock for At {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// `date` at `hh:mm:ss` in Europe/London, as an instant.
fn london(date: NaiveDate, hh: u32, mm: u32, ss: u32) -> DateTime<Utc> {
    let local = date.and_hms_opt(hh, mm, ss).unwrap_or_default();
    chrono_tz::Europe::London
        .from_local_datetime(&local)
        .earliest()
        .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc))
}

/// Runs `f` with the casebook's clock stopped at `when`, then puts the
/// clock back, whatever `f` returned.
fn at_time<T>(
    book: &mut Casebook,
    when: DateTime<Utc>,
    f: impl FnOnce(&mut Casebook) -> Result<T>,
) -> Result<T> {
    let clock = std::mem::replace(&mut book.clock, Arc::new(At(when)));
    let out = f(book);
    book.clock = clock;
    out
}

/// The held meeting's register, made in the signing kiosk: opened at
/// 09:44, the chair signs first, then the others as they come in, under a
/// minute apart; the chair leaves the kiosk around 10:00. A late arrival
/// signs when the chair reopens the kiosk for them, unless [`REGISTER`]
/// says otherwise. `present` is who was present (index into `people`) and
/// when they arrived, if late.
fn sign_register(
    book: &mut Casebook,
    at: usize,
    meeting: i64,
    date: NaiveDate,
    present: &[(usize, Option<String>)],
    people: &[(i64, i64)],
) -> Result<()> {
    let entry = |p: usize| {
        REGISTER
            .iter()
            .find(|(m, who, _)| *m == at && *who == p)
            .map(|(_, _, e)| e)
    };
    // The chair first, then the others in an order of their own.
    let mut rng = Mix::new(0x7369_676e ^ at as u64);
    let mut on_time: Vec<usize> = present
        .iter()
        .filter(|(p, late)| late.is_none() && *p != CHAIR)
        .map(|(p, _)| *p)
        .collect();
    for i in (1..on_time.len()).rev() {
        on_time.swap(i, (rng.next() % (i as u64 + 1)) as usize);
    }
    if present.iter().any(|(p, _)| *p == CHAIR) {
        on_time.insert(0, CHAIR);
    }
    let mut second = 44 * 60 + 10;
    let time = |s: u32| london(date, 9, s / 60, s % 60);
    at_time(book, time(second), |b| b.record_kiosk(meeting, true))?;
    for p in on_time {
        second += 25 + (rng.next() % 60) as u32;
        sign_one(book, time(second), meeting, people[p].0, p, at, entry(p))?;
    }
    second += 40;
    at_time(book, time(second), |b| b.record_kiosk(meeting, false))?;
    for (p, late) in present {
        let Some((hh, mm)) = late.as_deref().and_then(|t| t.split_once(':')) else {
            continue;
        };
        if matches!(entry(*p), Some(Entry::NotSigned)) {
            continue;
        }
        let (hh, mm) = (hh.parse().unwrap_or(10), mm.parse().unwrap_or(0));
        let when = |s: u32| london(date, hh, mm, s);
        at_time(book, when(5), |b| b.record_kiosk(meeting, true))?;
        sign_one(book, when(50), meeting, people[*p].0, *p, at, entry(*p))?;
        at_time(book, when(58), |b| b.record_kiosk(meeting, false))?;
    }
    Ok(())
}

/// One person's entry on the register, at `when`.
fn sign_one(
    book: &mut Casebook,
    when: DateTime<Utc>,
    meeting: i64,
    person_id: i64,
    person: usize,
    at: usize,
    entry: Option<&Entry>,
) -> Result<()> {
    let signer = Signer {
        person_id: Some(person_id),
        newcomer: None,
    };
    at_time(book, when, |b| match entry {
        None => b
            .sign(
                meeting,
                &SignInput {
                    signer,
                    method: SignMethod::Drawn,
                    strokes: signature_strokes(person as u64, at as u64),
                    typed_name: None,
                },
            )
            .map(drop),
        Some(Entry::Typed) => b
            .sign(
                meeting,
                &SignInput {
                    signer,
                    method: SignMethod::Typed,
                    strokes: Vec::new(),
                    typed_name: Some(PEOPLE[person].0.into()),
                },
            )
            .map(drop),
        Some(Entry::Declined(reason)) => b
            .decline(
                meeting,
                &DeclineInput {
                    signer,
                    reason: (*reason).into(),
                },
            )
            .map(drop),
        Some(Entry::NotSigned) => Ok(()),
    })
}

/// A small seeded generator (SplitMix64): the same seed gives the same
/// numbers on every machine, so the demo's signatures never change.
struct Mix(u64);

impl Mix {
    fn new(seed: u64) -> Self {
        Mix(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `[lo, hi)`.
    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        let unit = (self.next() >> 11) as f64 / (1_u64 << 53) as f64;
        lo + (hi - lo) * unit
    }
}

/// An invented handwritten signature, as the kiosk's pad would record it:
/// a looped capital, a cursive body of loops ("letters") across the pad,
/// and for some hands a flourish underneath; points about 8 ms apart, in
/// pad units, inside the pad. `hand` fixes the style (one per person),
/// `take` varies it a little (one per signing), so someone's signatures
/// look alike without being identical. Deterministic; they pass
/// [`crate::signatures::check_strokes`].
pub fn signature_strokes(hand: u64, take: u64) -> Vec<Vec<Point>> {
    use std::f64::consts::{PI, TAU};
    let mut h = Mix::new(0x6861_6e64_u64.wrapping_mul(hand.wrapping_add(1)));
    let mut t = Mix::new(
        0x7461_6b65_u64
            .wrapping_mul(take.wrapping_add(1))
            .wrapping_add(hand),
    );
    // The hand: where it starts, how wide, how tall, how slanted, how fast.
    let letters = 5 + (h.next() % 6) as u32;
    let wobble = t.range(0.95, 1.05);
    let x0 = h.range(130.0, 220.0) + t.range(-15.0, 15.0);
    let base = h.range(230.0, 280.0) + t.range(-12.0, 12.0);
    let width = h.range(380.0, 560.0) * wobble;
    let height = h.range(55.0, 110.0) * t.range(0.94, 1.06);
    let slant = h.range(-0.05, 0.35);
    let per_letter = 30 + (h.next() % 30) as u32;
    let ms = 7 + (h.next() % 4) as u32;
    let flourish = h.next() % 5 < 3;

    let clamp = |v: f64, max: u16| v.round().clamp(2.0, f64::from(max) - 2.0) as u16;
    let mut time = 0_u32;
    let mut strokes: Vec<Vec<Point>> = Vec::new();
    let mut stroke = |points: &mut dyn Iterator<Item = (f64, f64)>, time: &mut u32, t: &mut Mix| {
        let mut out = Vec::new();
        for (x, y) in points {
            let x = x + t.range(-1.2, 1.2);
            let y = y + t.range(-1.2, 1.2);
            out.push(Point(clamp(x, PAD_WIDTH), clamp(y, PAD_HEIGHT), *time));
            *time += ms + (t.next() % 3) as u32;
        }
        strokes.push(out);
        *time += 150 + (t.next() % 250) as u32;
    };

    // The capital: a round loop (an O, a C) or a tall narrow one (an L).
    let tall = h.range(0.0, 1.0) < 0.5;
    let (rx, ry, cy) = if tall {
        (
            h.range(12.0, 22.0),
            height * h.range(0.7, 0.8),
            base - height * 0.7,
        )
    } else {
        (
            h.range(28.0, 50.0),
            height * h.range(0.55, 0.75),
            base - height * 0.5,
        )
    };
    let cx = x0 - 20.0;
    let turns = h.range(1.1, 1.8);
    let n = 50 + (h.next() % 40) as u32;
    let mut capital = (0..n).map(|i| {
        let f = f64::from(i) / f64::from(n);
        let a = PI * 0.5 + turns * TAU * f;
        let y = cy - ry * a.sin() * (1.0 - 0.25 * f);
        let x = cx + rx * a.cos() + slant * (base - y) + 12.0 * f;
        (x, y)
    });
    stroke(&mut capital, &mut time, &mut t);

    // The body: a cycloid, one arch a letter. Where the arch's radius is
    // larger than its advance the pen loops back at the top (an l, an e);
    // where smaller it only humps (an n, an m). Each hand has its own run
    // of letter sizes, and its baseline drifts a little.
    let advance = width / (TAU * f64::from(letters));
    let shapes: Vec<(f64, f64)> = (0..letters)
        .map(|_| (h.range(0.4, 1.0), advance * h.range(0.6, 2.0)))
        .collect();
    let drift = h.range(-0.06, 0.04);
    let n = letters * per_letter;
    let mut body = (0..n).map(|i| {
        let s = PI + TAU * f64::from(letters) * f64::from(i) / f64::from(n);
        let letter = ((s - PI) / TAU) as usize;
        let (size, radius) = shapes[letter.min(shapes.len() - 1)];
        let x = x0 + 10.0 + advance * s - radius * s.sin();
        let y = base + drift * (x - x0) - height * size * (0.5 + 0.5 * s.cos());
        (x + slant * (base - y), y)
    });
    stroke(&mut body, &mut time, &mut t);

    // A flourish under it, right to left.
    if flourish {
        let end = x0 + 10.0 + width + advance * PI;
        let n = 30 + (h.next() % 30) as u32;
        let mut under = (0..n).map(|i| {
            let f = f64::from(i) / f64::from(n - 1);
            let x = end - (end - x0 + 30.0) * f;
            let y = base + 35.0 + 18.0 * (PI * f).sin();
            (x, y)
        });
        stroke(&mut under, &mut time, &mut t);
    }
    strokes
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
    fn signatures_are_plausible_strokes_inside_the_pad() {
        use crate::signatures::{MAX_POINTS, MAX_STROKES, check_strokes, encode_strokes};
        for hand in 0..40 {
            for take in 0..6 {
                let s = signature_strokes(hand, take);
                check_strokes(&s).unwrap_or_else(|e| panic!("{hand}/{take}: {e}"));
                assert_eq!(s, signature_strokes(hand, take), "deterministic");
                let points: usize = s.iter().map(Vec::len).sum();
                assert!((150..=MAX_POINTS / 4).contains(&points), "{points}");
                assert!((2..=3).contains(&s.len()) && s.len() <= MAX_STROKES);
                assert!(s.iter().all(|k| k.len() >= 20), "no stray dots");
                // A signature spans the pad's width more than its height.
                let xs = s.iter().flatten().map(|p| p.0);
                let ys = s.iter().flatten().map(|p| p.1);
                let (w, h) = (
                    xs.clone().max().unwrap() - xs.min().unwrap(),
                    ys.clone().max().unwrap() - ys.min().unwrap(),
                );
                assert!(w > 300 && w > 2 * h && h > 40, "{hand}/{take}: {w}x{h}");
                // Nothing pressed against the pad's edges.
                assert!(s.iter().flatten().all(
                    |p| (3..PAD_WIDTH - 2).contains(&p.0) && (3..PAD_HEIGHT - 2).contains(&p.1)
                ));
                // Drawn in a few seconds, as a hand does.
                let last = s.last().and_then(|k| k.last()).unwrap().2;
                assert!((1_500..=12_000).contains(&last), "{last} ms");
                assert!(encode_strokes(&s).len() < 8_000);
            }
            // Someone's signatures look alike, but are never the same.
            assert_ne!(signature_strokes(hand, 0), signature_strokes(hand, 1));
            assert_eq!(
                signature_strokes(hand, 0).len(),
                signature_strokes(hand, 1).len()
            );
            assert_ne!(signature_strokes(hand, 0), signature_strokes(hand + 1, 0));
        }
    }

    struct Fixed(DateTime<Utc>);

    impl Clock for Fixed {
        fn now(&self) -> DateTime<Utc> {
            self.0
        }
    }

    #[test]
    fn held_meetings_have_registers_that_verify() {
        use crate::{MeetingFilter, Outcome};
        // Winter and summer time: the entries are on the meeting's morning
        // in London either way.
        for today in ["2026-11-27", "2027-07-20"] {
            let dir = tempfile::tempdir().unwrap();
            let now = london(day(today), 9, 0, 0);
            let (mut book, _) = Casebook::create(
                &dir.path().join("demo.tvault"),
                &vault::Passphrase::new(DEMO_PASSPHRASE),
                vault::CreateOptions { work_factor: 2 },
                Arc::new(Fixed(now)),
                crate::Actor::Cli,
            )
            .unwrap();
            populate(&mut book).unwrap();
            let mut meetings = book.meetings(&MeetingFilter::default()).unwrap();
            meetings.reverse();
            let mut entries = 0;
            let mut outcomes = Vec::new();
            let mut unsigned = Vec::new();
            for (at, m) in meetings.iter().enumerate() {
                let page = book.meeting_page(m.id).unwrap();
                let register = &page.register;
                if m.status != MeetingStatus::Held {
                    assert!(register.is_empty(), "{today}: planned {}", m.date);
                    continue;
                }
                assert!(register.len() >= 7, "{today}: {} has no register", m.date);
                entries += register.len();
                for e in register {
                    let local = DateTime::parse_from_rfc3339(&e.at)
                        .unwrap()
                        .with_timezone(&chrono_tz::Europe::London);
                    assert_eq!(dates::to_text(local.date_naive()), m.date, "{}", e.at);
                    let hour = local.format("%H:%M").to_string();
                    assert!(("09:44".."10:30").contains(&hour.as_str()), "{hour}");
                    assert!(e.withdrawn_at.is_none());
                    outcomes.push(e.outcome);
                }
                assert!(register.windows(2).all(|w| w[0].at < w[1].at));
                assert_eq!(register[0].name, "Imogen Threlfall", "the chair first");
                for i in &page.invitations {
                    let entry = register.iter().find(|e| e.person_id == i.person_id);
                    match i.attendance {
                        Attendance::Present if entry.is_none() => {
                            unsigned.push((at, i.name.clone()));
                        }
                        Attendance::Present => {}
                        _ => assert!(entry.is_none(), "{}: {} absent", m.date, i.name),
                    }
                }
            }
            let count = |o: Outcome| outcomes.iter().filter(|x| **x == o).count();
            assert_eq!(count(Outcome::Typed), 1, "{today}");
            assert_eq!(count(Outcome::Declined), 1, "{today}");
            assert_eq!(count(Outcome::Drawn), entries - 2, "{today}");
            // At the latest held meeting, someone present has not signed.
            assert_eq!(unsigned, [(HELD - 1, PEOPLE[ASB].0.to_owned())]);
            let report = book.verify().unwrap();
            assert_eq!(report.signatures, entries as i64);
            assert!(entries >= 40, "{entries}");
            // The clock is the real one again: later changes are dated now.
            assert_eq!(book.today(), today);
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
