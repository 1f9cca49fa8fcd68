//! People, organisations, places and quotes across the seeds, as a user reads them.

use std::collections::BTreeSet;

use crossread::analysis::{Analysis, Entity, EntityKind};

use crate::timeline::analyse_seeds;

/// The short source labels ("000", "001"...) of a list of mentions.
fn labels<'a>(
    analysis: &Analysis,
    docs: impl Iterator<Item = &'a crossread::analysis::ArticleId>,
) -> Vec<String> {
    let set: BTreeSet<String> = docs
        .map(|d| analysis.sources[d.index()].label()[..3].to_string())
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
                s.label()[..3].to_string(),
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
