//! Vaults written by earlier releases open and upgrade: each committed file
//! in `tests/vectors/casebook/` with its `NAME.expect` (format in that
//! folder's README) is copied, opened with the current code, checked
//! against what the `.expect` declares, then used — new records added,
//! searched, and read back after reopening.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use casebook::minutes::{MinutedDisclosure, versions};
use casebook::{
    ActionFilter, ActionInput, Actor, AgencyKind, AgendaItemInput, AgendaItemKind, CaseFilter,
    CaseInput, CaseKind, Casebook, Disclosure, DisclosureFilter, HitKind, Marking, MeetingFilter,
    MeetingInput, MinutesApprove, PersonInput, agencies::APPENDIX_A, agreements, audit, schema,
};
use common::{Fixed, case_input, group, incident, meeting_input};
use serde::Serialize;
use vault::{Passphrase, RecoverySecret};

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../tests/vectors/casebook")
}

const NEW_PASSPHRASE: &str = "a passphrase set by recovery";

/// The tests' today, after every vector was made.
fn clock() -> Arc<Fixed> {
    Fixed::at("2027-03-01T09:30:00Z")
}

/// One `.expect` file: its keys in order (some repeat).
struct Case {
    name: String,
    entries: Vec<(String, String)>,
}

impl Case {
    fn parse(name: &str, text: &str) -> Case {
        let entries = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (k, v) = l
                    .split_once(':')
                    .unwrap_or_else(|| panic!("{name}: not `key: value`: {l:?}"));
                (k.trim().to_owned(), v.trim().to_owned())
            })
            .collect();
        let case = Case {
            name: name.to_owned(),
            entries,
        };
        const KNOWN: &[&str] = &[
            "comment",
            "file",
            "passphrase",
            "recovery",
            "expect",
            "schema_before",
            "journal_before",
            "audit_before",
            "agencies",
            "agency",
            "agency_kind",
            "auto_lock_minutes",
            "review_months",
            "groups",
            "group",
            "people",
            "person",
            "meetings",
            "meeting",
            "attendance",
            "agenda_item",
            "actions",
            "action",
            "action_update",
            "agreement_version",
            "signatures",
            "cases",
            "case",
            "case_aliases",
            "case_grc",
            "case_page",
            "case_disclosures",
            "case_items",
            "disclosures",
            "disclosure",
            "disclosure_summary",
            "disclosure_accepted",
            "disclosure_withdrawn",
            "inaccuracy",
            "out_of_room",
            "item_notes",
            "item_note",
            "search",
            "minutes_versions",
            "minutes_version",
            "issued_copies",
            "minutes_draft",
            "minutes_attendee",
            "minutes_item",
            "minutes_notice",
            "disclosure_add",
            "minutes_approve",
            "audit_after",
            "last_audit",
        ];
        for (k, _) in &case.entries {
            assert!(KNOWN.contains(&k.as_str()), "{name}: unknown key {k:?}");
        }
        assert_eq!(case.get("expect"), Some("ok"), "{name}: expect");
        assert!(
            case.get("passphrase").is_some() != case.get("recovery").is_some(),
            "{name}: give a passphrase or a recovery secret"
        );
        case
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn number(&self, key: &str) -> Option<i64> {
        self.get(key).map(|v| {
            v.parse()
                .unwrap_or_else(|e| panic!("{}: {key}: {e}", self.name))
        })
    }

    /// The fields of each `key` line, split at `|` and trimmed; each must
    /// have `N` of them.
    fn specs<const N: usize>(&self, key: &str) -> Vec<[&str; N]> {
        self.entries
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, spec)| {
                let fields: Vec<&str> = spec.split('|').map(str::trim).collect();
                fields.try_into().unwrap_or_else(|f: Vec<&str>| {
                    panic!(
                        "{}: {key}: {} fields, not {N}: {spec:?}",
                        self.name,
                        f.len()
                    )
                })
            })
            .collect()
    }

    fn file(&self) -> String {
        self.get("file")
            .map_or_else(|| format!("{}.tvault", self.name), str::to_owned)
    }
}

