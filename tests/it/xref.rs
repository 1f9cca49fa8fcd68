//! People, organisations, places and quotes across the seeds, as a user reads them.

use std::collections::BTreeSet;

use crossread::analysis::ingest::{IngestConfig, ingest_file};
use crossread::analysis::{
    Analysis, ArticleId, Config, Document, Entity, EntityKind, Quote, Span, analyze,
};

use crate::seed_files;
use crate::timeline::analyse_seeds;

/// The short source labels ("000", "001"...) of a list of mentions.
fn labels<'a>(
    analysis: &Analysis,
    docs: impl Iterator<Item = &'a crossread::analysis::ArticleId>,
) -> Vec<String> {
    let set: BTreeSet<String> = docs
        .map(|d| analysis.sources[d.index()].document.file[..3].to_string())
        .collect();
    set.into_iter().collect()
}

/// The one entity that has `alias` among its aliases; fails when none or several do.
fn entity<'a>(analysis: &'a Analysis, alias: &str) -> &'a Entity {
    let found: Vec<&Entity> = analysis
        .entities
        .iter()
        .filter(|e| e.aliases.iter().any(|a| a == alias))
        .collect();
    assert_eq!(found.len(), 1, "entities with alias {alias:?}: {found:#?}");
    found[0]
}

/// Checks that every alias names the same person, and returns the source labels it appears in.
fn person(analysis: &Analysis, aliases: &[&str]) -> (String, Vec<String>) {
    let e = entity(analysis, aliases[0]);
    assert_eq!(e.kind, EntityKind::Person, "{e:#?}");
    for a in aliases {
        assert_eq!(entity(analysis, a).id, e.id, "{a:?} is not {}", e.name);
    }
    (
        e.name.clone(),
        labels(analysis, e.mentions.iter().map(|m| &m.document)),
    )
}

const ALL: [&str; 5] = ["000", "001", "002", "003", "004"];

#[test]
fn people_are_one_entity_each_across_sources() {
    let a = analyse_seeds();
    assert_eq!(
        person(&a, &["Donald Trump", "Trump", "Mr Trump"]),
        ("Donald Trump".into(), ALL.map(String::from).to_vec())
    );
    assert_eq!(
        person(&a, &["Vladimir Putin", "Putin", "Mr Putin"]),
        ("Vladimir Putin".into(), ALL.map(String::from).to_vec())
    );
    assert_eq!(
        person(&a, &["Sarah Huckabee Sanders", "Sarah Sanders", "Sanders"]),
        (
            "Sarah Huckabee Sanders".into(),
            ALL.map(String::from).to_vec()
        )
    );
    assert_eq!(
        person(&a, &["John Bolton", "@Ambjohnbolton"]),
        ("John Bolton".into(), ALL.map(String::from).to_vec())
    );
    assert_eq!(
        person(&a, &["Dan Coats", "Coats"]),
        (
            "Dan Coats".into(),
            vec!["000".into(), "001".into(), "002".into()]
        )
    );
}

#[test]
fn titles_become_roles() {
    let a = analyse_seeds();
    let roles = |alias: &str| entity(&a, alias).roles.clone();
    assert!(roles("Sanders").contains(&"White House spokeswoman".to_string()));
    assert!(roles("Sanders").contains(&"White House Press Secretary".to_string()));
    assert!(roles("John Bolton").contains(&"National Security Adviser".to_string()));
    assert!(roles("Dan Coats").contains(&"US Director of National Intelligence".to_string()));
    assert!(roles("Trump").contains(&"U.S. President".to_string()));
}

#[test]
fn the_us_president_is_trump_where_only_he_holds_that_role() {
    let a = analyse_seeds();
    let trump = entity(&a, "Trump");
    let phrases: Vec<(String, String)> = trump
        .mentions
        .iter()
        .map(|m| {
            let s = &a.sources[m.document.index()];
            (
                s.document.file[..3].to_string(),
                m.span.slice(&s.document.text).to_string(),
            )
        })
        .filter(|(_, t)| t.to_lowercase().contains("president"))
        .collect();
    assert!(
        phrases.contains(&("002".into(), "US president".into())),
        "{phrases:?}"
    );
    assert!(
        phrases.contains(&("004".into(), "US President".into())),
        "{phrases:?}"
    );
}

