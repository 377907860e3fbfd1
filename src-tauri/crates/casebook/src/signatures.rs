//! Signatures on the confidentiality agreement, made in the signing kiosk.
//!
//! A signature records who signed (person, agency and role as they stood),
//! the agreement version and the SHA-256 of its exact text, the time, how
//! (drawn or typed) and the raw stroke points, and a digest over all of
//! those. A decline is recorded the same way, with its reason. Nothing is
//! ever edited: a mistaken record is withdrawn by the chair with a reason,
//! and both stay.
//!
//! Strokes arrive as numbers only (never SVG or HTML) and are checked here:
//! a bounded number of strokes and points, coordinates inside the pad, time
//! never going backwards.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::agreements::{self, Agreement};
use crate::error::{
    Error, Result,
    rusqlite::{Connection, OptionalExtension, Row, Transaction, params},
};
use crate::people::PersonInput;
use crate::text::TextRule;

/// Width of the signature pad in pad units (the UI scales to them).
pub const PAD_WIDTH: u16 = 1000;
/// Height of the signature pad in pad units.
pub const PAD_HEIGHT: u16 = 400;
/// Most strokes in one signature.
pub const MAX_STROKES: usize = 100;
/// Most points in one signature, over all its strokes.
pub const MAX_POINTS: usize = 6_000;
/// Longest a signature may take to draw, in milliseconds.
pub const MAX_DURATION_MS: u32 = 600_000;

/// One point of a stroke: `[x, y, t]`, x and y in pad units, t in
/// milliseconds since the signature's first point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Point(pub u16, pub u16, pub u32);

/// How an attendee signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SignMethod {
    /// Drawn on the pad with finger, pen or mouse.
    Drawn,
    /// Their name typed, for someone who cannot draw a signature.
    Typed,
}

/// What a register entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Signed by drawing.
    Drawn,
    /// Signed by typing their name.
    Typed,
    /// Declined to sign.
    Declined,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Outcome::Drawn => "drawn",
            Outcome::Typed => "typed",
            Outcome::Declined => "declined",
        }
    }

    fn parse(s: &str) -> Option<Outcome> {
        match s {
            "drawn" => Some(Outcome::Drawn),
            "typed" => Some(Outcome::Typed),
            "declined" => Some(Outcome::Declined),
            _ => None,
        }
    }
}

/// Who is signing: an expected attendee (`person_id`), or someone not on
/// the list (`newcomer`), who is added to the people and invited.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// An invited person.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    /// Someone not on the list: name, agency and role.
    #[serde(default)]
    pub newcomer: Option<PersonInput>,
}

/// A signature as the kiosk sends it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SignInput {
    /// Who signs.
    pub signer: Signer,
    /// Drawn or typed.
    pub method: SignMethod,
    /// The strokes (drawn); empty when typed.
    #[serde(default)]
    pub strokes: Vec<Vec<Point>>,
    /// The name as typed (typed); absent when drawn.
    #[serde(default)]
    pub typed_name: Option<String>,
}

/// A decline as the kiosk sends it.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DeclineInput {
    /// Who declines.
    pub signer: Signer,
    /// Why, in their words or as chosen.
    pub reason: String,
}

/// One entry of a meeting's register: a signature or a decline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Signature {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// The meeting.
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The person.
    #[ts(type = "number")]
    pub person_id: i64,
    /// Their name as it stood when they signed.
    pub name: String,
    /// Their agency.
    #[ts(type = "number")]
    pub agency_id: i64,
    /// The agency's name as it stood.
    pub agency_name: String,
    /// Their role as it stood.
    pub role: String,
    /// The agreement version signed.
    pub agreement_version: u32,
    /// SHA-256 of that version's exact text.
    pub agreement_sha256: String,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Drawn, typed or declined.
    pub outcome: Outcome,
    /// The typed name (typed only).
    pub typed_name: Option<String>,
    /// Why they declined (declined only).
    pub decline_reason: Option<String>,
    /// The strokes, in pad units (drawn only; otherwise empty).
    pub strokes: Vec<Vec<Point>>,
    /// SHA-256 over everything above, lower-case hex.
    pub digest: String,
    /// When the chair withdrew it, if they did.
    pub withdrawn_at: Option<String>,
    /// Why the chair withdrew it.
    pub withdrawn_reason: Option<String>,
}

