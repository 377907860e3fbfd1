//! The demo vault of invented data that the app opens in demo mode. Every
//! name here is invented; the partner agencies are the Arrangement's own
//! (organisations, not people).

use crate::{AgencyInput, Casebook, Result};

/// The demo vault's passphrase. Printed by `tasking-vault-cli demo` and shown
/// on the unlock screen in demo mode only. It protects invented data.
pub const DEMO_PASSPHRASE: &str = "demo vault of invented data";

/// Adds the demo records to a freshly created casebook.
pub fn populate(book: &mut Casebook) -> Result<()> {
    book.add_agency(&AgencyInput {
        name: "Severnside Housing Trust".into(),
        designated_person_role: "Tenancy Enforcement Manager".into(),
    })?;
    // Community Rehabilitation Companies were folded back into the
    // Probation Service in 2021: a realistic example of a partner leaving.
    let crc = book
        .agencies(false)?
        .into_iter()
        .find(|a| a.name == "Warwickshire and West Mercia CRC");
    if let Some(crc) = crc {
        book.set_agency_active(crc.id, false)?;
    }
    Ok(())
}