#[test]
fn places_and_organisations_are_typed() {
    let a = analyse_seeds();
    assert_eq!(entity(&a, "Helsinki").kind, EntityKind::Place);
    assert_eq!(entity(&a, "Colorado").kind, EntityKind::Place);
    let us = entity(&a, "United States");
    assert_eq!(us.kind, EntityKind::Place);
    assert_eq!(entity(&a, "US").id, us.id);
    assert_eq!(entity(&a, "U.S.").id, us.id);
    assert_eq!(
        entity(&a, "U.S. White House").id,
        entity(&a, "White House").id
    );
    assert_eq!(entity(&a, "White House").kind, EntityKind::Organisation);
    assert_eq!(
        entity(&a, "Aspen Security Forum").kind,
        EntityKind::Organisation
    );
    for word in ["Four", "Earlier", "Amid", "Following", "News", "Thursday"] {
        assert!(
            !a.entities
                .iter()
                .any(|e| e.aliases.iter().any(|x| x == word)),
            "{word:?} is not an entity"
        );
    }
}

/// The one quote with a wording that contains `words`; fails when none or several do.
fn quote<'a>(analysis: &'a Analysis, words: &str) -> &'a Quote {
    let found: Vec<&Quote> = analysis
        .quotes
        .iter()
        .filter(|q| q.variants.iter().any(|v| v.text.contains(words)))
        .collect();
    assert_eq!(found.len(), 1, "quotes with {words:?}: {found:#?}");
    found[0]
}

#[test]
fn coats_special_is_one_quote_in_the_sources_that_carry_it() {
    let a = analyse_seeds();
    let q = quote(&a, "going to be special");
    assert_eq!(labels(&a, q.sources.iter()), ["001", "002"]);
    assert_eq!(q.speaker_name.as_deref(), Some("Dan Coats"));
    assert!(q.mentions.iter().all(|m| m.speaker == q.speaker), "{q:#?}");
}

#[test]
fn coats_not_knowing_is_one_quote_though_one_outlet_changes_a_word() {
    let a = analyse_seeds();
    // 000 prints "Well, you're right, I don't know what happened at that meeting"; 001 prints
    // "I don't know what happened in that meeting" and goes on.
    let q = quote(&a, "know what happened at that meeting");
    assert_eq!(quote(&a, "know what happened in that meeting").id, q.id);
    assert_eq!(labels(&a, q.sources.iter()), ["000", "001"]);
    assert_eq!(q.speaker_name.as_deref(), Some("Dan Coats"));
}

#[test]
fn summit_tweet_is_one_quote_across_sources() {
    let a = analyse_seeds();
    let q = quote(&a, "The Summit with Russia was a great success");
    // 000 and 001 quote the tweet's opening; 002 ("our second meeting"), 003 ("a great success",
    // "start implementing some of the many things discussed") and 004 ("I look forward…") quote
    // other parts of the same tweet.
    assert_eq!(labels(&a, q.sources.iter()), ALL);
    assert_eq!(q.speaker_name.as_deref(), Some("Donald Trump"));
    assert!(
        q.text
            .starts_with("The Summit with Russia was a great success")
    );
    assert!(q.text.ends_with("North Korea and more"), "{}", q.text);
    // Two-word quotes match only when identical: 001 and 004 both quote "great success".
    let short: Vec<&Quote> = a
        .quotes
        .iter()
        .filter(|q| q.text == "great success")
        .collect();
    assert_eq!(short.len(), 1, "{short:#?}");
    assert_eq!(labels(&a, short[0].sources.iter()), ["001", "004"]);
    assert_ne!(short[0].id, q.id);
}

