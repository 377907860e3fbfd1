//! The Arrangement's rules for a disclosure, each a pure function of the
//! draft and its context ([`Rule`]), and [`check`], which runs them all in
//! the order of [`RULES`].
//!
//! | id | rule | level | field(s) |
//! | --- | --- | --- | --- |
//! | `details` | the category's details are there; its dates are real dates, not after the meeting; what the sentence type needs is given | blocked | `caution`, `caution.given_on`, `harassment_warning`, `harassment_warning.recorded_on`, `asb_admission`, `conviction`, `conviction.offence`, `conviction.convicted_on`, `conviction.sentence_months`, `conviction.sentence_ends_on` |
//! | R1 | a police caution given 12 months or more before the meeting | blocked | `caution.given_on` |
//! | R2 | a harassment warning recorded 12 months or more before; no basis | blocked | `harassment_warning.recorded_on`, `harassment_warning.basis` |
//! | R3 | an admission of anti-social behaviour without its corroboration | blocked | `asb_admission.corroboration` |
//! | R4 | opinion from a police agency | blocked | `nature` |
//! | R5 | a spent conviction | blocked | `conviction` |
//! | R5 | a sentence the table cannot read; a caution the 1974 Act treats as spent (that R1 lets through) | warning | `conviction`, `caution` |
//! | R6 | gender history of a flagged subject without an exception | blocked | `gender_exception` |
//! | R7 | the text, or the one-line summary for the minutes, names the case's subject where there is a case reference | warning | `text`, `minute_summary` |
//! | R8 | about a person, without a legal power or a statutory purpose | blocked | `legal_power`, `statutory_purpose` |
//! | R9 | the discloser has not signed; someone in the room has not signed | blocked | `person_id`, `attendance` |
//!
//! The rules read only the details of the draft's category. A rule that
//! needs a date that does not parse stays silent: `details` has already
//! said so beside the field. R13 (inaccuracy notices) is a record, not a
//! check, and lives with storage.
//!
//! Acceptance is per rule ([`stopping`]): accepting R7 accepts both its
//! warnings, the text's and the summary's.
//!
//! `check` runs as the user types, so the rules allocate nothing on a
//! clean draft beyond R7's folded copies of the text and the summary.

use chrono::{Days, NaiveDate};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use super::input::{
    Category, CautionDetails, CautionKind, ConvictionDetails, DisclosureDraft, Finding, Level,
    Nature, RuleContext, RuleId, SentenceNeeds, SentenceType,
};
use super::roa::{self, SpentOn};
use crate::dates::add_months;
use crate::kinds::{AgencyKind, CaseKind};

/// A rule: a pure function of a draft and its context, giving its findings
/// (none when the draft complies).
pub type Rule = fn(&DisclosureDraft, &RuleContext) -> Vec<Finding>;

/// Every rule, in the order [`check`] runs them.
pub const RULES: &[(RuleId, Rule)] = &[
    (RuleId::Details, details),
    (RuleId::R1, r1_caution_age),
    (RuleId::R2, r2_harassment_warning),
    (RuleId::R3, r3_asb_corroboration),
    (RuleId::R4, r4_police_opinion),
    (RuleId::R5, r5_spent),
    (RuleId::R6, r6_gender_history),
    (RuleId::R7, r7_names_subject),
    (RuleId::R8, r8_legal_basis),
    (RuleId::R9, r9_signed),
];

/// Every finding about a draft, in rule order.
pub fn check(draft: &DisclosureDraft, ctx: &RuleContext) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (_, rule) in RULES {
        findings.extend(rule(draft, ctx));
    }
    findings
}

/// The findings that stop a save: every blocked one, and every warning
/// whose rule the user has not accepted.
pub fn stopping<'a>(
    findings: &'a [Finding],
    accepted: &'a [RuleId],
) -> impl Iterator<Item = &'a Finding> + 'a {
    findings
        .iter()
        .filter(move |f| f.level == Level::Blocked || !accepted.contains(&f.rule))
}

/// Earliest year a date in a disclosure may have (a conviction may be old).
const EARLIEST_YEAR: i32 = 1900;

/// The category's details are present; their dates are dates, on or before
/// the meeting; a conviction has its offence and what its sentence type
/// needs. Everything here is blocked.
pub fn details(draft: &DisclosureDraft, ctx: &RuleContext) -> Vec<Finding> {
    let mut out = Vec::new();
    let on = ctx.disclosure_date;
    match draft.category {
        Category::PoliceCaution => match &draft.caution {
            Some(c) => {
                read_caution(c, on, &mut out);
            }
            None => out.push(Finding::blocked(
                RuleId::Details,
                "caution",
                "Say what kind of caution it was and the date it was given.",
            )),
        },
        Category::HarassmentWarning => match &draft.harassment_warning {
            Some(w) => {
                past_date(
                    "harassment_warning.recorded_on",
                    "the date the warning was recorded",
                    &w.recorded_on,
                    on,
                    &mut out,
                );
            }
            None => out.push(Finding::blocked(
                RuleId::Details,
                "harassment_warning",
                "Enter the date the police recorded the warning and the basis on which it was \
                 given.",
            )),
        },
        Category::AsbAdmission => {
            if draft.asb_admission.is_none() {
                out.push(Finding::blocked(
                    RuleId::Details,
                    "asb_admission",
                    "Say what corroborates the admission.",
                ));
            }
        }
        Category::Conviction => match &draft.conviction {
            Some(c) => {
                read_conviction(c, on, &mut out);
            }
            None => out.push(Finding::blocked(
                RuleId::Details,
                "conviction",
                "Enter the offence, the date of conviction and the sentence.",
            )),
        },
        Category::Incident
        | Category::Intelligence
        | Category::HealthOrCare
        | Category::HousingOrTenancy
        | Category::Safeguarding
        | Category::Other => {}
    }
    out
}

/// R1 (5.2): the police may share a caution only while the date it was
/// given is less than twelve months before the disclosure date. A caution
/// given on 29 February is twelve months old on 28 February a year later.
pub fn r1_caution_age(draft: &DisclosureDraft, ctx: &RuleContext) -> Vec<Finding> {
    let Some(c) = caution_of(draft) else {
        return Vec::new();
    };
    let Some(given) = parse_date(&c.given_on).ok() else {
        return Vec::new();
    };
    match twelve_months_old(given, ctx.disclosure_date) {
        Some(old_on) => vec![Finding::blocked(
            RuleId::R1,
            "caution.given_on",
            format!(
                "This caution was given 12 months or more before the meeting (it was 12 \
                 months old on {}). The Arrangement lets the police share a caution only while \
                 it is under 12 months old: leave it out, or correct the date if it is wrong.",
                british(old_on)
            ),
        )],
        None => Vec::new(),
    }
}

/// R2 (5.2): the police may share a Protection from Harassment Act 1997
/// warning only if recorded within the twelve months before the disclosure,
/// and only with the basis on which it was given.
pub fn r2_harassment_warning(draft: &DisclosureDraft, ctx: &RuleContext) -> Vec<Finding> {
    let Some(w) = draft
        .harassment_warning
        .as_ref()
        .filter(|_| draft.category == Category::HarassmentWarning)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let old = parse_date(&w.recorded_on)
        .ok()
        .and_then(|recorded| twelve_months_old(recorded, ctx.disclosure_date));
    if let Some(old_on) = old {
        out.push(Finding::blocked(
            RuleId::R2,
            "harassment_warning.recorded_on",
            format!(
                "This warning was recorded 12 months or more before the meeting (it was 12 \
                 months old on {}). The Arrangement lets the police share a harassment warning \
                 only if it was recorded in the last 12 months: leave it out, or correct the \
                 date if it is wrong.",
                british(old_on)
            ),
        ));
    }
    if is_blank(&w.basis) {
        out.push(Finding::blocked(
            RuleId::R2,
            "harassment_warning.basis",
            "Say the basis on which the warning was given: the Arrangement lets the police \
             share a harassment warning only with its basis made clear.",
        ));
    }
    out
}

