//! Finds who reacts in a sentence: the named actor of a verb of reaction ("Iran condemned the
//! bombing", "The Cuban government Friday condemned", "President Clerides sent his
//! condolences"). The same reaction by two actors is two claims, however alike the rest of the
//! wording, so the timeline keeps them apart. It reads words only, and gives no actor when it is
//! not sure.

use std::sync::LazyLock;

use regex::Regex;

/// Stems of verbs whose subject's act is the claim itself.
const REACTION_STEMS: &[&str] = &[
    "accus",
    "apologi",
    "blam",
    "condemn",
    "congratulat",
    "critici",
    "denie",
    "denounc",
    "deplor",
    "deny",
    "hail",
    "lament",
    "mourn",
    "pledg",
    "prais",
    "protest",
    "rebuk",
    "regret",
    "vow",
    "warn",
    "welcom",
];

/// Any word that starts like a verb of reaction, in any case.
static REACTION_HINT: LazyLock<Regex> = LazyLock::new(|| {
    let stems: Vec<&str> = REACTION_STEMS
        .iter()
        .chain(REACTION_WITH_OBJECT)
        .copied()
        .collect();
    #[allow(
        clippy::expect_used,
        reason = "the pattern is built from constant word lists covered by the unit tests"
    )]
    Regex::new(&format!(r"(?i)\b(?:{})", stems.join("|"))).expect("constant pattern compiles")
});

/// Verbs that are a reaction only with one of these words soon after them: "expressed its
/// condolences", "sent a message of sympathy".
const REACTION_WITH_OBJECT: &[&str] = &["express", "extend", "offer", "sent", "send", "convey"];

/// The objects that make one of [`REACTION_WITH_OBJECT`] a reaction.
const REACTION_OBJECTS: &[&str] = &[
    "condolence",
    "condolences",
    "sympathy",
    "sympathies",
    "shock",
    "outrage",
    "sorrow",
    "grief",
    "regret",
    "regrets",
    "solidarity",
    "support",
    "concern",
];

/// Words that may stand between an actor and its verb: times, auxiliaries and adverbs.
const BETWEEN: &[&str] = &[
    "again",
    "already",
    "also",
    "angrily",
    "april",
    "august",
    "bitterly",
    "december",
    "earlier",
    "february",
    "firmly",
    "formally",
    "friday",
    "had",
    "has",
    "have",
    "immediately",
    "january",
    "jointly",
    "july",
    "june",
    "last",
    "later",
    "march",
    "monday",
    "night",
    "november",
    "october",
    "officially",
    "on",
    "promptly",
    "publicly",
    "quickly",
    "repeatedly",
    "saturday",
    "separately",
    "september",
    "sharply",
    "strongly",
    "sunday",
    "swiftly",
    "thursday",
    "today",
    "tonight",
    "tuesday",
    "wednesday",
    "yesterday",
];

/// Words before the verb that make its subject the target, not the actor ("he was criticised"),
/// and pronouns, which name no one by themselves.
const NO_ACTOR: &[&str] = &[
    "am", "are", "be", "been", "being", "he", "i", "is", "it", "she", "they", "was", "we", "were",
    "you",
];

/// Lower-case nouns that stand for a named actor: "the Cuban government", "Iran's foreign
/// ministry".
const ACTOR_NOUNS: &[&str] = &[
    "administration",
    "authorities",
    "cabinet",
    "chancellor",
    "embassy",
    "foreign",
    "government",
    "king",
    "leader",
    "leaders",
    "leadership",
    "minister",
    "ministry",
    "office",
    "official",
    "officials",
    "parliament",
    "premier",
    "president",
    "prime",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "state",
];

/// Capitalised words that name a role, not who holds it.
const TITLE_WORDS: &[&str] = &[
    "ambassador",
    "chancellor",
    "foreign",
    "general",
    "government",
    "king",
    "minister",
    "ministry",
    "mr",
    "mrs",
    "ms",
    "president",
    "prime",
    "queen",
    "secretary",
    "senator",
    "sen",
    "the",
];

/// Adjectives of nationality that do not start with their country's name.
const DEMONYMS: &[(&str, &str)] = &[
    ("american", "united states"),
    ("british", "britain"),
    ("danish", "denmark"),
    ("dutch", "netherlands"),
    ("filipino", "philippines"),
    ("french", "france"),
    ("greek", "greece"),
    ("irish", "ireland"),
    ("polish", "poland"),
    ("spanish", "spain"),
    ("swedish", "sweden"),
    ("swiss", "switzerland"),
    ("thai", "thailand"),
    ("welsh", "wales"),
];

/// Names of one country written differently.
const SAME_PLACE: &[(&str, &str)] = &[
    ("u.s", "united states"),
    ("us", "united states"),
    ("usa", "united states"),
    ("america", "united states"),
    ("uk", "britain"),
    ("u.k", "britain"),
    ("united kingdom", "britain"),
];

