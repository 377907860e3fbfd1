//! The operations Tasking Vault offers, in one place, for both faces: the
//! app's IPC commands (the shell in `src-tauri/`) and `tasking-vault-cli api`.
//!
//! # A tour
//!
//! - [`Api`] holds the mode — locked, unlocked (a [`casebook::Casebook`]),
//!   later the signing kiosk — and has one method per operation. **Mode
//!   rules live here**, below the shell, so every face obeys them.
//! - [`for_each_method!`] is the single list of operations: name, parameter
//!   type, result type. It generates [`Api::dispatch`] (JSON by name, for
//!   the command line), [`METHODS`], the TypeScript `Commands` map, and —
//!   in the shell — the Tauri commands themselves.
//! - [`ApiError`] is the one error shape at the boundary: `{code, message}`.

mod bindings;
mod export;
mod params;
mod types;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use casebook::{Actor, Agency, AgencyInput, Casebook, Clock, Settings};
use vault::{CreateOptions, Passphrase};

pub use bindings::typescript;
pub use export::{PreparedCopiesExport, PreparedExport, SaveTo};
pub use types::*;

/// Calls `$callback!` with the list of every operation:
/// `name(ParamsType) -> ResultType;`. The one place an operation is listed.
#[macro_export]
macro_rules! for_each_method {
    ($callback:ident) => {
        $callback! {
            vault_status($crate::NoParams) -> $crate::VaultStatus;
            vault_create($crate::CreateVaultParams) -> $crate::CreatedVault;
            vault_confirm_recovery_saved($crate::NoParams) -> $crate::VaultStatus;
            vault_unlock($crate::UnlockParams) -> $crate::VaultStatus;
            vault_lock($crate::NoParams) -> $crate::VaultStatus;
            vault_change_passphrase($crate::ChangePassphraseParams) -> ();
            activity($crate::NoParams) -> ();
            agencies_list($crate::ListAgenciesParams) -> Vec<casebook::Agency>;
            agency_add(casebook::AgencyInput) -> casebook::Agency;
            agency_update($crate::AgencyUpdate) -> casebook::Agency;
            agency_set_active($crate::AgencyActive) -> casebook::Agency;
            settings_get($crate::NoParams) -> casebook::Settings;
            settings_update(casebook::SettingsChange) -> casebook::Settings;
            home($crate::NoParams) -> casebook::Home;
            search($crate::SearchParams) -> Vec<casebook::SearchHit>;
            groups_list($crate::ListParams) -> Vec<casebook::Group>;
            group_add(casebook::GroupInput) -> casebook::Group;
            group_update($crate::GroupUpdate) -> casebook::Group;
            group_set_active($crate::SetActiveParams) -> casebook::Group;
            people_list($crate::ListParams) -> Vec<casebook::Person>;
            person_add(casebook::PersonInput) -> casebook::Person;
            person_update($crate::PersonUpdate) -> casebook::Person;
            person_set_active($crate::SetActiveParams) -> casebook::Person;
            meetings_list(casebook::MeetingFilter) -> Vec<casebook::Meeting>;
            meeting_get($crate::IdParams) -> casebook::MeetingPage;
            meeting_plan($crate::PlanMeetingParams) -> casebook::MeetingPage;
            meeting_update($crate::MeetingUpdate) -> casebook::MeetingPage;
            meeting_set_status($crate::MeetingStatusParams) -> casebook::MeetingPage;
            invitation_add($crate::InvitationParams) -> casebook::MeetingPage;
            invitation_remove($crate::InvitationParams) -> casebook::MeetingPage;
            attendance_set(casebook::AttendanceInput) -> casebook::MeetingPage;
            agenda_item_add($crate::AgendaItemAdd) -> casebook::MeetingPage;
            agenda_item_update($crate::AgendaItemUpdate) -> casebook::MeetingPage;
            agenda_item_remove($crate::IdParams) -> casebook::MeetingPage;
            agenda_item_move($crate::AgendaItemMove) -> casebook::MeetingPage;
            actions_list(casebook::ActionFilter) -> Vec<casebook::Action>;
            action_add(casebook::ActionInput) -> casebook::Action;
            action_update($crate::ActionUpdateParams) -> casebook::Action;
            action_set_status(casebook::ActionStatusChange) -> casebook::Action;
            action_updates($crate::IdParams) -> Vec<casebook::ActionUpdate>;
            cases_list(casebook::CaseFilter) -> Vec<casebook::CaseSummary>;
            case_get($crate::IdParams) -> casebook::CasePage;
            case_add(casebook::CaseInput) -> casebook::CasePage;
            case_update($crate::CaseUpdate) -> casebook::CasePage;
            minute_taking_get($crate::IdParams) -> casebook::MinuteTaking;
            agenda_item_notes_save($crate::AgendaItemNotes) -> casebook::MinuteItem;
            out_of_room_set($crate::OutOfRoomSet) -> casebook::MinuteItem;
            disclosure_check($crate::DisclosureCheckParams) -> casebook::DisclosureCheck;
            disclosure_add(casebook::DisclosureInput) -> casebook::Disclosure;
            disclosure_update($crate::DisclosureUpdate) -> casebook::Disclosure;
            disclosure_withdraw($crate::DisclosureWithdraw) -> casebook::Disclosure;
            disclosures_list(casebook::DisclosureFilter) -> Vec<casebook::Disclosure>;
            inaccuracy_add($crate::InaccuracyAdd) -> casebook::Disclosure;
            inaccuracy_update($crate::InaccuracyUpdate) -> casebook::Disclosure;
            minutes_get($crate::IdParams) -> casebook::MinutesPage;
            minutes_version_get($crate::MinutesVersionParams) -> casebook::MinutesVersion;
            minutes_changes($crate::MinutesChangesParams) -> Vec<casebook::MinutesChange>;
            minutes_approve(casebook::MinutesApprove) -> casebook::MinutesPage;
            minutes_export($crate::MinutesExportParams) -> $crate::MinutesExported;
            agenda_export($crate::IdParams) -> $crate::MinutesExported;
            agency_inbox_key_set($crate::InboxKeySet) -> casebook::Agency;
            person_inbox_key_set($crate::InboxKeySet) -> casebook::Person;
            consent_add(casebook::ConsentInput) -> Vec<casebook::Consent>;
            consents_list($crate::IdParams) -> Vec<casebook::Consent>;
            copies_check(casebook::CopiesRequest) -> casebook::CopiesPlan;
            copies_issue(casebook::CopiesRequest) -> $crate::CopiesIssued;
            copies_list($crate::IdParams) -> Vec<casebook::IssuedCopy>;
            copy_recall($crate::CopyRecall) -> casebook::IssuedCopy;
            copy_identify($crate::CopyIdentifyParams) -> $crate::CopyIdentified;
            requests_list(casebook::requests::RequestFilter) -> Vec<casebook::requests::RequestSummary>;
            request_get($crate::IdParams) -> casebook::requests::InfoRequest;
            request_emergency(casebook::requests::EmergencyCall) -> casebook::requests::InfoRequest;
            request_check($crate::RequestCheck) -> Vec<casebook::requests::FormProblem>;
            request_add(casebook::requests::RequestInput) -> casebook::requests::InfoRequest;
            request_update($crate::RequestUpdate) -> casebook::requests::InfoRequest;
            request_response_check($crate::ResponseCheck) -> Vec<casebook::requests::FormProblem>;
            request_respond($crate::RequestRespond) -> casebook::requests::InfoRequest;
            request_quality($crate::RequestQuality) -> casebook::requests::InfoRequest;
            request_decide($crate::RequestDecide) -> casebook::requests::InfoRequest;
            request_inaccuracy_add(casebook::requests::RequestNoticeInput) -> casebook::requests::InfoRequest;
            request_review_set($crate::RequestReview) -> casebook::requests::InfoRequest;
            bank_holidays($crate::YearParams) -> $crate::BankHolidays;
            request_export($crate::IdParams) -> $crate::MinutesExported;
            agreement_get($crate::NoParams) -> casebook::Agreement;
            agreement_versions($crate::NoParams) -> Vec<casebook::Agreement>;
            agreement_update($crate::AgreementText) -> casebook::Agreement;
            signature_withdraw($crate::SignatureWithdraw) -> casebook::MeetingPage;
            kiosk_start($crate::KioskStart) -> casebook::KioskView;
            kiosk_view($crate::NoParams) -> casebook::KioskView;
            kiosk_sign(casebook::SignInput) -> $crate::KioskAnswer;
            kiosk_decline(casebook::DeclineInput) -> $crate::KioskAnswer;
            kiosk_leave($crate::KioskLeave) -> $crate::VaultStatus;
        }
    };
}

