//! The Arrangement's request form (Appendix K, "Request made to / by other
//! agencies for information"), both halves, as data with its rules: the
//! request (who asks, about whom, what, on which legal basis, the two
//! declarations, signed) and the response (who answers, the answer,
//! signed), its quality assurance by a named point of contact, and the
//! decision.
//!
//! [`RequestForm::problems`] lists every refusal at once, each with the
//! field it belongs to, for a form to show while it is filled in;
//! [`RequestForm::clean`] normalises the text, or refuses with them all.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::disclosures::{LegalPower, StatutoryPurpose};
use crate::signatures::Point;
use crate::text::TextRule;

/// One refusal of the form's rules: the field and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct FormProblem {
    /// The field, as the form names it (`subject.surname`, `basis.legal_power`…).
    pub field: String,
    /// What is wrong and what to do, in a sentence or two.
    pub message: String,
    /// Something not given yet (a required field empty, a declaration not
    /// confirmed, no signature): the form may be kept unfinished with it,
    /// but is not complete. Otherwise what is given is wrong (too long, not
    /// a date…) and the form cannot be kept as it is.
    pub missing: bool,
}

/// The organisation asking (the form's "Details of organisation requesting
/// information").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Requester {
    /// The organisation's name.
    pub name: String,
    /// Its address.
    #[serde(default)]
    pub address: String,
    /// Its telephone number.
    #[serde(default)]
    pub tel: String,
    /// The date of the request (`YYYY-MM-DD`).
    pub date: String,
    /// Their reference.
    #[serde(default)]
    pub reference: String,
    /// To whom the request is addressed.
    #[serde(default)]
    pub to: String,
}

/// The person the request is about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// Surname.
    pub surname: String,
    /// All previous surnames.
    #[serde(default)]
    pub previous_surnames: String,
    /// Also known as.
    #[serde(default)]
    pub also_known_as: String,
    /// Forename(s).
    #[serde(default)]
    pub forenames: String,
    /// Place of birth.
    #[serde(default)]
    pub place_of_birth: String,
    /// Date of birth (`YYYY-MM-DD`), if known.
    #[serde(default)]
    pub date_of_birth: Option<String>,
    /// Full present address.
    #[serde(default)]
    pub address: String,
    /// Its postcode.
    #[serde(default)]
    pub postcode: String,
    /// Previous address.
    #[serde(default)]
    pub previous_address: String,
    /// Its postcode.
    #[serde(default)]
    pub previous_postcode: String,
}

/// The legal basis under UK GDPR and the Data Protection Act 2018 (R8),
/// and the form's two declarations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// The legal power relied on (section 4).
    #[serde(default)]
    pub legal_power: Option<LegalPower>,
    /// The statutory purpose (5.4).
    #[serde(default)]
    pub statutory_purpose: Option<StatutoryPurpose>,
    /// The reasons, in the requester's words.
    pub reasons: String,
    /// "I confirm that the duty of confidentiality can be overridden in
    /// this situation." Never assumed: confirmed by the requester.
    #[serde(default)]
    pub confidentiality_overridden: bool,
    /// "The right to privacy of the individual concerned has been
    /// considered but the public interest served in disclosing the
    /// personal data outweighs the right to privacy." Likewise.
    #[serde(default)]
    pub privacy_outweighed: bool,
}

/// A signature on the form: drawn on the pad, with the signer's name,
/// rank or title, and the date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct FormSignature {
    /// The signer's name.
    pub name: String,
    /// Their rank or title.
    pub rank: String,
    /// The date signed (`YYYY-MM-DD`).
    pub date: String,
    /// The drawn strokes, in the pad's units (as the kiosk's).
    pub strokes: Vec<Vec<Point>>,
}

/// The request: the form's first half.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RequestForm {
    /// Who asks.
    pub requester: Requester,
    /// About whom.
    pub subject: Subject,
    /// The information sought.
    pub information_sought: String,
    /// The legal basis and the declarations.
    pub basis: LegalBasis,
    /// The requester's signature.
    #[serde(default)]
    pub signed: Option<FormSignature>,
}

const ORG: TextRule = TextRule::name("Requesting organisation", 160);
const ADDRESS: TextRule = TextRule {
    field: "Address",
    max_chars: 400,
    multiline: true,
    required: false,
};
const SHORT: usize = 120;
const SOUGHT: TextRule = TextRule::paragraph("The information sought", 4_000);
const REASONS: TextRule = TextRule::paragraph("The legal basis and the reasons", 4_000);

fn optional(field: &'static str, max_chars: usize) -> TextRule {
    TextRule {
        field,
        max_chars,
        multiline: false,
        required: false,
    }
}

