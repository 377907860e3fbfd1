//! Meetings: their details, invitations and attendance, and agenda items.

use serde::{Deserialize, Serialize};

use crate::actions::{self, Action, CarriedAction};
use crate::dates;
use crate::error::{
    Error, Result,
    rusqlite::{Connection, OptionalExtension, Row, Transaction, params},
};
use crate::kinds::{AgendaItemKind, Attendance, Descriptor, Marking, MeetingKind, MeetingStatus};
use crate::people;
use crate::text::TextRule;

/// A meeting, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Meeting {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its group.
    #[ts(type = "number")]
    pub group_id: i64,
    /// The group's name.
    pub group_name: String,
    /// Bronze Level Tasking meeting or case conference.
    pub kind: MeetingKind,
    /// Date (`YYYY-MM-DD`, Europe/London).
    pub date: String,
    /// Start time (`HH:MM`, Europe/London).
    pub start_time: String,
    /// Where.
    pub venue: String,
    /// The chair, if chosen.
    #[ts(type = "number | null")]
    pub chair_id: Option<i64>,
    /// The chair's name.
    pub chair_name: Option<String>,
    /// The minute-taker, if chosen.
    #[ts(type = "number | null")]
    pub minute_taker_id: Option<i64>,
    /// The minute-taker's name.
    pub minute_taker_name: Option<String>,
    /// Planned, in progress, held or cancelled.
    pub status: MeetingStatus,
    /// When the records of this meeting are due for review (`YYYY-MM-DD`).
    pub review_date: String,
}

/// The details a chair types for a meeting.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct MeetingInput {
    /// Its group.
    #[ts(type = "number")]
    pub group_id: i64,
    /// Kind of meeting.
    pub kind: MeetingKind,
    /// Date, `YYYY-MM-DD`.
    pub date: String,
    /// Start time, `HH:MM`.
    pub start_time: String,
    /// Venue.
    pub venue: String,
    /// The chair.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub chair_id: Option<i64>,
    /// The minute-taker.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub minute_taker_id: Option<i64>,
    /// Review date; empty for the default (the settings' months after the date).
    #[serde(default)]
    pub review_date: Option<String>,
}

const VENUE: TextRule = TextRule::name("Venue", 200);

/// A checked [`MeetingInput`].
pub(crate) struct CleanMeeting {
    pub group_id: i64,
    pub kind: MeetingKind,
    pub date: String,
    pub start_time: String,
    pub venue: String,
    pub chair_id: Option<i64>,
    pub minute_taker_id: Option<i64>,
    pub review_date: Option<String>,
}

impl MeetingInput {
    pub(crate) fn clean(&self) -> Result<CleanMeeting> {
        let date = dates::date("Meeting date", &self.date)?;
        let review = dates::optional_date("Review date", self.review_date.as_deref())?;
        if let Some(r) = review
            && r < date
        {
            return Err(Error::invalid(
                "Review date",
                "must be on or after the meeting date. Please choose a later date.",
            ));
        }
        Ok(CleanMeeting {
            group_id: self.group_id,
            kind: self.kind,
            date: dates::to_text(date),
            start_time: dates::time_text(dates::time("Start time", &self.start_time)?),
            venue: VENUE.clean(&self.venue)?,
            chair_id: self.chair_id,
            minute_taker_id: self.minute_taker_id,
            review_date: review.map(dates::to_text),
        })
    }
}

/// One invited person and their attendance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Invitation {
    /// The person.
    #[ts(type = "number")]
    pub person_id: i64,
    /// Their name.
    pub name: String,
    /// Their agency's name.
    pub agency_name: String,
    /// Their agency.
    #[ts(type = "number")]
    pub agency_id: i64,
    /// Their role.
    pub role: String,
    /// Present, apologies, absent, or not yet recorded.
    pub attendance: Attendance,
    /// With apologies: whether they sent a written update.
    pub written_update: bool,
    /// Arrived late at (`HH:MM`).
    pub arrived_at: Option<String>,
    /// Left early at (`HH:MM`).
    pub left_at: Option<String>,
}

