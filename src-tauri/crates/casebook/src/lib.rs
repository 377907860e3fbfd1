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
//!   migrates it (checking it with [`Casebook::verify_file`] does not).
//! - [`agencies`] is the partner directory, seeded on creation with the
//!   seven partners of the Arrangement's Appendix A, each of its kind.
//! - [`groups`], [`people`], [`meetings`] (invitations, attendance, agenda)
//!   and [`actions`] (with carry-forward) are the chair's everyday records;
//!   [`cases`] are the subjects agenda items are about, linked by case
//!   reference; [`disclosures`] are what partners say at the table, under
//!   the Arrangement's rules; [`minutes`] are assembled from them and
//!   approved in versions; [`circulation`] issues numbered, redacted and
//!   encrypted copies of them; [`home`] and [`search`] read across them.
//! - [`text`] and [`dates`] hold the input rules every field obeys.
//! - Time comes from an injected [`Clock`].

pub mod actions;
pub mod agencies;
pub mod agreements;
pub mod audit;
pub mod cases;
pub mod circulation;
pub mod dates;
pub mod demo;
pub mod disclosures;
mod error;
pub mod groups;
pub mod home;
pub mod kinds;
pub mod kiosk;
pub mod meetings;
pub mod minutes;
pub mod people;
pub mod requests;
pub mod schema;
pub mod search;
pub mod settings;
pub mod signatures;
pub mod text;
pub mod workdays;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use vault::{CreateOptions, Passphrase, RecoverySecret, Vault};

pub use actions::{
    Action, ActionEdit, ActionFilter, ActionInput, ActionStatusChange, ActionUpdate, CarriedAction,
};
pub use agencies::{Agency, AgencyInput};
pub use agreements::Agreement;
pub use audit::{Actor, AuditDraft};
pub use cases::{Case, CaseFilter, CaseInput, CaseItem, CasePage, CaseSummary};
pub use circulation::{
    ChairWithhold, Consent, ConsentInput, CopiesPlan, CopiesRequest, CopyRequest, Delivery,
    Identification, IssuedCopy, KeySource, PlannedCopy, PreparedCopies, Verdict, Withheld,
};
pub use disclosures::{
    Acceptance, Disclosure, DisclosureCheck, DisclosureFilter, DisclosureInput, InaccuracyInput,
    InaccuracyNotice, MinuteItem, MinuteTaking, Minuting, OutOfRoom,
};
pub use error::{Error, Result};
pub use groups::{Group, GroupInput};
pub use home::Home;
pub use kinds::{
    ActionStatus, AgencyKind, AgendaItemKind, Attendance, CaseKind, Descriptor, Marking,
    MeetingKind, MeetingStatus,
};
pub use kiosk::{KioskAgency, KioskAttendee, KioskState, KioskView, PadLimits};
pub use meetings::{
    AgendaItem, AgendaItemInput, AttendanceInput, Invitation, Meeting, MeetingFilter, MeetingInput,
    MeetingPage,
};
pub use minutes::document::MinutesFile;
pub use minutes::marking::MinutesMarking;
pub use minutes::versions::{MinutesChange, MinutesVersion, MinutesVersionSummary};
pub use minutes::{MinutesApprove, MinutesContent, MinutesPage};
pub use people::{Person, PersonInput};
pub use search::{HitKind, SearchHit};
pub use settings::{AUTO_LOCK_RANGE, Settings, SettingsChange};
pub use signatures::{DeclineInput, Outcome, Point, SignInput, SignMethod, Signature, Signer};

use error::rusqlite::{OptionalExtension, Transaction};

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
    /// How long unlocking took.
    pub unlock: vault::UnlockTimings,
    /// Schema version of the records.
    pub schema_version: i64,
    /// The records are of an older schema, upgraded the next time the vault
    /// is opened for use (checking does not upgrade).
    pub upgrade_pending: bool,
    /// Audit entries whose hashes verified.
    pub audit_entries: i64,
    /// Agencies in the directory.
    pub agencies: i64,
    /// Signatures and declines whose digests verified.
    pub signatures: i64,
}

/// The review date of a request received on `received_on`, as a
/// meeting's: the settings' months after.
fn request_review(tx: &Transaction<'_>, received_on: chrono::NaiveDate) -> Result<String> {
    let months = settings::get(tx)?.review_months;
    Ok(dates::to_text(dates::add_months(received_on, months)))
}

