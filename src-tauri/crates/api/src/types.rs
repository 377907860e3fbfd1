//! Parameters and results of the API methods. The TypeScript twins in
//! `ui/src/lib/bindings.ts` are generated from these.

use serde::{Deserialize, Serialize};

/// A method that takes no parameters.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}

/// The mode the app is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum VaultState {
    /// No vault file yet: the create screen.
    NoVault,
    /// A vault exists and is locked.
    Locked,
    /// Unlocked: the chair's screens.
    Unlocked,
    /// The signing kiosk is running.
    Kiosk,
}

/// What the UI needs to pick a screen.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct VaultStatus {
    /// The mode.
    pub state: VaultState,
    /// The vault's file name (not the full path).
    pub vault_file: Option<String>,
    /// Whether the app runs on the demo vault of invented data.
    pub demo: bool,
    /// The demo vault's passphrase, in demo mode only.
    pub demo_passphrase: Option<String>,
    /// Idle minutes before auto-lock, when unlocked.
    pub auto_lock_minutes: Option<u32>,
    /// The vault was just created and the chair has not yet confirmed that
    /// the recovery secret is stored.
    pub recovery_confirmation_pending: bool,
    /// While locked: why the vault locked by itself (after the idle time,
    /// after wrong passphrases in the signing kiosk), for the unlock
    /// screen; `null` after the chair's own lock.
    pub lock_notice: Option<String>,
}

/// Parameters of `vault_create`.
#[derive(Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CreateVaultParams {
    /// The new passphrase.
    pub passphrase: String,
    /// The same, typed again.
    pub passphrase_again: String,
}

/// Result of `vault_create`.
#[derive(Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct CreatedVault {
    /// The recovery secret, shown once and never stored.
    pub recovery_secret: String,
    /// The vault's file name.
    pub vault_file: String,
}

/// Parameters of `vault_unlock`.
#[derive(Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct UnlockParams {
    /// The passphrase.
    pub passphrase: String,
}

/// Parameters of `vault_change_passphrase`.
#[derive(Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ChangePassphraseParams {
    /// The current passphrase.
    pub current: String,
    /// The new passphrase.
    pub new_passphrase: String,
    /// The new passphrase again.
    pub new_passphrase_again: String,
}

/// Parameters of `agencies_list`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ListAgenciesParams {
    /// Include agencies that have left the Arrangement (false when left out).
    #[serde(default)]
    pub include_inactive: bool,
}

/// Parameters of `agency_update`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AgencyUpdate {
    /// The agency's id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its Designated Person's role.
    pub designated_person_role: String,
    /// What kind of agency it is.
    pub kind: casebook::AgencyKind,
}

/// Parameters of `agency_set_active`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AgencyActive {
    /// The agency's id.
    #[ts(type = "number")]
    pub id: i64,
    /// Whether it is a current partner.
    pub active: bool,
}

/// Payload of the `vault-locked` event.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct LockedEvent {
    /// Why the vault locked.
    pub reason: LockReason,
}

/// Why the vault locked.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum LockReason {
    /// No activity for the auto-lock time.
    Idle,
    /// The chair pressed Lock.
    User,
    /// The computer went to sleep or its screen was locked.
    Sleep,
}

/// Name of the event the shell emits when the vault locks by itself.
pub const LOCKED_EVENT: &str = "vault-locked";

/// The one error shape at the boundary: a stable code and a message for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ApiError {
    /// Stable code to switch on (e.g. `wrong_passphrase_or_damaged`).
    pub code: String,
    /// What happened and what to do next. Never contains vault content.
    pub message: String,
}

impl ApiError {
    /// An error with the given code and message.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        ApiError {
            code: code.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ApiError {}

impl From<casebook::Error> for ApiError {
    fn from(e: casebook::Error) -> Self {
        ApiError::new(e.code(), e.to_string())
    }
}

impl From<vault::Error> for ApiError {
    fn from(e: vault::Error) -> Self {
        ApiError::new(e.code(), e.to_string())
    }
}

/// Parameters of the list methods of groups and people.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    /// Include records marked inactive.
    #[serde(default)]
    pub include_inactive: bool,
}

/// Parameters naming one record.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct IdParams {
    /// The record's id.
    #[ts(type = "number")]
    pub id: i64,
}

/// Parameters of the `*_set_active` methods of groups and people.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SetActiveParams {
    /// The record's id.
    #[ts(type = "number")]
    pub id: i64,
    /// Whether it is active.
    pub active: bool,
}

/// Parameters of `group_update`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct GroupUpdate {
    /// The group's id.
    #[ts(type = "number")]
    pub id: i64,
    /// The new fields.
    pub group: casebook::GroupInput,
}

/// Parameters of `person_update`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct PersonUpdate {
    /// The person's id.
    #[ts(type = "number")]
    pub id: i64,
    /// The new fields.
    pub person: casebook::PersonInput,
}

