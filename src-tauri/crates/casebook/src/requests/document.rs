//! The request form as a document for the renderer ([`minutes_pdf`]): both
//! halves in the order Appendix K gives them — the organisation asking,
//! the person it is about, the information sought, the legal basis with
//! the two declarations, the requester's signature; then the response with
//! the contact's details, the point of contact's quality assurance, and
//! the decision. Marked OFFICIAL-SENSITIVE PERSONAL DATA on every page (the
//! seed's "RESTRICTED (when completed)" is a retired marking and is not
//! used).

use minutes_pdf::{Block, Document, KeyValue, Marking, Signature, Span};

use super::form::{Decision, FormSignature, RequestForm, ResponseForm, WORDS};
use crate::minutes::document::{PAD, long_date};

/// The form's closing statement.
pub const STATUTORY_FRAMEWORK: &str = "All information exchanged will only be so exchanged \
    within the statutory framework of the Information Sharing Arrangement and should be \
    obtained, held, retained and disposed of in a fair, lawful, secure and appropriate manner in \
    accordance with the Data Protection Act 2018 and the retention and disposal policies of the \
    partners.";

/// What a document of a request holds beyond the request itself.
pub struct RequestPrint<'a> {
    /// The request's record id, in the document id (`TV-IR-0042`).
    pub id: i64,
    /// The response, once written.
    pub response: Option<&'a ResponseForm>,
    /// The point of contact's quality assurance, once signed.
    pub quality_assured: Option<&'a FormSignature>,
    /// The decision and its reasons, once made.
    pub decision: Option<(Decision, &'a str)>,
    /// When the document is made (RFC 3339, UTC).
    pub at: &'a str,
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".to_owned()
    } else {
        s.to_owned()
    }
}

fn day_or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".to_owned()
    } else {
        long_date(s)
    }
}

fn signature(label: &str, s: Option<&FormSignature>) -> Block {
    match s {
        Some(s) => Block::Signature(Signature {
            label: label.to_owned(),
            caption: vec![
                s.name.clone(),
                s.rank.clone(),
                format!("Signed {}", day_or_dash(&s.date)),
            ],
            pad: PAD,
            strokes: s
                .strokes
                .iter()
                .map(|st| {
                    st.iter()
                        .map(|p| [f32::from(p.0), f32::from(p.1)])
                        .collect()
                })
                .collect(),
        }),
        None => Block::paragraph(label, "Not signed."),
    }
}

fn confirmed(label: &str, yes: bool, text: &str) -> Block {
    Block::Paragraph {
        label: label.to_owned(),
        spans: vec![
            Span::bold(if yes {
                "Confirmed: "
            } else {
                "Not confirmed: "
            }),
            Span::plain(text),
        ],
    }
}

