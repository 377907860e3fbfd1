//! What the rules read and what they say back.
//!
//! - [`DisclosureDraft`]: everything the minute-taker types that a rule
//!   reads; the API's input (storage embeds it with the agenda item, case,
//!   person, marking, minuting and accepted warnings). Dates are text as
//!   typed (`YYYY-MM-DD`): the rules parse them and say so beside the field
//!   when they cannot.
//! - [`RuleContext`]: what storage knows from the records when the draft is
//!   checked. Not an input: nobody sends it.
//! - [`Finding`]: one rule's verdict on one field.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::law::{GenderException, LegalPower, StatutoryPurpose};
use crate::error::{Error, Result, rusqlite};
use crate::kinds::{AgencyKind, CaseKind, closed_list};

closed_list! {
    /// What kind of information a disclosure is. Some categories carry
    /// details of their own ([`DisclosureDraft`]'s `caution`,
    /// `harassment_warning`, `asb_admission`, `conviction`).
    Category {
        /// A police caution (details: [`CautionDetails`]).
        PoliceCaution = "police_caution" / "Police caution",
        /// A warning under the Protection from Harassment Act 1997
        /// (details: [`HarassmentWarningDetails`]).
        HarassmentWarning = "harassment_warning"
            / "Harassment warning (Protection from Harassment Act 1997)",
        /// An admission of anti-social behaviour (details:
        /// [`AsbAdmissionDetails`]).
        AsbAdmission = "asb_admission" / "Admission of anti-social behaviour",
        /// A conviction (details: [`ConvictionDetails`]).
        Conviction = "conviction" / "Conviction",
        /// An incident.
        Incident = "incident" / "Incident",
        /// Intelligence.
        Intelligence = "intelligence" / "Intelligence",
        /// Health or care.
        HealthOrCare = "health_or_care" / "Health or care",
        /// Housing or tenancy.
        HousingOrTenancy = "housing_or_tenancy" / "Housing or tenancy",
        /// Safeguarding.
        Safeguarding = "safeguarding" / "Safeguarding",
        /// Anything else.
        Other = "other" / "Other",
    }
}

impl Category {
    /// Whether information of this category is about a person whatever the
    /// case (R8): cautions, warnings, admissions, convictions, health or
    /// care, safeguarding, housing or tenancy.
    pub fn is_personal(self) -> bool {
        !matches!(
            self,
            Category::Incident | Category::Intelligence | Category::Other
        )
    }
}

closed_list! {
    /// Whether a disclosure is fact or opinion (R4: the police give facts).
    Nature {
        /// A fact.
        Fact = "fact" / "Fact",
        /// An opinion.
        Opinion = "opinion" / "Opinion",
    }
}

closed_list! {
    /// The kind of a police caution. The Rehabilitation of Offenders Act
    /// 1974 treats each differently ([`super::roa::CAUTION_PERIODS`]); a
    /// youth conditional caution is recorded as conditional (its period is
    /// the same).
    CautionKind {
        /// A simple caution (adult).
        Simple = "simple" / "Simple caution",
        /// A conditional caution (adult or youth).
        Conditional = "conditional" / "Conditional caution",
        /// A youth caution.
        Youth = "youth" / "Youth caution",
    }
}

closed_list! {
    /// The sentence for a conviction, as the 1974 Act's table reads it
    /// ([`super::roa::PERIODS`]).
    SentenceType {
        /// Immediate custody (imprisonment, detention): its period depends
        /// on the term imposed (`sentence_months`, required), counted from
        /// the day the sentence, licence included, ends.
        Custody = "custody" / "Custody",
        /// A suspended sentence: counts as custody of the term imposed
        /// (`sentence_months`, required), whether or not it was served.
        SuspendedCustody = "suspended_custody" / "Suspended sentence",
        /// A community order, or a youth rehabilitation order: spent when
        /// the order ends (`sentence_ends_on`, or `sentence_months` from
        /// conviction).
        CommunityOrder = "community_order" / "Community order or youth rehabilitation order",
        /// A fine: spent 12 months after conviction (6 months if under 18).
        Fine = "fine" / "Fine",
        /// A conditional discharge or a bind-over: spent when it ends
        /// (`sentence_ends_on`, or `sentence_months` from conviction).
        ConditionalDischarge = "conditional_discharge" / "Conditional discharge or bind-over",
        /// An absolute discharge: spent at once.
        AbsoluteDischarge = "absolute_discharge" / "Absolute discharge",
        /// Anything else (hospital order, compensation, disqualification,
        /// …): the rules cannot tell when it is spent, and R5 asks the user
        /// to check.
        Other = "other" / "Other sentence",
    }
}

