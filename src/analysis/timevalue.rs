//! TimeML date values ("2018-07-16", "2018-FA", "2018-W29", "201") as calendar intervals with a
//! granularity, so that the timeline can order and band them. It parses values; it must not
//! find dates in prose (that is `temporal`).

use std::cmp::Ordering;
use std::fmt;

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::{SignedDuration, ToSpan};
use serde::{Deserialize, Serialize};

/// How precise a date value is. Ordered from coarsest to finest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// A century, TimeML `19`.
    Century,
    /// A decade, TimeML `201`.
    Decade,
    /// A year, `2018`.
    Year,
    /// A half year, `2018-H1`.
    Half,
    /// A quarter, `2018-Q3`.
    Quarter,
    /// A season, `2018-FA`.
    Season,
    /// A month, `2018-07`.
    Month,
    /// An ISO week, `2018-W29`.
    Week,
    /// A day, `2018-07-16`.
    Day,
    /// A part of a day or a clock time, `2018-07-19TEV`, `2018-07-19T20:00`.
    Time,
}

impl Granularity {
    /// The lower-case name used in JSON and in the UI.
    pub fn name(self) -> &'static str {
        match self {
            Granularity::Century => "century",
            Granularity::Decade => "decade",
            Granularity::Year => "year",
            Granularity::Half => "half",
            Granularity::Quarter => "quarter",
            Granularity::Season => "season",
            Granularity::Month => "month",
            Granularity::Week => "week",
            Granularity::Day => "day",
            Granularity::Time => "time",
        }
    }
}

/// A calendar date value in TimeML form, with its granularity.
///
/// Invariant: `value` parses with [`TimeValue::parse`] to this same granularity.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TimeValue {
    /// The TimeML value, e.g. `2018-07-16` or `2018-FA`.
    pub value: String,
    /// How precise the value is.
    pub granularity: Granularity,
}

impl fmt::Display for TimeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

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

impl TimeValue {
    /// A day value.
    pub fn day(date: Date) -> TimeValue {
        TimeValue {
            value: format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
            granularity: Granularity::Day,
        }
    }

    /// Parses a TimeML DATE or TIME value that names a calendar stretch. Reference values
    /// (`PAST_REF`), durations and sets return `None`.
    pub fn parse(value: &str) -> Option<TimeValue> {
        let granularity = parse_range(value)?.2;
        Some(TimeValue {
            value: value.to_string(),
            granularity,
        })
    }

    /// The first and last day the value covers, inclusive.
    pub fn range(&self) -> Option<(Date, Date)> {
        parse_range(&self.value).map(|(a, b, _)| (a, b))
    }

    /// The stretch of clock time the value covers, as a half-open interval `[start, end)`: a day
    /// runs from midnight to the next midnight, a clock time covers its last written unit
    /// ("T20" an hour, "T20:00" a minute), and a part of the day covers its usual hours within
    /// that day (morning 06 to 12, afternoon 12 to 18, evening 18 to 22, night 22 to midnight,
    /// daytime 08 to 18). A clock the value cannot read covers its whole day. The axis and the
    /// date filter compare events through this, so that a season is a long bar and an evening
    /// a short one.
    pub fn time_range(&self) -> Option<(DateTime, DateTime)> {
        let (first, last) = self.range()?;
        if self.granularity == Granularity::Time
            && let Some(clock) = self.value.get(11..)
            && let Some((from, length)) = clock_range(clock)
        {
            let start = first.to_datetime(from);
            let end = start.checked_add(length).unwrap_or(DateTime::MAX);
            return Some((start, end));
        }
        let end = match last.tomorrow() {
            Ok(next) => next.to_datetime(Time::midnight()),
            Err(_) => DateTime::MAX,
        };
        Some((first.to_datetime(Time::midnight()), end))
    }

    /// The day, when the value is at least day-precise.
    pub fn as_day(&self) -> Option<Date> {
        match self.granularity {
            Granularity::Day | Granularity::Time => self.range().map(|r| r.0),
            _ => None,
        }
    }

    /// The value cut down to day precision, when it is finer.
    pub fn to_day_value(&self) -> TimeValue {
        match (self.granularity, self.as_day()) {
            (Granularity::Time, Some(d)) => TimeValue::day(d),
            _ => self.clone(),
        }
    }

