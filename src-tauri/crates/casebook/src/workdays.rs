//! Working days in England and Wales, for the Arrangement's ten-working-day
//! clock (5.5, rule R11): "Replies to requests will be made within ten
//! working days".
//!
//! A working day is a Monday to Friday that is not a bank holiday. The
//! bank holidays are, for the years the published list covers, that list
//! itself — [`PUBLISHED`], from [`SOURCE`], one-off days included (a
//! coronation, a state funeral, a moved early May) — and for any other
//! year, the standing rules ([`computed`]): New Year's Day, Good Friday,
//! Easter Monday, the early May (first Monday), spring (last Monday of May)
//! and summer (last Monday of August) bank holidays, Christmas Day and
//! Boxing Day, each falling on a weekend moved to the next weekday not
//! already a holiday (the substitute day). [`year_source`] says which a
//! year is.

use std::ops::RangeInclusive;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Where the published list comes from, and when it was taken.
pub const SOURCE: &str = "GOV.UK, \"UK bank holidays\" (https://www.gov.uk/bank-holidays), \
    England and Wales, as published on 2 December 2026";

/// The years [`PUBLISHED`] covers, whole.
pub const PUBLISHED_YEARS: RangeInclusive<i32> = 2019..=2027;

/// The bank holidays of England and Wales as published ([`SOURCE`]), for
/// [`PUBLISHED_YEARS`]: date (`YYYY-MM-DD`) and name, in order.
pub const PUBLISHED: &[(&str, &str)] = &[
    ("2019-01-01", "New Year's Day"),
    ("2019-04-19", "Good Friday"),
    ("2019-04-22", "Easter Monday"),
    ("2019-05-06", "Early May bank holiday"),
    ("2019-05-27", "Spring bank holiday"),
    ("2019-08-26", "Summer bank holiday"),
    ("2019-12-25", "Christmas Day"),
    ("2019-12-26", "Boxing Day"),
    ("2020-01-01", "New Year's Day"),
    ("2020-04-10", "Good Friday"),
    ("2020-04-13", "Easter Monday"),
    ("2020-05-08", "Early May bank holiday (VE day)"),
    ("2020-05-25", "Spring bank holiday"),
    ("2020-08-31", "Summer bank holiday"),
    ("2020-12-25", "Christmas Day"),
    ("2020-12-28", "Boxing Day (substitute day)"),
    ("2021-01-01", "New Year's Day"),
    ("2021-04-02", "Good Friday"),
    ("2021-04-05", "Easter Monday"),
    ("2021-05-03", "Early May bank holiday"),
    ("2021-05-31", "Spring bank holiday"),
    ("2021-08-30", "Summer bank holiday"),
    ("2021-12-27", "Christmas Day (substitute day)"),
    ("2021-12-28", "Boxing Day (substitute day)"),
    ("2022-01-03", "New Year's Day (substitute day)"),
    ("2022-04-15", "Good Friday"),
    ("2022-04-18", "Easter Monday"),
    ("2022-05-02", "Early May bank holiday"),
    ("2022-06-02", "Spring bank holiday"),
    ("2022-06-03", "Platinum Jubilee bank holiday"),
    ("2022-08-29", "Summer bank holiday"),
    (
        "2022-09-19",
        "Bank Holiday for the State Funeral of Queen Elizabeth II",
    ),
    ("2022-12-26", "Boxing Day"),
    ("2022-12-27", "Christmas Day (substitute day)"),
    ("2023-01-02", "New Year's Day (substitute day)"),
    ("2023-04-07", "Good Friday"),
    ("2023-04-10", "Easter Monday"),
    ("2023-05-01", "Early May bank holiday"),
    (
        "2023-05-08",
        "Bank holiday for the coronation of King Charles III",
    ),
    ("2023-05-29", "Spring bank holiday"),
    ("2023-08-28", "Summer bank holiday"),
    ("2023-12-25", "Christmas Day"),
    ("2023-12-26", "Boxing Day"),
    ("2024-01-01", "New Year's Day"),
    ("2024-03-29", "Good Friday"),
    ("2024-04-01", "Easter Monday"),
    ("2024-05-06", "Early May bank holiday"),
    ("2024-05-27", "Spring bank holiday"),
    ("2024-08-26", "Summer bank holiday"),
    ("2024-12-25", "Christmas Day"),
    ("2024-12-26", "Boxing Day"),
    ("2025-01-01", "New Year's Day"),
    ("2025-04-18", "Good Friday"),
    ("2025-04-21", "Easter Monday"),
    ("2025-05-05", "Early May bank holiday"),
    ("2025-05-26", "Spring bank holiday"),
    ("2025-08-25", "Summer bank holiday"),
    ("2025-12-25", "Christmas Day"),
    ("2025-12-26", "Boxing Day"),
    ("2026-01-01", "New Year's Day"),
    ("2026-04-03", "Good Friday"),
    ("2026-04-06", "Easter Monday"),
    ("2026-05-04", "Early May bank holiday"),
    ("2026-05-25", "Spring bank holiday"),
    ("2026-08-31", "Summer bank holiday"),
    ("2026-12-25", "Christmas Day"),
    ("2026-12-28", "Boxing Day (substitute day)"),
    ("2027-01-01", "New Year's Day"),
    ("2027-03-26", "Good Friday"),
    ("2027-03-29", "Easter Monday"),
    ("2027-05-03", "Early May bank holiday"),
    ("2027-05-31", "Spring bank holiday"),
    ("2027-08-30", "Summer bank holiday"),
    ("2027-12-27", "Christmas Day (substitute day)"),
    ("2027-12-28", "Boxing Day (substitute day)"),
];