macro_rules! define_dispatch {
    ($($name:ident($params:ty) -> $result:ty;)*) => {
        /// Every operation's name, in the order of [`for_each_method!`].
        pub const METHODS: &[&str] = &[$(stringify!($name)),*];

        impl Api {
            /// Calls an operation by name with JSON parameters (the command
            /// line's `api`). Counts as activity.
            pub fn dispatch(
                &mut self,
                method: &str,
                params: serde_json::Value,
            ) -> Result<serde_json::Value, ApiError> {
                self.touch(Instant::now());
                match method {
                    $(stringify!($name) => {
                        self.gate(stringify!($name))?;
                        let params: $params = params::parse(stringify!($name), params)?;
                        let result: $result = commands::$name(self, params)?;
                        serde_json::to_value(result)
                            .map_err(|_| ApiError::new("internal", "The answer could not be encoded."))
                    })*
                    _ => Err(ApiError::new(
                        "unknown_method",
                        "There is no such method. See docs/CLI.md for the list.",
                    )),
                }
            }
        }

        /// The operations with their types, for a face that calls them
        /// typed (the shell). Each first asks [`Api::gate`] whether the
        /// mode allows it, so no face can skip the kiosk rule.
        pub mod commands {
            use super::*;
            $(
                #[doc = concat!("`", stringify!($name), "`, gated by the mode.")]
                pub fn $name(api: &mut Api, params: $params) -> Result<$result, ApiError> {
                    api.gate(stringify!($name))?;
                    api.$name(params)
                }
            )*
        }

        pub(crate) fn command_signatures(cfg: &ts_rs::Config) -> Vec<(&'static str, String, String)> {
            use ts_rs::TS;
            vec![$((stringify!($name), <$params as TS>::name(cfg), <$result as TS>::name(cfg))),*]
        }
    };
}

for_each_method!(define_dispatch);

/// How an [`Api`] is set up.
pub struct ApiConfig {
    /// The vault file this instance works on.
    pub vault_path: PathBuf,
    /// In demo mode, the demo vault's passphrase (shown on the unlock screen).
    pub demo_passphrase: Option<String>,
    /// scrypt work factor for a vault created here.
    pub work_factor: u8,
    /// Who the audit trail records as making changes.
    pub actor: Actor,
    /// Where "now" comes from.
    pub clock: Arc<dyn Clock>,
    /// Where `minutes_export` writes, by the app's file name, when called
    /// by name ([`Api::dispatch`]: the command line's `api --export-dir`).
    /// `None` there answers `no_save_dialog`. The app's shell never sets
    /// it: it asks the chair with its save dialog, between
    /// [`Api::minutes_export_prepare`] and [`Api::export_save`].
    pub export_dir: Option<PathBuf>,
}

enum Mode {
    Locked,
    Unlocked {
        book: Box<Casebook>,
        recovery_pending: bool,
        auto_lock: Duration,
        /// The signing kiosk, while it runs.
        kiosk: Option<Kiosk>,
    },
}

/// The signing kiosk: which meeting, and wrong passphrases so far.
struct Kiosk {
    meeting_id: i64,
    wrong_passphrases: u32,
}

/// The only operations the kiosk answers; every other one is refused
/// while it runs, whatever face asks.
pub const KIOSK_METHODS: &[&str] = &[
    "vault_status",
    "activity",
    "kiosk_view",
    "kiosk_sign",
    "kiosk_decline",
    "kiosk_leave",
];

/// Wrong passphrases at "leave signing" before the vault locks itself.
pub const KIOSK_WRONG_PASSPHRASES: u32 = 5;

fn kiosk_error() -> ApiError {
    ApiError::new(
        "kiosk_active",
        "Not available while signing. The chair can leave signing with the vault passphrase.",
    )
}

fn not_signing_error() -> ApiError {
    ApiError::new(
        "kiosk_not_active",
        "Signing has not been started. Start it from the meeting's page.",
    )
}

/// The operations, and the mode they run in.
pub struct Api {
    config: ApiConfig,
    mode: Mode,
    last_activity: Instant,
    /// How many times a vault has been unlocked (or created): tells one
    /// unlocked session from the next.
    unlocks: u64,
    /// Why the vault last locked by itself, in words for the unlock screen
    /// (`VaultStatus::lock_notice`); none after the chair's own lock.
    lock_notice: Option<String>,
}

fn locked_error() -> ApiError {
    ApiError::new(
        "locked",
        "The vault is locked. Unlock it with the passphrase first.",
    )
}

fn minutes(d: Duration) -> u32 {
    u32::try_from(d.as_secs() / 60).unwrap_or(u32::MAX)
}

impl Api {
    /// A locked API over the vault at `config.vault_path` (which may not exist yet).
    pub fn new(config: ApiConfig) -> Self {
        Api {
            config,
            mode: Mode::Locked,
            last_activity: Instant::now(),
            unlocks: 0,
            lock_notice: None,
        }
    }

    /// Notes activity at `now` (any call, or the UI's `activity` ping).
    pub fn touch(&mut self, now: Instant) {
        self.last_activity = now;
    }

    /// Locks if unlocked and idle for longer than the auto-lock time.
    /// Returns whether it locked. The shell calls this from a timer.
    pub fn lock_if_idle(&mut self, now: Instant) -> bool {
        let idle = now.saturating_duration_since(self.last_activity);
        match &self.mode {
            Mode::Unlocked { auto_lock, .. } if idle >= *auto_lock => {
                let n = minutes(*auto_lock);
                self.lock();
                self.lock_notice = Some(format!(
                    "Locked after {n} minute{} without activity.",
                    if n == 1 { "" } else { "s" }
                ));
                true
            }
            _ => false,
        }
    }

    /// Locks whatever the mode, kiosk included, because the computer is
    /// going to sleep or its screen was locked (the shell hears this from
    /// the desktop session). Returns whether it locked.
    pub fn lock_for_sleep(&mut self) -> bool {
        if !self.is_unlocked() {
            return false;
        }
        self.lock();
        self.lock_notice =
            Some("Locked because the computer went to sleep or its screen was locked.".into());
        true
    }

    /// Whether a vault is unlocked.
    pub fn is_unlocked(&self) -> bool {
        matches!(self.mode, Mode::Unlocked { .. })
    }

    /// Refuses `method` when the mode does not allow it: while the kiosk
    /// runs, everything but [`KIOSK_METHODS`].
    pub fn gate(&self, method: &str) -> Result<(), ApiError> {
        match &self.mode {
            Mode::Unlocked { kiosk: Some(_), .. } if !KIOSK_METHODS.contains(&method) => {
                Err(kiosk_error())
            }
            _ => Ok(()),
        }
    }

    /// Locks whatever the mode, kiosk included: for the app's exit and
    /// other events of the shell's own, never for a command.
    pub fn lock_now(&mut self) {
        self.lock();
    }

    /// Whether the signing kiosk is running.
    pub fn in_kiosk(&self) -> bool {
        matches!(self.mode, Mode::Unlocked { kiosk: Some(_), .. })
    }

    /// The casebook for the chair's operations: refused while locked, and
    /// while the kiosk runs.
    fn book(&mut self) -> Result<&mut Casebook, ApiError> {
        match &mut self.mode {
            Mode::Unlocked { kiosk: Some(_), .. } => Err(kiosk_error()),
            Mode::Unlocked { book, .. } => Ok(book),
            Mode::Locked => Err(locked_error()),
        }
    }

    /// The casebook and the meeting, for the kiosk's own operations.
    fn kiosk_book(&mut self) -> Result<(&mut Casebook, i64), ApiError> {
        match &mut self.mode {
            Mode::Unlocked {
                book,
                kiosk: Some(k),
                ..
            } => Ok((book, k.meeting_id)),
            Mode::Unlocked { .. } => Err(not_signing_error()),
            Mode::Locked => Err(locked_error()),
        }
    }

    fn lock(&mut self) {
        self.lock_notice = None;
        if let Mode::Unlocked { book, .. } = std::mem::replace(&mut self.mode, Mode::Locked) {
            // Every save is already durable; compaction on lock only tidies.
            // If it fails (disk full), the journal still holds everything.
            let _ = book.close();
        }
    }

    fn vault_file_name(&self) -> Option<String> {
        self.config
            .vault_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
    }

    fn unlocked(&mut self, book: Casebook, recovery_pending: bool) -> Result<(), ApiError> {
        let settings = book.settings()?;
        self.mode = Mode::Unlocked {
            book: Box::new(book),
            recovery_pending,
            auto_lock: Duration::from_secs(u64::from(settings.auto_lock_minutes) * 60),
            kiosk: None,
        };
        self.last_activity = Instant::now();
        self.unlocks += 1;
        self.lock_notice = None;
        Ok(())
    }

