//! Circulation: numbered copies of approved minutes issued to named
//! recipients, each leaving out what that recipient may not see
//! ([`rule`]), delivered encrypted to a secure inbox's age key ([`keys`])
//! or as a file for printing, and recorded in the **distribution record**
//! so that any stray file can be told apart ([`identify`]).
//!
//! # Issuing
//!
//! [`plan`] says what each copy would be (number, delivery, what is
//! withheld and why) and what stops issuing; [`prepare`] renders and
//! encrypts every file in memory; the face writes them where the chair
//! chose and [`record`] adds them to the record, in one transaction. A copy
//! is never changed afterwards: it can only be recalled, once, with a
//! reason. Re-issuing makes a new copy number.
//!
//! # What a copy holds
//!
//! The approved version exactly, except what is withheld: those parts are
//! replaced, before the document is laid out, by a boxed line saying what
//! was withheld and why, so none of their words reach the file. Every page
//! carries "Copy k of n — issued to NAME, AGENCY"; a distribution list
//! names every copy of the version issued so far; the file's identifier
//! is a random token of the copy (`tag`), so a file changed after issue
//! can still say which copy it was.

pub mod keys;
pub mod rule;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{
    Error, Result,
    rusqlite::{Connection, OptionalExtension, Row, Transaction, params},
};
use crate::minutes::{self, MinutedDisclosure, versions::MinutesVersion};
use crate::text::TextRule;
pub use keys::KeySource;
pub use rule::{ChairWithhold, Withheld};

/// Most recipients in one issue.
pub const MAX_RECIPIENTS: usize = 60;
/// Largest file [`identify`] reads, in bytes.
pub const MAX_IDENTIFY_BYTES: usize = 64 * 1024 * 1024;

/// How a copy goes to its recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// A `.pdf.age` file, encrypted to the recipient's secure inbox key.
    Encrypted,
    /// An unencrypted `.pdf` file, for printing.
    PrintFile,
    /// Printed from an unencrypted file and handed over in person.
    Printed,
}

impl Delivery {
    /// Every value, in display order.
    pub const ALL: &'static [Delivery] =
        &[Delivery::Encrypted, Delivery::PrintFile, Delivery::Printed];

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Delivery::Encrypted => "Encrypted file",
            Delivery::PrintFile => "Unencrypted file for printing",
            Delivery::Printed => "Printed and handed over",
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Delivery::Encrypted => "encrypted",
            Delivery::PrintFile => "print_file",
            Delivery::Printed => "printed",
        }
    }

    fn parse(s: &str) -> Option<Delivery> {
        Delivery::ALL.iter().copied().find(|d| d.as_str() == s)
    }
}

/// The chair's request to issue copies of one approved version.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CopiesRequest {
    /// The meeting.
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The approved version.
    #[ts(type = "number")]
    pub version: i64,
    /// One copy each, in the order to number them.
    pub recipients: Vec<CopyRequest>,
    /// The chair has read the warning about unencrypted copies (it names
    /// the marking) and goes on.
    #[serde(default)]
    pub unencrypted_accepted: bool,
}

/// One recipient's copy as asked for.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CopyRequest {
    /// The recipient, from the people list.
    #[ts(type = "number")]
    pub person_id: i64,
    /// How it goes; none: encrypted when there is a key to encrypt to.
    #[serde(default)]
    pub delivery: Option<Delivery>,
    /// What the chair withholds from this copy.
    #[serde(default)]
    pub withhold: Vec<ChairWithhold>,
}

/// What one copy would be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PlannedCopy {
    /// The recipient.
    #[ts(type = "number")]
    pub person_id: i64,
    /// Their name.
    pub recipient: String,
    /// Their agency.
    pub agency: String,
    /// The copy's number.
    #[ts(type = "number")]
    pub copy_number: i64,
    /// How it would go: none until the chair chooses, when there is no key.
    pub delivery: Option<Delivery>,
    /// Whose key it would be encrypted to, if any is known.
    pub key: Option<KeySource>,
    /// What it leaves out, and why.
    pub withheld: Vec<Withheld>,
    /// Its file name.
    pub file_name: String,
}

