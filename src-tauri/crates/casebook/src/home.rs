//! The home screen: what needs the chair's attention.

use serde::{Deserialize, Serialize};

use crate::actions::{self, Action, ActionFilter};
use crate::error::{Result, rusqlite::Connection};
use crate::meetings::{self, Meeting, MeetingFilter};

/// What the home screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Home {
    /// Today in Europe/London (`YYYY-MM-DD`).
    pub today: String,
    /// Planned or in-progress meetings from today on, soonest first.
    pub next_meetings: Vec<Meeting>,
    /// Open actions past their due date, most overdue first.
    pub overdue_actions: Vec<Action>,
    /// Meetings whose review date has come: their records are due for review.
    pub review_due: Vec<Meeting>,
}

/// Builds the home screen for `today`.
pub fn home(db: &Connection, today: &str) -> Result<Home> {
    let mut next: Vec<Meeting> = meetings::list(
        db,
        &MeetingFilter {
            from: Some(today.to_owned()),
            limit: Some(1_000),
            ..MeetingFilter::default()
        },
    )?
    .into_iter()
    .filter(|m| {
        matches!(
            m.status,
            crate::kinds::MeetingStatus::Planned | crate::kinds::MeetingStatus::InProgress
        )
    })
    .collect();
    next.reverse();
    next.truncate(5);
    let overdue = actions::list(
        db,
        &ActionFilter {
            overdue_only: true,
            limit: Some(50),
            ..ActionFilter::default()
        },
        today,
    )?;
    let mut stmt = db.prepare_cached(
        "SELECT id FROM meeting WHERE review_date <= ?1 ORDER BY review_date, id LIMIT 50",
    )?;
    let ids: Vec<i64> = stmt
        .query_map([today], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let review_due = ids
        .into_iter()
        .map(|id| meetings::get(db, id))
        .collect::<Result<_>>()?;
    Ok(Home {
        today: today.to_owned(),
        next_meetings: next,
        overdue_actions: overdue,
        review_due,
    })
}