/// What the chair records about one person's attendance.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AttendanceInput {
    /// The meeting.
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The person (must be invited).
    #[ts(type = "number")]
    pub person_id: i64,
    /// Present, apologies or absent (or back to invited).
    pub attendance: Attendance,
    /// With apologies: whether a written update was sent.
    #[serde(default)]
    pub written_update: bool,
    /// When present: arrived late at `HH:MM`, or empty.
    #[serde(default)]
    pub arrived_at: Option<String>,
    /// When present: left early at `HH:MM`, or empty.
    #[serde(default)]
    pub left_at: Option<String>,
}

/// An agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AgendaItem {
    /// Record id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its meeting.
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// 1-based place on the agenda.
    #[ts(type = "number")]
    pub position: i64,
    /// Type of item.
    pub kind: AgendaItemKind,
    /// Title.
    pub title: String,
    /// Case reference (a short code, never a name).
    pub case_ref: Option<String>,
    /// The case it is about: the case recorded with its reference, if any
    /// (linked by reference when read; see [`crate::cases`]).
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
    /// The agency presenting it.
    #[ts(type = "number | null")]
    pub presenting_agency_id: Option<i64>,
    /// That agency's name.
    pub presenting_agency_name: Option<String>,
    /// OFFICIAL or OFFICIAL-SENSITIVE.
    pub marking: Marking,
    /// Optional descriptor, e.g. PERSONAL DATA.
    pub descriptor: Option<Descriptor>,
}

/// The fields of an agenda item.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AgendaItemInput {
    /// Type of item.
    pub kind: AgendaItemKind,
    /// Title.
    pub title: String,
    /// Case reference, or empty.
    #[serde(default)]
    pub case_ref: Option<String>,
    /// Presenting agency, or none.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub presenting_agency_id: Option<i64>,
    /// Marking.
    pub marking: Marking,
    /// Descriptor, or none.
    #[serde(default)]
    pub descriptor: Option<Descriptor>,
}

const TITLE: TextRule = TextRule::name("Item title", 200);
pub(crate) const CASE_REF_FIELD: &str = "Case reference";

/// Checks a case reference: a short code such as `NS-2026-014`, with at
/// least one digit, so that a person's name cannot be typed in its place.
pub fn case_ref(input: Option<&str>) -> Result<Option<String>> {
    let Some(text) = input.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let text = TextRule::name(CASE_REF_FIELD, 20).clean(text)?;
    let allowed = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.'));
    if !allowed || !text.chars().any(|c| c.is_ascii_digit()) {
        return Err(Error::invalid(
            CASE_REF_FIELD,
            "must be a short code such as NS-2026-014 (letters, digits, - / or ., with at least \
             one digit), never a person's name. Please change it.",
        ));
    }
    Ok(Some(text.to_ascii_uppercase()))
}

impl AgendaItemInput {
    pub(crate) fn clean(&self) -> Result<AgendaItemInput> {
        Ok(AgendaItemInput {
            kind: self.kind,
            title: TITLE.clean(&self.title)?,
            case_ref: case_ref(self.case_ref.as_deref())?,
            presenting_agency_id: self.presenting_agency_id,
            marking: self.marking,
            descriptor: self.descriptor,
        })
    }
}

/// The usual agenda of a new meeting.
pub fn usual_agenda() -> Vec<AgendaItemInput> {
    use AgendaItemKind as K;
    [
        (K::Introductions, Marking::Official, None),
        (K::Apologies, Marking::Official, None),
        (K::PreviousMinutes, Marking::Official, None),
        (
            K::NewReferral,
            Marking::OfficialSensitive,
            Some(Descriptor::PersonalData),
        ),
        (
            K::CaseReview,
            Marking::OfficialSensitive,
            Some(Descriptor::PersonalData),
        ),
        (
            K::HotspotLocation,
            Marking::OfficialSensitive,
            Some(Descriptor::PersonalData),
        ),
        (K::AnyOtherBusiness, Marking::Official, None),
        (K::NextMeeting, Marking::Official, None),
    ]
    .into_iter()
    .map(|(kind, marking, descriptor)| AgendaItemInput {
        kind,
        title: match kind {
            K::NewReferral => "New referrals".to_owned(),
            K::CaseReview => "Case reviews".to_owned(),
            K::HotspotLocation => "Hotspot locations".to_owned(),
            other => other.label().to_owned(),
        },
        case_ref: None,
        presenting_agency_id: None,
        marking,
        descriptor,
    })
    .collect()
}

