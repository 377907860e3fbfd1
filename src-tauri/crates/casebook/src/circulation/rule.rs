//! Need-to-know (5.3, 5.6): what of an approved version each recipient's
//! copy leaves out, as a pure function of the frozen minutes, the
//! recipient's agency, the consents recorded and the chair's choices.
//!
//! A disclosure (minuted in full or as a summary) goes to a recipient only
//! when their agency
//! - made it, or
//! - took part in its item: someone from it was present, signed the
//!   agreement (drawn or typed), and was not out of the room for the item,
//!   or
//! - has the supplying agency's written consent recorded against it;
//!
//! otherwise it is withheld. The chair may also withhold any item or any
//! disclosure from a copy, with a reason. A disclosure recorded as not
//! minuted carries none of its words, so it is never withheld.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::minutes::{AgreementStatus, MinutedDisclosure, MinutesContent};

/// The agency a copy goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientAgency {
    /// Its record id.
    pub id: i64,
    /// Its name now.
    pub name: String,
}

/// Something the chair withholds from one copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ChairWithhold {
    /// The item's position on the agenda.
    #[ts(type = "number")]
    pub item: i64,
    /// One disclosure under it (its record id); none withholds the whole
    /// item.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub disclosure_id: Option<i64>,
    /// Why, as the copy will say.
    pub reason: String,
}

/// One part of the minutes left out of a copy, and the line the copy
/// prints in its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Withheld {
    /// The item's position.
    #[ts(type = "number")]
    pub item: i64,
    /// The disclosure's place under the item (from 0); none for the whole
    /// item.
    #[ts(type = "number | null")]
    pub index: Option<u32>,
    /// The disclosure's record id, when withheld for want of consent (so
    /// consent can be recorded against it).
    #[ts(type = "number | null")]
    pub disclosure_id: Option<i64>,
    /// Whether the chair chose it (otherwise the rule did).
    pub by_chair: bool,
    /// What the copy says in its place.
    pub line: String,
}

/// The chair's line for a withheld item.
pub fn item_line(position: i64, reason: &str) -> String {
    format!("Item {position} withheld by the chair: {reason}")
}

/// The chair's line for a withheld disclosure.
pub fn chair_disclosure_line(agency: &str, reason: &str) -> String {
    format!("Disclosure by {agency} withheld by the chair: {reason}")
}

/// The rule's line for a disclosure without consent.
pub fn no_consent_line(agency: &str) -> String {
    format!("Disclosure by {agency} withheld: no consent recorded for this recipient's agency")
}

fn same_agency(id: Option<i64>, name: &str, to: &RecipientAgency) -> bool {
    match id {
        Some(id) => id == to.id,
        None => name.eq_ignore_ascii_case(&to.name),
    }
}

/// Whether someone of `to`'s agency took part in the item at `position`:
/// present, signed, and not out of the room for it.
pub fn took_part(content: &MinutesContent, position: i64, to: &RecipientAgency) -> bool {
    content.present.iter().any(|a| {
        same_agency(a.agency_id, &a.agency, to)
            && matches!(
                a.agreement,
                AgreementStatus::Signed | AgreementStatus::Typed
            )
            && !a.out_of_room_for.contains(&position)
    })
}

