//! Settings kept inside the vault (so they are encrypted and travel with it).

use serde::{Deserialize, Serialize};

use crate::error::{
    Error, Result,
    rusqlite::{Connection, OptionalExtension, Transaction, params},
};

/// The chair's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Lock the vault after this many minutes without activity (1–60).
    pub auto_lock_minutes: u32,
    /// A new meeting's review date: this many months after it (1–120).
    /// The chair can change each meeting's own review date.
    pub review_months: u32,
}

/// A change to the settings: what is left out (or null) keeps its value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SettingsChange {
    /// New idle minutes before the vault locks itself (1–60).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub auto_lock_minutes: Option<u32>,
    /// New months from a meeting to its default review date (1–120).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub review_months: Option<u32>,
}

impl SettingsChange {
    /// `current` with this change made.
    pub fn applied_to(&self, current: Settings) -> Settings {
        Settings {
            auto_lock_minutes: self.auto_lock_minutes.unwrap_or(current.auto_lock_minutes),
            review_months: self.review_months.unwrap_or(current.review_months),
        }
    }
}

impl From<Settings> for SettingsChange {
    fn from(s: Settings) -> Self {
        SettingsChange {
            auto_lock_minutes: Some(s.auto_lock_minutes),
            review_months: Some(s.review_months),
        }
    }
}

/// Default idle time before the vault locks itself.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;
/// The idle times a chair may choose, in minutes.
pub const AUTO_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=60;
/// Default months from a meeting to its review date.
pub const DEFAULT_REVIEW_MONTHS: u32 = 12;
/// The label of the auto-lock setting, as forms and messages name it.
pub const AUTO_LOCK_FIELD: &str = "Auto-lock after (minutes)";
/// The label of the review setting, as forms and messages name it.
pub const REVIEW_FIELD: &str = "Review meetings after (months)";
/// The months from a meeting to its review date a chair may choose.
pub const REVIEW_RANGE: std::ops::RangeInclusive<u32> = 1..=120;

impl Settings {
    pub(crate) fn check(&self) -> Result<()> {
        if !AUTO_LOCK_RANGE.contains(&self.auto_lock_minutes) {
            return Err(Error::invalid(
                AUTO_LOCK_FIELD,
                "must be a whole number of minutes from 1 to 60.",
            ));
        }
        if !REVIEW_RANGE.contains(&self.review_months) {
            return Err(Error::invalid(
                REVIEW_FIELD,
                "must be a whole number of months from 1 to 120.",
            ));
        }
        Ok(())
    }
}

/// Reads the settings, with defaults for anything never set.
pub fn get(db: &Connection) -> Result<Settings> {
    let read = |key: &str, range: std::ops::RangeInclusive<u32>, default: u32| -> Result<u32> {
        let value: Option<String> = db
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(value
            .and_then(|m| m.parse().ok())
            .filter(|m| range.contains(m))
            .unwrap_or(default))
    };
    Ok(Settings {
        auto_lock_minutes: read(
            "auto_lock_minutes",
            AUTO_LOCK_RANGE,
            DEFAULT_AUTO_LOCK_MINUTES,
        )?,
        review_months: read("review_months", REVIEW_RANGE, DEFAULT_REVIEW_MONTHS)?,
    })
}

pub(crate) fn put(tx: &Transaction<'_>, s: &Settings) -> Result<()> {
    for (key, value) in [
        ("auto_lock_minutes", s.auto_lock_minutes),
        ("review_months", s.review_months),
    ] {
        tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value.to_string()],
        )?;
    }
    Ok(())
}