/// A named actor's reaction found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reaction {
    /// Who reacts, normalised so that "Cuban" and "Cuba", "Iranian" and "Iran" compare equal
    /// through [`same_actor`].
    pub actor: String,
    /// Whether a relative clause after the verb tells of something else as well: "deplored the
    /// blasts, which killed scores of people".
    pub tells_more: bool,
}

/// The actor of the first verb of reaction in `sentence`, or `None` when the sentence has no
/// such verb or no named actor right before it.
pub fn reaction_actor(sentence: &str) -> Option<Reaction> {
    // One pass of a compiled pattern turns away the many sentences without such a verb.
    if !REACTION_HINT.is_match(sentence) {
        return None;
    }
    let words: Vec<(usize, &str)> = word_positions(sentence);
    // Most sentences have no verb of reaction: the words are compared without lower-casing them,
    // and only the few before the verb are lower-cased.
    let verb = (0..words.len()).find(|&i| is_reaction(&words, i))?;
    let tells_more = words[verb + 1..].windows(2).any(|w| {
        ["which", "that", "who"]
            .iter()
            .any(|r| w[0].1.eq_ignore_ascii_case(r))
            && !NO_ACTOR.iter().any(|n| w[1].1.eq_ignore_ascii_case(n))
    });
    let mut k = verb;
    let mut run: Vec<&str> = Vec::new();
    while k > 0 {
        let prev = k - 1;
        // A comma, a quotation mark or a bracket between two words ends the search.
        let gap = sentence[words[prev].0 + words[prev].1.len()..words[k].0].trim();
        let abbreviation = gap == "." && words[prev].1.contains('.');
        if !(gap.is_empty() || gap == "'s" || gap == "’s" || abbreviation) {
            break;
        }
        let w = words[prev].1;
        let lower = w.to_lowercase();
        let l = lower.as_str();
        let capitalised = w.chars().next().is_some_and(char::is_uppercase);
        if NO_ACTOR.contains(&l) {
            return None;
        }
        let filler = BETWEEN.contains(&l) || ACTOR_NOUNS.contains(&l);
        if capitalised && !filler && !(prev == 0 && TITLE_WORDS.contains(&l)) {
            run.push(w);
        } else if !run.is_empty() {
            // "Trump and Putin praised": a joint actor is not one name; "officials in
            // Nairobi condemned": a place the actor is in is not the actor.
            if matches!(l, "and" | "or" | "in" | "at" | "from" | "near" | "across") {
                return None;
            }
            break;
        } else if !filler {
            return None;
        }
        k = prev;
    }
    // A plural at the start of the sentence is a common noun that any sentence capitalises
    // there ("Lawmakers condemned ...").
    if let [only] = run.as_slice()
        && k == 0
        && only.ends_with('s')
    {
        return None;
    }
    run.reverse();
    let names: Vec<String> = run
        .iter()
        .map(|w| {
            w.trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_lowercase()
        })
        .filter(|w| !TITLE_WORDS.contains(&w.as_str()) && !BETWEEN.contains(&w.as_str()))
        .collect();
    if names.is_empty() {
        return None;
    }
    Some(Reaction {
        actor: normalise(&names),
        tells_more,
    })
}

/// Whether two actors are the same: equal, or one country's name and its adjective.
pub fn same_actor(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // "cuba" and "cuban", "kenya" and "kenyan", "south africa" and "south african".
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 4 && long.starts_with(short)
}

/// One actor's words as a comparable key: a person by surname, a country by its name.
fn normalise(names: &[String]) -> String {
    let joined = names.join(" ");
    let joined = joined.trim_end_matches('.');
    if let Some((_, place)) = SAME_PLACE.iter().find(|(k, _)| *k == joined) {
        return place.to_string();
    }
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for w in names {
        let w = w.trim_end_matches('.');
        let w = match DEMONYMS.iter().find(|(d, _)| *d == w) {
            Some((_, country)) => country.to_string(),
            None => demonym_stem(w),
        };
        out.push(w);
    }
    // "Bill Clinton", "President Clinton": a person is known by the last word.
    if out.len() >= 2
        && !out
            .iter()
            .any(|w| w == "south" || w == "north" || w == "united")
    {
        return out.last().cloned().unwrap_or_default();
    }
    out.join(" ")
}

/// A country adjective cut back to its country's stem: "iranian" to "iran", "cypriot" to
/// "cypr", "kenyan" to "kenya"; other words unchanged.
fn demonym_stem(w: &str) -> String {
    for suffix in ["ian", "iot", "ese", "ish", "an", "i"] {
        if let Some(stem) = w.strip_suffix(suffix)
            && stem.chars().count() >= 4
        {
            return stem.to_string();
        }
    }
    w.to_string()
}

