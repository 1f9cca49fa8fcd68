//! Words to comparable terms: lower-cased, stop words dropped, light English stemming, so that
//! "invited", "invites" and "invitation" meet. It must not allocate per character or depend on
//! anything outside the text it is given.

/// English function words that carry no topic.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "said",
    "says",
    "say",
    "told",
    "mr",
    "mrs",
    "ms",
    "s",
    "t",
    "would",
    "may",
    "might",
    "must",
    "shall",
    "already",
    "yet",
    "however",
    "still",
    "us",
    "one",
    "two",
    "new",
    "according",
    "added",
    "later",
    "earlier",
    "well",
    "many",
    "much",
    "made",
    "make",
    "like",
];

/// A term of a text: a stem, and whether the word was written with a capital inside the sentence
/// (names carry more weight when matching).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Term {
    /// The stemmed, lower-cased word.
    pub stem: String,
    /// True for capitalised words that do not open the sentence.
    pub capitalised: bool,
}

/// Splits a sentence into its content terms, in order, duplicates kept.
pub fn extract_terms(sentence: &str) -> Vec<Term> {
    let mut out = Vec::new();
    let mut first = true;
    for word in words(sentence) {
        let lower = word.to_lowercase();
        let lower = lower.trim_end_matches("'s").trim_end_matches("’s");
        let capitalised = !first && word.chars().next().is_some_and(char::is_uppercase);
        first = false;
        if lower.len() < 2
            || STOP_WORDS.contains(&lower)
            || lower.chars().all(|c| c.is_ascii_digit()) && lower.len() < 3
        {
            continue;
        }
        out.push(Term {
            stem: stem_word(lower),
            capitalised,
        });
    }
    out
}

/// The words of a text: runs of letters and digits, with inner apostrophes and hyphens kept.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
}

/// A light English stemmer: strips common inflectional and derivational suffixes so that
/// related forms share a stem. It favours recall over linguistic exactness.
pub fn stem_word(word: &str) -> String {
    let w = word.replace('’', "'");
    let mut w = w.trim_end_matches("'s").trim_end_matches('\'').to_string();
    // Step one: plurals and third-person forms.
    if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() >= 3) {
        w = format!("{stem}y");
    } else if let Some(stem) = w.strip_suffix("sses") {
        w = format!("{stem}ss");
    } else if w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w.pop();
    }
    // Step two: one derivational or inflectional suffix.
    let suffixes: &[(&str, &str)] = &[
        ("ational", "ate"),
        ("ation", ""),
        ("ment", ""),
        ("ingly", ""),
        ("edly", ""),
        ("iness", "y"),
        ("ness", ""),
        ("ity", ""),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("er", ""),
        ("ly", ""),
        ("e", ""),
    ];
    for (suffix, replacement) in suffixes {
        if let Some(stem) = w.strip_suffix(suffix)
            && stem.chars().count() >= 3
        {
            let mut s = format!("{stem}{replacement}");
            // "planned" -> "plann" -> "plan": undo a doubled final consonant.
            let b = s.as_bytes();
            if b.len() >= 4
                && b[b.len() - 1] == b[b.len() - 2]
                && !matches!(b[b.len() - 1], b'l' | b's' | b'z' | b'e')
            {
                s.pop();
            }
            return s;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(sentence: &str, expect: &str) {
        let got: Vec<String> = extract_terms(sentence)
            .into_iter()
            .map(|t| {
                if t.capitalised {
                    t.stem.to_uppercase()
                } else {
                    t.stem
                }
            })
            .collect();
        assert_eq!(got.join(" "), expect);
    }

    #[test]
    fn reduces_words_to_stems() {
        check(
            "Trump invited Putin; the invitation invites talks.",
            "trump invit PUTIN invit invit talk",
        );
        check("Discussions are already under way.", "discussion way");
        check(
            "Russia's ambassador planned meetings",
            "russia ambassador plan meet",
        );
        check(
            "The summit with Russia was a great success",
            "summit RUSSIA great success",
        );
    }
}
