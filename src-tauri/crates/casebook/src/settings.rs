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
}

/// Default idle time before the vault locks itself.
pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;
const AUTO_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=60;

impl Settings {
    pub(crate) fn check(&self) -> Result<()> {
        if !AUTO_LOCK_RANGE.contains(&self.auto_lock_minutes) {
            return Err(Error::invalid(
                "Auto-lock after (minutes)",
                "must be a whole number of minutes from 1 to 60.",
            ));
        }
        Ok(())
    }
}

/// Reads the settings, with defaults for anything never set.
pub fn get(db: &Connection) -> Result<Settings> {
    let minutes: Option<String> = db
        .query_row(
            "SELECT value FROM setting WHERE key = 'auto_lock_minutes'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(Settings {
        auto_lock_minutes: minutes
            .and_then(|m| m.parse().ok())
            .filter(|m| AUTO_LOCK_RANGE.contains(m))
            .unwrap_or(DEFAULT_AUTO_LOCK_MINUTES),
    })
}

pub(crate) fn put(tx: &Transaction<'_>, s: &Settings) -> Result<()> {
    tx.execute(
        "INSERT INTO setting (key, value) VALUES ('auto_lock_minutes', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![s.auto_lock_minutes.to_string()],
    )?;
    Ok(())
}