/// What a sentence type needs besides the date of conviction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentenceNeeds {
    /// The term imposed, in months (custody, suspended).
    Term,
    /// When it ends: an end date, or a length in months from conviction
    /// (community orders, discharges).
    End,
    /// Nothing more (fines, absolute discharges, other sentences).
    Nothing,
}

impl SentenceType {
    /// What the 1974 Act's table needs to know of this sentence.
    pub fn needs(self) -> SentenceNeeds {
        match self {
            SentenceType::Custody | SentenceType::SuspendedCustody => SentenceNeeds::Term,
            SentenceType::CommunityOrder | SentenceType::ConditionalDischarge => SentenceNeeds::End,
            SentenceType::Fine | SentenceType::AbsoluteDischarge | SentenceType::Other => {
                SentenceNeeds::Nothing
            }
        }
    }
}

/// A police caution's details (category `police_caution`; R1, R5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct CautionDetails {
    /// Simple, conditional or youth.
    pub kind: CautionKind,
    /// The date the caution was given, `YYYY-MM-DD`.
    pub given_on: String,
}

/// A Protection from Harassment Act 1997 warning's details (category
/// `harassment_warning`; R2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct HarassmentWarningDetails {
    /// The date the police recorded the warning, `YYYY-MM-DD`.
    pub recorded_on: String,
    /// The basis on which the warning was given (required by R2).
    pub basis: String,
}

/// An admission of anti-social behaviour's details (category
/// `asb_admission`; R3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct AsbAdmissionDetails {
    /// What corroborates the admission (required by R3).
    pub corroboration: String,
}

/// A conviction's details (category `conviction`; R5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ConvictionDetails {
    /// The offence.
    pub offence: String,
    /// The date of conviction, `YYYY-MM-DD`.
    pub convicted_on: String,
    /// The sentence (see [`SentenceType`] for what each needs).
    pub sentence: SentenceType,
    /// The term imposed, or the order's length, in whole months (under a
    /// month: 0). Required for custody and suspended sentences.
    #[serde(default)]
    pub sentence_months: Option<u32>,
    /// The last day of the sentence (custody: licence included) or order,
    /// `YYYY-MM-DD`. Without it, the last day is taken to be
    /// `sentence_months` after conviction, less a day.
    #[serde(default)]
    pub sentence_ends_on: Option<String>,
    /// Whether the person was under 18 on the date of conviction (the
    /// Act's periods are then shorter).
    pub under_18: bool,
    /// Whether the sentence is excluded from rehabilitation and so never
    /// spent (1974 Act s5(1)): life, an indeterminate or extended sentence,
    /// or more than 4 years for a serious violent, sexual or terrorist
    /// offence (Sentencing Code Schedule 18). The disclosing agency says.
    pub never_spent: bool,
}

/// Everything the minute-taker types about a disclosure that a rule reads.
///
/// Only the details of the chosen category are read; storage keeps only
/// those ([`DisclosureDraft::keep_category_details`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DisclosureDraft {
    /// What kind of information it is.
    pub category: Category,
    /// Fact or opinion.
    pub nature: Nature,
    /// What was disclosed.
    pub text: String,
    /// Category `police_caution`: the caution.
    #[serde(default)]
    pub caution: Option<CautionDetails>,
    /// Category `harassment_warning`: the warning.
    #[serde(default)]
    pub harassment_warning: Option<HarassmentWarningDetails>,
    /// Category `asb_admission`: the admission.
    #[serde(default)]
    pub asb_admission: Option<AsbAdmissionDetails>,
    /// Category `conviction`: the conviction.
    #[serde(default)]
    pub conviction: Option<ConvictionDetails>,
    /// The legal power relied on (section 4; R8).
    #[serde(default)]
    pub legal_power: Option<LegalPower>,
    /// The statutory purpose it meets (5.4; R8).
    #[serde(default)]
    pub statutory_purpose: Option<StatutoryPurpose>,
    /// Whether it touches the subject's gender history (R6).
    pub touches_gender_history: bool,
    /// The exception relied on to disclose gender history (R6); read only
    /// when `touches_gender_history`.
    #[serde(default)]
    pub gender_exception: Option<GenderException>,
}