fn cases() -> Vec<Case> {
    let mut cases: Vec<Case> = fs::read_dir(vectors_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "expect"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            Case::parse(&name, &fs::read_to_string(&p).unwrap())
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

#[test]
fn every_vault_file_has_a_case() {
    let used: BTreeSet<String> = cases().iter().map(Case::file).collect();
    assert!(!used.is_empty(), "no cases in {}", vectors_dir().display());
    for entry in fs::read_dir(vectors_dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".tvault") {
            assert!(used.contains(&name), "{name} has no .expect");
        }
    }
}

#[test]
fn every_older_vault_opens_upgraded_with_its_records_intact() {
    for case in cases() {
        run(&case);
    }
}

fn run(case: &Case) {
    let name = &case.name;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(case.file());
    fs::copy(vectors_dir().join(case.file()), &path).unwrap();

    let (mut book, passphrase) = match (case.get("passphrase"), case.get("recovery")) {
        (Some(pass), _) => {
            let pass = Passphrase::new(pass);
            // Checking reads the old schema as it is and writes nothing.
            let before = fs::read(&path).unwrap();
            let report = Casebook::verify_file(&path, &pass).unwrap();
            assert!(report.upgrade_pending, "{name}");
            let expect = |k| case.number(k).unwrap_or_else(|| panic!("{name}: {k}"));
            assert_eq!(report.schema_version, expect("schema_before"), "{name}");
            assert_eq!(
                report.vault.journal_entries as i64,
                expect("journal_before"),
                "{name}"
            );
            assert_eq!(report.audit_entries, expect("audit_before"), "{name}");
            assert!(fs::read(&path).unwrap() == before, "{name}: verify wrote");
            let book = Casebook::open(&path, &pass, clock(), Actor::Chair).unwrap();
            (book, pass)
        }
        (None, Some(secret)) => {
            let secret = RecoverySecret::parse(secret).unwrap();
            let pass = Passphrase::new(NEW_PASSPHRASE);
            let book = Casebook::recover(&path, &secret, &pass, clock(), Actor::Chair).unwrap();
            (book, pass)
        }
        (None, None) => unreachable!("checked when parsed"),
    };

    // Upgraded, and the journal was replayed before the migration.
    assert_eq!(
        schema::version(book.vault().db()).unwrap(),
        schema::SCHEMA_VERSION,
        "{name}"
    );
    assert_eq!(book.vault().journal_len(), 0, "{name}: compacted");
    let agencies = book.agencies(true).unwrap();
    if let Some(n) = case.number("agencies") {
        assert_eq!(agencies.len() as i64, n, "{name}");
    }
    for (_, spec) in case.entries.iter().filter(|(k, _)| k == "agency") {
        let f: Vec<&str> = spec.split('|').map(str::trim).collect();
        let [id, agency_name, role, active] = f[..] else {
            panic!("{name}: agency: {spec:?}");
        };
        let a = agencies
            .iter()
            .find(|a| a.id.to_string() == id)
            .unwrap_or_else(|| panic!("{name}: no agency {id}"));
        assert_eq!(
            (a.name.as_str(), a.designated_person_role.as_str(), a.active),
            (agency_name, role, active == "active"),
            "{name}: agency {id}"
        );
    }
    // Migration 4 gave each Appendix A partner its kind, found by its
    // seeded name, and guessed nothing for any other agency. A vault of
    // schema 4 or later had kinds set by the chair: its `agency_kind`
    // lines say what they are.
    let migrated_kinds = case.number("schema_before").is_none_or(|v| v < 4);
    for a in agencies.iter().filter(|_| migrated_kinds) {
        let want = APPENDIX_A
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(&a.name))
            .map_or(AgencyKind::Other, |p| p.kind);
        assert_eq!(a.kind, want, "{name}: kind of agency {}", a.id);
    }
    for [id, kind] in case.specs("agency_kind") {
        let a = agencies
            .iter()
            .find(|a| a.id.to_string() == id)
            .unwrap_or_else(|| panic!("{name}: no agency {id}"));
        assert_eq!(a.kind.as_str(), kind, "{name}: kind of agency {id}");
    }
    let cases = book.cases(&CaseFilter::default()).unwrap();
    if let Some(n) = case.number("cases") {
        assert_eq!(cases.len() as i64, n, "{name}: cases");
    }
    check_cases(case, &book);
    let settings = book.settings().unwrap();
    if let Some(m) = case.number("auto_lock_minutes") {
        assert_eq!(i64::from(settings.auto_lock_minutes), m, "{name}");
    }
    match case.number("review_months") {
        Some(m) => assert_eq!(i64::from(settings.review_months), m, "{name}"),
        None => assert_eq!(
            settings.review_months,
            casebook::settings::DEFAULT_REVIEW_MONTHS,
            "{name}: a setting the old schema lacked has its default"
        ),
    }
    check_schema2_records(case, &book);
    check_schema5_records(case, &book);
    check_schema6_records(case, &book);

    // Migration 3 wrote version 1 of the agreement, the default text.
    let versions = book.agreement_versions().unwrap();
    let first = versions
        .iter()
        .find(|a| a.version == 1)
        .unwrap_or_else(|| panic!("{name}: no agreement version 1"));
    assert_eq!(first.text, agreements::DEFAULT_TEXT, "{name}");
    assert_eq!(
        first.sha256,
        agreements::sha256_hex(agreements::DEFAULT_TEXT),
        "{name}"
    );
    if let Some(v) = case.number("agreement_version") {
        assert_eq!(i64::from(book.agreement().unwrap().version), v, "{name}");
    }
    let signatures: i64 = book
        .vault()
        .db()
        .query_row("SELECT count(*) FROM signature", [], |r| r.get(0))
        .unwrap();
    let report = book.verify().unwrap();
    assert!(!report.upgrade_pending, "{name}");
    if let Some(n) = case.number("audit_after") {
        assert_eq!(report.audit_entries, n, "{name}");
    }
    assert_eq!(report.signatures, signatures, "{name}: signatures verified");
    if let Some(n) = case.number("signatures") {
        assert_eq!(signatures, n, "{name}");
    }
    let entries = audit::recent(book.vault().db(), 1_000).unwrap();
    if let Some(last) = case.get("last_audit") {
        assert_eq!(entries[0].action, last, "{name}");
    }
    let migrations: Vec<_> = entries
        .iter()
        .filter(|e| e.action == "schema.migrate")
        .collect();
    assert_eq!(migrations.len(), 1, "{name}");
    assert_eq!(
        migrations[0].record_id,
        schema::SCHEMA_VERSION.to_string(),
        "{name}"
    );
    assert_eq!(migrations[0].actor, "system", "{name}");

    // A case recorded with a reference the old agenda items carry is about
    // them, across meetings, newest first.
    for [case_ref, meetings] in case.specs("case_items") {
        let page = book
            .add_case(&case_input(
                case_ref,
                CaseKind::Household,
                "Household, upgraded vault",
            ))
            .unwrap();
        let got: Vec<String> = page
            .items
            .iter()
            .map(|i| i.meeting_id.to_string())
            .collect();
        let want: Vec<&str> = meetings.split(',').map(str::trim).collect();
        assert_eq!(got, want, "{name}: items of case {case_ref}");
    }

    // A disclosure can be recorded under an item of an upgraded meeting,
    // under the rules, with the register the old vault kept (R9).
    for [meeting, position, person, text] in case.specs("disclosure_add") {
        let n = |v: &str| -> i64 { v.parse().unwrap_or_else(|e| panic!("{name}: {v:?}: {e}")) };
        let item = book
            .meeting_page(n(meeting))
            .unwrap()
            .agenda
            .into_iter()
            .find(|i| i.position.to_string() == position)
            .unwrap_or_else(|| panic!("{name}: meeting {meeting} has no item {position}"));
        let saved = book
            .add_disclosure(&incident(item.id, n(person), text))
            .unwrap_or_else(|e| panic!("{name}: disclosure under item {position}: {e}"));
        assert_eq!(saved.case_ref, item.case_ref, "{name}: the item's case");
        assert_eq!(saved.case_id, item.case_id, "{name}: linked as the item is");
        let hits = book.search(text).unwrap();
        assert!(
            hits.iter()
                .any(|h| h.kind == HitKind::Disclosure && h.id == saved.id),
            "{name}: found by its text: {hits:?}"
        );
    }

    // The chair approves the draft minutes of an upgraded meeting: version
    // 1 freezes exactly the draft, with the SHA-256 of its stored JSON.
    let approved = approve_minutes(case, &mut book);

    // New records go in beside the old ones, and search finds them.
    let watch = agencies
        .iter()
        .find(|a| a.active && a.id > 7)
        .unwrap_or(&agencies[0])
        .id;
    let group = group(&mut book, "Kestrel Vale Bronze Tasking Group");
    let chair = book
        .add_person(&PersonInput {
            name: "Wilhelmina Corrievale".into(),
            agency_id: watch,
            role: "Coordinator".into(),
            email: Some("w.corrievale@watch.example.org".into()),
        })
        .unwrap()
        .id;
    let page = book
        .plan_meeting(
            &MeetingInput {
                chair_id: Some(chair),
                ..meeting_input(group, "2027-03-09", "Kestrel Vale Library")
            },
            &[chair],
        )
        .unwrap();
    let meeting = page.meeting.id;
    let page = book
        .add_agenda_item(
            meeting,
            &AgendaItemInput {
                kind: AgendaItemKind::CaseReview,
                title: "Repeat criminal damage, Heron Walk".into(),
                case_ref: Some("KV-2027-004".into()),
                presenting_agency_id: Some(watch),
                marking: Marking::OfficialSensitive,
                descriptor: None,
            },
        )
        .unwrap();
    let item = page.agenda.last().unwrap().id;
    book.add_action(&ActionInput {
        text: "Letter to the managing agent about the Heron Walk lighting".into(),
        owner_agency_id: watch,
        owner_person_id: Some(chair),
        due_date: "2027-03-30".into(),
        raised_meeting_id: meeting,
        raised_item_id: Some(item),
    })
    .unwrap();
    let found = |book: &Casebook, q: &str| -> Vec<(HitKind, Option<i64>)> {
        book.search(q)
            .unwrap()
            .into_iter()
            .map(|h| (h.kind, h.meeting_id))
            .collect()
    };
    assert_eq!(
        found(&book, "KV-2027-004"),
        [(HitKind::AgendaItem, Some(meeting))],
        "{name}"
    );
    assert_eq!(found(&book, "heron walk").len(), 2, "{name}");
    let vale = found(&book, "kestrel vale");
    assert!(vale.contains(&(HitKind::Group, None)), "{name}: {vale:?}");
    assert!(
        vale.contains(&(HitKind::Meeting, Some(meeting))),
        "{name}: {vale:?}"
    );
    assert_eq!(book.home().unwrap().next_meetings.len(), 1, "{name}");
    // A case for the new item's reference links to it, and is found by its
    // label but never by its personal details.
    let heron = book
        .add_case(&CaseInput {
            subject_name: Some("Ottoline Brackenbury".into()),
            address: Some("Heron Walk garages, Kestrel Vale".into()),
            ..case_input("kv-2027-004", CaseKind::Location, "Garages, Heron Walk")
        })
        .unwrap();
    assert_eq!(heron.case.case_ref, "KV-2027-004", "{name}");
    assert_eq!(
        heron.items.iter().map(|i| i.item_id).collect::<Vec<_>>(),
        [item],
        "{name}"
    );
    let agenda = book.meeting_page(meeting).unwrap().agenda;
    let linked = agenda.iter().find(|i| i.id == item).unwrap();
    assert_eq!(linked.case_id, Some(heron.case.id), "{name}");
    let garages = found(&book, "garages heron");
    assert!(
        garages.contains(&(HitKind::Case, None)),
        "{name}: {garages:?}"
    );
    assert!(found(&book, "brackenbury").is_empty(), "{name}");
    book.close().unwrap();

    let book = Casebook::open(&path, &passphrase, clock(), Actor::Chair).unwrap();
    assert_eq!(found(&book, "corrievale"), [(HitKind::Person, None)]);
    assert_eq!(
        book.case_page(heron.case.id).unwrap(),
        heron,
        "{name}: the case after reopening"
    );
    assert_eq!(
        book.agencies(true).unwrap().len(),
        agencies.len(),
        "{name}: after reopening"
    );
    for (meeting, sha256) in approved {
        let v = book.minutes_version(meeting, 1).unwrap();
        assert_eq!(
            v.summary.sha256, sha256,
            "{name}: minutes of {meeting} reopened"
        );
        assert_eq!(
            versions::frozen(&v.content).unwrap().1,
            sha256,
            "{name}: minutes of {meeting} reopened"
        );
    }
    book.verify().unwrap();
}