/// Collects the problems of one form, field by field.
struct Checker {
    problems: Vec<FormProblem>,
}

impl Checker {
    /// Something wrong with what is given.
    fn push(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(FormProblem {
            field: field.to_owned(),
            message: message.into(),
            missing: false,
        });
    }

    /// Something not given yet.
    fn missing(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(FormProblem {
            field: field.to_owned(),
            message: message.into(),
            missing: true,
        });
    }

    /// `rule.clean(value)`, a refusal recorded under `field` (as missing
    /// when the value is empty).
    fn text(&mut self, field: &str, rule: TextRule, value: &str) -> String {
        match rule.clean(value) {
            Ok(v) => v,
            Err(e) if value.trim().is_empty() => {
                self.missing(field, e.to_string());
                String::new()
            }
            Err(e) => {
                self.push(field, e.to_string());
                value.to_owned()
            }
        }
    }

    fn date(&mut self, field: &str, label: &'static str, value: &str, today: NaiveDate) -> String {
        match crate::dates::past_date(label, value, today) {
            Ok(d) => crate::dates::to_text(d),
            Err(_) if value.trim().is_empty() => {
                self.missing(
                    field,
                    format!("{label}: must not be empty. Please fill it in."),
                );
                String::new()
            }
            Err(e) => {
                self.push(field, e.to_string());
                value.to_owned()
            }
        }
    }

    fn signature(
        &mut self,
        field: &str,
        who: &str,
        s: Option<&FormSignature>,
        today: NaiveDate,
    ) -> Option<FormSignature> {
        let Some(s) = s else {
            self.missing(
                field,
                format!(
                    "{who} must sign it: draw the signature on the pad, with the name, rank or \
                     title, and the date."
                ),
            );
            return None;
        };
        let name = self.text(
            &format!("{field}.name"),
            TextRule::name("Name of the signer", SHORT),
            &s.name,
        );
        let rank = self.text(
            &format!("{field}.rank"),
            TextRule::name("Rank or title", SHORT),
            &s.rank,
        );
        let date = self.date(&format!("{field}.date"), "Date signed", &s.date, today);
        if s.strokes.iter().all(Vec::is_empty) {
            self.missing(
                &format!("{field}.strokes"),
                format!("{who}'s signature is not drawn yet. Sign on the pad."),
            );
        } else if let Err(e) = crate::signatures::check_strokes(&s.strokes) {
            self.push(&format!("{field}.strokes"), e.to_string());
        }
        Some(FormSignature {
            name,
            rank,
            date,
            strokes: s.strokes.clone(),
        })
    }
}

