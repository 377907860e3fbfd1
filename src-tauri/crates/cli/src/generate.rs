//! `generate`: a synthetic vault of realistic size and shape, for
//! benchmarks. Every name, street and case in it is invented.
//!
//! Per year, about what a busy chair's vault holds:
//!
//! - **100 meetings**: seven Bronze tasking groups meeting monthly (on their
//!   own weekday of the month) and a case-conference series every three
//!   weeks. Past meetings are held (one in fifty cancelled); each group's
//!   next meeting is planned.
//! - Each meeting's **invitations** (the group's twelve seats, one person
//!   each) with attendance and apologies, and an **agenda** of the usual
//!   items plus the month's referrals, case reviews (a case is reviewed at
//!   one to five meetings after its referral) and hotspots: about 14 items.
//! - **1,500 actions**, 15 a meeting, raised under those items and owned by
//!   an attendee; most are done at one of the group's next three meetings
//!   (some after a progress note), some dropped with a reason, some closed
//!   from the tracker, a few never; recent ones are still open.
//! - **People** join and leave (about one seat in eight a year); the CRC
//!   leaves the Arrangement two fifths of the way through.
//! - The **register** of each held meeting, as the signing kiosk writes
//!   it: everyone present signs, just before the start, in the real
//!   `signature` table with a digest that `verify` checks. Most draw
//!   (invented strokes from [`casebook::demo::signature_strokes`], one hand
//!   per person, ~3.5 KB stored), about one in thirty types their name, one
//!   in two hundred declines with a reason, and one in fifty arrives after
//!   signing closed and never signs: about 920 entries a year.
//! - About **30 disclosures a held meeting** (~3,000 a year) under its case
//!   items, by attendees who signed, of the categories their agencies
//!   disclose, each saved through [`casebook::disclosures::store::insert`]
//!   so the rules check it; unsigned attendees are marked out of the room
//!   for those items first (R9).
//! - **Cases**: one referral in four recorded in `case_record` (~40 a
//!   year) through [`casebook::cases::add`]; its reference recurs at the
//!   meetings that review it.
//! - The minutes, which a later issue adds, are stood in for by a row of
//!   ~20 KB a held meeting in a table `generated_row`.
//!
//! About 10 MB a year, so 10 years is about 100 MB. Records go in a year at
//! a time, each year one transaction through [`Casebook::change_raw`] with
//! one audit entry per record as if typed, and the vault is compacted after
//! each year, so its journal stays short. The content is seeded: the same
//! `--years` on the same day gives the same records.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use casebook::disclosures::{
    AsbAdmissionDetails, Category, CautionDetails, CautionKind, ConvictionDetails, DisclosureDraft,
    DisclosureInput, HarassmentWarningDetails, LegalPower, Minuting, Nature, RuleId, SentenceType,
    StatutoryPurpose, store,
};
use casebook::{
    ActionStatus, Actor, AgendaItemKind, Attendance, AuditDraft, CaseInput, CaseKind, Casebook,
    Clock, Descriptor, Marking, MeetingKind, MeetingStatus, Outcome, Signature, cases, dates,
    signatures,
};
use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime, TimeDelta, Weekday};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use vault::rusqlite::{Transaction, params};
use vault::{CreateOptions, Passphrase};

use crate::Failure;

/// Disclosures recorded at a held meeting: 24 to 36, 30 on average.
const DISCLOSURES_PER_MEETING: std::ops::RangeInclusive<u32> = 24..=36;
/// One referral in this many gets a case record.
const CASE_RECORDED_ONE_IN: u32 = 4;
/// A stand-in for the minutes of later issues, per held meeting.
const MINUTES_BYTES_PER_MEETING: usize = 20_000;
/// Actions raised at a held meeting: 11 to 19, 15 on average.
const ACTIONS_PER_MEETING: std::ops::RangeInclusive<u32> = 11..=19;
/// Information requests a year, across the partners.
const REQUESTS_PER_YEAR: u32 = 300;

use casebook::demo::{CCG, COUNCIL, CRC, FIRE, HOUSING, POLICE, PROBATION, YOUTH};

/// A seat at a group's table: agency, role, email subdomain.
struct Seat {
    agency: &'static str,
    role: &'static str,
    mail: &'static str,
    /// Actions this seat takes on; `{s}` is a street, `{c}` a case reference.
    actions: &'static [&'static str],
}

const CHAIR_SEAT: usize = 0;
const MINUTES_SEAT: usize = 1;

const SEATS: &[Seat] = &[
    Seat {
        agency: COUNCIL,
        role: "Community Safety Manager",
        mail: "council",
        actions: &[
            "Write to the landlord of {s} about the repairs",
            "Escalate {c} to the complex cases panel",
        ],
    },
    Seat {
        agency: COUNCIL,
        role: "Partnership Support Officer",
        mail: "council",
        actions: &["Circulate the updated contact sheet for {c}"],
    },
    Seat {
        agency: COUNCIL,
        role: "Anti-Social Behaviour Officer",
        mail: "council",
        actions: &[
            "Visit residents of {s} and start incident diaries",
            "Send a community protection warning about {s}",
            "Update the case plan for {c}",
        ],
    },
    Seat {
        agency: POLICE,
        role: "Neighbourhood Sergeant",
        mail: "police",
        actions: &[
            "Share six months of call-out history for {s}",
            "Arrange a joint visit to {s} with housing",
        ],
    },
    Seat {
        agency: POLICE,
        role: "Police Community Support Officer",
        mail: "police",
        actions: &[
            "Extra patrols at {s} on Friday and Saturday evenings",
            "Leaflet drop and door knocking on {s}",
        ],
    },
    Seat {
        agency: CCG,
        role: "Safeguarding Adults Lead Nurse",
        mail: "ccg",
        actions: &[
            "Check whether the {s} household is known to adult safeguarding",
            "Ask the GP practice to review health needs for {c}",
        ],
    },
    Seat {
        agency: PROBATION,
        role: "Senior Probation Officer",
        mail: "probation",
        actions: &["Check whether visitors to {s} are under probation supervision"],
    },
    Seat {
        agency: CRC,
        role: "Case Manager",
        mail: "crc",
        actions: &["Offender management review for {c}"],
    },
    Seat {
        agency: FIRE,
        role: "Community Safety Advisor",
        mail: "fire",
        actions: &[
            "Home fire safety visit at {s}",
            "Fire risk assessment of the {s} property with the landlord",
        ],
    },
    Seat {
        agency: YOUTH,
        role: "Youth Justice Officer",
        mail: "yjs",
        actions: &[
            "Offer diversionary activities to young people around {s}",
            "Youth outreach at {s} over the school holidays",
        ],
    },
    Seat {
        agency: HOUSING,
        role: "Tenancy Enforcement Officer",
        mail: "housing",
        actions: &[
            "Tenancy warning letter about {s}",
            "Check the {s} tenancy for unauthorised occupants",
        ],
    },
    Seat {
        agency: HOUSING,
        role: "Neighbourhood Housing Officer",
        mail: "housing",
        actions: &[
            "Repair the door entry system at {s}",
            "Clear the communal areas at {s}",
        ],
    },
];

const FIRST_NAMES: &[&str] = &[
    "Imogen",
    "Dev",
    "Callum",
    "Aisha",
    "Niamh",
    "Marcus",
    "Petra",
    "Gethin",
    "Saoirse",
    "Oluwaseun",
    "Rosalind",
    "Tomasz",
    "Priya",
    "Ewan",
    "Ffion",
    "Hamza",
    "Ingrid",
    "Jago",
    "Kezia",
    "Lorcan",
    "Maelle",
    "Nkechi",
    "Orla",
    "Pascoe",
    "Quentin",
    "Rhiannon",
    "Soren",
    "Tamsin",
    "Uchenna",
    "Vesna",
    "Wilhelmina",
    "Xanthe",
    "Yusuf",
    "Zofia",
    "Anwen",
    "Bartosz",
    "Cerys",
    "Dafydd",
    "Elspeth",
    "Fintan",
];

const SURNAMES: &[&str] = &[
    "Threlfall",
    "Ashcombe",
    "Ferrow",
    "Brindleworth",
    "Castellan",
    "Idowu-Lang",
    "Vaskova",
    "Rowlatt",
    "Pendleford",
    "Hartigan",
    "Achebe-Moore",
    "Corrievale",
    "Dunmere",
    "Ellerby",
    "Fenwright",
    "Gorsedene",
    "Hollinrake",
    "Inchbold",
    "Jessamy",
    "Kettleborough",
    "Larkhill",
    "Mardlebury",
    "Nettlefold",
    "Oakenshaw",
    "Pryor-Vane",
    "Quarrendon",
    "Rushbrooke",
    "Saltmarsh",
    "Tallentire",
    "Underhay",
    "Veryan",
    "Wolstenholme",
    "Yarwood",
    "Zennor",
    "Abernathy-Cole",
    "Blackmore-Tey",
    "Coldridge",
    "Dimmock-Hale",
    "Eskdale",
    "Fairweather",
];