/// What `to`'s copy of `content` leaves out, in the minutes' order.
/// `consents` holds (disclosure id, agency id) pairs.
pub fn withheld(
    content: &MinutesContent,
    to: &RecipientAgency,
    consents: &BTreeSet<(i64, i64)>,
    chair: &[ChairWithhold],
) -> Vec<Withheld> {
    let mut out = Vec::new();
    for item in &content.items {
        if let Some(w) = chair
            .iter()
            .find(|w| w.item == item.position && w.disclosure_id.is_none())
        {
            out.push(Withheld {
                item: item.position,
                index: None,
                disclosure_id: None,
                by_chair: true,
                line: item_line(item.position, &w.reason),
            });
            continue;
        }
        let in_room = took_part(content, item.position, to);
        for (index, d) in item.disclosures.iter().enumerate() {
            let (id, agency_id, agency) = match d {
                MinutedDisclosure::Full {
                    id,
                    agency_id,
                    agency,
                    ..
                }
                | MinutedDisclosure::Summary {
                    id,
                    agency_id,
                    agency,
                    ..
                } => (*id, *agency_id, agency.as_str()),
                MinutedDisclosure::NotMinuted { .. } => continue,
            };
            let index = Some(u32::try_from(index).unwrap_or(u32::MAX));
            if let Some(w) = chair
                .iter()
                .find(|w| w.item == item.position && w.disclosure_id.is_some_and(|c| Some(c) == id))
            {
                out.push(Withheld {
                    item: item.position,
                    index,
                    disclosure_id: id,
                    by_chair: true,
                    line: chair_disclosure_line(agency, &w.reason),
                });
                continue;
            }
            let consented = id.is_some_and(|id| consents.contains(&(id, to.id)));
            if same_agency(agency_id, agency, to) || in_room || consented {
                continue;
            }
            out.push(Withheld {
                item: item.position,
                index,
                disclosure_id: id,
                by_chair: false,
                line: no_consent_line(agency),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::Marking;
    use crate::minutes::{Attendee, MinutesItem, marking::MinutesMarking};

    const POLICE: i64 = 1;
    const HOUSING: i64 = 2;
    const FIRE: i64 = 3;

    fn agency(id: i64) -> RecipientAgency {
        RecipientAgency {
            id,
            name: ["", "Police", "Housing", "Fire"][usize::try_from(id).expect("id")].to_owned(),
        }
    }

    fn attendee(agency_id: i64, agreement: AgreementStatus, out_for: &[i64]) -> Attendee {
        Attendee {
            name: "Someone".into(),
            agency: agency(agency_id).name,
            agency_id: Some(agency_id),
            role: "Officer".into(),
            agreement,
            arrived_at: None,
            left_at: None,
            out_of_room_for: out_for.to_vec(),
        }
    }

    fn disclosure(id: i64, by: i64, full: bool) -> MinutedDisclosure {
        let agency = agency(by).name;
        if full {
            MinutedDisclosure::Full {
                id: Some(id),
                agency_id: Some(by),
                agency,
                person: "Teller".into(),
                category: "Incident".into(),
                nature: "Fact".into(),
                text: "words".into(),
                marking: Marking::OfficialSensitive,
                descriptor: None,
                notices: vec![],
            }
        } else {
            MinutedDisclosure::Summary {
                id: Some(id),
                agency_id: Some(by),
                agency,
                summary: "short".into(),
                marking: Marking::OfficialSensitive,
                descriptor: None,
                notices: vec![],
            }
        }
    }

    fn minutes(present: Vec<Attendee>, disclosures: Vec<MinutedDisclosure>) -> MinutesContent {
        MinutesContent {
            meeting_id: 1,
            group_name: "Group".into(),
            kind: crate::kinds::MeetingKind::BronzeTasking,
            date: "2026-11-12".into(),
            start_time: "10:00".into(),
            venue: "Room".into(),
            chair: None,
            minute_taker: None,
            present,
            apologies: vec![],
            absent: vec![],
            not_recorded: vec![],
            items: vec![MinutesItem {
                position: 3,
                title: "Item".into(),
                kind_label: "Case".into(),
                case_ref: None,
                presenting_agency: None,
                marking: Marking::OfficialSensitive,
                descriptor: None,
                summary: String::new(),
                decisions: String::new(),
                disclosures,
                actions: vec![],
                out_of_room: vec![],
            }],
            other_actions: vec![],
            carried_forward: vec![],
            next_meeting: None,
            notice: String::new(),
            register: vec![],
            minimum_marking: MinutesMarking::new(Marking::OfficialSensitive, false, vec![]),
        }
    }

    /// Every combination for one police disclosure and a housing recipient:
    /// whether housing was present, how it signed, whether it was out of
    /// the room, whether consent is recorded, whether the chair withheld
    /// it; and the expected line (None: included).
    #[test]
    fn the_rule_for_every_combination() {
        use AgreementStatus::*;
        let present_states: [(Option<AgreementStatus>, bool); 6] = [
            (None, false),
            (Some(Signed), false),
            (Some(Typed), false),
            (Some(Signed), true),
            (Some(Declined), false),
            (Some(NotSigned), false),
        ];
        for (housing_present, out_of_room) in present_states {
            for consent in [false, true] {
                for chair in [false, true] {
                    for full in [false, true] {
                        let mut present = vec![attendee(POLICE, Signed, &[])];
                        if let Some(signed) = housing_present {
                            let out: &[i64] = if out_of_room { &[3] } else { &[] };
                            present.push(attendee(HOUSING, signed, out));
                        }
                        let content = minutes(present, vec![disclosure(40, POLICE, full)]);
                        let consents: BTreeSet<(i64, i64)> = if consent {
                            [(40, HOUSING)].into()
                        } else {
                            BTreeSet::new()
                        };
                        let chosen = if chair {
                            vec![ChairWithhold {
                                item: 3,
                                disclosure_id: Some(40),
                                reason: "not relevant to housing".into(),
                            }]
                        } else {
                            vec![]
                        };
                        let got = withheld(&content, &agency(HOUSING), &consents, &chosen);
                        let took_part =
                            matches!(housing_present, Some(Signed | Typed)) && !out_of_room;
                        let expected = if chair {
                            Some((
                                true,
                                "Disclosure by Police withheld by the chair: not relevant to \
                                 housing",
                            ))
                        } else if took_part || consent {
                            None
                        } else {
                            Some((
                                false,
                                "Disclosure by Police withheld: no consent recorded for this \
                                 recipient's agency",
                            ))
                        };
                        let case = format!(
                            "housing {housing_present:?}, out {out_of_room}, consent {consent}, \
                             chair {chair}, full {full}"
                        );
                        match expected {
                            None => assert!(got.is_empty(), "{case}: {got:?}"),
                            Some((by_chair, line)) => {
                                assert_eq!(got.len(), 1, "{case}: {got:?}");
                                assert_eq!(got[0].line, line, "{case}");
                                assert_eq!(got[0].by_chair, by_chair, "{case}");
                                assert_eq!(got[0].index, Some(0), "{case}");
                                assert_eq!(got[0].disclosure_id, Some(40), "{case}");
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_supplying_agency_always_has_its_own_words() {
        // Nobody from the police present at all, no consent: still theirs.
        let content = minutes(vec![], vec![disclosure(40, POLICE, true)]);
        assert!(withheld(&content, &agency(POLICE), &BTreeSet::new(), &[]).is_empty());
        // Consent for another agency does not reach this one.
        let consents: BTreeSet<(i64, i64)> = [(40, FIRE)].into();
        assert_eq!(
            withheld(&content, &agency(HOUSING), &consents, &[]).len(),
            1
        );
    }

    #[test]
    fn a_withheld_item_takes_everything_under_it_and_not_minuted_is_never_withheld() {
        let content = minutes(
            vec![attendee(HOUSING, AgreementStatus::Signed, &[])],
            vec![
                disclosure(40, POLICE, true),
                MinutedDisclosure::NotMinuted {
                    agency: "Police".into(),
                },
            ],
        );
        let got = withheld(
            &content,
            &agency(FIRE),
            &BTreeSet::new(),
            &[ChairWithhold {
                item: 3,
                disclosure_id: None,
                reason: "a housing matter only".into(),
            }],
        );
        assert_eq!(
            got,
            [Withheld {
                item: 3,
                index: None,
                disclosure_id: None,
                by_chair: true,
                line: "Item 3 withheld by the chair: a housing matter only".into(),
            }]
        );
        // Without the chair's choice, only the minuted disclosure is withheld.
        let got = withheld(&content, &agency(FIRE), &BTreeSet::new(), &[]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].index, Some(0));
    }

    #[test]
    fn versions_stored_before_ids_match_agencies_by_name() {
        let mut a = attendee(HOUSING, AgreementStatus::Signed, &[]);
        a.agency_id = None;
        a.agency = "HOUSING".into();
        let mut d = disclosure(40, POLICE, true);
        if let MinutedDisclosure::Full { id, agency_id, .. } = &mut d {
            *id = None;
            *agency_id = None;
        }
        let content = minutes(vec![a], vec![d]);
        assert!(withheld(&content, &agency(HOUSING), &BTreeSet::new(), &[]).is_empty());
        assert!(withheld(&content, &agency(POLICE), &BTreeSet::new(), &[]).is_empty());
        // Without an id, no consent can be matched: withheld from others.
        assert_eq!(
            withheld(&content, &agency(FIRE), &[(40, FIRE)].into(), &[]).len(),
            1
        );
    }
}