impl RequestForm {
    /// The form with its text normalised, and every refusal of its rules
    /// (empty when it may be saved as complete).
    pub fn checked(&self, today: NaiveDate) -> (RequestForm, Vec<FormProblem>) {
        let mut c = Checker {
            problems: Vec::new(),
        };
        let r = &self.requester;
        let requester = Requester {
            name: c.text("requester.name", ORG, &r.name),
            address: c.text("requester.address", ADDRESS, &r.address),
            tel: c.text("requester.tel", optional("Telephone", 40), &r.tel),
            date: c.date("requester.date", "Date of the request", &r.date, today),
            reference: c.text(
                "requester.reference",
                optional("Their reference", 80),
                &r.reference,
            ),
            to: c.text("requester.to", optional("To", SHORT), &r.to),
        };
        let s = &self.subject;
        let date_of_birth = match s.date_of_birth.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(d) => match crate::dates::date_of_birth("Date of birth", d, today) {
                Ok(d) => Some(crate::dates::to_text(d)),
                Err(e) => {
                    c.push("subject.date_of_birth", e.to_string());
                    Some(d.to_owned())
                }
            },
        };
        let subject = Subject {
            surname: c.text(
                "subject.surname",
                TextRule::name("Surname", SHORT),
                &s.surname,
            ),
            previous_surnames: c.text(
                "subject.previous_surnames",
                optional("All previous surnames", 200),
                &s.previous_surnames,
            ),
            also_known_as: c.text(
                "subject.also_known_as",
                optional("Also known as", 200),
                &s.also_known_as,
            ),
            forenames: c.text(
                "subject.forenames",
                optional("Forename(s)", SHORT),
                &s.forenames,
            ),
            place_of_birth: c.text(
                "subject.place_of_birth",
                optional("Place of birth", SHORT),
                &s.place_of_birth,
            ),
            date_of_birth,
            address: c.text("subject.address", ADDRESS, &s.address),
            postcode: c.text("subject.postcode", optional("Postcode", 10), &s.postcode),
            previous_address: c.text("subject.previous_address", ADDRESS, &s.previous_address),
            previous_postcode: c.text(
                "subject.previous_postcode",
                optional("Postcode", 10),
                &s.previous_postcode,
            ),
        };
        let information_sought = c.text("information_sought", SOUGHT, &self.information_sought);
        let b = &self.basis;
        if b.legal_power.is_none() {
            c.missing(
                "basis.legal_power",
                "A request for personal data must name the legal power it relies on (section \
                 4 of the Arrangement; R8). Choose one.",
            );
        }
        if b.statutory_purpose.is_none() {
            c.missing(
                "basis.statutory_purpose",
                "A request for personal data must name the statutory purpose it serves (5.4 of \
                 the Arrangement; R8). Choose one.",
            );
        }
        let reasons = c.text("basis.reasons", REASONS, &b.reasons);
        if !b.confidentiality_overridden {
            c.missing(
                "basis.confidentiality_overridden",
                "The requester must confirm that the common-law duty of confidentiality can be \
                 overridden in this situation. Tick it only if they do.",
            );
        }
        if !b.privacy_outweighed {
            c.missing(
                "basis.privacy_outweighed",
                "The requester must confirm that the right to privacy (Human Rights Act 1998, \
                 Article 8) has been considered and is outweighed by the public interest. Tick \
                 it only if they do.",
            );
        }
        let signed = c.signature("signed", "The requester", self.signed.as_ref(), today);
        let form = RequestForm {
            requester,
            subject,
            information_sought,
            basis: LegalBasis {
                legal_power: b.legal_power,
                statutory_purpose: b.statutory_purpose,
                reasons,
                confidentiality_overridden: b.confidentiality_overridden,
                privacy_outweighed: b.privacy_outweighed,
            },
            signed,
        };
        (form, c.problems)
    }

    /// Every refusal of the form's rules, for the form to show.
    pub fn problems(&self, today: NaiveDate) -> Vec<FormProblem> {
        self.checked(today).1
    }

    /// The form normalised, or every refusal.
    pub fn clean(&self, today: NaiveDate) -> Result<RequestForm, Vec<FormProblem>> {
        let (form, problems) = self.checked(today);
        if problems.is_empty() {
            Ok(form)
        } else {
            Err(problems)
        }
    }
}

/// Who answers (the form's "Details of contact").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Their name.
    pub name: String,
    /// Their address.
    #[serde(default)]
    pub address: String,
    /// Telephone.
    #[serde(default)]
    pub tel: String,
    /// Work email.
    #[serde(default)]
    pub email: String,
    /// The date of the response (`YYYY-MM-DD`).
    pub date: String,
    /// Our reference.
    #[serde(default)]
    pub reference: String,
    /// To whom it answers.
    #[serde(default)]
    pub to: String,
}

/// The response: the form's second half.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ResponseForm {
    /// Who answers.
    pub contact: Contact,
    /// The response, given for the sole purpose of the request
    /// ([`SOLE_PURPOSE`]).
    pub response: String,
    /// The responder's signature.
    #[serde(default)]
    pub signed: Option<FormSignature>,
}

/// The form's own words (Appendix K): its headings and the two
/// declarations the requester confirms. The PDF prints them; the app's
/// form gets them through the generated bindings (`REQUEST_FORM_WORDS`).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct FormWords {
    /// The heading of the requester's details.
    pub requester: &'static str,
    /// The heading of the subject's details.
    pub subject: &'static str,
    /// The heading of the information sought.
    pub sought: &'static str,
    /// The heading of the legal basis.
    pub basis: &'static str,
    /// The first declaration.
    pub confidentiality: &'static str,
    /// The second declaration.
    pub privacy: &'static str,
    /// The heading of the response.
    pub response: &'static str,
    /// What the form prints at the head of the response.
    pub minimum: &'static str,
    /// The heading of the responder's details.
    pub contact: &'static str,
    /// What the form prints above the response itself.
    pub sole_purpose: &'static str,
    /// The heading of the quality assurance.
    pub quality: &'static str,
    /// What the quality assurance says.
    pub quality_note: &'static str,
    /// The heading of the decision.
    pub decision: &'static str,
}

