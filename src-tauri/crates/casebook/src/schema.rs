//! The schema, as numbered migrations. `PRAGMA user_version` holds the
//! number of the last one applied. Every table has an explicit primary key:
//! the vault journals changes with SQLite sessions, which skip tables
//! without one.

use crate::error::{Error, Result, rusqlite::Transaction};

/// Migrations in order; migration *n* is `MIGRATIONS[n - 1]`.
const MIGRATIONS: &[&str] = &[
    // 1: the audit trail, the partner directory, settings.
    "
    CREATE TABLE audit_entry (
        seq         INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        actor       TEXT NOT NULL,
        action      TEXT NOT NULL,
        record_type TEXT NOT NULL,
        record_id   TEXT NOT NULL,
        prev_hash   BLOB NOT NULL CHECK (length(prev_hash) = 32),
        hash        BLOB NOT NULL CHECK (length(hash) = 32)
    ) STRICT;
    CREATE TABLE agency (
        id                     INTEGER PRIMARY KEY,
        name                   TEXT NOT NULL UNIQUE COLLATE NOCASE,
        designated_person_role TEXT NOT NULL,
        active                 INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at             TEXT NOT NULL,
        updated_at             TEXT NOT NULL
    ) STRICT;
    CREATE TABLE setting (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    ",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The schema version of the working copy.
pub fn version(db: &crate::error::rusqlite::Connection) -> Result<i64> {
    Ok(db.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Whether `from` needs migrating; refuses a newer schema.
pub fn needs_migration(from: i64) -> Result<bool> {
    if from > SCHEMA_VERSION {
        return Err(Error::SchemaNewer {
            found: from,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(from < SCHEMA_VERSION)
}

/// Applies every migration after `from`, in one transaction.
pub fn migrate(tx: &Transaction<'_>, from: i64) -> Result<()> {
    for (i, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(from).unwrap_or(0))
    {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    Ok(())
}

/// Each table of the schema, with the migration that created it.
const TABLES: &[(&str, i64)] = &[("audit_entry", 1), ("agency", 1), ("setting", 1)];

/// Tables that every vault of schema `version` has (for `verify`).
pub fn tables_at(version: i64) -> impl Iterator<Item = &'static str> {
    TABLES
        .iter()
        .filter(move |(_, since)| *since <= version)
        .map(|(table, _)| *table)
}
