//! The Rehabilitation of Offenders Act 1974's rehabilitation periods, as
//! data ([`PERIODS`], [`CAUTION_PERIODS`], with [`SOURCE`] and
//! [`IN_FORCE`]), and when a conviction or caution is spent (R5).
//!
//! # How dates are counted
//!
//! The Act's periods run "beginning with" a day: a period of 12 months
//! beginning with the day a sentence ends is over 12 calendar months
//! later, so the conviction is spent on that day. Months are calendar
//! months, the day clamped to the month's end (29 February + 12 months =
//! 28 February). An order spent "when it ends" is spent the day after its
//! last day. A person's age is their age on the date of conviction (for a
//! caution, the day it was given).
//!
//! # Not here
//!
//! A later conviction can extend an earlier one's period (s6), and some
//! orders (compensation, disqualification, hospital orders, …) have periods
//! of their own: the rules cannot see them, so a sentence outside the table
//! ([`super::SentenceType::Other`]) is for the user to check. Whether a
//! sentence is excluded from rehabilitation (s5(1)) is the disclosing
//! agency's word, recorded as [`Conviction::never_spent`].

use chrono::{Days, NaiveDate};

use super::input::CautionKind;
use crate::dates::add_months;

/// Where the periods come from.
pub const SOURCE: &str = "Rehabilitation of Offenders Act 1974, section 5 (rehabilitation \
    periods) and Schedule 2 paragraph 1 (cautions), as amended by section 193 of the Police, \
    Crime, Sentencing and Courts Act 2022; in England and Wales; as summarised in the \
    Ministry of Justice guidance \"Rehabilitation periods\" (gov.uk)";

/// The day the periods of [`PERIODS`] came into force (`YYYY-MM-DD`).
pub const IN_FORCE: &str = "2023-10-28";

/// A row of the Act's table: the sentences it keys on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// Custody (immediate or suspended) of 12 months or less.
    CustodyUpTo12Months,
    /// Custody of more than 12 months and up to 4 years.
    CustodyUpTo4Years,
    /// Custody of more than 4 years (unless never spent).
    CustodyOver4Years,
    /// A community order or youth rehabilitation order.
    CommunityOrder,
    /// A fine.
    Fine,
    /// A conditional discharge or bind-over.
    ConditionalDischarge,
    /// An absolute discharge.
    AbsoluteDischarge,
}

/// The day a period is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountedFrom {
    /// The last day of the sentence, licence included.
    SentenceEnd,
    /// The day after the order's last day.
    OrderEnd,
    /// The date of conviction.
    Conviction,
    /// The day the caution was given.
    CautionGiven,
}

/// When a conviction or caution of a row is spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// At once: there is no rehabilitation period.
    Immediately,
    /// So many calendar months after a day.
    MonthsAfter {
        /// The day counted from.
        from: CountedFrom,
        /// Months if 18 or over on conviction (or caution).
        adult: u32,
        /// Months if under 18.
        under_18: u32,
    },
}

/// A row of the conviction table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The sentence.
    pub band: Band,
    /// When it is spent.
    pub rule: Rule,
    /// The row in words.
    pub summary: &'static str,
}