/// See [`FormWords`].
pub const WORDS: FormWords = FormWords {
    requester: "Details of the organisation requesting information",
    subject: "I am requesting personal information about",
    sought: "The information sought is",
    basis: "I have a legal basis under UK GDPR or the Data Protection Act 2018 and the reasons \
            are",
    confidentiality: "Common law duty of confidentiality – I confirm that the duty of \
                      confidentiality can be overridden in this situation.",
    privacy: "Human Rights Act 1998 Article 8 – right to privacy. The right to privacy of the \
              individual concerned has been considered but the public interest served in \
              disclosing the personal data outweighs the right to privacy.",
    response: "Response to request",
    minimum: MINIMUM_NECESSARY,
    contact: "Details of contact",
    sole_purpose: SOLE_PURPOSE,
    quality: "Quality assurance",
    quality_note: "This form must be quality assured by a named Point Of Contact (POC):",
    decision: "Decision",
};

/// What the form prints above the response.
pub const SOLE_PURPOSE: &str = "The response to your request is detailed below and has been \
    provided for the sole purpose outlined in your request and therefore this information will \
    not be disclosed to a third party and will not be used for any other purpose.";

/// What the form prints at the head of the response.
pub const MINIMUM_NECESSARY: &str = "Disclosure of personal data must be relevant, justified \
    and the minimum amount required for the purpose and compatible with the data protection \
    principles.";

const RESPONSE: TextRule = TextRule::paragraph("The response", 8_000);

impl ResponseForm {
    /// The response normalised, and every refusal of its rules.
    pub fn checked(&self, today: NaiveDate) -> (ResponseForm, Vec<FormProblem>) {
        let mut c = Checker {
            problems: Vec::new(),
        };
        let k = &self.contact;
        let contact = Contact {
            name: c.text(
                "contact.name",
                TextRule::name("Name of the contact", SHORT),
                &k.name,
            ),
            address: c.text("contact.address", ADDRESS, &k.address),
            tel: c.text("contact.tel", optional("Telephone", 40), &k.tel),
            email: c.text("contact.email", optional("Email", 254), &k.email),
            date: c.date("contact.date", "Date of the response", &k.date, today),
            reference: c.text(
                "contact.reference",
                optional("Our reference", 80),
                &k.reference,
            ),
            to: c.text("contact.to", optional("To", SHORT), &k.to),
        };
        let response = c.text("response", RESPONSE, &self.response);
        let signed = c.signature("signed", "The responder", self.signed.as_ref(), today);
        (
            ResponseForm {
                contact,
                response,
                signed,
            },
            c.problems,
        )
    }
}

/// Checks a signature on its own (the quality assurance by a named point
/// of contact): normalised, and every refusal.
pub fn checked_signature(
    s: Option<&FormSignature>,
    who: &str,
    today: NaiveDate,
) -> (Option<FormSignature>, Vec<FormProblem>) {
    let mut c = Checker {
        problems: Vec::new(),
    };
    let s = c.signature("signed", who, s, today);
    (s, c.problems)
}

/// What was decided about a request received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Disclosed in full.
    Full,
    /// Disclosed in part.
    Part,
    /// Refused.
    Refused,
}