const TYPED_NAME: TextRule = TextRule::name("Typed name", 120);
const DECLINE_REASON: TextRule = TextRule {
    field: "Reason for declining",
    max_chars: 500,
    multiline: false,
    required: true,
};
/// The reason the chair gives for withdrawing a register entry.
pub const WITHDRAW_REASON: TextRule = TextRule {
    field: "Reason for withdrawing",
    max_chars: 500,
    multiline: false,
    required: true,
};

/// Checks drawn strokes: at least one mark, bounded, inside the pad, time
/// never going backwards and the whole within [`MAX_DURATION_MS`].
pub fn check_strokes(strokes: &[Vec<Point>]) -> Result<()> {
    const FIELD: &str = "Signature";
    let points: usize = strokes.iter().map(Vec::len).sum();
    if points == 0 {
        return Err(Error::invalid(
            FIELD,
            "is empty. Please sign in the box, or choose \"Type my name instead\".",
        ));
    }
    if strokes.iter().any(Vec::is_empty) {
        return Err(Error::invalid(
            FIELD,
            "has a stroke with no points. Please clear it and sign again.",
        ));
    }
    if strokes.len() > MAX_STROKES {
        return Err(Error::invalid(
            FIELD,
            format!(
                "has too many strokes (at most {MAX_STROKES}). Please clear it and sign again."
            ),
        ));
    }
    if points > MAX_POINTS {
        return Err(Error::invalid(
            FIELD,
            format!(
                "is too detailed (at most {MAX_POINTS} points). Please clear it and sign again."
            ),
        ));
    }
    let mut last_t = 0;
    for p in strokes.iter().flatten() {
        if p.0 > PAD_WIDTH || p.1 > PAD_HEIGHT {
            return Err(Error::invalid(
                FIELD,
                "goes outside the signing box. Please clear it and sign again.",
            ));
        }
        if p.2 < last_t {
            return Err(Error::invalid(
                FIELD,
                "has points out of time order. Please clear it and sign again.",
            ));
        }
        last_t = p.2;
    }
    if last_t > MAX_DURATION_MS {
        return Err(Error::invalid(
            FIELD,
            "took too long to draw. Please clear it and sign again.",
        ));
    }
    let first = strokes.iter().flatten().next().copied();
    if strokes
        .iter()
        .flatten()
        .all(|p| Some((p.0, p.1)) == first.map(|f| (f.0, f.1)))
    {
        return Err(Error::invalid(
            FIELD,
            "is a single dot. Please sign in the box.",
        ));
    }
    Ok(())
}

/// The stored form of strokes: version byte 1, then the stroke count
/// (u16), then per stroke its point count (u16) and points (x u16, y u16,
/// t u32), all little-endian. Checked strokes always fit.
pub fn encode_strokes(strokes: &[Vec<Point>]) -> Vec<u8> {
    let points: usize = strokes.iter().map(Vec::len).sum();
    let mut out = Vec::with_capacity(3 + strokes.len() * 2 + points * 8);
    out.push(1);
    out.extend_from_slice(
        &u16::try_from(strokes.len())
            .unwrap_or(u16::MAX)
            .to_le_bytes(),
    );
    for stroke in strokes {
        out.extend_from_slice(
            &u16::try_from(stroke.len())
                .unwrap_or(u16::MAX)
                .to_le_bytes(),
        );
        for p in stroke {
            out.extend_from_slice(&p.0.to_le_bytes());
            out.extend_from_slice(&p.1.to_le_bytes());
            out.extend_from_slice(&p.2.to_le_bytes());
        }
    }
    out
}