/// A meeting with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MeetingPage {
    /// The meeting's details.
    pub meeting: Meeting,
    /// The group's meeting before this one.
    pub previous: Option<Meeting>,
    /// The group's meeting after this one.
    pub next: Option<Meeting>,
    /// Invited people and their attendance.
    pub invitations: Vec<Invitation>,
    /// The agenda, in order.
    pub agenda: Vec<AgendaItem>,
    /// Actions raised at this meeting.
    pub actions_raised: Vec<Action>,
    /// Actions from earlier meetings of the group, for the "previous minutes
    /// and actions" item, with the updates recorded at this meeting.
    pub carried_forward: Vec<CarriedAction>,
    /// The confidentiality agreement register: signatures and declines, in
    /// the order made, withdrawn ones included.
    pub register: Vec<crate::signatures::Signature>,
    /// Who the chair marked as out of the room, item by item (R9): agenda
    /// order, then by name.
    pub out_of_room: Vec<crate::disclosures::OutOfRoom>,
}

const SELECT: &str = "SELECT m.id, m.group_id, g.name, m.kind, m.date, m.start_time, m.venue,
        m.chair_id, c.name, m.minute_taker_id, t.name, m.status, m.review_date
    FROM meeting m
    JOIN meeting_group g ON g.id = m.group_id
    LEFT JOIN person c ON c.id = m.chair_id
    LEFT JOIN person t ON t.id = m.minute_taker_id";

fn from_row(r: &Row<'_>) -> crate::error::rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: r.get(0)?,
        group_id: r.get(1)?,
        group_name: r.get(2)?,
        kind: r.get(3)?,
        date: r.get(4)?,
        start_time: r.get(5)?,
        venue: r.get(6)?,
        chair_id: r.get(7)?,
        chair_name: r.get(8)?,
        minute_taker_id: r.get(9)?,
        minute_taker_name: r.get(10)?,
        status: r.get(11)?,
        review_date: r.get(12)?,
    })
}

/// Which meetings a list shows.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct MeetingFilter {
    /// Only this group's.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub group_id: Option<i64>,
    /// Only on or after this date.
    #[serde(default)]
    pub from: Option<String>,
    /// Only on or before this date.
    #[serde(default)]
    pub to: Option<String>,
    /// Only with this status.
    #[serde(default)]
    pub status: Option<MeetingStatus>,
    /// At most this many (default 200, at most 1,000), newest first.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub limit: Option<u32>,
}

