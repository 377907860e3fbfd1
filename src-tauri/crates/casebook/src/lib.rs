//! The domain of Tasking Vault: the records a chair keeps, the rules of the
//! Safer Communities Information Sharing Arrangement, and the audit trail.
//!
//! # A tour
//!
//! - [`Casebook`] wraps an unlocked [`vault::Vault`]. Reads go straight to
//!   the working copy; **every change goes through one private function**,
//!   `Casebook::change`, which validates, writes, appends a hash-chained
//!   [`audit`] entry and commits — durably — in one transaction.
//! - [`schema`] holds the numbered migrations; opening an older vault
//!   migrates it.
//! - [`agencies`] is the partner directory, seeded on creation with the
//!   seven partners of the Arrangement's Appendix A.
//! - [`text`] holds the input rules every text field obeys.
//! - Time comes from an injected [`Clock`].

pub mod agencies;
pub mod audit;
pub mod demo;
mod error;
pub mod schema;
pub mod settings;
pub mod text;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use vault::{CreateOptions, Passphrase, RecoverySecret, Vault};

pub use agencies::{Agency, AgencyInput};
pub use audit::{Actor, AuditDraft};
pub use error::{Error, Result};
pub use settings::Settings;

use error::rusqlite::Transaction;

/// Where "now" comes from. Tests inject a fixed clock.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A summary of a full check of the records (for `verify`).
#[derive(Debug, Clone)]
pub struct Verification {
    /// The vault's own check (header, parts, journal).
    pub vault: vault::CheckReport,
    /// Schema version of the records.
    pub schema_version: i64,
    /// Audit entries whose hashes verified.
    pub audit_entries: i64,
    /// Agencies in the directory.
    pub agencies: i64,
}

/// An unlocked casebook: the records of one vault.
pub struct Casebook {
    vault: Vault,
    clock: Arc<dyn Clock>,
    actor: Actor,
}

impl Casebook {
    /// Creates a vault at `path` with the current schema and the Appendix A
    /// partners. Returns the recovery secret, to be shown once.
    pub fn create(
        path: &Path,
        passphrase: &Passphrase,
        options: CreateOptions,
        clock: Arc<dyn Clock>,
        actor: Actor,
    ) -> Result<(Casebook, RecoverySecret)> {
        let now = stamp(clock.as_ref());
        let (vault, secret) = Vault::create(path, passphrase, options, |tx| {
            schema::migrate(tx, 0)?;
            for (name, role) in agencies::APPENDIX_A {
                let input = AgencyInput {
                    name: (*name).into(),
                    designated_person_role: (*role).into(),
                };
                let id = agencies::insert(tx, &input, &now)?;
                audit::append(tx, &now, Actor::System, &draft("agency.seed", "agency", id))?;
            }
            audit::append(
                tx,
                &now,
                actor,
                &AuditDraft {
                    action: "vault.create",
                    record_type: "vault",
                    record_id: String::new(),
                },
            )?;
            Ok::<(), Error>(())
        })?;
        Ok((
            Casebook {
                vault,
                clock,
                actor,
            },
            secret,
        ))
    }

    /// Unlocks the vault at `path` and migrates its records if they are older.
    pub fn open(
        path: &Path,
        passphrase: &Passphrase,
        clock: Arc<dyn Clock>,
        actor: Actor,
    ) -> Result<Casebook> {
        Self::wrap(Vault::open(path, passphrase)?, clock, actor)
    }

    /// Wraps an already unlocked vault (e.g. after recovery), migrating it if needed.
    pub fn wrap(mut vault: Vault, clock: Arc<dyn Clock>, actor: Actor) -> Result<Casebook> {
        let from = schema::version(vault.db())?;
        if schema::needs_migration(from)? {
            let now = stamp(clock.as_ref());
            vault.change_schema(|tx| {
                schema::migrate(tx, from)?;
                audit::append(
                    tx,
                    &now,
                    Actor::System,
                    &AuditDraft {
                        action: "schema.migrate",
                        record_type: "schema",
                        record_id: schema::SCHEMA_VERSION.to_string(),
                    },
                )
            })?;
        }
        Ok(Casebook {
            vault,
            clock,
            actor,
        })
    }

