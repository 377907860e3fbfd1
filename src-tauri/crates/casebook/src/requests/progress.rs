//! Where a request stands, and when it is due (R11, R12): a pure function
//! of what has been recorded and today's date, so that the register, the
//! home screen and the form all say the same.
//!
//! A request's clock starts the day it is received (or, for one we make,
//! the day we send it) and it is due by the tenth working day after
//! ([`crate::workdays::add_working_days`]). Until its form is complete —
//! an emergency taken by telephone, or a form still being filled in — it
//! is "to complete"; then it waits for the response, the point of
//! contact's quality assurance and the decision, in that order. It is
//! overdue while unanswered after its due date; "due soon" within three
//! working days of it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::{long_text, to_text};
use crate::workdays;

/// Working days a reply is due within (5.5).
pub const DUE_WITHIN_WORKING_DAYS: u32 = 10;
/// How near its due date (in working days) a request shows as due soon.
pub const DUE_SOON_WORKING_DAYS: u32 = 3;

/// The stage a request is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Its form is not complete yet (an emergency by telephone, or a form
    /// being filled in).
    ToComplete,
    /// Complete; not answered yet.
    AwaitingResponse,
    /// Answered; the point of contact has not quality assured it yet.
    AwaitingQuality,
    /// Quality assured; not decided yet.
    AwaitingDecision,
    /// Decided.
    Decided,
}

impl Stage {
    /// Every value, in order.
    pub const ALL: &'static [Stage] = &[
        Stage::ToComplete,
        Stage::AwaitingResponse,
        Stage::AwaitingQuality,
        Stage::AwaitingDecision,
        Stage::Decided,
    ];

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Stage::ToComplete => "To complete",
            Stage::AwaitingResponse => "Awaiting the response",
            Stage::AwaitingQuality => "Awaiting quality assurance",
            Stage::AwaitingDecision => "Awaiting the decision",
            Stage::Decided => "Decided",
        }
    }
}

/// What has been recorded of a request, as far as its progress goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    /// The day its clock starts.
    pub received_on: NaiveDate,
    /// Whether its form is complete.
    pub form_complete: bool,
    /// The day it was answered, if it was.
    pub responded_on: Option<NaiveDate>,
    /// Whether the point of contact has quality assured the response.
    pub quality_assured: bool,
    /// Whether it is decided.
    pub decided: bool,
}

/// Where a request stands today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Progress {
    /// Its stage.
    pub stage: Stage,
    /// When the reply is due (`YYYY-MM-DD`).
    pub due_on: String,
    /// Answered after its due date, or unanswered and past it.
    pub overdue: bool,
    /// Unanswered, and due within [`DUE_SOON_WORKING_DAYS`] working days
    /// (today included when today is the due date).
    pub due_soon: bool,
    /// Unanswered: working days left until the due date (0 on it and
    /// after it).
    #[ts(type = "number | null")]
    pub working_days_left: Option<u32>,
    /// What the register says of it, e.g. "Due Wednesday 16 December
    /// 2026, in 3 working days" or "Overdue since …".
    pub summary: String,
}

/// The due date of a request whose clock starts on `received_on`.
pub fn due_on(received_on: NaiveDate) -> NaiveDate {
    workdays::add_working_days(received_on, DUE_WITHIN_WORKING_DAYS)
}

