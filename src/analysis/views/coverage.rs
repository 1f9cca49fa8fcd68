//! The coverage matrix of the sources panel: which source reports which event, what only one
//! source reports, and which corroborated events a source leaves out (its blindspot). It reads
//! the timeline's independent-source counts and never recounts sources itself.

use crate::analysis::{Analysis, ArticleId, Event, EventId};

use super::find_event;

/// An event is corroborated when at least this many independent sources report it.
pub const CORROBORATED: usize = 2;

/// Sources by events.
///
/// Invariant: every row's `reports` has one entry per column of `events`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// The columns: corroborated events first, most independent sources first (ties in timeline
    /// order), then every other event in timeline order.
    pub events: Vec<EventId>,
    /// One row per source, in source id order.
    pub rows: Vec<CoverageRow>,
}

/// What one source covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageRow {
    /// The source.
    pub document: ArticleId,
    /// Its short name.
    pub label: String,
    /// Per column of [`Coverage::events`], whether this source reports that event.
    pub reports: Vec<bool>,
    /// Events no independent source besides this one reports, in column order. Wire copies
    /// count as one source here: the timeline's `independent_sources` already counts a
    /// syndication group once, so an event carried only by one agency story and its copies is
    /// "only here" in each copy's row, and a second, independent report takes it out of every
    /// row.
    pub only_here: Vec<EventId>,
    /// Corroborated events (at least [`CORROBORATED`] independent sources) this source does not
    /// report, in column order.
    pub blindspot: Vec<EventId>,
}

/// The coverage of every event of the analysis.
pub fn source_coverage(analysis: &Analysis) -> Coverage {
    let all: Vec<EventId> = analysis.events.iter().map(|e| e.id).collect();
    source_coverage_of(analysis, &all)
}