/// Meetings, newest first.
pub fn list(db: &Connection, filter: &MeetingFilter) -> Result<Vec<Meeting>> {
    let from = dates::optional_date("From", filter.from.as_deref())?.map(dates::to_text);
    let to = dates::optional_date("To", filter.to.as_deref())?.map(dates::to_text);
    let limit = filter.limit.unwrap_or(200).clamp(1, 1_000);
    let mut stmt = db.prepare_cached(&format!(
        "{SELECT}
         WHERE (?1 IS NULL OR m.group_id = ?1) AND (?2 IS NULL OR m.date >= ?2)
           AND (?3 IS NULL OR m.date <= ?3) AND (?4 IS NULL OR m.status = ?4)
         ORDER BY m.date DESC, m.start_time DESC, m.id DESC LIMIT ?5"
    ))?;
    let rows = stmt.query_map(
        params![filter.group_id, from, to, filter.status, limit],
        from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One meeting.
pub fn get(db: &Connection, id: i64) -> Result<Meeting> {
    db.query_row(&format!("{SELECT} WHERE m.id = ?1"), [id], from_row)
        .optional()?
        .ok_or(Error::NotFound("meeting"))
}

/// The group's meeting just before or after `m` (by date, time, id).
fn neighbour(db: &Connection, m: &Meeting, before: bool) -> Result<Option<Meeting>> {
    let sql = if before {
        format!(
            "{SELECT} WHERE m.group_id = ?1 AND (m.date, m.start_time, m.id) < (?2, ?3, ?4)
             ORDER BY m.date DESC, m.start_time DESC, m.id DESC LIMIT 1"
        )
    } else {
        format!(
            "{SELECT} WHERE m.group_id = ?1 AND (m.date, m.start_time, m.id) > (?2, ?3, ?4)
             ORDER BY m.date, m.start_time, m.id LIMIT 1"
        )
    };
    Ok(db
        .query_row(
            &sql,
            params![m.group_id, m.date, m.start_time, m.id],
            from_row,
        )
        .optional()?)
}

/// Everything the meeting page shows.
pub fn page(db: &Connection, id: i64, today: &str) -> Result<MeetingPage> {
    let meeting = get(db, id)?;
    Ok(MeetingPage {
        previous: neighbour(db, &meeting, true)?,
        next: neighbour(db, &meeting, false)?,
        invitations: invitations(db, id)?,
        agenda: agenda(db, id)?,
        actions_raised: actions::raised_at(db, id, today)?,
        carried_forward: actions::carried_forward(db, &meeting, today)?,
        register: crate::signatures::register(db, id)?,
        out_of_room: crate::disclosures::store::out_of_room(db, id)?,
        meeting,
    })
}

fn check_people(tx: &Connection, m: &CleanMeeting) -> Result<()> {
    let found: Option<i64> = tx
        .query_row(
            "SELECT id FROM meeting_group WHERE id = ?1",
            [m.group_id],
            |r| r.get(0),
        )
        .optional()?;
    if found.is_none() {
        return Err(Error::invalid(
            "Group",
            "is not in the list of groups. Choose a group, or add it first.",
        ));
    }
    if let Some(id) = m.chair_id {
        people::require(tx, id, "Chair")?;
    }
    if let Some(id) = m.minute_taker_id {
        people::require(tx, id, "Minute-taker")?;
    }
    Ok(())
}

/// Plans a meeting with the usual agenda and the given invitations.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    m: &CleanMeeting,
    review_months: u32,
    invitees: &[i64],
    now: &str,
) -> Result<i64> {
    check_people(tx, m)?;
    let review = match &m.review_date {
        Some(r) => r.clone(),
        None => {
            let date = dates::date("Meeting date", &m.date)?;
            dates::to_text(dates::add_months(date, review_months))
        }
    };
    tx.execute(
        "INSERT INTO meeting (group_id, kind, date, start_time, venue, chair_id, minute_taker_id,
                              status, review_date, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'planned', ?8, ?9, ?9)",
        params![
            m.group_id,
            m.kind,
            m.date,
            m.start_time,
            m.venue,
            m.chair_id,
            m.minute_taker_id,
            review,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    for item in usual_agenda() {
        insert_item(tx, id, &item, now)?;
    }
    for person in invitees {
        invite(tx, id, *person)?;
    }
    Ok(id)
}

pub(crate) fn update(tx: &Transaction<'_>, id: i64, m: &CleanMeeting, now: &str) -> Result<()> {
    check_people(tx, m)?;
    let current = get(tx, id)?;
    let review = m.review_date.clone().unwrap_or(current.review_date);
    if review < m.date {
        return Err(Error::invalid(
            "Review date",
            "must be on or after the meeting date. Please choose a later review date.",
        ));
    }
    tx.execute(
        "UPDATE meeting SET group_id = ?2, kind = ?3, date = ?4, start_time = ?5, venue = ?6,
             chair_id = ?7, minute_taker_id = ?8, review_date = ?9, updated_at = ?10
         WHERE id = ?1",
        params![
            id,
            m.group_id,
            m.kind,
            m.date,
            m.start_time,
            m.venue,
            m.chair_id,
            m.minute_taker_id,
            review,
            now
        ],
    )?;
    Ok(())
}

pub(crate) fn set_status(
    tx: &Transaction<'_>,
    id: i64,
    status: MeetingStatus,
    now: &str,
) -> Result<()> {
    let n = tx.execute(
        "UPDATE meeting SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, status, now],
    )?;
    if n == 0 {
        return Err(Error::NotFound("meeting"));
    }
    Ok(())
}

// ---- invitations and attendance ------------------------------------------

/// Invited people, by name.
pub fn invitations(db: &Connection, meeting_id: i64) -> Result<Vec<Invitation>> {
    let mut stmt = db.prepare_cached(
        "SELECT i.person_id, p.name, a.name, p.role, i.attendance, i.written_update,
                i.arrived_at, i.left_at, p.agency_id
         FROM invitation i JOIN person p ON p.id = i.person_id JOIN agency a ON a.id = p.agency_id
         WHERE i.meeting_id = ?1 ORDER BY a.name COLLATE NOCASE, p.name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([meeting_id], |r| {
        Ok(Invitation {
            person_id: r.get(0)?,
            name: r.get(1)?,
            agency_name: r.get(2)?,
            agency_id: r.get(8)?,
            role: r.get(3)?,
            attendance: r.get(4)?,
            written_update: r.get(5)?,
            arrived_at: r.get(6)?,
            left_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether the person is invited to the meeting.
pub(crate) fn is_invited(db: &Connection, meeting_id: i64, person_id: i64) -> Result<bool> {
    Ok(db.query_row(
        "SELECT EXISTS (SELECT 1 FROM invitation WHERE meeting_id = ?1 AND person_id = ?2)",
        [meeting_id, person_id],
        |r| r.get(0),
    )?)
}

pub(crate) fn invite(tx: &Transaction<'_>, meeting_id: i64, person_id: i64) -> Result<()> {
    get(tx, meeting_id)?;
    people::require(tx, person_id, "Person")?;
    let n = tx.execute(
        "INSERT INTO invitation (meeting_id, person_id) VALUES (?1, ?2)
         ON CONFLICT DO NOTHING",
        params![meeting_id, person_id],
    )?;
    if n == 0 {
        return Err(Error::Conflict(
            "That person is already invited to this meeting.".into(),
        ));
    }
    Ok(())
}

pub(crate) fn uninvite(tx: &Transaction<'_>, meeting_id: i64, person_id: i64) -> Result<()> {
    let attendance: Option<Attendance> = tx
        .query_row(
            "SELECT attendance FROM invitation WHERE meeting_id = ?1 AND person_id = ?2",
            params![meeting_id, person_id],
            |r| r.get(0),
        )
        .optional()?;
    match attendance {
        None => Err(Error::NotFound("invitation")),
        Some(Attendance::Invited) => {
            tx.execute(
                "DELETE FROM invitation WHERE meeting_id = ?1 AND person_id = ?2",
                params![meeting_id, person_id],
            )?;
            Ok(())
        }
        Some(_) => Err(Error::Conflict(
            "Their attendance is already recorded, so the invitation stays. Set their attendance \
             back to \"Invited\" first if they were invited by mistake."
                .into(),
        )),
    }
}

pub(crate) fn set_attendance(tx: &Transaction<'_>, input: &AttendanceInput) -> Result<()> {
    let arrived = dates::optional_time("Arrived at", input.arrived_at.as_deref())?;
    let left = dates::optional_time("Left at", input.left_at.as_deref())?;
    let present = input.attendance == Attendance::Present;
    if !present && (arrived.is_some() || left.is_some()) {
        return Err(Error::invalid(
            "Arrived at",
            "only applies to people who were present. Clear the times, or mark them present.",
        ));
    }
    if input.written_update && input.attendance != Attendance::Apologies {
        return Err(Error::invalid(
            "Written update sent",
            "only applies to people who sent apologies. Untick it, or record apologies.",
        ));
    }
    if let (Some(a), Some(l)) = (arrived, left)
        && l <= a
    {
        return Err(Error::invalid(
            "Left at",
            "must be after the time they arrived. Please correct one of the times.",
        ));
    }
    let n = tx.execute(
        "UPDATE invitation SET attendance = ?3, written_update = ?4, arrived_at = ?5, left_at = ?6
         WHERE meeting_id = ?1 AND person_id = ?2",
        params![
            input.meeting_id,
            input.person_id,
            input.attendance,
            input.written_update,
            arrived.map(dates::time_text),
            left.map(dates::time_text)
        ],
    )?;
    if n == 0 {
        return Err(Error::invalid(
            "Person",
            "is not invited to this meeting. Invite them first, then record their attendance.",
        ));
    }
    Ok(())
}

// ---- agenda ----------------------------------------------------------------

/// The agenda, in order.
pub fn agenda(db: &Connection, meeting_id: i64) -> Result<Vec<AgendaItem>> {
    let mut stmt = db.prepare_cached(
        "SELECT i.id, i.meeting_id, i.position, i.kind, i.title, i.case_ref,
                i.presenting_agency_id, a.name, i.marking, i.descriptor, c.id
         FROM agenda_item i LEFT JOIN agency a ON a.id = i.presenting_agency_id
         LEFT JOIN case_record c ON c.case_ref = i.case_ref
         WHERE i.meeting_id = ?1 ORDER BY i.position, i.id",
    )?;
    let rows = stmt.query_map([meeting_id], item_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn item_from_row(r: &Row<'_>) -> crate::error::rusqlite::Result<AgendaItem> {
    Ok(AgendaItem {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        position: r.get(2)?,
        kind: r.get(3)?,
        title: r.get(4)?,
        case_ref: r.get(5)?,
        presenting_agency_id: r.get(6)?,
        presenting_agency_name: r.get(7)?,
        marking: r.get(8)?,
        descriptor: r.get(9)?,
        case_id: r.get(10)?,
    })
}

/// One agenda item.
pub fn item(db: &Connection, id: i64) -> Result<AgendaItem> {
    db.query_row(
        "SELECT i.id, i.meeting_id, i.position, i.kind, i.title, i.case_ref,
                i.presenting_agency_id, a.name, i.marking, i.descriptor, c.id
         FROM agenda_item i LEFT JOIN agency a ON a.id = i.presenting_agency_id
         LEFT JOIN case_record c ON c.case_ref = i.case_ref
         WHERE i.id = ?1",
        [id],
        item_from_row,
    )
    .optional()?
    .ok_or(Error::NotFound("agenda item"))
}

/// Most items one agenda may hold.
pub const MAX_AGENDA_ITEMS: i64 = 200;

pub(crate) fn insert_item(
    tx: &Transaction<'_>,
    meeting_id: i64,
    input: &AgendaItemInput,
    now: &str,
) -> Result<i64> {
    if let Some(a) = input.presenting_agency_id {
        people::require_agency(tx, a, "Presenting agency")?;
    }
    let count: i64 = tx.query_row(
        "SELECT count(*) FROM agenda_item WHERE meeting_id = ?1",
        [meeting_id],
        |r| r.get(0),
    )?;
    if count >= MAX_AGENDA_ITEMS {
        return Err(Error::Conflict(format!(
            "This agenda already has {MAX_AGENDA_ITEMS} items, the most one meeting can hold. \
             Move some to another meeting."
        )));
    }
    tx.execute(
        "INSERT INTO agenda_item (meeting_id, position, kind, title, case_ref,
                                  presenting_agency_id, marking, descriptor, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            meeting_id,
            count + 1,
            input.kind,
            input.title,
            input.case_ref,
            input.presenting_agency_id,
            input.marking,
            input.descriptor,
            now
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn update_item(
    tx: &Transaction<'_>,
    id: i64,
    input: &AgendaItemInput,
    now: &str,
) -> Result<()> {
    if let Some(a) = input.presenting_agency_id {
        people::require_agency(tx, a, "Presenting agency")?;
    }
    let n = tx.execute(
        "UPDATE agenda_item SET kind = ?2, title = ?3, case_ref = ?4, presenting_agency_id = ?5,
             marking = ?6, descriptor = ?7, updated_at = ?8
         WHERE id = ?1",
        params![
            id,
            input.kind,
            input.title,
            input.case_ref,
            input.presenting_agency_id,
            input.marking,
            input.descriptor,
            now
        ],
    )?;
    if n == 0 {
        return Err(Error::NotFound("agenda item"));
    }
    Ok(())
}

pub(crate) fn remove_item(tx: &Transaction<'_>, id: i64) -> Result<i64> {
    let it = item(tx, id)?;
    let actions: i64 = tx.query_row(
        "SELECT count(*) FROM action WHERE raised_item_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if actions > 0 {
        return Err(Error::Conflict(
            "Actions were raised under this item, so it stays on the agenda. Retitle it instead."
                .into(),
        ));
    }
    if crate::disclosures::store::item_has_disclosures(tx, id)? {
        return Err(Error::Conflict(
            "Disclosures were recorded under this item, so it stays on the agenda. Retitle it \
             instead."
                .into(),
        ));
    }
    tx.execute("DELETE FROM out_of_room WHERE item_id = ?1", [id])?;
    tx.execute("DELETE FROM agenda_item WHERE id = ?1", [id])?;
    renumber(tx, it.meeting_id, None)?;
    Ok(it.meeting_id)
}

/// Moves an item to `to` (1-based; clamped to the agenda) and renumbers.
pub(crate) fn move_item(tx: &Transaction<'_>, id: i64, to: i64) -> Result<i64> {
    let it = item(tx, id)?;
    renumber(tx, it.meeting_id, Some((id, to)))?;
    Ok(it.meeting_id)
}

/// Gives the meeting's items positions 1..n, optionally placing one item at
/// a new position. Only rows whose position changes are written.
fn renumber(tx: &Transaction<'_>, meeting_id: i64, place: Option<(i64, i64)>) -> Result<()> {
    let mut ids: Vec<(i64, i64)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT id, position FROM agenda_item WHERE meeting_id = ?1 ORDER BY position, id",
        )?;
        stmt.query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?
    };
    if let Some((id, to)) = place
        && let Some(from) = ids.iter().position(|(i, _)| *i == id)
    {
        let entry = ids.remove(from);
        let to = usize::try_from(to.saturating_sub(1))
            .unwrap_or(0)
            .min(ids.len());
        ids.insert(to, entry);
    }
    let mut stmt = tx.prepare_cached("UPDATE agenda_item SET position = ?2 WHERE id = ?1")?;
    for (n, (id, old)) in ids.iter().enumerate() {
        let new = n as i64 + 1;
        if *old != new {
            stmt.execute(params![id, new])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_ref_table() {
        for (input, want) in [
            (None, None),
            (Some("  "), None),
            (Some("ns-2026-014"), Some("NS-2026-014")),
            (Some("HL/7"), Some("HL/7")),
            (Some("C.12"), Some("C.12")),
        ] {
            assert_eq!(case_ref(input).unwrap().as_deref(), want, "{input:?}");
        }
        for (input, want) in [
            ("John Smith", "short code"),
            ("Smith", "short code"),
            ("NS 2026 014", "short code"),
            ("NS-2026-014-ABCDEFGHIJ", "too long"),
            ("NS\u{202E}41", "text-direction"),
            ("Zoë-1", "short code"),
        ] {
            let err = case_ref(Some(input)).unwrap_err().to_string();
            assert!(err.starts_with("Case reference: "), "{err}");
            assert!(err.contains(want), "{input:?}: {err}");
        }
    }

    #[test]
    fn usual_agenda_starts_with_introductions_and_ends_with_next_meeting() {
        let items = usual_agenda();
        assert_eq!(items.len(), 8);
        assert_eq!(items[0].kind, AgendaItemKind::Introductions);
        assert_eq!(items[2].kind, AgendaItemKind::PreviousMinutes);
        assert_eq!(items[7].kind, AgendaItemKind::NextMeeting);
        for item in &items {
            item.clean().expect("the usual agenda passes its own rules");
        }
    }
}
