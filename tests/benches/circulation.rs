//! Benchmark of issuing copies of long minutes, printed as a table (see
//! `docs/PERFORMANCE-RECORDS.md`).
//!
//! ```text
//! cargo bench -p tasking-vault-tests --bench circulation
//! ```
//!
//! Builds its own vault in a temporary directory, through
//! [`casebook::Casebook`] as the app writes it: one held meeting of twelve
//! people at the active agencies (eight), each present, each with a drawn signature
//! (the demo's invented hands) and a secure inbox key of their own; agenda
//! items of invented case reviews, each with disclosures in full (the
//! rules check every one as it is saved), a discussion summary, decisions
//! and actions, added until the minutes lay out to `BENCH_MINUTES_PAGES`
//! pages (default 60); one attendee, the only one of their agency, is out
//! of the room for every fourth item, so their copy withholds those
//! items' disclosures. The minutes are approved as version 1. Then it
//! times, `BENCH_ROUNDS` times (default 10) after one warm-up:
//! - **`prepare_copies` for all twelve**: each copy rendered with its own
//!   copy line on every page, its distribution list and token, then
//!   encrypted with age to its recipient's key, in memory — what the app
//!   does between the chair's "Issue" and the files being written;
//! - the same for one copy, and `plan_copies` (the check the screen shows
//!   while the chair chooses);
//! - the two parts of a copy on their own: the version's PDF laid out and
//!   rendered (no copy line), and age encryption of that PDF.
//!
//! It checks that every copy opens with its recipient's secret key and
//! with no one else's, and prints the pages, the bytes and the time per
//! copy. The target: twelve copies of 60 pages in under 2 s.

mod support;

use std::time::{Duration, Instant};

use casebook::circulation::keys::Holder;
use casebook::disclosures::{Category, DisclosureDraft, LegalPower, Nature, StatutoryPurpose};
use casebook::minutes::document::{self, CopyPrint, Printing};
use casebook::minutes::versions::MinutesVersionSummary;
use casebook::{
    ActionInput, Actor, AgencyInput, AgencyKind, AgendaItemInput, AgendaItemKind, Attendance,
    AttendanceInput, Casebook, CopiesRequest, CopyRequest, Delivery, DisclosureInput, GroupInput,
    Marking, MeetingInput, MeetingKind, MeetingStatus, MinutesApprove, Minuting, PersonInput,
    SignInput, SignMethod, Signer, SystemClock,
};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use support::{Stats, env_or, ms, pass, verdict};

/// Invented attendees: name and role.
const PEOPLE: [(&str, &str); 12] = [
    ("Ottilie Brackenbury", "Community Safety Manager"),
    ("Casimir Wendover-Lyle", "Neighbourhood Inspector"),
    ("Marisol Tregaskis", "Safeguarding Adults Lead"),
    ("Fenwick Oyelaran", "Senior Probation Officer"),
    ("Delphine Ashgrove", "Case Manager"),
    ("Rufus Kettleby", "Station Manager, Prevention"),
    ("Anouk Strathearn", "Youth Justice Officer"),
    ("Bartholomew Quince", "Tenancy Enforcement Officer"),
    ("Ines Harrowgate", "Anti-Social Behaviour Officer"),
    ("Tobiah Ferncastle", "Police Sergeant"),
    ("Yasmin Coldharbour", "Partnership Support Officer"),
    ("Lowen Pritchard-Vey", "Police Community Support Officer"),
];

const STREETS: &[&str] = &[
    "Tanner's Row",
    "Wrenfield Close",
    "Millrace Park",
    "Ashby Terrace",
    "Orchard Mews",
    "Kingfisher Court",
    "Station Approach",
    "Cobbler's Yard",
    "Pinfold Street",
    "Jubilee Parade",
    "Tollgate Road",
    "Heron Walk",
];

const CONCERNS: &[&str] = &[
    "repeat anti-social behaviour",
    "noise nuisance late at night",
    "criminal damage to communal areas",
    "suspected cuckooing",
    "hoarding and fire risk",
    "young people gathering and intimidating residents",
    "drug dealing from the address",
    "threats towards neighbours",
];

