//! Verbal disclosures under the Safer Communities Information Sharing
//! Arrangement: the rules that decide whether what a partner says at the
//! table may be recorded, as pure functions. **The rules live only here**:
//! storage, the API and the screens ask [`check`] and show its findings;
//! none of them keeps a copy of a rule.
//!
//! # Layers
//!
//! 1. [`law`]: the law as data. The legal powers of section 4
//!    ([`LegalPower`]), the statutory purposes a disclosure must meet (5.4,
//!    [`StatutoryPurpose`]) and the exceptions of the Gender Recognition
//!    Act 2004 s22(4) ([`GenderException`]), each list with the `SOURCE` it
//!    was taken from.
//! 2. [`roa`]: the Rehabilitation of Offenders Act 1974 rehabilitation
//!    periods as amended from 28 October 2023, a table of rows with its
//!    source and date, and the two questions asked of it: when is a
//!    conviction or caution spent ([`roa::spent_on`],
//!    [`roa::caution_spent_on`]), and is it spent on a day
//!    ([`roa::is_spent`], [`roa::caution_is_spent`]).
//! 3. [`input`]: what the rules read. [`DisclosureDraft`] is what the
//!    minute-taker types (the API's input, serde); [`RuleContext`] is what
//!    storage knows from the records (the meeting's date, the discloser's
//!    agency, the case, who has signed). [`Finding`] is what comes back.
//! 4. [`rules`]: one pure function per rule (R1–R9, and the category's
//!    required details), and [`check`], which runs them all in order.
//!
//! 5. [`store`]: disclosures as records: the rules' context read from the
//!    records, the saves the rules guard, acceptances, withdrawals,
//!    inaccuracy notices (R13), who is out of the room (R9), and the
//!    minute-taker's view of a meeting.
//!
//! No layer but `store` reads the database, the clock or a file: everything a rule
//! needs is in its arguments, so every rule is tested from a table of cases.
//!
//! # Blocked and warning
//!
//! A [`Level::Blocked`] finding means the disclosure cannot be saved as it
//! is; a [`Level::Warning`] means it can, once the user has accepted that
//! rule's warning (each rule gives at most one warning, so a warning is
//! accepted by its [`RuleId`]). [`rules::stopping`] lists the findings that
//! stop a save given the accepted rules.

pub mod input;
pub mod law;
pub mod roa;
pub mod rules;
pub mod store;

pub use input::{
    AsbAdmissionDetails, Category, CautionDetails, CautionKind, ConvictionDetails, DisclosureDraft,
    Finding, HarassmentWarningDetails, Level, Nature, RuleContext, RuleId, SentenceType,
};
pub use law::{GenderException, LegalPower, StatutoryPurpose};
pub use roa::SpentOn;
pub use rules::check;
pub use store::{
    Acceptance, Disclosure, DisclosureCheck, DisclosureFilter, DisclosureInput, InaccuracyInput,
    InaccuracyNotice, MinuteItem, MinuteTaking, Minuting, OutOfRoom,
};