    /// Where the vault is.
    pub fn vault_path(&self) -> &Path {
        &self.config.vault_path
    }

    /// The unlocked casebook, for the command line's own commands and tests.
    pub fn casebook(&mut self) -> Option<&mut Casebook> {
        self.book().ok()
    }

    // ---- the operations; each one listed in `for_each_method!` ----

    /// The mode and what the UI needs to show.
    pub(crate) fn vault_status(&mut self, _: NoParams) -> Result<VaultStatus, ApiError> {
        let (state, auto_lock_minutes, recovery_confirmation_pending) = match &self.mode {
            Mode::Unlocked {
                auto_lock,
                recovery_pending,
                kiosk,
                ..
            } => (
                if kiosk.is_some() {
                    VaultState::Kiosk
                } else {
                    VaultState::Unlocked
                },
                Some(minutes(*auto_lock)),
                *recovery_pending,
            ),
            Mode::Locked if self.config.vault_path.exists() => (VaultState::Locked, None, false),
            Mode::Locked => (VaultState::NoVault, None, false),
        };
        Ok(VaultStatus {
            state,
            vault_file: self.vault_file_name(),
            demo: self.config.demo_passphrase.is_some(),
            demo_passphrase: match state {
                VaultState::Locked => self.config.demo_passphrase.clone(),
                _ => None,
            },
            auto_lock_minutes,
            recovery_confirmation_pending,
            lock_notice: match state {
                VaultState::Locked => self.lock_notice.clone(),
                _ => None,
            },
        })
    }

    /// Creates the vault (only when none exists) and unlocks it.
    pub(crate) fn vault_create(&mut self, p: CreateVaultParams) -> Result<CreatedVault, ApiError> {
        if self.is_unlocked() || self.config.vault_path.exists() {
            return Err(ApiError::new(
                "vault_exists",
                "A vault already exists here. Unlock it instead of creating a new one.",
            ));
        }
        if p.passphrase != p.passphrase_again {
            return Err(ApiError::new(
                "passphrases_differ",
                "The two passphrases are different. Type the same passphrase in both fields.",
            ));
        }
        let (book, secret) = Casebook::create(
            &self.config.vault_path,
            &Passphrase::new(p.passphrase),
            CreateOptions {
                work_factor: self.config.work_factor,
            },
            Arc::clone(&self.config.clock),
            self.config.actor,
        )?;
        self.unlocked(book, true)?;
        Ok(CreatedVault {
            recovery_secret: secret.expose().to_owned(),
            vault_file: self.vault_file_name().unwrap_or_default(),
        })
    }

    /// Records that the chair has stored the recovery secret.
    pub(crate) fn vault_confirm_recovery_saved(
        &mut self,
        _: NoParams,
    ) -> Result<VaultStatus, ApiError> {
        match &mut self.mode {
            Mode::Unlocked {
                book,
                recovery_pending,
                ..
            } => {
                if *recovery_pending {
                    book.confirm_recovery_saved()?;
                    *recovery_pending = false;
                }
            }
            Mode::Locked => return Err(locked_error()),
        }
        self.vault_status(NoParams {})
    }

    /// Unlocks the vault with its passphrase. Refused while unlocked: an
    /// `ok` always means the passphrase was checked, and a second unlock
    /// neither re-derives the key nor offers a way to test guesses.
    pub(crate) fn vault_unlock(&mut self, p: UnlockParams) -> Result<VaultStatus, ApiError> {
        if self.is_unlocked() {
            return Err(ApiError::new(
                "already_unlocked",
                "The vault is already unlocked. To unlock it again, lock it first.",
            ));
        }
        if !self.config.vault_path.exists() {
            return Err(vault::Error::NotFound.into());
        }
        let book = Casebook::open(
            &self.config.vault_path,
            &Passphrase::new(p.passphrase),
            Arc::clone(&self.config.clock),
            self.config.actor,
        )?;
        self.unlocked(book, false)?;
        self.vault_status(NoParams {})
    }

    /// Locks the vault: the working copy is dropped.
    pub(crate) fn vault_lock(&mut self, _: NoParams) -> Result<VaultStatus, ApiError> {
        self.lock();
        self.vault_status(NoParams {})
    }

    /// Changes the passphrase.
    pub(crate) fn vault_change_passphrase(
        &mut self,
        p: ChangePassphraseParams,
    ) -> Result<(), ApiError> {
        let book = self.book()?;
        if p.new_passphrase != p.new_passphrase_again {
            return Err(ApiError::new(
                "passphrases_differ",
                "The two new passphrases are different. Type the same new passphrase in both fields.",
            ));
        }
        book.change_passphrase(
            &Passphrase::new(p.current),
            &Passphrase::new(p.new_passphrase),
        )?;
        Ok(())
    }

    /// The chair is active (typing, clicking): postpones auto-lock.
    pub(crate) fn activity(&mut self, _: NoParams) -> Result<(), ApiError> {
        self.touch(Instant::now());
        Ok(())
    }

    /// The partner directory.
    pub(crate) fn agencies_list(&mut self, p: ListAgenciesParams) -> Result<Vec<Agency>, ApiError> {
        Ok(self.book()?.agencies(p.include_inactive)?)
    }

    /// Adds a partner agency.
    pub(crate) fn agency_add(&mut self, p: AgencyInput) -> Result<Agency, ApiError> {
        Ok(self.book()?.add_agency(&p)?)
    }

    /// Edits a partner agency.
    pub(crate) fn agency_update(&mut self, p: AgencyUpdate) -> Result<Agency, ApiError> {
        let input = AgencyInput {
            name: p.name,
            designated_person_role: p.designated_person_role,
            kind: p.kind,
        };
        Ok(self.book()?.update_agency(p.id, &input)?)
    }

    /// Deactivates or reactivates a partner agency.
    pub(crate) fn agency_set_active(&mut self, p: AgencyActive) -> Result<Agency, ApiError> {
        Ok(self.book()?.set_agency_active(p.id, p.active)?)
    }

    /// The chair's settings.
    pub(crate) fn settings_get(&mut self, _: NoParams) -> Result<Settings, ApiError> {
        Ok(self.book()?.settings()?)
    }

    /// Changes the chair's settings; what is left out keeps its value.
    pub(crate) fn settings_update(
        &mut self,
        p: casebook::SettingsChange,
    ) -> Result<Settings, ApiError> {
        let saved = self.book()?.update_settings(&p)?;
        if let Mode::Unlocked { auto_lock, .. } = &mut self.mode {
            *auto_lock = Duration::from_secs(u64::from(saved.auto_lock_minutes) * 60);
        }
        Ok(saved)
    }

    // ---- the confidentiality agreement and the signing kiosk ----

    /// The current confidentiality agreement.
    pub(crate) fn agreement_get(&mut self, _: NoParams) -> Result<casebook::Agreement, ApiError> {
        Ok(self.book()?.agreement()?)
    }

    /// Every version of the agreement, newest first.
    pub(crate) fn agreement_versions(
        &mut self,
        _: NoParams,
    ) -> Result<Vec<casebook::Agreement>, ApiError> {
        Ok(self.book()?.agreement_versions()?)
    }

    /// A new version of the agreement.
    pub(crate) fn agreement_update(
        &mut self,
        p: AgreementText,
    ) -> Result<casebook::Agreement, ApiError> {
        Ok(self.book()?.update_agreement(&p.text)?)
    }

    /// Withdraws a mistaken signature or decline (the chair, not the kiosk).
    pub(crate) fn signature_withdraw(
        &mut self,
        p: SignatureWithdraw,
    ) -> Result<casebook::MeetingPage, ApiError> {
        let book = self.book()?;
        let entry = book.withdraw_signature(p.id, &p.reason)?;
        Ok(book.meeting_page(entry.meeting_id)?)
    }

    /// Starts the signing kiosk for a meeting: from now on only
    /// [`KIOSK_METHODS`] are answered, until `kiosk_leave` with the
    /// passphrase (or the vault locks).
    pub(crate) fn kiosk_start(&mut self, p: KioskStart) -> Result<casebook::KioskView, ApiError> {
        let book = self.book()?;
        book.record_kiosk(p.meeting_id, true)?;
        let view = book.kiosk_view(p.meeting_id)?;
        if let Mode::Unlocked { kiosk, .. } = &mut self.mode {
            *kiosk = Some(Kiosk {
                meeting_id: p.meeting_id,
                wrong_passphrases: 0,
            });
        }
        Ok(view)
    }

