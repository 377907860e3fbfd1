//! The confidentiality agreement and its register through the public API of
//! `Casebook`: versions, what a signature keeps, withdrawal, the audit
//! trail, and `verify` catching an altered entry.

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod common;

use std::path::Path;

use casebook::agreements::{DEFAULT_TEXT, sha256_hex};
use casebook::{
    Actor, Casebook, DeclineInput, Outcome, PersonInput, SignInput, SignMethod, Signer, audit,
};
use common::{Fixed, create, drawn, group, meeting_input, officer};

const PASS: &str = "signing test passphrase";

/// A vault with a meeting of two invited people.
fn meeting(dir: &Path) -> (Casebook, i64, [i64; 2]) {
    let mut book = create(
        &dir.join("s.tvault"),
        PASS,
        Fixed::at("2026-12-02T10:04:00Z"),
        Actor::Chair,
    );
    let group = group(&mut book, "Larkfield Bronze Tasking Group");
    let people = [
        officer(&mut book, "Odile Marchbank", 1),
        officer(&mut book, "Tobias Wrenshaw", 2),
    ];
    let page = book
        .plan_meeting(
            &meeting_input(group, "2026-12-02", "Larkfield Library"),
            &people,
        )
        .unwrap();
    (book, page.meeting.id, people)
}

#[test]
fn a_signature_keeps_the_version_it_signed_and_a_new_version_is_signed_after() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, meeting, [odile, tobias]) = meeting(dir.path());

    let v1 = book.agreement().unwrap();
    assert_eq!((v1.version, v1.text.as_str()), (1, DEFAULT_TEXT));
    assert_eq!(v1.sha256, sha256_hex(DEFAULT_TEXT));
    let first = book.sign(meeting, &drawn(odile)).unwrap();
    assert_eq!(
        (first.agreement_version, &first.agreement_sha256),
        (1, &v1.sha256)
    );

    // Editing makes version 2; the same text again is refused.
    let text = format!("{DEFAULT_TEXT}\n\n6. Phones stay face down during case discussion.");
    let v2 = book.update_agreement(&text).unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(v2.sha256, sha256_hex(&text));
    assert_eq!(book.update_agreement(&text).unwrap_err().code(), "conflict");
    assert_eq!(
        book.agreement_versions()
            .unwrap()
            .iter()
            .map(|a| a.version)
            .collect::<Vec<_>>(),
        [2, 1]
    );

    // The earlier signature still points at version 1; a new one at 2.
    let second = book.sign(meeting, &drawn(tobias)).unwrap();
    assert_eq!(
        (second.agreement_version, &second.agreement_sha256),
        (2, &v2.sha256)
    );
    let register = book.meeting_page(meeting).unwrap().register;
    assert_eq!(
        register
            .iter()
            .map(|s| (s.name.as_str(), s.agreement_version))
            .collect::<Vec<_>>(),
        [("Odile Marchbank", 1), ("Tobias Wrenshaw", 2)]
    );
    // The kiosk shows the current version.
    assert_eq!(book.kiosk_view(meeting).unwrap().agreement.version, 2);
}