impl Decision {
    /// Every value, in display order.
    pub const ALL: &'static [Decision] = &[Decision::Full, Decision::Part, Decision::Refused];

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Decision::Full => "Disclosed in full",
            Decision::Part => "Disclosed in part",
            Decision::Refused => "Refused",
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).expect("date")
    }

    /// A complete request, every rule met.
    pub(crate) fn complete() -> RequestForm {
        RequestForm {
            requester: Requester {
                name: "Severnside Housing Trust".into(),
                address: "1 Wharf Street, Northbrook".into(),
                tel: "01632 960123".into(),
                date: "2026-12-01".into(),
                reference: "SHT/IR/0412".into(),
                to: "Data Protection Officer, Shropshire Council".into(),
            },
            subject: Subject {
                surname: "Marlowe-Quist".into(),
                forenames: "Dana".into(),
                date_of_birth: Some("1988-03-14".into()),
                address: "Flat 3, Tanner's Row, Northbrook".into(),
                postcode: "NB1 4QT".into(),
                ..Subject::default()
            },
            information_sought: "Any record of anti-social behaviour at the address since \
                                 June 2026."
                .into(),
            basis: LegalBasis {
                legal_power: Some(LegalPower::CdaS115),
                statutory_purpose: Some(StatutoryPurpose::AntiSocialBehaviour),
                reasons: "A tenancy enforcement decision is due; the information is needed to \
                          decide it fairly."
                    .into(),
                confidentiality_overridden: true,
                privacy_outweighed: true,
            },
            signed: Some(FormSignature {
                name: "Hollis Renwick".into(),
                rank: "Tenancy Enforcement Manager".into(),
                date: "2026-12-01".into(),
                strokes: vec![vec![
                    Point(100, 200, 0),
                    Point(300, 150, 40),
                    Point(500, 220, 90),
                ]],
            }),
        }
    }

    #[test]
    fn a_complete_request_passes_and_is_normalised() {
        let mut form = complete();
        form.subject.surname = "  Marlowe-Quist ".into();
        let cleaned = form.clean(today()).expect("complete");
        assert_eq!(cleaned.subject.surname, "Marlowe-Quist");
        assert!(form.problems(today()).is_empty());
    }

    /// Each way to fall short, alone, and the field it is refused under.
    #[test]
    fn every_refusal_names_its_field() {
        type Change = Box<dyn Fn(&mut RequestForm)>;
        let cases: Vec<(&str, Change, &str)> = vec![
            (
                "no legal power",
                Box::new(|f| f.basis.legal_power = None),
                "basis.legal_power",
            ),
            (
                "no statutory purpose",
                Box::new(|f| f.basis.statutory_purpose = None),
                "basis.statutory_purpose",
            ),
            (
                "confidentiality not confirmed",
                Box::new(|f| f.basis.confidentiality_overridden = false),
                "basis.confidentiality_overridden",
            ),
            (
                "privacy not confirmed",
                Box::new(|f| f.basis.privacy_outweighed = false),
                "basis.privacy_outweighed",
            ),
            ("not signed", Box::new(|f| f.signed = None), "signed"),
            (
                "signature not drawn",
                Box::new(|f| {
                    if let Some(s) = &mut f.signed {
                        s.strokes.clear();
                    }
                }),
                "signed.strokes",
            ),
            (
                "signed in the future",
                Box::new(|f| {
                    if let Some(s) = &mut f.signed {
                        s.date = "2027-01-01".into();
                    }
                }),
                "signed.date",
            ),
            (
                "no rank",
                Box::new(|f| {
                    if let Some(s) = &mut f.signed {
                        s.rank = " ".into();
                    }
                }),
                "signed.rank",
            ),
            (
                "no reasons",
                Box::new(|f| f.basis.reasons = String::new()),
                "basis.reasons",
            ),
            (
                "nothing sought",
                Box::new(|f| f.information_sought = "  ".into()),
                "information_sought",
            ),
            (
                "no surname",
                Box::new(|f| f.subject.surname = String::new()),
                "subject.surname",
            ),
            (
                "no organisation",
                Box::new(|f| f.requester.name = String::new()),
                "requester.name",
            ),
            (
                "not a date",
                Box::new(|f| f.requester.date = "1/12/26".into()),
                "requester.date",
            ),
            (
                "born tomorrow",
                Box::new(|f| f.subject.date_of_birth = Some("2026-12-03".into())),
                "subject.date_of_birth",
            ),
        ];
        for (what, change, field) in cases {
            let mut form = complete();
            change(&mut form);
            let problems = form.problems(today());
            let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
            assert_eq!(fields, [field], "{what}: {problems:?}");
            // Only a wrong date is wrong; the rest is not given yet.
            let wrong = ["signed in the future", "not a date", "born tomorrow"].contains(&what);
            assert_eq!(problems[0].missing, !wrong, "{what}");
            assert_eq!(form.clean(today()).expect_err(what), problems, "{what}");
        }
        // A blank form says everything at once.
        let blank = RequestForm::default().problems(today());
        for field in [
            "requester.name",
            "subject.surname",
            "information_sought",
            "basis.legal_power",
            "basis.statutory_purpose",
            "basis.confidentiality_overridden",
            "basis.privacy_outweighed",
            "signed",
        ] {
            assert!(blank.iter().any(|p| p.field == field), "{field}: {blank:?}");
        }
    }

    #[test]
    fn a_response_needs_its_contact_its_words_and_a_signature() {
        let signature = complete().signed;
        let response = ResponseForm {
            contact: Contact {
                name: "Ines Calloway".into(),
                date: "2026-12-02".into(),
                ..Contact::default()
            },
            response: "One report of noise in July; no other record.".into(),
            signed: signature.clone(),
        };
        assert!(response.checked(today()).1.is_empty());
        let unsigned = ResponseForm {
            signed: None,
            response: String::new(),
            ..response
        };
        let fields: Vec<String> = unsigned
            .checked(today())
            .1
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, ["response", "signed"]);
        // Quality assurance is a signature alone.
        assert!(
            checked_signature(signature.as_ref(), "The point of contact", today())
                .1
                .is_empty()
        );
        let (_, missing) = checked_signature(None, "The point of contact", today());
        assert!(
            missing[0]
                .message
                .starts_with("The point of contact must sign it")
        );
    }
}