/// What issuing would do, and what stops it: the check shown while the
/// chair chooses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CopiesPlan {
    /// The version's marking, as printed.
    pub marking: String,
    /// Each copy, in order.
    pub copies: Vec<PlannedCopy>,
    /// "Copy k of n": n after this issue.
    #[ts(type = "number")]
    pub copies_then: i64,
    /// The warning to read before unencrypted copies (naming the marking);
    /// none when every copy is encrypted.
    pub unencrypted_warning: Option<String>,
    /// What stops issuing, each a sentence saying what to do; empty when
    /// the copies can be issued.
    pub problems: Vec<String>,
}

/// One issued copy: a row of the distribution record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct IssuedCopy {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// The meeting.
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The approved version.
    #[ts(type = "number")]
    pub version: i64,
    /// Its number among the version's copies.
    #[ts(type = "number")]
    pub copy_number: i64,
    /// "of n", as printed on it.
    #[ts(type = "number")]
    pub copies_then: i64,
    /// The recipient.
    #[ts(type = "number")]
    pub person_id: i64,
    /// Their name, as printed.
    pub recipient: String,
    /// Their agency, as printed.
    pub agency: String,
    /// The marking, as printed.
    pub marking: String,
    /// How it went.
    pub delivery: Delivery,
    /// The file's name.
    pub file_name: String,
    /// SHA-256 of the exact file written (the `.pdf.age` for an encrypted
    /// copy), lower-case hex.
    pub sha256: String,
    /// SHA-256 of the PDF (inside the encryption, for an encrypted copy).
    pub pdf_sha256: String,
    /// What it leaves out: the lines printed in their place.
    pub withheld: Vec<String>,
    /// When issued (RFC 3339, UTC).
    pub issued_at: String,
    /// When recalled, if it was.
    pub recalled_at: Option<String>,
    /// Why it was recalled.
    pub recall_reason: Option<String>,
    /// A covering note for the email it goes with, starting with the
    /// marking.
    pub covering_note: String,
}

/// Whether a file is a copy issued from this vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Exactly a file issued from this vault (or the PDF inside one).
    Issued,
    /// Carries the mark of an issued copy, but its bytes are not those
    /// issued: changed since.
    Altered,
    /// Neither.
    Unknown,
}

/// What [`identify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Identification {
    /// The verdict.
    pub verdict: Verdict,
    /// The copy it is (or claims to be).
    pub copy: Option<IssuedCopy>,
    /// The answer in a sentence or two.
    pub message: String,
}

/// Consent, from the agency that supplied a disclosure, for it to go to
/// other agencies (5.6): what the chair records.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    /// The disclosure.
    #[ts(type = "number")]
    pub disclosure_id: i64,
    /// The agencies it may go to.
    #[ts(type = "number[]")]
    pub agency_ids: Vec<i64>,
    /// Who gave it, at the supplying agency (name and role).
    pub given_by: String,
    /// When (`YYYY-MM-DD`).
    pub given_on: String,
    /// Their reference, if any.
    #[serde(default)]
    pub reference: String,
}

/// Consent recorded for one recipient agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Consent {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// The disclosure.
    #[ts(type = "number")]
    pub disclosure_id: i64,
    /// The agency it may go to.
    #[ts(type = "number")]
    pub agency_id: i64,
    /// That agency's name.
    pub agency: String,
    /// Who gave it.
    pub given_by: String,
    /// When.
    pub given_on: String,
    /// Their reference ("" if none).
    pub reference: String,
    /// When recorded (RFC 3339, UTC).
    pub recorded_at: String,
}

const WITHHOLD_REASON: TextRule = TextRule {
    field: "Reason for withholding",
    max_chars: 300,
    multiline: false,
    required: true,
};
const RECALL_REASON: TextRule = TextRule {
    field: "Reason for the recall",
    max_chars: 500,
    multiline: true,
    required: true,
};
const GIVEN_BY: TextRule = TextRule::name("Consent given by", 160);
const REFERENCE: TextRule = TextRule {
    field: "Their reference",
    max_chars: 80,
    multiline: false,
    required: false,
};