/// One bank holiday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct BankHoliday {
    /// Its date (`YYYY-MM-DD`).
    pub date: String,
    /// Its name.
    pub name: String,
}

/// Where a year's bank holidays come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum YearSource {
    /// The published list ([`SOURCE`]).
    Published,
    /// The standing rules: the list does not reach that year, so one-off
    /// days announced later are not known.
    Computed,
}

impl YearSource {
    /// Every value, in display order.
    pub const ALL: &'static [YearSource] = &[YearSource::Published, YearSource::Computed];

    /// Where a year's bank holidays come from, as a person reads it.
    pub fn label(self) -> &'static str {
        match self {
            YearSource::Published => "Published by GOV.UK",
            YearSource::Computed => {
                "Computed by the standing rules: the published list does not reach this year, \
                 so a one-off bank holiday announced later is not counted"
            }
        }
    }
}

/// Easter Sunday of `year` (Gregorian; the anonymous algorithm of
/// Meeus, Jones and Butcher).
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(
        year,
        u32::try_from(month).unwrap_or(4),
        u32::try_from(day).unwrap_or(1),
    )
}

/// A date known to exist (the callers' months and days are in range); the
/// first of the month otherwise, never a panic.
fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day)
        .or_else(|| NaiveDate::from_ymd_opt(year, month, 1))
        .unwrap_or(NaiveDate::MIN)
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The first Monday of `month`, or with `last`, its last.
fn monday_of(year: i32, month: u32, last: bool) -> NaiveDate {
    let mut d = if last {
        // The last day of the month: the day before the next month's first.
        let (y, m) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        date(y, m, 1).pred_opt().unwrap_or(NaiveDate::MIN)
    } else {
        date(year, month, 1)
    };
    while d.weekday() != Weekday::Mon {
        d = if last {
            d.pred_opt().unwrap_or(NaiveDate::MIN)
        } else {
            d.succ_opt().unwrap_or(NaiveDate::MAX)
        };
    }
    d
}