    /// What the kiosk shows.
    pub(crate) fn kiosk_view(&mut self, _: NoParams) -> Result<casebook::KioskView, ApiError> {
        let (book, meeting_id) = self.kiosk_book()?;
        Ok(book.kiosk_view(meeting_id)?)
    }

    /// Records a signature made in the kiosk.
    pub(crate) fn kiosk_sign(&mut self, p: casebook::SignInput) -> Result<KioskAnswer, ApiError> {
        let (book, meeting_id) = self.kiosk_book()?;
        let entry = book.sign(meeting_id, &p)?;
        Ok(KioskAnswer {
            name: entry.name,
            outcome: entry.outcome,
            view: book.kiosk_view(meeting_id)?,
        })
    }

    /// Records that someone in the kiosk declined to sign.
    pub(crate) fn kiosk_decline(
        &mut self,
        p: casebook::DeclineInput,
    ) -> Result<KioskAnswer, ApiError> {
        let (book, meeting_id) = self.kiosk_book()?;
        let entry = book.decline(meeting_id, &p)?;
        Ok(KioskAnswer {
            name: entry.name,
            outcome: entry.outcome,
            view: book.kiosk_view(meeting_id)?,
        })
    }

    /// Leaves the kiosk with the vault's passphrase. After
    /// [`KIOSK_WRONG_PASSPHRASES`] wrong ones the vault locks, and only the
    /// passphrase opens it again.
    pub(crate) fn kiosk_leave(&mut self, p: KioskLeave) -> Result<VaultStatus, ApiError> {
        let (book, meeting_id) = self.kiosk_book()?;
        match book.check_passphrase(&Passphrase::new(p.passphrase)) {
            Ok(()) => {
                book.record_kiosk(meeting_id, false)?;
                if let Mode::Unlocked { kiosk, .. } = &mut self.mode {
                    *kiosk = None;
                }
                self.vault_status(NoParams {})
            }
            Err(e) if e.code() == "wrong_passphrase_or_damaged" => {
                let mut tries = 0;
                if let Mode::Unlocked { kiosk: Some(k), .. } = &mut self.mode {
                    k.wrong_passphrases += 1;
                    tries = k.wrong_passphrases;
                }
                if tries >= KIOSK_WRONG_PASSPHRASES {
                    self.lock();
                    let e = ApiError::new(
                        "wrong_passphrase_locked",
                        "That passphrase is not right, again, so the vault has locked itself. \
                         Unlock it with the passphrase to go on.",
                    );
                    self.lock_notice = Some(e.message.clone());
                    return Err(e);
                }
                Err(ApiError::new(
                    "wrong_passphrase",
                    "That passphrase is not right, so signing goes on. Only the chair can leave \
                     signing, with the vault passphrase.",
                ))
            }
            Err(e) => Err(e.into()),
        }
    }

    // ---- meetings, people, actions (issue 3) ----

    /// What needs the chair's attention today.
    pub(crate) fn home(&mut self, _: NoParams) -> Result<casebook::Home, ApiError> {
        Ok(self.book()?.home()?)
    }

    /// Searches meetings, agenda items, actions, people, groups and cases.
    pub(crate) fn search(&mut self, p: SearchParams) -> Result<Vec<casebook::SearchHit>, ApiError> {
        Ok(self.book()?.search(&p.query)?)
    }

    /// Groups of meetings.
    pub(crate) fn groups_list(&mut self, p: ListParams) -> Result<Vec<casebook::Group>, ApiError> {
        Ok(self.book()?.groups(p.include_inactive)?)
    }

    /// Adds a group.
    pub(crate) fn group_add(
        &mut self,
        p: casebook::GroupInput,
    ) -> Result<casebook::Group, ApiError> {
        Ok(self.book()?.add_group(&p)?)
    }

    /// Edits a group.
    pub(crate) fn group_update(&mut self, p: GroupUpdate) -> Result<casebook::Group, ApiError> {
        Ok(self.book()?.update_group(p.id, &p.group)?)
    }

    /// Marks a group inactive or active.
    pub(crate) fn group_set_active(
        &mut self,
        p: SetActiveParams,
    ) -> Result<casebook::Group, ApiError> {
        Ok(self.book()?.set_group_active(p.id, p.active)?)
    }

    /// People.
    pub(crate) fn people_list(&mut self, p: ListParams) -> Result<Vec<casebook::Person>, ApiError> {
        Ok(self.book()?.people(p.include_inactive)?)
    }

    /// Adds a person.
    pub(crate) fn person_add(
        &mut self,
        p: casebook::PersonInput,
    ) -> Result<casebook::Person, ApiError> {
        Ok(self.book()?.add_person(&p)?)
    }

    /// Edits a person.
    pub(crate) fn person_update(&mut self, p: PersonUpdate) -> Result<casebook::Person, ApiError> {
        Ok(self.book()?.update_person(p.id, &p.person)?)
    }

    /// Marks a person inactive or active.
    pub(crate) fn person_set_active(
        &mut self,
        p: SetActiveParams,
    ) -> Result<casebook::Person, ApiError> {
        Ok(self.book()?.set_person_active(p.id, p.active)?)
    }

    /// Meetings, newest first.
    pub(crate) fn meetings_list(
        &mut self,
        p: casebook::MeetingFilter,
    ) -> Result<Vec<casebook::Meeting>, ApiError> {
        Ok(self.book()?.meetings(&p)?)
    }

    /// A meeting's page.
    pub(crate) fn meeting_get(&mut self, p: IdParams) -> Result<casebook::MeetingPage, ApiError> {
        Ok(self.book()?.meeting_page(p.id)?)
    }

    /// Plans a meeting from the usual agenda.
    pub(crate) fn meeting_plan(
        &mut self,
        p: PlanMeetingParams,
    ) -> Result<casebook::MeetingPage, ApiError> {
        Ok(self.book()?.plan_meeting(&p.meeting, &p.invitees)?)
    }

    /// Edits a meeting's details.
    pub(crate) fn meeting_update(
        &mut self,
        p: MeetingUpdate,
    ) -> Result<casebook::MeetingPage, ApiError> {
        Ok(self.book()?.update_meeting(p.id, &p.meeting)?)
    }

    /// Sets a meeting's status.
    pub(crate) fn meeting_set_status(
        &mut self,
        p: MeetingStatusParams,
    ) -> Result<casebook::MeetingPage, ApiError> {
        Ok(self.book()?.set_meeting_status(p.id, p.status)?)
    }

    /// Invites a person.
    pub(crate) fn invitation_add(
        &mut self,
        p: InvitationParams,
    ) -> Result<casebook::MeetingPage, ApiError> {
        Ok(self.book()?.invite(p.meeting_id, p.person_id)?)
    }

    /// Withdraws an invitation.
    pub(crate) fn invitation_remove(
        &mut self,
        p: InvitationParams,
    ) -> Result<casebook::MeetingPage, ApiError> {
        Ok(self.book()?.uninvite(p.meeting_id, p.person_id)?)
    }

    /// Records a person's attendance.
    pub(crate) fn attendance_set(
        &mut self,
        p: casebook::AttendanceInput,
    ) -> Result<casebook::MeetingPage, ApiError> {
        Ok(self.book()?.set_attendance(&p)?)
    }

    /// Adds an agenda item at the end.
    pub(crate) fn agenda_item_add(
        &mut self,
        p: AgendaItemAdd,
    ) -> Result<casebook::MeetingPage, ApiError> {
        Ok(self.book()?.add_agenda_item(p.meeting_id, &p.item)?)
    }

    /// Edits an agenda item.
    pub(crate) fn agenda_item_update(
        &mut self,
        p: AgendaItemUpdate,
    ) -> Result<casebook::MeetingPage, ApiError> {
        Ok(self.book()?.update_agenda_item(p.id, &p.item)?)
    }

    /// Removes an agenda item.
    pub(crate) fn agenda_item_remove(
        &mut self,
        p: IdParams,
    ) -> Result<casebook::MeetingPage, ApiError> {
        Ok(self.book()?.remove_agenda_item(p.id)?)
    }

    /// Moves an agenda item.
    pub(crate) fn agenda_item_move(
        &mut self,
        p: AgendaItemMove,
    ) -> Result<casebook::MeetingPage, ApiError> {
        Ok(self.book()?.move_agenda_item(p.id, p.to_position)?)
    }

    /// The actions tracker.
    pub(crate) fn actions_list(
        &mut self,
        p: casebook::ActionFilter,
    ) -> Result<Vec<casebook::Action>, ApiError> {
        Ok(self.book()?.actions(&p)?)
    }