/// The warning before unencrypted copies, naming the marking.
pub fn unencrypted_warning(marking: &str) -> String {
    format!(
        "These minutes are marked {marking}. An unencrypted copy can be read by anyone who \
         gets the file: print it, hand it over in person, and delete the file. Send \
         {marking} material by email only encrypted, to a secure inbox."
    )
}

fn consents_for(db: &Connection, version: &MinutesVersion) -> Result<BTreeSet<(i64, i64)>> {
    let mut stmt =
        db.prepare_cached("SELECT agency_id FROM disclosure_consent WHERE disclosure_id = ?1")?;
    let mut out = BTreeSet::new();
    for item in &version.content.items {
        for d in &item.disclosures {
            if let MinutedDisclosure::Full { id: Some(id), .. }
            | MinutedDisclosure::Summary { id: Some(id), .. } = d
            {
                for agency in stmt.query_map([id], |r| r.get::<_, i64>(0))? {
                    out.insert((*id, agency?));
                }
            }
        }
    }
    Ok(out)
}

fn next_number(db: &Connection, meeting_id: i64, version: i64) -> Result<i64> {
    let max: Option<i64> = db.query_row(
        "SELECT max(copy_number) FROM issued_copy WHERE meeting_id = ?1 AND version = ?2",
        params![meeting_id, version],
        |r| r.get(0),
    )?;
    Ok(max.unwrap_or(0) + 1)
}

/// Checks the chair's withholds against the version; cleans their reasons.
fn clean_withholds(
    version: &MinutesVersion,
    asked: &[ChairWithhold],
) -> Result<Vec<ChairWithhold>> {
    asked
        .iter()
        .map(|w| {
            let item = version
                .content
                .items
                .iter()
                .find(|i| i.position == w.item)
                .ok_or_else(|| {
                    Error::invalid(
                        "Withhold",
                        format!(
                            "names item {}, which these minutes do not have. Choose an item \
                             from the list.",
                            w.item
                        ),
                    )
                })?;
            if let Some(id) = w.disclosure_id {
                let there = item.disclosures.iter().any(|d| {
                    matches!(d, MinutedDisclosure::Full { id: Some(x), .. }
                        | MinutedDisclosure::Summary { id: Some(x), .. } if *x == id)
                });
                if !there {
                    return Err(Error::invalid(
                        "Withhold",
                        format!(
                            "names a disclosure that item {} of this version does not \
                             minute. Choose one from the item.",
                            w.item
                        ),
                    ));
                }
            }
            Ok(ChairWithhold {
                item: w.item,
                disclosure_id: w.disclosure_id,
                reason: WITHHOLD_REASON.clean(&w.reason)?,
            })
        })
        .collect()
}

/// The base of a copy's file name: the version's name without `.pdf`.
fn file_stem(version: &MinutesVersion) -> String {
    let printing = minutes::document::Printing::Approved(&version.summary);
    let name = minutes::document::file_name(&version.content, &printing);
    name.trim_end_matches(".pdf").to_owned()
}

fn copy_file_name(stem: &str, number: i64, delivery: Option<Delivery>) -> String {
    let ext = match delivery {
        Some(Delivery::Encrypted) => "pdf.age",
        _ => "pdf",
    };
    format!("{stem}_copy{number}.{ext}")
}

/// What issuing `req` would do, and what stops it (never an error for
/// the chair's choices: those are `problems`; errors are for a version or
/// person that does not exist, or a request out of bounds).
pub fn plan(db: &Connection, req: &CopiesRequest) -> Result<CopiesPlan> {
    let version = minutes::versions::get(db, req.meeting_id, req.version)?;
    plan_for(db, &version, req)
}

