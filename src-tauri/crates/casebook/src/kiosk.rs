//! What the signing kiosk shows: the meeting's name, the agreement, and
//! the expected attendees with whether each has signed. Nothing else from
//! the vault reaches the kiosk.

use serde::{Deserialize, Serialize};

use crate::agreements::{self, Agreement};
use crate::error::{Result, rusqlite::Connection};
use crate::signatures::{self, MAX_POINTS, MAX_STROKES, Outcome, PAD_HEIGHT, PAD_WIDTH};
use crate::{Attendance, MeetingKind, meetings};

/// Where an expected attendee stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum KioskState {
    /// Not signed yet.
    Waiting,
    /// Signed (drawn or typed).
    Signed,
    /// Declined.
    Declined,
}

/// One expected attendee, as the kiosk lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct KioskAttendee {
    /// The person.
    #[ts(type = "number")]
    pub person_id: i64,
    /// Their name.
    pub name: String,
    /// Their agency.
    pub agency_name: String,
    /// Their role.
    pub role: String,
    /// Signed, declined or waiting.
    pub state: KioskState,
    /// Their attendance as recorded so far (someone who sent apologies may
    /// still come).
    pub attendance: Attendance,
}

/// An agency to choose for someone not on the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct KioskAgency {
    /// The agency.
    #[ts(type = "number")]
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// The pad's coordinate space and limits, so the UI uses Rust's numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct PadLimits {
    /// Width in pad units.
    pub width: u16,
    /// Height in pad units.
    pub height: u16,
    /// Most strokes.
    pub max_strokes: u32,
    /// Most points over all strokes.
    pub max_points: u32,
}

/// Everything the kiosk shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct KioskView {
    /// The meeting being signed for.
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// Its group's name.
    pub group_name: String,
    /// Its kind.
    pub kind: MeetingKind,
    /// Its date (`YYYY-MM-DD`).
    pub date: String,
    /// The agreement to read and sign (the current version).
    pub agreement: Agreement,
    /// The invited people, by name.
    pub attendees: Vec<KioskAttendee>,
    /// Active agencies, for someone not on the list.
    pub agencies: Vec<KioskAgency>,
    /// The pad.
    pub pad: PadLimits,
}

/// The kiosk's view of a meeting.
pub fn view(db: &Connection, meeting_id: i64) -> Result<KioskView> {
    let meeting = meetings::get(db, meeting_id)?;
    let mut attendees = Vec::new();
    for inv in meetings::invitations(db, meeting_id)? {
        let state = match signatures::standing(db, meeting_id, inv.person_id)? {
            None => KioskState::Waiting,
            Some(s) if s.outcome == Outcome::Declined => KioskState::Declined,
            Some(_) => KioskState::Signed,
        };
        attendees.push(KioskAttendee {
            person_id: inv.person_id,
            name: inv.name,
            agency_name: inv.agency_name,
            role: inv.role,
            state,
            attendance: inv.attendance,
        });
    }
    attendees.sort_by(|a, b| a.name.cmp(&b.name));
    let mut stmt = db.prepare("SELECT id, name FROM agency WHERE active ORDER BY name")?;
    let agencies = stmt
        .query_map([], |r| {
            Ok(KioskAgency {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(KioskView {
        meeting_id,
        group_name: meeting.group_name,
        kind: meeting.kind,
        date: meeting.date,
        agreement: agreements::current(db)?,
        attendees,
        agencies,
        pad: PAD_LIMITS,
    })
}

/// The signature pad, wherever a signature is drawn (the kiosk, the
/// request form): its size in pad units and what it holds.
pub const PAD_LIMITS: PadLimits = PadLimits {
    width: PAD_WIDTH,
    height: PAD_HEIGHT,
    max_strokes: MAX_STROKES as u32,
    max_points: MAX_POINTS as u32,
};
