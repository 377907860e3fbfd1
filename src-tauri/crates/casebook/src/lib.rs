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
//! - [`groups`], [`people`], [`meetings`] (invitations, attendance, agenda)
//!   and [`actions`] (with carry-forward) are the chair's everyday records;
//!   [`home`] and [`search`] read across them.
//! - [`text`] and [`dates`] hold the input rules every field obeys.
//! - Time comes from an injected [`Clock`].

pub mod actions;
pub mod agencies;
pub mod audit;
pub mod dates;
pub mod demo;
mod error;
pub mod groups;
pub mod home;
pub mod kinds;
pub mod meetings;
pub mod people;
pub mod schema;
pub mod search;
pub mod settings;
pub mod text;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use vault::{CreateOptions, Passphrase, RecoverySecret, Vault};

pub use actions::{
    Action, ActionEdit, ActionFilter, ActionInput, ActionStatusChange, ActionUpdate, CarriedAction,
};
pub use agencies::{Agency, AgencyInput};
pub use audit::{Actor, AuditDraft};
pub use error::{Error, Result};
pub use groups::{Group, GroupInput};
pub use home::Home;
pub use kinds::{
    ActionStatus, AgendaItemKind, Attendance, Descriptor, Marking, MeetingKind, MeetingStatus,
};
pub use meetings::{
    AgendaItem, AgendaItemInput, AttendanceInput, Invitation, Meeting, MeetingFilter, MeetingInput,
    MeetingPage,
};
pub use people::{Person, PersonInput};
pub use search::{HitKind, SearchHit};
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