    /// Raises an action.
    pub(crate) fn action_add(
        &mut self,
        p: casebook::ActionInput,
    ) -> Result<casebook::Action, ApiError> {
        Ok(self.book()?.add_action(&p)?)
    }

    /// Edits an action.
    pub(crate) fn action_update(
        &mut self,
        p: ActionUpdateParams,
    ) -> Result<casebook::Action, ApiError> {
        Ok(self.book()?.update_action(p.id, &p.action)?)
    }

    /// Records progress or a change of status.
    pub(crate) fn action_set_status(
        &mut self,
        p: casebook::ActionStatusChange,
    ) -> Result<casebook::Action, ApiError> {
        Ok(self.book()?.set_action_status(&p)?)
    }

    /// Every update of an action.
    pub(crate) fn action_updates(
        &mut self,
        p: IdParams,
    ) -> Result<Vec<casebook::ActionUpdate>, ApiError> {
        Ok(self.book()?.action_updates(p.id)?)
    }

    /// Cases, without their personal details.
    pub(crate) fn cases_list(
        &mut self,
        p: casebook::CaseFilter,
    ) -> Result<Vec<casebook::CaseSummary>, ApiError> {
        Ok(self.book()?.cases(&p)?)
    }

    /// A case's page.
    pub(crate) fn case_get(&mut self, p: IdParams) -> Result<casebook::CasePage, ApiError> {
        Ok(self.book()?.case_page(p.id)?)
    }

    /// Records a case.
    pub(crate) fn case_add(
        &mut self,
        p: casebook::CaseInput,
    ) -> Result<casebook::CasePage, ApiError> {
        Ok(self.book()?.add_case(&p)?)
    }

    /// Changes a case.
    pub(crate) fn case_update(&mut self, p: CaseUpdate) -> Result<casebook::CasePage, ApiError> {
        Ok(self.book()?.update_case(p.id, &p.case)?)
    }

    /// A meeting as the minute-taker works through it, item by item.
    pub(crate) fn minute_taking_get(
        &mut self,
        p: IdParams,
    ) -> Result<casebook::MinuteTaking, ApiError> {
        Ok(self.book()?.minute_taking(p.id)?)
    }

    /// Saves an item's discussion summary and decisions.
    pub(crate) fn agenda_item_notes_save(
        &mut self,
        p: AgendaItemNotes,
    ) -> Result<casebook::MinuteItem, ApiError> {
        Ok(self
            .book()?
            .save_item_notes(p.id, &p.summary, &p.decisions)?)
    }

    /// Marks someone out of the room for an item, or back in.
    pub(crate) fn out_of_room_set(
        &mut self,
        p: OutOfRoomSet,
    ) -> Result<casebook::MinuteItem, ApiError> {
        Ok(self
            .book()?
            .set_out_of_room(p.item_id, p.person_id, p.out)?)
    }

    /// The rules' findings for a disclosure as typed, without saving.
    pub(crate) fn disclosure_check(
        &mut self,
        p: DisclosureCheckParams,
    ) -> Result<casebook::DisclosureCheck, ApiError> {
        Ok(self.book()?.check_disclosure(p.id, &p.disclosure)?)
    }

    /// Records a disclosure the rules allow.
    pub(crate) fn disclosure_add(
        &mut self,
        p: casebook::DisclosureInput,
    ) -> Result<casebook::Disclosure, ApiError> {
        Ok(self.book()?.add_disclosure(&p)?)
    }

    /// Changes a disclosure, under the same rules.
    pub(crate) fn disclosure_update(
        &mut self,
        p: DisclosureUpdate,
    ) -> Result<casebook::Disclosure, ApiError> {
        Ok(self.book()?.update_disclosure(p.id, &p.disclosure)?)
    }

    /// Withdraws a disclosure with a reason.
    pub(crate) fn disclosure_withdraw(
        &mut self,
        p: DisclosureWithdraw,
    ) -> Result<casebook::Disclosure, ApiError> {
        Ok(self.book()?.withdraw_disclosure(p.id, &p.reason)?)
    }

    /// A meeting's, an item's or a case's disclosures.
    pub(crate) fn disclosures_list(
        &mut self,
        p: casebook::DisclosureFilter,
    ) -> Result<Vec<casebook::Disclosure>, ApiError> {
        Ok(self.book()?.disclosures(&p)?)
    }

    /// Records an inaccuracy notice against a disclosure.
    pub(crate) fn inaccuracy_add(
        &mut self,
        p: InaccuracyAdd,
    ) -> Result<casebook::Disclosure, ApiError> {
        Ok(self
            .book()?
            .add_inaccuracy_notice(p.disclosure_id, &p.notice)?)
    }

    /// Changes an inaccuracy notice.
    pub(crate) fn inaccuracy_update(
        &mut self,
        p: InaccuracyUpdate,
    ) -> Result<casebook::Disclosure, ApiError> {
        Ok(self.book()?.update_inaccuracy_notice(p.id, &p.notice)?)
    }

    /// A meeting's minutes: the draft and the approved versions.
    pub(crate) fn minutes_get(&mut self, p: IdParams) -> Result<casebook::MinutesPage, ApiError> {
        Ok(self.book()?.minutes(p.id)?)
    }

    /// One approved version of a meeting's minutes.
    pub(crate) fn minutes_version_get(
        &mut self,
        p: MinutesVersionParams,
    ) -> Result<casebook::MinutesVersion, ApiError> {
        Ok(self.book()?.minutes_version(p.meeting_id, p.version)?)
    }

    /// What changed between two approved versions.
    pub(crate) fn minutes_changes(
        &mut self,
        p: MinutesChangesParams,
    ) -> Result<Vec<casebook::MinutesChange>, ApiError> {
        Ok(self.book()?.minutes_changes(p.meeting_id, p.from, p.to)?)
    }

    /// The chair approves the draft as the next version.
    pub(crate) fn minutes_approve(
        &mut self,
        p: casebook::MinutesApprove,
    ) -> Result<casebook::MinutesPage, ApiError> {
        Ok(self.book()?.approve_minutes(&p)?)
    }

    /// Exports a meeting's minutes as PDF into the folder the face was
    /// given ([`ApiConfig::export_dir`]), under the app's file name, never
    /// replacing a file. The app's shell does not come here: it runs
    /// [`Api::minutes_export_prepare`], its save dialog, then
    /// [`Api::export_save`].
    pub(crate) fn minutes_export(
        &mut self,
        p: MinutesExportParams,
    ) -> Result<MinutesExported, ApiError> {
        let Some(dir) = self.config.export_dir.clone() else {
            // The mode's refusals first, as for any other method.
            self.book()?;
            return Err(ApiError::new(
                "no_save_dialog",
                "Only the app can ask where to save the file, and this is not the app; nothing \
                 was written. Export from the app, or with tasking-vault-cli export-minutes.",
            ));
        };
        let prepared = self.minutes_export_prepare(p)?;
        let to = SaveTo::NewFile(dir.join(prepared.file_name()));
        self.export_save(prepared, &to)
    }

    /// Exports a meeting's agenda as PDF, as `minutes_export` does minutes:
    /// into [`ApiConfig::export_dir`] here; the app's shell runs
    /// [`Api::agenda_export_prepare`], its save dialog, then
    /// [`Api::export_save`].
    pub(crate) fn agenda_export(&mut self, p: IdParams) -> Result<MinutesExported, ApiError> {
        let Some(dir) = self.config.export_dir.clone() else {
            self.book()?;
            return Err(ApiError::new(
                "no_save_dialog",
                "Only the app can ask where to save the file, and this is not the app; nothing \
                 was written. Export from the app, or with tasking-vault-cli export-agenda.",
            ));
        };
        let prepared = self.agenda_export_prepare(p)?;
        let to = SaveTo::NewFile(dir.join(prepared.file_name()));
        self.export_save(prepared, &to)
    }

    /// Exports an information request's form as PDF, as `agenda_export`
    /// does the agenda: into [`ApiConfig::export_dir`] here; the app's
    /// shell runs [`Api::request_export_prepare`], its save dialog, then
    /// [`Api::export_save`].
    pub(crate) fn request_export(&mut self, p: IdParams) -> Result<MinutesExported, ApiError> {
        let Some(dir) = self.config.export_dir.clone() else {
            self.book()?;
            return Err(ApiError::new(
                "no_save_dialog",
                "Only the app can ask where to save the file, and this is not the app; nothing \
                 was written. Export from the app.",
            ));
        };
        let prepared = self.request_export_prepare(p)?;
        let to = SaveTo::NewFile(dir.join(prepared.file_name()));
        self.export_save(prepared, &to)
    }