impl DisclosureDraft {
    /// Drops what the rules do not read: the details of categories other
    /// than the chosen one (a form keeps them while the user switches), and
    /// the gender exception when gender history is not touched. Storage
    /// calls this before saving, so nothing unchecked is kept.
    pub fn keep_category_details(&mut self) {
        if self.category != Category::PoliceCaution {
            self.caution = None;
        }
        if self.category != Category::HarassmentWarning {
            self.harassment_warning = None;
        }
        if self.category != Category::AsbAdmission {
            self.asb_admission = None;
        }
        if self.category != Category::Conviction {
            self.conviction = None;
        }
        if !self.touches_gender_history {
            self.gender_exception = None;
        }
    }
}

/// What the rules read besides the draft, built by storage when it checks
/// or saves a disclosure: what the records say about the draft's
/// circumstances, and the one-line summary typed with the draft when the
/// disclosure is to be minuted as one (R7 reads it: it is what circulated
/// minutes carry). Names in it are used only where a rule must name
/// someone (R9), never echoed otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleContext {
    /// The disclosure date: the date of the meeting it is made at.
    pub disclosure_date: NaiveDate,
    /// The kind of the disclosing person's agency (R4).
    pub agency_kind: AgencyKind,
    /// The kind of the case the agenda item is about, if it has one (R8).
    pub case_kind: Option<CaseKind>,
    /// The case reference, if the item has one (R7).
    pub case_ref: Option<String>,
    /// The case subject's recorded name and aliases (R7); empty if none.
    pub subject_names: Vec<String>,
    /// The one-line summary for the minutes, when the input's minuting is
    /// `summary` and the summary is not empty (R7); `None` otherwise.
    pub minute_summary: Option<String>,
    /// The case's subject holds or has applied for a gender recognition
    /// certificate (R6).
    pub subject_gender_flag: bool,
    /// The disclosing person's name (R9's message).
    pub discloser_name: String,
    /// The disclosing person has a standing signature of this meeting's
    /// agreement (R9).
    pub discloser_signed: bool,
    /// Everyone else recorded present at the meeting who has no standing
    /// signature (never signed, withdrawn, or declined) and is not recorded
    /// as out of the room for this item (R9), by name.
    pub unsigned_present: Vec<String>,
}

closed_list! {
    /// Which rule a finding comes from. The Arrangement's rules are `R1` to
    /// `R9` (as numbered in DOMAIN.md); `details` is the form's own check
    /// that the category's details are there and its dates are dates.
    RuleId {
        /// The category's details are present, and its dates are real
        /// dates not after the meeting.
        Details = "details" / "Details the category needs",
        /// R1: a police caution under 12 months old (5.2).
        R1 = "R1" / "Caution under 12 months old",
        /// R2: a harassment warning under 12 months old, with its basis (5.2).
        R2 = "R2" / "Harassment warning under 12 months old, with its basis",
        /// R3: an admission of anti-social behaviour, corroborated (5.2).
        R3 = "R3" / "Admission of anti-social behaviour, corroborated",
        /// R4: the police give facts, not opinion (5.1).
        R4 = "R4" / "Police give facts, not opinion",
        /// R5: no spent convictions; spent cautions noted (5.5).
        R5 = "R5" / "Spent convictions and cautions (Rehabilitation of Offenders Act 1974)",
        /// R6: gender history only under an exception (5.1).
        R6 = "R6" / "Gender history (Gender Recognition Act 2004 s22)",
        /// R7: the case reference in preference to a name (5.1).
        R7 = "R7" / "Case reference rather than a name",
        /// R8: a legal power and a statutory purpose (4, 5.4).
        R8 = "R8" / "Legal power and statutory purpose",
        /// R9: only people who signed this meeting's agreement (5.2).
        R9 = "R9" / "Everyone in the room has signed the agreement",
    }
}

closed_list! {
    /// What a finding does to the save.
    Level {
        /// The disclosure cannot be saved as it is.
        Blocked = "blocked" / "Blocked",
        /// It can be saved once the user accepts the warning.
        Warning = "warning" / "Warning",
    }
}