/// The rehabilitation periods of convictions, in [`Band`] order.
pub const PERIODS: &[Period] = &[
    Period {
        band: Band::CustodyUpTo12Months,
        rule: Rule::MonthsAfter {
            from: CountedFrom::SentenceEnd,
            adult: 12,
            under_18: 6,
        },
        summary: "Custody of 12 months or less: spent 12 months after the sentence \
                  (licence included) ends; 6 months if under 18",
    },
    Period {
        band: Band::CustodyUpTo4Years,
        rule: Rule::MonthsAfter {
            from: CountedFrom::SentenceEnd,
            adult: 48,
            under_18: 24,
        },
        summary: "Custody of more than 12 months and up to 4 years: spent 4 years after \
                  the sentence ends; 2 years if under 18",
    },
    Period {
        band: Band::CustodyOver4Years,
        rule: Rule::MonthsAfter {
            from: CountedFrom::SentenceEnd,
            adult: 84,
            under_18: 42,
        },
        summary: "Custody of more than 4 years: spent 7 years after the sentence ends; \
                  3½ years if under 18; never, for a serious violent, sexual or \
                  terrorist offence",
    },
    Period {
        band: Band::CommunityOrder,
        rule: Rule::MonthsAfter {
            from: CountedFrom::OrderEnd,
            adult: 0,
            under_18: 0,
        },
        summary: "Community order or youth rehabilitation order: spent when the order ends",
    },
    Period {
        band: Band::Fine,
        rule: Rule::MonthsAfter {
            from: CountedFrom::Conviction,
            adult: 12,
            under_18: 6,
        },
        summary: "Fine: spent 12 months after conviction; 6 months if under 18",
    },
    Period {
        band: Band::ConditionalDischarge,
        rule: Rule::MonthsAfter {
            from: CountedFrom::OrderEnd,
            adult: 0,
            under_18: 0,
        },
        summary: "Conditional discharge or bind-over: spent when the order ends",
    },
    Period {
        band: Band::AbsoluteDischarge,
        rule: Rule::Immediately,
        summary: "Absolute discharge: spent at once",
    },
];

/// A row of the caution table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CautionPeriod {
    /// The kind of caution.
    pub kind: CautionKind,
    /// When it is spent.
    pub rule: Rule,
    /// The row in words.
    pub summary: &'static str,
}

/// The rehabilitation periods of cautions (Schedule 2), in
/// [`CautionKind::ALL`] order.
pub const CAUTION_PERIODS: &[CautionPeriod] = &[
    CautionPeriod {
        kind: CautionKind::Simple,
        rule: Rule::Immediately,
        summary: "Simple caution: spent when given",
    },
    CautionPeriod {
        kind: CautionKind::Conditional,
        rule: Rule::MonthsAfter {
            from: CountedFrom::CautionGiven,
            adult: 3,
            under_18: 3,
        },
        summary: "Conditional caution: spent 3 months after it was given",
    },
    CautionPeriod {
        kind: CautionKind::Youth,
        rule: Rule::Immediately,
        summary: "Youth caution: spent when given",
    },
];

/// A sentence as the table reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sentence {
    /// Immediate or suspended custody.
    Custody {
        /// The term imposed, in whole months.
        months: u32,
        /// The last day of the sentence, licence included.
        ends_on: NaiveDate,
    },
    /// A community order or youth rehabilitation order.
    CommunityOrder {
        /// The order's last day.
        ends_on: NaiveDate,
    },
    /// A fine.
    Fine,
    /// A conditional discharge or bind-over.
    ConditionalDischarge {
        /// The order's last day.
        ends_on: NaiveDate,
    },
    /// An absolute discharge.
    AbsoluteDischarge,
}

impl Sentence {
    /// The table row for this sentence.
    pub fn band(self) -> Band {
        match self {
            Sentence::Custody { months, .. } if months <= 12 => Band::CustodyUpTo12Months,
            Sentence::Custody { months, .. } if months <= 48 => Band::CustodyUpTo4Years,
            Sentence::Custody { .. } => Band::CustodyOver4Years,
            Sentence::CommunityOrder { .. } => Band::CommunityOrder,
            Sentence::Fine => Band::Fine,
            Sentence::ConditionalDischarge { .. } => Band::ConditionalDischarge,
            Sentence::AbsoluteDischarge => Band::AbsoluteDischarge,
        }
    }

    fn ends_on(self) -> Option<NaiveDate> {
        match self {
            Sentence::Custody { ends_on, .. }
            | Sentence::CommunityOrder { ends_on }
            | Sentence::ConditionalDischarge { ends_on } => Some(ends_on),
            Sentence::Fine | Sentence::AbsoluteDischarge => None,
        }
    }
}

/// A conviction, as the table reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conviction {
    /// The date of conviction.
    pub convicted_on: NaiveDate,
    /// The sentence.
    pub sentence: Sentence,
    /// Under 18 on the date of conviction.
    pub under_18: bool,
    /// Excluded from rehabilitation (s5(1)): never spent.
    pub never_spent: bool,
}

/// A caution, as the table reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caution {
    /// Simple, conditional or youth.
    pub kind: CautionKind,
    /// The day it was given.
    pub given_on: NaiveDate,
}

