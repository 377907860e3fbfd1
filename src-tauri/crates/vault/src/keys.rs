//! Keys and the two wraps of the vault key.
//!
//! The vault key is an age X25519 identity. It is stored twice, each time as
//! a plain age file whose plaintext is the identity's `AGE-SECRET-KEY-1...`
//! string: once to the passphrase (age's scrypt recipient, at the work factor
//! written in the header) and once to the recovery recipient, whose secret is
//! shown to the chair once, at creation. Either wrap therefore opens with the
//! standard `age` tool, and the unwrapped identity decrypts every other part.

use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;

use crate::error::{Error, Result};

/// Smallest scrypt work factor (log2 N) accepted. Tests use low factors.
pub const MIN_WORK_FACTOR: u8 = 1;
/// Largest scrypt work factor accepted, whatever a file asks for: 2^22 needs
/// 4 GiB of memory, and beyond that a hostile file could stall the machine.
pub const MAX_WORK_FACTOR: u8 = 22;
/// The production work factor: about 0.7 s on a 2-core laptop of 2026.
pub const DEFAULT_WORK_FACTOR: u8 = 18;
/// Shortest passphrase accepted when one is set.
pub const MIN_PASSPHRASE_CHARS: usize = 10;
/// Longest passphrase accepted (a bound on input, not a policy).
pub const MAX_PASSPHRASE_CHARS: usize = 1024;

/// A passphrase typed by the chair. Never printed, zeroed on drop.
pub struct Passphrase(SecretString);

impl Passphrase {
    /// Wraps a passphrase as typed.
    pub fn new(text: impl Into<String>) -> Self {
        Passphrase(SecretString::from(text.into()))
    }

    /// Checks that a new passphrase is long enough to protect the vault.
    pub fn check_new(&self) -> Result<()> {
        let chars = self.0.expose_secret().chars().count();
        if chars < MIN_PASSPHRASE_CHARS {
            return Err(Error::WeakPassphrase(
                "The passphrase must be at least 10 characters long. A short sentence you can \
                 remember works well.",
            ));
        }
        if chars > MAX_PASSPHRASE_CHARS {
            return Err(Error::WeakPassphrase(
                "The passphrase must be at most 1,024 characters long.",
            ));
        }
        Ok(())
    }

    pub(crate) fn expose_for_clone(&self) -> &SecretString {
        &self.0
    }

    fn secret(&self) -> SecretString {
        SecretString::from(self.0.expose_secret().to_owned())
    }
}

/// The recovery secret: an age X25519 secret key (`AGE-SECRET-KEY-1...`),
/// shown once at creation for the Designated Person's recovery sheet.
pub struct RecoverySecret(SecretString);

impl RecoverySecret {
    /// Reads a recovery secret from the text of a recovery sheet or key file:
    /// comment lines starting with `#` and blank lines are ignored.
    pub fn parse(text: &str) -> Result<Self> {
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .ok_or(Error::WrongRecoverySecretOrDamaged)?;
        let upper = line.to_ascii_uppercase();
        x25519::Identity::from_str(&upper).map_err(|_| Error::WrongRecoverySecretOrDamaged)?;
        Ok(RecoverySecret(SecretString::from(upper)))
    }

    /// The secret as text, to show once or write to the recovery sheet.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    pub(crate) fn generate() -> (Self, x25519::Recipient) {
        let id = x25519::Identity::generate();
        let recipient = id.to_public();
        (RecoverySecret(id.to_string()), recipient)
    }

    fn identity(&self) -> Result<x25519::Identity> {
        x25519::Identity::from_str(self.0.expose_secret())
            .map_err(|_| Error::WrongRecoverySecretOrDamaged)
    }
}

/// The vault key: decrypts the snapshot and the journal.
pub(crate) struct VaultKey {
    identity: x25519::Identity,
    recipient: x25519::Recipient,
}

impl VaultKey {
    pub(crate) fn generate() -> Self {
        Self::from_identity(x25519::Identity::generate())
    }

    fn from_identity(identity: x25519::Identity) -> Self {
        let recipient = identity.to_public();
        VaultKey {
            identity,
            recipient,
        }
    }

    /// Encrypts one blob (a snapshot part or a journal entry) to this key.
    pub(crate) fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>> {
        age::encrypt(&self.recipient, plaintext).map_err(|e| Error::Io(e.to_string()))
    }

    /// Decrypts one blob sealed to this key; `part` names it in the error.
    pub(crate) fn open(&self, ciphertext: &[u8], part: crate::Part) -> Result<Vec<u8>> {
        age::decrypt(&self.identity, ciphertext).map_err(|_| Error::Damaged(part))
    }

