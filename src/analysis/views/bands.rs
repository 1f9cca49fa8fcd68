//! Groups timeline events into date bands at their true granularity: a day entry under its day,
//! "autumn 2018" and "July 2007" as bands of their own, undated background in a section of its
//! own at the end. It must not invent precision: a month is never shown as its first day.

use super::{DateOf, event_date, find_event};
use crate::analysis::{Analysis, EventId, Granularity};

/// The heading of the undated section.
pub const UNDATED_LABEL: &str = "Undated background";

/// One date heading with the events under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    /// The heading: "Monday 16 July 2018", "autumn 2018", or [`UNDATED_LABEL`].
    pub label: String,
    /// How precise the band's date is; `None` for undated background.
    pub granularity: Option<Granularity>,
    /// The band's TimeML value ("2018-07-16", "2018-FA"); `None` for undated background.
    pub value: Option<String>,
    /// Its events, in the order given.
    pub events: Vec<EventId>,
}

/// Bands `events` (in timeline order, possibly filtered). Consecutive events on the same date
/// value share a band; a clock time or part of a day ("Thursday evening") sits under its day,
/// since a reader looks for the day first. Every undated event goes to one last band, wherever it
/// stood in the input. Ids that are not events of `analysis` are skipped.
pub fn date_bands(analysis: &Analysis, events: &[EventId]) -> Vec<Band> {
    band_events(analysis, events, event_date)
}

fn band_events(analysis: &Analysis, events: &[EventId], date_of: DateOf) -> Vec<Band> {
    let mut bands: Vec<Band> = Vec::new();
    let mut undated: Vec<EventId> = Vec::new();
    for &id in events {
        let Some(event) = find_event(analysis, id) else {
            continue;
        };
        let Some(date) = date_of(event) else {
            undated.push(id);
            continue;
        };
        let date = date.to_day_value();
        match bands.last_mut() {
            Some(band) if band.value.as_deref() == Some(date.value.as_str()) => {
                band.events.push(id)
            }
            _ => bands.push(Band {
                label: date.label(),
                granularity: Some(date.granularity),
                value: Some(date.value),
                events: vec![id],
            }),
        }
    }
    if !undated.is_empty() {
        bands.push(Band {
            label: UNDATED_LABEL.to_string(),
            granularity: None,
            value: None,
            events: undated,
        });
    }
    bands
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::views::seeds;
    use crate::analysis::views::toy::{Toy, toy_date};

    /// Bands the toy events with these dates (`""` undated), given in this order, and renders
    /// each band as "label: event ids".
    fn check(dates: &[&str], expect: &[&str]) {
        let text = "One. Two. Three. Four. Five. Six. Seven. Eight.";
        let mut toy = Toy::sources(&[text]);
        let words = [
            "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight",
        ];
        for (date, word) in dates.iter().zip(words) {
            toy = toy.event(date, &[(0, word)]);
        }
        let analysis = toy.build();
        let ids: Vec<EventId> = analysis.events.iter().map(|e| e.id).collect();
        let got: Vec<String> = band_events(&analysis, &ids, toy_date)
            .iter()
            .map(|b| {
                let ids: Vec<String> = b.events.iter().map(|e| e.0.to_string()).collect();
                format!("{}: {}", b.label, ids.join(" "))
            })
            .collect();
        assert_eq!(got, expect, "dates {dates:?}");
    }

    #[test]
    fn bands_follow_the_true_granularity() {
        check(
            &["2007-07", "2018-07-16", "2018-07-16", "2018-FA"],
            &["July 2007: 0", "Monday 16 July 2018: 1 2", "autumn 2018: 3"],
        );
        // A month band stays a month even right before its first day.
        check(
            &["2018-07", "2018-07-01"],
            &["July 2018: 0", "Sunday 1 July 2018: 1"],
        );
        // An evening sits under its day.
        check(
            &["2018-07-19", "2018-07-19TEV", "2018-07-20T09:30"],
            &["Thursday 19 July 2018: 0 1", "Friday 20 July 2018: 2"],
        );
        // Only consecutive events share a band.
        check(
            &["2018", "2018-07-16", "2018"],
            &["2018: 0", "Monday 16 July 2018: 1", "2018: 2"],
        );
    }

    #[test]
    fn undated_background_comes_last_in_its_own_band() {
        check(
            &["", "2018-07-16", "", "201"],
            &[
                "Monday 16 July 2018: 1",
                "the 2010s: 3",
                "Undated background: 0 2",
            ],
        );
        check(&["", ""], &["Undated background: 0 1"]);
        check(&[], &[]);
    }

    #[test]
    fn the_seeds_read_as_bands_from_2007_to_autumn_2018() {
        let analysis = seeds::analysis();
        let bands = date_bands(analysis, &seeds::all_events());
        let labels: Vec<&str> = bands.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(labels.first(), Some(&"July 2007"));
        for day in [
            "Monday 16 July 2018",
            "Thursday 19 July 2018",
            "autumn 2018",
            "2016",
        ] {
            assert_eq!(
                labels.iter().filter(|l| **l == day).count(),
                1,
                "{day} in {labels:?}"
            );
        }
        // The summit week and the month are bands, not fake days.
        let week = bands
            .iter()
            .find(|b| b.value.as_deref() == Some("2018-W29"));
        assert_eq!(week.and_then(|b| b.granularity), Some(Granularity::Week));
        // Every event appears exactly once.
        let banded: Vec<EventId> = bands
            .iter()
            .flat_map(|b| b.events.iter().copied())
            .collect();
        assert_eq!(banded, seeds::all_events());
        // A filtered list bands only what is left.
        let summit = seeds::event_on("2018-07-16")
            .into_iter()
            .collect::<Vec<_>>();
        let bands = date_bands(analysis, &summit);
        assert_eq!(bands.len(), 1);
        assert_eq!(
            bands.first().map(|b| b.label.as_str()),
            Some("Monday 16 July 2018")
        );
    }
}