/// Reads strokes stored by [`encode_strokes`]; `None` if the bytes are not
/// that form.
pub fn decode_strokes(bytes: &[u8]) -> Option<Vec<Vec<Point>>> {
    let mut rest = bytes;
    let mut take = |n: usize| -> Option<&[u8]> {
        if rest.len() < n {
            return None;
        }
        let (head, tail) = rest.split_at(n);
        rest = tail;
        Some(head)
    };
    if take(1)? != [1] {
        return None;
    }
    let u16_at = |b: &[u8]| u16::from_le_bytes([b[0], b[1]]);
    let count = usize::from(u16_at(take(2)?));
    let mut strokes = Vec::with_capacity(count.min(MAX_STROKES));
    for _ in 0..count {
        let n = usize::from(u16_at(take(2)?));
        let mut stroke = Vec::with_capacity(n.min(MAX_POINTS));
        for _ in 0..n {
            let b = take(8)?;
            stroke.push(Point(
                u16::from_le_bytes([b[0], b[1]]),
                u16::from_le_bytes([b[2], b[3]]),
                u32::from_le_bytes([b[4], b[5], b[6], b[7]]),
            ));
        }
        strokes.push(stroke);
    }
    rest.is_empty().then_some(strokes)
}

/// The digest of a register entry: SHA-256 over a domain tag and every
/// field that makes it, each length-prefixed, so no two different entries
/// share an input.
pub fn digest(s: &Signature) -> String {
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(b"tasking-vault signature v1");
    field(s.meeting_id.to_string().as_bytes());
    field(s.person_id.to_string().as_bytes());
    field(s.name.as_bytes());
    field(s.agency_id.to_string().as_bytes());
    field(s.agency_name.as_bytes());
    field(s.role.as_bytes());
    field(s.agreement_version.to_string().as_bytes());
    field(s.agreement_sha256.as_bytes());
    field(s.at.as_bytes());
    field(s.outcome.as_str().as_bytes());
    field(s.typed_name.as_deref().unwrap_or("").as_bytes());
    field(s.decline_reason.as_deref().unwrap_or("").as_bytes());
    field(format!("{PAD_WIDTH}x{PAD_HEIGHT}").as_bytes());
    field(&encode_strokes(&s.strokes));
    hex::encode(h.finalize())
}

const SELECT: &str = "SELECT id, meeting_id, person_id, name, agency_id, agency_name, role,
        agreement_version, agreement_sha256, at, outcome, typed_name, decline_reason,
        strokes, digest, withdrawn_at, withdrawn_reason
    FROM signature";

fn from_row(r: &Row<'_>) -> crate::error::rusqlite::Result<Signature> {
    let outcome: String = r.get(10)?;
    let strokes: Vec<u8> = r.get(13)?;
    Ok(Signature {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        person_id: r.get(2)?,
        name: r.get(3)?,
        agency_id: r.get(4)?,
        agency_name: r.get(5)?,
        role: r.get(6)?,
        agreement_version: r.get(7)?,
        agreement_sha256: r.get(8)?,
        at: r.get(9)?,
        // An unreadable value fails the digest check in `verify`.
        outcome: Outcome::parse(&outcome).unwrap_or(Outcome::Declined),
        typed_name: r.get(11)?,
        decline_reason: r.get(12)?,
        strokes: decode_strokes(&strokes).unwrap_or_default(),
        digest: r.get(14)?,
        withdrawn_at: r.get(15)?,
        withdrawn_reason: r.get(16)?,
    })
}

/// One entry.
pub fn get(db: &Connection, id: i64) -> Result<Signature> {
    db.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or(Error::NotFound("signature"))
}