    /// The length of the plaintext sealed in `ciphertext`, which is
    /// `ciphertext_len` bytes long, from the age format alone: the header is
    /// parsed (only it is read) and the payload is a 16-byte nonce and then
    /// chunks of 64 KiB, the last one shorter, each with a 16-byte tag.
    /// Nothing is authenticated here; [`VaultKey::open_into`] is, and fails
    /// if the length was wrong.
    pub(crate) fn sealed_len(
        ciphertext: impl std::io::Read,
        ciphertext_len: usize,
        part: crate::Part,
    ) -> Result<usize> {
        const CHUNK: usize = 64 * 1024;
        const TAG: usize = 16;
        let mut counted = Counted {
            inner: ciphertext,
            bytes: 0,
        };
        // Reads exactly the header and the nonce, no further.
        drop(age::Decryptor::new(&mut counted).map_err(|_| Error::Damaged(part))?);
        let payload = ciphertext_len
            .checked_sub(counted.bytes)
            .filter(|&n| n > 0)
            .ok_or(Error::Damaged(part))?;
        let chunks = payload.div_ceil(CHUNK + TAG);
        payload
            .checked_sub(chunks * TAG)
            .ok_or(Error::Damaged(part))
    }

    /// Decrypts `ciphertext` into `out`, which must be exactly as long as
    /// its plaintext (see [`VaultKey::sealed_len`]), authenticating all of it.
    pub(crate) fn open_into(
        &self,
        ciphertext: impl std::io::BufRead,
        out: &mut [u8],
        part: crate::Part,
    ) -> Result<()> {
        use std::io::Read;
        let damaged = || Error::Damaged(part);
        let mut reader = age::Decryptor::new_buffered(ciphertext)
            .map_err(|_| damaged())?
            .decrypt(std::iter::once(&self.identity as &dyn age::Identity))
            .map_err(|_| damaged())?;
        reader.read_exact(out).map_err(|_| damaged())?;
        // Nothing may follow (reading on also checks the end of the stream).
        match reader.read(&mut [0u8; 1]).map_err(|_| damaged())? {
            0 => Ok(()),
            _ => Err(damaged()),
        }
    }

    /// The passphrase wrap: the identity string encrypted with scrypt.
    pub(crate) fn wrap_passphrase(
        &self,
        passphrase: &Passphrase,
        work_factor: u8,
    ) -> Result<Vec<u8>> {
        check_work_factor(work_factor)?;
        let mut recipient = age::scrypt::Recipient::new(passphrase.secret());
        recipient.set_work_factor(work_factor);
        age::encrypt(
            &recipient,
            self.identity.to_string().expose_secret().as_bytes(),
        )
        .map_err(|e| Error::Io(e.to_string()))
    }

    /// The recovery wrap: the identity string encrypted to the recovery recipient.
    pub(crate) fn wrap_recovery(&self, recovery: &x25519::Recipient) -> Result<Vec<u8>> {
        age::encrypt(
            recovery,
            self.identity.to_string().expose_secret().as_bytes(),
        )
        .map_err(|e| Error::Io(e.to_string()))
    }

    /// Unwraps the passphrase wrap. `work_factor` is the header's value, which
    /// also caps what the wrap itself may demand.
    pub(crate) fn unwrap_passphrase(
        wrapped: &[u8],
        passphrase: &Passphrase,
        work_factor: u8,
    ) -> Result<Self> {
        check_work_factor(work_factor).map_err(|_| Error::Damaged(crate::Part::Header))?;
        let mut identity = age::scrypt::Identity::new(passphrase.secret());
        identity.set_max_work_factor(work_factor);
        let plain =
            age::decrypt(&identity, wrapped).map_err(|_| Error::WrongPassphraseOrDamaged)?;
        Self::parse(plain, Error::WrongPassphraseOrDamaged)
    }

    /// Unwraps the recovery wrap with the recovery secret.
    pub(crate) fn unwrap_recovery(wrapped: &[u8], secret: &RecoverySecret) -> Result<Self> {
        let plain = age::decrypt(&secret.identity()?, wrapped)
            .map_err(|_| Error::WrongRecoverySecretOrDamaged)?;
        Self::parse(plain, Error::WrongRecoverySecretOrDamaged)
    }

    fn parse(plain: Vec<u8>, err: Error) -> Result<Self> {
        let text = zeroize::Zeroizing::new(plain);
        let s = std::str::from_utf8(&text).map_err(|_| Error::Damaged(crate::Part::KeyWrap))?;
        let id = x25519::Identity::from_str(s.trim()).map_err(|_| err)?;
        Ok(Self::from_identity(id))
    }
}

/// Refuses work factors outside [`MIN_WORK_FACTOR`]..=[`MAX_WORK_FACTOR`].
pub fn check_work_factor(asked: u8) -> Result<()> {
    if (MIN_WORK_FACTOR..=MAX_WORK_FACTOR).contains(&asked) {
        Ok(())
    } else {
        Err(Error::WorkFactorOutOfRange {
            asked,
            min: MIN_WORK_FACTOR,
            max: MAX_WORK_FACTOR,
        })
    }
}

/// Parses a recovery recipient (`age1...`) stored in the header.
pub(crate) fn parse_recipient(text: &str) -> Result<x25519::Recipient> {
    x25519::Recipient::from_str(text).map_err(|_| Error::Damaged(crate::Part::Header))
}

/// A reader that counts what it hands out.
struct Counted<R> {
    inner: R,
    bytes: usize,
}

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n;
        Ok(n)
    }
}