/// `-` in a `.expect` for a value that is absent.
fn or_dash(v: Option<&str>) -> &str {
    v.unwrap_or("-")
}

/// The records schema 2 added (groups, people, meetings with invitations,
/// attendance and agendas, actions and their updates), as the `.expect`
/// declares them, before the test adds any of its own.
fn check_schema2_records(case: &Case, book: &Casebook) {
    let name = &case.name;
    let yes_no = |b: bool| if b { "yes" } else { "no" };

    let groups = book.groups(true).unwrap();
    if let Some(n) = case.number("groups") {
        assert_eq!(groups.len() as i64, n, "{name}: groups");
    }
    for [id, group_name, kind, active] in case.specs("group") {
        let g = groups
            .iter()
            .find(|g| g.id.to_string() == id)
            .unwrap_or_else(|| panic!("{name}: no group {id}"));
        assert_eq!(
            (g.name.as_str(), g.default_kind.as_str(), g.active),
            (group_name, kind, active == "active"),
            "{name}: group {id}"
        );
    }

    let people = book.people(true).unwrap();
    if let Some(n) = case.number("people") {
        assert_eq!(people.len() as i64, n, "{name}: people");
    }
    for [id, person_name, agency, role, email] in case.specs("person") {
        let p = people
            .iter()
            .find(|p| p.id.to_string() == id)
            .unwrap_or_else(|| panic!("{name}: no person {id}"));
        assert_eq!(
            (
                p.name.as_str(),
                p.agency_id.to_string().as_str(),
                p.role.as_str(),
                or_dash(p.email.as_deref())
            ),
            (person_name, agency, role, email),
            "{name}: person {id}"
        );
    }

    let meetings = book
        .meetings(&MeetingFilter {
            limit: Some(1_000),
            ..MeetingFilter::default()
        })
        .unwrap();
    if let Some(n) = case.number("meetings") {
        assert_eq!(meetings.len() as i64, n, "{name}: meetings");
    }
    let page = |id: &str| {
        let id: i64 = id
            .parse()
            .unwrap_or_else(|e| panic!("{name}: meeting id {id:?}: {e}"));
        book.meeting_page(id).unwrap()
    };
    for [id, date, status, items, invited] in case.specs("meeting") {
        let p = page(id);
        assert_eq!(
            (
                p.meeting.date.as_str(),
                p.meeting.status.as_str(),
                p.agenda.len().to_string().as_str(),
                p.invitations.len().to_string().as_str()
            ),
            (date, status, items, invited),
            "{name}: meeting {id}"
        );
    }
    for [meeting, person, attendance, written, arrived] in case.specs("attendance") {
        let p = page(meeting);
        let i = p
            .invitations
            .iter()
            .find(|i| i.person_id.to_string() == person)
            .unwrap_or_else(|| panic!("{name}: person {person} not invited to {meeting}"));
        assert_eq!(
            (
                i.attendance.as_str(),
                yes_no(i.written_update),
                or_dash(i.arrived_at.as_deref())
            ),
            (attendance, written, arrived),
            "{name}: attendance of {person} at meeting {meeting}"
        );
    }
    for [meeting, position, case_ref, marking, title] in case.specs("agenda_item") {
        let p = page(meeting);
        let item = p
            .agenda
            .iter()
            .find(|a| a.position.to_string() == position)
            .unwrap_or_else(|| panic!("{name}: meeting {meeting} has no item {position}"));
        assert_eq!(
            (
                or_dash(item.case_ref.as_deref()),
                item.marking.as_str(),
                item.title.as_str()
            ),
            (case_ref, marking, title),
            "{name}: item {position} of meeting {meeting}"
        );
    }

    let actions = book
        .actions(&ActionFilter {
            limit: Some(2_000),
            ..ActionFilter::default()
        })
        .unwrap();
    if let Some(n) = case.number("actions") {
        assert_eq!(actions.len() as i64, n, "{name}: actions");
    }
    for [id, status, closed_at, text] in case.specs("action") {
        let a = actions
            .iter()
            .find(|a| a.id.to_string() == id)
            .unwrap_or_else(|| panic!("{name}: no action {id}"));
        let closed = a.closed_meeting_id.map(|m| m.to_string());
        assert_eq!(
            (
                a.status.as_str(),
                or_dash(closed.as_deref()),
                a.text.as_str()
            ),
            (status, closed_at, text),
            "{name}: action {id}"
        );
    }
    // Each action named in `action_update` lines has exactly those updates,
    // in order.
    let mut declared: BTreeMap<&str, Vec<[&str; 3]>> = BTreeMap::new();
    for [id, status, meeting, note] in case.specs("action_update") {
        declared
            .entry(id)
            .or_default()
            .push([status, meeting, note]);
    }
    for (id, want) in declared {
        let id_n: i64 = id
            .parse()
            .unwrap_or_else(|e| panic!("{name}: action id {id:?}: {e}"));
        let got: Vec<[String; 3]> = book
            .action_updates(id_n)
            .unwrap()
            .into_iter()
            .map(|u| {
                [
                    u.status.as_str().to_owned(),
                    u.meeting_id
                        .map_or_else(|| "-".to_owned(), |m| m.to_string()),
                    u.note,
                ]
            })
            .collect();
        assert_eq!(got, want, "{name}: updates of action {id}");
    }
}