/// A meeting's register, in the order people signed.
pub fn register(db: &Connection, meeting_id: i64) -> Result<Vec<Signature>> {
    let mut stmt = db.prepare(&format!("{SELECT} WHERE meeting_id = ?1 ORDER BY at, id"))?;
    let rows = stmt.query_map([meeting_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The person's standing (not withdrawn) entry at a meeting.
pub fn standing(db: &Connection, meeting_id: i64, person_id: i64) -> Result<Option<Signature>> {
    Ok(db
        .query_row(
            &format!("{SELECT} WHERE meeting_id = ?1 AND person_id = ?2 AND withdrawn_at IS NULL"),
            params![meeting_id, person_id],
            from_row,
        )
        .optional()?)
}

/// What the entry to record is, before it has an id and a digest.
pub(crate) struct Draft {
    pub outcome: Outcome,
    pub typed_name: Option<String>,
    pub decline_reason: Option<String>,
    pub strokes: Vec<Vec<Point>>,
}

impl SignInput {
    /// The checked entry this input makes.
    pub(crate) fn draft(&self) -> Result<Draft> {
        match self.method {
            SignMethod::Drawn => {
                if self
                    .typed_name
                    .as_deref()
                    .is_some_and(|t| !t.trim().is_empty())
                {
                    return Err(Error::invalid(
                        "Typed name",
                        "goes only with a typed signature. Please clear it, or choose the typed signature.",
                    ));
                }
                check_strokes(&self.strokes)?;
                Ok(Draft {
                    outcome: Outcome::Drawn,
                    typed_name: None,
                    decline_reason: None,
                    strokes: self.strokes.clone(),
                })
            }
            SignMethod::Typed => {
                if !self.strokes.is_empty() {
                    return Err(Error::invalid(
                        "Signature",
                        "goes only with a drawn signature. Please clear the pad, or draw instead.",
                    ));
                }
                Ok(Draft {
                    outcome: Outcome::Typed,
                    typed_name: Some(TYPED_NAME.clean(self.typed_name.as_deref().unwrap_or(""))?),
                    decline_reason: None,
                    strokes: Vec::new(),
                })
            }
        }
    }
}

impl DeclineInput {
    pub(crate) fn draft(&self) -> Result<Draft> {
        Ok(Draft {
            outcome: Outcome::Declined,
            typed_name: None,
            decline_reason: Some(DECLINE_REASON.clean(&self.reason)?),
            strokes: Vec::new(),
        })
    }
}

/// Records an entry for `person_id` (already invited) at `meeting_id`
/// against the current agreement; refuses a second standing entry.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    meeting_id: i64,
    person_id: i64,
    draft: Draft,
    now: &str,
) -> Result<i64> {
    if standing(tx, meeting_id, person_id)?.is_some() {
        return Err(Error::Conflict(
            "This person has already signed or declined for this meeting. If that was a \
             mistake, the chair can withdraw it after leaving the signing screen."
                .into(),
        ));
    }
    let (name, agency_id, agency_name, role): (String, i64, String, String) = tx
        .query_row(
            "SELECT p.name, p.agency_id, a.name, p.role
             FROM person p JOIN agency a ON a.id = p.agency_id WHERE p.id = ?1",
            [person_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or(Error::NotFound("person"))?;
    let Agreement {
        version, sha256, ..
    } = agreements::current(tx)?;
    let mut entry = Signature {
        id: 0,
        meeting_id,
        person_id,
        name,
        agency_id,
        agency_name,
        role,
        agreement_version: version,
        agreement_sha256: sha256,
        at: now.to_owned(),
        outcome: draft.outcome,
        typed_name: draft.typed_name,
        decline_reason: draft.decline_reason,
        strokes: draft.strokes,
        digest: String::new(),
        withdrawn_at: None,
        withdrawn_reason: None,
    };
    entry.digest = digest(&entry);
    write(tx, &entry)
}

/// Writes an entry as it is (its digest already made) and returns its id.
/// The one place a register row is written: the kiosk's saves above, and
/// the generator's bulk records.
pub fn write(db: &Connection, entry: &Signature) -> Result<i64> {
    db.prepare_cached(
        "INSERT INTO signature (meeting_id, person_id, name, agency_id, agency_name, role,
            agreement_version, agreement_sha256, at, outcome, typed_name, decline_reason,
            strokes, digest)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        entry.meeting_id,
        entry.person_id,
        entry.name,
        entry.agency_id,
        entry.agency_name,
        entry.role,
        entry.agreement_version,
        entry.agreement_sha256,
        entry.at,
        entry.outcome.as_str(),
        entry.typed_name,
        entry.decline_reason,
        encode_strokes(&entry.strokes),
        entry.digest,
    ])?;
    Ok(db.last_insert_rowid())
}

/// Withdraws a standing entry, keeping it.
pub(crate) fn withdraw(tx: &Transaction<'_>, id: i64, reason: &str, now: &str) -> Result<()> {
    let reason = WITHDRAW_REASON.clean(reason)?;
    let entry = get(tx, id)?;
    if entry.withdrawn_at.is_some() {
        return Err(Error::Conflict("That entry is already withdrawn.".into()));
    }
    tx.execute(
        "UPDATE signature SET withdrawn_at = ?2, withdrawn_reason = ?3 WHERE id = ?1",
        params![id, now, reason],
    )?;
    Ok(())
}

/// Recomputes every entry's digest; returns how many there are and the ids
/// of those whose stored digest (or stored form) does not match.
pub fn verify(db: &Connection) -> Result<(i64, Vec<i64>)> {
    let mut stmt = db.prepare(&format!("{SELECT} ORDER BY id"))?;
    let mut bad = Vec::new();
    let mut count = 0;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        count += 1;
        let entry = from_row(r)?;
        let outcome: String = r.get(10)?;
        let blob: Vec<u8> = r.get(13)?;
        let readable = Outcome::parse(&outcome).is_some() && decode_strokes(&blob).is_some();
        if !readable || digest(&entry) != entry.digest {
            bad.push(entry.id);
        }
    }
    Ok((count, bad))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stroke(points: &[(u16, u16, u32)]) -> Vec<Point> {
        points.iter().map(|&(x, y, t)| Point(x, y, t)).collect()
    }

    #[test]
    fn stroke_rules() {
        let good = vec![
            stroke(&[(10, 10, 0), (50, 80, 16), (90, 40, 33)]),
            stroke(&[(120, 60, 400), (200, 60, 420)]),
        ];
        assert!(check_strokes(&good).is_ok());
        let too_many_points = vec![stroke(
            &(0..=MAX_POINTS as u32)
                .map(|i| ((i % 900) as u16, (i % 300) as u16, i))
                .collect::<Vec<_>>(),
        )];
        let too_many_strokes: Vec<Vec<Point>> = (0..=MAX_STROKES as u32)
            .map(|i| stroke(&[(1, 1, i * 2), (2, 2, i * 2 + 1)]))
            .collect();
        let table: Vec<(&str, Vec<Vec<Point>>, &str)> = vec![
            ("no strokes", vec![], "is empty"),
            ("empty strokes", vec![vec![], vec![]], "is empty"),
            (
                "an empty stroke among others",
                vec![good[0].clone(), vec![]],
                "no points",
            ),
            ("too many points", too_many_points, "too detailed"),
            ("too many strokes", too_many_strokes, "too many strokes"),
            (
                "x outside",
                vec![stroke(&[(10, 10, 0), (PAD_WIDTH + 1, 10, 5)])],
                "outside",
            ),
            (
                "y outside",
                vec![stroke(&[(10, 10, 0), (10, PAD_HEIGHT + 1, 5)])],
                "outside",
            ),
            (
                "time backwards in a stroke",
                vec![stroke(&[(10, 10, 50), (20, 20, 40)])],
                "time order",
            ),
            (
                "time backwards between strokes",
                vec![
                    stroke(&[(10, 10, 0), (20, 20, 100)]),
                    stroke(&[(30, 30, 90), (40, 40, 120)]),
                ],
                "time order",
            ),
            (
                "too long",
                vec![stroke(&[(10, 10, 0), (20, 20, MAX_DURATION_MS + 1)])],
                "too long",
            ),
            (
                "a dot",
                vec![stroke(&[(10, 10, 0), (10, 10, 8)])],
                "single dot",
            ),
        ];
        for (case, strokes, expected) in table {
            let err = check_strokes(&strokes).expect_err(case).to_string();
            assert!(err.starts_with("Signature: "), "{case}: {err}");
            assert!(err.contains(expected), "{case}: {err}");
        }
        // The edges of the pad are inside it; equal times are not backwards.
        assert!(check_strokes(&[stroke(&[(0, 0, 0), (PAD_WIDTH, PAD_HEIGHT, 0)])]).is_ok());
    }

    #[test]
    fn strokes_round_trip_and_bad_forms_are_refused() {
        let strokes = vec![
            stroke(&[(10, 10, 0), (50, 80, 16)]),
            stroke(&[(PAD_WIDTH, PAD_HEIGHT, MAX_DURATION_MS)]),
        ];
        let bytes = encode_strokes(&strokes);
        assert_eq!(bytes.len(), 1 + 2 + 2 * 2 + 3 * 8);
        assert_eq!(decode_strokes(&bytes), Some(strokes));
        assert_eq!(decode_strokes(&bytes[..bytes.len() - 1]), None);
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode_strokes(&longer), None);
        let mut other_version = bytes;
        other_version[0] = 2;
        assert_eq!(decode_strokes(&other_version), None);
        assert_eq!(decode_strokes(&[]), None);
    }

    fn entry() -> Signature {
        Signature {
            id: 7,
            meeting_id: 3,
            person_id: 11,
            name: "Imogen Threlfall".into(),
            agency_id: 1,
            agency_name: "Shropshire Council".into(),
            role: "Community Safety Manager".into(),
            agreement_version: 1,
            agreement_sha256: agreements::sha256_hex(agreements::DEFAULT_TEXT),
            at: "2026-11-17T10:02:41Z".into(),
            outcome: Outcome::Drawn,
            typed_name: None,
            decline_reason: None,
            strokes: vec![stroke(&[(10, 10, 0), (50, 80, 16)])],
            digest: String::new(),
            withdrawn_at: None,
            withdrawn_reason: None,
        }
    }

    #[test]
    fn digest_is_stable_and_covers_every_field() {
        let e = entry();
        // Stable across builds: a stored digest must still verify next year.
        assert_eq!(
            digest(&e),
            "f3620114edbbfa1c8ccb3a59c16c5c0e54a9de8647726717bd87f6757512172c"
        );
        type Change = Box<dyn Fn(&mut Signature)>;
        let changes: Vec<(&str, Change)> = vec![
            ("meeting", Box::new(|s| s.meeting_id = 4)),
            ("person", Box::new(|s| s.person_id = 12)),
            ("name", Box::new(|s| s.name.push('e'))),
            ("agency", Box::new(|s| s.agency_id = 2)),
            ("agency name", Box::new(|s| s.agency_name.push(' '))),
            ("role", Box::new(|s| s.role = "Manager".into())),
            ("version", Box::new(|s| s.agreement_version = 2)),
            (
                "text",
                Box::new(|s| s.agreement_sha256 = agreements::sha256_hex("other")),
            ),
            ("time", Box::new(|s| s.at = "2026-11-17T10:02:42Z".into())),
            ("outcome", Box::new(|s| s.outcome = Outcome::Typed)),
            (
                "typed name",
                Box::new(|s| s.typed_name = Some("Imogen".into())),
            ),
            ("reason", Box::new(|s| s.decline_reason = Some("x".into()))),
            ("a point", Box::new(|s| s.strokes[0][1].0 = 51)),
            ("a time", Box::new(|s| s.strokes[0][1].2 = 17)),
            (
                "stroke split",
                Box::new(|s| {
                    let p = s.strokes[0].pop();
                    s.strokes.push(p.into_iter().collect());
                }),
            ),
        ];
        for (what, change) in changes {
            let mut other = entry();
            change(&mut other);
            assert_ne!(digest(&other), digest(&e), "{what}");
        }
        // Not covered: the id, the stored digest and the withdrawal (which
        // is its own audited record).
        let mut same = entry();
        same.id = 8;
        same.withdrawn_at = Some("2026-11-17T11:00:00Z".into());
        same.withdrawn_reason = Some("signed for someone else".into());
        assert_eq!(digest(&same), digest(&e));
    }
}
