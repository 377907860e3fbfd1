//! The closed lists of the records: kinds of meeting, statuses, attendance,
//! agenda item types, markings. Each value has one text form, used in the
//! database, the JSON and the TypeScript alike.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

macro_rules! closed_list {
    (
        $(#[$meta:meta])*
        $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal / $label:literal),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored (and serialized) form.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// What a person reads.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses the stored form (the database only holds values the
            /// CHECK constraints allow; anything else is damage).
            pub(crate) fn parse(text: &str) -> Result<$name> {
                match text {
                    $($text => Ok($name::$variant),)+
                    _ => Err(Error::Internal(concat!("unknown ", stringify!($name)).into())),
                }
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = v.as_str()?;
                $name::parse(text).map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }
    };
}

/// The macro, for the other closed lists of the crate (the disclosure rules'
/// lists of law). Where it is invoked, `Serialize`, `Deserialize`,
/// `rusqlite`, `Error` and `Result` must be in scope as they are here.
pub(crate) use closed_list;

use crate::error::rusqlite;

closed_list! {
    /// What kind of meeting.
    MeetingKind {
        /// A Bronze Level Tasking meeting.
        BronzeTasking = "bronze_tasking" / "Bronze Level Tasking meeting",
        /// A case conference.
        CaseConference = "case_conference" / "Case conference",
    }
}

closed_list! {
    /// Where a meeting is in its life.
    MeetingStatus {
        /// Planned, not yet started.
        Planned = "planned" / "Planned",
        /// Under way.
        InProgress = "in_progress" / "In progress",
        /// Held.
        Held = "held" / "Held",
        /// Cancelled.
        Cancelled = "cancelled" / "Cancelled",
    }
}

closed_list! {
    /// An invited person's attendance on the day.
    Attendance {
        /// Invited; attendance not yet recorded.
        Invited = "invited" / "Invited",
        /// Present.
        Present = "present" / "Present",
        /// Sent apologies.
        Apologies = "apologies" / "Apologies",
        /// Absent without apologies.
        Absent = "absent" / "Absent",
    }
}

closed_list! {
    /// The type of an agenda item.
    AgendaItemKind {
        /// Introductions and the confidentiality agreement.
        Introductions = "introductions" / "Introductions and confidentiality agreement",
        /// Apologies.
        Apologies = "apologies" / "Apologies",
        /// Minutes and actions of the previous meeting (carried-forward actions).
        PreviousMinutes = "previous_minutes" / "Previous minutes and actions",
        /// A new referral.
        NewReferral = "new_referral" / "New referral",
        /// Review of a case (individual, household, location).
        CaseReview = "case_review" / "Case review",
        /// A hotspot location.
        HotspotLocation = "hotspot_location" / "Hotspot location",
        /// Any other business.
        AnyOtherBusiness = "any_other_business" / "Any other business",
        /// Date of next meeting.
        NextMeeting = "next_meeting" / "Date of next meeting",
        /// Anything else.
        Other = "other" / "Other",
    }
}

closed_list! {
    /// The marking of an item (this app holds OFFICIAL information only).
    Marking {
        /// OFFICIAL.
        Official = "OFFICIAL" / "OFFICIAL",
        /// OFFICIAL-SENSITIVE.
        OfficialSensitive = "OFFICIAL-SENSITIVE" / "OFFICIAL-SENSITIVE",
    }
}

closed_list! {
    /// Optional descriptor added to a marking.
    Descriptor {
        /// PERSONAL DATA.
        PersonalData = "PERSONAL DATA" / "PERSONAL DATA",
        /// LEGAL.
        Legal = "LEGAL" / "LEGAL",
        /// COMMERCIAL.
        Commercial = "COMMERCIAL" / "COMMERCIAL",
    }
}

closed_list! {
    /// Where an action stands.
    ActionStatus {
        /// Still to do.
        Open = "open" / "Open",
        /// Done.
        Done = "done" / "Done",
        /// Dropped, with a reason.
        Dropped = "dropped" / "Dropped",
    }
}

closed_list! {
    /// What kind of agency a partner is: rules such as R4 (police give facts,
    /// not opinion) ask it.
    AgencyKind {
        /// A police force.
        Police = "police" / "Police",
        /// A local authority (council).
        LocalAuthority = "local_authority" / "Local authority",
        /// A health body (clinical commissioning group, trust, practice).
        Health = "health" / "Health",
        /// Probation (the Probation Service, a community rehabilitation company).
        Probation = "probation" / "Probation",
        /// A fire and rescue service.
        FireAndRescue = "fire_and_rescue" / "Fire and rescue",
        /// A youth justice service.
        YouthJustice = "youth_justice" / "Youth justice",
        /// A housing provider.
        Housing = "housing" / "Housing",
        /// Anything else.
        Other = "other" / "Other",
    }
}

closed_list! {
    /// What a case is about: the subject discussed.
    CaseKind {
        /// One person.
        Individual = "individual" / "Individual",
        /// A household.
        Household = "household" / "Household",
        /// A location (an address, a street, a park).
        Location = "location" / "Location",
        /// A group of people.
        Group = "group" / "Group",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_form_is_the_serde_form() {
        for k in AgendaItemKind::ALL {
            let json = serde_json::to_string(k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
            assert_eq!(AgendaItemKind::parse(k.as_str()).unwrap(), *k);
        }
        assert_eq!(
            serde_json::to_string(&Marking::OfficialSensitive).unwrap(),
            "\"OFFICIAL-SENSITIVE\""
        );
    }
}