/// One rule's verdict about one field of the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// The rule.
    pub rule: RuleId,
    /// Blocked or warning.
    pub level: Level,
    /// The JSON path of the input field it is about, where the screen shows
    /// it: a field of [`DisclosureDraft`] (`nature`, `text`,
    /// `caution.given_on`, `conviction`, …), or, for R9, `person_id` (the
    /// disclosing person) or `attendance` (the item's attendance).
    pub field: String,
    /// What is wrong and what to change, in plain English.
    pub message: String,
}

impl Finding {
    /// A blocked finding.
    pub(crate) fn blocked(rule: RuleId, field: &str, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            level: Level::Blocked,
            field: field.into(),
            message: message.into(),
        }
    }

    /// A warning.
    pub(crate) fn warning(rule: RuleId, field: &str, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            level: Level::Warning,
            field: field.into(),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft_json() -> serde_json::Value {
        serde_json::json!({
            "category": "conviction",
            "nature": "fact",
            "text": "Convicted of criminal damage at the shop on Tanner's Row.",
            "conviction": {
                "offence": "Criminal damage",
                "convicted_on": "2025-03-01",
                "sentence": "fine",
                "under_18": false,
                "never_spent": false
            },
            "legal_power": "cda_1998_s115",
            "statutory_purpose": "crime_and_disorder",
            "touches_gender_history": false
        })
    }

    #[test]
    fn a_draft_reads_from_json_and_optional_fields_default() {
        let d: DisclosureDraft = serde_json::from_value(draft_json()).unwrap();
        assert_eq!(d.category, Category::Conviction);
        let c = d.conviction.unwrap();
        assert_eq!(c.sentence, SentenceType::Fine);
        assert_eq!(c.sentence_months, None);
        assert_eq!(c.sentence_ends_on, None);
        assert_eq!(d.caution, None);
        assert_eq!(d.gender_exception, None);
        assert_eq!(d.legal_power, Some(LegalPower::CdaS115));
    }

    #[test]
    fn unknown_fields_and_values_are_refused() {
        type Change = fn(&mut serde_json::Value);
        let cases: [(&str, Change); 4] = [
            ("unknown field", |v| {
                v["subject_name"] = "A. N. Other".into()
            }),
            ("unknown detail field", |v| {
                v["conviction"]["spent"] = true.into()
            }),
            ("unknown category", |v| v["category"] = "rumour".into()),
            ("missing flag", |v| {
                v.as_object_mut().unwrap().remove("touches_gender_history");
            }),
        ];
        for (what, change) in cases {
            let mut v = draft_json();
            change(&mut v);
            assert!(
                serde_json::from_value::<DisclosureDraft>(v).is_err(),
                "{what} was accepted"
            );
        }
    }

    #[test]
    fn stored_forms() {
        let f = Finding::blocked(RuleId::R1, "caution.given_on", "m");
        let json = serde_json::to_value(&f).unwrap();
        assert_eq!(json["rule"], "R1");
        assert_eq!(json["level"], "blocked");
        assert_eq!(json["field"], "caution.given_on");
        for r in RuleId::ALL {
            assert_eq!(RuleId::parse(r.as_str()).unwrap(), *r);
        }
        let want = [
            "police_caution",
            "harassment_warning",
            "asb_admission",
            "conviction",
            "incident",
            "intelligence",
            "health_or_care",
            "housing_or_tenancy",
            "safeguarding",
            "other",
        ];
        let got: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn personal_categories() {
        let personal: Vec<Category> = Category::ALL
            .iter()
            .copied()
            .filter(|c| c.is_personal())
            .collect();
        assert_eq!(
            personal,
            [
                Category::PoliceCaution,
                Category::HarassmentWarning,
                Category::AsbAdmission,
                Category::Conviction,
                Category::HealthOrCare,
                Category::HousingOrTenancy,
                Category::Safeguarding,
            ]
        );
    }

    #[test]
    fn only_the_chosen_categorys_details_are_kept() {
        let mut d: DisclosureDraft = serde_json::from_value(draft_json()).unwrap();
        d.caution = Some(CautionDetails {
            kind: CautionKind::Simple,
            given_on: "2025-01-01".into(),
        });
        d.gender_exception = Some(GenderException::Crime);
        d.keep_category_details();
        assert!(d.conviction.is_some());
        assert_eq!(d.caution, None);
        assert_eq!(d.gender_exception, None);
    }
}