/// Whether word `i` is a verb of reaction.
fn is_reaction(words: &[(usize, &str)], i: usize) -> bool {
    let w = words[i].1;
    if REACTION_STEMS
        .iter()
        .any(|s| starts_with_ignoring_case(w, s))
    {
        // Nouns and adjectives of the same stems ("the condemnation", "critical") are no act.
        return !["tion", "al", "ism"].iter().any(|end| {
            w.len() >= end.len()
                && w.is_char_boundary(w.len() - end.len())
                && w[w.len() - end.len()..].eq_ignore_ascii_case(end)
        });
    }
    REACTION_WITH_OBJECT
        .iter()
        .any(|s| starts_with_ignoring_case(w, s))
        && words[i + 1..]
            .iter()
            .take(5)
            .any(|o| REACTION_OBJECTS.iter().any(|r| o.1.eq_ignore_ascii_case(r)))
}

/// Whether `word` starts with the lower-case ASCII `prefix`, in any case.
fn starts_with_ignoring_case(word: &str, prefix: &str) -> bool {
    word.len() >= prefix.len()
        && word.is_char_boundary(prefix.len())
        && word[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// The words of a sentence with their byte offsets: runs of letters, digits, dots inside
/// abbreviations, apostrophes and hyphens.
fn word_positions(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let inner = c.is_alphanumeric()
            || (start.is_some() && matches!(c, '\'' | '’' | '-'))
            || (start.is_some() && c == '.' && s[i + 1..].starts_with(|n: char| n.is_alphabetic()));
        match (inner, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                out.push((a, s[a..i].trim_end_matches(['\'', '’', '-'])));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        out.push((a, s[a..].trim_end_matches(['\'', '’', '-'])));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(sentence: &str, expect: Option<&str>) {
        assert_eq!(
            reaction_actor(sentence).map(|r| r.actor).as_deref(),
            expect,
            "{sentence:?}"
        );
    }

    #[test]
    fn finds_who_reacts() {
        check(
            "Iran Saturday condemned the bombing of U.S. embassies in Kenya and Tanzania.",
            Some("iran"),
        );
        check(
            "The Cuban government Friday condemned the two bomb explosions near U.S. embassies.",
            Some("cuban"),
        );
        check(
            "The Cypriot government Saturday strongly condemned two terrorist bomb attacks.",
            Some("cypr"),
        );
        check(
            "South Africa deplored Friday the bomb blasts which killed scores of people.",
            Some("south africa"),
        );
        check(
            "President Bill Clinton Saturday vowed to hunt down those responsible.",
            Some("clinton"),
        );
        check(
            "The Cuban government also expressed its condolences to the families of the victims.",
            Some("cuban"),
        );
        check("President Putin has rejected the charge.", None);
        // The subject of a passive is the target; a pronoun names no one.
        check("He was criticised for appearing to cast doubt.", None);
        check("Trump was condemned by Democrats.", None);
        check("Suspected bombs exploded outside the U.S. embassies.", None);
        // Words of any script are read without a panic.
        check(
            "Le président Macron condamnè€ l'attaque, ПРАВДА deplor€",
            Some("правда"),
        );
        // A common noun as the subject names no one.
        check("Lawmakers condemned the remarks.", None);
        check(
            "Both Trump and Putin earlier on Thursday praised their first meeting.",
            None,
        );
        check("Officials in Nairobi condemned the attack.", None);
    }

    #[test]
    fn a_relative_clause_tells_more_than_the_reaction() {
        let more = |s: &str| reaction_actor(s).is_some_and(|r| r.tells_more);
        assert!(more(
            "South Africa deplored Friday the bomb blasts which killed scores of people."
        ));
        assert!(!more(
            "Iran condemned the bombing and expressed sympathy for the families of the victims."
        ));
    }

    #[test]
    fn a_country_and_its_adjective_are_one_actor() {
        check("The U.S. condemned the attack.", Some("united states"));
        check(
            "American officials condemned the attack.",
            Some("united states"),
        );
        let actor = |s: &str| reaction_actor(s).map(|r| r.actor).unwrap_or_default();
        assert!(same_actor(
            &actor("Kenya condemned the attack."),
            &actor("The Kenyan government condemned the attack.")
        ));
        assert!(same_actor(
            &actor("The South African government deplores these acts."),
            &actor("South Africa deplored the blasts.")
        ));
        assert!(same_actor(
            &actor("The U.S. condemned the attack."),
            &actor("American officials condemned the attack.")
        ));
        assert!(!same_actor(
            &actor("Iran condemned the bombing."),
            &actor("The Cuban government condemned the bombing.")
        ));
    }
}
