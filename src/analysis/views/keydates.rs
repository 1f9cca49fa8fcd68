//! Key dates: the dates the most independent sources vouch for, as a compact summary above the
//! timeline. It groups events by their date value and ranks the dates; it must not merge
//! different dates (a month and a day in it stay two entries), and undated background is never a
//! key date.

use std::collections::HashMap;

use super::{DateOf, event_date};
use crate::analysis::syndication::independence_keys;
use crate::analysis::{Analysis, ArticleId, EventId, TimeValue};

/// One date and the support behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyDate {
    /// The date, at its own granularity; clock times are counted under their day.
    pub date: TimeValue,
    /// Its label for people ("Monday 16 July 2018").
    pub label: String,
    /// The events on that date, in timeline order.
    pub events: Vec<EventId>,
    /// Every source reporting any of them, in id order.
    pub sources: Vec<ArticleId>,
    /// How many of those sources remain once wire copies of one story count once.
    pub independent_sources: usize,
}

/// The `limit` best-corroborated dates: most independent sources first, then most events, then
/// the earlier date.
pub fn key_dates(analysis: &Analysis, limit: usize) -> Vec<KeyDate> {
    rank_key_dates(analysis, limit, event_date)
}

fn rank_key_dates(analysis: &Analysis, limit: usize, date_of: DateOf) -> Vec<KeyDate> {
    let keys = independence_keys(&analysis.syndication, analysis.sources.len());
    let mut dates: Vec<KeyDate> = Vec::new();
    let mut slot: HashMap<String, usize> = HashMap::new();
    for event in &analysis.events {
        let Some(date) = date_of(event) else {
            continue;
        };
        let date = date.to_day_value();
        let i = *slot.entry(date.value.clone()).or_insert_with(|| {
            dates.push(KeyDate {
                label: date.label(),
                date,
                events: Vec::new(),
                sources: Vec::new(),
                independent_sources: 0,
            });
            dates.len() - 1
        });
        if let Some(key_date) = dates.get_mut(i) {
            key_date.events.push(event.id);
            key_date.sources.extend(&event.sources);
        }
    }
    for key_date in &mut dates {
        key_date.sources.sort_unstable();
        key_date.sources.dedup();
        let mut groups: Vec<usize> = key_date
            .sources
            .iter()
            .map(|s| {
                keys.get(s.index())
                    .copied()
                    .unwrap_or(usize::MAX - s.index())
            })
            .collect();
        groups.sort_unstable();
        groups.dedup();
        key_date.independent_sources = groups.len();
    }
    dates.sort_by(|a, b| {
        b.independent_sources
            .cmp(&a.independent_sources)
            .then(b.events.len().cmp(&a.events.len()))
            .then_with(|| a.date.timeline_cmp(&b.date))
    });
    dates.truncate(limit);
    dates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::views::seeds;
    use crate::analysis::views::toy::{Toy, toy_date};

    /// Four sources (`c` copies `b`) and events given as (date, sources); renders the top
    /// `limit` dates as "label: events / independent of sources".
    fn check(events: &[(&str, &[u32])], limit: usize, expect: &[&str]) {
        let text = "One. Two. Three. Four. Five. Six.";
        let words = ["One", "Two", "Three", "Four", "Five", "Six"];
        let mut toy = Toy::sources(&[text, text, text, text]);
        for ((date, sources), word) in events.iter().zip(words) {
            let mentions: Vec<(u32, &str)> = sources.iter().map(|&s| (s, word)).collect();
            toy = toy.event(date, &mentions);
        }
        let analysis = toy.copies(&[1, 2]).build();
        let got: Vec<String> = rank_key_dates(&analysis, limit, toy_date)
            .iter()
            .map(|k| {
                format!(
                    "{}: {} events, {} of {} sources",
                    k.label,
                    k.events.len(),
                    k.independent_sources,
                    k.sources.len()
                )
            })
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn dates_rank_by_independent_sources_then_events_then_date() {
        check(
            &[
                ("2018-07", &[0, 1, 2]),
                ("2018-07-16", &[0]),
                ("2018-07-16", &[1, 2]),
                ("2018-07-19TEV", &[3]),
                ("2018-07-19", &[0]),
                ("2018-FA", &[3]),
            ],
            10,
            &[
                "Monday 16 July 2018: 2 events, 2 of 3 sources",
                "Thursday 19 July 2018: 2 events, 2 of 2 sources",
                "July 2018: 1 events, 2 of 3 sources",
                "autumn 2018: 1 events, 1 of 1 sources",
            ],
        );
    }

    #[test]
    fn the_limit_cuts_and_undated_background_is_no_key_date() {
        check(
            &[("", &[0, 1, 3]), ("2016", &[0]), ("2007-07", &[3])],
            10,
            &[
                "July 2007: 1 events, 1 of 1 sources",
                "2016: 1 events, 1 of 1 sources",
            ],
        );
        check(
            &[("2016", &[0, 3]), ("2007-07", &[3])],
            1,
            &["2016: 1 events, 2 of 2 sources"],
        );
        check(&[("2016", &[0])], 0, &[]);
    }

    #[test]
    fn the_seeds_lead_with_the_summit_and_the_invitation() {
        let analysis = seeds::analysis();
        let top = key_dates(analysis, 3);
        assert_eq!(top.len(), 3);
        let labels: Vec<&str> = top.iter().map(|k| k.label.as_str()).collect();
        assert!(labels.contains(&"Monday 16 July 2018"), "{labels:?}");
        assert!(labels.contains(&"Thursday 19 July 2018"), "{labels:?}");
        for k in &top {
            assert_eq!(k.independent_sources, 5, "{}", k.label);
            assert_eq!(k.sources.len(), 5);
        }
        // Wednesday's remark, told by one source, ranks below every corroborated date.
        let all = key_dates(analysis, usize::MAX);
        let remark = all.iter().position(|k| k.date.value == "2018-07-18");
        let corroborated = all.iter().filter(|k| k.independent_sources >= 2).count();
        assert!(remark.is_some_and(|v| v >= corroborated), "{all:?}");
    }
}