    /// `request_export`'s first half, as [`Api::minutes_export_prepare`].
    pub fn request_export_prepare(&mut self, p: IdParams) -> Result<PreparedExport, ApiError> {
        self.gate("request_export")?;
        let session = self.unlocks;
        let file = self.book()?.request_file(p.id)?;
        Ok(PreparedExport {
            session,
            meeting_id: p.id,
            what: export::Exported::Request,
            file,
        })
    }

    /// `agenda_export`'s first half, as [`Api::minutes_export_prepare`].
    pub fn agenda_export_prepare(&mut self, p: IdParams) -> Result<PreparedExport, ApiError> {
        self.gate("agenda_export")?;
        let session = self.unlocks;
        let file = self.book()?.agenda_file(p.id)?;
        Ok(PreparedExport {
            session,
            meeting_id: p.id,
            what: export::Exported::Agenda,
            file,
        })
    }

    /// `minutes_export`'s first half, for a face with a save dialog: the
    /// PDF (an approved version, or the draft marked DRAFT), its app-made
    /// name and SHA-256, refused as `minutes_export` would be (the mode,
    /// the kiosk, `not_found`, `unprintable`). Nothing is recorded or
    /// written yet, so a cancelled dialog leaves no trace. The face must
    /// not hold the [`Api`] while its dialog is open.
    pub fn minutes_export_prepare(
        &mut self,
        p: MinutesExportParams,
    ) -> Result<PreparedExport, ApiError> {
        self.gate("minutes_export")?;
        let session = self.unlocks;
        let file = self.book()?.minutes_file(p.meeting_id, p.version)?;
        Ok(PreparedExport {
            session,
            meeting_id: p.meeting_id,
            what: export::Exported::Minutes { version: p.version },
            file,
        })
    }

    /// The second half of `minutes_export` and `agenda_export`: writes the
    /// prepared file to `to` and records the export (audit entry
    /// `minutes.export` or `agenda.export`) just before
    /// the file takes its name (see [`SaveTo`]). Refused, writing nothing,
    /// when the session that prepared it has ended — the vault locked
    /// while the dialog was open — or the signing kiosk has started.
    pub fn export_save(
        &mut self,
        prepared: PreparedExport,
        to: &SaveTo,
    ) -> Result<MinutesExported, ApiError> {
        self.gate(match prepared.what {
            export::Exported::Minutes { .. } => "minutes_export",
            export::Exported::Agenda => "agenda_export",
            export::Exported::Request => "request_export",
        })?;
        if !self.is_unlocked() || self.unlocks != prepared.session {
            return Err(ApiError::new(
                "locked",
                "The vault locked while the save dialog was open, so nothing was written. \
                 Unlock it, then export again.",
            ));
        }
        let PreparedExport {
            meeting_id,
            what,
            file,
            ..
        } = prepared;
        let book = self.book()?;
        let name = export::write(to, &file.bytes, || {
            match what {
                export::Exported::Minutes { version } => {
                    book.record_minutes_export(meeting_id, version)?;
                }
                export::Exported::Agenda => book.record_agenda_export(meeting_id)?,
                export::Exported::Request => book.record_request_export(meeting_id)?,
            }
            Ok(())
        })?;
        Ok(MinutesExported {
            written: true,
            file_name: Some(name),
            sha256: Some(file.sha256),
        })
    }

    /// Sets or clears an agency's secure inbox key.
    pub(crate) fn agency_inbox_key_set(&mut self, p: InboxKeySet) -> Result<Agency, ApiError> {
        let book = self.book()?;
        book.set_inbox_key(
            casebook::circulation::keys::Holder::Agency(p.id),
            p.key.as_deref(),
        )?;
        Ok(book
            .agencies(true)?
            .into_iter()
            .find(|a| a.id == p.id)
            .ok_or(casebook::Error::NotFound("agency"))?)
    }

    /// Sets or clears a person's own secure inbox key.
    pub(crate) fn person_inbox_key_set(
        &mut self,
        p: InboxKeySet,
    ) -> Result<casebook::Person, ApiError> {
        let book = self.book()?;
        book.set_inbox_key(
            casebook::circulation::keys::Holder::Person(p.id),
            p.key.as_deref(),
        )?;
        Ok(book
            .people(true)?
            .into_iter()
            .find(|x| x.id == p.id)
            .ok_or(casebook::Error::NotFound("person"))?)
    }

    /// Records consent for a disclosure to go to other agencies.
    pub(crate) fn consent_add(
        &mut self,
        p: casebook::ConsentInput,
    ) -> Result<Vec<casebook::Consent>, ApiError> {
        Ok(self.book()?.add_consent(&p)?)
    }

    /// The consents recorded for a disclosure.
    pub(crate) fn consents_list(
        &mut self,
        p: IdParams,
    ) -> Result<Vec<casebook::Consent>, ApiError> {
        Ok(self.book()?.consents(p.id)?)
    }

    /// What issuing copies would do, and what stops it.
    pub(crate) fn copies_check(
        &mut self,
        p: casebook::CopiesRequest,
    ) -> Result<casebook::CopiesPlan, ApiError> {
        Ok(self.book()?.plan_copies(&p)?)
    }

    /// Issues copies into the folder the face was given
    /// ([`ApiConfig::export_dir`]), never replacing a file. The app's shell
    /// runs [`Api::copies_issue_prepare`], its folder dialog, then
    /// [`Api::copies_issue_save`].
    pub(crate) fn copies_issue(
        &mut self,
        p: casebook::CopiesRequest,
    ) -> Result<CopiesIssued, ApiError> {
        let Some(dir) = self.config.export_dir.clone() else {
            self.book()?;
            return Err(ApiError::new(
                "no_save_dialog",
                "Only the app can ask where to save the copies, and this is not the app; \
                 nothing was written. Issue them from the app.",
            ));
        };
        let prepared = self.copies_issue_prepare(p)?;
        self.copies_issue_save(prepared, &dir)
    }

    /// `copies_issue`'s first half, for a face with a folder dialog: every
    /// copy rendered and encrypted in memory, refused with the plan's
    /// problems while there are any. Nothing is written or recorded yet.
    pub fn copies_issue_prepare(
        &mut self,
        p: casebook::CopiesRequest,
    ) -> Result<export::PreparedCopiesExport, ApiError> {
        self.gate("copies_issue")?;
        let session = self.unlocks;
        let copies = self.book()?.prepare_copies(&p)?;
        Ok(export::PreparedCopiesExport { session, copies })
    }

    /// `copies_issue`'s second half: writes every prepared file into
    /// `folder` (new files only, mode 0600, each under a hidden name until
    /// all are written) and records them in the distribution record (audit
    /// entries `minutes.copy_issue`) before they take their names.
    pub fn copies_issue_save(
        &mut self,
        prepared: export::PreparedCopiesExport,
        folder: &Path,
    ) -> Result<CopiesIssued, ApiError> {
        self.gate("copies_issue")?;
        if !self.is_unlocked() || self.unlocks != prepared.session {
            return Err(ApiError::new(
                "locked",
                "The vault locked while the folder dialog was open, so nothing was written. \
                 Unlock it, then issue the copies again.",
            ));
        }
        let book = self.book()?;
        let files: Vec<(&str, &[u8])> = prepared
            .copies
            .copies
            .iter()
            .map(|c| (c.planned.file_name.as_str(), c.bytes.as_slice()))
            .collect();
        let mut issued = Vec::new();
        export::write_all(folder, &files, || {
            issued = book.record_copies(&prepared.copies)?;
            Ok(())
        })?;
        Ok(CopiesIssued {
            written: true,
            copies: issued,
        })
    }

    /// The distribution record of a meeting's minutes.
    pub(crate) fn copies_list(
        &mut self,
        p: IdParams,
    ) -> Result<Vec<casebook::IssuedCopy>, ApiError> {
        Ok(self.book()?.issued_copies(p.id)?)
    }

    /// Recalls an issued copy.
    pub(crate) fn copy_recall(&mut self, p: CopyRecall) -> Result<casebook::IssuedCopy, ApiError> {
        Ok(self.book()?.recall_copy(p.id, &p.reason)?)
    }

