//! Dates and times as the chair types them: calendar dates (`YYYY-MM-DD`)
//! and clock times (`HH:MM`, 24-hour) in Europe/London. They are stored as
//! those strings, which sort in time order; the UI shows them the British way
//! (25 Nov 2026, 14:30).

use chrono::{Datelike, Months, NaiveDate, NaiveTime};

use crate::error::{Error, Result};

/// Earliest and latest years accepted: no meeting is planned outside them,
/// and a typo such as 2206 is caught.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Earliest year of birth accepted: a subject's date of birth may well be
/// before [`YEARS`] starts.
pub const EARLIEST_BIRTH_YEAR: i32 = 1900;

/// Checks a calendar date `YYYY-MM-DD` that must exist (no 30 February).
pub fn date(field: &'static str, input: &str) -> Result<NaiveDate> {
    date_in(field, input, YEARS)
}

/// Checks a date of birth: a day that exists, from [`EARLIEST_BIRTH_YEAR`],
/// and not after `today`.
pub fn date_of_birth(field: &'static str, input: &str, today: NaiveDate) -> Result<NaiveDate> {
    let d = date_in(field, input, EARLIEST_BIRTH_YEAR..=today.year())?;
    not_after_today(field, d, today)
}

/// Checks the date something happened: a date as [`date`], not after `today`.
pub fn past_date(field: &'static str, input: &str, today: NaiveDate) -> Result<NaiveDate> {
    not_after_today(field, date(field, input)?, today)
}

fn not_after_today(field: &'static str, d: NaiveDate, today: NaiveDate) -> Result<NaiveDate> {
    if d > today {
        return Err(Error::invalid(
            field,
            "is in the future. Please check the date.",
        ));
    }
    Ok(d)
}

fn date_in(
    field: &'static str,
    input: &str,
    years: std::ops::RangeInclusive<i32>,
) -> Result<NaiveDate> {
    let text = input.trim();
    let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
        if looks_like_date(text) {
            Error::invalid(
                field,
                "is not a date that exists (check the day of the month). Please correct it.",
            )
        } else {
            Error::invalid(
                field,
                "must be a date such as 2026-11-25. Please correct it.",
            )
        }
    })?;
    if !years.contains(&parsed.year()) {
        return Err(Error::invalid(
            field,
            format!(
                "must be between {} and {}. Please check the year.",
                years.start(),
                years.end()
            ),
        ));
    }
    Ok(parsed)
}

/// Checks an optional date: empty means none.
pub fn optional_date(field: &'static str, input: Option<&str>) -> Result<Option<NaiveDate>> {
    match input.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => date(field, text).map(Some),
    }
}

/// Checks a 24-hour clock time `HH:MM`.
pub fn time(field: &'static str, input: &str) -> Result<NaiveTime> {
    let text = input.trim();
    let ok = text.len() == 5 && text.as_bytes()[2] == b':';
    NaiveTime::parse_from_str(text, "%H:%M")
        .ok()
        .filter(|_| ok)
        .ok_or_else(|| {
            Error::invalid(
                field,
                "must be a 24-hour time such as 09:30 or 14:00. Please correct it.",
            )
        })
}

/// Checks an optional time: empty means none.
pub fn optional_time(field: &'static str, input: Option<&str>) -> Result<Option<NaiveTime>> {
    match input.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => time(field, text).map(Some),
    }
}

/// The stored form of a date (`YYYY-MM-DD`). Written directly rather than
/// through chrono's format strings, which parse the pattern on every call:
/// the requests register writes several dates for each of thousands of rows.
pub fn to_text(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// A stored date (`YYYY-MM-DD`, as [`to_text`] writes it) read back, or
/// `None` if it is not one; for reading the vault's own columns quickly,
/// not for what a person typed (see [`date`]).
pub fn from_text(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(
        i32::try_from(digits(0, 4)?).ok()?,
        digits(5, 7)?,
        digits(8, 10)?,
    )
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "Wednesday 2 December 2026": a date in words, as documents and the
/// requests register's sentences write it.
pub fn long_text(d: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        WEEKDAYS[d.weekday().num_days_from_monday() as usize],
        d.day(),
        MONTHS[d.month0() as usize],
        d.year()
    )
}

/// The stored form of a time.
pub fn time_text(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// `d` plus `months` calendar months; the 31st becomes the month's last day.
pub fn add_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months)).unwrap_or(d)
}

