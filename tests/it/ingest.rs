//! Reading the seed files: dates with their evidence, titles and flagged boilerplate.

use crossread::analysis::ingest::{IngestConfig, ingest_file};

use crate::seed_files;

#[test]
fn seeds_get_their_publication_dates_or_are_marked_undated() {
    let got: Vec<String> = seed_files()
        .iter()
        .map(|(name, bytes)| {
            let outcome = ingest_file(name, bytes, &IngestConfig::default());
            assert_eq!(outcome.documents.len(), 1, "{name}");
            let doc = &outcome.documents[0];
            match &doc.published {
                Some(p) => format!("{name}: {} from {:?}", p.date.value, p.evidence.raw),
                None => format!("{name}: undated"),
            }
        })
        .collect();
    assert_eq!(
        got,
        [
            "000_2c93c9751dd572a9.txt: 2018-07-20 from \"date 2018-07-20\"",
            "001_1d7a7702461e28db.txt: undated",
            "002_525ae5a469998585.txt: 2018-07-20 from \"date 2018-07-20\"",
            "003_30b58145e12fbd7b.txt: 2018-07-20 from \"Published : 20 Jul 2018, 01:22\"",
            "004_3c97cdc25987cca6.txt: undated",
        ]
    );
}

#[test]
fn seed_boilerplate_is_flagged_and_kept_in_the_text() {
    let mut flagged = Vec::new();
    for (name, bytes) in seed_files() {
        let doc = ingest_file(&name, &bytes, &IngestConfig::default())
            .documents
            .remove(0);
        for b in &doc.boilerplate {
            let text = b.span.slice(&doc.text);
            assert!(!text.is_empty());
            flagged.push(format!(
                "{}: {} ({})",
                &name[..3],
                text.chars().take(40).collect::<String>(),
                b.reason
            ));
        }
    }
    assert_eq!(
        flagged,
        [
            "001: More From This Section (related links)",
            "002: Sorry, this content isn't available on y (unavailable-content notice)",
            "002: Donald Trump and Vladimir Putin shake ha (photo caption and credit)",
            "003: Thursday April 18, 2024 (page date line)",
            "003: Published : 20 Jul 2018, 01:22 (published line)",
            "003: Updated : 20 Jul 2018, 03:00 (updated line)",
            "003: DF-Xinhua Report (agency line)",
            "003: U.S. President Donald Trump (L) meets wi (photo caption)",
            "004: Donald Trump asks senior aide to invite  (repeated line)",
            "004: Picture by: Lehtikuva/Heikki Saukkomaa/X (photo credit)",
        ]
    );
}