    /// Whether a file in the face's folder ([`ApiConfig::export_dir`]) is
    /// a copy issued from this vault. The app's shell asks the chair for
    /// the file with its open dialog and calls [`Api::copy_identify_file`].
    pub(crate) fn copy_identify(
        &mut self,
        p: CopyIdentifyParams,
    ) -> Result<CopyIdentified, ApiError> {
        self.book()?;
        let (Some(dir), Some(name)) = (self.config.export_dir.clone(), p.file_name) else {
            return Err(ApiError::new(
                "no_open_dialog",
                "Only the app can ask which file to check, and this is not the app. Check \
                 the file with tasking-vault-cli identify-copy, or name it with file_name \
                 under api --export-dir.",
            ));
        };
        let plain = Path::new(&name)
            .file_name()
            .is_some_and(|n| n == name.as_str());
        if !plain {
            return Err(ApiError::new(
                "invalid_params",
                "file_name must be the name of a file in the export folder, without a folder.",
            ));
        }
        self.copy_identify_file(&dir.join(&name))
    }

    /// Reads `path` (at most the largest file a copy can be) and says
    /// whether it is a copy issued from this vault.
    pub fn copy_identify_file(&mut self, path: &Path) -> Result<CopyIdentified, ApiError> {
        self.gate("copy_identify")?;
        let bytes = export::read_bounded(path, casebook::circulation::MAX_IDENTIFY_BYTES)?;
        let identification = self.book()?.identify_copy(&bytes)?;
        Ok(CopyIdentified {
            chosen: true,
            file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
            identification: Some(identification),
        })
    }

    /// The register of information requests.
    pub(crate) fn requests_list(
        &mut self,
        p: casebook::requests::RequestFilter,
    ) -> Result<Vec<casebook::requests::RequestSummary>, ApiError> {
        Ok(self.book()?.requests(&p)?)
    }

    /// One information request.
    pub(crate) fn request_get(
        &mut self,
        p: IdParams,
    ) -> Result<casebook::requests::InfoRequest, ApiError> {
        Ok(self.book()?.request(p.id)?)
    }

    /// Records an emergency request taken by telephone.
    pub(crate) fn request_emergency(
        &mut self,
        p: casebook::requests::EmergencyCall,
    ) -> Result<casebook::requests::InfoRequest, ApiError> {
        Ok(self.book()?.record_emergency(&p)?)
    }

    /// What the request form still lacks or has wrong, as typed.
    pub(crate) fn request_check(
        &mut self,
        p: RequestCheck,
    ) -> Result<Vec<casebook::requests::FormProblem>, ApiError> {
        let book = self.book()?;
        Ok(p.form.problems(book.today_date()))
    }

    /// Records a request.
    pub(crate) fn request_add(
        &mut self,
        p: casebook::requests::RequestInput,
    ) -> Result<casebook::requests::InfoRequest, ApiError> {
        Ok(self.book()?.add_request(&p)?)
    }

    /// Changes an unfinished request.
    pub(crate) fn request_update(
        &mut self,
        p: RequestUpdate,
    ) -> Result<casebook::requests::InfoRequest, ApiError> {
        Ok(self.book()?.update_request(p.id, &p.request)?)
    }

    /// What the response still lacks or has wrong, as typed.
    pub(crate) fn request_response_check(
        &mut self,
        p: ResponseCheck,
    ) -> Result<Vec<casebook::requests::FormProblem>, ApiError> {
        let book = self.book()?;
        Ok(p.response.checked(book.today_date()).1)
    }

    /// Records the response.
    pub(crate) fn request_respond(
        &mut self,
        p: RequestRespond,
    ) -> Result<casebook::requests::InfoRequest, ApiError> {
        Ok(self.book()?.respond_to_request(p.id, &p.response)?)
    }

    /// Records the point of contact's quality assurance.
    pub(crate) fn request_quality(
        &mut self,
        p: RequestQuality,
    ) -> Result<casebook::requests::InfoRequest, ApiError> {
        Ok(self.book()?.quality_assure_request(p.id, &p.signed)?)
    }

    /// Records the decision.
    pub(crate) fn request_decide(
        &mut self,
        p: RequestDecide,
    ) -> Result<casebook::requests::InfoRequest, ApiError> {
        Ok(self.book()?.decide_request(p.id, p.decision, &p.reasons)?)
    }

    /// Adds an inaccuracy notice against a request.
    pub(crate) fn request_inaccuracy_add(
        &mut self,
        p: casebook::requests::RequestNoticeInput,
    ) -> Result<casebook::requests::InfoRequest, ApiError> {
        Ok(self.book()?.add_request_notice(&p)?)
    }

    /// Sets the day a request's records are due for review.
    pub(crate) fn request_review_set(
        &mut self,
        p: RequestReview,
    ) -> Result<casebook::requests::InfoRequest, ApiError> {
        Ok(self.book()?.set_request_review_date(p.id, &p.review_date)?)
    }

    /// A year's bank holidays in England and Wales, and where they come from.
    pub(crate) fn bank_holidays(&mut self, p: YearParams) -> Result<BankHolidays, ApiError> {
        let book = self.book()?;
        let year = match p.year {
            Some(y) => y,
            None => chrono::Datelike::year(&book.today_date()),
        };
        if !(1900..=2200).contains(&year) {
            return Err(ApiError::new(
                "invalid_input",
                "Year: must be between 1900 and 2200. Choose another year.",
            ));
        }
        let (days, source) = casebook::workdays::bank_holidays(year);
        Ok(BankHolidays {
            year,
            source,
            published_source: casebook::workdays::SOURCE.to_owned(),
            published_years: [
                *casebook::workdays::PUBLISHED_YEARS.start(),
                *casebook::workdays::PUBLISHED_YEARS.end(),
            ],
            days,
        })
    }

    /// Closes: locks, compacting the vault if anything changed.
    pub fn close(mut self) -> Result<(), ApiError> {
        if let Mode::Unlocked { book, .. } = std::mem::replace(&mut self.mode, Mode::Locked) {
            book.close()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    const PASS: &str = "correct horse battery staple";

    /// A locked API over `dir/chair.tvault` (no file yet).
    fn api(dir: &Path) -> Api {
        Api::new(ApiConfig {
            vault_path: dir.join("chair.tvault"),
            demo_passphrase: None,
            work_factor: 2,
            actor: Actor::Cli,
            clock: Arc::new(casebook::SystemClock),
            export_dir: None,
        })
    }

    /// An API over a new vault, unlocked.
    fn unlocked(dir: &Path) -> Api {
        let mut api = api(dir);
        api.vault_create(CreateVaultParams {
            passphrase: PASS.into(),
            passphrase_again: PASS.into(),
        })
        .expect("create");
        api
    }

    fn code(api: &mut Api, method: &str, params: Value) -> String {
        match api.dispatch(method, params) {
            Ok(v) => panic!("{method} answered ok: {v}"),
            Err(e) => e.code,
        }
    }

    #[test]
    fn invalid_params_never_quote_what_was_sent() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut api = api(dir.path());
        let secret = "s3cr3t-hunter2";
        for (method, params) in [
            ("vault_unlock", json!(secret)),
            ("vault_unlock", json!({ "passphrase": 12_345_678_901_u64 })),
            ("vault_unlock", json!({ secret: PASS })),
            ("vault_unlock", json!([secret])),
            ("settings_update", json!({ "auto_lock_minutes": secret })),
            ("settings_update", json!({ "auto_lock_minutes": -987_654 })),
            ("settings_update", json!({ "auto_lock_minutes": 5.5 })),
            ("agency_set_active", json!({ "id": 1, "active": secret })),
            ("vault_status", json!({ secret: true })),
            ("vault_status", json!(secret)),
        ] {
            let e = api.dispatch(method, params.clone()).expect_err("refused");
            assert_eq!(e.code, "invalid_params", "{method} {params}: {e:?}");
            for quoted in [secret, "12345678901", "987654", "5.5"] {
                assert!(
                    !e.message.contains(quoted),
                    "{method} {params}: the message quotes what was sent: {}",
                    e.message
                );
            }
            assert!(e.message.contains(method), "{}", e.message);
        }
    }

    #[test]
    fn settings_update_keeps_what_it_leaves_out() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut api = unlocked(dir.path());
        let both = api
            .dispatch(
                "settings_update",
                json!({ "auto_lock_minutes": 15, "review_months": 24 }),
            )
            .expect("both");
        assert_eq!(
            both,
            json!({ "auto_lock_minutes": 15, "review_months": 24 })
        );
        for (change, after) in [
            (
                json!({ "auto_lock_minutes": 10 }),
                json!({ "auto_lock_minutes": 10, "review_months": 24 }),
            ),
            (
                json!({ "review_months": 6, "auto_lock_minutes": null }),
                json!({ "auto_lock_minutes": 10, "review_months": 6 }),
            ),
            (
                json!({}),
                json!({ "auto_lock_minutes": 10, "review_months": 6 }),
            ),
        ] {
            let saved = api
                .dispatch("settings_update", change.clone())
                .expect("saved");
            assert_eq!(saved, after, "{change}");
            assert_eq!(api.dispatch("settings_get", json!({})).expect("get"), after);
        }
        // A value out of range is refused and nothing changes.
        assert_eq!(
            code(&mut api, "settings_update", json!({ "review_months": 0 })),
            "invalid_input"
        );
        assert_eq!(
            api.dispatch("settings_get", json!({})).expect("get"),
            json!({ "auto_lock_minutes": 10, "review_months": 6 })
        );
    }