/// The document of a request, as far as it has got.
pub fn document(form: &RequestForm, print: &RequestPrint<'_>) -> Document {
    let r = &form.requester;
    let s = &form.subject;
    let b = &form.basis;
    let mut blocks = vec![
        Block::heading(
            "requester",
            1,
            "Details of the organisation requesting information",
        ),
        Block::KeyValues {
            label: "the requester's details".into(),
            pairs: vec![
                KeyValue::new("Name", or_dash(&r.name)),
                KeyValue::new("Address", or_dash(&r.address)),
                KeyValue::new("Tel", or_dash(&r.tel)),
                KeyValue::new("Date", day_or_dash(&r.date)),
                KeyValue::new("Their ref", or_dash(&r.reference)),
                KeyValue::new("To", or_dash(&r.to)),
            ],
        },
        Block::heading("subject", 1, WORDS.subject),
        Block::KeyValues {
            label: "the subject's details".into(),
            pairs: vec![
                KeyValue::new("Surname", or_dash(&s.surname)),
                KeyValue::new("All previous surnames", or_dash(&s.previous_surnames)),
                KeyValue::new("Also known as", or_dash(&s.also_known_as)),
                KeyValue::new("Forename(s)", or_dash(&s.forenames)),
                KeyValue::new("Place of birth", or_dash(&s.place_of_birth)),
                KeyValue::new(
                    "Date of birth",
                    day_or_dash(s.date_of_birth.as_deref().unwrap_or("")),
                ),
                KeyValue::new("Full present address", or_dash(&s.address)),
                KeyValue::new("Postcode", or_dash(&s.postcode)),
                KeyValue::new("Previous address", or_dash(&s.previous_address)),
                KeyValue::new("Previous postcode", or_dash(&s.previous_postcode)),
            ],
        },
        Block::heading("sought", 1, WORDS.sought),
        Block::paragraph("the information sought", or_dash(&form.information_sought)),
        Block::heading("basis", 1, WORDS.basis),
        Block::KeyValues {
            label: "the legal basis".into(),
            pairs: vec![
                KeyValue::new(
                    "Legal power",
                    b.legal_power
                        .map_or("Not given".to_owned(), |p| p.label().to_owned()),
                ),
                KeyValue::new(
                    "Statutory purpose",
                    b.statutory_purpose
                        .map_or("Not given".to_owned(), |p| p.label().to_owned()),
                ),
            ],
        },
        Block::paragraph("the reasons", or_dash(&b.reasons)),
        confirmed(
            "the duty of confidence",
            b.confidentiality_overridden,
            WORDS.confidentiality,
        ),
        confirmed("Article 8", b.privacy_outweighed, WORDS.privacy),
        Block::heading("requester signed", 2, "Signed by the requester"),
        signature("the requester's signature", form.signed.as_ref()),
        Block::heading("response", 1, WORDS.response),
        Block::notice("the minimum necessary", WORDS.minimum),
    ];
    match print.response {
        Some(resp) => {
            let k = &resp.contact;
            blocks.push(Block::KeyValues {
                label: "the contact's details".into(),
                pairs: vec![
                    KeyValue::new("Name", or_dash(&k.name)),
                    KeyValue::new("Address", or_dash(&k.address)),
                    KeyValue::new("Tel", or_dash(&k.tel)),
                    KeyValue::new("Email", or_dash(&k.email)),
                    KeyValue::new("Date", day_or_dash(&k.date)),
                    KeyValue::new("Our ref", or_dash(&k.reference)),
                    KeyValue::new("To", or_dash(&k.to)),
                ],
            });
            blocks.push(Block::paragraph("the sole purpose", WORDS.sole_purpose));
            blocks.push(Block::paragraph("the response", or_dash(&resp.response)));
            blocks.push(Block::heading(
                "responder signed",
                2,
                "Signed by the responder",
            ));
            blocks.push(signature("the responder's signature", resp.signed.as_ref()));
        }
        None => blocks.push(Block::paragraph("the response", "Not yet answered.")),
    }
    blocks.push(Block::heading("quality", 1, WORDS.quality));
    blocks.push(Block::paragraph("quality assurance", WORDS.quality_note));
    blocks.push(signature(
        "the point of contact's signature",
        print.quality_assured,
    ));
    blocks.push(Block::heading("decision", 1, WORDS.decision));
    blocks.push(match print.decision {
        Some((d, reasons)) => Block::KeyValues {
            label: "the decision".into(),
            pairs: vec![
                KeyValue::new("Decision", d.label()),
                KeyValue::new("Reasons", or_dash(reasons)),
            ],
        },
        None => Block::paragraph("the decision", "Not yet decided."),
    });
    blocks.push(Block::notice(
        "the statutory framework",
        STATUTORY_FRAMEWORK,
    ));
    Document {
        id: format!("TV-IR-{:04}", print.id),
        title: "Request for information".into(),
        subtitle: vec![
            "Made to or by other agencies (Information Sharing Arrangement, Appendix K)".into(),
        ],
        date: day_or_dash(&r.date),
        version: "Form".into(),
        timestamp: print.at.to_owned(),
        marking: Marking {
            classification: "OFFICIAL-SENSITIVE".into(),
            handling: None,
            descriptor: Some("PERSONAL DATA".into()),
        },
        draft_banner: None,
        issued_copy: None,
        copy_tag: None,
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requests::form::Contact;

    #[test]
    fn both_halves_print_in_the_forms_order_and_every_page_is_marked() {
        let form = crate::requests::form::tests::complete();
        let response = ResponseForm {
            contact: Contact {
                name: "Ines Calloway".into(),
                date: "2026-12-02".into(),
                reference: "SC/DPO/0093".into(),
                ..Contact::default()
            },
            response: "One report of noise at the address in July 2026; no other record.".into(),
            signed: form.signed.clone(),
        };
        let doc = document(
            &form,
            &RequestPrint {
                id: 42,
                response: Some(&response),
                quality_assured: form.signed.as_ref(),
                decision: Some((Decision::Part, "Only what bears on the tenancy.")),
                at: "2026-12-02T15:00:00Z",
            },
        );
        let bytes = minutes_pdf::render(&doc).expect("renders");
        assert!(bytes.starts_with(b"%PDF-"));
        if let Some(keep) = std::env::var_os("REQUEST_FORM_KEEP") {
            // To look at the pages: REQUEST_FORM_KEEP=FILE.pdf cargo test.
            std::fs::write(keep, &bytes).expect("kept");
        }
        if std::process::Command::new("pdftotext")
            .arg("-v")
            .output()
            .is_err()
        {
            eprintln!("!! SKIPPED the text check: pdftotext is not installed");
            return;
        }
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("form.pdf");
        std::fs::write(&path, &bytes).expect("written");
        let out = std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext");
        let text = String::from_utf8(out.stdout).expect("utf-8");
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert!(pages.len() >= 2, "two halves");
        for page in &pages {
            assert!(page.contains("OFFICIAL-SENSITIVE PERSONAL DATA"), "{page}");
            assert!(!page.contains("RESTRICTED"), "{page}");
        }
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut at = 0;
        for part in [
            "Details of the organisation requesting information",
            "Severnside Housing Trust",
            "Marlowe-Quist",
            "The information sought is",
            "Crime and Disorder Act 1998, section 115",
            "Confirmed: Common law duty of confidentiality",
            "Confirmed: Human Rights Act 1998 Article 8",
            "Hollis Renwick",
            "Response to request",
            "Ines Calloway",
            "for the sole purpose outlined in your request",
            "One report of noise",
            "Quality assurance",
            "Disclosed in part",
            "Only what bears on the tenancy.",
        ] {
            let found = flat[at..]
                .find(part)
                .unwrap_or_else(|| panic!("{part:?} not after position {at}:\n{flat}"));
            at += found + part.len();
        }
    }
}