/// The coverage of some events (say, those a filter keeps), with the same column order and
/// rules as [`source_coverage`]. Ids that are not events of `analysis` are skipped.
pub fn source_coverage_of(analysis: &Analysis, events: &[EventId]) -> Coverage {
    let mut columns: Vec<(usize, &Event)> = events
        .iter()
        .filter_map(|id| find_event(analysis, *id))
        .enumerate()
        .collect();
    // Corroborated first by independent count, highest first; the stable sort keeps timeline
    // order within a count and among the rest.
    columns.sort_by_key(|(order, e)| {
        let corroborated = e.independent_sources >= CORROBORATED;
        (
            !corroborated,
            std::cmp::Reverse(if corroborated {
                e.independent_sources
            } else {
                0
            }),
            *order,
        )
    });
    // Fill the matrix from each event's own source list, so the work follows the reports
    // rather than every cell; corroborated columns come first, so a blindspot is a gap among
    // the first `corroborated` cells of a row.
    let corroborated = columns
        .iter()
        .take_while(|(_, e)| e.independent_sources >= CORROBORATED)
        .count();
    let mut rows: Vec<CoverageRow> = analysis
        .sources
        .iter()
        .map(|source| CoverageRow {
            document: source.id,
            label: source.label(),
            reports: vec![false; columns.len()],
            only_here: Vec::new(),
            blindspot: Vec::new(),
        })
        .collect();
    for (column, (_, event)) in columns.iter().enumerate() {
        for source in &event.sources {
            let Some(row) = rows.get_mut(source.index()) else {
                continue;
            };
            if let Some(cell) = row.reports.get_mut(column) {
                *cell = true;
            }
            if event.independent_sources <= 1 {
                row.only_here.push(event.id);
            }
        }
    }
    for row in &mut rows {
        row.blindspot = row
            .reports
            .iter()
            .zip(&columns)
            .take(corroborated)
            .filter(|(reports, _)| !**reports)
            .map(|(_, (_, e))| e.id)
            .collect();
    }
    Coverage {
        events: columns.into_iter().map(|(_, e)| e.id).collect(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::views::seeds;
    use crate::analysis::views::toy::Toy;

    /// Four sources (`c` copies `b` when `copies` is set) and these events, each given as the
    /// sources that report it; renders the columns and, per row, its marks, only-here and
    /// blindspot events.
    fn check(events: &[&[u32]], copies: bool, expect: &[&str]) {
        let text = "One. Two. Three. Four. Five.";
        let words = ["One", "Two", "Three", "Four", "Five"];
        let mut toy = Toy::sources(&[text, text, text, text]);
        for (sources, word) in events.iter().zip(words) {
            let mentions: Vec<(u32, &str)> = sources.iter().map(|&s| (s, word)).collect();
            toy = toy.event("2018-07-16", &mentions);
        }
        if copies {
            toy = toy.copies(&[1, 2]);
        }
        let analysis = toy.build();
        let coverage = source_coverage(&analysis);
        let ids = |list: &[EventId]| -> String {
            list.iter()
                .map(|e| e.0.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        let mut got = vec![format!("columns {}", ids(&coverage.events))];
        for row in &coverage.rows {
            let marks: String = row
                .reports
                .iter()
                .map(|r| if *r { 'x' } else { '.' })
                .collect();
            got.push(format!(
                "{} {} only {} blind {}",
                row.label,
                marks,
                ids(&row.only_here),
                ids(&row.blindspot)
            ));
        }
        assert_eq!(got, expect);
    }

    #[test]
    fn corroborated_columns_come_first_and_blindspots_show() {
        check(
            &[&[0], &[0, 1], &[0, 1, 2, 3], &[3], &[1, 3]],
            false,
            &[
                "columns 2,1,4,0,3",
                "a xx.x. only 0 blind 4",
                "b xxx.. only  blind ",
                "c x.... only  blind 1,4",
                "d x.x.x only 3 blind 1",
            ],
        );
    }

    #[test]
    fn wire_copies_count_once_for_only_here() {
        // Event 1 is reported by b and its copy c alone: only here, in both rows, and not
        // corroborated, so a and d have no blindspot for it.
        check(
            &[&[0, 1, 3], &[1, 2], &[2, 3]],
            true,
            &[
                "columns 0,2,1",
                "a x.. only  blind 2",
                "b x.x only 1 blind 2",
                "c .xx only 1 blind 0",
                "d xx. only  blind ",
            ],
        );
    }

    #[test]
    fn on_the_seeds_the_summit_is_covered_by_all_and_single_reports_stand_out() {
        let analysis = seeds::analysis();
        let coverage = source_coverage(analysis);
        assert_eq!(coverage.events.len(), analysis.events.len());
        assert_eq!(coverage.rows.len(), 5);
        // The most corroborated events lead, and the summit is one of them, reported by all.
        let summit = seeds::event_on("2018-07-16");
        let column = coverage.events.iter().position(|e| Some(*e) == summit);
        assert!(column.is_some_and(|c| c < 5), "{:?}", coverage.events);
        for row in &coverage.rows {
            assert_eq!(
                column.and_then(|c| row.reports.get(c)),
                Some(&true),
                "{}",
                row.label
            );
        }
        // The Wednesday remark is only in Xinhua, and "this week" only in source 004.
        let remark = seeds::event_on("2018-07-18");
        let week = seeds::event_on("2018-W29");
        let only: Vec<(&str, bool, bool)> = coverage
            .rows
            .iter()
            .map(|r| {
                (
                    r.label.as_str(),
                    remark.is_some_and(|v| r.only_here.contains(&v)),
                    week.is_some_and(|w| r.only_here.contains(&w)),
                )
            })
            .collect();
        assert_eq!(only.iter().filter(|o| o.1).count(), 1, "{only:?}");
        assert!(only.iter().any(|o| o.0 == "Xinhua" && o.1), "{only:?}");
        assert!(
            only.iter().any(|o| o.0.starts_with("004_") && o.2),
            "{only:?}"
        );
        // Antonov's answer on Friday has two independent sources, so the other three miss it.
        let answer = seeds::event_on("2018-07-20");
        let blind = coverage
            .rows
            .iter()
            .filter(|r| answer.is_some_and(|v| r.blindspot.contains(&v)))
            .count();
        assert_eq!(blind, 3);
    }
}