    #[test]
    fn invalid_params_name_the_field_and_the_shape() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut api = api(dir.path());
        let message = |api: &mut Api, method: &str, params: Value| {
            api.dispatch(method, params).expect_err("refused").message
        };
        let m = message(
            &mut api,
            "settings_update",
            json!({ "auto_lock_minutes": "5" }),
        );
        assert!(m.contains("`auto_lock_minutes`"), "{m}");
        assert!(m.contains("wrong JSON type"), "{m}");
        let m = message(
            &mut api,
            "settings_update",
            json!({ "auto_lock_minutes": -1 }),
        );
        assert!(
            m.contains("`auto_lock_minutes`") && m.contains("range"),
            "{m}"
        );
        let m = message(&mut api, "agency_update", json!({ "id": 1, "name": "x" }));
        assert!(m.contains("lack the field `designated_person_role`"), "{m}");
        assert!(
            m.contains("`id`, `name`, `designated_person_role` and `kind`"),
            "{m}"
        );
        let m = message(
            &mut api,
            "vault_unlock",
            json!({ "passphrase": PASS, "x": 1 }),
        );
        assert!(
            m.contains("a field that `vault_unlock` does not take"),
            "{m}"
        );
        let m = message(&mut api, "vault_lock", json!({ "x": 1 }));
        assert!(m.contains("takes none"), "{m}");
    }

    #[test]
    fn every_params_type_refuses_unknown_fields_and_arrays() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut api = api(dir.path());
        let unknown = json!({ "name": "A", "designated_person_role": "B", "extra": 1 });
        assert_eq!(code(&mut api, "agency_add", unknown), "invalid_params");
        let unknown = json!({ "auto_lock_minutes": 5, "extra": 1 });
        assert_eq!(code(&mut api, "settings_update", unknown), "invalid_params");
        // serde reads a struct from an array too; only objects are parameters.
        assert_eq!(
            code(&mut api, "vault_unlock", json!([PASS])),
            "invalid_params"
        );
        assert_eq!(
            code(&mut api, "settings_update", json!([5])),
            "invalid_params"
        );
        assert_eq!(code(&mut api, "vault_status", json!([])), "invalid_params");
        assert_eq!(code(&mut api, "vault_status", json!(0)), "invalid_params");
        // No params: left out, null or {}.
        for none in [Value::Null, json!({})] {
            api.dispatch("vault_status", none).expect("no params");
        }
    }

    #[test]
    fn agencies_list_includes_inactive_only_when_asked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut api = unlocked(dir.path());
        api.dispatch("agency_set_active", json!({ "id": 5, "active": false }))
            .expect("deactivate");
        let count = |api: &mut Api, params: Value| {
            api.dispatch("agencies_list", params)
                .expect("list")
                .as_array()
                .map(Vec::len)
        };
        assert_eq!(count(&mut api, json!({})), Some(6));
        assert_eq!(count(&mut api, Value::Null), Some(6));
        assert_eq!(
            count(&mut api, json!({ "include_inactive": true })),
            Some(7)
        );
    }

    #[test]
    fn agencies_have_a_kind_which_the_caller_must_give() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut api = unlocked(dir.path());
        let police = api
            .dispatch("agencies_list", json!({}))
            .expect("list")
            .as_array()
            .and_then(|a| {
                a.iter()
                    .find(|a| a["kind"] == "police")
                    .map(|a| a["name"].clone())
            });
        assert_eq!(
            police,
            Some(json!("West Mercia Police (Shropshire Division)"))
        );
        let e = api
            .dispatch(
                "agency_add",
                json!({ "name": "Severnside Housing Trust", "designated_person_role": "Manager" }),
            )
            .expect_err("no kind");
        assert_eq!(e.code, "invalid_params");
        assert!(e.message.contains("lack the field `kind`"), "{}", e.message);
        assert_eq!(
            code(
                &mut api,
                "agency_add",
                json!({ "name": "S", "designated_person_role": "M", "kind": "landlord" })
            ),
            "invalid_params"
        );
        let added = api
            .dispatch(
                "agency_add",
                json!({ "name": "Severnside Housing Trust", "designated_person_role": "Manager",
                        "kind": "housing" }),
            )
            .expect("added");
        assert_eq!(added["kind"], "housing");
        let id = added["id"].clone();
        let edited = api
            .dispatch(
                "agency_update",
                json!({ "id": id, "name": "Severnside Housing Trust",
                        "designated_person_role": "Manager", "kind": "other" }),
            )
            .expect("edited");
        assert_eq!(edited["kind"], "other");
    }

    #[test]
    fn cases_are_added_listed_read_and_changed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut api = unlocked(dir.path());
        let page = api
            .dispatch(
                "case_add",
                json!({ "case_ref": "nb-2026-014", "kind": "individual",
                        "label": "Adult male, Tanner's Row", "subject_name": "Corwin Ashdale",
                        "aliases": ["Cory Ash"], "date_of_birth": "1991-04-17" }),
            )
            .expect("added");
        assert_eq!(page["case"]["case_ref"], "NB-2026-014");
        assert_eq!(page["case"]["personal_data"], true);
        assert_eq!(page["items"], json!([]));
        let id = page["case"]["id"].clone();
        // Only the reference, kind and label are required.
        api.dispatch(
            "case_add",
            json!({ "case_ref": "NB-2026-038", "kind": "location", "label": "Kingfisher Court" }),
        )
        .expect("a plain case");
        let list = api
            .dispatch("cases_list", json!({ "kind": "individual" }))
            .expect("list");
        assert_eq!(
            list,
            json!([{ "id": id, "case_ref": "NB-2026-014", "kind": "individual",
                     "label": "Adult male, Tanner's Row", "personal_data": true, "items": 0,
                     "last_meeting_date": null }])
        );
        let e = api
            .dispatch(
                "case_add",
                json!({ "case_ref": "NB-2026-014", "kind": "group", "label": "Again" }),
            )
            .expect_err("duplicate");
        assert_eq!(e.code, "conflict");
        let e = api
            .dispatch(
                "case_update",
                json!({ "id": id, "case": { "case_ref": "NB-2026-014", "kind": "individual",
                        "label": "Adult male", "date_of_birth": "2999-01-01" } }),
            )
            .expect_err("a date of birth in the future");
        assert_eq!(e.code, "invalid_input");
        assert!(e.message.starts_with("Date of birth: "), "{}", e.message);
        let page = api
            .dispatch(
                "case_update",
                json!({ "id": id, "case": { "case_ref": "NB-2026-014", "kind": "individual",
                        "label": "Adult male" } }),
            )
            .expect("updated");
        assert_eq!(
            page["case"]["personal_data"], false,
            "details left out are removed"
        );
        assert_eq!(
            api.dispatch("case_get", json!({ "id": id })).expect("get"),
            page
        );
        assert_eq!(
            code(&mut api, "case_get", json!({ "id": 999 })),
            "not_found"
        );
        assert_eq!(
            code(&mut api, "cases_list", json!({ "kind": "street" })),
            "invalid_params"
        );
    }

    #[test]
    fn unlock_while_unlocked_is_refused_whatever_the_passphrase() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut api = unlocked(dir.path());
        for passphrase in ["not the passphrase", PASS] {
            let e = api
                .vault_unlock(UnlockParams {
                    passphrase: passphrase.into(),
                })
                .expect_err("refused");
            assert_eq!(e.code, "already_unlocked");
            assert!(api.is_unlocked(), "still unlocked");
        }
        api.vault_lock(NoParams {}).expect("lock");
        api.vault_unlock(UnlockParams {
            passphrase: PASS.into(),
        })
        .expect("unlocks once locked");
    }

    #[test]
    fn change_passphrase_checks_the_mode_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut api = api(dir.path());
        let e = api
            .vault_change_passphrase(ChangePassphraseParams {
                current: PASS.into(),
                new_passphrase: "one new passphrase".into(),
                new_passphrase_again: "another new passphrase".into(),
            })
            .expect_err("refused");
        assert_eq!(e.code, "locked");
    }
}