const STREETS: &[&str] = &[
    "Tanner's Row",
    "Wrenfield Close",
    "Ashby Terrace",
    "Orchard Mews",
    "Kingfisher Court",
    "Millrace Lane",
    "Heron Walk",
    "Cobbler's Yard",
    "Station Approach",
    "Chandler Street",
    "Foundry Lane",
    "Barley Mow Close",
    "Quarry Rise",
    "Weaver's Court",
    "Linnet Way",
    "Maltings Road",
    "Ferry Steps",
    "Glebe Crescent",
    "Hopkiln Lane",
    "Ironbridge Walk",
    "Jubilee Parade",
    "Kiln Close",
    "Lockkeeper's Row",
    "Mardol Gardens",
    "Nailers Lane",
    "Oxbow Drive",
    "Pinfold Street",
    "Rope Walk",
    "Saddlers Court",
    "Tollgate Road",
];

/// Agencies that refer cases and present them.
const PRESENTERS: &[&str] = &[POLICE, COUNCIL, HOUSING, FIRE, YOUTH, CCG, PROBATION];

const HOTSPOTS: &[&str] = &[
    "Cobbler's Yard car park",
    "Station Approach underpass",
    "Millrace Park",
    "Riverside skate park",
    "Jubilee Parade shops",
    "Quarry Rise play area",
    "Bus station concourse",
    "Towpath by Ferry Steps",
];

const REFERRALS: &[&str] = &[
    "Repeat anti-social behaviour, {s}",
    "Criminal damage, {s}",
    "Suspected cuckooing, {s}",
    "Noise nuisance and threats, {s}",
    "Hoarding and fire risk, {s}",
    "Youth-related disorder, {s}",
    "Neighbour dispute, {s}",
    "Drug dealing concerns, {s}",
    "Vulnerable adult at risk, {s}",
    "Deliberate fires, {s}",
];

const HOTSPOT_TITLES: &[&str] = &[
    "{s}: evening gatherings",
    "{s}: litter and drug paraphernalia",
    "{s}: lighting and patrols",
];

const PROGRESS: &[&str] = &[
    "Contacted; awaiting a reply.",
    "Visit booked for next week.",
    "Partly done; finishing before the next meeting.",
    "Delayed by staff absence; still on track.",
];

const DONE: &[&str] = &[
    "Done.",
    "Completed; no further concerns.",
    "Visit made; advice given and leaflets left.",
    "Letter sent; acknowledged.",
    "Done; outcome shared with partners by email.",
];

const DROPPED: &[&str] = &[
    "The household moved out of the area.",
    "Overtaken by the case's closure.",
    "Another agency is leading on this now.",
    "No longer needed: the concern was resolved.",
];

const DECLINES: &[&str] = &[
    "I attend for one item only and will leave before the case discussions.",
    "My agency's own agreement covers this; I will check with our Designated Person.",
    "I would like to read the new wording with my manager first.",
];

const WORDS: &[&str] = &[
    "referral",
    "address",
    "concern",
    "tenancy",
    "review",
    "warning",
    "visit",
    "school",
    "support",
    "incident",
    "agreed",
    "officer",
    "report",
    "partner",
    "update",
    "risk",
    "housing",
    "youth",
    "outreach",
    "patrol",
    "hotspot",
    "evening",
    "weekend",
    "neighbour",
];

/// A group and what the generator tracks about it.
struct Group {
    id: i64,
    code: &'static str,
    kind: MeetingKind,
    venue: &'static str,
    start_time: &'static str,
    /// The person in each seat (index into `Generator::people`); `None`
    /// once the seat's agency has left.
    seats: Vec<Option<usize>>,
    cases: Vec<Case>,
    /// Case numbers given this year, and the year.
    numbered: (i32, u32),
    pending: Vec<Pending>,
}

/// A case under review: reference, street, reviews still to come.
struct Case {
    case_ref: String,
    street: &'static str,
    title: String,
    presenter: &'static str,
    reviews_left: u32,
}

/// What becomes of an action, counted in the group's later held meetings.
#[derive(Clone, Copy)]
enum Fate {
    Done(u32),
    Dropped(u32),
    ProgressThenDone(u32, u32),
    FromTracker(NaiveDate),
    Never,
}

struct Pending {
    id: i64,
    fate: Fate,
    seen: u32,
}

struct Person {
    id: i64,
    agency: i64,
}

/// One meeting to write.
struct Planned {
    group: usize,
    date: NaiveDate,
}

struct Generator {
    rng: StdRng,
    today: NaiveDate,
    /// The agreement everyone signs: version and SHA-256.
    agreement: (u32, String),
    agencies: HashMap<&'static str, i64>,
    people: Vec<Person>,
    names: Vec<(usize, usize)>,
    groups: Vec<Group>,
    audit: Vec<AuditDraft>,
    meetings: u64,
    actions: u64,
    signatures: u64,
    disclosures: u64,
    cases: u64,
    requests: u64,
}

fn draft(action: &'static str, record_type: &'static str, id: i64) -> AuditDraft {
    AuditDraft {
        action,
        record_type,
        record_id: id.to_string(),
    }
}

fn fill(template: &str, street: &str, case_ref: &str) -> String {
    template.replace("{s}", street).replace("{c}", case_ref)
}

fn prose(rng: &mut StdRng, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 16);
    while s.len() < bytes {
        s.push_str(WORDS[rng.gen_range(0..WORDS.len())]);
        s.push(if rng.gen_ratio(1, 12) { '.' } else { ' ' });
    }
    s
}

/// Whether `d` is in British Summer Time during the working day: from the
/// last Sunday of March to the day before the last Sunday of October (the
/// clocks change at 01:00 UTC, before any meeting).
fn summer_time(d: NaiveDate) -> bool {
    let last_sunday = |month: u32| {
        NaiveDate::from_ymd_opt(d.year(), month, 31)
            .map(|end| end - Days::new(u64::from(end.weekday().num_days_from_sunday())))
    };
    match (last_sunday(3), last_sunday(10)) {
        (Some(start), Some(end)) => start <= d && d < end,
        _ => false,
    }
}

