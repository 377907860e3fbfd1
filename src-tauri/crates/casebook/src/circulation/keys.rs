//! Secure inbox keys: the age public key (`age1…`) an agency, or one
//! person, gives for receiving copies of minutes. Checked when entered;
//! copies are encrypted to it with the age format, which the recipient
//! opens with the standard `age` tool.

use std::str::FromStr;

use crate::error::{
    Error, Result,
    rusqlite::{OptionalExtension, Transaction, params},
};

/// The field's name in messages.
pub const FIELD: &str = "Secure inbox key";

/// Checks a typed key: empty clears it; otherwise one age X25519 public key
/// (`age1` and 58 more characters), spaces around it ignored.
pub fn clean(input: Option<&str>) -> Result<Option<String>> {
    let Some(text) = input.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.starts_with("AGE-SECRET-KEY-") {
        return Err(Error::invalid(
            FIELD,
            "is a secret key. Never type a secret key here: ask the agency for its public key \
             (it starts age1), and tell them their secret key has been seen.",
        ));
    }
    if !text.starts_with("age1") {
        return Err(Error::invalid(
            FIELD,
            "must be an age public key, which starts age1. Ask the agency's Designated Person \
             for their secure inbox's age public key.",
        ));
    }
    if text.len() > 100 || age::x25519::Recipient::from_str(text).is_err() {
        return Err(Error::invalid(
            FIELD,
            "is not a whole age public key (age1 followed by 58 letters and digits); a \
             character may be missing or mistyped. Copy it again from the agency's message.",
        ));
    }
    Ok(Some(text.to_owned()))
}

/// Which record holds a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// An agency.
    Agency(i64),
    /// A person.
    Person(i64),
}

/// Sets (or, with `None`, clears) a holder's key, already [`clean`]ed.
pub(crate) fn set(
    tx: &Transaction<'_>,
    holder: Holder,
    key: Option<&str>,
    now: &str,
) -> Result<()> {
    let (sql, id, what) = match holder {
        Holder::Agency(id) => (
            "UPDATE agency SET inbox_key = ?2, updated_at = ?3 WHERE id = ?1",
            id,
            "agency",
        ),
        Holder::Person(id) => (
            "UPDATE person SET inbox_key = ?2, updated_at = ?3 WHERE id = ?1",
            id,
            "person",
        ),
    };
    if tx.execute(sql, params![id, key, now])? == 0 {
        return Err(Error::NotFound(what));
    }
    Ok(())
}

/// Where a copy for a person is encrypted to: their own key, else their
/// agency's; with which of the two it is.
pub(crate) fn for_person(
    tx: &crate::error::rusqlite::Connection,
    person_id: i64,
) -> Result<Option<(String, KeySource)>> {
    let keys: Option<(Option<String>, Option<String>)> = tx
        .query_row(
            "SELECT p.inbox_key, a.inbox_key FROM person p JOIN agency a ON a.id = p.agency_id
             WHERE p.id = ?1",
            [person_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (own, agency) = keys.ok_or(Error::NotFound("person"))?;
    Ok(match (own, agency) {
        (Some(k), _) => Some((k, KeySource::Person)),
        (None, Some(k)) => Some((k, KeySource::Agency)),
        (None, None) => None,
    })
}

/// Whose key a copy is encrypted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum KeySource {
    /// The recipient's own.
    Person,
    /// Their agency's secure inbox.
    Agency,
}

impl KeySource {
    /// Every value, in display order.
    pub const ALL: &'static [KeySource] = &[KeySource::Person, KeySource::Agency];

    /// How a copy encrypted to it goes, as a person reads it.
    pub fn label(self) -> &'static str {
        match self {
            KeySource::Person => "Encrypted to their own key",
            KeySource::Agency => "Encrypted to their agency's key",
        }
    }
}

/// Encrypts `plaintext` to `key` (a key [`clean`] accepted) in the age
/// format, binary (not armoured).
pub(crate) fn encrypt(key: &str, plaintext: &[u8]) -> Result<Vec<u8>> {
    let recipient = age::x25519::Recipient::from_str(key)
        .map_err(|_| Error::Internal("stored inbox key".into()))?;
    age::encrypt(&recipient, plaintext).map_err(|_| Error::Internal("age encryption".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_checked_when_entered() {
        let identity = age::x25519::Identity::generate();
        let public = identity.to_public().to_string();
        assert_eq!(
            clean(Some(&format!("  {public}\n"))).expect("ok"),
            Some(public.clone())
        );
        assert_eq!(clean(Some("   ")).expect("cleared"), None);
        assert_eq!(clean(None).expect("none"), None);
        let cut = &public[..public.len() - 1];
        for (bad, says) in [
            (cut, "not a whole age public key"),
            ("ssh-ed25519 AAAA", "must be an age public key"),
            (
                "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ",
                "is a secret key",
            ),
        ] {
            let e = clean(Some(bad)).expect_err(bad);
            assert!(e.to_string().contains(says), "{bad}: {e}");
            assert!(!e.to_string().contains(bad), "the key is not echoed: {e}");
        }
    }

    #[test]
    fn what_is_encrypted_opens_with_the_matching_identity_only() {
        let identity = age::x25519::Identity::generate();
        let sealed = encrypt(&identity.to_public().to_string(), b"%PDF-1.7 words").expect("enc");
        assert!(!sealed.windows(5).any(|w| w == b"words"));
        assert_eq!(
            age::decrypt(&identity, &sealed).expect("dec"),
            b"%PDF-1.7 words"
        );
        let other = age::x25519::Identity::generate();
        assert!(age::decrypt(&other, &sealed).is_err());
    }
}