#[test]
fn withdrawal_keeps_both_and_lets_the_person_sign_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, meeting, [odile, _]) = meeting(dir.path());
    let declined = book
        .decline(
            meeting,
            &DeclineInput {
                signer: Signer {
                    person_id: Some(odile),
                    newcomer: None,
                },
                reason: "Pressed the wrong button".into(),
            },
        )
        .unwrap();
    assert_eq!(declined.outcome, Outcome::Declined);
    assert_eq!(
        book.sign(meeting, &drawn(odile)).unwrap_err().code(),
        "conflict"
    );
    assert_eq!(
        book.withdraw_signature(declined.id, "  ")
            .unwrap_err()
            .to_string(),
        "Reason for withdrawing: must not be empty. Please fill it in."
    );
    let withdrawn = book
        .withdraw_signature(declined.id, "Declined by mistake; signed after")
        .unwrap();
    assert!(withdrawn.withdrawn_at.is_some());
    // The withdrawal is not part of the digest: the entry still verifies.
    assert_eq!(withdrawn.digest, declined.digest);
    let signed = book.sign(meeting, &drawn(odile)).unwrap();
    let register = book.meeting_page(meeting).unwrap().register;
    assert_eq!(
        register
            .iter()
            .map(|s| (s.id, s.outcome, s.withdrawn_at.is_some()))
            .collect::<Vec<_>>(),
        [
            (declined.id, Outcome::Declined, true),
            (signed.id, Outcome::Drawn, false)
        ]
    );
    assert_eq!(book.verify().unwrap().signatures, 2);
    // Each step is in the audit trail.
    let mut actions: Vec<String> = audit::recent(book.vault().db(), 100)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .filter(|a| a.starts_with("signature."))
        .collect();
    actions.reverse();
    assert_eq!(
        actions,
        ["signature.decline", "signature.withdraw", "signature.sign"]
    );
}

#[test]
fn verify_finds_an_altered_entry() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, meeting, [odile, tobias]) = meeting(dir.path());
    book.sign(meeting, &drawn(odile)).unwrap();
    let second = book.sign(meeting, &drawn(tobias)).unwrap();
    assert_eq!(book.verify().unwrap().signatures, 2);
    // One coordinate moved, bypassing the rules (as an edit of the file
    // would): the digest no longer matches.
    book.change_raw(|tx, _| {
        let blob: Vec<u8> = tx.query_row(
            "SELECT strokes FROM signature WHERE id = ?1",
            [second.id],
            |r| r.get(0),
        )?;
        let mut strokes = casebook::signatures::decode_strokes(&blob).unwrap();
        strokes[0][1].0 += 1;
        tx.execute(
            "UPDATE signature SET strokes = ?2 WHERE id = ?1",
            (second.id, casebook::signatures::encode_strokes(&strokes)),
        )?;
        Ok(((), vec![]))
    })
    .unwrap();
    let err = book.verify().unwrap_err();
    assert_eq!(err.code(), "signature_digest_mismatch");
    assert!(
        err.to_string()
            .contains(&format!("Signature record {}", second.id))
    );
}

#[test]
fn someone_not_on_the_list_who_is_already_known_is_not_added_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (mut book, meeting, [odile, _]) = meeting(dir.path());
    let known = book
        .add_person(&PersonInput {
            name: "Piran Ashgrove".into(),
            agency_id: 3,
            role: "Safeguarding Nurse".into(),
            email: None,
        })
        .unwrap()
        .id;
    let people_before = book.people(true).unwrap().len();
    let newcomer = |name: &str, agency_id: i64| SignInput {
        signer: Signer {
            person_id: None,
            newcomer: Some(PersonInput {
                name: name.into(),
                agency_id,
                role: "Nurse".into(),
                email: None,
            }),
        },
        method: SignMethod::Typed,
        strokes: vec![],
        typed_name: Some(name.into()),
    };
    // Known by name (any case) and agency: invited and signs as themselves.
    let signed = book.sign(meeting, &newcomer("piran ashgrove", 3)).unwrap();
    assert_eq!(signed.person_id, known);
    assert_eq!(signed.name, "Piran Ashgrove");
    assert_eq!(book.people(true).unwrap().len(), people_before);
    assert!(
        book.meeting_page(meeting)
            .unwrap()
            .invitations
            .iter()
            .any(|i| i.person_id == known)
    );
    // Already on the list and signed: refused, not duplicated.
    book.sign(meeting, &drawn(odile)).unwrap();
    assert_eq!(
        book.sign(meeting, &newcomer("Odile Marchbank", 1))
            .unwrap_err()
            .code(),
        "conflict"
    );
    // The same name at another agency is another person.
    let other = book.sign(meeting, &newcomer("Piran Ashgrove", 6)).unwrap();
    assert_ne!(other.person_id, known);
    assert_eq!(book.people(true).unwrap().len(), people_before + 1);
}