/// A value of a closed list as the `.expect` writes it, its JSON string
/// (`agenda_item`, `not_signed`, ...).
fn json_name(value: impl Serialize) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

/// `v` parsed as a number (an id, a position), or the test fails naming it.
fn id(name: &str, v: &str) -> i64 {
    v.parse()
        .unwrap_or_else(|e| panic!("{name}: {v:?} is not a number: {e}"))
}

/// A comma-separated list of the `.expect` (`-` for none).
fn list(v: &str) -> Vec<&str> {
    match v {
        "-" => Vec::new(),
        v => v.split(',').map(str::trim).collect(),
    }
}

/// The cases the `.expect` declares, with their personal details, and the
/// items and disclosures of their pages, before the test adds any records.
fn check_cases(case: &Case, book: &Casebook) {
    let name = &case.name;
    let summaries = book.cases(&CaseFilter::default()).unwrap();
    let page = |case_ref: &str| {
        let id = summaries
            .iter()
            .find(|c| c.case_ref == case_ref)
            .unwrap_or_else(|| panic!("{name}: no case {case_ref}"))
            .id;
        book.case_page(id).unwrap()
    };
    let aliases: BTreeMap<&str, &str> = case
        .specs("case_aliases")
        .into_iter()
        .map(|[r, a]| (r, a))
        .collect();
    let grc: BTreeMap<&str, [&str; 2]> = case
        .specs("case_grc")
        .into_iter()
        .map(|[r, date, source]| (r, [date, source]))
        .collect();
    for [case_ref, kind, label, subject, born, address] in case.specs("case") {
        let c = page(case_ref).case;
        assert_eq!(
            (
                c.kind.as_str(),
                c.label.as_str(),
                or_dash(c.subject_name.as_deref()),
                or_dash(c.date_of_birth.as_deref()),
                or_dash(c.address.as_deref())
            ),
            (kind, label, subject, born, address),
            "{name}: case {case_ref}"
        );
        let want: Vec<&str> = aliases
            .get(case_ref)
            .map(|a| a.split(';').map(str::trim).collect())
            .unwrap_or_default();
        assert_eq!(c.aliases, want, "{name}: aliases of case {case_ref}");
        let flag = grc.get(case_ref).map(|[date, source]| (*date, *source));
        assert_eq!(
            c.grc_flag.then(|| {
                (
                    or_dash(c.grc_flag_date.as_deref()),
                    or_dash(c.grc_flag_source.as_deref()),
                )
            }),
            flag,
            "{name}: gender recognition flag of case {case_ref}"
        );
    }
    let disclosures: BTreeMap<&str, &str> = case
        .specs("case_disclosures")
        .into_iter()
        .map(|[r, ids]| (r, ids))
        .collect();
    for [case_ref, meetings] in case.specs("case_page") {
        let p = page(case_ref);
        let got: Vec<String> = p.items.iter().map(|i| i.meeting_id.to_string()).collect();
        let want: Vec<&str> = meetings.split(',').map(str::trim).collect();
        assert_eq!(got, want, "{name}: items of case {case_ref}");
        let got: Vec<String> = p.disclosures.iter().map(|d| d.id.to_string()).collect();
        let want = disclosures
            .get(case_ref)
            .map_or_else(Vec::new, |ids| list(ids));
        assert_eq!(got, want, "{name}: disclosures of {case_ref}");
    }
}