    /// True when `other` lies inside the stretch this value covers.
    pub fn covers(&self, other: &TimeValue) -> bool {
        match (self.range(), other.range()) {
            (Some((a0, a1)), Some((b0, b1))) => a0 <= b0 && b1 <= a1,
            _ => false,
        }
    }

    /// Orders values by start, then with coarser values first.
    pub fn timeline_cmp(&self, other: &TimeValue) -> Ordering {
        let a = self.range();
        let b = other.range();
        a.map(|r| r.0)
            .cmp(&b.map(|r| r.0))
            .then(self.granularity.cmp(&other.granularity))
            .then(self.value.cmp(&other.value))
    }

    /// A label for people: "Monday 16 July 2018", "autumn 2018", "July 2007", "the 2010s".
    pub fn label(&self) -> String {
        let v = self.value.as_str();
        let year = v.get(0..4).unwrap_or(v);
        match self.granularity {
            Granularity::Century => {
                let c: i32 = v.parse().unwrap_or(0);
                format!("the {}00s", c)
            }
            Granularity::Decade => format!("the {}0s", v),
            Granularity::Year => year.to_string(),
            Granularity::Half => format!(
                "{} half of {}",
                if v.ends_with('1') { "first" } else { "second" },
                year
            ),
            Granularity::Quarter => format!("Q{} {}", v.get(6..7).unwrap_or("?"), year),
            Granularity::Season => {
                let s = match v.get(5..7) {
                    Some("SP") => "spring",
                    Some("SU") => "summer",
                    Some("FA") => "autumn",
                    _ => "winter",
                };
                format!("{s} {year}")
            }
            Granularity::Month => {
                let m: usize = v.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
                format!("{} {}", MONTHS[(m.clamp(1, 12)) - 1], year)
            }
            Granularity::Week => format!("week {} of {}", v.get(6..).unwrap_or("?"), year),
            Granularity::Day | Granularity::Time => match self.range() {
                Some((d, _)) => {
                    let day = format!(
                        "{} {} {} {}",
                        weekday_name(d.weekday()),
                        d.day(),
                        MONTHS[(d.month() as usize).clamp(1, 12) - 1],
                        d.year()
                    );
                    match v.get(10..) {
                        Some(t) if self.granularity == Granularity::Time => {
                            format!("{day}, {}", time_label(t.trim_start_matches('T')))
                        }
                        _ => day,
                    }
                }
                None => v.to_string(),
            },
        }
    }
}

impl TimeValue {
    /// A compact label for tight spaces such as matrix column heads: a day without its weekday
    /// and with a three-letter month ("16 Jul 2018"); coarser values as [`TimeValue::label`].
    pub fn short_label(&self) -> String {
        match (self.granularity, self.range()) {
            (Granularity::Day | Granularity::Time, Some((d, _))) => {
                let month = MONTHS[(d.month() as usize).clamp(1, 12) - 1];
                format!(
                    "{} {} {}",
                    d.day(),
                    month.get(..3).unwrap_or(month),
                    d.year()
                )
            }
            _ => self.label(),
        }
    }
}

/// The start and length of the clock part of a TimeML time value (after the `T`).
fn clock_range(clock: &str) -> Option<(Time, SignedDuration)> {
    let part = |h: i8, hours: i64| {
        Some((
            Time::new(h, 0, 0, 0).ok()?,
            SignedDuration::from_hours(hours),
        ))
    };
    match clock {
        "MO" => return part(6, 6),
        "AF" => return part(12, 6),
        "EV" => return part(18, 4),
        "NI" => return part(22, 2),
        "DT" => return part(8, 10),
        _ => {}
    }
    let fields: Vec<&str> = clock.split(':').collect();
    let field = |i: usize| -> Option<i8> {
        let f = fields.get(i)?;
        if f.len() != 2 {
            return None;
        }
        num(Some(f))
    };
    let hour = field(0)?;
    let (minute, second, unit) = match fields.len() {
        1 => (0, 0, SignedDuration::from_hours(1)),
        2 => (field(1)?, 0, SignedDuration::from_mins(1)),
        3 => (field(1)?, field(2)?, SignedDuration::from_secs(1)),
        _ => return None,
    };
    Some((Time::new(hour, minute, second, 0).ok()?, unit))
}