const FINDINGS: &[&str] = &[
    "Calls to the police about the address numbered {n} in the last three months, most of \
     them between 10pm and 2am on a Friday or Saturday; officers attended {m} times and \
     made no arrests.",
    "On a joint visit the tenancy officer found {n} adults living at the address where the \
     tenancy names one; the rent account is {m} weeks in arrears and a notice of seeking \
     possession has been considered but not served.",
    "The fire service's home safety visit found the rear exit blocked by stored furniture, \
     no working smoke alarm on the upper floor and {n} extension leads daisy-chained in the \
     front room; {m} alarms were fitted the same day.",
    "Neighbours have kept incident diaries for {n} weeks; they record {m} incidents of \
     shouting, slammed doors and loud music after midnight, and two of a door being kicked \
     in the communal hallway.",
    "The youth justice service has worked with {n} of the young people named in the \
     referral; {m} attended the diversionary sessions offered on Friday evenings at the \
     leisure centre, and the others declined.",
    "Community reports describe vehicles arriving for a few minutes at a time, up to {n} an \
     evening, and visitors not known to the residents; a neighbour reported {m} syringes \
     found by the bins.",
    "The adult safeguarding team accepted a referral after the visit; a care and support \
     assessment is booked for the coming fortnight and the occupant has agreed to {n} \
     follow-up visits, with {m} of them joint with health.",
    "The council's anti-social behaviour team issued a community protection warning {n} \
     weeks ago; since then {m} further reports have been made, and a community protection \
     notice is being prepared.",
];

const SUMMARIES: &[&str] = &[
    "Partners agreed that the behaviour has continued despite the warnings given, and that \
     the residents most affected are older people living alone who feel unable to report \
     it directly. The incident diaries kept by neighbours are consistent with the police \
     call-out history, and housing confirmed that the tenancy conditions are being breached.",
    "The occupant's health needs add to the fire risk: limited mobility would make leaving \
     the house in a fire hard without help. The GP practice has not seen the occupant for \
     over a year. The landlord is willing to clear the rear yard if the occupant agrees.",
    "The group has stopped gathering at the pavilion since the diversionary sessions began, \
     but reports have moved to the underpass. Lighting there is poor and makes residents \
     avoid it after dark; the council has ordered replacement lamps.",
    "Visitors to the flat are thought to be exploiting the tenant, who is vulnerable. \
     Partners agreed a joint visit by police, housing and adult safeguarding, and that the \
     tenant's views must be sought on their own, away from the visitors.",
];

const DECISIONS: &[&str] = &[
    "Remain open. Council ASB to lead, with police support; review at the next meeting.",
    "Accepted as a new referral. Joint visit within two weeks; fire service to revisit.",
    "Propose closure at the next meeting if no further reports are received.",
    "Escalate to the Silver group if the joint visit finds the tenant at risk.",
];

const ACTIONS: &[&str] = &[
    "Visit the residents most affected and offer incident diaries",
    "Share the call-out history for the last six months with partners",
    "Offer a home fire safety visit and fit smoke alarms where needed",
    "Check whether the household is known to adult safeguarding",
    "Write to the landlord about the repairs and the blocked rear exit",
    "Arrange a joint visit with housing and adult safeguarding",
];

/// Fills `{n}` and `{m}` with small numbers.
fn fill(template: &str, rng: &mut StdRng) -> String {
    template
        .replace("{n}", &rng.gen_range(2..30).to_string())
        .replace("{m}", &rng.gen_range(2..12).to_string())
}

fn pick<'a>(list: &[&'a str], rng: &mut StdRng) -> &'a str {
    list.choose(rng).copied().unwrap_or_default()
}

/// A disclosure of fact about the item's case, minuted in full.
fn disclosure(item: i64, person: i64, text: String) -> DisclosureInput {
    DisclosureInput {
        item_id: item,
        case_ref: None,
        person_id: person,
        draft: DisclosureDraft {
            category: Category::Incident,
            nature: Nature::Fact,
            text,
            caution: None,
            harassment_warning: None,
            asb_admission: None,
            conviction: None,
            legal_power: Some(LegalPower::CdaS115),
            statutory_purpose: Some(StatutoryPurpose::AntiSocialBehaviour),
            touches_gender_history: false,
            gender_exception: None,
        },
        marking: None,
        descriptor: None,
        minuting: Minuting::Full,
        minute_summary: None,
        accepted: Vec::new(),
    }
}

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