/// What migration 5 added (disclosures; an item's discussion summary and
/// decisions) and search, as the `.expect` declares them, before the test
/// adds any records.
fn check_schema5_records(case: &Case, book: &Casebook) {
    let name = &case.name;
    let count = |sql: &str| -> i64 { book.vault().db().query_row(sql, [], |r| r.get(0)).unwrap() };
    if let Some(n) = case.number("disclosures") {
        assert_eq!(count("SELECT count(*) FROM disclosure"), n, "{name}");
    }
    if let Some(n) = case.number("item_notes") {
        assert_eq!(
            count("SELECT count(*) FROM agenda_item WHERE summary != '' OR decisions != ''"),
            n,
            "{name}: items with a summary or decisions"
        );
    }
    check_disclosures(case, book);
    for [meeting, position, summary, decisions] in case.specs("item_note") {
        let i = minute_item(case, book, meeting, position);
        assert_eq!(
            (i.summary.as_str(), i.decisions.as_str()),
            (summary, decisions),
            "{name}: notes of item {position} of meeting {meeting}"
        );
    }
    // Each meeting named has exactly these marks, item by item.
    let mut marks: BTreeMap<&str, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
    for [meeting, position, people] in case.specs("out_of_room") {
        marks
            .entry(meeting)
            .or_default()
            .insert(position, list(people));
    }
    for (meeting, want) in marks {
        for i in book.minute_taking(id(name, meeting)).unwrap().items {
            let position = i.item.position.to_string();
            let got: Vec<String> = i
                .out_of_room
                .iter()
                .map(|o| o.person_id.to_string())
                .collect();
            let want = want.get(position.as_str()).cloned().unwrap_or_default();
            assert_eq!(
                got, want,
                "{name}: out of the room for item {position} of meeting {meeting}"
            );
        }
    }
    for [query, kinds] in case.specs("search") {
        let mut got: Vec<String> = book
            .search(query)
            .unwrap()
            .into_iter()
            .map(|h| json_name(h.kind))
            .collect();
        got.sort();
        let want: Vec<&str> = match kinds {
            "-" => Vec::new(),
            k => k.split(',').map(str::trim).collect(),
        };
        assert_eq!(got, want, "{name}: search {query:?}");
    }
}