/// The audit entry of a change to an information request.
fn request_audit(action: &'static str, id: i64) -> AuditDraft {
    AuditDraft {
        action,
        record_type: "info_request",
        record_id: id.to_string(),
    }
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
            schema::migrate(tx, 0, &now)?;
            for partner in agencies::APPENDIX_A {
                let input = AgencyInput {
                    name: partner.name.into(),
                    designated_person_role: partner.role.into(),
                    kind: partner.kind,
                };
                let id = agencies::insert(tx, &input, &now)?;
                audit::append(tx, &now, Actor::System, &draft("agency.seed", "agency", id))?;
            }
            audit::append(tx, &now, actor, &vault_draft("vault.create"))?;
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

    /// Wraps an already unlocked vault, migrating it if needed.
    pub fn wrap(mut vault: Vault, clock: Arc<dyn Clock>, actor: Actor) -> Result<Casebook> {
        if schema::needs_migration(schema::version(vault.db())?)? {
            let now = stamp(clock.as_ref());
            vault.change_schema(|tx| migrate(tx, &now))?;
        }
        Ok(Casebook {
            vault,
            clock,
            actor,
        })
    }

    /// Opens the vault at `path` with the recovery secret and sets a new
    /// passphrase (see [`Vault::recover`]), migrating older records. Audit
    /// entry `vault.recover` reaches the file in the same commit as the new
    /// passphrase.
    pub fn recover(
        path: &Path,
        secret: &RecoverySecret,
        new_passphrase: &Passphrase,
        clock: Arc<dyn Clock>,
        actor: Actor,
    ) -> Result<Casebook> {
        let now = stamp(clock.as_ref());
        let (vault, ()) = Vault::recover_with(path, secret, new_passphrase, |tx| {
            migrate(tx, &now)?;
            audit::append(tx, &now, actor, &vault_draft("vault.recover"))
        })?;
        Ok(Casebook {
            vault,
            clock,
            actor,
        })
    }

    /// Unlocks the vault at `path` only to check it (see
    /// [`Casebook::verify`]). Nothing is written: older records are not
    /// migrated, and the vault is not compacted afterwards.
    pub fn verify_file(path: &Path, passphrase: &Passphrase) -> Result<Verification> {
        let vault = Vault::open(path, passphrase)?;
        // Dropped, not closed: closing may compact.
        verify(&vault)
    }

    /// The one way records change: runs `f` in a transaction, appends the
    /// audit entry it describes, and commits durably. `f` validates and
    /// writes, returning its result and the audit entry to record.
    fn change<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>, &str) -> Result<(T, AuditDraft)>,
    ) -> Result<T> {
        self.save(None, |tx, now| {
            f(tx, now).map(|(value, d)| (value, vec![d]))
        })
    }

    /// [`Casebook::change`] with any number of audit entries, appended in
    /// order; with `passphrases` (current, new), the vault's new passphrase
    /// wrap goes into the same commit of the file as the records and their
    /// audit entries.
    fn save<T>(
        &mut self,
        passphrases: Option<(&Passphrase, &Passphrase)>,
        f: impl FnOnce(&Transaction<'_>, &str) -> Result<(T, Vec<AuditDraft>)>,
    ) -> Result<T> {
        let now = stamp(self.clock.as_ref());
        let actor = self.actor;
        let record = |tx: &Transaction<'_>| {
            let (value, drafts) = f(tx, &now)?;
            for draft in &drafts {
                audit::append(tx, &now, actor, draft)?;
            }
            Ok::<T, Error>(value)
        };
        let value = match passphrases {
            None => self.vault.write(record)?,
            Some((current, new)) => self.vault.change_passphrase_with(current, new, record)?,
        };
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
        self.change(|_, _| Ok(((), vault_draft("vault.recovery_secret_stored"))))
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

    /// Edits a partner agency's name, Designated Person role or kind.
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

    /// Changes the chair's settings; what the change leaves out is kept.
    pub fn update_settings(&mut self, change: &SettingsChange) -> Result<Settings> {
        let s = change.applied_to(self.settings()?);
        s.check()?;
        self.change(|tx, _| {
            settings::put(tx, &s)?;
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

    /// Today in Europe/London, as a date.
    pub fn today_date(&self) -> chrono::NaiveDate {
        dates::today_london(self.clock.now())
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

    /// Plans a meeting from the usual agenda, inviting `invitees` (each
    /// once, however often listed).
    pub fn plan_meeting(&mut self, input: &MeetingInput, invitees: &[i64]) -> Result<MeetingPage> {
        let m = input.clean()?;
        // Someone listed twice is invited once.
        let mut seen = std::collections::HashSet::new();
        let invitees: Vec<i64> = invitees
            .iter()
            .copied()
            .filter(|p| seen.insert(*p))
            .collect();
        if invitees.len() > MAX_INVITEES {
            return Err(Error::invalid(
                "Invitees",
                format!("are too many (at most {MAX_INVITEES}). Invite fewer people."),
            ));
        }
        let review_months = self.settings()?.review_months;
        let id = self.change(|tx, now| {
            let id = meetings::insert(tx, &m, review_months, &invitees, now)?;
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

    // ---- the confidentiality agreement and the signing kiosk ---------------

    /// The current agreement.
    pub fn agreement(&self) -> Result<Agreement> {
        agreements::current(self.vault.db())
    }

    /// Every version of the agreement, newest first.
    pub fn agreement_versions(&self) -> Result<Vec<Agreement>> {
        agreements::versions(self.vault.db())
    }

    /// Makes a new version of the agreement with `text`; signatures already
    /// made keep pointing at the version they signed.
    pub fn update_agreement(&mut self, text: &str) -> Result<Agreement> {
        let version = self.change(|tx, now| {
            let v = agreements::add_version(tx, text, now)?;
            Ok((v, draft("agreement.update", "agreement", i64::from(v))))
        })?;
        agreements::version(self.vault.db(), version)
    }

    /// What the signing kiosk shows for a meeting.
    pub fn kiosk_view(&self, meeting_id: i64) -> Result<KioskView> {
        kiosk::view(self.vault.db(), meeting_id)
    }

    /// Records that the chair started (`true`) or left (`false`) the
    /// signing kiosk for a meeting. Starting refuses a cancelled meeting.
    pub fn record_kiosk(&mut self, meeting_id: i64, started: bool) -> Result<()> {
        let meeting = meetings::get(self.vault.db(), meeting_id)?;
        if started && meeting.status == MeetingStatus::Cancelled {
            return Err(Error::Conflict(
                "This meeting is cancelled, so nobody can sign for it. Set its status back to \
                 planned first if it is going ahead."
                    .into(),
            ));
        }
        let action = if started {
            "kiosk.start"
        } else {
            "kiosk.leave"
        };
        self.change(|_, _| Ok(((), draft(action, "meeting", meeting_id))))
    }

    /// Signs the current agreement for a meeting (see [`SignInput`]).
    pub fn sign(&mut self, meeting_id: i64, input: &SignInput) -> Result<Signature> {
        let entry = input.draft()?;
        self.register_entry(meeting_id, &input.signer, entry, "signature.sign")
    }

    /// Records that someone declined to sign, with their reason.
    pub fn decline(&mut self, meeting_id: i64, input: &DeclineInput) -> Result<Signature> {
        let entry = input.draft()?;
        self.register_entry(meeting_id, &input.signer, entry, "signature.decline")
    }

    fn register_entry(
        &mut self,
        meeting_id: i64,
        signer: &Signer,
        entry: signatures::Draft,
        action: &'static str,
    ) -> Result<Signature> {
        enum Who {
            Invited(i64),
            Newcomer(PersonInput),
        }
        let who = match (signer.person_id, &signer.newcomer) {
            (Some(id), None) => Who::Invited(id),
            (None, Some(p)) => Who::Newcomer(p.clean()?),
            _ => {
                return Err(Error::invalid(
                    "Who is signing",
                    "choose your name from the list, or fill in \"Someone not on the list\".",
                ));
            }
        };
        let meeting = meetings::get(self.vault.db(), meeting_id)?;
        if meeting.status == MeetingStatus::Cancelled {
            return Err(Error::Conflict(
                "This meeting is cancelled, so nobody can sign for it.".into(),
            ));
        }
        let id = self.save(None, |tx, now| {
            let mut drafts = Vec::new();
            let person_id = match who {
                Who::Invited(id) => {
                    if !meetings::is_invited(tx, meeting_id, id)? {
                        return Err(Error::invalid(
                            "Who is signing",
                            "is not on this meeting's list. Choose \"Someone not on the list\" \
                             instead.",
                        ));
                    }
                    id
                }
                Who::Newcomer(p) => {
                    // Someone already in the people list (same name, any
                    // case, same agency) is not added twice: they are
                    // invited, if they were not, and sign as themselves.
                    let known: Option<i64> = tx
                        .query_row(
                            "SELECT id FROM person
                             WHERE lower(name) = lower(?1) AND agency_id = ?2
                             ORDER BY active DESC, id LIMIT 1",
                            (&p.name, p.agency_id),
                            |r| r.get(0),
                        )
                        .optional()?;
                    let id = match known {
                        Some(id) => id,
                        None => {
                            let id = people::insert(tx, &p, now)?;
                            drafts.push(draft("person.add", "person", id));
                            id
                        }
                    };
                    if !meetings::is_invited(tx, meeting_id, id)? {
                        meetings::invite(tx, meeting_id, id)?;
                        drafts.push(draft("meeting.invite", "meeting", meeting_id));
                    }
                    id
                }
            };
            let id = signatures::insert(tx, meeting_id, person_id, entry, now)?;
            drafts.push(draft(action, "signature", id));
            Ok((id, drafts))
        })?;
        signatures::get(self.vault.db(), id)
    }

    /// Withdraws a mistaken signature or decline, with a reason; both are
    /// kept, and the person can sign again.
    pub fn withdraw_signature(&mut self, id: i64, reason: &str) -> Result<Signature> {
        self.change(|tx, now| {
            signatures::withdraw(tx, id, reason, now)?;
            Ok(((), draft("signature.withdraw", "signature", id)))
        })?;
        signatures::get(self.vault.db(), id)
    }

    // ---- cases -----------------------------------------------------------

    /// Cases, by reference, without their personal details.
    pub fn cases(&self, filter: &CaseFilter) -> Result<Vec<CaseSummary>> {
        cases::list(self.vault.db(), filter)
    }

    /// A case's page: the case, with its personal details, and every agenda
    /// item about it.
    pub fn case_page(&self, id: i64) -> Result<CasePage> {
        cases::page(self.vault.db(), id)
    }

    /// Records a case. Agenda items that already carry its reference are
    /// about it from now on.
    pub fn add_case(&mut self, input: &CaseInput) -> Result<CasePage> {
        let c = input.clean(dates::today_london(self.clock.now()))?;
        let id = self.change(|tx, now| {
            let id = cases::insert(tx, &c, now)?;
            Ok((id, draft("case.add", "case", id)))
        })?;
        self.case_page(id)
    }

    /// Changes all of a case's fields. A new reference is given to the
    /// agenda items and disclosures that carried the old one, in the same
    /// save, each with its own audit entry after the case's.
    pub fn update_case(&mut self, id: i64, input: &CaseInput) -> Result<CasePage> {
        let c = input.clean(dates::today_london(self.clock.now()))?;
        self.save(None, |tx, now| {
            let moved = cases::update(tx, id, &c, now)?;
            let mut drafts = vec![draft("case.update", "case", id)];
            drafts.extend(
                moved
                    .items
                    .into_iter()
                    .map(|item| draft("agenda_item.update", "agenda_item", item)),
            );
            drafts.extend(
                moved
                    .disclosures
                    .into_iter()
                    .map(|d| draft("disclosure.update", "disclosure", d)),
            );
            Ok(((), drafts))
        })?;
        self.case_page(id)
    }

    // ---- disclosures -----------------------------------------------------

    /// What the rules say about a disclosure as typed, without saving;
    /// `editing` is the disclosure being edited, if any. Reads a few
    /// indexed rows (see [`disclosures::store`]).
    pub fn check_disclosure(
        &self,
        editing: Option<i64>,
        input: &DisclosureInput,
    ) -> Result<DisclosureCheck> {
        disclosures::store::check(self.vault.db(), input, editing)
    }

    /// Records a disclosure, if the rules allow it: refused with
    /// `disclosure_blocked` or `warning_not_accepted` otherwise. Audit entry
    /// `disclosure.add`, then one `disclosure.accept` per accepted warning
    /// (record id `{id}/{rule}`), in the same commit.
    pub fn add_disclosure(&mut self, input: &DisclosureInput) -> Result<Disclosure> {
        let actor = self.actor;
        let id = self.save(None, |tx, now| {
            let (id, accepted) = disclosures::store::insert(tx, input, actor.as_str(), now)?;
            Ok((id, disclosure_drafts("disclosure.add", id, &accepted)))
        })?;
        self.disclosure(id)
    }

    /// Changes all of a disclosure's fields, under the same rules; its
    /// accepted warnings are replaced by the input's. Audit entry
    /// `disclosure.update`, then one `disclosure.accept` per accepted warning.
    pub fn update_disclosure(&mut self, id: i64, input: &DisclosureInput) -> Result<Disclosure> {
        let actor = self.actor;
        self.save(None, |tx, now| {
            let accepted = disclosures::store::update(tx, id, input, actor.as_str(), now)?;
            Ok(((), disclosure_drafts("disclosure.update", id, &accepted)))
        })?;
        self.disclosure(id)
    }

    /// Withdraws a disclosure with a reason; it is kept, and no longer found
    /// by search.
    pub fn withdraw_disclosure(&mut self, id: i64, reason: &str) -> Result<Disclosure> {
        self.change(|tx, now| {
            disclosures::store::withdraw(tx, id, reason, now)?;
            Ok(((), draft("disclosure.withdraw", "disclosure", id)))
        })?;
        self.disclosure(id)
    }

    /// One disclosure.
    pub fn disclosure(&self, id: i64) -> Result<Disclosure> {
        disclosures::store::get(self.vault.db(), id)
    }

    /// A meeting's, an item's or a case's disclosures.
    pub fn disclosures(&self, filter: &DisclosureFilter) -> Result<Vec<Disclosure>> {
        disclosures::store::list(self.vault.db(), filter)
    }

    /// Records an inaccuracy notice against a disclosure (R13).
    pub fn add_inaccuracy_notice(
        &mut self,
        disclosure_id: i64,
        input: &InaccuracyInput,
    ) -> Result<Disclosure> {
        let (today, actor) = (dates::today_london(self.clock.now()), self.actor);
        self.change(|tx, now| {
            let id = disclosures::store::add_notice(
                tx,
                disclosure_id,
                input,
                today,
                actor.as_str(),
                now,
            )?;
            Ok(((), draft("inaccuracy_notice.add", "inaccuracy_notice", id)))
        })?;
        self.disclosure(disclosure_id)
    }

    /// Changes an inaccuracy notice (to record when and to whom the
    /// supplying agency was told).
    pub fn update_inaccuracy_notice(
        &mut self,
        id: i64,
        input: &InaccuracyInput,
    ) -> Result<Disclosure> {
        let today = dates::today_london(self.clock.now());
        let disclosure_id = self.change(|tx, now| {
            let d = disclosures::store::update_notice(tx, id, input, today, now)?;
            Ok((
                d,
                draft("inaccuracy_notice.update", "inaccuracy_notice", id),
            ))
        })?;
        self.disclosure(disclosure_id)
    }

    /// Marks a person present at the meeting as out of the room for one
    /// agenda item (`out`), or back in the room (R9). Audit entry
    /// `out_of_room.set` or `out_of_room.clear`, record id
    /// `{item id}/{person id}`.
    pub fn set_out_of_room(
        &mut self,
        item_id: i64,
        person_id: i64,
        out: bool,
    ) -> Result<MinuteItem> {
        let action = if out {
            "out_of_room.set"
        } else {
            "out_of_room.clear"
        };
        self.change(|tx, now| {
            disclosures::store::set_out_of_room(tx, item_id, person_id, out, now)?;
            Ok((
                (),
                AuditDraft {
                    action,
                    record_type: "out_of_room",
                    record_id: format!("{item_id}/{person_id}"),
                },
            ))
        })?;
        self.minute_item(item_id)
    }

    /// Saves an agenda item's discussion summary and decisions, as typed.
    pub fn save_item_notes(
        &mut self,
        item_id: i64,
        summary: &str,
        decisions: &str,
    ) -> Result<MinuteItem> {
        self.change(|tx, now| {
            disclosures::store::save_notes(tx, item_id, summary, decisions, now)?;
            Ok(((), draft("agenda_item.notes", "agenda_item", item_id)))
        })?;
        self.minute_item(item_id)
    }

    /// A meeting as the minute-taker works through it, item by item.
    pub fn minute_taking(&self, meeting_id: i64) -> Result<MinuteTaking> {
        disclosures::store::minute_taking(self.vault.db(), meeting_id, &self.today())
    }

    /// One item as the minute-taker sees it.
    pub fn minute_item(&self, item_id: i64) -> Result<MinuteItem> {
        disclosures::store::minute_item(self.vault.db(), item_id, &self.today())
    }

    // ---- minutes ---------------------------------------------------------

    /// A meeting's minutes: the draft as the records stand now, with its
    /// minimum marking, and the approved versions.
    pub fn minutes(&self, meeting_id: i64) -> Result<MinutesPage> {
        let db = self.vault.db();
        let draft = minutes::assemble(db, meeting_id, &self.today())?;
        let versions = minutes::versions::list(db, meeting_id)?;
        let latest = match versions.last() {
            Some(v) => Some(minutes::versions::get(db, meeting_id, v.version)?.content),
            None => None,
        };
        Ok(MinutesPage {
            changed_since_approval: latest
                .as_ref()
                .map(|l| minutes::versions::changes(l, &draft))
                .unwrap_or_default(),
            draft_differs: latest.as_ref().is_none_or(|l| !l.says_the_same_as(&draft)),
            draft,
            versions,
        })
    }

    /// One approved version of a meeting's minutes, exactly as approved.
    pub fn minutes_version(&self, meeting_id: i64, version: i64) -> Result<MinutesVersion> {
        minutes::versions::get(self.vault.db(), meeting_id, version)
    }

    /// What changed between two approved versions of a meeting's minutes.
    pub fn minutes_changes(
        &self,
        meeting_id: i64,
        from: i64,
        to: i64,
    ) -> Result<Vec<MinutesChange>> {
        let db = self.vault.db();
        let before = minutes::versions::get(db, meeting_id, from)?.content;
        let after = minutes::versions::get(db, meeting_id, to)?.content;
        Ok(minutes::versions::changes(&before, &after))
    }

    /// A meeting's minutes as a PDF: an approved version (the same bytes
    /// every time), or with `version` none the draft, dated now, with the
    /// draft banner on every page. Audit entry `minutes.export`, record
    /// `{meeting id}/{version}` or `{meeting id}/draft`: the file may leave
    /// the laptop.
    pub fn export_minutes(&mut self, meeting_id: i64, version: Option<i64>) -> Result<MinutesFile> {
        let file = self.minutes_file(meeting_id, version)?;
        self.record_minutes_export(meeting_id, version)?;
        Ok(file)
    }

    /// The PDF [`Casebook::export_minutes`] makes, without its audit entry:
    /// for a face that asks where to save it first (the app's save
    /// dialog), and records the export with
    /// [`Casebook::record_minutes_export`] only once the chair has chosen.
    pub fn minutes_file(&self, meeting_id: i64, version: Option<i64>) -> Result<MinutesFile> {
        let now = stamp(self.clock.as_ref());
        let (doc, name) = match version {
            Some(v) => {
                let v = minutes::versions::get(self.vault.db(), meeting_id, v)?;
                let printing = minutes::document::Printing::Approved(&v.summary);
                (
                    minutes::document::document(&v.content, &printing),
                    minutes::document::file_name(&v.content, &printing),
                )
            }
            None => {
                let content = minutes::assemble(self.vault.db(), meeting_id, &self.today())?;
                let printing = minutes::document::Printing::Draft { at: &now };
                (
                    minutes::document::document(&content, &printing),
                    minutes::document::file_name(&content, &printing),
                )
            }
        };
        minutes::document::render(&doc, name)
    }

    /// Records that a meeting's minutes (`version`, or the draft) were
    /// exported: audit entry `minutes.export`, as
    /// [`Casebook::export_minutes`] makes.
    pub fn record_minutes_export(&mut self, meeting_id: i64, version: Option<i64>) -> Result<()> {
        let record = match version {
            Some(v) => format!("{meeting_id}/{v}"),
            None => format!("{meeting_id}/draft"),
        };
        self.change(|_, _| {
            Ok((
                (),
                AuditDraft {
                    action: "minutes.export",
                    record_type: "minutes",
                    record_id: record,
                },
            ))
        })
    }

    /// A meeting's agenda as a PDF, for circulation before the meeting:
    /// marked at the highest marking of its items, dated now. Audit entry
    /// `agenda.export`, record the meeting.
    pub fn export_agenda(&mut self, meeting_id: i64) -> Result<MinutesFile> {
        let file = self.agenda_file(meeting_id)?;
        self.record_agenda_export(meeting_id)?;
        Ok(file)
    }

    /// A meeting's agenda as a PDF, dated now, not yet recorded as exported
    /// (see [`Casebook::export_agenda`]).
    pub fn agenda_file(&self, meeting_id: i64) -> Result<MinutesFile> {
        let now = stamp(self.clock.as_ref());
        let page = meetings::page(self.vault.db(), meeting_id, &self.today())?;
        let doc = minutes::document::agenda_document(&page, &now);
        let name = minutes::document::agenda_file_name(&page, &doc);
        minutes::document::render(&doc, name)
    }

    /// Records that a meeting's agenda was exported (audit entry
    /// `agenda.export`, record the meeting).
    pub fn record_agenda_export(&mut self, meeting_id: i64) -> Result<()> {
        self.change(|_, _| Ok(((), draft("agenda.export", "meeting", meeting_id))))
    }

    /// The chair approves the draft as the next version, at `marking` (at
    /// least the minimum, R10). Once the meeting is held; a version after
    /// the first is a correction and needs a reason. Audit entry
    /// `minutes.approve`, record `{meeting id}/{version}`.
    pub fn approve_minutes(&mut self, input: &MinutesApprove) -> Result<MinutesPage> {
        let today = self.today();
        self.change(|tx, now| {
            let content = minutes::assemble(tx, input.meeting_id, &today)?;
            let meeting = meetings::get(tx, input.meeting_id)?;
            if meeting.status != MeetingStatus::Held {
                return Err(Error::Conflict(
                    "Minutes are approved once the meeting is held. Mark the meeting as held \
                     on its page, then approve."
                        .into(),
                ));
            }
            let chair = meeting.chair_name.ok_or_else(|| {
                Error::Conflict(
                    "The chair approves the minutes, and this meeting has no chair recorded. \
                     Choose the chair in the meeting's details, then approve."
                        .into(),
                )
            })?;
            let versions = minutes::versions::list(tx, input.meeting_id)?;
            if let Some(latest) = versions.last() {
                let was = minutes::versions::get(tx, input.meeting_id, latest.version)?;
                if was.content.says_the_same_as(&content)
                    && was.summary.marking.marking == input.marking
                    && was.summary.marking.recipients_only == input.recipients_only
                {
                    return Err(Error::Conflict(format!(
                        "Nothing has changed since version {} was approved. Change the \
                         records or the marking first.",
                        latest.version
                    )));
                }
            }
            let marking = minutes::marking::chosen(
                &minutes::marked_parts(&content.items),
                input.marking,
                input.recipients_only,
            )?;
            let version = minutes::versions::approve(
                tx,
                &content,
                &marking,
                &chair,
                input.reason.as_deref(),
                now,
            )?;
            Ok((
                (),
                AuditDraft {
                    action: "minutes.approve",
                    record_type: "minutes",
                    record_id: format!("{}/{version}", input.meeting_id),
                },
            ))
        })?;
        self.minutes(input.meeting_id)
    }

    // ---- circulation -------------------------------------------------------

    /// Sets or clears the secure inbox key of an agency or a person
    /// (checked: an age public key, `age1…`). Audit entry
    /// `agency.inbox_key` or `person.inbox_key`.
    pub fn set_inbox_key(
        &mut self,
        holder: circulation::keys::Holder,
        key: Option<&str>,
    ) -> Result<()> {
        let key = circulation::keys::clean(key)?;
        self.change(|tx, now| {
            circulation::keys::set(tx, holder, key.as_deref(), now)?;
            let (action, record_type, id) = match holder {
                circulation::keys::Holder::Agency(id) => ("agency.inbox_key", "agency", id),
                circulation::keys::Holder::Person(id) => ("person.inbox_key", "person", id),
            };
            Ok((
                (),
                AuditDraft {
                    action,
                    record_type,
                    record_id: id.to_string(),
                },
            ))
        })
    }

    /// Records the supplying agency's consent for a disclosure to go to
    /// other agencies (5.6); returns every consent recorded for it. Audit
    /// entry `disclosure.consent`.
    pub fn add_consent(&mut self, input: &ConsentInput) -> Result<Vec<Consent>> {
        let today = dates::today_london(self.clock.now());
        self.change(|tx, now| {
            let all = circulation::add_consent(tx, input, today, now)?;
            Ok((
                all,
                AuditDraft {
                    action: "disclosure.consent",
                    record_type: "disclosure",
                    record_id: input.disclosure_id.to_string(),
                },
            ))
        })
    }

    /// The consents recorded for a disclosure.
    pub fn consents(&self, disclosure_id: i64) -> Result<Vec<Consent>> {
        disclosures::store::get(self.vault.db(), disclosure_id)?;
        circulation::consents(self.vault.db(), disclosure_id)
    }

    /// What issuing copies would do, and what stops it.
    pub fn plan_copies(&self, req: &CopiesRequest) -> Result<CopiesPlan> {
        circulation::plan(self.vault.db(), req)
    }

    /// Renders and encrypts the copies of `req`, dated now, in memory;
    /// nothing is recorded until [`Casebook::record_copies`].
    pub fn prepare_copies(&self, req: &CopiesRequest) -> Result<PreparedCopies> {
        circulation::prepare(self.vault.db(), req, &stamp(self.clock.as_ref()))
    }

    /// Adds prepared copies to the distribution record: audit entry
    /// `minutes.copy_issue` for each, record `meeting/version/copy`.
    pub fn record_copies(&mut self, prepared: &PreparedCopies) -> Result<Vec<IssuedCopy>> {
        self.save(None, |tx, now| {
            circulation::record(tx, prepared, now)?;
            let drafts = prepared
                .copies
                .iter()
                .map(|c| AuditDraft {
                    action: "minutes.copy_issue",
                    record_type: "minutes",
                    record_id: format!(
                        "{}/{}/{}",
                        prepared.meeting_id, prepared.version, c.planned.copy_number
                    ),
                })
                .collect();
            Ok(((), drafts))
        })?;
        let numbers: Vec<i64> = prepared
            .copies
            .iter()
            .map(|c| c.planned.copy_number)
            .collect();
        Ok(circulation::list(self.vault.db(), prepared.meeting_id)?
            .into_iter()
            .filter(|c| c.version == prepared.version && numbers.contains(&c.copy_number))
            .collect())
    }

    /// The distribution record of a meeting's minutes.
    pub fn issued_copies(&self, meeting_id: i64) -> Result<Vec<IssuedCopy>> {
        meetings::get(self.vault.db(), meeting_id)?;
        circulation::list(self.vault.db(), meeting_id)
    }

    /// Recalls an issued copy, with a reason. Audit entry
    /// `minutes.copy_recall`.
    pub fn recall_copy(&mut self, id: i64, reason: &str) -> Result<IssuedCopy> {
        self.change(|tx, now| {
            let copy = circulation::recall(tx, id, reason, now)?;
            let record_id = format!("{}/{}/{}", copy.meeting_id, copy.version, copy.copy_number);
            Ok((
                copy,
                AuditDraft {
                    action: "minutes.copy_recall",
                    record_type: "minutes",
                    record_id,
                },
            ))
        })
    }

    /// Whether a file's bytes are a copy issued from this vault.
    pub fn identify_copy(&self, bytes: &[u8]) -> Result<Identification> {
        circulation::identify(self.vault.db(), bytes)
    }

    // ---- information requests ---------------------------------------------

    /// Records an emergency request taken by telephone, received now (R12);
    /// its form stays to complete. Audit entry `request.emergency`.
    pub fn record_emergency(
        &mut self,
        call: &requests::EmergencyCall,
    ) -> Result<requests::InfoRequest> {
        let today = dates::today_london(self.clock.now());
        let id = self.change(|tx, now| {
            let review = request_review(tx, today)?;
            let id = requests::store::record_emergency(tx, call, today, &review, now)?;
            Ok((id, request_audit("request.emergency", id)))
        })?;
        requests::store::get(self.vault.db(), id, today)
    }

    /// Records a request, its form complete or kept to complete. Audit
    /// entry `request.add`.
    pub fn add_request(&mut self, input: &requests::RequestInput) -> Result<requests::InfoRequest> {
        let today = dates::today_london(self.clock.now());
        let id = self.change(|tx, now| {
            let received = dates::past_date("Received on", &input.received_on, today)?;
            let review = request_review(tx, received)?;
            let id = requests::store::add(tx, input, today, &review, now)?;
            Ok((id, request_audit("request.add", id)))
        })?;
        requests::store::get(self.vault.db(), id, today)
    }

    /// Changes a request whose form is not complete yet. Audit entry
    /// `request.update`.
    pub fn update_request(
        &mut self,
        id: i64,
        input: &requests::RequestInput,
    ) -> Result<requests::InfoRequest> {
        let today = dates::today_london(self.clock.now());
        self.change(|tx, now| {
            requests::store::update(tx, id, input, today, now)?;
            Ok(((), request_audit("request.update", id)))
        })?;
        requests::store::get(self.vault.db(), id, today)
    }

    /// Records the response. Audit entry `request.respond`.
    pub fn respond_to_request(
        &mut self,
        id: i64,
        response: &requests::ResponseForm,
    ) -> Result<requests::InfoRequest> {
        let today = dates::today_london(self.clock.now());
        self.change(|tx, now| {
            requests::store::respond(tx, id, response, today, now)?;
            Ok(((), request_audit("request.respond", id)))
        })?;
        requests::store::get(self.vault.db(), id, today)
    }

    /// Records the point of contact's quality assurance. Audit entry
    /// `request.quality`.
    pub fn quality_assure_request(
        &mut self,
        id: i64,
        signed: &requests::FormSignature,
    ) -> Result<requests::InfoRequest> {
        let today = dates::today_london(self.clock.now());
        self.change(|tx, now| {
            requests::store::quality_assure(tx, id, signed, today, now)?;
            Ok(((), request_audit("request.quality", id)))
        })?;
        requests::store::get(self.vault.db(), id, today)
    }

    /// Records the decision. Audit entry `request.decide`.
    pub fn decide_request(
        &mut self,
        id: i64,
        decision: requests::Decision,
        reasons: &str,
    ) -> Result<requests::InfoRequest> {
        let today = dates::today_london(self.clock.now());
        self.change(|tx, now| {
            requests::store::decide(tx, id, decision, reasons, today, now)?;
            Ok(((), request_audit("request.decide", id)))
        })?;
        requests::store::get(self.vault.db(), id, today)
    }

    /// Adds an inaccuracy notice against a request (R13). Audit entry
    /// `request.inaccuracy`.
    pub fn add_request_notice(
        &mut self,
        input: &requests::RequestNoticeInput,
    ) -> Result<requests::InfoRequest> {
        let today = dates::today_london(self.clock.now());
        let by = self.actor.as_str();
        self.change(|tx, now| {
            requests::store::add_notice(tx, input, today, by, now)?;
            Ok(((), request_audit("request.inaccuracy", input.request_id)))
        })?;
        requests::store::get(self.vault.db(), input.request_id, today)
    }

    /// Sets the day a request's records are due for review. Audit entry
    /// `request.review`.
    pub fn set_request_review_date(
        &mut self,
        id: i64,
        review_date: &str,
    ) -> Result<requests::InfoRequest> {
        let today = dates::today_london(self.clock.now());
        self.change(|tx, now| {
            requests::store::set_review_date(tx, id, review_date, today, now)?;
            Ok(((), request_audit("request.review", id)))
        })?;
        requests::store::get(self.vault.db(), id, today)
    }

    /// The register of requests, as `filter` asks.
    pub fn requests(
        &self,
        filter: &requests::RequestFilter,
    ) -> Result<Vec<requests::RequestSummary>> {
        requests::store::list(
            self.vault.db(),
            filter,
            dates::today_london(self.clock.now()),
        )
    }

    /// A request's form as a PDF (both halves as far as they have got),
    /// dated now, not yet recorded as exported. Named by the app from the
    /// request's number and the day received, never from a person's name.
    pub fn request_file(&self, id: i64) -> Result<MinutesFile> {
        let now = stamp(self.clock.as_ref());
        let r = self.request(id)?;
        let doc = requests::document::document(
            &r.form,
            &requests::document::RequestPrint {
                id: r.id,
                response: r.response.as_ref(),
                quality_assured: r.quality.as_ref(),
                decision: r
                    .decision
                    .map(|d| (d, r.decision_reasons.as_deref().unwrap_or(""))),
                at: &now,
            },
        );
        let name = format!(
            "information-request-{:04}_{}_OFFICIAL-SENSITIVE.pdf",
            r.id, r.received_on
        );
        minutes::document::render(&doc, name)
    }

    /// Records that a request's form was exported (audit entry
    /// `request.export`).
    pub fn record_request_export(&mut self, id: i64) -> Result<()> {
        self.change(|_, _| Ok(((), request_audit("request.export", id))))
    }

    /// One request, as it stands today.
    pub fn request(&self, id: i64) -> Result<requests::InfoRequest> {
        requests::store::get(self.vault.db(), id, dates::today_london(self.clock.now()))
    }

    // ---- across records --------------------------------------------------

    /// What needs attention today.
    pub fn home(&self) -> Result<Home> {
        home::home(self.vault.db(), &self.today())
    }

    /// Searches meetings, agenda items, actions, people, groups, cases and
    /// disclosures.
    pub fn search(&self, query: &str) -> Result<Vec<SearchHit>> {
        search::search(self.vault.db(), query)
    }

    /// Changes the passphrase, with audit entry `vault.passphrase_change`.
    /// The new passphrase wrap and the audit entry are saved in one commit
    /// of the file: were they two, a failure between them would either leave
    /// a changed passphrase unrecorded (and reported as failed) or record a
    /// change that never happened.
    pub fn change_passphrase(&mut self, current: &Passphrase, new: &Passphrase) -> Result<()> {
        self.save(Some((current, new)), |_, _| {
            Ok(((), vec![vault_draft("vault.passphrase_change")]))
        })
    }

    /// Checks the vault's passphrase (at the key-derivation cost). Writes
    /// nothing.
    pub fn check_passphrase(&self, passphrase: &Passphrase) -> Result<()> {
        Ok(self.vault.check_passphrase(passphrase)?)
    }

    /// Checks everything: the vault's parts, the schema, the audit chain.
    pub fn verify(&self) -> Result<Verification> {
        verify(&self.vault)
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

    /// Runs a raw write through the audited path, appending the audit
    /// entries `f` returns, in order, in the same commit: for the generator,
    /// which writes many records at once, and tests that need bulk rows.
    /// Nothing checks what `f` writes.
    #[doc(hidden)]
    pub fn change_raw<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>, &str) -> Result<(T, Vec<AuditDraft>)>,
    ) -> Result<T> {
        self.save(None, f)
    }
}

/// Migrates records older than [`schema::SCHEMA_VERSION`], with audit entry
/// `schema.migrate`; does nothing to current ones.
fn migrate(tx: &Transaction<'_>, now: &str) -> Result<()> {
    let from = schema::version(tx)?;
    if !schema::needs_migration(from)? {
        return Ok(());
    }
    schema::migrate(tx, from, now)?;
    audit::append(
        tx,
        now,
        Actor::System,
        &AuditDraft {
            action: "schema.migrate",
            record_type: "schema",
            record_id: schema::SCHEMA_VERSION.to_string(),
        },
    )
}

/// The vault's parts, the schema's tables and the whole audit chain, for
/// records of this schema or an older one.
fn verify(vault: &Vault) -> Result<Verification> {
    let report = vault.check()?;
    let db = vault.db();
    let schema_version = schema::version(db)?;
    let upgrade_pending = schema::needs_migration(schema_version)?;
    let tables: Vec<&str> = schema::tables_at(schema_version).collect();
    for table in &tables {
        let found: i64 = db.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?;
        if found != 1 {
            return Err(Error::Vault(vault::Error::Damaged(vault::Part::Snapshot)));
        }
    }
    let audit_entries = if tables.contains(&"audit_entry") {
        audit::verify(db)?
    } else {
        0
    };
    let agencies: i64 = if tables.contains(&"agency") {
        db.query_row("SELECT count(*) FROM agency", [], |r| r.get(0))?
    } else {
        0
    };
    let signatures = if tables.contains(&"signature") {
        let (count, bad) = signatures::verify(db)?;
        if let Some(&id) = bad.first() {
            return Err(Error::SignatureDigest { id });
        }
        count
    } else {
        0
    };
    Ok(Verification {
        signatures,
        vault: report,
        unlock: vault.unlock_timings(),
        schema_version,
        upgrade_pending,
        audit_entries,
        agencies,
    })
}

/// An audit entry about the vault itself.
fn vault_draft(action: &'static str) -> AuditDraft {
    AuditDraft {
        action,
        record_type: "vault",
        record_id: String::new(),
    }
}

/// A disclosure's audit entries: its own, then one `disclosure.accept` per
/// accepted warning, record id `{id}/{rule}`.
fn disclosure_drafts(
    action: &'static str,
    id: i64,
    accepted: &[disclosures::RuleId],
) -> Vec<AuditDraft> {
    let mut drafts = vec![draft(action, "disclosure", id)];
    drafts.extend(accepted.iter().map(|rule| AuditDraft {
        action: "disclosure.accept",
        record_type: "disclosure",
        record_id: format!("{id}/{}", rule.as_str()),
    }));
    drafts
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    const PASS: &str = "correct horse battery staple";
    const NEW: &str = "a sentence I will remember";

    fn pass(text: &str) -> Passphrase {
        Passphrase::new(text)
    }

    fn create(dir: &Path) -> (PathBuf, Casebook, RecoverySecret) {
        let path = dir.join("chair.tvault");
        let (book, secret) = Casebook::create(
            &path,
            &pass(PASS),
            CreateOptions { work_factor: 2 },
            Arc::new(SystemClock),
            Actor::Cli,
        )
        .expect("create");
        (path, book, secret)
    }

    fn open(path: &Path, passphrase: &str) -> Result<Casebook> {
        Casebook::open(path, &pass(passphrase), Arc::new(SystemClock), Actor::Cli)
    }

    fn last_action(book: &Casebook) -> String {
        let last = audit::recent(book.vault().db(), 1).expect("audit");
        last.first().map(|e| e.action.clone()).unwrap_or_default()
    }

    #[test]
    fn a_passphrase_change_is_saved_with_its_audit_entry() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (path, mut book, _) = create(dir.path());
        book.change_passphrase(&pass(PASS), &pass(NEW))
            .expect("change");
        drop(book);
        let book = open(&path, NEW).expect("the new passphrase opens it");
        assert_eq!(last_action(&book), "vault.passphrase_change");
    }

    #[test]
    fn a_passphrase_change_whose_audit_entry_fails_changes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (path, mut book, _) = create(dir.path());
        // The audit entry's save fails.
        book.vault_mut()
            .change_schema(|tx| {
                tx.execute_batch(
                    "CREATE TRIGGER refuse BEFORE INSERT ON audit_entry
                     BEGIN SELECT RAISE(ABORT, 'injected'); END;",
                )
                .map_err(vault::Error::Working)
            })
            .expect("inject");
        book.change_passphrase(&pass(PASS), &pass(NEW))
            .expect_err("the audit entry could not be saved");
        drop(book);
        let e = open(&path, NEW).err().map(|e| e.code());
        assert_eq!(
            e,
            Some("wrong_passphrase_or_damaged"),
            "the new passphrase took"
        );
        open(&path, PASS).expect("the old passphrase still opens the vault");
    }

    #[test]
    fn recovery_is_audited() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (path, book, secret) = create(dir.path());
        book.close().expect("close");
        let book = Casebook::recover(
            &path,
            &secret,
            &pass(NEW),
            Arc::new(SystemClock),
            Actor::Cli,
        )
        .expect("recover");
        drop(book);
        let book = open(&path, NEW).expect("the new passphrase opens it");
        assert_eq!(last_action(&book), "vault.recover");
        book.verify().expect("the audit chain verifies");
    }

    #[test]
    fn verifying_an_older_schema_writes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("old.tvault");
        // Schema 0: records laid out before migration 1.
        let (v, _) = Vault::create(&path, &pass(PASS), CreateOptions { work_factor: 2 }, |tx| {
            tx.execute_batch("CREATE TABLE earlier (id INTEGER PRIMARY KEY);")
                .map_err(vault::Error::Working)
        })
        .expect("create");
        v.close().expect("close");
        let before = std::fs::read(&path).expect("read");
        let report = Casebook::verify_file(&path, &pass(PASS)).expect("verify");
        assert_eq!(report.schema_version, 0);
        assert!(report.upgrade_pending);
        assert_eq!(report.vault.header.generation, 1);
        assert!(
            std::fs::read(&path).expect("read") == before,
            "verify wrote to the file"
        );
        // Opening it for use upgrades it.
        let book = open(&path, PASS).expect("open");
        assert_eq!(
            schema::version(book.vault().db()).ok(),
            Some(schema::SCHEMA_VERSION)
        );
        assert_eq!(last_action(&book), "schema.migrate");
        let report = book.verify().expect("verify");
        assert!(!report.upgrade_pending);
    }
}
