//! The merged timeline over the seeds, as a user reads it.

use crossread::analysis::ingest::{IngestConfig, ingest_file};
use crossread::analysis::{Analysis, Config, Granularity, analyze};

use crate::seed_files;

pub fn analyse_seeds() -> Analysis {
    let documents: Vec<_> = seed_files()
        .iter()
        .flat_map(|(name, bytes)| ingest_file(name, bytes, &IngestConfig::default()).documents)
        .collect();
    analyze(&documents, &Config::default())
}

fn sources_of(analysis: &Analysis, date: &str) -> Vec<String> {
    let event = analysis
        .events
        .iter()
        .filter(|e| e.date.value == date)
        .max_by_key(|e| e.sources.len());
    event
        .map(|e| {
            e.sources
                .iter()
                .map(|s| analysis.sources[s.index()].document.file[..3].to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn summit_and_invitation_carry_every_source() {
    let analysis = analyse_seeds();
    assert_eq!(
        sources_of(&analysis, "2018-07-16"),
        ["000", "001", "002", "003", "004"]
    );
    assert_eq!(
        sources_of(&analysis, "2018-07-19"),
        ["000", "001", "002", "003", "004"]
    );
}

#[test]
fn planned_visit_is_a_season_not_a_day() {
    let analysis = analyse_seeds();
    let autumn = analysis
        .events
        .iter()
        .find(|e| e.date.value == "2018-FA")
        .expect("an autumn 2018 entry");
    assert_eq!(autumn.date.granularity, Granularity::Season);
    assert_eq!(autumn.date.label(), "autumn 2018");
    assert!(
        autumn.sources.len() >= 4,
        "autumn visit sources: {:?}",
        autumn.sources
    );
}

#[test]
fn undated_seeds_are_dated_from_their_cross_references() {
    let analysis = analyse_seeds();
    let estimates: Vec<String> = analysis
        .sources
        .iter()
        .filter_map(|s| {
            s.estimate
                .as_ref()
                .map(|e| format!("{}: {}", &s.document.file[..3], e.date.value))
        })
        .collect();
    assert_eq!(estimates, ["001: 2018-07-20", "004: 2018-07-19"]);
}

#[test]
fn every_mention_is_a_sentence_of_its_source() {
    let analysis = analyse_seeds();
    for event in &analysis.events {
        assert!(!event.mentions.is_empty());
        for m in &event.mentions {
            let source = &analysis.sources[m.document.index()];
            assert_eq!(
                m.span.slice(&source.document.text),
                source.sentence_text(m.sentence)
            );
            assert!(!m.span.is_empty());
        }
    }
}

#[test]
fn wire_copies_count_once_and_disagreements_are_kept() {
    let files = [
        (
            "wire-a.txt",
            " date 2018-07-20 Officials said 12 people were hurt when the old bridge over the Rhone collapsed in Lyon on Wednesday. Rescue teams searched the river banks.",
        ),
        (
            "wire-b.txt",
            " date 2018-07-20 Officials said 12 people were hurt when the old bridge over the Rhone collapsed in Lyon on Wednesday. Rescue teams searched the river banks.",
        ),
        (
            "local.txt",
            " date 2018-07-20 Officials said 15 people were hurt when the old bridge over the Rhone collapsed in Lyon on Tuesday. The mayor visited the site.",
        ),
    ];
    let documents: Vec<_> = files
        .iter()
        .flat_map(|(name, text)| {
            ingest_file(name, text.as_bytes(), &IngestConfig::default()).documents
        })
        .collect();
    let analysis = analyze(&documents, &Config::default());
    assert_eq!(
        analysis.syndication.len(),
        1,
        "the two wire copies form one group"
    );
    let event = analysis
        .events
        .iter()
        .find(|e| e.sources.len() == 3)
        .expect("one event with all three sources");
    assert_eq!(event.independent_sources, 2);
    assert_eq!(
        event.date.value, "2018-07-18",
        "the date two sources give leads"
    );
    let conflicts: Vec<String> = event
        .conflicts
        .iter()
        .map(|c| {
            let versions: Vec<String> = c
                .versions
                .iter()
                .map(|v| format!("{} by {}", v.value, v.sources.len()))
                .collect();
            format!("{:?}: {}", c.kind, versions.join(" / "))
        })
        .collect();
    assert_eq!(
        conflicts,
        [
            "Date: 2018-07-18 by 2 / 2018-07-17 by 1",
            "Number: 12 by 2 / 15 by 1"
        ]
    );
}

/// The whole seed timeline, as the CLI's text view prints it, against the checked-in file.
/// Run with CROSSREAD_BLESS=1 to rewrite the file after a deliberate change, then read the diff.
#[test]
fn seed_timeline_matches_the_checked_in_expectation() {
    let got = crossread::analysis::export::dump_timeline(&analyse_seeds());
    let path = crate::data_dir().join("seeds-timeline.expected.txt");
    if std::env::var_os("CROSSREAD_BLESS").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        got, expected,
        "the seed timeline changed; bless it with CROSSREAD_BLESS=1 if the change is right"
    );
}