/// Today in Europe/London.
pub fn today_london(now: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    now.with_timezone(&chrono_tz::Europe::London).date_naive()
}

fn looks_like_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_and_long_dates_are_chronos_own() {
        let mut d = NaiveDate::from_ymd_opt(1899, 12, 25).expect("date");
        let end = NaiveDate::from_ymd_opt(2101, 1, 7).expect("date");
        while d < end {
            let stored = d.format("%Y-%m-%d").to_string();
            assert_eq!(to_text(d), stored);
            assert_eq!(from_text(&stored), Some(d));
            assert_eq!(long_text(d), d.format("%A %-d %B %Y").to_string());
            d = d.succ_opt().expect("next day");
        }
        for bad in [
            "",
            "2026-2-01",
            "2026-02-30",
            "2026/02/01",
            "2026-0a-01",
            "+026-02-01",
        ] {
            assert_eq!(from_text(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn dates_table() {
        let ok = [
            ("2026-11-25", "2026-11-25"),
            (" 2028-02-29 ", "2028-02-29"),
            ("2000-01-01", "2000-01-01"),
        ];
        for (input, want) in ok {
            assert_eq!(to_text(date("Date", input).unwrap()), want, "{input}");
        }
        let refused = [
            ("2026-02-29", "not a date that exists"),
            ("2026-11-31", "not a date that exists"),
            ("2026-13-01", "not a date that exists"),
            ("25/11/2026", "such as 2026-11-25"),
            ("", "such as 2026-11-25"),
            ("tomorrow", "such as 2026-11-25"),
            ("2206-01-01", "between 2000 and 2100"),
            ("1999-12-31", "between 2000 and 2100"),
        ];
        for (input, want) in refused {
            let err = date("Meeting date", input).unwrap_err().to_string();
            assert!(err.starts_with("Meeting date: "), "{err}");
            assert!(err.contains(want), "{input:?}: {err}");
        }
        assert_eq!(optional_date("Due date", Some("  ")).unwrap(), None);
        assert_eq!(optional_date("Due date", None).unwrap(), None);
    }

    #[test]
    fn dates_of_birth_and_past_dates_are_not_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        for input in ["1900-01-01", "1958-03-14", "2026-11-25"] {
            assert_eq!(
                to_text(date_of_birth("Date of birth", input, today).unwrap()),
                input
            );
        }
        for (input, want) in [
            ("2026-11-26", "is in the future"),
            ("2027-01-01", "between 1900 and 2026"),
            ("1899-12-31", "between 1900 and 2026"),
            ("1958-02-29", "not a date that exists"),
            ("14/03/1958", "such as 2026-11-25"),
        ] {
            let err = date_of_birth("Date of birth", input, today)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("Date of birth: "), "{err}");
            assert!(err.contains(want), "{input:?}: {err}");
        }
        assert!(past_date("Flag date", "2026-11-25", today).is_ok());
        let err = past_date("Flag date", "2026-11-26", today)
            .unwrap_err()
            .to_string();
        assert_eq!(err, "Flag date: is in the future. Please check the date.");
        let err = past_date("Flag date", "1999-12-31", today)
            .unwrap_err()
            .to_string();
        assert!(err.contains("between 2000 and 2100"), "{err}");
    }

    #[test]
    fn times_table() {
        for (input, want) in [("09:30", "09:30"), ("00:00", "00:00"), ("23:59", "23:59")] {
            assert_eq!(time_text(time("Start time", input).unwrap()), want);
        }
        for input in ["24:00", "9:30", "09:60", "0930", "2pm", "09:30:00", ""] {
            let err = time("Start time", input).unwrap_err().to_string();
            assert!(err.contains("24-hour time"), "{input:?}: {err}");
        }
    }

    #[test]
    fn months_clamp_to_month_end() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        assert_eq!(to_text(add_months(d, 1)), "2026-02-28");
        assert_eq!(to_text(add_months(d, 12)), "2027-01-31");
    }

    #[test]
    fn today_is_london_not_utc() {
        // 23:30 UTC on 30 June is already 1 July in London (BST).
        let now = chrono::DateTime::parse_from_rfc3339("2026-06-30T23:30:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert_eq!(to_text(today_london(now)), "2026-07-01");
        let winter = chrono::DateTime::parse_from_rfc3339("2026-12-31T23:30:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert_eq!(to_text(today_london(winter)), "2026-12-31");
    }
}