/// R3 (5.2): an admission of anti-social behaviour may be shared only if
/// corroborated, and the note says what corroborates it.
pub fn r3_asb_corroboration(draft: &DisclosureDraft, _ctx: &RuleContext) -> Vec<Finding> {
    match &draft.asb_admission {
        Some(a) if draft.category == Category::AsbAdmission && is_blank(&a.corroboration) => {
            vec![Finding::blocked(
                RuleId::R3,
                "asb_admission.corroboration",
                "Say what corroborates the admission (for example a witness, CCTV or an \
                 officer's account): the Arrangement lets an admission of anti-social behaviour \
                 be shared only when it is corroborated.",
            )]
        }
        _ => Vec::new(),
    }
}

/// R4 (5.1): "The Police can only provide factual information and are
/// unable to provide opinion evidence."
pub fn r4_police_opinion(draft: &DisclosureDraft, ctx: &RuleContext) -> Vec<Finding> {
    if ctx.agency_kind == AgencyKind::Police && draft.nature == Nature::Opinion {
        vec![Finding::blocked(
            RuleId::R4,
            "nature",
            "The police can give facts only, not opinion (Arrangement 5.1). Record what was \
             seen or recorded, as fact, or leave the opinion out.",
        )]
    } else {
        Vec::new()
    }
}

/// R5 (5.5): "Care must be taken not to disclose convictions that are
/// spent" under the Rehabilitation of Offenders Act 1974 ([`roa`]).
///
/// - A spent conviction is blocked; one never spent is not spent.
/// - A sentence outside the Act's table ([`SentenceType::Other`]) gives a
///   warning: the user checks with the disclosing agency.
/// - A caution is shared under R1; where the 1974 Act treats it as spent
///   (simple and youth cautions when given, conditional ones after 3
///   months) a warning says so. A caution R1 blocks gets no warning: it
///   cannot be saved anyway.
pub fn r5_spent(draft: &DisclosureDraft, ctx: &RuleContext) -> Vec<Finding> {
    let on = ctx.disclosure_date;
    if let Some(c) = caution_of(draft) {
        return caution_spent(c, on).into_iter().collect();
    }
    let Some(c) = draft
        .conviction
        .as_ref()
        .filter(|_| draft.category == Category::Conviction)
    else {
        return Vec::new();
    };
    if c.never_spent {
        return Vec::new();
    }
    if c.sentence == SentenceType::Other {
        return vec![Finding::warning(
            RuleId::R5,
            "conviction",
            "Tasking Vault cannot tell when this sentence becomes spent under the \
             Rehabilitation of Offenders Act 1974. Check with the disclosing agency that the \
             conviction is not spent before accepting; if it is spent, leave it out.",
        )];
    }
    let mut ignored = Vec::new();
    let Some(conviction) = read_conviction(c, on, &mut ignored) else {
        return Vec::new();
    };
    let spent = roa::spent_on(&conviction);
    if !spent.by(on) {
        return Vec::new();
    }
    let since = match spent {
        SpentOn::Date(d) => format!("it has been spent since {}", british(d)),
        SpentOn::Immediately | SpentOn::Never => "an absolute discharge is spent at once".into(),
    };
    vec![Finding::blocked(
        RuleId::R5,
        "conviction",
        format!(
            "This conviction is spent under the Rehabilitation of Offenders Act 1974 ({since}), \
             so it must not be disclosed: leave it out. If the sentence details are wrong, \
             correct them."
        ),
    )]
}

/// R5 for a caution that R1 lets through: a warning if the 1974 Act
/// treats it as spent.
fn caution_spent(c: &CautionDetails, on: NaiveDate) -> Option<Finding> {
    let mut ignored = Vec::new();
    let caution = read_caution(c, on, &mut ignored)?;
    if twelve_months_old(caution.given_on, on).is_some() || !roa::caution_is_spent(&caution, on) {
        return None;
    }
    let what = match (caution.kind, roa::caution_spent_on(&caution)) {
        (CautionKind::Conditional, SpentOn::Date(d)) => format!(
            "this conditional caution has been spent since {} (3 months after it was given)",
            british(d)
        ),
        (CautionKind::Youth, _) => "a youth caution is spent as soon as it is given".into(),
        _ => "a simple caution is spent as soon as it is given".into(),
    };
    Some(Finding::warning(
        RuleId::R5,
        "caution",
        format!(
            "Under the Rehabilitation of Offenders Act 1974 {what}. The Arrangement still lets \
             the police share a caution under 12 months old: accept this only if sharing it \
             is necessary for this case."
        ),
    ))
}

/// R6 (5.1; Gender Recognition Act 2004 s22): a disclosure touching the
/// gender history of a subject who holds or has applied for a gender
/// recognition certificate needs an exception from s22(4).
pub fn r6_gender_history(draft: &DisclosureDraft, ctx: &RuleContext) -> Vec<Finding> {
    if ctx.subject_gender_flag && draft.touches_gender_history && draft.gender_exception.is_none() {
        vec![Finding::blocked(
            RuleId::R6,
            "gender_exception",
            "The case's subject holds or has applied for a gender recognition certificate, so \
             their gender history may be disclosed only under an exception in section 22 of \
             the Gender Recognition Act 2004. Choose the exception relied on, or leave the \
             gender history out of the note.",
        )]
    } else {
        Vec::new()
    }
}

/// R7 (5.1, minimum necessary): where the item has a case reference,
/// neither the text nor the one-line summary for the minutes (when the
/// disclosure is minuted as one: that is what circulated minutes carry)
/// should name the case's subject. Each word of 2 or more letters of the
/// subject's recorded name and aliases is looked for as a whole word (not
/// inside another word), ignoring accents and case. One warning for each
/// of the two that names them (fields `text` and `minute_summary`), which
/// never repeats the name; one acceptance of R7 covers both.
pub fn r7_names_subject(draft: &DisclosureDraft, ctx: &RuleContext) -> Vec<Finding> {
    let Some(case_ref) = ctx.case_ref.as_deref().map(str::trim) else {
        return Vec::new();
    };
    if case_ref.is_empty() || ctx.subject_names.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    if names_subject(&draft.text, &ctx.subject_names) {
        out.push(Finding::warning(
            RuleId::R7,
            "text",
            format!(
                "The text names the case's subject. Refer to them by the case reference \
                 ({case_ref}) instead, as the Arrangement prefers; accept this only if the name \
                 is needed."
            ),
        ));
    }
    let summary = ctx.minute_summary.as_deref().unwrap_or("");
    if names_subject(summary, &ctx.subject_names) {
        out.push(Finding::warning(
            RuleId::R7,
            "minute_summary",
            format!(
                "The summary for the minutes names the case's subject, and it goes into the \
                 circulated minutes. Refer to them by the case reference ({case_ref}) instead; \
                 accept this only if the minutes must name them."
            ),
        ));
    }
    out
}

/// Whether `text` names someone recorded as `names`: a word of 2 or more
/// letters of a name, as a whole word, accents and case ignored.
fn names_subject(text: &str, names: &[String]) -> bool {
    if text.is_empty() {
        return false;
    }
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    let mut word = String::new();
    names
        .iter()
        .flat_map(|name| name.split_whitespace())
        .any(|part| {
            word.clear();
            fold_into(part, &mut word);
            let w = word.trim_matches(|c: char| !c.is_alphanumeric());
            w.chars().count() >= 2 && contains_word(&folded, w)
        })
}

/// R8 (4, 5.4): a disclosure about a person — the case is an individual or
/// a household, or the category is personal ([`Category::is_personal`]) —
/// names a legal power from section 4 and a statutory purpose. One finding
/// for each one missing.
pub fn r8_legal_basis(draft: &DisclosureDraft, ctx: &RuleContext) -> Vec<Finding> {
    if !about_a_person(draft, ctx) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if draft.legal_power.is_none() {
        out.push(Finding::blocked(
            RuleId::R8,
            "legal_power",
            "This disclosure is about a person, so it must name the legal power it is shared \
             under (section 4 of the Arrangement). Choose one.",
        ));
    }
    if draft.statutory_purpose.is_none() {
        out.push(Finding::blocked(
            RuleId::R8,
            "statutory_purpose",
            "This disclosure is about a person, so it must name the statutory purpose it meets \
             (5.4 of the Arrangement). Choose one.",
        ));
    }
    out
}