fn main() {
    let rounds: usize = env_or("BENCH_ROUNDS", 10);
    let target_pages: usize = env_or("BENCH_MINUTES_PAGES", 60);
    let n = PEOPLE.len();

    let dir = tempfile::tempdir().expect("temporary directory");
    let (mut book, _) = Casebook::create(
        &dir.path().join("circulation.tvault"),
        &pass(),
        vault::CreateOptions { work_factor: 2 },
        std::sync::Arc::new(SystemClock),
        Actor::Cli,
    )
    .expect("vault created");
    let today = book.today();
    let due = casebook::dates::to_text(casebook::dates::add_months(
        casebook::dates::date("Date", &today).expect("today"),
        1,
    ));

    // Twelve people at eight agencies, each with a key of their own.
    book.add_agency(&AgencyInput {
        name: "Severnside Housing Trust".into(),
        designated_person_role: "Tenancy Enforcement Manager".into(),
        kind: AgencyKind::Housing,
    })
    .expect("housing agency");
    let agencies: Vec<i64> = book
        .agencies(false)
        .expect("agencies")
        .iter()
        .map(|a| a.id)
        .collect();
    let group = book
        .add_group(&GroupInput {
            name: "Northbrook Bronze Tasking Group".into(),
            default_kind: MeetingKind::BronzeTasking,
        })
        .expect("group")
        .id;
    let mut people = Vec::with_capacity(n);
    let mut identities = Vec::with_capacity(n);
    for (i, (name, role)) in PEOPLE.iter().enumerate() {
        let agency_id = agencies[i % agencies.len()];
        let id = book
            .add_person(&PersonInput {
                name: (*name).into(),
                agency_id,
                role: (*role).into(),
                email: None,
            })
            .expect("person")
            .id;
        let identity = age::x25519::Identity::generate();
        book.set_inbox_key(Holder::Person(id), Some(&identity.to_public().to_string()))
            .expect("inbox key");
        people.push((id, agency_id));
        identities.push(identity);
    }
    // The one attendee alone at their agency, out of the room for every
    // fourth item.
    let alone = (0..n)
        .rev()
        .find(|i| people.iter().filter(|p| p.1 == people[*i].1).count() == 1)
        .expect("someone alone at their agency");

    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    let meeting = book
        .plan_meeting(
            &MeetingInput {
                group_id: group,
                kind: MeetingKind::BronzeTasking,
                date: today.clone(),
                start_time: "10:00".into(),
                venue: "Northbrook Community Hub, Meeting Room 2".into(),
                chair_id: Some(ids[0]),
                minute_taker_id: Some(ids[10]),
                review_date: None,
            },
            &ids,
        )
        .expect("meeting")
        .meeting
        .id;
    for (i, id) in ids.iter().enumerate() {
        book.set_attendance(&AttendanceInput {
            meeting_id: meeting,
            person_id: *id,
            attendance: Attendance::Present,
            written_update: false,
            arrived_at: None,
            left_at: None,
        })
        .expect("attendance");
        book.sign(
            meeting,
            &SignInput {
                signer: Signer {
                    person_id: Some(*id),
                    newcomer: None,
                },
                method: SignMethod::Drawn,
                strokes: casebook::demo::signature_strokes(i as u64, 0),
                typed_name: None,
            },
        )
        .expect("signature");
    }
    book.set_meeting_status(meeting, MeetingStatus::InProgress)
        .expect("in progress");

    // Items until the minutes are long enough.
    eprintln!("writing minutes of {target_pages} pages");
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(12);
    let (mut items, mut disclosures) = (0, 0);
    // The draft laid out as it will be once approved (an approved
    // version's header, not the draft's banner).
    let pages = |book: &Casebook| {
        let draft = book.minutes(meeting).expect("minutes").draft;
        let as_approved = MinutesVersionSummary {
            version: 1,
            marking: draft.minimum_marking.clone(),
            approved_by: PEOPLE[0].0.into(),
            approved_at: "2026-12-02T16:00:00Z".into(),
            reason: None,
            sha256: "0".repeat(64),
        };
        let doc = document::document(&draft, &Printing::Approved(&as_approved));
        minutes_pdf::page_count(&doc).expect("pages")
    };
    while pages(&book) < target_pages {
        items += 1;
        let street = pick(STREETS, &mut rng);
        let concern = pick(CONCERNS, &mut rng);
        let title = format!("{street}: {concern}");
        let presenter = people[rng.gen_range(0..n)];
        let item = book
            .add_agenda_item(
                meeting,
                &AgendaItemInput {
                    kind: AgendaItemKind::CaseReview,
                    title,
                    case_ref: Some(format!("NB-2026-{:03}", 100 + items)),
                    presenting_agency_id: Some(presenter.1),
                    marking: Marking::OfficialSensitive,
                    descriptor: None,
                },
            )
            .expect("agenda item")
            .agenda
            .last()
            .expect("the item")
            .id;
        if items % 4 == 0 {
            book.set_out_of_room(item, people[alone].0, true)
                .expect("out of the room");
        }
        for _ in 0..rng.gen_range(3..6) {
            let who = (0..n)
                .filter(|p| !(items % 4 == 0 && *p == alone))
                .collect::<Vec<_>>()
                .choose(&mut rng)
                .copied()
                .unwrap_or(0);
            let text = format!(
                "{} {}",
                fill(pick(FINDINGS, &mut rng), &mut rng),
                fill(pick(FINDINGS, &mut rng), &mut rng)
            );
            book.add_disclosure(&disclosure(item, people[who].0, text))
                .expect("disclosure");
            disclosures += 1;
        }
        book.save_item_notes(
            item,
            &format!(
                "{} {}",
                pick(SUMMARIES, &mut rng),
                pick(SUMMARIES, &mut rng)
            ),
            pick(DECISIONS, &mut rng),
        )
        .expect("notes");
        for _ in 0..2 {
            let (owner, agency) = people[rng.gen_range(0..n)];
            book.add_action(&ActionInput {
                text: pick(ACTIONS, &mut rng).into(),
                owner_agency_id: agency,
                owner_person_id: Some(owner),
                due_date: due.clone(),
                raised_meeting_id: meeting,
                raised_item_id: Some(item),
            })
            .expect("action");
        }
    }
    book.set_meeting_status(meeting, MeetingStatus::Held)
        .expect("held");
    let marking = book
        .minutes(meeting)
        .expect("minutes")
        .draft
        .minimum_marking
        .marking;
    book.approve_minutes(&MinutesApprove {
        meeting_id: meeting,
        marking,
        recipients_only: false,
        reason: None,
    })
    .expect("approved");
    eprintln!(
        "written in {:.1} s: {items} added items, {disclosures} disclosures",
        started.elapsed().as_secs_f64()
    );
    let version = book.minutes_version(meeting, 1).expect("version 1");
    let version_doc = document::document(&version.content, &Printing::Approved(&version.summary));
    let version_pages = minutes_pdf::page_count(&version_doc).expect("pages");
    let version_pdf = document::render(&version_doc, String::new()).expect("render");

    // The timings.
    let request = |who: &[i64]| CopiesRequest {
        meeting_id: meeting,
        version: 1,
        recipients: who
            .iter()
            .map(|id| CopyRequest {
                person_id: *id,
                delivery: Some(Delivery::Encrypted),
                withhold: Vec::new(),
            })
            .collect(),
        unencrypted_accepted: false,
    };
    let all = request(&ids);
    let plan = book.plan_copies(&all).expect("plan");
    assert!(plan.problems.is_empty(), "{:?}", plan.problems);
    eprintln!("prepare_copies: {rounds} rounds of {n} copies");
    let twelve = time(rounds, || book.prepare_copies(&all).expect("prepare"));
    let one = time(rounds, || {
        book.prepare_copies(&request(&ids[..1])).expect("prepare")
    });
    let planned = time(rounds, || book.plan_copies(&all).expect("plan"));
    let render = time(rounds, || {
        document::render(&version_doc, String::new()).expect("render")
    });
    let recipient = identities[0].to_public();
    let encrypt = time(rounds, || {
        age::encrypt(&recipient, &version_pdf.bytes).expect("encrypt")
    });

    // What the copies are: each opens with its own key only.
    let prepared = book.prepare_copies(&all).expect("prepare");
    let distribution: Vec<Vec<String>> = prepared
        .copies
        .iter()
        .map(|c| {
            vec![
                c.planned.copy_number.to_string(),
                c.planned.recipient.clone(),
                c.planned.agency.clone(),
                today.clone(),
            ]
        })
        .collect();
    let mut copy_pages = Vec::with_capacity(n);
    let mut bytes = 0;
    let mut withheld = Vec::new();
    for (i, c) in prepared.copies.iter().enumerate() {
        let pdf = age::decrypt(&identities[i], &c.bytes).expect("opens with its key");
        assert!(pdf.starts_with(b"%PDF"));
        let other = &identities[(i + 1) % n];
        assert!(age::decrypt(other, &c.bytes).is_err(), "no one else's");
        bytes += c.bytes.len();
        if !c.planned.withheld.is_empty() {
            withheld.push((c.planned.recipient.clone(), c.planned.withheld.len()));
        }
        let doc = document::copy_document(
            &version.content,
            &version.summary,
            &CopyPrint {
                number: c.planned.copy_number,
                line: format!(
                    "Copy {} of {} — issued to {}, {}",
                    c.planned.copy_number,
                    prepared.copies_then,
                    c.planned.recipient,
                    c.planned.agency
                ),
                tag: &c.tag,
                withheld: &c.planned.withheld,
                distribution: &distribution,
            },
        );
        copy_pages.push(minutes_pdf::page_count(&doc).expect("pages"));
    }
    assert_eq!(withheld.len(), 1, "one copy withholds: {withheld:?}");
    drop(book);

    let per_copy = twelve.median() / u32::try_from(n).unwrap_or(1);
    let (min_pages, max_pages) = (
        copy_pages.iter().min().copied().unwrap_or(0),
        copy_pages.iter().max().copied().unwrap_or(0),
    );
    println!();
    println!(
        "Tasking Vault circulation benchmark: {n} encrypted copies of {version_pages}-page \
         minutes, times in ms"
    );
    println!();
    println!(
        "Minutes: {} agenda items ({items} case reviews added, each with a summary, \
         decisions and two actions), {disclosures} disclosures in full, {} attendees at {} \
         agencies with drawn signatures; version 1 renders to {version_pages} pages, {:.1} KB.",
        version.content.items.len(),
        version.content.present.len(),
        agencies.len().min(n),
        version_pdf.bytes.len() as f64 / 1024.0
    );
    println!(
        "Copies: {min_pages}–{max_pages} pages each (copy line, distribution list; by copy: \
         {}); {} bytes in all ({:.1} KB a copy, encrypted); {}'s copy withholds {} \
         disclosures.",
        copy_pages
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" "),
        bytes,
        bytes as f64 / n as f64 / 1024.0,
        withheld[0].0,
        withheld[0].1
    );
    println!();
    println!("| step | calls | median | min | max |");
    println!("|---|---:|---:|---:|---:|");
    let row = |name: &str, s: &Stats| {
        println!(
            "| {name} | {} | {} | {} | {} |",
            s.0.len(),
            ms(s.median()),
            ms(s.0.first().copied().unwrap_or_default()),
            ms(s.max())
        );
    };
    row(&format!("prepare_copies, {n} copies"), &twelve);
    row("prepare_copies, 1 copy", &one);
    row(&format!("plan_copies, {n} copies"), &planned);
    row("version's PDF rendered (no copy line)", &render);
    row("age encryption of one PDF", &encrypt);
    println!();
    println!(
        "Per copy, in the issue of {n}: {} ms (median / {n}).",
        ms(per_copy)
    );
    println!();
    let limit = Duration::from_secs(2);
    println!("Targets:");
    println!(
        "  {n} copies of {version_pages} pages < 2 s: median {} ms, max {} ms: {}",
        ms(twelve.median()),
        ms(twelve.max()),
        verdict(twelve.max() < limit)
    );
}
