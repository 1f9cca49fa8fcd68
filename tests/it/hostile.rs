//! The hostile corpus: every kind of bad or odd file dropped at once. Each file must come back
//! as documents or with a plain-language error, and nothing may panic.

use crossread::analysis::ingest::{IngestConfig, ingest_file};
use crossread::analysis::views::{
    EventIndex, FilterSpec, date_bands, key_dates, mention_diffs, source_coverage, time_axis,
    unmatched_filters, word_diff,
};
use crossread::analysis::{Analysis, Config, EventId, Severity, analyze};

/// A fixed-seed generator, so a failure repeats exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn hostile_files() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("empty.txt".into(), vec![]),
        ("spaces.txt".into(), b"   \n\n\t  ".to_vec()),
        ("nul.txt".into(), vec![0; 100]),
        (
            "png.txt".into(),
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec(),
        ),
        ("bad-utf8.txt".into(), b"Hello \xC3\x28 world".to_vec()),
        ("odd-utf16.txt".into(), b"\xFF\xFEa\0b".to_vec()),
        ("lone-surrogate.txt".into(), b"\xFF\xFE\x00\xD8a\0".to_vec()),
        (
            "only-separators.txt".into(),
            b"||||||||||||||||||||".to_vec(),
        ),
        ("header-only.txt".into(), b" date 2018-07-20 ".to_vec()),
        (
            "bad-header.txt".into(),
            b" date 2018-13-45 Something happened on Monday.".to_vec(),
        ),
        (
            "punctuation.txt".into(),
            "!?.…\"“”'‘’".repeat(5000).into_bytes(),
        ),
        (
            "one-long-line.txt".into(),
            "word ".repeat(200_000).into_bytes(),
        ),
        ("many-lines.txt".into(), "Mr.\n".repeat(50_000).into_bytes()),
        (
            "combining.txt".into(),
            "e\u{301}\u{302}\u{303} ".repeat(10_000).into_bytes(),
        ),
        (
            "rtl-and-emoji.txt".into(),
            "مرحبا 👩‍👩‍👧 on Monday. שלום July 2007."
                .repeat(1000)
                .into_bytes(),
        ),
        (
            "dates-everywhere.txt".into(),
            "On Monday, July 16, 2018, yesterday, this autumn, 1990s. "
                .repeat(3000)
                .into_bytes(),
        ),
        (
            "newline-char.txt".into(),
            "NEWLINE_CHAR".repeat(10_000).into_bytes(),
        ),
    ];
    let mut rng = Rng(0x5EED);
    for i in 0..40 {
        let len = (rng.next() % 4000) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| (rng.next() % 256) as u8).collect();
        files.push((format!("random-{i}.txt"), bytes));
    }
    // Valid UTF-8 made of random pieces of news text and odd characters.
    let pieces = [
        "Mr. ",
        "U.S. ",
        "said ",
        "\"",
        "“",
        "” ",
        "on Monday ",
        "July ",
        "2018",
        ". ",
        "\n",
        "|||||",
        "…",
        "é",
        " date ",
        "-",
        "16th ",
    ];
    for i in 0..40 {
        let text: String = (0..(rng.next() % 600))
            .map(|_| pieces[(rng.next() % pieces.len() as u64) as usize])
            .collect();
        files.push((format!("shuffled-{i}.txt"), text.into_bytes()));
    }
    files
}

#[test]
fn every_hostile_file_is_read_or_refused_with_a_reason() {
    let config = IngestConfig {
        max_file_bytes: 2 * 1024 * 1024,
        ..IngestConfig::default()
    };
    let mut documents = Vec::new();
    for (name, bytes) in hostile_files() {
        let outcome = ingest_file(&name, &bytes, &config);
        if outcome.documents.is_empty() {
            let error = outcome
                .diagnostics
                .iter()
                .find(|d| d.severity == Severity::Error);
            let error = error.unwrap_or_else(|| panic!("{name}: refused without a reason"));
            assert!(
                error.message.ends_with('.') && error.message.len() > 10,
                "{name}: {}",
                error.message
            );
        }
        for doc in &outcome.documents {
            for b in &doc.boilerplate {
                assert!(
                    doc.text.get(b.span.start..b.span.end).is_some(),
                    "{name}: boilerplate span off the text"
                );
            }
        }
        documents.extend(outcome.documents);
    }
    let analysis = analyze(&documents, &Config::default());
    for source in &analysis.sources {
        for s in source
            .sentences
            .iter()
            .chain(source.timexes.iter().map(|t| &t.span))
        {
            assert!(
                source.document.text.get(s.start..s.end).is_some(),
                "{}: span off the text",
                source.document.file
            );
        }
    }
    for event in &analysis.events {
        assert!(!event.mentions.is_empty());
    }
    every_view_answers(&analysis);
}

/// Every view of the timeline UI answers on the hostile analysis, with hostile filters, without
/// panicking, and keeps its invariants.
fn every_view_answers(analysis: &Analysis) {
    let all: Vec<EventId> = analysis.events.iter().map(|e| e.id).collect();
    let index = EventIndex::new(analysis);
    for fragment in [
        "",
        "#q=%FF%FE%00&entity=%E2%82&source=%&from=2018-02-30&to=9999-12-31",
        "#q=on+monday&from=0000&to=9999",
        "#q=\u{301}\u{302}&from=1990s",
        "#from=2018-07-16T99:99&to=2018-W99",
    ] {
        let spec = FilterSpec::from_fragment(fragment);
        let kept = index.filter_events(analysis, &spec);
        assert!(kept.len() <= all.len());
        let _ = unmatched_filters(analysis, &spec);
        assert_eq!(FilterSpec::from_fragment(&spec.to_fragment()), spec);
        let axis = time_axis(analysis, &kept, spec.date_window(), 300);
        assert!(axis.density.iter().sum::<u32>() as usize <= kept.len());
    }
    let _ = index.entity_facets(analysis);
    let _ = index.source_facets(analysis);
    let banded: usize = date_bands(analysis, &all)
        .iter()
        .map(|b| b.events.len())
        .sum();
    assert_eq!(banded, all.len());
    let coverage = source_coverage(analysis);
    assert!(
        coverage
            .rows
            .iter()
            .all(|r| r.reports.len() == coverage.events.len())
    );
    let _ = key_dates(analysis, 10);
    for event in &analysis.events {
        for (runs, mention) in mention_diffs(analysis, event.id)
            .iter()
            .zip(&event.mentions)
        {
            assert_eq!(runs.last().map_or(0, |r| r.span.end), mention.span.len());
        }
    }
    let long = "word ".repeat(20_000);
    assert_eq!(
        word_diff("word", &long).last().map(|r| r.span.end),
        Some(long.len())
    );
}
