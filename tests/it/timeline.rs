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
                .map(|s| analysis.sources[s.index()].label()[..3].to_string())
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