/// Where a request stands on `today`.
pub fn progress(r: &Recorded, today: NaiveDate) -> Progress {
    let due = due_on(r.received_on);
    let stage = if !r.form_complete {
        Stage::ToComplete
    } else if r.responded_on.is_none() {
        Stage::AwaitingResponse
    } else if !r.quality_assured {
        Stage::AwaitingQuality
    } else if !r.decided {
        Stage::AwaitingDecision
    } else {
        Stage::Decided
    };
    let due_text = long_text(due);
    let (overdue, due_soon, left, summary) = match r.responded_on {
        Some(on) => {
            let late = on > due;
            let summary = if late {
                format!("Answered {} after its due date, {due_text}", long_text(on))
            } else {
                format!("Answered {}, within its time", long_text(on))
            };
            (late, false, None, summary)
        }
        None if today > due => {
            // On the weekend just after its due date, no working day has
            // passed yet: it is overdue all the same.
            let ago = match workdays::working_days_between(due, today) {
                0 => String::new(),
                1 => ", 1 working day ago".to_owned(),
                n => format!(", {n} working days ago"),
            };
            (
                true,
                false,
                Some(0),
                format!("Overdue: due {due_text}{ago}"),
            )
        }
        None => {
            let left = workdays::working_days_between(today, due);
            let when = match left {
                0 => "today".to_owned(),
                1 => "in 1 working day".to_owned(),
                n => format!("in {n} working days"),
            };
            (
                false,
                left <= DUE_SOON_WORKING_DAYS,
                Some(left),
                format!("Due {due_text}, {when}"),
            )
        }
    };
    Progress {
        stage,
        due_on: to_text(due),
        overdue,
        due_soon,
        working_days_left: left,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn recorded(received: &str) -> Recorded {
        Recorded {
            received_on: day(received),
            form_complete: true,
            responded_on: None,
            quality_assured: false,
            decided: false,
        }
    }

    #[test]
    fn the_stages_in_order() {
        let today = day("2026-12-03");
        let mut r = recorded("2026-12-02");
        r.form_complete = false;
        assert_eq!(progress(&r, today).stage, Stage::ToComplete);
        r.form_complete = true;
        assert_eq!(progress(&r, today).stage, Stage::AwaitingResponse);
        r.responded_on = Some(day("2026-12-03"));
        assert_eq!(progress(&r, today).stage, Stage::AwaitingQuality);
        r.quality_assured = true;
        assert_eq!(progress(&r, today).stage, Stage::AwaitingDecision);
        r.decided = true;
        assert_eq!(progress(&r, today).stage, Stage::Decided);
    }

    /// Received, today, then: overdue, due soon, working days left, summary.
    #[test]
    fn due_soon_and_overdue_count_working_days() {
        for (received, today, overdue, soon, left, summary) in [
            (
                "2026-12-02",
                "2026-12-02",
                false,
                false,
                Some(10),
                "Due Wednesday 16 December 2026, in 10 working days",
            ),
            (
                "2026-12-02",
                "2026-12-11",
                false,
                true,
                Some(3),
                "Due Wednesday 16 December 2026, in 3 working days",
            ),
            (
                "2026-12-02",
                "2026-12-16",
                false,
                true,
                Some(0),
                "Due Wednesday 16 December 2026, today",
            ),
            (
                "2026-12-02",
                "2026-12-17",
                true,
                false,
                Some(0),
                "Overdue: due Wednesday 16 December 2026, 1 working day ago",
            ),
            // Due on a Friday, today the Saturday after.
            (
                "2026-11-20",
                "2026-12-05",
                true,
                false,
                Some(0),
                "Overdue: due Friday 4 December 2026",
            ),
            // Over Christmas: 25 and 28 December are not working days.
            (
                "2026-12-18",
                "2026-12-31",
                false,
                true,
                Some(3),
                "Due Wednesday 6 January 2027, in 3 working days",
            ),
            // A weekend between today and the due date does not count.
            (
                "2026-11-30",
                "2026-12-11",
                false,
                true,
                Some(1),
                "Due Monday 14 December 2026, in 1 working day",
            ),
        ] {
            let p = progress(&recorded(received), day(today));
            assert_eq!(
                (
                    p.overdue,
                    p.due_soon,
                    p.working_days_left,
                    p.summary.as_str()
                ),
                (overdue, soon, left, summary),
                "received {received}, today {today}"
            );
        }
    }

    #[test]
    fn an_answer_stops_the_clock_and_says_whether_it_was_in_time() {
        let mut r = recorded("2026-12-02");
        r.responded_on = Some(day("2026-12-16"));
        let p = progress(&r, day("2027-01-20"));
        assert!(!p.overdue && !p.due_soon && p.working_days_left.is_none());
        assert_eq!(
            p.summary,
            "Answered Wednesday 16 December 2026, within its time"
        );
        r.responded_on = Some(day("2026-12-17"));
        let p = progress(&r, day("2027-01-20"));
        assert!(p.overdue);
        assert_eq!(
            p.summary,
            "Answered Thursday 17 December 2026 after its due date, Wednesday 16 December 2026"
        );
    }
}