/// Parameters of `meeting_plan`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct PlanMeetingParams {
    /// The meeting's details.
    pub meeting: casebook::MeetingInput,
    /// People to invite.
    #[ts(type = "Array<number>")]
    #[serde(default)]
    pub invitees: Vec<i64>,
}

/// Parameters of `meeting_update`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct MeetingUpdate {
    /// The meeting's id.
    #[ts(type = "number")]
    pub id: i64,
    /// The new details.
    pub meeting: casebook::MeetingInput,
}

/// Parameters of `meeting_set_status`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct MeetingStatusParams {
    /// The meeting's id.
    #[ts(type = "number")]
    pub id: i64,
    /// The new status.
    pub status: casebook::MeetingStatus,
}

/// Parameters of `invitation_add` and `invitation_remove`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct InvitationParams {
    /// The meeting.
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The person.
    #[ts(type = "number")]
    pub person_id: i64,
}

/// Parameters of `agenda_item_add`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AgendaItemAdd {
    /// The meeting.
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The item.
    pub item: casebook::AgendaItemInput,
}

/// Parameters of `agenda_item_update`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AgendaItemUpdate {
    /// The item's id.
    #[ts(type = "number")]
    pub id: i64,
    /// The new fields.
    pub item: casebook::AgendaItemInput,
}

/// Parameters of `agenda_item_move`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AgendaItemMove {
    /// The item's id.
    #[ts(type = "number")]
    pub id: i64,
    /// Its new 1-based place on the agenda.
    #[ts(type = "number")]
    pub to_position: i64,
}

/// Parameters of `action_update`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ActionUpdateParams {
    /// The action's id.
    #[ts(type = "number")]
    pub id: i64,
    /// The new fields.
    pub action: casebook::ActionEdit,
}

/// Parameters of `case_update`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CaseUpdate {
    /// The case's id.
    #[ts(type = "number")]
    pub id: i64,
    /// All its fields, as for `case_add`.
    pub case: casebook::CaseInput,
}

/// Parameters of `search`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    /// What the chair typed.
    pub query: String,
}

/// Parameters of `agreement_update`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AgreementText {
    /// The new text of the confidentiality agreement.
    pub text: String,
}

/// Parameters of `kiosk_start`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct KioskStart {
    /// The meeting whose attendees will sign.
    #[ts(type = "number")]
    pub meeting_id: i64,
}

/// What the kiosk answers after a signature or a decline.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct KioskAnswer {
    /// The name of the person who signed or declined (to thank them).
    pub name: String,
    /// Signed by drawing, by typing, or declined.
    pub outcome: casebook::Outcome,
    /// The kiosk's view, updated.
    pub view: casebook::KioskView,
}

/// Parameters of `kiosk_leave`.
#[derive(Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct KioskLeave {
    /// The vault's passphrase.
    pub passphrase: String,
}

/// Parameters of `signature_withdraw`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SignatureWithdraw {
    /// The register entry.
    #[ts(type = "number")]
    pub id: i64,
    /// Why it is withdrawn.
    pub reason: String,
}

/// Parameters of `agenda_item_notes_save`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AgendaItemNotes {
    /// The agenda item's id.
    #[ts(type = "number")]
    pub id: i64,
    /// The discussion summary, as typed (may be empty).
    pub summary: String,
    /// The decisions, as typed (may be empty).
    pub decisions: String,
}

/// Parameters of `out_of_room_set`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct OutOfRoomSet {
    /// The agenda item.
    #[ts(type = "number")]
    pub item_id: i64,
    /// The person (present at the item's meeting, to be marked out).
    #[ts(type = "number")]
    pub person_id: i64,
    /// Out of the room (`true`) or back in (`false`).
    pub out: bool,
}

/// Parameters of `disclosure_check`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DisclosureCheckParams {
    /// The disclosure being edited, or none for a new one.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub id: Option<i64>,
    /// The disclosure as typed so far.
    pub disclosure: casebook::DisclosureInput,
}

/// Parameters of `disclosure_update`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DisclosureUpdate {
    /// The disclosure's id.
    #[ts(type = "number")]
    pub id: i64,
    /// All its fields, as for `disclosure_add`.
    pub disclosure: casebook::DisclosureInput,
}

/// Parameters of `disclosure_withdraw`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DisclosureWithdraw {
    /// The disclosure's id.
    #[ts(type = "number")]
    pub id: i64,
    /// Why it is withdrawn.
    pub reason: String,
}

/// Parameters of `inaccuracy_add`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct InaccuracyAdd {
    /// The disclosure found inaccurate or incomplete.
    #[ts(type = "number")]
    pub disclosure_id: i64,
    /// The notice.
    pub notice: casebook::InaccuracyInput,
}