#[test]
fn bolton_invitation_is_one_quote_despite_brackets_handles_and_spelling() {
    let a = analyse_seeds();
    let q = quote(&a, "Bolton] to invite President Putin");
    assert_eq!(quote(&a, "@Ambjohnbolton to invite").id, q.id);
    assert_eq!(
        quote(&a, "(National Security Adviser) John Bolton").id,
        q.id
    );
    assert_eq!(
        quote(&a, "those discussions are already under way").id,
        q.id
    );
    assert_eq!(labels(&a, q.sources.iter()), ["001", "002", "003", "004"]);
    assert_eq!(q.speaker_name.as_deref(), Some("Sarah Huckabee Sanders"));
    // 003 attributes its second part to "she": the pronoun resolves to Sanders, not Trump.
    assert!(q.mentions.iter().all(|m| m.speaker == q.speaker), "{q:#?}");
}

#[test]
fn other_speakers_come_from_their_attributions() {
    let a = analyse_seeds();
    let speaker = |words: &str| quote(&a, words).speaker_name.clone().unwrap_or_default();
    assert_eq!(
        speaker("you're right, I don't know what happened"),
        "Dan Coats"
    );
    assert_eq!(speaker("Say that again"), "Dan Coats");
    assert_eq!(speaker("There are many answers"), "Donald Trump");
    assert_eq!(speaker("They are pushing so recklessly"), "Donald Trump");
    assert_eq!(speaker("shameful"), "Jeff Flake");
    assert_eq!(speaker("tragic mistake"), "John McCain");
    assert_eq!(speaker("the most serious mistake"), "Newt Gingrich");
    assert_eq!(
        speaker("was always open to such proposals"),
        "Anatoly Antonov"
    );
    assert_eq!(
        speaker("something that would go through"),
        "Sarah Huckabee Sanders"
    );
    assert_eq!(
        labels(&a, quote(&a, "There are many answers").sources.iter()),
        ["001", "002", "004"]
    );
}

#[test]
fn entities_and_quotes_do_not_depend_on_document_order() {
    let mut documents: Vec<_> = seed_files()
        .iter()
        .flat_map(|(name, bytes)| ingest_file(name, bytes, &IngestConfig::default()).documents)
        .collect();
    let forward = analyze(&documents, &Config::default());
    documents.reverse();
    let backward = analyze(&documents, &Config::default());
    assert_eq!(forward.entities, backward.entities);
    assert_eq!(forward.quotes, backward.quotes);
    assert!(!forward.quotes.is_empty() && !forward.entities.is_empty());
}

/// Builds many texts from quote marks, titles, names, handles and multi-byte characters with a
/// fixed linear congruential sequence, so every run sees the same hostile corpus.
fn hostile_documents(round: u64) -> Vec<Document> {
    const PIECES: &[&str] = &[
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        " ",
        "\n",
        "\n\n",
        "Mr",
        "Mr.",
        "President",
        "of",
        "the",
        "Trump",
        "Putin",
        "said",
        "he",
        "she",
        "they",
        "@x",
        "@Ambjohnbolton",
        "John",
        "Bolton",
        "(",
        ")",
        "[",
        "]",
        ",",
        ".",
        ":",
        "É",
        "🙂",
        "-",
        "US",
        "U.S.",
        "according to",
        "told",
        "Director",
        "House",
        "White",
        "…",
        "...",
        "s",
        "'s",
        "’s",
        "in",
        "The",
    ];
    let mut state = round.wrapping_add(42);
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    (0..3)
        .map(|d| {
            let mut text = String::new();
            for _ in 0..next() % 200 {
                text.push_str(PIECES[next() % PIECES.len()]);
                if next() % 3 == 0 {
                    text.push(' ');
                }
            }
            Document::from_text(&format!("{round}-{d}.txt"), 0, text)
        })
        .collect()
}

#[test]
fn hostile_text_gives_valid_spans_and_no_panic() {
    for round in 0..200 {
        let a = analyze(&hostile_documents(round), &Config::default());
        let valid = |doc: ArticleId, span: Span| {
            a.sources[doc.index()]
                .document
                .text
                .get(span.start..span.end)
                .is_some()
        };
        for e in &a.entities {
            assert!(
                e.mentions.iter().all(|m| valid(m.document, m.span)),
                "{e:?}"
            );
        }
        for q in &a.quotes {
            assert!(
                q.mentions.iter().all(|m| valid(m.document, m.span)),
                "{q:?}"
            );
        }
    }
}