/// The bank holidays of `year` by the standing rules, in date order: the
/// day, its name, and whether it is a substitute day.
fn computed_days(year: i32) -> Vec<(NaiveDate, &'static str, bool)> {
    let e = easter(year);
    let standing = [
        (date(year, 1, 1), "New Year's Day"),
        (e.checked_sub_days(Days::new(2)).unwrap_or(e), "Good Friday"),
        (
            e.checked_add_days(Days::new(1)).unwrap_or(e),
            "Easter Monday",
        ),
        (monday_of(year, 5, false), "Early May bank holiday"),
        (monday_of(year, 5, true), "Spring bank holiday"),
        (monday_of(year, 8, true), "Summer bank holiday"),
        (date(year, 12, 25), "Christmas Day"),
        (date(year, 12, 26), "Boxing Day"),
    ];
    // The days on weekdays first, so that a substitute never takes one:
    // Christmas on a Sunday leaves Boxing Day its Monday and moves to the
    // Tuesday.
    let mut days: Vec<(NaiveDate, &'static str, bool)> = standing
        .iter()
        .filter(|(d, _)| !is_weekend(*d))
        .map(|(d, n)| (*d, *n, false))
        .collect();
    for (d, name) in standing.iter().filter(|(d, _)| is_weekend(*d)) {
        let mut s = *d;
        while is_weekend(s) || days.iter().any(|(x, _, _)| *x == s) {
            s = s.succ_opt().unwrap_or(NaiveDate::MAX);
        }
        days.push((s, name, true));
    }
    days.sort_by_key(|(d, _, _)| *d);
    days
}

/// The bank holidays of `year` by the standing rules, in date order.
pub fn computed(year: i32) -> Vec<BankHoliday> {
    computed_days(year)
        .into_iter()
        .map(|(d, name, substitute)| BankHoliday {
            date: d.format("%Y-%m-%d").to_string(),
            name: if substitute {
                format!("{name} (substitute day)")
            } else {
                name.to_owned()
            },
        })
        .collect()
}

/// [`PUBLISHED`]'s dates, parsed once, in order.
fn published_dates() -> &'static [NaiveDate] {
    static DATES: std::sync::OnceLock<Vec<NaiveDate>> = std::sync::OnceLock::new();
    DATES.get_or_init(|| {
        PUBLISHED
            .iter()
            .filter_map(|(d, _)| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .collect()
    })
}

/// The computed bank holidays of the years around today that the list does
/// not cover (1990 to 2100), worked out once: the register counts working
/// days for thousands of requests, some received before the list begins.
/// Years further off are worked out when asked.
fn computed_dates(year: i32) -> std::borrow::Cow<'static, [NaiveDate]> {
    static DATES: std::sync::OnceLock<std::collections::HashMap<i32, Vec<NaiveDate>>> =
        std::sync::OnceLock::new();
    let days = |y| computed_days(y).into_iter().map(|(d, _, _)| d).collect();
    let cached = DATES.get_or_init(|| {
        (1990..=2100)
            .filter(|y| !PUBLISHED_YEARS.contains(y))
            .map(|y| (y, days(y)))
            .collect()
    });
    match cached.get(&year) {
        Some(d) => std::borrow::Cow::Borrowed(d.as_slice()),
        None => std::borrow::Cow::Owned(days(year)),
    }
}

/// Whether `year`'s bank holidays are the published list or computed.
pub fn year_source(year: i32) -> YearSource {
    if PUBLISHED_YEARS.contains(&year) {
        YearSource::Published
    } else {
        YearSource::Computed
    }
}

/// The bank holidays of `year`, in date order, and where they come from.
pub fn bank_holidays(year: i32) -> (Vec<BankHoliday>, YearSource) {
    match year_source(year) {
        YearSource::Published => {
            let prefix = format!("{year}-");
            let days = PUBLISHED
                .iter()
                .filter(|(d, _)| d.starts_with(&prefix))
                .map(|(d, n)| BankHoliday {
                    date: (*d).to_owned(),
                    name: (*n).to_owned(),
                })
                .collect();
            (days, YearSource::Published)
        }
        YearSource::Computed => (computed(year), YearSource::Computed),
    }
}

/// Whether `d` is a bank holiday in England and Wales.
pub fn is_bank_holiday(d: NaiveDate) -> bool {
    match year_source(d.year()) {
        YearSource::Published => published_dates().binary_search(&d).is_ok(),
        YearSource::Computed => computed_dates(d.year()).contains(&d),
    }
}