/// `date` at `time` in Europe/London plus `seconds`, as RFC 3339 in UTC.
fn london_instant(date: NaiveDate, time: &str, seconds: i64) -> String {
    let local = NaiveTime::parse_from_str(time, "%H:%M").unwrap_or_default();
    let offset = if summer_time(date) { 3_600 } else { 0 };
    (date.and_time(local) + TimeDelta::seconds(seconds - offset))
        .and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The `n`th (1-based) `weekday` of the month of `d`.
fn nth_weekday(d: NaiveDate, weekday: Weekday, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(d.year(), d.month(), weekday, n).unwrap_or(d)
}

/// Every meeting from `start` until each group's first one after `today`.
fn schedule(start: NaiveDate, today: NaiveDate, groups: usize) -> Vec<Planned> {
    const DAYS: [Weekday; 5] = [
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Mon,
        Weekday::Fri,
    ];
    let mut out = Vec::new();
    for group in 0..groups {
        let mut dates = Vec::new();
        if group + 1 == groups {
            // The case conferences: every three weeks.
            let mut d = start + Days::new(group as u64);
            while dates.last().is_none_or(|last| *last <= today) {
                dates.push(d);
                d = d + Days::new(21);
            }
        } else {
            let (weekday, n) = (DAYS[group % DAYS.len()], 1 + (group % 4) as u8);
            let mut month = start.with_day(1).unwrap_or(start);
            while dates.last().is_none_or(|last| *last <= today) {
                let d = nth_weekday(month, weekday, n);
                if d >= start {
                    dates.push(d);
                }
                month = month.checked_add_months(Months::new(1)).unwrap_or(month);
            }
        }
        out.extend(dates.into_iter().map(|date| Planned { group, date }));
    }
    out.sort_by_key(|p| (p.date, p.group));
    out
}

impl Generator {
    /// A new person in `seat`, in the same transaction.
    fn add_person(
        &mut self,
        tx: &Transaction<'_>,
        seat: &Seat,
        now: &str,
    ) -> Result<usize, casebook::Error> {
        let (f, s) = self.names.pop().unwrap_or((0, 0));
        let name = format!("{} {}", FIRST_NAMES[f], SURNAMES[s]);
        let email = self.rng.gen_ratio(7, 10).then(|| {
            format!(
                "{}.{}@{}.example.org",
                FIRST_NAMES[f].to_lowercase(),
                SURNAMES[s].to_lowercase(),
                seat.mail
            )
        });
        let agency = self.agencies[seat.agency];
        tx.prepare_cached(
            "INSERT INTO person (name, agency_id, role, email, active, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)",
        )?
        .execute(params![name, agency, seat.role, email, now])?;
        let id = tx.last_insert_rowid();
        self.audit.push(draft("person.add", "person", id));
        self.people.push(Person { id, agency });
        Ok(self.people.len() - 1)
    }

    fn set_person_inactive(
        &mut self,
        tx: &Transaction<'_>,
        person: usize,
        now: &str,
    ) -> Result<(), casebook::Error> {
        let id = self.people[person].id;
        tx.execute(
            "UPDATE person SET active = 0, updated_at = ?2 WHERE id = ?1",
            params![id, now],
        )?;
        self.audit.push(draft("person.deactivate", "person", id));
        Ok(())
    }

    /// The start of a year: some people leave and others take their seats;
    /// at `crc_leaves`, the CRC leaves the Arrangement.
    fn new_year(
        &mut self,
        tx: &Transaction<'_>,
        crc_leaves: bool,
        now: &str,
    ) -> Result<(), casebook::Error> {
        if crc_leaves {
            let crc = self.agencies[CRC];
            tx.execute(
                "UPDATE agency SET active = 0, updated_at = ?2 WHERE id = ?1",
                params![crc, now],
            )?;
            self.audit.push(draft("agency.deactivate", "agency", crc));
        }
        for g in 0..self.groups.len() {
            for (s, seat) in SEATS.iter().enumerate() {
                let Some(person) = self.groups[g].seats[s] else {
                    continue;
                };
                let leaves_with_crc = crc_leaves && seat.agency == CRC;
                if leaves_with_crc || self.rng.gen_ratio(1, 8) {
                    self.set_person_inactive(tx, person, now)?;
                    self.groups[g].seats[s] = if leaves_with_crc {
                        None
                    } else {
                        Some(self.add_person(tx, seat, now)?)
                    };
                }
            }
        }
        Ok(())
    }

    /// About [`REQUESTS_PER_YEAR`] information requests received (or made)
    /// between `from` and `to`: most answered within the ten working days,
    /// quality assured and decided; some answered late; those of the last
    /// weeks still open, a few overdue; one in twenty an emergency by
    /// telephone, completed unless recent.
    fn requests(
        &mut self,
        tx: &Transaction<'_>,
        from: NaiveDate,
        to: NaiveDate,
        now: &str,
    ) -> Result<(), casebook::Error> {
        use casebook::requests::{
            Contact, Decision, Direction, EmergencyCall, FormSignature, LegalBasis, RequestForm,
            RequestInput, Requester, ResponseForm, Subject, store,
        };
        let days = (to - from).num_days().max(1);
        let n = (REQUESTS_PER_YEAR as i64 * days / 365).max(1);
        let partners = [POLICE, HOUSING, PROBATION, CCG, FIRE, YOUTH];
        for _ in 0..n {
            let received = from + Days::new(self.rng.gen_range(0..days) as u64);
            if received > self.today {
                continue;
            }
            let org = partners[self.rng.gen_range(0..partners.len())];
            let agency_id = self.agencies.get(org).copied();
            let hand = self.rng.gen_range(0..1_000);
            let signature = |name: &str, on: NaiveDate, hand: u64| FormSignature {
                name: name.into(),
                rank: "Officer".into(),
                date: dates::to_text(on),
                strokes: casebook::demo::signature_strokes(hand, 1),
            };
            let surname = SUBJECT_SURNAMES[self.rng.gen_range(0..SUBJECT_SURNAMES.len())];
            let forename = SUBJECT_FIRST_NAMES[self.rng.gen_range(0..SUBJECT_FIRST_NAMES.len())];
            let street = STREETS[self.rng.gen_range(0..STREETS.len())];
            let form = RequestForm {
                requester: Requester {
                    name: org.into(),
                    date: dates::to_text(received),
                    reference: format!("IR/{}/{}", received.year(), self.requests + 1),
                    ..Requester::default()
                },
                subject: Subject {
                    surname: surname.into(),
                    forenames: forename.into(),
                    address: format!("{} {street}", self.rng.gen_range(1..90)),
                    ..Subject::default()
                },
                information_sought: format!(
                    "Any record held about the person at {street} bearing on reported \
                     anti-social behaviour."
                ),
                basis: LegalBasis {
                    legal_power: Some(casebook::disclosures::LegalPower::CdaS115),
                    statutory_purpose: Some(
                        casebook::disclosures::StatutoryPurpose::AntiSocialBehaviour,
                    ),
                    reasons: "Needed to decide proportionate action.".into(),
                    confidentiality_overridden: true,
                    privacy_outweighed: true,
                },
                signed: Some(signature("Requesting Officer", received, hand)),
            };
            let review = dates::to_text(dates::add_months(received, 12));
            let age = (self.today - received).num_days();
            let emergency = self.rng.gen_ratio(1, 20);
            let id = if emergency {
                let id = store::record_emergency(
                    tx,
                    &EmergencyCall {
                        caller: "Duty Officer".into(),
                        agency: org.into(),
                        agency_id,
                        callback: "01632 960 000".into(),
                        asked: form.information_sought.clone(),
                        given: "A summary of what is held, by telephone.".into(),
                        why_urgent: "Officers were attending within the hour.".into(),
                    },
                    received,
                    &review,
                    now,
                )?;
                // Written up within the week, unless it is recent.
                if age <= 7 {
                    self.requests += 1;
                    continue;
                }
                store::update(
                    tx,
                    id,
                    &RequestInput {
                        direction: Direction::Received,
                        agency_id,
                        received_on: dates::to_text(received),
                        case_id: None,
                        form: form.clone(),
                    },
                    self.today,
                    now,
                )?;
                id
            } else {
                store::add(
                    tx,
                    &RequestInput {
                        direction: if self.rng.gen_ratio(1, 4) {
                            Direction::Made
                        } else {
                            Direction::Received
                        },
                        agency_id,
                        received_on: dates::to_text(received),
                        case_id: None,
                        form: form.clone(),
                    },
                    self.today,
                    &review,
                    now,
                )?
            };
            self.audit.push(draft("request.add", "info_request", id));
            self.requests += 1;
            // Answered within 2 to 12 working days (a few late); the last
            // weeks' requests partly still open.
            let after = self.rng.gen_range(2..=12);
            let answered = casebook::workdays::add_working_days(received, after);
            if answered > self.today || (age < 20 && self.rng.gen_ratio(1, 2)) {
                continue;
            }
            store::respond(
                tx,
                id,
                &ResponseForm {
                    contact: Contact {
                        name: "Responding Officer".into(),
                        date: dates::to_text(answered),
                        ..Contact::default()
                    },
                    response: "What is held, for the sole purpose of the request.".into(),
                    signed: Some(signature("Responding Officer", answered, hand + 1)),
                },
                self.today,
                now,
            )?;
            store::quality_assure(
                tx,
                id,
                &signature("Point of Contact", answered, hand + 2),
                self.today,
                now,
            )?;
            let decision = match self.rng.gen_range(0..10) {
                0 => Decision::Refused,
                1..=3 => Decision::Part,
                _ => Decision::Full,
            };
            store::decide(tx, id, decision, "As the response says.", self.today, now)?;
        }
        Ok(())
    }

    /// One meeting and everything recorded at it.
    fn meeting(
        &mut self,
        tx: &Transaction<'_>,
        p: &Planned,
        now: &str,
    ) -> Result<(), casebook::Error> {
        let status = if p.date >= self.today {
            MeetingStatus::Planned
        } else if self.rng.gen_ratio(1, 50) {
            MeetingStatus::Cancelled
        } else {
            MeetingStatus::Held
        };
        let held = status == MeetingStatus::Held;
        let g = &self.groups[p.group];
        let date = dates::to_text(p.date);
        let person_id = |seat: usize| g.seats[seat].map(|i| self.people[i].id);
        tx.prepare_cached(
            "INSERT INTO meeting (group_id, kind, date, start_time, venue, chair_id,
                 minute_taker_id, status, review_date, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        )?
        .execute(params![
            g.id,
            g.kind,
            date,
            g.start_time,
            g.venue,
            person_id(CHAIR_SEAT),
            person_id(MINUTES_SEAT),
            status,
            dates::to_text(dates::add_months(p.date, 12)),
            now
        ])?;
        let meeting = tx.last_insert_rowid();
        self.meetings += 1;
        self.audit.push(draft("meeting.plan", "meeting", meeting));

        let items = self.agenda(tx, p, meeting, held, now)?;
        let invited = self.invitations(tx, p.group, meeting, held)?;
        if held {
            let start = self.groups[p.group].start_time;
            let unsigned = self.register(tx, meeting, p.date, start, &invited)?;
            self.updates(tx, p.group, meeting, &date, p.date, now)?;
            self.raise(tx, p, meeting, &items, &invited, now)?;
            self.disclose(tx, p, &items, &invited, &unsigned, now)?;
            self.filler(tx, meeting)?;
        }
        if status != MeetingStatus::Planned {
            self.audit.push(draft("meeting.status", "meeting", meeting));
        }
        Ok(())
    }

    /// The usual agenda with the month's referrals, case reviews and
    /// hotspots in place of the usual placeholders. Returns the items that
    /// actions can be raised under: (id, street, case reference).
    fn agenda(
        &mut self,
        tx: &Transaction<'_>,
        p: &Planned,
        meeting: i64,
        held: bool,
        now: &str,
    ) -> Result<Vec<(i64, &'static str, String)>, casebook::Error> {
        type Specific = (
            AgendaItemKind,
            String,
            Option<String>,
            &'static str,
            &'static str,
        );
        let mut specific: Vec<Specific> = Vec::new();
        let year = p.date.year();
        let rng = &mut self.rng;
        let g = &mut self.groups[p.group];
        // Reviews of open cases first (they were referred earlier).
        for case in g.cases.iter_mut().take(5) {
            case.reviews_left -= 1;
            specific.push((
                AgendaItemKind::CaseReview,
                format!("{}: review", case.title),
                Some(case.case_ref.clone()),
                case.street,
                case.presenter,
            ));
        }
        g.cases.retain(|c| c.reviews_left > 0);
        let referrals = if held { rng.gen_range(0..=3) } else { 0 };
        for _ in 0..referrals {
            if g.numbered.0 != year {
                g.numbered = (year, 0);
            }
            g.numbered.1 += 1;
            let street = STREETS[rng.gen_range(0..STREETS.len())];
            let title = fill(REFERRALS[rng.gen_range(0..REFERRALS.len())], street, "");
            let case_ref = format!("{}-{year}-{:03}", g.code, g.numbered.1);
            let presenter = PRESENTERS[rng.gen_range(0..PRESENTERS.len())];
            if rng.gen_ratio(1, CASE_RECORDED_ONE_IN) {
                let input = case_input(rng, &case_ref, street);
                let id = cases::add(tx, &input, self.today, now)?;
                self.cases += 1;
                self.audit.push(draft("case.add", "case", id));
            }
            specific.push((
                AgendaItemKind::NewReferral,
                title.clone(),
                Some(case_ref.clone()),
                street,
                presenter,
            ));
            g.cases.push(Case {
                case_ref,
                street,
                title,
                presenter,
                reviews_left: rng.gen_range(1..=5),
            });
        }
        for _ in 0..rng.gen_range(0..=2) {
            let place = HOTSPOTS[rng.gen_range(0..HOTSPOTS.len())];
            let title = fill(
                HOTSPOT_TITLES[rng.gen_range(0..HOTSPOT_TITLES.len())],
                place,
                "",
            );
            specific.push((AgendaItemKind::HotspotLocation, title, None, place, COUNCIL));
        }

        let mut insert = tx.prepare_cached(
            "INSERT INTO agenda_item (meeting_id, position, kind, title, case_ref,
                 presenting_agency_id, marking, descriptor, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        )?;
        let mut position = 0;
        let mut raisable = Vec::new();
        for usual in casebook::meetings::usual_agenda() {
            let mine: Vec<&Specific> = specific.iter().filter(|s| s.0 == usual.kind).collect();
            if mine.is_empty() {
                position += 1;
                insert.execute(params![
                    meeting,
                    position,
                    usual.kind,
                    usual.title,
                    None::<String>,
                    None::<i64>,
                    usual.marking,
                    usual.descriptor,
                    now
                ])?;
                continue;
            }
            for (kind, title, case_ref, street, presenter) in mine {
                position += 1;
                let sensitive = *kind != AgendaItemKind::HotspotLocation;
                insert.execute(params![
                    meeting,
                    position,
                    kind,
                    title,
                    case_ref,
                    self.agencies[presenter],
                    if sensitive {
                        Marking::OfficialSensitive
                    } else {
                        Marking::Official
                    },
                    sensitive.then_some(Descriptor::PersonalData),
                    now
                ])?;
                let id = tx.last_insert_rowid();
                self.audit.push(draft("agenda_item.add", "agenda_item", id));
                raisable.push((id, *street, case_ref.clone().unwrap_or_default()));
            }
        }
        Ok(raisable)
    }

    /// Invites the group's seats; at a held meeting, records attendance.
    /// Returns the people present (index into `people`).
    fn invitations(
        &mut self,
        tx: &Transaction<'_>,
        group: usize,
        meeting: i64,
        held: bool,
    ) -> Result<Vec<usize>, casebook::Error> {
        let mut insert = tx.prepare_cached(
            "INSERT INTO invitation (meeting_id, person_id, attendance, written_update,
                 arrived_at, left_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut present = Vec::new();
        let seats: Vec<usize> = self.groups[group].seats.iter().flatten().copied().collect();
        for person in seats {
            let (attendance, written, arrived, left) = if !held {
                (Attendance::Invited, false, None, None)
            } else {
                match self.rng.gen_range(0..100) {
                    0..=79 => {
                        let arrived = self.rng.gen_ratio(1, 15).then_some("10:20");
                        let left = self.rng.gen_ratio(1, 20).then_some("11:30");
                        (Attendance::Present, false, arrived, left)
                    }
                    80..=91 => (Attendance::Apologies, self.rng.gen_bool(0.5), None, None),
                    _ => (Attendance::Absent, false, None, None),
                }
            };
            insert.execute(params![
                meeting,
                self.people[person].id,
                attendance,
                written,
                arrived,
                left
            ])?;
            if held {
                self.audit
                    .push(draft("meeting.attendance", "meeting", meeting));
            }
            if attendance == Attendance::Present {
                present.push(person);
            }
        }
        Ok(present)
    }

    /// Updates of the group's open actions recorded at a held meeting, and
    /// closures from the tracker since the last one.
    fn updates(
        &mut self,
        tx: &Transaction<'_>,
        group: usize,
        meeting: i64,
        date: &str,
        day: NaiveDate,
        now: &str,
    ) -> Result<(), casebook::Error> {
        let pending = std::mem::take(&mut self.groups[group].pending);
        let mut still = Vec::with_capacity(pending.len());
        for mut p in pending {
            p.seen += 1;
            let change = match p.fate {
                Fate::Done(at) if at == p.seen => {
                    Some((ActionStatus::Done, Some(meeting), date.to_owned()))
                }
                Fate::Dropped(at) if at == p.seen => {
                    Some((ActionStatus::Dropped, Some(meeting), date.to_owned()))
                }
                Fate::ProgressThenDone(at, _) if at == p.seen => {
                    Some((ActionStatus::Open, Some(meeting), date.to_owned()))
                }
                Fate::ProgressThenDone(_, at) if at == p.seen => {
                    Some((ActionStatus::Done, Some(meeting), date.to_owned()))
                }
                Fate::FromTracker(on) if on < day => {
                    Some((ActionStatus::Done, None, dates::to_text(on)))
                }
                _ => None,
            };
            match change {
                Some((status, at, on)) => {
                    self.update(tx, p.id, status, at, &on, now)?;
                    if status == ActionStatus::Open {
                        still.push(p);
                    }
                }
                None => still.push(p),
            }
        }
        self.groups[group].pending = still;
        Ok(())
    }

    /// One update of an action: its new status (if changed) and the note.
    fn update(
        &mut self,
        tx: &Transaction<'_>,
        action: i64,
        status: ActionStatus,
        meeting: Option<i64>,
        on: &str,
        now: &str,
    ) -> Result<(), casebook::Error> {
        let note = match status {
            ActionStatus::Open => PROGRESS[self.rng.gen_range(0..PROGRESS.len())],
            ActionStatus::Done => DONE[self.rng.gen_range(0..DONE.len())],
            ActionStatus::Dropped => DROPPED[self.rng.gen_range(0..DROPPED.len())],
        };
        if status != ActionStatus::Open {
            tx.prepare_cached(
                "UPDATE action SET status = ?2, drop_reason = ?3, closed_on = ?4,
                     closed_meeting_id = ?5, updated_at = ?6 WHERE id = ?1",
            )?
            .execute(params![
                action,
                status,
                (status == ActionStatus::Dropped).then_some(note),
                on,
                meeting,
                now
            ])?;
        }
        tx.prepare_cached(
            "INSERT INTO action_update (action_id, meeting_id, status, note, at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![action, meeting, status, note, now])?;
        self.audit.push(draft("action.status", "action", action));
        Ok(())
    }

    /// The meeting's new actions, each with its fate.
    fn raise(
        &mut self,
        tx: &Transaction<'_>,
        p: &Planned,
        meeting: i64,
        items: &[(i64, &'static str, String)],
        present: &[usize],
        now: &str,
    ) -> Result<(), casebook::Error> {
        if present.is_empty() {
            return Ok(());
        }
        let mut insert = tx.prepare_cached(
            "INSERT INTO action (text, owner_agency_id, owner_person_id, due_date, status,
                 raised_meeting_id, raised_item_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?6, ?7, ?7)",
        )?;
        let seat_of: HashMap<usize, usize> = self.groups[p.group]
            .seats
            .iter()
            .enumerate()
            .filter_map(|(s, person)| person.map(|person| (person, s)))
            .collect();
        for _ in 0..self.rng.gen_range(ACTIONS_PER_MEETING) {
            let owner = present[self.rng.gen_range(0..present.len())];
            let seat = &SEATS[seat_of.get(&owner).copied().unwrap_or(CHAIR_SEAT)];
            let (item, street, case_ref) = match items.choose(&mut self.rng) {
                Some((id, street, case_ref)) => (Some(*id), *street, case_ref.as_str()),
                None => (None, STREETS[0], ""),
            };
            let case_ref = if case_ref.is_empty() {
                street
            } else {
                case_ref
            };
            let text = fill(
                seat.actions[self.rng.gen_range(0..seat.actions.len())],
                street,
                case_ref,
            );
            let due = p.date + Days::new(self.rng.gen_range(14..=42));
            insert.execute(params![
                text,
                self.people[owner].agency,
                self.people[owner].id,
                dates::to_text(due),
                meeting,
                item,
                now
            ])?;
            let id = tx.last_insert_rowid();
            self.actions += 1;
            self.audit.push(draft("action.add", "action", id));
            // Most at the next meeting, some at the one after, a few later.
            let later = |rng: &mut StdRng| match rng.gen_range(0..20) {
                0..=10 => 1,
                11..=16 => 2,
                _ => 3,
            };
            let fate = match self.rng.gen_range(0..100) {
                0..=69 => Fate::Done(later(&mut self.rng)),
                70..=75 => Fate::Dropped(later(&mut self.rng)),
                76..=85 => Fate::ProgressThenDone(1, self.rng.gen_range(2..=3)),
                86..=98 => Fate::FromTracker(due - Days::new(self.rng.gen_range(0..=10))),
                _ => Fate::Never,
            };
            self.groups[p.group]
                .pending
                .push(Pending { id, fate, seen: 0 });
        }
        Ok(())
    }

    /// The held meeting's register, as the kiosk writes it: opened a
    /// quarter of an hour before the start, everyone present signing a
    /// minute or so apart, each entry with the digest `verify` checks.
    /// Returns those present who have not signed (late or declined).
    fn register(
        &mut self,
        tx: &Transaction<'_>,
        meeting: i64,
        day: NaiveDate,
        start: &str,
        present: &[usize],
    ) -> Result<Vec<usize>, casebook::Error> {
        let mut unsigned = Vec::new();
        let mut who = tx.prepare_cached(
            "SELECT p.name, p.agency_id, a.name, p.role
             FROM person p JOIN agency a ON a.id = p.agency_id WHERE p.id = ?1",
        )?;
        self.audit.push(draft("kiosk.start", "meeting", meeting));
        let mut second = -15 * 60;
        for &person in present {
            if self.rng.gen_ratio(1, 50) {
                unsigned.push(person);
                continue; // came in after signing closed
            }
            second += self.rng.gen_range(20..=90);
            let person_id = self.people[person].id;
            let (name, agency_id, agency_name, role): (String, i64, String, String) = who
                .query_row([person_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?;
            let (outcome, typed_name, decline_reason, strokes) = match self.rng.gen_range(0..600) {
                0..=2 => (
                    Outcome::Declined,
                    None,
                    Some(DECLINES[self.rng.gen_range(0..DECLINES.len())].to_owned()),
                    Vec::new(),
                ),
                3..=22 => (Outcome::Typed, Some(name.clone()), None, Vec::new()),
                _ => {
                    let strokes =
                        casebook::demo::signature_strokes(person_id as u64, meeting as u64);
                    signatures::check_strokes(&strokes)?;
                    (Outcome::Drawn, None, None, strokes)
                }
            };
            let mut entry = Signature {
                id: 0,
                meeting_id: meeting,
                person_id,
                name,
                agency_id,
                agency_name,
                role,
                agreement_version: self.agreement.0,
                agreement_sha256: self.agreement.1.clone(),
                at: london_instant(day, start, second),
                outcome,
                typed_name,
                decline_reason,
                strokes,
                digest: String::new(),
                withdrawn_at: None,
                withdrawn_reason: None,
            };
            if outcome == Outcome::Declined {
                unsigned.push(person);
            }
            entry.digest = signatures::digest(&entry);
            let id = signatures::write(tx, &entry)?;
            self.signatures += 1;
            self.audit.push(draft(
                if entry.outcome == Outcome::Declined {
                    "signature.decline"
                } else {
                    "signature.sign"
                },
                "signature",
                id,
            ));
        }
        self.audit.push(draft("kiosk.leave", "meeting", meeting));
        Ok(unsigned)
    }

    /// A row standing in for the meeting's minutes.
    fn filler(&mut self, tx: &Transaction<'_>, meeting: i64) -> Result<(), casebook::Error> {
        let mut insert = tx.prepare_cached(
            "INSERT INTO generated_row (meeting, kind, body) VALUES (?1, ?2, ?3)",
        )?;
        insert.execute(params![
            meeting,
            "minutes",
            prose(&mut self.rng, MINUTES_BYTES_PER_MEETING).into_bytes()
        ])?;
        Ok(())
    }

    /// The held meeting's disclosures, about 30, each under one of its case
    /// items, by someone present who has signed, of a category their agency
    /// would disclose. Those present who have not signed are first marked
    /// out of the room for the items with disclosures (R9). Each goes
    /// through the casebook's own save, so the rules check it.
    fn disclose(
        &mut self,
        tx: &Transaction<'_>,
        p: &Planned,
        items: &[(i64, &'static str, String)],
        present: &[usize],
        unsigned: &[usize],
        now: &str,
    ) -> Result<(), casebook::Error> {
        let cases: Vec<&(i64, &'static str, String)> =
            items.iter().filter(|i| !i.2.is_empty()).collect();
        let signed: Vec<usize> = present
            .iter()
            .copied()
            .filter(|p| !unsigned.contains(p))
            .collect();
        if cases.is_empty() || signed.is_empty() {
            return Ok(());
        }
        let seat_of: HashMap<usize, usize> = self.groups[p.group]
            .seats
            .iter()
            .enumerate()
            .filter_map(|(s, person)| person.map(|person| (person, s)))
            .collect();
        let n = self.rng.gen_range(DISCLOSURES_PER_MEETING);
        let mut under: Vec<usize> = (0..n).map(|_| self.rng.gen_range(0..cases.len())).collect();
        under.sort_unstable();
        let mut out_done = Vec::new();
        for i in under {
            let (item, street, case_ref) = cases[i];
            if !out_done.contains(&i) {
                out_done.push(i);
                for &person in unsigned {
                    let person_id = self.people[person].id;
                    store::set_out_of_room(tx, *item, person_id, true, now)?;
                    self.audit.push(AuditDraft {
                        action: "out_of_room.set",
                        record_type: "out_of_room",
                        record_id: format!("{item}/{person_id}"),
                    });
                }
            }
            let who = signed[self.rng.gen_range(0..signed.len())];
            let agency = SEATS[seat_of.get(&who).copied().unwrap_or(CHAIR_SEAT)].agency;
            let (draft_, accepted) =
                disclosure_draft(&mut self.rng, agency, case_ref, street, p.date);
            let personal = draft_.category.is_personal();
            let (minuting, minute_summary) = match self.rng.gen_range(0..10) {
                0..=6 => (Minuting::Full, None),
                7..=8 => (
                    Minuting::Summary,
                    Some(format!(
                        "{} shared by {agency} about {case_ref}.",
                        draft_.category.label()
                    )),
                ),
                _ => (Minuting::NotMinuted, None),
            };
            let input = DisclosureInput {
                item_id: *item,
                case_ref: None,
                person_id: self.people[who].id,
                draft: draft_,
                marking: None,
                descriptor: personal.then_some(Descriptor::PersonalData),
                minuting,
                minute_summary,
                accepted,
            };
            let (id, accepted) = store::insert(tx, &input, Actor::Cli.as_str(), now)?;
            self.disclosures += 1;
            self.audit.push(draft("disclosure.add", "disclosure", id));
            for rule in accepted {
                self.audit.push(AuditDraft {
                    action: "disclosure.accept",
                    record_type: "disclosure",
                    record_id: format!("{id}/{}", rule.as_str()),
                });
            }
        }
        Ok(())
    }

    /// Closures from the tracker after each group's last held meeting.
    fn last_closures(&mut self, tx: &Transaction<'_>, now: &str) -> Result<(), casebook::Error> {
        for g in 0..self.groups.len() {
            let pending = std::mem::take(&mut self.groups[g].pending);
            for p in pending {
                match p.fate {
                    Fate::FromTracker(on) if on < self.today => {
                        self.update(tx, p.id, ActionStatus::Done, None, &dates::to_text(on), now)?;
                    }
                    _ => self.groups[g].pending.push(p),
                }
            }
        }
        Ok(())
    }
}

/// A case record for a new referral: its kind, a de-personalised label
/// and, for some individuals, the subject's (invented) name and birth date.
fn case_input(rng: &mut StdRng, case_ref: &str, street: &str) -> CaseInput {
    let (kind, label) = match rng.gen_range(0..10) {
        0..=2 => (CaseKind::Individual, format!("Adult male, {street}")),
        3..=4 => (CaseKind::Individual, format!("Adult female, {street}")),
        5..=7 => (CaseKind::Household, format!("Household, {street}")),
        8 => (CaseKind::Location, street.to_owned()),
        _ => (CaseKind::Group, format!("Group of young people, {street}")),
    };
    let named = kind == CaseKind::Individual && rng.gen_ratio(1, 2);
    let subject_name = named.then(|| {
        format!(
            "{} {}",
            SUBJECT_FIRST_NAMES[rng.gen_range(0..SUBJECT_FIRST_NAMES.len())],
            SUBJECT_SURNAMES[rng.gen_range(0..SUBJECT_SURNAMES.len())]
        )
    });
    let date_of_birth = named.then(|| {
        format!(
            "{}-{:02}-{:02}",
            rng.gen_range(1960..=2000),
            rng.gen_range(1..=12),
            rng.gen_range(1..=28)
        )
    });
    CaseInput {
        case_ref: case_ref.to_owned(),
        kind,
        label,
        subject_name,
        aliases: Vec::new(),
        date_of_birth,
        address: named.then(|| format!("{} {street}", rng.gen_range(1..=80))),
        grc_flag: false,
        grc_flag_date: None,
        grc_flag_source: None,
    }
}

/// Names for case subjects, apart from the staff's so that no text that
/// names a member of staff names a subject too (R7).
const SUBJECT_FIRST_NAMES: &[&str] = &["Corwin", "Delphine", "Ambrose", "Lettice", "Jarrah"];
const SUBJECT_SURNAMES: &[&str] = &["Quickthorn", "Mallender", "Osgathorpe", "Twelvetrees"];

/// The categories an agency's people disclose.
fn categories(agency: &str) -> &'static [Category] {
    use Category as C;
    match agency {
        POLICE => &[
            C::Incident,
            C::Intelligence,
            C::PoliceCaution,
            C::HarassmentWarning,
            C::Conviction,
        ],
        HOUSING => &[C::HousingOrTenancy, C::AsbAdmission, C::Incident],
        CCG => &[C::HealthOrCare, C::Safeguarding],
        PROBATION | CRC => &[C::Conviction, C::Intelligence],
        FIRE => &[C::Other, C::Incident],
        YOUTH => &[C::Safeguarding, C::Intelligence, C::Incident],
        _ => &[C::AsbAdmission, C::Incident, C::Other, C::Intelligence],
    }
}

/// A disclosure the rules allow, of a category `agency` discloses, about
/// the case `case_ref` at `street`, made on `on`; and the warnings it
/// raises that the minute-taker accepts (R5 on a simple caution, which
/// the 1974 Act treats as spent at once but R1 lets through for a year).
fn disclosure_draft(
    rng: &mut StdRng,
    agency: &str,
    case_ref: &str,
    street: &str,
    on: NaiveDate,
) -> (DisclosureDraft, Vec<RuleId>) {
    use Category as C;
    use LegalPower as L;
    use StatutoryPurpose as P;
    let list = categories(agency);
    let category = list[rng.gen_range(0..list.len())];
    let ago =
        |rng: &mut StdRng, lo: u64, hi: u64| dates::to_text(on - Days::new(rng.gen_range(lo..=hi)));
    let n = rng.gen_range(2..=25);
    let opinion = agency != POLICE
        && matches!(category, C::HealthOrCare | C::Safeguarding | C::Other)
        && rng.gen_ratio(1, 4);
    let (text, power, purpose) = match category {
        C::Incident => (
            format!(
                "{n} reports in the last three months about noise, shouting and damage linked to \
                 {case_ref} on {street}, most of them late on a Friday or Saturday."
            ),
            L::CdaS115,
            P::AntiSocialBehaviour,
        ),
        C::Intelligence => (
            format!(
                "Community reports for {case_ref}: visitors come and go from {street} at all \
                 hours, {n} sightings logged since the last meeting."
            ),
            L::CdaS115,
            P::CrimeAndDisorder,
        ),
        C::PoliceCaution => (
            format!(
                "The subject of {case_ref} accepted a caution for a public order offence on \
                 {street}."
            ),
            L::CdaS115,
            P::CrimeAndDisorder,
        ),
        C::HarassmentWarning => (
            format!(
                "A harassment warning was given to a visitor to {street} about their conduct \
                 towards a resident, in {case_ref}."
            ),
            L::CdaS115,
            P::CrimeAndDisorder,
        ),
        C::AsbAdmission => (
            format!(
                "At the home visit the subject of {case_ref} admitted the loud music and \
                 shouting on {street} and agreed to stop after 11pm."
            ),
            L::CdaS115,
            P::AntiSocialBehaviour,
        ),
        C::Conviction => (
            format!(
                "The subject of {case_ref} was convicted at the magistrates' court of an offence \
                 on {street} and is known to probation."
            ),
            L::CdaS115,
            P::Reoffending,
        ),
        C::HealthOrCare => (
            if opinion {
                format!(
                    "In the lead nurse's view the occupant in {case_ref} has care and support \
                     needs that make the risks on {street} greater."
                )
            } else {
                format!(
                    "The occupant in {case_ref} has not been seen by the GP practice for {n} \
                     months; a review has been asked for."
                )
            },
            L::CareAct2014,
            P::SafeguardingAdults,
        ),
        C::HousingOrTenancy => (
            format!(
                "The tenancy in {case_ref} on {street} is an assured tenancy; {n} written \
                 complaints from neighbours this year; rent account up to date."
            ),
            L::CdaS115,
            P::AntiSocialBehaviour,
        ),
        C::Safeguarding => (
            if opinion {
                format!(
                    "In the youth justice officer's view the young people in {case_ref} are at \
                     risk of exploitation around {street}."
                )
            } else {
                format!(
                    "Two of the young people in {case_ref} are open to early help; their social \
                     workers know of the referral."
                )
            },
            L::ChildrenAct2004,
            P::SafeguardingChildren,
        ),
        C::Other => (
            format!(
                "On a home visit for {case_ref}: rubbish stored in the hall, the rear exit \
                 blocked and no working smoke alarm at the property on {street}."
            ),
            L::CdaS115,
            P::CommunitySafety,
        ),
    };
    let mut accepted = Vec::new();
    let mut d = DisclosureDraft {
        category,
        nature: if opinion {
            Nature::Opinion
        } else {
            Nature::Fact
        },
        text,
        caution: None,
        harassment_warning: None,
        asb_admission: None,
        conviction: None,
        legal_power: Some(power),
        statutory_purpose: Some(purpose),
        touches_gender_history: false,
        gender_exception: None,
    };
    match category {
        C::PoliceCaution => {
            // A conditional caution is spent three months after it is given.
            d.caution = Some(if rng.gen_ratio(1, 2) {
                accepted.push(RuleId::R5);
                CautionDetails {
                    kind: CautionKind::Simple,
                    given_on: ago(rng, 7, 330),
                }
            } else {
                CautionDetails {
                    kind: CautionKind::Conditional,
                    given_on: ago(rng, 7, 80),
                }
            });
        }
        C::HarassmentWarning => {
            d.harassment_warning = Some(HarassmentWarningDetails {
                recorded_on: ago(rng, 7, 330),
                basis: format!(
                    "Repeated unwanted visits to a flat on {street}, reported by a neighbour and \
                     confirmed by the tenant."
                ),
            });
        }
        C::AsbAdmission => {
            d.asb_admission = Some(AsbAdmissionDetails {
                corroboration: "Incident diaries kept by neighbours, and the officer's own note \
                                of what was heard at the visit."
                    .into(),
            });
        }
        C::Conviction => {
            let (sentence, months, convicted_on) = match rng.gen_range(0..3) {
                0 => (SentenceType::Fine, None, ago(rng, 20, 300)),
                1 => (SentenceType::CommunityOrder, Some(12), ago(rng, 20, 300)),
                _ => (SentenceType::Custody, Some(18), ago(rng, 60, 700)),
            };
            d.conviction = Some(ConvictionDetails {
                offence: [
                    "Criminal damage",
                    "Possession with intent to supply",
                    "Assault",
                ][rng.gen_range(0..3)]
                .into(),
                convicted_on,
                sentence,
                sentence_months: months,
                sentence_ends_on: None,
                under_18: false,
                never_spent: false,
            });
        }
        _ => {}
    }
    (d, accepted)
}

/// The groups: seven Bronze tasking groups and a case-conference series.
const GROUPS: &[(&str, &str, MeetingKind, &str)] = &[
    (
        "NB",
        "Northbrook Bronze Tasking Group",
        MeetingKind::BronzeTasking,
        "Northbrook Community Hub, Room 2",
    ),
    (
        "KV",
        "Kestrel Vale Bronze Tasking Group",
        MeetingKind::BronzeTasking,
        "Kestrel Vale Library, Study Room",
    ),
    (
        "SF",
        "Southfield Bronze Tasking Group",
        MeetingKind::BronzeTasking,
        "Southfield Police Station, Briefing Room",
    ),
    (
        "AC",
        "Ashby Cross Bronze Tasking Group",
        MeetingKind::BronzeTasking,
        "Ashby Cross Fire Station, Training Room",
    ),
    (
        "MR",
        "Millrace Bronze Tasking Group",
        MeetingKind::BronzeTasking,
        "Millrace Civic Centre, Room 4",
    ),
    (
        "WF",
        "Wrenfield Bronze Tasking Group",
        MeetingKind::BronzeTasking,
        "Wrenfield Leisure Centre, Meeting Room",
    ),
    (
        "HG",
        "Heronsgate Bronze Tasking Group",
        MeetingKind::BronzeTasking,
        "Heronsgate Council Offices, Room 1",
    ),
    (
        "CC",
        "Severn Valley Complex Case Conferences",
        MeetingKind::CaseConference,
        "Shirehall, Committee Room 3",
    ),
];

/// Writes the synthetic vault.
pub fn generate(
    path: &Path,
    pass: &Passphrase,
    years: u32,
    work_factor: u8,
    clock: Arc<dyn Clock>,
) -> Result<(), Failure> {
    let today = dates::today_london(clock.now());
    let (mut book, _secret) =
        Casebook::create(path, pass, CreateOptions { work_factor }, clock, Actor::Cli)?;
    book.vault_mut().change_schema(|tx| {
        tx.execute_batch(
            "CREATE TABLE generated_row (
                 id      INTEGER PRIMARY KEY,
                 meeting INTEGER NOT NULL,
                 kind    TEXT NOT NULL,
                 body    BLOB NOT NULL
             ) STRICT;",
        )
        .map_err(vault::Error::Working)
    })?;
    let mut rng = StdRng::seed_from_u64(0x7461_736b);
    let mut names: Vec<(usize, usize)> = (0..FIRST_NAMES.len())
        .flat_map(|f| (0..SURNAMES.len()).map(move |s| (f, s)))
        .collect();
    names.shuffle(&mut rng);
    let agreement = book.agreement()?;
    let mut g = Generator {
        rng,
        today,
        agreement: (agreement.version, agreement.sha256),
        agencies: HashMap::new(),
        people: Vec::new(),
        names,
        groups: Vec::new(),
        audit: Vec::new(),
        meetings: 0,
        actions: 0,
        signatures: 0,
        disclosures: 0,
        cases: 0,
        requests: 0,
    };
    if years == 0 {
        return finish(book, path, years, &g);
    }

    // The directory, the groups and their people.
    let housing = book.add_agency(&casebook::AgencyInput {
        name: HOUSING.into(),
        designated_person_role: "Tenancy Enforcement Manager".into(),
        kind: casebook::AgencyKind::Housing,
    })?;
    for a in book.agencies(true)? {
        if let Some(name) = SEATS.iter().map(|s| s.agency).find(|n| *n == a.name) {
            g.agencies.insert(name, a.id);
        }
    }
    g.agencies.insert(HOUSING, housing.id);
    book.change_raw(|tx, now| {
        for (i, (code, name, kind, venue)) in GROUPS.iter().enumerate() {
            tx.execute(
                "INSERT INTO meeting_group (name, default_kind, active, created_at, updated_at)
                 VALUES (?1, ?2, 1, ?3, ?3)",
                params![name, kind, now],
            )?;
            let id = tx.last_insert_rowid();
            g.audit.push(draft("group.add", "group", id));
            let mut seats = Vec::with_capacity(SEATS.len());
            for seat in SEATS {
                seats.push(Some(g.add_person(tx, seat, now)?));
            }
            g.groups.push(Group {
                id,
                code,
                kind: *kind,
                venue,
                start_time: ["10:00", "09:30", "14:00", "13:30"][i % 4],
                seats,
                cases: Vec::new(),
                numbered: (0, 0),
                pending: Vec::new(),
            });
        }
        Ok(((), std::mem::take(&mut g.audit)))
    })?;

    let start = today
        .checked_sub_months(Months::new(12 * years))
        .unwrap_or(today);
    let planned = schedule(start, today, GROUPS.len());
    let crc_year = years * 2 / 5;
    for year in 0..years {
        let from = dates::add_months(start, 12 * year);
        let to = dates::add_months(start, 12 * (year + 1));
        let last = year + 1 == years;
        let these: Vec<&Planned> = planned
            .iter()
            .filter(|p| p.date >= from && (p.date < to || last))
            .collect();
        book.change_raw(|tx, now| {
            if year > 0 {
                g.new_year(tx, year == crc_year, now)?;
            }
            for p in these {
                g.meeting(tx, p, now)?;
            }
            g.requests(tx, from, if last { today } else { to }, now)?;
            if last {
                g.last_closures(tx, now)?;
            }
            Ok(((), std::mem::take(&mut g.audit)))
        })?;
        book.vault_mut().compact()?;
    }
    finish(book, path, years, &g)
}

fn finish(book: Casebook, path: &Path, years: u32, g: &Generator) -> Result<(), Failure> {
    let bytes = book.vault().working_bytes()?;
    book.close()?;
    let on_disk = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    println!(
        "Generated {years} year(s): {} meetings, {} actions, {} signatures, {} disclosures, {} \
         cases, {} information requests, working copy {:.1} MB, file {:.1} MB.",
        g.meetings,
        g.actions,
        g.signatures,
        g.disclosures,
        g.cases,
        g.requests,
        bytes as f64 / 1e6,
        on_disk as f64 / 1e6
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed;

    impl Clock for Fixed {
        fn now(&self) -> chrono::DateTime<chrono::Utc> {
            chrono::DateTime::parse_from_rfc3339("2026-11-27T09:00:00Z")
                .map(|t| t.with_timezone(&chrono::Utc))
                .unwrap_or_default()
        }
    }

    /// Each query counts the records that break one of the rules the
    /// casebook keeps; a generated vault must have none.
    const BROKEN: &[(&str, &str)] = &[
        (
            "agenda positions not 1..n",
            "SELECT count(*) FROM (SELECT count(*) n, min(position) lo, max(position) hi,
                 count(DISTINCT position) d FROM agenda_item GROUP BY meeting_id)
             WHERE lo != 1 OR hi != n OR d != n",
        ),
        (
            "attendance recorded at a meeting not held, or missing at a held one",
            "SELECT count(*) FROM invitation i JOIN meeting m ON m.id = i.meeting_id
             WHERE (m.status = 'held') = (i.attendance = 'invited')",
        ),
        (
            "a written update without apologies, or times without presence",
            "SELECT count(*) FROM invitation WHERE (written_update AND attendance != 'apologies')
                 OR ((arrived_at IS NOT NULL OR left_at IS NOT NULL) AND attendance != 'present')",
        ),
        (
            "an owner from another agency",
            "SELECT count(*) FROM action x JOIN person p ON p.id = x.owner_person_id
             WHERE p.agency_id != x.owner_agency_id",
        ),
        (
            "an action raised under another meeting's item, or at a meeting not held",
            "SELECT count(*) FROM action x JOIN meeting m ON m.id = x.raised_meeting_id
             LEFT JOIN agenda_item i ON i.id = x.raised_item_id
             WHERE m.status != 'held' OR (i.id IS NOT NULL AND i.meeting_id != m.id)",
        ),
        (
            "a status and its closing fields disagree",
            "SELECT count(*) FROM action WHERE (status = 'open') != (closed_on IS NULL)
                 OR (status = 'dropped') != (drop_reason IS NOT NULL)
                 OR (status = 'open' AND closed_meeting_id IS NOT NULL)",
        ),
        (
            "closed at a meeting of another group, before it was raised, or not on its date",
            "SELECT count(*) FROM action x JOIN meeting r ON r.id = x.raised_meeting_id
             JOIN meeting c ON c.id = x.closed_meeting_id
             WHERE c.group_id != r.group_id OR c.date < r.date OR x.closed_on != c.date",
        ),
        (
            "an update at a meeting of another group or before the action was raised",
            "SELECT count(*) FROM action_update u JOIN action x ON x.id = u.action_id
             JOIN meeting r ON r.id = x.raised_meeting_id JOIN meeting c ON c.id = u.meeting_id
             WHERE c.group_id != r.group_id OR c.date < r.date",
        ),
        (
            "a closed action without the update that closed it",
            "SELECT count(*) FROM action x WHERE x.status != 'open' AND NOT EXISTS
                 (SELECT 1 FROM action_update u WHERE u.action_id = x.id AND u.status = x.status)",
        ),
        (
            "a register entry at a meeting not held, or of someone not present",
            "SELECT count(*) FROM signature s JOIN meeting m ON m.id = s.meeting_id
             LEFT JOIN invitation i ON i.meeting_id = s.meeting_id AND i.person_id = s.person_id
             WHERE m.status != 'held' OR i.attendance IS NOT 'present'",
        ),
        (
            "a register entry not on its meeting's morning or afternoon",
            "SELECT count(*) FROM signature s JOIN meeting m ON m.id = s.meeting_id
             WHERE substr(s.at, 1, 10) != m.date OR substr(s.at, 12, 5) NOT BETWEEN '08:00' AND '14:30'",
        ),
        (
            "a register entry whose outcome and fields disagree",
            "SELECT count(*) FROM signature WHERE (outcome = 'typed') != (typed_name IS NOT NULL)
                 OR (outcome = 'declined') != (decline_reason IS NOT NULL)
                 OR (outcome = 'drawn') != (length(strokes) > 3)",
        ),
        (
            "a case reference that is not a short code",
            "SELECT count(*) FROM agenda_item WHERE case_ref IS NOT NULL
                 AND case_ref NOT GLOB '[A-Z][A-Z]-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9]'",
        ),
    ];

    #[test]
    fn a_generated_year_keeps_the_casebooks_rules() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("generated.tvault");
        let pass = Passphrase::new("generator test passphrase");
        if generate(&path, &pass, 1, 2, Arc::new(Fixed)).is_err() {
            panic!("generate failed");
        }
        let book = Casebook::open(&path, &pass, Arc::new(Fixed), Actor::Cli).expect("open");
        let report = book.verify().expect("verify");
        assert!(report.audit_entries > 4_000, "{}", report.audit_entries);
        let db = book.vault().db();
        let count = |sql: &str| -> i64 { db.query_row(sql, [], |r| r.get(0)).expect(sql) };
        for (rule, sql) in BROKEN {
            assert_eq!(count(sql), 0, "{rule}");
        }
        let meetings = count("SELECT count(*) FROM meeting WHERE date < '2026-11-27'");
        assert!((95..=105).contains(&meetings), "{meetings} meetings");
        let actions = count("SELECT count(*) FROM action");
        assert!((1_300..=1_700).contains(&actions), "{actions} actions");
        let items = count("SELECT count(*) FROM agenda_item");
        assert!(items > meetings * 10, "{items} agenda items");
        let open = count("SELECT count(*) FROM action WHERE status = 'open'");
        let dropped = count("SELECT count(*) FROM action WHERE status = 'dropped'");
        assert!(open > 0 && open < actions / 5, "{open} open");
        assert!(dropped > 0 && dropped < actions / 10, "{dropped} dropped");
        let filler = count("SELECT sum(length(body)) FROM generated_row");
        assert!((1_500_000..=2_500_000).contains(&filler), "{filler} bytes");
        // Everyone present signs, bar a few: about 920 entries a year.
        let present = count(
            "SELECT count(*) FROM invitation i JOIN meeting m ON m.id = i.meeting_id
             WHERE m.status = 'held' AND i.attendance = 'present'",
        );
        let signatures = count("SELECT count(*) FROM signature");
        assert_eq!(report.signatures, signatures);
        assert!(
            signatures < present && signatures > present * 95 / 100,
            "{signatures} of {present}"
        );
        assert!((800..=1_100).contains(&signatures), "{signatures}");
        let held = count("SELECT count(*) FROM meeting WHERE status = 'held'");
        let with_register = count("SELECT count(DISTINCT meeting_id) FROM signature");
        assert_eq!(with_register, held);
        for (outcome, most) in [("typed", signatures / 15), ("declined", signatures / 50)] {
            let n = count(&format!(
                "SELECT count(*) FROM signature WHERE outcome = '{outcome}'"
            ));
            assert!(n > 0 && n < most, "{n} {outcome}");
        }
        // About 30 disclosures a held meeting, by someone present who
        // signed, under an item of the meeting with a case reference.
        let disclosures = count("SELECT count(*) FROM disclosure");
        assert!(
            disclosures > held * 25 && disclosures < held * 35,
            "{disclosures} disclosures at {held} held meetings"
        );
        let unsound = count(
            "SELECT count(*) FROM disclosure d JOIN agenda_item i ON i.id = d.item_id
             JOIN meeting m ON m.id = i.meeting_id
             LEFT JOIN invitation v ON v.meeting_id = m.id AND v.person_id = d.person_id
             WHERE m.status != 'held' OR v.attendance IS NOT 'present' OR d.case_ref IS NOT i.case_ref
                OR NOT EXISTS (SELECT 1 FROM signature s WHERE s.meeting_id = m.id
                               AND s.person_id = d.person_id AND s.outcome IN ('drawn', 'typed'))",
        );
        assert_eq!(
            unsound, 0,
            "disclosures not by a signed attendee under a case item"
        );
        let categories = count("SELECT count(DISTINCT category) FROM disclosure");
        assert_eq!(categories, 10, "every category");
        // A few dozen cases a year, each discussed at several meetings.
        let cases = count("SELECT count(*) FROM case_record");
        assert!((25..=70).contains(&cases), "{cases} cases");
        let spanning = count(
            "SELECT count(*) FROM case_record c WHERE (SELECT count(DISTINCT meeting_id)
                 FROM agenda_item i WHERE i.case_ref = c.case_ref) > 1",
        );
        assert!(
            spanning > cases / 2,
            "{spanning} of {cases} cases span meetings"
        );
        let strokes = count("SELECT sum(length(strokes)) FROM signature");
        println!(
            "generated: {present} present, {signatures} signatures, {strokes} bytes of strokes, \
             {filler} bytes of filler"
        );

        let home = book.home().expect("home");
        assert_eq!(home.next_meetings.len(), 5);
        assert!(!home.overdue_actions.is_empty());
        let next = book.meeting_page(home.next_meetings[0].id).expect("page");
        assert!(!next.carried_forward.is_empty());
        let case_ref: String = db
            .query_row(
                "SELECT case_ref FROM agenda_item WHERE case_ref IS NOT NULL LIMIT 1",
                [],
                |r| r.get(0),
            )
            .expect("a case");
        let hits = book.search(&case_ref).expect("search");
        assert!(!hits.is_empty(), "{case_ref}");
        let case: i64 = db
            .query_row(
                "SELECT c.id FROM case_record c WHERE EXISTS
                     (SELECT 1 FROM disclosure d WHERE d.case_ref = c.case_ref) LIMIT 1",
                [],
                |r| r.get(0),
            )
            .expect("a case with disclosures");
        let page = book.case_page(case).expect("case page");
        assert!(page.items.len() > 1 && !page.disclosures.is_empty());
    }

    fn day(text: &str) -> NaiveDate {
        dates::date("Date", text).expect("a date")
    }

    #[test]
    fn a_year_has_about_a_hundred_meetings_and_each_group_one_ahead() {
        let today = day("2026-11-27");
        let start = day("2025-11-27");
        let s = schedule(start, today, GROUPS.len());
        let past = s.iter().filter(|p| p.date < today).count();
        assert!((95..=105).contains(&past), "{past}");
        for g in 0..GROUPS.len() {
            let ahead = s.iter().filter(|p| p.group == g && p.date > today).count();
            assert_eq!(ahead, 1, "group {g}");
        }
        assert!(s.windows(2).all(|w| w[0].date <= w[1].date));
        assert!(s.iter().all(|p| p.date >= start));
    }
}