/// When a conviction or caution is spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpentOn {
    /// Spent from the moment it was given or imposed.
    Immediately,
    /// Spent from this day on.
    Date(NaiveDate),
    /// Never spent.
    Never,
}

impl SpentOn {
    /// Whether it is spent on `day`.
    pub fn by(self, day: NaiveDate) -> bool {
        match self {
            SpentOn::Immediately => true,
            SpentOn::Date(d) => day >= d,
            SpentOn::Never => false,
        }
    }
}

/// The table row of a band.
pub fn period(band: Band) -> &'static Period {
    // PERIODS is in Band order (a test checks).
    &PERIODS[band as usize]
}

/// The table row of a kind of caution.
pub fn caution_period(kind: CautionKind) -> &'static CautionPeriod {
    // CAUTION_PERIODS is in CautionKind order (a test checks).
    &CAUTION_PERIODS[kind as usize]
}

/// When a conviction is spent.
pub fn spent_on(c: &Conviction) -> SpentOn {
    if c.never_spent {
        return SpentOn::Never;
    }
    let from = |counted: CountedFrom| match counted {
        CountedFrom::SentenceEnd => c.sentence.ends_on().unwrap_or(c.convicted_on),
        CountedFrom::OrderEnd => day_after(c.sentence.ends_on().unwrap_or(c.convicted_on)),
        CountedFrom::Conviction | CountedFrom::CautionGiven => c.convicted_on,
    };
    apply(period(c.sentence.band()).rule, c.under_18, from)
}

/// Whether a conviction is spent on `day`.
pub fn is_spent(c: &Conviction, day: NaiveDate) -> bool {
    spent_on(c).by(day)
}

/// When a caution is spent. The 1974 Act's age rule does not change a
/// caution's period.
pub fn caution_spent_on(c: &Caution) -> SpentOn {
    apply(caution_period(c.kind).rule, false, |_| c.given_on)
}

/// Whether a caution is spent on `day`.
pub fn caution_is_spent(c: &Caution, day: NaiveDate) -> bool {
    caution_spent_on(c).by(day)
}

fn apply(rule: Rule, under_18: bool, from: impl Fn(CountedFrom) -> NaiveDate) -> SpentOn {
    match rule {
        Rule::Immediately => SpentOn::Immediately,
        Rule::MonthsAfter {
            from: counted,
            adult,
            under_18: youth,
        } => {
            let months = if under_18 { youth } else { adult };
            SpentOn::Date(add_months(from(counted), months))
        }
    }
}

