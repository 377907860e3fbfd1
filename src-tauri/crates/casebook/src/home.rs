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
    /// Information requests needing attention: unanswered ones overdue or
    /// due within three working days, and ones still to complete (an
    /// emergency by telephone not yet written up), soonest due first.
    pub requests: Vec<crate::requests::RequestSummary>,
    /// Information requests whose review date has come.
    pub requests_review_due: Vec<crate::requests::RequestSummary>,
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
    let day = crate::dates::date("Today", today)?;
    let (unanswered, review) = crate::requests::store::for_home(db, day)?;
    let requests_review_due = review.into_iter().take(50).collect();
    let requests = unanswered
        .into_iter()
        .filter(|r| {
            r.progress.stage == crate::requests::progress::Stage::ToComplete
                || r.progress.overdue
                || r.progress.due_soon
        })
        .take(50)
        .collect();
    Ok(Home {
        today: today.to_owned(),
        next_meetings: next,
        overdue_actions: overdue,
        review_due,
        requests,
        requests_review_due,
    })
}