    /// The one way records change: runs `f` in a transaction, appends the
    /// audit entry it describes, and commits durably. `f` validates and
    /// writes, returning its result and the audit entry to record.
    fn change<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>, &str) -> Result<(T, AuditDraft)>,
    ) -> Result<T> {
        let now = stamp(self.clock.as_ref());
        let actor = self.actor;
        let value = self.vault.write(|tx| {
            let (value, draft) = f(tx, &now)?;
            audit::append(tx, &now, actor, &draft)?;
            Ok::<T, Error>(value)
        })?;
        // A long journal slows every unlock; fold it into a snapshot now and
        // then. The save above is already durable, so a compaction that fails
        // (disk full) loses nothing: the next save or the close tries again.
        if self.vault.needs_compaction() {
            let _ = self.vault.compact();
        }
        Ok(value)
    }

    /// Records that the chair confirmed the recovery secret is stored.
    pub fn confirm_recovery_saved(&mut self) -> Result<()> {
        self.change(|_, _| {
            Ok((
                (),
                AuditDraft {
                    action: "vault.recovery_secret_stored",
                    record_type: "vault",
                    record_id: String::new(),
                },
            ))
        })
    }

    /// The partner directory.
    pub fn agencies(&self, include_inactive: bool) -> Result<Vec<Agency>> {
        agencies::list(self.vault.db(), include_inactive)
    }

    /// Adds a partner agency.
    pub fn add_agency(&mut self, input: &AgencyInput) -> Result<Agency> {
        let input = input.clean()?;
        let id = self.change(|tx, now| {
            let id = agencies::insert(tx, &input, now)?;
            Ok((id, draft("agency.add", "agency", id)))
        })?;
        agencies::get(self.vault.db(), id)
    }

    /// Edits a partner agency's name or Designated Person role.
    pub fn update_agency(&mut self, id: i64, input: &AgencyInput) -> Result<Agency> {
        let input = input.clean()?;
        self.change(|tx, now| {
            agencies::update(tx, id, &input, now)?;
            Ok(((), draft("agency.update", "agency", id)))
        })?;
        agencies::get(self.vault.db(), id)
    }

    /// Deactivates (a partner left) or reactivates an agency. Agencies are
    /// never deleted: past records point at them.
    pub fn set_agency_active(&mut self, id: i64, active: bool) -> Result<Agency> {
        let action = if active {
            "agency.reactivate"
        } else {
            "agency.deactivate"
        };
        self.change(|tx, now| {
            agencies::set_active(tx, id, active, now)?;
            Ok(((), draft(action, "agency", id)))
        })?;
        agencies::get(self.vault.db(), id)
    }

    /// The chair's settings.
    pub fn settings(&self) -> Result<Settings> {
        settings::get(self.vault.db())
    }

    /// Changes the chair's settings.
    pub fn update_settings(&mut self, s: &Settings) -> Result<Settings> {
        s.check()?;
        self.change(|tx, _| {
            settings::put(tx, s)?;
            Ok((
                (),
                AuditDraft {
                    action: "settings.update",
                    record_type: "setting",
                    record_id: "auto_lock_minutes".into(),
                },
            ))
        })?;
        self.settings()
    }

    /// Changes the passphrase (and records that it was changed).
    pub fn change_passphrase(&mut self, current: &Passphrase, new: &Passphrase) -> Result<()> {
        self.vault.change_passphrase(current, new)?;
        self.change(|_, _| {
            Ok((
                (),
                AuditDraft {
                    action: "vault.passphrase_change",
                    record_type: "vault",
                    record_id: String::new(),
                },
            ))
        })
    }

    /// Checks everything: the vault's parts, the schema, the audit chain.
    pub fn verify(&self) -> Result<Verification> {
        let report = self.vault.check()?;
        let db = self.vault.db();
        let schema_version = schema::version(db)?;
        for table in schema::expected_tables() {
            let found: i64 = db.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )?;
            if found != 1 {
                return Err(Error::Vault(vault::Error::Damaged(vault::Part::Snapshot)));
            }
        }
        let audit_entries = audit::verify(db)?;
        let agencies: i64 = db.query_row("SELECT count(*) FROM agency", [], |r| r.get(0))?;
        Ok(Verification {
            vault: report,
            schema_version,
            audit_entries,
            agencies,
        })
    }

    /// The underlying vault (for compaction, timings and benchmarks).
    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// The underlying vault, mutably (compaction).
    pub fn vault_mut(&mut self) -> &mut Vault {
        &mut self.vault
    }

    /// Compacts if worthwhile and closes.
    pub fn close(self) -> Result<()> {
        Ok(self.vault.close()?)
    }

    /// Runs a raw write through the audited path; for the generator and
    /// tests that need bulk rows of later record types.
    #[doc(hidden)]
    pub fn change_raw<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>, &str) -> Result<(T, AuditDraft)>,
    ) -> Result<T> {
        self.change(f)
    }
}

fn draft(action: &'static str, record_type: &'static str, id: i64) -> AuditDraft {
    AuditDraft {
        action,
        record_type,
        record_id: id.to_string(),
    }
}

fn stamp(clock: &dyn Clock) -> String {
    clock
        .now()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