fn day_after(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1)).unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_tables_are_in_order_and_sourced() {
        let bands = [
            Band::CustodyUpTo12Months,
            Band::CustodyUpTo4Years,
            Band::CustodyOver4Years,
            Band::CommunityOrder,
            Band::Fine,
            Band::ConditionalDischarge,
            Band::AbsoluteDischarge,
        ];
        assert_eq!(PERIODS.len(), bands.len());
        for b in bands {
            assert_eq!(period(b).band, b);
        }
        assert_eq!(CAUTION_PERIODS.len(), CautionKind::ALL.len());
        for k in CautionKind::ALL {
            assert_eq!(caution_period(*k).kind, *k);
        }
        assert!(SOURCE.contains("Police, Crime, Sentencing and Courts Act 2022"));
        assert_eq!(d(IN_FORCE), d("2023-10-28"));
    }

    /// Custody at every band's edge, adult and under 18, counted from the
    /// end of the sentence: (term, under 18, ends on, spent on).
    #[test]
    fn custody_table() {
        let cases = [
            // 12 months: 12 months after (6 if under 18).
            (12, false, "2022-06-30", "2023-06-30"),
            (12, true, "2022-06-30", "2022-12-30"),
            // 13 months: 4 years (2).
            (13, false, "2022-06-30", "2026-06-30"),
            (13, true, "2022-06-30", "2024-06-30"),
            // 4 years: still 4 years (2).
            (48, false, "2022-06-30", "2026-06-30"),
            (48, true, "2022-06-30", "2024-06-30"),
            // 5 years: 7 years (3½).
            (60, false, "2022-06-30", "2029-06-30"),
            (60, true, "2022-06-30", "2025-12-30"),
            // Under a month.
            (0, false, "2022-06-30", "2023-06-30"),
            // Ends 29 February: clamped to 28 February.
            (12, false, "2024-02-29", "2025-02-28"),
            (60, false, "2024-02-29", "2031-02-28"),
        ];
        for (months, under_18, ends_on, want) in cases {
            let c = Conviction {
                convicted_on: d("2020-01-15"),
                sentence: Sentence::Custody {
                    months,
                    ends_on: d(ends_on),
                },
                under_18,
                never_spent: false,
            };
            let what = format!("{months} months, under 18 {under_18}, ends {ends_on}");
            assert_eq!(spent_on(&c), SpentOn::Date(d(want)), "{what}");
            let before = d(want).pred_opt().unwrap();
            assert!(!is_spent(&c, before), "{what}: spent the day before");
            assert!(is_spent(&c, d(want)), "{what}: not spent on the day");
        }
    }

    #[test]
    fn never_spent_offences_are_never_spent() {
        for (months, under_18) in [(60, false), (120, true), (36, false)] {
            let c = Conviction {
                convicted_on: d("1998-05-01"),
                sentence: Sentence::Custody {
                    months,
                    ends_on: d("2003-05-01"),
                },
                under_18,
                never_spent: true,
            };
            assert_eq!(spent_on(&c), SpentOn::Never);
            assert!(!is_spent(&c, d("2090-01-01")));
        }
    }

    /// Other sentences: (sentence, under 18, convicted on, spent on).
    #[test]
    fn other_sentences_table() {
        let conv = "2025-03-10";
        let cases = [
            (Sentence::Fine, false, "2026-03-10"),
            (Sentence::Fine, true, "2025-09-10"),
            (
                Sentence::CommunityOrder {
                    ends_on: d("2026-03-09"),
                },
                false,
                "2026-03-10",
            ),
            (
                Sentence::CommunityOrder {
                    ends_on: d("2026-03-09"),
                },
                true,
                "2026-03-10",
            ),
            (
                Sentence::ConditionalDischarge {
                    ends_on: d("2027-03-09"),
                },
                false,
                "2027-03-10",
            ),
        ];
        for (sentence, under_18, want) in cases {
            let c = Conviction {
                convicted_on: d(conv),
                sentence,
                under_18,
                never_spent: false,
            };
            assert_eq!(
                spent_on(&c),
                SpentOn::Date(d(want)),
                "{sentence:?} under 18 {under_18}"
            );
        }
        let absolute = Conviction {
            convicted_on: d(conv),
            sentence: Sentence::AbsoluteDischarge,
            under_18: false,
            never_spent: false,
        };
        assert_eq!(spent_on(&absolute), SpentOn::Immediately);
        assert!(is_spent(&absolute, d(conv)));
    }

    /// Cautions: (kind, given on, day, spent).
    #[test]
    fn cautions_table() {
        let cases = [
            (CautionKind::Simple, "2026-01-10", "2026-01-10", true),
            (CautionKind::Youth, "2026-01-10", "2026-01-10", true),
            (CautionKind::Conditional, "2026-01-10", "2026-03-10", false),
            (CautionKind::Conditional, "2026-01-10", "2026-04-09", false),
            (CautionKind::Conditional, "2026-01-10", "2026-04-10", true),
            (CautionKind::Conditional, "2026-01-10", "2026-05-10", true),
            (CautionKind::Conditional, "2025-11-30", "2026-02-28", true),
            (CautionKind::Conditional, "2025-11-30", "2026-02-27", false),
        ];
        for (kind, given_on, day, want) in cases {
            let c = Caution {
                kind,
                given_on: d(given_on),
            };
            assert_eq!(
                caution_is_spent(&c, d(day)),
                want,
                "{kind:?} given {given_on}, on {day}"
            );
        }
        let simple = Caution {
            kind: CautionKind::Simple,
            given_on: d("2026-01-10"),
        };
        assert_eq!(caution_spent_on(&simple), SpentOn::Immediately);
    }
}