/// The item at `position` on `meeting`'s agenda as the minute-taker sees it.
fn minute_item(
    case: &Case,
    book: &Casebook,
    meeting: &str,
    position: &str,
) -> casebook::MinuteItem {
    let name = &case.name;
    book.minute_taking(id(name, meeting))
        .unwrap()
        .items
        .into_iter()
        .find(|i| i.item.position.to_string() == position)
        .unwrap_or_else(|| panic!("{name}: meeting {meeting} has no item {position}"))
}

/// Every disclosure in the vault, withdrawn ones included, meeting by
/// meeting.
fn every_disclosure(book: &Casebook) -> Vec<Disclosure> {
    let meetings = book
        .meetings(&MeetingFilter {
            limit: Some(1_000),
            ..MeetingFilter::default()
        })
        .unwrap();
    meetings
        .iter()
        .flat_map(|m| {
            book.disclosures(&DisclosureFilter {
                meeting_id: Some(m.id),
                ..DisclosureFilter::default()
            })
            .unwrap()
        })
        .collect()
}

/// The disclosures the `.expect` declares, each exactly: its fields, and
/// its summary for the minutes, withdrawal, accepted warnings and
/// inaccuracy notices exactly those of its lines (none without).
fn check_disclosures(case: &Case, book: &Casebook) {
    let name = &case.name;
    let specs = case.specs::<10>("disclosure");
    if specs.is_empty() {
        return;
    }
    let all = every_disclosure(book);
    let lines_of = |key: &str, d: &str| -> Vec<Vec<&str>> {
        case.entries
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.split('|').map(str::trim).collect::<Vec<&str>>())
            .filter(|f| f[0] == d)
            .map(|f| f[1..].to_vec())
            .collect()
    };
    for [
        d,
        meeting,
        position,
        person,
        case_ref,
        category,
        minuting,
        marking,
        descriptor,
        text,
    ] in specs
    {
        let got = all
            .iter()
            .find(|x| x.id.to_string() == d)
            .unwrap_or_else(|| panic!("{name}: no disclosure {d}"));
        assert_eq!(
            (
                got.meeting_id.to_string().as_str(),
                got.item_position.to_string().as_str(),
                got.person_id.to_string().as_str(),
                or_dash(got.case_ref.as_deref()),
                got.draft.category.as_str(),
                got.minuting.as_str(),
                got.marking.as_str(),
                or_dash(got.descriptor.map(|x| x.as_str())),
                got.draft.text.as_str()
            ),
            (
                meeting, position, person, case_ref, category, minuting, marking, descriptor, text
            ),
            "{name}: disclosure {d}"
        );
        let summary: Vec<Vec<&str>> = got
            .minute_summary
            .iter()
            .map(|s| vec![s.as_str()])
            .collect();
        assert_eq!(
            summary,
            lines_of("disclosure_summary", d),
            "{name}: summary of disclosure {d}"
        );
        let withdrawn: Vec<Vec<&str>> = got
            .withdrawn_at
            .iter()
            .map(|_| vec![or_dash(got.withdrawn_reason.as_deref())])
            .collect();
        assert_eq!(
            withdrawn,
            lines_of("disclosure_withdrawn", d),
            "{name}: withdrawal of disclosure {d}"
        );
        let accepted: Vec<Vec<&str>> = got
            .acceptances
            .iter()
            .map(|a| {
                assert!(!a.message.is_empty(), "{name}: {d}: the warning's words");
                vec![a.rule.as_str(), a.accepted_by.as_str()]
            })
            .collect();
        assert_eq!(
            accepted,
            lines_of("disclosure_accepted", d),
            "{name}: accepted warnings of disclosure {d}"
        );
        let notices: Vec<Vec<&str>> = got
            .notices
            .iter()
            .map(|n| {
                vec![
                    n.found_on.as_str(),
                    or_dash(n.notified_on.as_deref()),
                    or_dash(n.notified_to.as_deref()),
                    n.what_is_wrong.as_str(),
                ]
            })
            .collect();
        assert_eq!(
            notices,
            lines_of("inaccuracy", d),
            "{name}: inaccuracy notices of disclosure {d}"
        );
    }
}