fn plan_for(db: &Connection, version: &MinutesVersion, req: &CopiesRequest) -> Result<CopiesPlan> {
    if req.recipients.len() > MAX_RECIPIENTS {
        return Err(Error::invalid(
            "Recipients",
            format!("are too many for one issue (at most {MAX_RECIPIENTS}). Issue in parts."),
        ));
    }
    let marking = version.summary.marking.text.clone();
    let consents = consents_for(db, version)?;
    let first = next_number(db, req.meeting_id, req.version)?;
    let copies_then = first - 1 + req.recipients.len() as i64;
    let stem = file_stem(version);
    let mut problems = Vec::new();
    if req.recipients.is_empty() {
        problems.push("Choose at least one recipient.".to_owned());
    }
    let mut seen = BTreeSet::new();
    let mut copies = Vec::new();
    for (n, r) in req.recipients.iter().enumerate() {
        let person = crate::people::get(db, r.person_id).map_err(|_| {
            Error::invalid(
                "Recipient",
                "is not in the list of people. Choose someone from the list, or add them first.",
            )
        })?;
        if !seen.insert(r.person_id) {
            problems.push(format!(
                "{} is listed twice. One copy each: remove the second.",
                person.name
            ));
        }
        let key = keys::for_person(db, r.person_id)?;
        let delivery = match (r.delivery, &key) {
            (None, Some(_)) => Some(Delivery::Encrypted),
            (None, None) => {
                problems.push(format!(
                    "There is no secure inbox key for {} or {}. Add the agency's key under \
                     Agencies, or choose a copy for printing.",
                    person.name, person.agency_name
                ));
                None
            }
            (Some(Delivery::Encrypted), None) => {
                problems.push(format!(
                    "{}'s copy cannot be encrypted: there is no secure inbox key for them or \
                     {}. Add the agency's key under Agencies, or choose a copy for printing.",
                    person.name, person.agency_name
                ));
                Some(Delivery::Encrypted)
            }
            (Some(d), _) => Some(d),
        };
        let withhold = clean_withholds(version, &r.withhold)?;
        let to = rule::RecipientAgency {
            id: person.agency_id,
            name: person.agency_name.clone(),
        };
        let number = first + n as i64;
        copies.push(PlannedCopy {
            person_id: person.id,
            recipient: person.name,
            agency: person.agency_name,
            copy_number: number,
            delivery,
            key: key.map(|(_, source)| source),
            withheld: rule::withheld(&version.content, &to, &consents, &withhold),
            file_name: copy_file_name(&stem, number, delivery),
        });
    }
    let unencrypted = copies
        .iter()
        .any(|c| matches!(c.delivery, Some(Delivery::PrintFile | Delivery::Printed)));
    let unencrypted_warning = unencrypted.then(|| unencrypted_warning(&marking));
    if unencrypted && !req.unencrypted_accepted {
        problems.push(
            "Some copies are unencrypted: read the warning and confirm it before issuing."
                .to_owned(),
        );
    }
    Ok(CopiesPlan {
        marking,
        copies,
        copies_then,
        unencrypted_warning,
        problems,
    })
}

/// A copy rendered (and encrypted) in memory, not yet written or recorded.
#[derive(Debug, Clone)]
pub struct PreparedCopy {
    /// What it is.
    pub planned: PlannedCopy,
    /// Its agency's record id.
    pub agency_id: i64,
    /// The bytes to write: the `.pdf.age` or the `.pdf`.
    pub bytes: Vec<u8>,
    /// SHA-256 of `bytes`.
    pub sha256: String,
    /// SHA-256 of the PDF.
    pub pdf_sha256: String,
    /// The copy's token in the PDF.
    pub tag: String,
}

/// Copies ready to write: [`prepare`] makes them, [`record`] records them.
#[derive(Debug, Clone)]
pub struct PreparedCopies {
    /// The meeting.
    pub meeting_id: i64,
    /// The version.
    pub version: i64,
    /// Its marking.
    pub marking: String,
    /// "of n".
    pub copies_then: i64,
    /// The copies in order.
    pub copies: Vec<PreparedCopy>,
}