/// Most people one meeting can invite.
pub const MAX_INVITEES: usize = 200;

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
                    record_id: "settings".into(),
                },
            ))
        })?;
        self.settings()
    }

    /// Today's date in Europe/London, `YYYY-MM-DD`.
    pub fn today(&self) -> String {
        dates::to_text(dates::today_london(self.clock.now()))
    }

    // ---- groups ----------------------------------------------------------

    /// Groups of meetings.
    pub fn groups(&self, include_inactive: bool) -> Result<Vec<Group>> {
        groups::list(self.vault.db(), include_inactive)
    }

    /// Adds a group.
    pub fn add_group(&mut self, input: &GroupInput) -> Result<Group> {
        let input = input.clean()?;
        let id = self.change(|tx, now| {
            let id = groups::insert(tx, &input, now)?;
            Ok((id, draft("group.add", "group", id)))
        })?;
        groups::get(self.vault.db(), id)
    }

    /// Renames a group or changes its usual kind of meeting.
    pub fn update_group(&mut self, id: i64, input: &GroupInput) -> Result<Group> {
        let input = input.clean()?;
        self.change(|tx, now| {
            groups::update(tx, id, &input, now)?;
            Ok(((), draft("group.update", "group", id)))
        })?;
        groups::get(self.vault.db(), id)
    }

    /// Marks a group as no longer meeting, or meeting again.
    pub fn set_group_active(&mut self, id: i64, active: bool) -> Result<Group> {
        let action = if active {
            "group.reactivate"
        } else {
            "group.deactivate"
        };
        self.change(|tx, now| {
            groups::set_active(tx, id, active, now)?;
            Ok(((), draft(action, "group", id)))
        })?;
        groups::get(self.vault.db(), id)
    }

    // ---- people ----------------------------------------------------------

    /// People.
    pub fn people(&self, include_inactive: bool) -> Result<Vec<Person>> {
        people::list(self.vault.db(), include_inactive)
    }

    /// Adds a person.
    pub fn add_person(&mut self, input: &PersonInput) -> Result<Person> {
        let input = input.clean()?;
        let id = self.change(|tx, now| {
            let id = people::insert(tx, &input, now)?;
            Ok((id, draft("person.add", "person", id)))
        })?;
        people::get(self.vault.db(), id)
    }

    /// Edits a person.
    pub fn update_person(&mut self, id: i64, input: &PersonInput) -> Result<Person> {
        let input = input.clean()?;
        self.change(|tx, now| {
            people::update(tx, id, &input, now)?;
            Ok(((), draft("person.update", "person", id)))
        })?;
        people::get(self.vault.db(), id)
    }

    /// Marks a person as no longer taking part, or taking part again.
    pub fn set_person_active(&mut self, id: i64, active: bool) -> Result<Person> {
        let action = if active {
            "person.reactivate"
        } else {
            "person.deactivate"
        };
        self.change(|tx, now| {
            people::set_active(tx, id, active, now)?;
            Ok(((), draft(action, "person", id)))
        })?;
        people::get(self.vault.db(), id)
    }

    // ---- meetings --------------------------------------------------------

    /// Meetings, newest first.
    pub fn meetings(&self, filter: &MeetingFilter) -> Result<Vec<Meeting>> {
        meetings::list(self.vault.db(), filter)
    }

    /// Everything a meeting's page shows.
    pub fn meeting_page(&self, id: i64) -> Result<MeetingPage> {
        meetings::page(self.vault.db(), id, &self.today())
    }

    /// Plans a meeting from the usual agenda, inviting `invitees`.
    pub fn plan_meeting(&mut self, input: &MeetingInput, invitees: &[i64]) -> Result<MeetingPage> {
        let m = input.clean()?;
        if invitees.len() > MAX_INVITEES {
            return Err(Error::invalid(
                "Invitees",
                format!("are too many (at most {MAX_INVITEES}). Invite fewer people."),
            ));
        }
        let review_months = self.settings()?.review_months;
        let id = self.change(|tx, now| {
            let id = meetings::insert(tx, &m, review_months, invitees, now)?;
            Ok((id, draft("meeting.plan", "meeting", id)))
        })?;
        self.meeting_page(id)
    }

    /// Edits a meeting's details.
    pub fn update_meeting(&mut self, id: i64, input: &MeetingInput) -> Result<MeetingPage> {
        let m = input.clean()?;
        self.change(|tx, now| {
            meetings::update(tx, id, &m, now)?;
            Ok(((), draft("meeting.update", "meeting", id)))
        })?;
        self.meeting_page(id)
    }

    /// Sets a meeting's status (planned, in progress, held, cancelled).
    pub fn set_meeting_status(&mut self, id: i64, status: MeetingStatus) -> Result<MeetingPage> {
        self.change(|tx, now| {
            meetings::set_status(tx, id, status, now)?;
            Ok(((), draft("meeting.status", "meeting", id)))
        })?;
        self.meeting_page(id)
    }

    /// Invites a person to a meeting.
    pub fn invite(&mut self, meeting_id: i64, person_id: i64) -> Result<MeetingPage> {
        self.change(|tx, _| {
            meetings::invite(tx, meeting_id, person_id)?;
            Ok(((), draft("meeting.invite", "meeting", meeting_id)))
        })?;
        self.meeting_page(meeting_id)
    }

    /// Withdraws an invitation (only before attendance is recorded).
    pub fn uninvite(&mut self, meeting_id: i64, person_id: i64) -> Result<MeetingPage> {
        self.change(|tx, _| {
            meetings::uninvite(tx, meeting_id, person_id)?;
            Ok(((), draft("meeting.uninvite", "meeting", meeting_id)))
        })?;
        self.meeting_page(meeting_id)
    }

    /// Records one person's attendance.
    pub fn set_attendance(&mut self, input: &AttendanceInput) -> Result<MeetingPage> {
        self.change(|tx, _| {
            meetings::set_attendance(tx, input)?;
            Ok(((), draft("meeting.attendance", "meeting", input.meeting_id)))
        })?;
        self.meeting_page(input.meeting_id)
    }

    /// Adds an agenda item at the end of the agenda.
    pub fn add_agenda_item(
        &mut self,
        meeting_id: i64,
        input: &AgendaItemInput,
    ) -> Result<MeetingPage> {
        let input = input.clean()?;
        self.change(|tx, now| {
            meetings::get(tx, meeting_id)?;
            let id = meetings::insert_item(tx, meeting_id, &input, now)?;
            Ok(((), draft("agenda_item.add", "agenda_item", id)))
        })?;
        self.meeting_page(meeting_id)
    }

    /// Edits an agenda item.
    pub fn update_agenda_item(&mut self, id: i64, input: &AgendaItemInput) -> Result<MeetingPage> {
        let input = input.clean()?;
        let meeting_id = self.change(|tx, now| {
            meetings::update_item(tx, id, &input, now)?;
            let meeting_id = meetings::item(tx, id)?.meeting_id;
            Ok((meeting_id, draft("agenda_item.update", "agenda_item", id)))
        })?;
        self.meeting_page(meeting_id)
    }

    /// Removes an agenda item (not one with actions raised under it).
    pub fn remove_agenda_item(&mut self, id: i64) -> Result<MeetingPage> {
        let meeting_id = self.change(|tx, _| {
            let meeting_id = meetings::remove_item(tx, id)?;
            Ok((meeting_id, draft("agenda_item.remove", "agenda_item", id)))
        })?;
        self.meeting_page(meeting_id)
    }

    /// Moves an agenda item to a 1-based position.
    pub fn move_agenda_item(&mut self, id: i64, to_position: i64) -> Result<MeetingPage> {
        let meeting_id = self.change(|tx, _| {
            let meeting_id = meetings::move_item(tx, id, to_position)?;
            Ok((meeting_id, draft("agenda_item.move", "agenda_item", id)))
        })?;
        self.meeting_page(meeting_id)
    }

    // ---- actions ---------------------------------------------------------

    /// The actions tracker.
    pub fn actions(&self, filter: &ActionFilter) -> Result<Vec<Action>> {
        actions::list(self.vault.db(), filter, &self.today())
    }

    /// Raises an action at a meeting.
    pub fn add_action(&mut self, input: &ActionInput) -> Result<Action> {
        let id = self.change(|tx, now| {
            let id = actions::insert(tx, input, now)?;
            Ok((id, draft("action.add", "action", id)))
        })?;
        actions::get(self.vault.db(), id, &self.today())
    }

    /// Edits an action's text, owner or due date.
    pub fn update_action(&mut self, id: i64, edit: &ActionEdit) -> Result<Action> {
        let e = edit.clean()?;
        self.change(|tx, now| {
            actions::update(tx, id, &e, now)?;
            Ok(((), draft("action.update", "action", id)))
        })?;
        actions::get(self.vault.db(), id, &self.today())
    }

    /// Records progress or a change of status, at a meeting or from the tracker.
    pub fn set_action_status(&mut self, change: &ActionStatusChange) -> Result<Action> {
        let today = self.today();
        self.change(|tx, now| {
            actions::set_status(tx, change, &today, now)?;
            Ok(((), draft("action.status", "action", change.action_id)))
        })?;
        actions::get(self.vault.db(), change.action_id, &today)
    }

    /// Every update of an action.
    pub fn action_updates(&self, id: i64) -> Result<Vec<ActionUpdate>> {
        actions::updates(self.vault.db(), id)
    }

    // ---- across records --------------------------------------------------

    /// What needs attention today.
    pub fn home(&self) -> Result<Home> {
        home::home(self.vault.db(), &self.today())
    }

    /// Searches meetings, agenda items, actions, people and groups.
    pub fn search(&self, query: &str) -> Result<Vec<SearchHit>> {
        search::search(self.vault.db(), query)
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