/// Whether a disclosure is about a person: its case is an individual or a
/// household, or its category is personal ([`Category::is_personal`]). R8
/// asks it, and storage marks such a disclosure PERSONAL DATA.
pub fn about_a_person(draft: &DisclosureDraft, ctx: &RuleContext) -> bool {
    matches!(
        ctx.case_kind,
        Some(CaseKind::Individual | CaseKind::Household)
    ) || draft.category.is_personal()
}

/// R9 (5.2): the disclosing person has signed this meeting's agreement,
/// and so has everyone in the room for this item. The second finding names
/// those who have not, and says the chair can mark them out of the room.
pub fn r9_signed(_draft: &DisclosureDraft, ctx: &RuleContext) -> Vec<Finding> {
    let mut out = Vec::new();
    if !ctx.discloser_signed {
        let who = match ctx.discloser_name.trim() {
            "" => "The disclosing person",
            name => name,
        };
        out.push(Finding::blocked(
            RuleId::R9,
            "person_id",
            format!(
                "{who} has not signed this meeting's confidentiality agreement, so no \
                 disclosure by them can be recorded. They can sign it in the signing kiosk \
                 first."
            ),
        ));
    }
    if !ctx.unsigned_present.is_empty() {
        let verb = if ctx.unsigned_present.len() == 1 {
            "is"
        } else {
            "are"
        };
        out.push(Finding::blocked(
            RuleId::R9,
            "attendance",
            format!(
                "No disclosure can be recorded under this item while {} {verb} in the room \
                 without having signed this meeting's confidentiality agreement. They can sign \
                 it now, or the chair can mark them as out of the room for this item.",
                in_words(&ctx.unsigned_present)
            ),
        ));
    }
    out
}

// ---- reading the draft ------------------------------------------------------

/// The draft's caution, if its category is a police caution.
fn caution_of(draft: &DisclosureDraft) -> Option<&CautionDetails> {
    draft
        .caution
        .as_ref()
        .filter(|_| draft.category == Category::PoliceCaution)
}

/// Why a typed date is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateProblem {
    Empty,
    NotADate,
    TooEarly,
}

fn parse_date(text: &str) -> Result<NaiveDate, DateProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(DateProblem::Empty);
    }
    // The stored form only: four-digit year, two-digit month and day.
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let d = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| shaped)
        .ok_or(DateProblem::NotADate)?;
    if d < NaiveDate::from_ymd_opt(EARLIEST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN) {
        return Err(DateProblem::TooEarly);
    }
    Ok(d)
}

/// Reads a date, saying beside `field` what is wrong with it.
fn date_field(field: &str, what: &str, text: &str, out: &mut Vec<Finding>) -> Option<NaiveDate> {
    match parse_date(text) {
        Ok(d) => Some(d),
        Err(problem) => {
            let message = match problem {
                DateProblem::Empty => format!("Enter {what}."),
                DateProblem::NotADate => format!(
                    "{} must be a date that exists, such as 2026-11-25. Please correct it.",
                    capitalised(what)
                ),
                DateProblem::TooEarly => format!(
                    "{} is before {EARLIEST_YEAR}. Please check the year.",
                    capitalised(what)
                ),
            };
            out.push(Finding::blocked(RuleId::Details, field, message));
            None
        }
    }
}

/// Reads a date that must not be after the meeting.
fn past_date(
    field: &str,
    what: &str,
    text: &str,
    on: NaiveDate,
    out: &mut Vec<Finding>,
) -> Option<NaiveDate> {
    let d = date_field(field, what, text, out)?;
    if d > on {
        out.push(Finding::blocked(
            RuleId::Details,
            field,
            format!(
                "{} is after the meeting ({}). Please check the date.",
                capitalised(what),
                british(on)
            ),
        ));
        return None;
    }
    Some(d)
}

/// A caution as the 1974 Act's table reads it, or `None` with findings.
fn read_caution(c: &CautionDetails, on: NaiveDate, out: &mut Vec<Finding>) -> Option<roa::Caution> {
    let given_on = past_date(
        "caution.given_on",
        "the date the caution was given",
        &c.given_on,
        on,
        out,
    )?;
    Some(roa::Caution {
        kind: c.kind,
        given_on,
    })
}

/// A conviction as the 1974 Act's table reads it, or `None`: with findings
/// when something it needs is missing or wrong (all of them at once),
/// without any when the sentence is outside the table
/// ([`SentenceType::Other`]).
fn read_conviction(
    c: &ConvictionDetails,
    on: NaiveDate,
    out: &mut Vec<Finding>,
) -> Option<roa::Conviction> {
    let found = out.len();
    if is_blank(&c.offence) {
        out.push(Finding::blocked(
            RuleId::Details,
            "conviction.offence",
            "Enter the offence the person was convicted of.",
        ));
    }
    let convicted_on = past_date(
        "conviction.convicted_on",
        "the date of conviction",
        &c.convicted_on,
        on,
        out,
    );
    let end_typed = c.sentence_ends_on.as_deref().filter(|t| !is_blank(t));
    let ends_on = end_typed.and_then(|text| {
        date_field(
            "conviction.sentence_ends_on",
            "the date the sentence ends",
            text,
            out,
        )
    });
    if let (Some(end), Some(conv)) = (ends_on, convicted_on)
        && end < conv
    {
        out.push(Finding::blocked(
            RuleId::Details,
            "conviction.sentence_ends_on",
            "The sentence cannot end before the date of conviction. Please check both dates.",
        ));
    }
    match c.sentence.needs() {
        SentenceNeeds::Term if c.sentence_months.is_none() => out.push(Finding::blocked(
            RuleId::Details,
            "conviction.sentence_months",
            "Enter the length of the sentence the court imposed, in months (0 if under a \
             month).",
        )),
        SentenceNeeds::End if end_typed.is_none() && c.sentence_months.is_none() => {
            out.push(Finding::blocked(
                RuleId::Details,
                "conviction.sentence_ends_on",
                "Enter the date the order ends, or its length in months.",
            ))
        }
        SentenceNeeds::Term | SentenceNeeds::End | SentenceNeeds::Nothing => {}
    }
    if out.len() > found {
        return None;
    }
    let convicted_on = convicted_on?;
    let months = c.sentence_months.unwrap_or(0);
    let ends_on = ends_on.unwrap_or_else(|| last_day(convicted_on, months));
    let sentence = match c.sentence {
        SentenceType::Custody | SentenceType::SuspendedCustody => {
            roa::Sentence::Custody { months, ends_on }
        }
        SentenceType::CommunityOrder => roa::Sentence::CommunityOrder { ends_on },
        SentenceType::ConditionalDischarge => roa::Sentence::ConditionalDischarge { ends_on },
        SentenceType::Fine => roa::Sentence::Fine,
        SentenceType::AbsoluteDischarge => roa::Sentence::AbsoluteDischarge,
        SentenceType::Other => return None,
    };
    Some(roa::Conviction {
        convicted_on,
        sentence,
        under_18: c.under_18,
        never_spent: c.never_spent,
    })
}

/// The last day of a sentence or order of `months` from `start`: the day
/// before the same date `months` later (at least `start`).
fn last_day(start: NaiveDate, months: u32) -> NaiveDate {
    add_months(start, months)
        .checked_sub_days(Days::new(1))
        .unwrap_or(start)
        .max(start)
}

/// The day something dated `from` became 12 months old, if it is on `on`.
fn twelve_months_old(from: NaiveDate, on: NaiveDate) -> Option<NaiveDate> {
    let old_on = add_months(from, 12);
    (on >= old_on).then_some(old_on)
}

fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}

// ---- words ---------------------------------------------------------------

/// A date as a person reads it: 25 Nov 2026.
fn british(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

fn capitalised(what: &str) -> String {
    let mut chars = what.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "A", "A and B", "A, B and C".
fn in_words(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

// ---- names (R7) ------------------------------------------------------------

/// Appends `text` folded for comparing names: accents dropped, lower case,
/// the letters that carry no separable accent spelled in plain Latin
/// (ł → l, ß → ss), apostrophes and hyphens of every kind made plain.
fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            // Most text is ASCII: no decomposition to look up.
            '`' => out.push('\''),
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            // Canonical decomposition, char by char: the same letters as
            // NFD, without its reordering of marks (all dropped here).
            _ => decompose_canonical(c, |c| {
                for c in c.to_lowercase() {
                    fold_letter(c, out);
                }
            }),
        }
    }
}