fn sha_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn new_tag() -> String {
    use rand::RngCore;
    let mut bytes = [0_u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Renders and encrypts every copy of `req`, dated `now`; refused with
/// the plan's problems, in a sentence each, while there are any.
pub fn prepare(db: &Connection, req: &CopiesRequest, now: &str) -> Result<PreparedCopies> {
    let version = minutes::versions::get(db, req.meeting_id, req.version)?;
    let plan = plan_for(db, &version, req)?;
    if !plan.problems.is_empty() {
        return Err(Error::Conflict(plan.problems.join(" ")));
    }
    // The distribution list every copy carries: the copies before, then
    // this issue's.
    let mut distribution: Vec<Vec<String>> = list_version(db, req.meeting_id, req.version)?
        .iter()
        .map(|c| {
            let mut on = c.issued_at.get(..10).unwrap_or("").to_owned();
            if c.recalled_at.is_some() {
                on.push_str(" (recalled)");
            }
            vec![
                c.copy_number.to_string(),
                c.recipient.clone(),
                c.agency.clone(),
                on,
            ]
        })
        .collect();
    let today = now.get(..10).unwrap_or(now).to_owned();
    for c in &plan.copies {
        distribution.push(vec![
            c.copy_number.to_string(),
            c.recipient.clone(),
            c.agency.clone(),
            today.clone(),
        ]);
    }
    let mut copies = Vec::new();
    for (c, r) in plan.copies.into_iter().zip(&req.recipients) {
        let tag = new_tag();
        let line = format!(
            "Copy {} of {} — issued to {}, {}",
            c.copy_number, plan.copies_then, c.recipient, c.agency
        );
        let doc = minutes::document::copy_document(
            &version.content,
            &version.summary,
            &minutes::document::CopyPrint {
                number: c.copy_number,
                line,
                tag: &tag,
                withheld: &c.withheld,
                distribution: &distribution,
            },
        );
        let pdf = minutes::document::render(&doc, c.file_name.clone())?;
        let bytes = match c.delivery {
            Some(Delivery::Encrypted) => {
                let (key, _) = keys::for_person(db, r.person_id)?
                    .ok_or_else(|| Error::Internal("inbox key vanished".into()))?;
                keys::encrypt(&key, &pdf.bytes)?
            }
            _ => pdf.bytes,
        };
        let agency_id = crate::people::get(db, c.person_id)?.agency_id;
        copies.push(PreparedCopy {
            planned: c,
            agency_id,
            sha256: sha_hex(&bytes),
            pdf_sha256: pdf.sha256,
            bytes,
            tag,
        });
    }
    Ok(PreparedCopies {
        meeting_id: req.meeting_id,
        version: req.version,
        marking: plan.marking,
        copies_then: plan.copies_then,
        copies,
    })
}

/// Adds prepared copies to the distribution record; refused when other
/// copies of the version were issued since they were prepared (their
/// numbers would clash).
pub(crate) fn record(tx: &Transaction<'_>, prepared: &PreparedCopies, now: &str) -> Result<()> {
    let first = prepared.copies.first().map_or(1, |c| c.planned.copy_number);
    if next_number(tx, prepared.meeting_id, prepared.version)? != first {
        return Err(Error::Conflict(
            "Other copies of this version were issued meanwhile, so these numbers are taken; \
             nothing was recorded. Issue again."
                .into(),
        ));
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO issued_copy (meeting_id, version, copy_number, copies_then, person_id,
             recipient, agency_id, agency, marking, method, file_name, sha256, pdf_sha256, tag,
             withheld, issued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?;
    for c in &prepared.copies {
        let p = &c.planned;
        let delivery = p
            .delivery
            .ok_or_else(|| Error::Internal("copy without delivery".into()))?;
        let withheld: Vec<&str> = p.withheld.iter().map(|w| w.line.as_str()).collect();
        let withheld =
            serde_json::to_string(&withheld).map_err(|_| Error::Internal("withheld".into()))?;
        insert.execute(params![
            prepared.meeting_id,
            prepared.version,
            p.copy_number,
            prepared.copies_then,
            p.person_id,
            p.recipient,
            c.agency_id,
            p.agency,
            prepared.marking,
            delivery.as_str(),
            p.file_name,
            c.sha256,
            c.pdf_sha256,
            c.tag,
            withheld,
            now,
        ])?;
    }
    Ok(())
}

const COLUMNS: &str = "c.id, c.meeting_id, c.version, c.copy_number, c.copies_then, c.person_id,
    c.recipient, c.agency, c.marking, c.method, c.file_name, c.sha256, c.pdf_sha256, c.withheld,
    c.issued_at, c.recalled_at, c.recall_reason, g.name, m.date, m.kind";
const FROM: &str = "FROM issued_copy c JOIN meeting m ON m.id = c.meeting_id
    JOIN meeting_group g ON g.id = m.group_id";

fn from_row(r: &Row<'_>) -> crate::error::rusqlite::Result<IssuedCopy> {
    let bad = |i: usize| {
        crate::error::rusqlite::Error::FromSqlConversionFailure(
            i,
            crate::error::rusqlite::types::Type::Text,
            "issued copy".into(),
        )
    };
    let method: String = r.get(9)?;
    let withheld: String = r.get(13)?;
    let kind: crate::kinds::MeetingKind = r.get(19)?;
    let mut copy = IssuedCopy {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        version: r.get(2)?,
        copy_number: r.get(3)?,
        copies_then: r.get(4)?,
        person_id: r.get(5)?,
        recipient: r.get(6)?,
        agency: r.get(7)?,
        marking: r.get(8)?,
        delivery: Delivery::parse(&method).ok_or_else(|| bad(9))?,
        file_name: r.get(10)?,
        sha256: r.get(11)?,
        pdf_sha256: r.get(12)?,
        withheld: serde_json::from_str(&withheld).map_err(|_| bad(13))?,
        issued_at: r.get(14)?,
        recalled_at: r.get(15)?,
        recall_reason: r.get(16)?,
        covering_note: String::new(),
    };
    let group: String = r.get(17)?;
    let date: String = r.get(18)?;
    copy.covering_note = covering_note(&copy, &group, &date, kind);
    Ok(copy)
}

/// What the minutes are, in words: "the minutes of the Bronze Level
/// Tasking meeting of GROUP on 12 November 2026".
fn what(group: &str, date: &str, kind: crate::kinds::MeetingKind) -> String {
    format!(
        "the minutes of the {} of {group} on {}",
        kind.label(),
        minutes::document::long_date(date)
    )
}

/// The covering note for a copy's email: the marking first, as the
/// Government Security Classifications require of the email itself.
pub fn covering_note(
    c: &IssuedCopy,
    group: &str,
    date: &str,
    kind: crate::kinds::MeetingKind,
) -> String {
    let how = match c.delivery {
        Delivery::Encrypted => format!(
            "The attached file, {}, is encrypted to your secure inbox's age key. Open it with \
             the age tool and your secret key, for example: age -d -i YOUR-KEY-FILE -o \
             minutes.pdf {}",
            c.file_name, c.file_name
        ),
        Delivery::PrintFile | Delivery::Printed => format!(
            "This copy ({}) is given to you on paper. Keep it secure and return or destroy it \
             when no longer needed.",
            c.file_name
        ),
    };
    format!(
        "{marking}\n\nDear {name},\n\nThis is copy {k} of {n} of version {v} of {what}, \
         issued to you at {agency}.\n\n{how}\n\nDo not forward it. {notice}\n\n{marking}",
        marking = c.marking,
        name = c.recipient,
        k = c.copy_number,
        n = c.copies_then,
        v = c.version,
        what = what(group, date, kind),
        agency = c.agency,
        notice = minutes::THIRD_PARTY_NOTICE,
    )
}

/// The distribution record of a meeting: every copy of every version, by
/// version and number.
pub fn list(db: &Connection, meeting_id: i64) -> Result<Vec<IssuedCopy>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {COLUMNS} {FROM} WHERE c.meeting_id = ?1 ORDER BY c.version, c.copy_number"
    ))?;
    let rows = stmt.query_map([meeting_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn list_version(db: &Connection, meeting_id: i64, version: i64) -> Result<Vec<IssuedCopy>> {
    Ok(list(db, meeting_id)?
        .into_iter()
        .filter(|c| c.version == version)
        .collect())
}

/// One issued copy.
pub fn get(db: &Connection, id: i64) -> Result<IssuedCopy> {
    db.query_row(
        &format!("SELECT {COLUMNS} {FROM} WHERE c.id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound("issued copy"))
}

/// Recalls a copy, once, with a reason.
pub(crate) fn recall(tx: &Transaction<'_>, id: i64, reason: &str, now: &str) -> Result<IssuedCopy> {
    let reason = RECALL_REASON.clean(reason)?;
    let copy = get(tx, id)?;
    if let Some(at) = &copy.recalled_at {
        return Err(Error::Conflict(format!(
            "Copy {} of version {} was already recalled on {}. Nothing was changed.",
            copy.copy_number,
            copy.version,
            at.get(..10).unwrap_or(at)
        )));
    }
    tx.execute(
        "UPDATE issued_copy SET recalled_at = ?2, recall_reason = ?3 WHERE id = ?1",
        params![id, now, reason],
    )?;
    get(tx, id)
}

/// Whether `bytes` (a `.pdf` or `.pdf.age`) is a copy issued from this
/// vault: by the SHA-256 of the exact file or of the PDF, else by the
/// copy's token in a changed PDF.
pub fn identify(db: &Connection, bytes: &[u8]) -> Result<Identification> {
    if bytes.len() > MAX_IDENTIFY_BYTES {
        return Err(Error::invalid(
            "File",
            format!(
                "is larger than any copy this app issues (at most {} MB). Choose the PDF or \
                 .pdf.age file of the copy.",
                MAX_IDENTIFY_BYTES / (1024 * 1024)
            ),
        ));
    }
    let sha = sha_hex(bytes);
    let found: Option<i64> = db
        .query_row(
            "SELECT id FROM issued_copy WHERE sha256 = ?1 OR pdf_sha256 = ?1 ORDER BY id LIMIT 1",
            [&sha],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = found {
        let copy = get(db, id)?;
        let mut message = format!(
            "This is copy {} of {} of version {} of {}, issued to {}, {} on {} ({}).",
            copy.copy_number,
            copy.copies_then,
            copy.version,
            copy_what(db, &copy)?,
            copy.recipient,
            copy.agency,
            copy.issued_at.get(..10).unwrap_or(&copy.issued_at),
            copy.delivery.label().to_lowercase(),
        );
        if let Some(at) = &copy.recalled_at {
            message.push_str(&format!(
                " It was recalled on {}: {}",
                at.get(..10).unwrap_or(at),
                copy.recall_reason.as_deref().unwrap_or("")
            ));
        }
        return Ok(Identification {
            verdict: Verdict::Issued,
            copy: Some(copy),
            message,
        });
    }
    let mut by_tag = db.prepare_cached("SELECT id FROM issued_copy WHERE tag = ?1")?;
    for tag in tags_in(bytes) {
        let id: Option<i64> = by_tag.query_row([&tag], |r| r.get(0)).optional()?;
        if let Some(id) = id {
            let copy = get(db, id)?;
            let message = format!(
                "This file claims to be copy {} of version {} of {}, issued to {}, {}, but it \
                 is not the file that was issued: it has been changed since. Do not rely on \
                 what it says; ask the recipient how it came to be changed.",
                copy.copy_number,
                copy.version,
                copy_what(db, &copy)?,
                copy.recipient,
                copy.agency
            );
            return Ok(Identification {
                verdict: Verdict::Altered,
                copy: Some(copy),
                message,
            });
        }
    }
    let message = if bytes.starts_with(b"age-encryption.org/v1") {
        "This encrypted file matches no copy issued from this vault: it was encrypted by \
         someone else, or changed after it was issued."
    } else {
        "This file matches no copy issued from this vault: it was not issued from it, or it \
         has been changed and carries no mark of an issued copy."
    };
    Ok(Identification {
        verdict: Verdict::Unknown,
        copy: None,
        message: message.to_owned(),
    })
}

fn copy_what(db: &Connection, c: &IssuedCopy) -> Result<String> {
    let (group, date, kind): (String, String, crate::kinds::MeetingKind) = db.query_row(
        "SELECT g.name, m.date, m.kind FROM meeting m JOIN meeting_group g ON g.id = m.group_id
         WHERE m.id = ?1",
        [c.meeting_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(what(&group, &date, kind))
}

/// The copy tokens a PDF may carry: each file identifier (`/ID`), read
/// from the file's uncompressed dictionaries, as lower-case hex.
fn tags_in(bytes: &[u8]) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = bytes;
    while let Some(at) = rest.windows(3).position(|w| w == b"/ID") {
        rest = &rest[at + 3..];
        // `/ID [<hex><hex>]`, spaces allowed: the first string.
        let Some(open) = rest.iter().take(8).position(|b| *b == b'<') else {
            continue;
        };
        let Some(hex) = rest.get(open + 1..open + 33) else {
            continue;
        };
        if hex.iter().all(u8::is_ascii_hexdigit) && rest.get(open + 33) == Some(&b'>') {
            tags.push(String::from_utf8_lossy(hex).to_lowercase());
        }
    }
    tags
}

/// Records consent for a disclosure to go to agencies; returns every
/// consent recorded for it.
pub(crate) fn add_consent(
    tx: &Transaction<'_>,
    input: &ConsentInput,
    today: chrono::NaiveDate,
    now: &str,
) -> Result<Vec<Consent>> {
    let d = crate::disclosures::store::get(tx, input.disclosure_id)?;
    if d.withdrawn_at.is_some() {
        return Err(Error::Conflict(
            "This disclosure was withdrawn, so it goes to nobody; no consent is needed.".into(),
        ));
    }
    if input.agency_ids.is_empty() {
        return Err(Error::invalid(
            "Agencies",
            "must name at least one agency the consent covers. Choose them from the list.",
        ));
    }
    let given_by = GIVEN_BY.clean(&input.given_by)?;
    let given_on = crate::dates::past_date("Consent given on", &input.given_on, today)?;
    let reference = REFERENCE.clean(&input.reference)?;
    for agency_id in &input.agency_ids {
        crate::people::require_agency(tx, *agency_id, "Agencies")?;
        if *agency_id == d.agency_id {
            return Err(Error::invalid(
                "Agencies",
                format!(
                    "include {}, which made the disclosure and needs no consent. Leave it out.",
                    d.agency_name
                ),
            ));
        }
        let already: Option<String> = tx
            .query_row(
                "SELECT a.name FROM disclosure_consent c JOIN agency a ON a.id = c.agency_id
                 WHERE c.disclosure_id = ?1 AND c.agency_id = ?2",
                params![input.disclosure_id, agency_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(name) = already {
            return Err(Error::Conflict(format!(
                "Consent for {name} is already recorded for this disclosure. Leave it out."
            )));
        }
        tx.execute(
            "INSERT INTO disclosure_consent (disclosure_id, agency_id, given_by, given_on,
                 reference, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                input.disclosure_id,
                agency_id,
                given_by,
                crate::dates::to_text(given_on),
                reference,
                now
            ],
        )?;
    }
    consents(tx, input.disclosure_id)
}

/// The consents recorded for a disclosure, oldest first.
pub fn consents(db: &Connection, disclosure_id: i64) -> Result<Vec<Consent>> {
    let mut stmt = db.prepare_cached(
        "SELECT c.id, c.disclosure_id, c.agency_id, a.name, c.given_by, c.given_on,
                c.reference, c.recorded_at
         FROM disclosure_consent c JOIN agency a ON a.id = c.agency_id
         WHERE c.disclosure_id = ?1 ORDER BY c.id",
    )?;
    let rows = stmt.query_map([disclosure_id], |r| {
        Ok(Consent {
            id: r.get(0)?,
            disclosure_id: r.get(1)?,
            agency_id: r.get(2)?,
            agency: r.get(3)?,
            given_by: r.get(4)?,
            given_on: r.get(5)?,
            reference: r.get(6)?,
            recorded_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
