//! Reads one standalone date string, as found in metadata and datelines ("20 Jul 2018, 01:22",
//! "Thursday April 18, 2024", "2018-07-20T01:22:00+00:00"). It must not search prose for dates:
//! that is the temporal tagger's job.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use crate::analysis::timevalue::TimeValue;

/// A date read from a dateline, with the byte range of the date inside the string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatelineDate {
    /// The date, at day precision (or month/year when that is all the string gives).
    pub date: TimeValue,
    /// Where the date sits inside the string that was read.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

const MONTH: &str = r"(?i:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)";

static DATE_FORMS: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?P<iy>\b(?:19|20)\d{{2}})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?:[T\ ]\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?
        | (?P<dd>\b[0-3]?\d)(?:st|nd|rd|th)?\ +(?:of\ +)?(?P<dm>{MONTH})\.?,?\ +(?P<dy>(?:19|20)\d{{2}})\b
        | (?P<mm>\b{MONTH})\.?\ +(?P<md>[0-3]?\d)(?:st|nd|rd|th)?,?\ +(?P<my>(?:19|20)\d{{2}})\b
        | (?P<ay>\b(?:19|20)\d{{2}})[/.](?P<am>[01]?\d)[/.](?P<ad>[0-3]?\d)\b
        | (?P<sa>\b[0-3]?\d)/(?P<sb>[0-3]?\d)/(?P<sy>(?:19|20)\d{{2}})\b
        | (?P<ed>\b[0-3]?\d)\.(?P<em>[01]?\d)\.(?P<ey>(?:19|20)\d{{2}})\b
        "
    );
    #[allow(
        clippy::expect_used,
        reason = "the pattern is a constant and covered by the unit tests"
    )]
    Regex::new(&pattern).expect("dateline pattern compiles")
});

/// The month number of an English month name or abbreviation.
pub fn month_number(name: &str) -> Option<i8> {
    let lower = name.trim_end_matches('.').to_ascii_lowercase();
    let m = match lower.get(0..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// Finds the first full calendar date (day, month and year) in a short string such as a dateline,
/// a meta tag's content or a JSON-LD value.
pub fn read_dateline(s: &str) -> Option<DatelineDate> {
    for caps in DATE_FORMS.captures_iter(s) {
        let whole = caps.get(0)?;
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i16>().ok());
        let (y, m, d) = if let Some(y) = num("iy") {
            (Some(y), num("im").map(|m| m as i8), num("id"))
        } else if let Some(y) = num("dy") {
            (
                Some(y),
                caps.name("dm").and_then(|m| month_number(m.as_str())),
                num("dd"),
            )
        } else if let Some(y) = num("my") {
            (
                Some(y),
                caps.name("mm").and_then(|m| month_number(m.as_str())),
                num("md"),
            )
        } else if let Some(y) = num("ay") {
            // "2018/07/20", "2018.07.20": the year first is always followed by the month.
            (Some(y), num("am").map(|m| m as i8), num("ad"))
        } else if let Some(y) = num("ey") {
            // "20.07.2018": dots are written day first.
            (Some(y), num("em").map(|m| m as i8), num("ed"))
        } else {
            // "07/20/2018" is American, month first; "20/07/2018" can only be day first.
            let (a, b) = (num("sa"), num("sb"));
            let (m, d) = if a.is_some_and(|a| a > 12) {
                (b, a)
            } else {
                (a, b)
            };
            (num("sy"), m.map(|m| m as i8), d)
        };
        if let (Some(y), Some(m), Some(d)) = (y, m, d)
            && let Ok(date) = Date::new(y, m, d as i8)
        {
            return Some(DatelineDate {
                date: TimeValue::day(date),
                start: whole.start(),
                end: whole.end(),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expect: &str) {
        let got = match read_dateline(input) {
            Some(d) => format!("{} [{}]", d.date.value, &input[d.start..d.end]),
            None => "none".to_string(),
        };
        assert_eq!(got, expect, "input {input:?}");
    }

    #[test]
    fn reads_common_dateline_forms() {
        check("Published : 20 Jul 2018, 01:22", "2018-07-20 [20 Jul 2018]");
        check("Thursday April 18, 2024", "2024-04-18 [April 18, 2024]");
        check("July 20, 2018 1:22 AM EDT", "2018-07-20 [July 20, 2018]");
        check(
            "2018-07-20T01:22:00+00:00",
            "2018-07-20 [2018-07-20T01:22:00+00:00]",
        );
        check("Updated Sept. 3, 2019", "2019-09-03 [Sept. 3, 2019]");
        check("3rd of March 2020", "2020-03-03 [3rd of March 2020]");
        check("07/20/2018", "2018-07-20 [07/20/2018]");
        check("Updated 20/07/2018 10:22", "2018-07-20 [20/07/2018]");
        check("Veröffentlicht am 20.07.2018", "2018-07-20 [20.07.2018]");
        check("2018.04.05 ~ OPEN RUN", "2018-04-05 [2018.04.05]");
        check("2018/7/5", "2018-07-05 [2018/7/5]");
        check("31 Feb 2018 then 1 Mar 2018", "2018-03-01 [1 Mar 2018]");
        check("no date here, 2018 only", "none");
        check("", "none");
    }
}