fn fold_letter(c: char, out: &mut String) {
    match c {
        _ if is_combining_mark(c) => {}
        'ł' | 'ŀ' => out.push('l'),
        'ø' => out.push('o'),
        'đ' | 'ð' => out.push('d'),
        'ħ' => out.push('h'),
        'ı' => out.push('i'),
        'ß' => out.push_str("ss"),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        'þ' => out.push_str("th"),
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{00B4}' => out.push('\''),
        '\u{2010}' | '\u{2011}' => out.push('-'),
        c => out.push(c),
    }
}

/// Whether `word` occurs in `text` with no letter or digit either side.
fn contains_word(text: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = text[from..].find(word) {
        let start = from + pos;
        let end = start + word.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return true;
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosures::input::{
        AsbAdmissionDetails, CautionKind, HarassmentWarningDetails, SentenceType,
    };
    use crate::disclosures::law::{GenderException, LegalPower, StatutoryPurpose};

    // Every name here is invented.
    const SUBJECT: &str = "Zoë Łukasiewicz-O'Brien";
    const MEETING: &str = "2026-11-25";

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// A clean draft: an incident, fact, with its legal basis.
    fn draft() -> DisclosureDraft {
        DisclosureDraft {
            category: Category::Incident,
            nature: Nature::Fact,
            text: "Reports of a group gathering at the play area after dark.".into(),
            caution: None,
            harassment_warning: None,
            asb_admission: None,
            conviction: None,
            legal_power: Some(LegalPower::CdaS115),
            statutory_purpose: Some(StatutoryPurpose::AntiSocialBehaviour),
            touches_gender_history: false,
            gender_exception: None,
        }
    }

    /// A clean context: the council discloses at a meeting on 25 Nov 2026
    /// about an individual's case, everyone signed.
    fn ctx() -> RuleContext {
        RuleContext {
            disclosure_date: d(MEETING),
            agency_kind: AgencyKind::LocalAuthority,
            case_kind: Some(CaseKind::Individual),
            case_ref: Some("NB-2026-014".into()),
            subject_names: vec![SUBJECT.into(), "Zed".into(), "J".into()],
            minute_summary: None,
            subject_gender_flag: false,
            discloser_name: "Priya Inventedname".into(),
            discloser_signed: true,
            unsigned_present: Vec::new(),
        }
    }

    fn caution(kind: CautionKind, given_on: &str) -> impl Fn(&mut DisclosureDraft) {
        let given_on = given_on.to_string();
        move |x| {
            x.category = Category::PoliceCaution;
            x.caution = Some(CautionDetails {
                kind,
                given_on: given_on.clone(),
            });
        }
    }

    fn warning(recorded_on: &str, basis: &str) -> impl Fn(&mut DisclosureDraft) {
        let (recorded_on, basis) = (recorded_on.to_string(), basis.to_string());
        move |x| {
            x.category = Category::HarassmentWarning;
            x.harassment_warning = Some(HarassmentWarningDetails {
                recorded_on: recorded_on.clone(),
                basis: basis.clone(),
            });
        }
    }

    fn conviction(c: ConvictionDetails) -> impl Fn(&mut DisclosureDraft) {
        move |x| {
            x.category = Category::Conviction;
            x.conviction = Some(c.clone());
        }
    }

    /// A conviction: the sentence, its months and end date, under 18.
    fn sentenced(
        sentence: SentenceType,
        convicted_on: &str,
        months: Option<u32>,
        ends_on: Option<&str>,
        under_18: bool,
    ) -> ConvictionDetails {
        ConvictionDetails {
            offence: "Burglary".into(),
            convicted_on: convicted_on.into(),
            sentence,
            sentence_months: months,
            sentence_ends_on: ends_on.map(str::to_string),
            under_18,
            never_spent: false,
        }
    }

    fn custody(months: u32, ends_on: &str, under_18: bool) -> ConvictionDetails {
        sentenced(
            SentenceType::Custody,
            "2010-01-04",
            Some(months),
            Some(ends_on),
            under_18,
        )
    }

    type Want = &'static [(RuleId, Level, &'static str)];
    type ChangeDraft = Box<dyn Fn(&mut DisclosureDraft)>;
    type ChangeCtx = Box<dyn Fn(&mut RuleContext)>;
    type Case<'a> = (&'a str, ChangeDraft, ChangeCtx, Want);

    /// Runs `rule` over a table: (what, change to the draft, change to the
    /// context, the findings wanted as (rule, level, field)).
    fn table(rule: Rule, cases: Vec<Case<'_>>) {
        for (what, change_draft, change_ctx, want) in cases {
            let mut x = draft();
            change_draft(&mut x);
            let mut c = ctx();
            change_ctx(&mut c);
            let findings = rule(&x, &c);
            let got: Vec<(RuleId, Level, &str)> = findings
                .iter()
                .map(|f| (f.rule, f.level, f.field.as_str()))
                .collect();
            assert_eq!(got, want, "{what}");
            for f in &findings {
                assert!(
                    f.message.ends_with('.') && f.message.len() > 15,
                    "{what}: {:?}",
                    f.message
                );
            }
        }
    }

    fn on(date: &'static str) -> Box<dyn Fn(&mut RuleContext)> {
        Box::new(move |c| c.disclosure_date = d(date))
    }

    fn same() -> Box<dyn Fn(&mut RuleContext)> {
        Box::new(|_| {})
    }

    const NONE: Want = &[];
    const B: Level = Level::Blocked;
    const W: Level = Level::Warning;

    #[test]
    fn a_clean_draft_has_no_findings() {
        assert_eq!(check(&draft(), &ctx()), []);
    }

    #[test]
    fn details_table() {
        use RuleId::Details as D;
        table(
            details,
            vec![
                (
                    "a caution without its details",
                    Box::new(|x| x.category = Category::PoliceCaution),
                    same(),
                    &[(D, B, "caution")],
                ),
                (
                    "a caution given on an empty date",
                    Box::new(caution(CautionKind::Simple, " ")),
                    same(),
                    &[(D, B, "caution.given_on")],
                ),
                (
                    "a caution given on 30 February",
                    Box::new(caution(CautionKind::Simple, "2026-02-30")),
                    same(),
                    &[(D, B, "caution.given_on")],
                ),
                (
                    "a caution dated the British way",
                    Box::new(caution(CautionKind::Simple, "25/11/2026")),
                    same(),
                    &[(D, B, "caution.given_on")],
                ),
                (
                    "a caution given the day after the meeting",
                    Box::new(caution(CautionKind::Simple, "2026-11-26")),
                    same(),
                    &[(D, B, "caution.given_on")],
                ),
                (
                    "a caution given on the day of the meeting",
                    Box::new(caution(CautionKind::Simple, MEETING)),
                    same(),
                    NONE,
                ),
                (
                    "a harassment warning without its details",
                    Box::new(|x| x.category = Category::HarassmentWarning),
                    same(),
                    &[(D, B, "harassment_warning")],
                ),
                (
                    "a harassment warning recorded in 1899",
                    Box::new(warning("1899-12-31", "Repeated calls")),
                    same(),
                    &[(D, B, "harassment_warning.recorded_on")],
                ),
                (
                    "an admission without its details",
                    Box::new(|x| x.category = Category::AsbAdmission),
                    same(),
                    &[(D, B, "asb_admission")],
                ),
                (
                    "a conviction without its details",
                    Box::new(|x| x.category = Category::Conviction),
                    same(),
                    &[(D, B, "conviction")],
                ),
                (
                    "a conviction missing everything it can miss",
                    Box::new(conviction(ConvictionDetails {
                        offence: "  ".into(),
                        ..sentenced(SentenceType::Custody, "", None, None, false)
                    })),
                    same(),
                    &[
                        (D, B, "conviction.offence"),
                        (D, B, "conviction.convicted_on"),
                        (D, B, "conviction.sentence_months"),
                    ],
                ),
                (
                    "a community order with neither end nor length",
                    Box::new(conviction(sentenced(
                        SentenceType::CommunityOrder,
                        "2026-01-05",
                        None,
                        Some(""),
                        false,
                    ))),
                    same(),
                    &[(D, B, "conviction.sentence_ends_on")],
                ),
                (
                    "a community order with a length only",
                    Box::new(conviction(sentenced(
                        SentenceType::CommunityOrder,
                        "2026-01-05",
                        Some(12),
                        None,
                        false,
                    ))),
                    same(),
                    NONE,
                ),
                (
                    "a sentence ending before the conviction",
                    Box::new(conviction(sentenced(
                        SentenceType::Custody,
                        "2026-01-05",
                        Some(3),
                        Some("2025-12-31"),
                        false,
                    ))),
                    same(),
                    &[(D, B, "conviction.sentence_ends_on")],
                ),
                (
                    "a sentence ending after the meeting is fine",
                    Box::new(conviction(sentenced(
                        SentenceType::Custody,
                        "2026-01-05",
                        Some(24),
                        Some("2028-01-04"),
                        false,
                    ))),
                    same(),
                    NONE,
                ),
                (
                    "a conviction in 1995",
                    Box::new(conviction(sentenced(
                        SentenceType::Custody,
                        "1995-06-01",
                        Some(6),
                        Some("1995-11-30"),
                        false,
                    ))),
                    same(),
                    NONE,
                ),
                (
                    "details of another category are not read",
                    Box::new(|x| {
                        x.caution = Some(CautionDetails {
                            kind: CautionKind::Simple,
                            given_on: "rubbish".into(),
                        })
                    }),
                    same(),
                    NONE,
                ),
            ],
        );
    }

    #[test]
    fn r1_caution_table() {
        use RuleId::R1;
        let simple = |given| Box::new(caution(CautionKind::Simple, given));
        table(
            r1_caution_age,
            vec![
                ("11 months 30 days old", simple("2025-11-26"), same(), NONE),
                (
                    "exactly 12 months old",
                    simple("2025-11-25"),
                    same(),
                    &[(R1, B, "caution.given_on")],
                ),
                (
                    "13 months old",
                    simple("2025-10-25"),
                    same(),
                    &[(R1, B, "caution.given_on")],
                ),
                ("given today", simple(MEETING), same(), NONE),
                (
                    "29 February, the day before 28 February",
                    simple("2024-02-29"),
                    on("2025-02-27"),
                    NONE,
                ),
                (
                    "29 February is 12 months old on 28 February",
                    simple("2024-02-29"),
                    on("2025-02-28"),
                    &[(R1, B, "caution.given_on")],
                ),
                (
                    "a conditional caution too",
                    Box::new(caution(CautionKind::Conditional, "2025-01-01")),
                    same(),
                    &[(R1, B, "caution.given_on")],
                ),
                (
                    "a date that is not one is for details",
                    simple("2025-13-01"),
                    same(),
                    NONE,
                ),
                (
                    "another category's caution is not read",
                    Box::new(|x| {
                        caution(CautionKind::Simple, "2020-01-01")(x);
                        x.category = Category::Intelligence;
                    }),
                    same(),
                    NONE,
                ),
            ],
        );
        let mut x = draft();
        caution(CautionKind::Simple, "2024-02-29")(&mut x);
        let mut c = ctx();
        c.disclosure_date = d("2025-03-01");
        let f = r1_caution_age(&x, &c);
        assert!(
            f[0].message.contains("12 months old on 28 Feb 2025"),
            "{f:?}"
        );
    }

    #[test]
    fn r2_harassment_warning_table() {
        use RuleId::R2;
        let w = |recorded, basis| Box::new(warning(recorded, basis));
        table(
            r2_harassment_warning,
            vec![
                (
                    "recent, with a basis",
                    w("2026-06-01", "Repeated unwanted visits to a neighbour"),
                    same(),
                    NONE,
                ),
                (
                    "11 months 30 days old",
                    w("2025-11-26", "Repeated messages"),
                    same(),
                    NONE,
                ),
                (
                    "12 months old",
                    w("2025-11-25", "Repeated messages"),
                    same(),
                    &[(R2, B, "harassment_warning.recorded_on")],
                ),
                (
                    "29 February",
                    w("2024-02-29", "Repeated messages"),
                    on("2025-02-28"),
                    &[(R2, B, "harassment_warning.recorded_on")],
                ),
                (
                    "a blank basis",
                    w("2026-06-01", ""),
                    same(),
                    &[(R2, B, "harassment_warning.basis")],
                ),
                (
                    "a basis of spaces",
                    w("2026-06-01", "    "),
                    same(),
                    &[(R2, B, "harassment_warning.basis")],
                ),
                (
                    "a basis of tabs, newlines and a no-break space",
                    w("2026-06-01", "\t\n\u{a0}"),
                    same(),
                    &[(R2, B, "harassment_warning.basis")],
                ),
                (
                    "old and without a basis",
                    w("2024-01-01", " "),
                    same(),
                    &[
                        (R2, B, "harassment_warning.recorded_on"),
                        (R2, B, "harassment_warning.basis"),
                    ],
                ),
            ],
        );
    }

    #[test]
    fn r3_asb_corroboration_table() {
        use RuleId::R3;
        let admission = |text: &'static str| -> Box<dyn Fn(&mut DisclosureDraft)> {
            Box::new(move |x| {
                x.category = Category::AsbAdmission;
                x.asb_admission = Some(AsbAdmissionDetails {
                    corroboration: text.into(),
                });
            })
        };
        table(
            r3_asb_corroboration,
            vec![
                (
                    "corroborated",
                    admission("Seen on the housing officer's CCTV"),
                    same(),
                    NONE,
                ),
                (
                    "empty",
                    admission(""),
                    same(),
                    &[(R3, B, "asb_admission.corroboration")],
                ),
                (
                    "blank",
                    admission(" \n "),
                    same(),
                    &[(R3, B, "asb_admission.corroboration")],
                ),
                (
                    "no details at all is for details",
                    Box::new(|x| x.category = Category::AsbAdmission),
                    same(),
                    NONE,
                ),
            ],
        );
    }

    #[test]
    fn r4_police_opinion_table() {
        use RuleId::R4;
        let police = |c: &mut RuleContext| c.agency_kind = AgencyKind::Police;
        let opinion = |x: &mut DisclosureDraft| x.nature = Nature::Opinion;
        table(
            r4_police_opinion,
            vec![
                (
                    "police opinion",
                    Box::new(opinion),
                    Box::new(police),
                    &[(R4, B, "nature")],
                ),
                ("police fact", Box::new(|_| {}), Box::new(police), NONE),
                ("council opinion", Box::new(opinion), same(), NONE),
                (
                    "probation opinion",
                    Box::new(opinion),
                    Box::new(|c| c.agency_kind = AgencyKind::Probation),
                    NONE,
                ),
            ],
        );
    }

    #[test]
    fn r5_convictions_table() {
        use RuleId::R5;
        let spent: Want = &[(R5, B, "conviction")];
        let c = |details: ConvictionDetails| -> Box<dyn Fn(&mut DisclosureDraft)> {
            Box::new(conviction(details))
        };
        // The meeting is on 25 Nov 2026: each pair is the day the
        // conviction is spent, and the day after (not yet spent).
        table(
            r5_spent,
            vec![
                // Adult custody, from the end of the sentence.
                (
                    "12 months, ended 24 Nov 2025",
                    c(custody(12, "2025-11-24", false)),
                    same(),
                    spent,
                ),
                (
                    "12 months, ended 26 Nov 2025",
                    c(custody(12, "2025-11-26", false)),
                    same(),
                    NONE,
                ),
                (
                    "12 months, ended 25 Nov 2025",
                    c(custody(12, "2025-11-25", false)),
                    same(),
                    spent,
                ),
                (
                    "13 months, ended 25 Nov 2022",
                    c(custody(13, "2022-11-25", false)),
                    same(),
                    spent,
                ),
                (
                    "13 months, ended 26 Nov 2022",
                    c(custody(13, "2022-11-26", false)),
                    same(),
                    NONE,
                ),
                (
                    "13 months, ended 25 Nov 2025",
                    c(custody(13, "2025-11-25", false)),
                    same(),
                    NONE,
                ),
                (
                    "4 years, ended 25 Nov 2022",
                    c(custody(48, "2022-11-25", false)),
                    same(),
                    spent,
                ),
                (
                    "4 years, ended 26 Nov 2022",
                    c(custody(48, "2022-11-26", false)),
                    same(),
                    NONE,
                ),
                (
                    "5 years, ended 25 Nov 2019",
                    c(custody(60, "2019-11-25", false)),
                    same(),
                    spent,
                ),
                (
                    "5 years, ended 26 Nov 2019",
                    c(custody(60, "2019-11-26", false)),
                    same(),
                    NONE,
                ),
                (
                    "5 years, ended 25 Nov 2022",
                    c(custody(60, "2022-11-25", false)),
                    same(),
                    NONE,
                ),
                // Under 18: halved.
                (
                    "12 months u18, ended 25 May 2026",
                    c(custody(12, "2026-05-25", true)),
                    same(),
                    spent,
                ),
                (
                    "12 months u18, ended 26 May 2026",
                    c(custody(12, "2026-05-26", true)),
                    same(),
                    NONE,
                ),
                (
                    "13 months u18, ended 25 Nov 2024",
                    c(custody(13, "2024-11-25", true)),
                    same(),
                    spent,
                ),
                (
                    "13 months u18, ended 26 Nov 2024",
                    c(custody(13, "2024-11-26", true)),
                    same(),
                    NONE,
                ),
                (
                    "4 years u18, ended 25 Nov 2024",
                    c(custody(48, "2024-11-25", true)),
                    same(),
                    spent,
                ),
                (
                    "4 years u18, ended 26 Nov 2024",
                    c(custody(48, "2024-11-26", true)),
                    same(),
                    NONE,
                ),
                (
                    "5 years u18, ended 25 May 2023",
                    c(custody(60, "2023-05-25", true)),
                    same(),
                    spent,
                ),
                (
                    "5 years u18, ended 26 May 2023",
                    c(custody(60, "2023-05-26", true)),
                    same(),
                    NONE,
                ),
                // Never spent.
                (
                    "5 years, never spent, ended 2012",
                    c(ConvictionDetails {
                        never_spent: true,
                        ..custody(60, "2012-01-03", false)
                    }),
                    same(),
                    NONE,
                ),
                // Suspended: custody of the term, from its end.
                (
                    "6 months suspended, no end date, convicted 26 May 2025",
                    c(sentenced(
                        SentenceType::SuspendedCustody,
                        "2025-05-26",
                        Some(6),
                        None,
                        false,
                    )),
                    same(),
                    spent,
                ),
                (
                    "6 months suspended, no end date, convicted 27 May 2025",
                    c(sentenced(
                        SentenceType::SuspendedCustody,
                        "2025-05-27",
                        Some(6),
                        None,
                        false,
                    )),
                    same(),
                    NONE,
                ),
                // Fines: 12 months from conviction (6 under 18).
                (
                    "a fine, 25 Nov 2025",
                    c(sentenced(
                        SentenceType::Fine,
                        "2025-11-25",
                        None,
                        None,
                        false,
                    )),
                    same(),
                    spent,
                ),
                (
                    "a fine, 26 Nov 2025",
                    c(sentenced(
                        SentenceType::Fine,
                        "2025-11-26",
                        None,
                        None,
                        false,
                    )),
                    same(),
                    NONE,
                ),
                (
                    "a fine u18, 25 May 2026",
                    c(sentenced(
                        SentenceType::Fine,
                        "2026-05-25",
                        None,
                        None,
                        true,
                    )),
                    same(),
                    spent,
                ),
                (
                    "a fine u18, 26 May 2026",
                    c(sentenced(
                        SentenceType::Fine,
                        "2026-05-26",
                        None,
                        None,
                        true,
                    )),
                    same(),
                    NONE,
                ),
                // Orders: spent when they end.
                (
                    "a community order whose last day was yesterday",
                    c(sentenced(
                        SentenceType::CommunityOrder,
                        "2025-11-25",
                        None,
                        Some("2026-11-24"),
                        false,
                    )),
                    same(),
                    spent,
                ),
                (
                    "a community order whose last day is today",
                    c(sentenced(
                        SentenceType::CommunityOrder,
                        "2025-11-25",
                        None,
                        Some(MEETING),
                        false,
                    )),
                    same(),
                    NONE,
                ),
                (
                    "a 12-month conditional discharge from 25 Nov 2025",
                    c(sentenced(
                        SentenceType::ConditionalDischarge,
                        "2025-11-25",
                        Some(12),
                        None,
                        false,
                    )),
                    same(),
                    spent,
                ),
                (
                    "a 12-month conditional discharge from 26 Nov 2025",
                    c(sentenced(
                        SentenceType::ConditionalDischarge,
                        "2025-11-26",
                        Some(12),
                        None,
                        false,
                    )),
                    same(),
                    NONE,
                ),
                (
                    "an absolute discharge",
                    c(sentenced(
                        SentenceType::AbsoluteDischarge,
                        MEETING,
                        None,
                        None,
                        false,
                    )),
                    same(),
                    spent,
                ),
                // Outside the table: the user checks.
                (
                    "another sentence",
                    c(sentenced(
                        SentenceType::Other,
                        "2025-01-01",
                        None,
                        None,
                        false,
                    )),
                    same(),
                    &[(R5, W, "conviction")],
                ),
                (
                    "another sentence, never spent",
                    c(ConvictionDetails {
                        never_spent: true,
                        ..sentenced(SentenceType::Other, "2025-01-01", None, None, false)
                    }),
                    same(),
                    NONE,
                ),
                // Incomplete: for details.
                (
                    "custody without its term",
                    c(sentenced(
                        SentenceType::Custody,
                        "2000-01-01",
                        None,
                        Some("2000-06-30"),
                        false,
                    )),
                    same(),
                    NONE,
                ),
            ],
        );
        let mut x = draft();
        conviction(custody(12, "2025-11-24", false))(&mut x);
        let f = r5_spent(&x, &ctx());
        assert!(f[0].message.contains("spent since 24 Nov 2026"), "{f:?}");
        assert!(!f[0].message.contains("Burglary"), "{f:?}");
    }

    #[test]
    fn r5_cautions_table() {
        use RuleId::R5;
        let spent: Want = &[(R5, W, "caution")];
        let c =
            |kind, given| -> Box<dyn Fn(&mut DisclosureDraft)> { Box::new(caution(kind, given)) };
        table(
            r5_spent,
            vec![
                (
                    "a simple caution a month old",
                    c(CautionKind::Simple, "2026-10-25"),
                    same(),
                    spent,
                ),
                (
                    "a simple caution given today",
                    c(CautionKind::Simple, MEETING),
                    same(),
                    spent,
                ),
                (
                    "a youth caution",
                    c(CautionKind::Youth, "2026-10-25"),
                    same(),
                    spent,
                ),
                (
                    "a conditional caution 2 months old",
                    c(CautionKind::Conditional, "2026-09-25"),
                    same(),
                    NONE,
                ),
                (
                    "a conditional caution a day under 3 months",
                    c(CautionKind::Conditional, "2026-08-26"),
                    same(),
                    NONE,
                ),
                (
                    "a conditional caution 3 months old",
                    c(CautionKind::Conditional, "2026-08-25"),
                    same(),
                    spent,
                ),
                (
                    "a conditional caution 4 months old",
                    c(CautionKind::Conditional, "2026-07-25"),
                    same(),
                    spent,
                ),
                // R1 blocks these: no warning to accept.
                (
                    "a simple caution 12 months old",
                    c(CautionKind::Simple, "2025-11-25"),
                    same(),
                    NONE,
                ),
                (
                    "a conditional caution 13 months old",
                    c(CautionKind::Conditional, "2025-10-25"),
                    same(),
                    NONE,
                ),
                (
                    "a caution dated after the meeting",
                    c(CautionKind::Simple, "2026-12-01"),
                    same(),
                    NONE,
                ),
            ],
        );
        let mut x = draft();
        caution(CautionKind::Conditional, "2026-07-25")(&mut x);
        let f = r5_spent(&x, &ctx());
        assert!(f[0].message.contains("spent since 25 Oct 2026"), "{f:?}");
    }

    #[test]
    fn r6_gender_history_table() {
        use RuleId::R6;
        let flagged = |c: &mut RuleContext| c.subject_gender_flag = true;
        let touches = |x: &mut DisclosureDraft| x.touches_gender_history = true;
        table(
            r6_gender_history,
            vec![
                (
                    "flagged, touching, no exception",
                    Box::new(touches),
                    Box::new(flagged),
                    &[(R6, B, "gender_exception")],
                ),
                (
                    "flagged, touching, with an exception",
                    Box::new(move |x| {
                        touches(x);
                        x.gender_exception = Some(GenderException::Crime);
                    }),
                    Box::new(flagged),
                    NONE,
                ),
                (
                    "flagged, not touching",
                    Box::new(|_| {}),
                    Box::new(flagged),
                    NONE,
                ),
                ("not flagged, touching", Box::new(touches), same(), NONE),
            ],
        );
    }

    #[test]
    fn r7_names_subject_table() {
        use RuleId::R7;
        let named: Want = &[(R7, W, "text")];
        let in_summary: Want = &[(R7, W, "minute_summary")];
        let both: Want = &[(R7, W, "text"), (R7, W, "minute_summary")];
        let text = |t: &'static str| -> Box<dyn Fn(&mut DisclosureDraft)> {
            Box::new(move |x| x.text = t.into())
        };
        let summary = |t: &'static str| -> Box<dyn Fn(&mut RuleContext)> {
            Box::new(move |c| c.minute_summary = Some(t.into()))
        };
        table(
            r7_names_subject,
            vec![
                (
                    "accents and case changed",
                    text("zoe lukasiewicz-o'brien was seen"),
                    same(),
                    named,
                ),
                (
                    "the name as recorded",
                    text("Seen with Zoë Łukasiewicz-O'Brien."),
                    same(),
                    named,
                ),
                (
                    "capitals",
                    text("ZOË WAS SEEN AT THE STATION"),
                    same(),
                    named,
                ),
                (
                    "decomposed accents",
                    text("Zoe\u{308} was seen"),
                    same(),
                    named,
                ),
                (
                    "a curly apostrophe",
                    text("Lukasiewicz-O\u{2019}Brien's car"),
                    same(),
                    named,
                ),
                (
                    "the surname alone",
                    text("ŁUKASIEWICZ-O'BRIEN attended"),
                    same(),
                    named,
                ),
                ("an alias", text("Known locally as Zed."), same(), named),
                (
                    "an alias in another word",
                    text("Works on Zedland Road"),
                    same(),
                    NONE,
                ),
                (
                    "the first name in another word",
                    text("Zoetrope stolen from the shop"),
                    same(),
                    NONE,
                ),
                (
                    "the first name inside a word",
                    text("The Lazoe family"),
                    same(),
                    NONE,
                ),
                ("a one-letter alias", text("J was seen"), same(), NONE),
                (
                    "no name",
                    text("An adult male was seen at the station."),
                    same(),
                    NONE,
                ),
                (
                    "no case reference",
                    text("Zoë was seen"),
                    Box::new(|c| c.case_ref = None),
                    NONE,
                ),
                (
                    "a blank case reference",
                    text("Zoë was seen"),
                    Box::new(|c| c.case_ref = Some("  ".into())),
                    NONE,
                ),
                (
                    "no recorded names",
                    text("Zoë was seen"),
                    Box::new(|c| c.subject_names.clear()),
                    NONE,
                ),
                // The one-line summary for the minutes (storage passes it
                // only when the disclosure is minuted as one).
                (
                    "the name in the summary only",
                    Box::new(|_| {}),
                    summary("Zoë seen at the play area after dark."),
                    in_summary,
                ),
                (
                    "the name in the text and the summary",
                    text("Zoë was seen"),
                    summary("Zoë seen at the play area."),
                    both,
                ),
                (
                    "the summary, accents and case changed",
                    Box::new(|_| {}),
                    summary("LUKASIEWICZ-O\u{2019}BRIEN SEEN AT THE PLAY AREA."),
                    in_summary,
                ),
                (
                    "the summary, decomposed accents",
                    Box::new(|_| {}),
                    summary("zoe\u{308} seen"),
                    in_summary,
                ),
                (
                    "an alias in the summary",
                    Box::new(|_| {}),
                    summary("Zed again."),
                    in_summary,
                ),
                (
                    "the text names, the summary does not",
                    text("Zed was seen"),
                    summary("Seen at the play area after dark."),
                    named,
                ),
                (
                    "an alias inside a word of the summary",
                    Box::new(|_| {}),
                    summary("Reports from Zedland Road."),
                    NONE,
                ),
                ("an empty summary", Box::new(|_| {}), summary(""), NONE),
                (
                    "the summary, no case reference",
                    Box::new(|_| {}),
                    Box::new(|c| {
                        c.case_ref = None;
                        c.minute_summary = Some("Zoë seen.".into());
                    }),
                    NONE,
                ),
                (
                    "the summary, no recorded names",
                    Box::new(|_| {}),
                    Box::new(|c| {
                        c.subject_names.clear();
                        c.minute_summary = Some("Zoë seen.".into());
                    }),
                    NONE,
                ),
            ],
        );
        let mut x = draft();
        x.text = "zoe lukasiewicz-o'brien was seen".into();
        let mut c = ctx();
        c.minute_summary = Some("Zoë Łukasiewicz-O'Brien seen.".into());
        let f = r7_names_subject(&x, &c);
        assert_eq!(f.len(), 2, "{f:?}");
        for finding in &f {
            let m = finding.message.to_lowercase();
            assert!(m.contains("nb-2026-014"), "{m}");
            assert!(m.contains("refer to them by the case reference"), "{m}");
            for part in ["zoë", "zoe", "łukasiewicz", "lukasiewicz", "brien"] {
                assert!(!m.contains(part), "R7 echoed the name: {m}");
            }
        }
        assert!(f[1].message.contains("summary for the minutes"), "{f:?}");
    }

    #[test]
    fn r8_legal_basis_table() {
        use RuleId::R8;
        let both: Want = &[(R8, B, "legal_power"), (R8, B, "statutory_purpose")];
        let bare = |category| -> Box<dyn Fn(&mut DisclosureDraft)> {
            Box::new(move |x| {
                x.category = category;
                x.legal_power = None;
                x.statutory_purpose = None;
            })
        };
        let kind = |k: Option<CaseKind>| -> Box<dyn Fn(&mut RuleContext)> {
            Box::new(move |c| c.case_kind = k)
        };
        table(
            r8_legal_basis,
            vec![
                (
                    "an individual's case",
                    bare(Category::Incident),
                    same(),
                    both,
                ),
                (
                    "a household's case",
                    bare(Category::Incident),
                    kind(Some(CaseKind::Household)),
                    both,
                ),
                (
                    "a location's incident",
                    bare(Category::Incident),
                    kind(Some(CaseKind::Location)),
                    NONE,
                ),
                (
                    "a group's intelligence",
                    bare(Category::Intelligence),
                    kind(Some(CaseKind::Group)),
                    NONE,
                ),
                ("no case, other", bare(Category::Other), kind(None), NONE),
                (
                    "a location's conviction",
                    bare(Category::Conviction),
                    kind(Some(CaseKind::Location)),
                    both,
                ),
                (
                    "no case, health",
                    bare(Category::HealthOrCare),
                    kind(None),
                    both,
                ),
                (
                    "no case, safeguarding",
                    bare(Category::Safeguarding),
                    kind(None),
                    both,
                ),
                (
                    "no case, tenancy",
                    bare(Category::HousingOrTenancy),
                    kind(None),
                    both,
                ),
                (
                    "no case, caution",
                    bare(Category::PoliceCaution),
                    kind(None),
                    both,
                ),
                (
                    "no case, warning",
                    bare(Category::HarassmentWarning),
                    kind(None),
                    both,
                ),
                (
                    "no case, admission",
                    bare(Category::AsbAdmission),
                    kind(None),
                    both,
                ),
                (
                    "a power without a purpose",
                    Box::new(|x| x.statutory_purpose = None),
                    same(),
                    &[(R8, B, "statutory_purpose")],
                ),
                (
                    "a purpose without a power",
                    Box::new(|x| x.legal_power = None),
                    same(),
                    &[(R8, B, "legal_power")],
                ),
                ("both", Box::new(|_| {}), same(), NONE),
            ],
        );
    }

    #[test]
    fn r9_signed_table() {
        use RuleId::R9;
        let present = |names: &'static [&'static str]| -> Box<dyn Fn(&mut RuleContext)> {
            Box::new(move |c| c.unsigned_present = names.iter().map(|n| n.to_string()).collect())
        };
        table(
            r9_signed,
            vec![
                ("everyone signed", Box::new(|_| {}), same(), NONE),
                (
                    "the discloser has not signed",
                    Box::new(|_| {}),
                    Box::new(|c| c.discloser_signed = false),
                    &[(R9, B, "person_id")],
                ),
                (
                    "someone present has not signed",
                    Box::new(|_| {}),
                    present(&["Tomasz Placeholder"]),
                    &[(R9, B, "attendance")],
                ),
                (
                    "and then is marked out of the room",
                    Box::new(|_| {}),
                    present(&[]),
                    NONE,
                ),
                (
                    "both",
                    Box::new(|_| {}),
                    Box::new(|c| {
                        c.discloser_signed = false;
                        c.unsigned_present = vec!["Tomasz Placeholder".into()];
                    }),
                    &[(R9, B, "person_id"), (R9, B, "attendance")],
                ),
            ],
        );
        let mut c = ctx();
        let x = draft();
        c.discloser_signed = false;
        assert!(
            r9_signed(&x, &c)[0]
                .message
                .starts_with("Priya Inventedname has not signed")
        );
        c.discloser_name = " ".into();
        assert!(
            r9_signed(&x, &c)[0]
                .message
                .starts_with("The disclosing person has not signed")
        );
        c.discloser_signed = true;
        for (names, want) in [
            (
                vec!["Tomasz Placeholder"],
                "while Tomasz Placeholder is in the room",
            ),
            (
                vec!["Tomasz Placeholder", "Ada Notreal"],
                "while Tomasz Placeholder and Ada Notreal are in the room",
            ),
            (
                vec!["Tomasz Placeholder", "Ada Notreal", "Kit Madeup"],
                "while Tomasz Placeholder, Ada Notreal and Kit Madeup are in the room",
            ),
        ] {
            c.unsigned_present = names.iter().map(|n| n.to_string()).collect();
            let m = &r9_signed(&x, &c)[0].message;
            assert!(m.contains(want), "{m}");
            assert!(
                m.contains("mark them as out of the room for this item"),
                "{m}"
            );
        }
    }

    #[test]
    fn check_runs_every_rule_in_order() {
        let mut x = draft();
        caution(CautionKind::Simple, "2024-02-29")(&mut x);
        x.nature = Nature::Opinion;
        x.text = "Zoë admitted it.".into();
        x.legal_power = None;
        x.touches_gender_history = true;
        let mut c = ctx();
        c.agency_kind = AgencyKind::Police;
        c.subject_gender_flag = true;
        c.discloser_signed = false;
        c.unsigned_present = vec!["Ada Notreal".into()];
        c.minute_summary = Some("Zed admitted it.".into());
        let findings = check(&x, &c);
        let got: Vec<(RuleId, &str)> = findings
            .iter()
            .map(|f| (f.rule, f.field.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (RuleId::R1, "caution.given_on"),
                (RuleId::R4, "nature"),
                (RuleId::R6, "gender_exception"),
                (RuleId::R7, "text"),
                (RuleId::R7, "minute_summary"),
                (RuleId::R8, "legal_power"),
                (RuleId::R9, "person_id"),
                (RuleId::R9, "attendance"),
            ]
        );
        let ids: Vec<RuleId> = RULES.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, RuleId::ALL);
    }

    #[test]
    fn a_warning_stops_a_save_until_accepted() {
        let mut x = draft();
        caution(CautionKind::Simple, "2026-10-01")(&mut x);
        x.text = "Zed was cautioned.".into();
        let findings = check(&x, &ctx());
        let rules = |accepted: &[RuleId]| -> Vec<RuleId> {
            stopping(&findings, accepted).map(|f| f.rule).collect()
        };
        assert_eq!(rules(&[]), [RuleId::R5, RuleId::R7]);
        assert_eq!(rules(&[RuleId::R7]), [RuleId::R5]);
        assert_eq!(rules(&[RuleId::R5, RuleId::R7]), []);
        // R7 on the text and on the summary: one acceptance covers both.
        let mut c = ctx();
        c.minute_summary = Some("Zed cautioned.".into());
        let findings = check(&x, &c);
        let rules = |accepted: &[RuleId]| -> Vec<(RuleId, String)> {
            stopping(&findings, accepted)
                .map(|f| (f.rule, f.field.clone()))
                .collect()
        };
        assert_eq!(
            rules(&[RuleId::R5]),
            [
                (RuleId::R7, "text".to_owned()),
                (RuleId::R7, "minute_summary".to_owned())
            ]
        );
        assert_eq!(rules(&[RuleId::R7]), [(RuleId::R5, "caution".to_owned())]);
        assert_eq!(rules(&[RuleId::R5, RuleId::R7]), []);
        x.nature = Nature::Opinion;
        let mut c = ctx();
        c.agency_kind = AgencyKind::Police;
        let findings = check(&x, &c);
        let stop: Vec<RuleId> = stopping(&findings, RuleId::ALL).map(|f| f.rule).collect();
        assert_eq!(stop, [RuleId::R4], "accepting cannot unblock");
    }

    #[test]
    fn folding_and_whole_words() {
        let fold = |t: &str| {
            let mut s = String::new();
            fold_into(t, &mut s);
            s
        };
        assert_eq!(fold(SUBJECT), "zoe lukasiewicz-o'brien");
        assert_eq!(
            fold("ØRSTED Strauß Þór Æthelred"),
            "orsted strauss thor aethelred"
        );
        assert_eq!(
            fold("Zoe\u{308}\u{301} İpek"),
            "zoe ipek",
            "marks typed apart"
        );
        assert_eq!(fold("O\u{2019}Brien `x\u{2010}y"), "o'brien 'x-y");
        assert!(contains_word("a zoe b", "zoe"));
        assert!(contains_word("zoe's", "zoe"));
        assert!(contains_word("zoe", "zoe"));
        assert!(!contains_word("zoetrope", "zoe"));
        assert!(!contains_word("lazoe", "zoe"));
        assert!(contains_word("lazoe zoe", "zoe"), "a later whole word");
        assert!(contains_word("ééé zoe", "zoe"), "after multi-byte letters");
    }

    /// How long `check` takes (printed, not asserted): a conviction with
    /// a 1,000-character text, three names, two unsigned attendees.
    #[test]
    fn check_timing() {
        let mut x = draft();
        conviction(custody(13, "2022-11-26", false))(&mut x);
        x.text = "An adult male was seen at the station with two others; words were \
                  exchanged and a window was broken. "
            .repeat(10);
        let mut c = ctx();
        c.unsigned_present = vec!["Tomasz Placeholder".into(), "Ada Notreal".into()];
        c.subject_names.push("Zoe Lukasiewicz".into());
        let n = 10_000;
        let start = std::time::Instant::now();
        let mut total = 0;
        for _ in 0..n {
            total += std::hint::black_box(check(std::hint::black_box(&x), &c)).len();
        }
        let each = start.elapsed() / n;
        assert_eq!(total, n as usize);
        println!(
            "check: {each:?} a call over {n} calls ({} characters of text, {} findings each)",
            x.text.chars().count(),
            total / n as usize
        );
    }
}