fn time_label(t: &str) -> String {
    match t {
        "MO" => "morning".into(),
        "AF" => "afternoon".into(),
        "EV" => "evening".into(),
        "NI" => "night".into(),
        "DT" => "daytime".into(),
        other => other.get(0..5).unwrap_or(other).to_string(),
    }
}

/// The English name of a month, 1 to 12; out-of-range numbers are clamped.
pub fn month_name(month: i8) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

/// The English name of a weekday.
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

fn num<T: std::str::FromStr>(s: Option<&str>) -> Option<T> {
    let s = s?;
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn ymd(y: i16, m: i8, d: i8) -> Option<Date> {
    Date::new(y, m, d).ok()
}

fn last_of_month(y: i16, m: i8) -> Option<Date> {
    ymd(y, m, 1).map(|d| d.last_of_month())
}

/// Parses a TimeML value into its first and last day and its granularity.
fn parse_range(v: &str) -> Option<(Date, Date, Granularity)> {
    let b = v.as_bytes();
    match b.len() {
        2 => {
            let c: i16 = num(Some(v))?;
            Some((
                ymd(c * 100, 1, 1)?,
                ymd(c * 100 + 99, 12, 31)?,
                Granularity::Century,
            ))
        }
        3 => {
            let d: i16 = num(Some(v))?;
            Some((
                ymd(d * 10, 1, 1)?,
                ymd(d * 10 + 9, 12, 31)?,
                Granularity::Decade,
            ))
        }
        4 => {
            let y: i16 = num(Some(v))?;
            Some((ymd(y, 1, 1)?, ymd(y, 12, 31)?, Granularity::Year))
        }
        _ => {
            let y: i16 = num(v.get(0..4))?;
            if b.get(4) != Some(&b'-') {
                return None;
            }
            let rest = v.get(5..)?;
            match rest {
                "SP" => return Some((ymd(y, 3, 1)?, ymd(y, 5, 31)?, Granularity::Season)),
                "SU" => return Some((ymd(y, 6, 1)?, ymd(y, 8, 31)?, Granularity::Season)),
                "FA" => return Some((ymd(y, 9, 1)?, ymd(y, 11, 30)?, Granularity::Season)),
                "WI" => {
                    return Some((
                        ymd(y, 12, 1)?,
                        last_of_month(y + 1, 2)?,
                        Granularity::Season,
                    ));
                }
                _ => {}
            }
            if let Some(w) = rest.strip_prefix('W') {
                let w: i8 = num(Some(w))?;
                let jan4 = ymd(y, 1, 4)?;
                let week1 = jan4
                    .checked_sub((jan4.weekday().to_monday_zero_offset() as i64).days())
                    .ok()?;
                let start = week1.checked_add(((w as i64 - 1) * 7).days()).ok()?;
                let end = start.checked_add(6.days()).ok()?;
                return Some((start, end, Granularity::Week));
            }
            if let Some(q) = rest.strip_prefix('Q') {
                let q: i8 = num(Some(q))?;
                if !(1..=4).contains(&q) {
                    return None;
                }
                return Some((
                    ymd(y, q * 3 - 2, 1)?,
                    last_of_month(y, q * 3)?,
                    Granularity::Quarter,
                ));
            }
            if let Some(h) = rest.strip_prefix('H') {
                let h: i8 = num(Some(h))?;
                return match h {
                    1 => Some((ymd(y, 1, 1)?, ymd(y, 6, 30)?, Granularity::Half)),
                    2 => Some((ymd(y, 7, 1)?, ymd(y, 12, 31)?, Granularity::Half)),
                    _ => None,
                };
            }
            let m: i8 = num(rest.get(0..2))?;
            if rest.len() == 2 {
                return Some((ymd(y, m, 1)?, last_of_month(y, m)?, Granularity::Month));
            }
            if rest.as_bytes().get(2) != Some(&b'-') {
                return None;
            }
            let d: i8 = num(rest.get(3..5))?;
            let day = ymd(y, m, d)?;
            match rest.get(5..) {
                Some("") => Some((day, day, Granularity::Day)),
                Some(t) if t.starts_with('T') && t.len() > 1 => Some((day, day, Granularity::Time)),
                _ => None,
            }
        }
    }
}

#[cfg(test)]
mod short_label_tests {
    use super::*;

    #[test]
    fn short_labels_drop_the_weekday_and_shorten_the_month() {
        let day = TimeValue::parse("2018-07-16").unwrap();
        assert_eq!(day.short_label(), "16 Jul 2018");
        let season = TimeValue::parse("2018-FA").unwrap();
        assert_eq!(season.short_label(), "autumn 2018");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: &str, expect: &str) {
        let got = match TimeValue::parse(value) {
            Some(tv) => {
                let (a, b) = tv.range().unwrap_or_default();
                format!("{} {a}..{b} {}", tv.granularity.name(), tv.label())
            }
            None => "none".to_string(),
        };
        assert_eq!(got, expect, "value {value}");
    }

    #[test]
    fn parses_timeml_values() {
        check(
            "2018-07-16",
            "day 2018-07-16..2018-07-16 Monday 16 July 2018",
        );
        check(
            "2018-07-19TEV",
            "time 2018-07-19..2018-07-19 Thursday 19 July 2018, evening",
        );
        check(
            "2018-07-19T20:00",
            "time 2018-07-19..2018-07-19 Thursday 19 July 2018, 20:00",
        );
        check("2018-07", "month 2018-07-01..2018-07-31 July 2018");
        check("2018", "year 2018-01-01..2018-12-31 2018");
        check("2018-FA", "season 2018-09-01..2018-11-30 autumn 2018");
        check("2018-WI", "season 2018-12-01..2019-02-28 winter 2018");
        check("2018-Q3", "quarter 2018-07-01..2018-09-30 Q3 2018");
        check("2018-W29", "week 2018-07-16..2018-07-22 week 29 of 2018");
        check("201", "decade 2010-01-01..2019-12-31 the 2010s");
        check("19", "century 1900-01-01..1999-12-31 the 1900s");
        check("PAST_REF", "none");
        check("P4D", "none");
        check("2018-02-30", "none");
    }

    fn check_time_range(value: &str, expect: &str) {
        let got = match TimeValue::parse(value).and_then(|tv| tv.time_range()) {
            Some((a, b)) => format!("{a}..{b}"),
            None => "none".to_string(),
        };
        assert_eq!(got, expect, "value {value}");
    }

    #[test]
    fn covers_clock_time_from_start_to_end() {
        check_time_range("2018-07-16", "2018-07-16T00:00:00..2018-07-17T00:00:00");
        check_time_range("2018-FA", "2018-09-01T00:00:00..2018-12-01T00:00:00");
        check_time_range("2018-WI", "2018-12-01T00:00:00..2019-03-01T00:00:00");
        check_time_range("201", "2010-01-01T00:00:00..2020-01-01T00:00:00");
        check_time_range("2018-07-19TEV", "2018-07-19T18:00:00..2018-07-19T22:00:00");
        check_time_range("2018-07-19TNI", "2018-07-19T22:00:00..2018-07-20T00:00:00");
        check_time_range(
            "2018-07-19T20:00",
            "2018-07-19T20:00:00..2018-07-19T20:01:00",
        );
        check_time_range("2018-07-19T20", "2018-07-19T20:00:00..2018-07-19T21:00:00");
        check_time_range(
            "2018-07-19T20:00:15",
            "2018-07-19T20:00:15..2018-07-19T20:00:16",
        );
        // A clock that cannot be read still dates the day.
        check_time_range(
            "2018-07-19T25:00",
            "2018-07-19T00:00:00..2018-07-20T00:00:00",
        );
        check_time_range("2018-07-19Tx", "2018-07-19T00:00:00..2018-07-20T00:00:00");
        // The last representable day ends at the end of time rather than failing.
        check_time_range(
            "9999-12-31",
            "9999-12-31T00:00:00..9999-12-31T23:59:59.999999999",
        );
        check_time_range("P4D", "none");
    }

    #[test]
    fn orders_coarse_before_fine_at_the_same_start() {
        let month = TimeValue::parse("2018-07")
            .unwrap_or_else(|| TimeValue::day(Date::constant(2000, 1, 1)));
        let day = TimeValue::parse("2018-07-01")
            .unwrap_or_else(|| TimeValue::day(Date::constant(2000, 1, 1)));
        assert_eq!(month.timeline_cmp(&day), Ordering::Less);
        assert!(month.covers(&day));
        assert!(!day.covers(&month));
    }
}
