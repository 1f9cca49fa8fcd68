//! The TimelineJS 3 export: the JSON that Knight Lab's TimelineJS loads, one slide per dated
//! event. TimelineJS requires `start_date.year` on every event and refuses an event without a
//! start date, so undated events are left out and counted on the title slide. It renders
//! headline and text as HTML, so everything from a file is HTML-escaped. It must not compute
//! anything the analysis did not.

use serde::Serialize;

use super::{
    Analysis, Granularity, TimeValue, conflict_lines, count_line, dating_line, escape_html,
    event_date, mention_text, one_line, story_title,
};
use crate::analysis::timeline::Event;

/// The whole file: a title slide and the events.
#[derive(Serialize)]
struct Timeline {
    title: TitleSlide,
    events: Vec<Slide>,
}

/// The title slide, which has no date; its text lists the sources, since TimelineJS has no
/// place for credits outside a media object and these slides carry no media.
#[derive(Serialize)]
struct TitleSlide {
    text: Text,
    unique_id: String,
}

/// One event slide.
#[derive(Serialize)]
struct Slide {
    start_date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Date>,
    text: Text,
    group: &'static str,
    unique_id: String,
    display_date: String,
}

/// Headline and body, both HTML.
#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

/// A TimelineJS date. Parts are decimal strings, as TimelineJS's own spreadsheet import writes
/// them; it parses each with `parseInt` and fills missing parts with their first value.
#[derive(Serialize)]
struct Date {
    year: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hour: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minute: Option<String>,
}

impl Date {
    fn day(d: jiff::civil::Date) -> Date {
        Date {
            year: d.year().to_string(),
            month: Some(d.month().to_string()),
            day: Some(d.day().to_string()),
            hour: None,
            minute: None,
        }
    }
}

/// The analysis as TimelineJS 3 JSON. Each dated event becomes a slide: a day (or a clock time)
/// is a point; a week, month, season, quarter, half, year, decade or century spans its first to
/// its last day, and `display_date` carries the label ("autumn 2018") so TimelineJS does not
/// show it as a day. The slide's text gives the counts, the conflicts and every source's own
/// sentence with the source's name; `group` sorts slides into corroborated, wire-copy-only and
/// single-source rows. The title slide lists the sources with their dating.
pub fn export_timelinejs(analysis: &Analysis) -> String {
    let events: Vec<Slide> = analysis
        .events
        .iter()
        .filter_map(|e| slide(analysis, e))
        .collect();
    let undated = analysis.events.len() - events.len();
    let timeline = Timeline {
        title: TitleSlide {
            text: Text {
                headline: escape_html(&story_title(analysis)),
                text: title_text(analysis, undated),
            },
            unique_id: "crossread-title".to_string(),
        },
        events,
    };
    serde_json::to_string_pretty(&timeline).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The slide for one event, or `None` when the event has no date TimelineJS can place.
fn slide(analysis: &Analysis, event: &Event) -> Option<Slide> {
    let date = event_date(event)?;
    let (start_date, end_date) = dates(date)?;
    let mut text = format!("<p>{}.", escape_html(&count_line(event)));
    if event.single_source {
        text += " Only one source reports this.";
    }
    text += "</p>";
    for line in conflict_lines(analysis, event) {
        text += &format!("<p><strong>{}</strong></p>", escape_html(&line));
    }
    text += "<ul>";
    for m in &event.mentions {
        let Some(source) = analysis.sources.get(m.document.index()) else {
            continue;
        };
        text += &format!(
            "<li><strong>{}</strong>: “{}”</li>",
            escape_html(&source.label()),
            escape_html(&one_line(mention_text(analysis, m.document, m.span)))
        );
    }
    text += "</ul>";
    let group = if event.single_source {
        "Single source"
    } else if event.independent_sources < 2 {
        "Wire copies only"
    } else {
        "Corroborated"
    };
    Some(Slide {
        start_date,
        end_date,
        text: Text {
            headline: escape_html(&one_line(&event.text)),
            text,
        },
        group,
        unique_id: format!("event-{}", event.id.0),
        display_date: date.label(),
    })
}

/// A value's TimelineJS start and end: a point for a day or a time, else the first and last
/// day it covers. `None` when the value names no calendar stretch.
fn dates(value: &TimeValue) -> Option<(Date, Option<Date>)> {
    let (first, last) = value.range()?;
    match value.granularity {
        Granularity::Day => Some((Date::day(first), None)),
        Granularity::Time => {
            let mut start = Date::day(first);
            // "2018-07-19T20:00" has a clock time; "2018-07-19TEV" only a part of the day, which
            // stays in the label.
            let clock = value.value.get(11..16).and_then(|t| {
                let (h, m) = t.split_once(':')?;
                Some((h.parse::<u8>().ok()?, m.parse::<u8>().ok()?))
            });
            if let Some((h, m)) = clock {
                start.hour = Some(h.to_string());
                start.minute = Some(m.to_string());
            }
            Some((start, None))
        }
        _ => Some((Date::day(first), Some(Date::day(last)))),
    }
}

/// The title slide's text: the sources with their titles and dating, and how many undated
/// entries TimelineJS cannot show.
fn title_text(analysis: &Analysis, undated: usize) -> String {
    let n = analysis.sources.len();
    let mut text = format!(
        "<p>Merged by Crossread from {n} source{}.</p><ul>",
        if n == 1 { "" } else { "s" }
    );
    for s in &analysis.sources {
        text += &format!("<li><strong>{}</strong>", escape_html(&s.label()));
        if let Some(t) = &s.document.title {
            text += &format!(": “{}”", escape_html(&one_line(&t.value)));
        }
        text += &format!(". {}.</li>", escape_html(&dating_line(s)));
    }
    text += "</ul>";
    if undated > 0 {
        text += &format!(
            "<p>{undated} undated entr{} left out: TimelineJS needs a date for every event.</p>",
            if undated == 1 { "y is" } else { "ies are" }
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: &str, expect: &str) {
        let got = TimeValue::parse(value)
            .and_then(|v| dates(&v))
            .map(|(start, end)| {
                let json = |d: &Date| serde_json::to_string(d).unwrap_or_default();
                match end {
                    Some(end) => format!("{} .. {}", json(&start), json(&end)),
                    None => json(&start),
                }
            })
            .unwrap_or_else(|| "none".to_string());
        assert_eq!(got, expect, "value {value}");
    }

    #[test]
    fn dates_span_their_granularity() {
        check("2018-07-16", r#"{"year":"2018","month":"7","day":"16"}"#);
        check(
            "2018-07-19T20:05",
            r#"{"year":"2018","month":"7","day":"19","hour":"20","minute":"5"}"#,
        );
        check("2018-07-19TEV", r#"{"year":"2018","month":"7","day":"19"}"#);
        check(
            "2018-FA",
            r#"{"year":"2018","month":"9","day":"1"} .. {"year":"2018","month":"11","day":"30"}"#,
        );
        check(
            "2018-07",
            r#"{"year":"2018","month":"7","day":"1"} .. {"year":"2018","month":"7","day":"31"}"#,
        );
        check(
            "201",
            r#"{"year":"2010","month":"1","day":"1"} .. {"year":"2019","month":"12","day":"31"}"#,
        );
        check("PAST_REF", "none");
    }
}
