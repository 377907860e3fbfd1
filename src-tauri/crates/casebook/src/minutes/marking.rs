//! R10: minutes are marked at least at the highest marking of anything they
//! include; the chair may raise the marking or add the handling instruction
//! RECIPIENTS ONLY, never set it lower.
//!
//! Pure functions over what the minutes include: tested from tables, used
//! by the draft (the minimum it shows) and by approval (which refuses a
//! marking below the minimum, naming what requires it).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::kinds::{Descriptor, Marking};

/// A marking as printed at the top and bottom of every page:
/// `CLASSIFICATION[-SENSITIVE] [HANDLING INSTRUCTION] [DESCRIPTORS]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct MinutesMarking {
    /// OFFICIAL or OFFICIAL-SENSITIVE.
    pub marking: Marking,
    /// The handling instruction RECIPIENTS ONLY.
    pub recipients_only: bool,
    /// Descriptors, in the list's order (PERSONAL DATA, LEGAL, COMMERCIAL).
    pub descriptors: Vec<Descriptor>,
    /// The whole line, e.g. `OFFICIAL-SENSITIVE PERSONAL DATA`.
    pub text: String,
}

impl MinutesMarking {
    /// A marking and its printed line.
    pub fn new(marking: Marking, recipients_only: bool, descriptors: Vec<Descriptor>) -> Self {
        let mut text = marking.as_str().to_owned();
        if recipients_only {
            text.push_str(" RECIPIENTS ONLY");
        }
        for d in &descriptors {
            text.push(' ');
            text.push_str(d.as_str());
        }
        MinutesMarking {
            marking,
            recipients_only,
            descriptors,
            text,
        }
    }
}

/// One thing the minutes include, as the marking rule reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// What it is, in words for a refusal: `item 5, "Case reviews"`, or
    /// `a disclosure by West Mercia Police under item 5`.
    pub what: String,
    /// Its marking.
    pub marking: Marking,
    /// Its descriptor, if any.
    pub descriptor: Option<Descriptor>,
}

fn rank(m: Marking) -> u8 {
    match m {
        Marking::Official => 0,
        Marking::OfficialSensitive => 1,
    }
}

/// The minimum marking of minutes that include `parts`: the highest
/// marking among them (OFFICIAL when there is none higher), their
/// descriptors joined in the list's order; no handling instruction.
pub fn minimum(parts: &[Marked]) -> MinutesMarking {
    let marking = parts
        .iter()
        .map(|p| p.marking)
        .max_by_key(|m| rank(*m))
        .unwrap_or(Marking::Official);
    let descriptors = Descriptor::ALL
        .iter()
        .copied()
        .filter(|d| parts.iter().any(|p| p.descriptor == Some(*d)))
        .collect();
    MinutesMarking::new(marking, false, descriptors)
}

/// The marking the chair chose, checked against the minimum: it may be
/// higher and may add RECIPIENTS ONLY; a marking below the minimum is
/// refused, naming the first thing that requires the minimum. The
/// descriptors are always the minimum's (each says what the minutes hold).
pub fn chosen(parts: &[Marked], marking: Marking, recipients_only: bool) -> Result<MinutesMarking> {
    let min = minimum(parts);
    if rank(marking) < rank(min.marking) {
        let why = parts
            .iter()
            .find(|p| p.marking == min.marking)
            .map(|p| p.what.as_str())
            .unwrap_or("what the minutes include");
        return Err(Error::invalid(
            "Marking",
            format!(
                "cannot be {} because {why} is marked {}. Minutes are marked at least at the \
                 highest marking of anything they include: choose {} or leave it out of the \
                 minutes.",
                marking.as_str(),
                min.marking.as_str(),
                min.marking.as_str()
            ),
        ));
    }
    Ok(MinutesMarking::new(
        marking,
        recipients_only,
        min.descriptors,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(what: &str, marking: Marking, descriptor: Option<Descriptor>) -> Marked {
        Marked {
            what: what.into(),
            marking,
            descriptor,
        }
    }

    use Descriptor::{Commercial, Legal, PersonalData};
    use Marking::{Official, OfficialSensitive};

    #[test]
    fn the_minimum_is_the_highest_marking_with_every_descriptor() {
        let cases: &[(&[Marked], &str)] = &[
            (&[], "OFFICIAL"),
            (&[part("a", Official, None)], "OFFICIAL"),
            (
                &[
                    part("a", Official, None),
                    part("b", OfficialSensitive, None),
                ],
                "OFFICIAL-SENSITIVE",
            ),
            (
                &[
                    part("a", Official, Some(PersonalData)),
                    part("b", OfficialSensitive, None),
                ],
                "OFFICIAL-SENSITIVE PERSONAL DATA",
            ),
            (
                &[
                    part("a", Official, Some(Commercial)),
                    part("b", Official, Some(PersonalData)),
                    part("c", Official, Some(PersonalData)),
                    part("d", Official, Some(Legal)),
                ],
                "OFFICIAL PERSONAL DATA LEGAL COMMERCIAL",
            ),
        ];
        for (parts, want) in cases {
            assert_eq!(minimum(parts).text, *want, "{parts:?}");
        }
    }

    #[test]
    fn the_chair_may_raise_the_marking_and_add_recipients_only() {
        let parts = [part("item 1", Official, Some(PersonalData))];
        let m = chosen(&parts, OfficialSensitive, true).expect("higher");
        assert_eq!(m.text, "OFFICIAL-SENSITIVE RECIPIENTS ONLY PERSONAL DATA");
        let m = chosen(&parts, Official, false).expect("the same");
        assert_eq!(m.text, "OFFICIAL PERSONAL DATA");
    }

    #[test]
    fn never_lower_and_the_refusal_names_what_requires_it() {
        let parts = [
            part("item 1, \"Introductions\"", Official, None),
            part(
                "a disclosure by Northbrook Police under item 5",
                OfficialSensitive,
                None,
            ),
            part("item 6, \"Hotspots\"", OfficialSensitive, None),
        ];
        let err = chosen(&parts, Official, true).expect_err("lower");
        assert_eq!(
            err.to_string(),
            "Marking: cannot be OFFICIAL because a disclosure by Northbrook Police under item 5 is \
             marked OFFICIAL-SENSITIVE. Minutes are marked at least at the highest marking of \
             anything they include: choose OFFICIAL-SENSITIVE or leave it out of the minutes."
        );
    }
}