/// What migration 6 added (approved minutes: none yet) and the draft
/// minutes as the old records assemble them, before the test adds any.
fn check_schema6_records(case: &Case, book: &Casebook) {
    let name = &case.name;
    if let Some(n) = case.number("minutes_versions") {
        let rows: i64 = book
            .vault()
            .db()
            .query_row("SELECT count(*) FROM minutes_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, n, "{name}: approved versions of minutes");
        let listed: usize = book
            .meetings(&MeetingFilter {
                limit: Some(1_000),
                ..MeetingFilter::default()
            })
            .unwrap()
            .iter()
            .map(|m| book.minutes(m.id).unwrap().versions.len())
            .sum();
        assert_eq!(listed as i64, n, "{name}: versions the minutes pages list");
    }
    // A version stored before migration 7 (no record ids in it) still
    // reads, and the draft of the same records says the same.
    for [meeting, version, marking, state] in case.specs("minutes_version") {
        let page = book.minutes(id(name, meeting)).unwrap();
        let latest = page
            .versions
            .last()
            .unwrap_or_else(|| panic!("{name}: {meeting}"));
        assert_eq!(
            (
                latest.version.to_string().as_str(),
                latest.marking.text.as_str()
            ),
            (version, marking),
            "{name}: latest version of the minutes of meeting {meeting}"
        );
        let stored = book
            .minutes_version(id(name, meeting), latest.version)
            .unwrap();
        assert_eq!(stored.summary, *latest, "{name}: {meeting}");
        assert_eq!(
            page.draft_differs,
            state == "changed",
            "{name}: meeting {meeting}'s draft {state}: {:?}",
            page.changed_since_approval
        );
    }
    if let Some(n) = case.number("issued_copies") {
        let rows: i64 = book
            .vault()
            .db()
            .query_row("SELECT count(*) FROM issued_copy", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, n, "{name}: issued copies");
    }
    let draft = |meeting: &str| {
        let page = book.minutes(id(name, meeting)).unwrap();
        assert!(
            page.draft_differs || !page.versions.is_empty(),
            "{name}: {meeting}"
        );
        page.draft
    };
    for [
        meeting,
        present,
        apologies,
        absent,
        items,
        full,
        summary,
        not_minuted,
        marking,
    ] in case.specs("minutes_draft")
    {
        let d = draft(meeting);
        let minuted = |f: fn(&MinutedDisclosure) -> bool| {
            d.items
                .iter()
                .flat_map(|i| &i.disclosures)
                .filter(|m| f(m))
                .count()
                .to_string()
        };
        assert_eq!(
            [
                d.present.len().to_string(),
                d.apologies.len().to_string(),
                d.absent.len().to_string(),
                d.items.len().to_string(),
                minuted(|m| matches!(m, MinutedDisclosure::Full { .. })),
                minuted(|m| matches!(m, MinutedDisclosure::Summary { .. })),
                minuted(|m| matches!(m, MinutedDisclosure::NotMinuted { .. })),
                d.minimum_marking.text.clone(),
            ],
            [
                present,
                apologies,
                absent,
                items,
                full,
                summary,
                not_minuted,
                marking
            ],
            "{name}: draft minutes of meeting {meeting}"
        );
    }
    for [meeting, person, agreement, arrived, left, out] in case.specs("minutes_attendee") {
        let d = draft(meeting);
        let a = d
            .present
            .iter()
            .find(|a| a.name == person)
            .unwrap_or_else(|| panic!("{name}: {person} not present in the minutes"));
        let positions: Vec<String> = a.out_of_room_for.iter().map(i64::to_string).collect();
        assert_eq!(
            (
                json_name(a.agreement).as_str(),
                or_dash(a.arrived_at.as_deref()),
                or_dash(a.left_at.as_deref()),
                positions
            ),
            (
                agreement,
                arrived,
                left,
                list(out).iter().map(|p| (*p).to_owned()).collect()
            ),
            "{name}: {person} in the minutes of meeting {meeting}"
        );
    }
    for [meeting, position, disclosures, out] in case.specs("minutes_item") {
        let d = draft(meeting);
        let item = d
            .items
            .iter()
            .find(|i| i.position.to_string() == position)
            .unwrap_or_else(|| panic!("{name}: no item {position} in the minutes"));
        let minuted: Vec<&str> = item
            .disclosures
            .iter()
            .map(|m| match m {
                MinutedDisclosure::Full { .. } => "full",
                MinutedDisclosure::Summary { .. } => "summary",
                MinutedDisclosure::NotMinuted { .. } => "not_minuted",
            })
            .collect();
        assert_eq!(
            (
                minuted,
                item.out_of_room.iter().map(String::as_str).collect()
            ),
            (list(disclosures), list(out)),
            "{name}: item {position} in the minutes of meeting {meeting}"
        );
    }
    // Each item named has exactly these notices, in order.
    let mut notices: BTreeMap<[&str; 2], Vec<&str>> = BTreeMap::new();
    for [meeting, position, sentence] in case.specs("minutes_notice") {
        notices
            .entry([meeting, position])
            .or_default()
            .push(sentence);
    }
    for ([meeting, position], want) in notices {
        let d = draft(meeting);
        let item = d
            .items
            .iter()
            .find(|i| i.position.to_string() == position)
            .unwrap_or_else(|| panic!("{name}: no item {position} in the minutes"));
        let got: Vec<&str> = item
            .disclosures
            .iter()
            .flat_map(|m| match m {
                MinutedDisclosure::Full { notices, .. }
                | MinutedDisclosure::Summary { notices, .. } => notices.as_slice(),
                MinutedDisclosure::NotMinuted { .. } => &[],
            })
            .map(String::as_str)
            .collect();
        assert_eq!(
            got, want,
            "{name}: notices under item {position} in the minutes of meeting {meeting}"
        );
    }
}

/// `minutes_approve`: the chair approves each meeting's draft at the
/// marking given; version 1 must be exactly that draft, with the marking,
/// approver and SHA-256 (`versions::frozen`) expected. Returns each
/// meeting's digest, to read back after reopening.
fn approve_minutes(case: &Case, book: &mut Casebook) -> Vec<(i64, String)> {
    let name = &case.name;
    let mut approved = Vec::new();
    for [meeting, marking, recipients_only, by, line] in case.specs("minutes_approve") {
        let meeting = id(name, meeting);
        let draft = book.minutes(meeting).unwrap().draft;
        let chosen = *Marking::ALL
            .iter()
            .find(|m| m.as_str() == marking)
            .unwrap_or_else(|| panic!("{name}: no marking {marking:?}"));
        let page = book
            .approve_minutes(&MinutesApprove {
                meeting_id: meeting,
                marking: chosen,
                recipients_only: recipients_only == "yes",
                reason: None,
            })
            .unwrap_or_else(|e| panic!("{name}: approving the minutes of {meeting}: {e}"));
        let [v] = page.versions.as_slice() else {
            panic!("{name}: versions of {meeting}: {:?}", page.versions);
        };
        let (_, sha256) = versions::frozen(&draft).unwrap();
        assert_eq!(
            (
                v.version,
                v.marking.text.as_str(),
                v.approved_by.as_str(),
                v.approved_at.as_str(),
                v.reason.as_deref(),
                v.sha256.as_str()
            ),
            (1, line, by, "2027-03-01T09:30:00Z", None, sha256.as_str()),
            "{name}: version 1 of the minutes of {meeting}"
        );
        assert!(!page.draft_differs, "{name}: {meeting}: draft as approved");
        assert!(page.changed_since_approval.is_empty(), "{name}: {meeting}");
        let stored = book.minutes_version(meeting, 1).unwrap();
        assert_eq!(
            stored.content, draft,
            "{name}: {meeting}: frozen as drafted"
        );
        assert_eq!(&stored.summary, v, "{name}: {meeting}");
        let last = &audit::recent(book.vault().db(), 1).unwrap()[0];
        assert_eq!(
            (last.action.as_str(), last.record_id.clone()),
            ("minutes.approve", format!("{meeting}/1")),
            "{name}: {meeting}"
        );
        approved.push((meeting, sha256));
    }
    approved
}