/// Whether `d` is a working day: Monday to Friday, not a bank holiday.
pub fn is_working_day(d: NaiveDate) -> bool {
    !is_weekend(d) && !is_bank_holiday(d)
}

/// The `n`th working day after `from` (which itself never counts, whatever
/// day it is): a request received on `from` is due by
/// `add_working_days(from, 10)`.
pub fn add_working_days(from: NaiveDate, n: u32) -> NaiveDate {
    let mut d = from;
    let mut left = n;
    while left > 0 {
        d = d.succ_opt().unwrap_or(NaiveDate::MAX);
        if is_working_day(d) {
            left -= 1;
        }
    }
    d
}

/// How many working days come after `from` up to and including `to`
/// (0 when `to` is not after `from`). Counted by whole weeks and the bank
/// holidays in between, so a span of years costs no more than a week.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    if to <= from {
        return 0;
    }
    let days = (to - from).num_days();
    let weeks = days / 7;
    let mut n = weeks * 5;
    let mut d = from + chrono::Duration::days(weeks * 7);
    while d < to {
        d = d.succ_opt().unwrap_or(NaiveDate::MAX);
        if !is_weekend(d) {
            n += 1;
        }
    }
    // Every bank holiday falls on a weekday (substitutes are weekdays).
    let inside = |h: &NaiveDate| *h > from && *h <= to;
    let published = published_dates();
    let lo = published.partition_point(|h| *h <= from);
    let hi = published.partition_point(|h| *h <= to);
    n -= (hi - lo) as i64;
    for year in from.year()..=to.year() {
        if year_source(year) == YearSource::Computed {
            n -= computed_dates(year).iter().filter(|h| inside(h)).count() as i64;
        }
    }
    u32::try_from(n).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn easter_by_the_algorithm() {
        for (year, sunday) in [
            (2008, "2008-03-23"), // early
            (2011, "2011-04-24"), // late
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2026, "2026-04-05"),
            (2038, "2038-04-25"), // the latest possible
            (2285, "2285-03-22"), // the earliest possible
        ] {
            assert_eq!(easter(year), day(sunday), "{year}");
        }
    }

    #[test]
    fn the_rules_give_the_published_list_except_its_one_off_years() {
        // 2020 (early May moved to VE day), 2022 (spring moved, the
        // jubilee, the state funeral) and 2023 (the coronation) had days
        // the rules cannot know; every other published year they match.
        for year in PUBLISHED_YEARS {
            let (published, source) = bank_holidays(year);
            assert_eq!(source, YearSource::Published);
            let dates = |v: &[BankHoliday]| v.iter().map(|h| h.date.clone()).collect::<Vec<_>>();
            if [2020, 2022, 2023].contains(&year) {
                assert_ne!(dates(&published), dates(&computed(year)), "{year}");
            } else {
                assert_eq!(dates(&published), dates(&computed(year)), "{year}");
            }
        }
        // The published list is in date order, every date real.
        assert_eq!(published_dates().len(), PUBLISHED.len());
        let mut last = NaiveDate::MIN;
        for (d, name) in PUBLISHED {
            let d = day(d);
            assert!(d > last && !is_weekend(d), "{d} {name}");
            last = d;
        }
    }

    #[test]
    fn a_year_the_list_does_not_reach_is_computed_with_substitute_days() {
        assert_eq!(year_source(2028), YearSource::Computed);
        assert_eq!(year_source(2018), YearSource::Computed);
        // 2032: Christmas Day on a Saturday, Boxing Day on a Sunday.
        let (days, source) = bank_holidays(2032);
        assert_eq!(source, YearSource::Computed);
        let tail: Vec<(&str, &str)> = days[days.len() - 2..]
            .iter()
            .map(|h| (h.date.as_str(), h.name.as_str()))
            .collect();
        assert_eq!(
            tail,
            [
                ("2032-12-27", "Christmas Day (substitute day)"),
                ("2032-12-28", "Boxing Day (substitute day)"),
            ]
        );
        // 2028: Christmas Day on a Monday; New Year's Day on a Saturday.
        let (days, _) = bank_holidays(2028);
        assert_eq!(days[0].date, "2028-01-03");
        assert_eq!(days[0].name, "New Year's Day (substitute day)");
        assert_eq!(days.len(), 8);
        // 2033: Christmas Day on a Sunday: Boxing Day keeps its Monday,
        // Christmas moves to the Tuesday.
        let (days, _) = bank_holidays(2033);
        let tail: Vec<&str> = days[days.len() - 2..]
            .iter()
            .map(|h| h.date.as_str())
            .collect();
        assert_eq!(tail, ["2033-12-26", "2033-12-27"]);
    }

    /// Received on, due by (ten working days), why it is a case.
    const DUE: &[(&str, &str, &str)] = &[
        ("2026-12-02", "2026-12-16", "an ordinary Wednesday"),
        ("2026-12-04", "2026-12-18", "a Friday"),
        (
            "2026-12-05",
            "2026-12-18",
            "a Saturday: counting starts on Monday",
        ),
        ("2026-12-06", "2026-12-18", "a Sunday"),
        (
            "2026-12-18",
            "2027-01-06",
            "over Christmas: 25 and 28 Dec and 1 Jan",
        ),
        ("2026-12-25", "2027-01-12", "received on Christmas Day"),
        (
            "2026-03-27",
            "2026-04-14",
            "early Easter 2026: Good Friday 3, Easter Monday 6 April",
        ),
        (
            "2025-04-11",
            "2025-04-29",
            "late Easter 2025: 18 and 21 April",
        ),
        ("2026-04-03", "2026-04-20", "received on Good Friday"),
        (
            "2023-05-02",
            "2023-05-17",
            "the coronation's one-off day, 8 May 2023",
        ),
        (
            "2022-05-27",
            "2022-06-14",
            "the jubilee: 2 and 3 June 2022, and 30 May a working day",
        ),
        (
            "2022-09-12",
            "2022-09-27",
            "the state funeral, 19 September 2022",
        ),
        (
            "2020-05-01",
            "2020-05-18",
            "VE day 2020: early May on the 8th, not the 4th",
        ),
        (
            "2027-12-20",
            "2028-01-06",
            "2027's two substitutes, then 2028 computed (3 Jan)",
        ),
        (
            "2032-12-17",
            "2033-01-05",
            "a computed year: 27 and 28 Dec 2032 substitutes",
        ),
    ];

    #[test]
    fn ten_working_days_after_receipt() {
        for (received, due, why) in DUE {
            assert_eq!(
                add_working_days(day(received), 10),
                day(due),
                "received {received}: {why}"
            );
            assert_eq!(
                working_days_between(day(received), day(due)),
                10,
                "{received}: {why}"
            );
        }
        assert_eq!(add_working_days(day("2026-12-02"), 0), day("2026-12-02"));
        assert_eq!(
            working_days_between(day("2026-12-16"), day("2026-12-02")),
            0
        );
        assert!(!is_working_day(day("2026-12-28")));
        assert!(is_working_day(day("2026-12-29")));
        assert!(!is_working_day(day("2026-12-26")));
    }

    #[test]
    fn counting_by_weeks_agrees_with_counting_day_by_day() {
        let slow = |from: NaiveDate, to: NaiveDate| {
            let mut n = 0;
            let mut d = from;
            while d < to {
                d = d.succ_opt().expect("day");
                if is_working_day(d) {
                    n += 1;
                }
            }
            n
        };
        let start = day("2018-12-20");
        for offset in [0_i64, 1, 3, 17, 40, 123, 366, 800, 1500, 4000] {
            for len in [0_i64, 1, 2, 5, 6, 7, 13, 30, 400, 2000] {
                let from = start + chrono::Duration::days(offset);
                let to = from + chrono::Duration::days(len);
                assert_eq!(
                    working_days_between(from, to),
                    slow(from, to),
                    "{from} to {to}"
                );
            }
        }
    }
}