/// Parameters of `inaccuracy_update`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct InaccuracyUpdate {
    /// The notice's id.
    #[ts(type = "number")]
    pub id: i64,
    /// All its fields, as for `inaccuracy_add`.
    pub notice: casebook::InaccuracyInput,
}

/// Parameters of `minutes_version_get`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct MinutesVersionParams {
    /// The meeting.
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The version, from 1.
    #[ts(type = "number")]
    pub version: i64,
}

/// Parameters of `minutes_changes`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct MinutesChangesParams {
    /// The meeting.
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The earlier version.
    #[ts(type = "number")]
    pub from: i64,
    /// The later version.
    #[ts(type = "number")]
    pub to: i64,
}

/// Parameters of `minutes_export`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct MinutesExportParams {
    /// The meeting.
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The approved version; `null` for the draft (marked DRAFT on every page).
    #[ts(type = "number | null")]
    pub version: Option<i64>,
}

/// Result of `minutes_export`: the file written, or nothing when the chair
/// cancelled the save dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MinutesExported {
    /// Whether a file was written (`false`: the dialog was cancelled).
    pub written: bool,
    /// The written file's name (the app's suggestion, or what the chair
    /// typed in the dialog); `null` when nothing was written.
    pub file_name: Option<String>,
    /// SHA-256 of the file's bytes, lower-case hex; `null` when nothing was written.
    pub sha256: Option<String>,
}

/// Parameters of `agency_inbox_key_set` and `person_inbox_key_set`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct InboxKeySet {
    /// The agency or person.
    #[ts(type = "number")]
    pub id: i64,
    /// The secure inbox's age public key (`age1…`); empty or `null` clears it.
    #[serde(default)]
    pub key: Option<String>,
}

/// Parameters of `copy_recall`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CopyRecall {
    /// The issued copy.
    #[ts(type = "number")]
    pub id: i64,
    /// Why it is recalled.
    pub reason: String,
}

/// Result of `copies_issue`: the copies written and recorded, or none when
/// the chair cancelled the folder dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CopiesIssued {
    /// Whether the files were written (`false`: the dialog was cancelled).
    pub written: bool,
    /// The copies, as the distribution record now holds them.
    pub copies: Vec<casebook::IssuedCopy>,
}

/// Parameters of `copy_identify`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CopyIdentifyParams {
    /// The command line only (`api --export-dir`): a file's name in that
    /// folder. The app asks the chair with its open dialog instead, and
    /// refuses a name.
    #[serde(default)]
    pub file_name: Option<String>,
}

/// Result of `copy_identify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CopyIdentified {
    /// Whether a file was chosen (`false`: the dialog was cancelled).
    pub chosen: bool,
    /// The chosen file's name (not its folder).
    pub file_name: Option<String>,
    /// What it is.
    pub identification: Option<casebook::Identification>,
}

/// Parameters of `request_update`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RequestUpdate {
    /// The request.
    #[ts(type = "number")]
    pub id: i64,
    /// Its new state.
    pub request: casebook::requests::RequestInput,
}

/// Parameters of `request_respond`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RequestRespond {
    /// The request.
    #[ts(type = "number")]
    pub id: i64,
    /// The response.
    pub response: casebook::requests::ResponseForm,
}

/// Parameters of `request_quality`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RequestQuality {
    /// The request.
    #[ts(type = "number")]
    pub id: i64,
    /// The point of contact's signature.
    pub signed: casebook::requests::FormSignature,
}

/// Parameters of `request_decide`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RequestDecide {
    /// The request.
    #[ts(type = "number")]
    pub id: i64,
    /// Disclosed in full, in part, or refused.
    pub decision: casebook::requests::Decision,
    /// Why.
    pub reasons: String,
}

/// Parameters of `request_review_set`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RequestReview {
    /// The request.
    #[ts(type = "number")]
    pub id: i64,
    /// When its records are due for review (`YYYY-MM-DD`).
    pub review_date: String,
}

/// Parameters of `request_check`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RequestCheck {
    /// The form as typed so far.
    pub form: casebook::requests::RequestForm,
}

/// Parameters of `request_response_check`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ResponseCheck {
    /// The response as typed so far.
    pub response: casebook::requests::ResponseForm,
}

/// Parameters of `bank_holidays`.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct YearParams {
    /// The year, 1900 to 2200; this year (by the vault's clock) when null
    /// or left out.
    #[serde(default)]
    pub year: Option<i32>,
}

/// Result of `bank_holidays`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct BankHolidays {
    /// The year.
    pub year: i32,
    /// Published or computed.
    pub source: casebook::workdays::YearSource,
    /// Where the published list comes from, and when it was taken.
    pub published_source: String,
    /// The first and last years the published list covers.
    pub published_years: [i32; 2],
    /// The year's bank holidays, in order.
    pub days: Vec<casebook::workdays::BankHoliday>,
}
