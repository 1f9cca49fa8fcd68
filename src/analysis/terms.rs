//! Words to comparable terms: lower-cased, stop words dropped, light English stemming, so that
//! "invited", "invites" and "invitation" meet. It must not allocate per character or depend on
//! anything outside the text it is given.

use super::fasthash::FastMap;

/// English function words that carry no topic, sorted for binary search.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "according",
    "added",
    "after",
    "again",
    "against",
    "all",
    "already",
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
    "earlier",
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
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "later",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "my",
    "myself",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "s",
    "said",
    "same",
    "say",
    "says",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "still",
    "such",
    "t",
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
    "told",
    "too",
    "two",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "well",
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
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
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
    visit_terms(sentence, |stem, capitalised| {
        out.push(Term {
            stem: stem.to_string(),
            capitalised,
        })
    });
    out
}

/// Calls `f` with the stem of each content term of a sentence, in order, and whether the word
/// was capitalised inside the sentence. It gives the same terms as [`extract_terms`] through two
/// reused buffers, so a caller that interns stems allocates nothing per word.
pub fn visit_terms(sentence: &str, mut f: impl FnMut(&str, bool)) {
    let mut lower = String::new();
    let mut stem = String::new();
    let mut first = true;
    for word in words(sentence) {
        let capitalised = !first && word.chars().next().is_some_and(char::is_uppercase);
        first = false;
        if stem_of_word(word, &mut lower, &mut stem) {
            f(&stem, capitalised);
        }
    }
}

/// Writes the stem of one word into `stem` and returns true, or returns false for a stop word,
/// a lone letter or a short number. `lower` is scratch space.
fn stem_of_word(word: &str, lower: &mut String, stem: &mut String) -> bool {
    lower.clear();
    if word.is_ascii() {
        lower.push_str(word);
        lower.make_ascii_lowercase();
    } else {
        // Full Unicode lower-casing (final sigma included) needs the whole word.
        lower.push_str(&word.to_lowercase());
    }
    let lower = lower.trim_end_matches("'s").trim_end_matches("’s");
    // "2nd meeting" and "second meeting" are one phrase.
    let lower = ordinal_word(lower).unwrap_or(lower);
    if lower.len() < 2
        || is_stop_word(lower)
        || is_function_contraction(lower)
        || lower.len() < 3 && lower.bytes().all(|b| b.is_ascii_digit())
    {
        return false;
    }
    stem_into(lower, stem);
    true
}

/// The word for an ordinal written in digits, "1st" to "12th".
fn ordinal_word(word: &str) -> Option<&'static str> {
    const WORDS: [&str; 12] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth", "eleventh", "twelfth",
    ];
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let (number, suffix) = word.split_at(digits);
    let n: usize = number.parse().ok()?;
    let expected = match n {
        1 => "st",
        2 => "nd",
        3 => "rd",
        _ => "th",
    };
    if suffix != expected || number.starts_with('0') {
        return None;
    }
    WORDS.get(n.checked_sub(1)?).copied()
}

/// Numbers the stems of a corpus and remembers the term of every word it has seen, so that a
/// known word costs one hash lookup instead of lower-casing and stemming. Ids are dense from 0,
/// in the order stems were first seen; they only grow.
#[derive(Debug, Clone, Default)]
pub struct TermTable {
    /// Each word as written, with its stem id, or `None` for a word that is no term.
    words: FastMap<Box<str>, Option<u32>>,
    stems: FastMap<Box<str>, u32>,
}

impl TermTable {
    /// An empty table.
    pub fn new() -> TermTable {
        TermTable::default()
    }

    /// Appends the terms of `sentence` to `out` as (stem id, capitalised): the terms of
    /// [`extract_terms`], in order, duplicates kept.
    pub fn sentence_terms(&mut self, sentence: &str, out: &mut Vec<(u32, bool)>) {
        let mut first = true;
        let (mut lower, mut stem) = (String::new(), String::new());
        for word in words(sentence) {
            let capitalised = !first && word.chars().next().is_some_and(char::is_uppercase);
            first = false;
            let id = match self.words.get(word) {
                Some(&id) => id,
                None => {
                    let id = stem_of_word(word, &mut lower, &mut stem).then(|| {
                        let next = self.stems.len() as u32;
                        *self.stems.entry(stem.as_str().into()).or_insert(next)
                    });
                    self.words.insert(word.into(), id);
                    id
                }
            };
            if let Some(id) = id {
                out.push((id, capitalised));
            }
        }
    }

    /// How many distinct stems have ids.
    pub fn stem_count(&self) -> usize {
        self.stems.len()
    }
}

/// True for a function word that carries no topic.
fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// True for a lower-cased contraction of function words ("didn't", "won't", "we're", "i'm",
/// "they'll", "you'd"), which carries no more topic than the words it joins.
fn is_function_contraction(word: &str) -> bool {
    let Some((head, tail)) = word.split_once(['\'', '’']) else {
        return false;
    };
    match tail {
        "t" => head.strip_suffix('n').is_some_and(|base| {
            matches!(base, "ca" | "wo" | "sha" | "ai" | "need") || is_stop_word(base)
        }),
        "re" | "ve" | "ll" | "d" | "m" => is_stop_word(head),
        _ => false,
    }
}

/// The words of a text: runs of letters and digits, with inner apostrophes and hyphens kept.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .map(trim_word)
        .filter(|w| !w.is_empty())
}

/// The last of [`words`] in `text`, found from the end.
pub fn last_word(text: &str) -> Option<&str> {
    text.rsplit(|c: char| !is_word_char(c))
        .map(trim_word)
        .find(|w| !w.is_empty())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

fn trim_word(w: &str) -> &str {
    w.trim_matches(|c: char| c == '\'' || c == '’' || c == '-')
}

/// A light English stemmer: strips common inflectional and derivational suffixes so that
/// related forms share a stem. It favours recall over linguistic exactness.
pub fn stem_word(word: &str) -> String {
    let mut out = String::new();
    stem_into(word, &mut out);
    out
}

/// One derivational or inflectional suffix, what replaces it, and the fewest characters the stem
/// must keep ("-al" keeps five, so that "legal" is not "leg"); longest first.
const SUFFIXES: &[(&str, &str, usize)] = &[
    ("ational", "ate", 3),
    ("ation", "", 3),
    ("ssion", "ss", 3),
    ("ction", "ct", 3),
    ("ingly", "", 3),
    ("iness", "y", 3),
    ("ment", "", 3),
    ("edly", "", 3),
    ("ness", "", 3),
    ("ism", "", 4),
    ("ist", "", 4),
    ("ity", "", 3),
    ("ied", "y", 3),
    ("ing", "", 3),
    ("ed", "", 3),
    ("er", "", 3),
    ("ly", "", 3),
    ("al", "", 5),
    ("e", "", 3),
];

/// Irregular verb forms with the base form they share a stem with: "met" and "meet", "held" and
/// "hold". Sorted for binary search. Forms that are also common other words ("left", "lay",
/// "wound", "saw") are left out.
const IRREGULAR: &[(&str, &str)] = &[
    ("arose", "arise"),
    ("ate", "eat"),
    ("became", "become"),
    ("began", "begin"),
    ("begun", "begin"),
    ("bought", "buy"),
    ("broke", "break"),
    ("broken", "break"),
    ("brought", "bring"),
    ("built", "build"),
    ("came", "come"),
    ("caught", "catch"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("dealt", "deal"),
    ("died", "die"),
    ("drew", "draw"),
    ("drove", "drive"),
    ("fell", "fall"),
    ("felt", "feel"),
    ("fled", "flee"),
    ("flew", "fly"),
    ("fought", "fight"),
    ("found", "find"),
    ("froze", "freeze"),
    ("gave", "give"),
    ("given", "give"),
    ("got", "get"),
    ("gotten", "get"),
    ("grew", "grow"),
    ("heard", "hear"),
    ("held", "hold"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("kept", "keep"),
    ("knew", "know"),
    ("known", "know"),
    ("led", "lead"),
    ("lent", "lend"),
    ("lost", "lose"),
    ("made", "make"),
    ("meant", "mean"),
    ("met", "meet"),
    ("paid", "pay"),
    ("ran", "run"),
    ("rang", "ring"),
    ("risen", "rise"),
    ("rose", "rise"),
    ("sank", "sink"),
    ("sent", "send"),
    ("shook", "shake"),
    ("shot", "shoot"),
    ("shown", "show"),
    ("slept", "sleep"),
    ("sold", "sell"),
    ("sought", "seek"),
    ("spent", "spend"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("stood", "stand"),
    ("struck", "strike"),
    ("swept", "sweep"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("taken", "take"),
    ("taught", "teach"),
    ("thought", "think"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("told", "tell"),
    ("took", "take"),
    ("understood", "understand"),
    ("withdrawn", "withdraw"),
    ("withdrew", "withdraw"),
    ("won", "win"),
    ("wore", "wear"),
    ("written", "write"),
    ("wrote", "write"),
];

/// British word roots with their American spelling, so that outlets on either side of the
/// Atlantic share stems: "labour" and "labor", "defence" and "defense". Sorted for binary
/// search; a root also matches at the start of a longer word ("labourers", "honourable").
const BRITISH_ROOTS: &[(&str, &str)] = &[
    ("armour", "armor"),
    ("behaviour", "behavior"),
    ("centre", "center"),
    ("colour", "color"),
    ("defence", "defense"),
    ("endeavour", "endeavor"),
    ("favour", "favor"),
    ("harbour", "harbor"),
    ("honour", "honor"),
    ("humour", "humor"),
    ("judgement", "judgment"),
    ("labour", "labor"),
    ("licence", "license"),
    ("litre", "liter"),
    ("manoeuvre", "maneuver"),
    ("metre", "meter"),
    ("neighbour", "neighbor"),
    ("offence", "offense"),
    ("programme", "program"),
    ("rumour", "rumor"),
    ("saviour", "savior"),
    ("theatre", "theater"),
    ("tumour", "tumor"),
    ("vigour", "vigor"),
];

/// Writes the stem of `word` into `w`, reusing its buffer.
fn stem_into(word: &str, w: &mut String) {
    if let Ok(i) = IRREGULAR.binary_search_by(|(form, _)| form.cmp(&word)) {
        stem_regular(IRREGULAR[i].1, w);
        return;
    }
    load(word, w);
    americanise(w);
    stem_loaded(w);
}

/// Rewrites a British spelling in `w` as the American one, in place: "criticised" becomes
/// "criticized", "organisation" "organization", "analyse" "analyze", and the roots of
/// [`BRITISH_ROOTS`] their American roots. The "-ise" ending is only read in words of seven
/// letters or more, so "rise" and "wise" stay; a word like "promise" becomes "promize", which
/// is harmless since it is written one way on both sides.
fn americanise(w: &mut String) {
    const ENDINGS: &[(&str, &str)] = &[
        ("isations", "izations"),
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("iser", "izer"),
        ("ise", "ize"),
        ("ysing", "yzing"),
        ("ysed", "yzed"),
        ("yses", "yzes"),
        ("yse", "yze"),
    ];
    let at = BRITISH_ROOTS.partition_point(|(root, _)| *root <= w.as_str());
    if let Some((root, american)) = at.checked_sub(1).map(|i| BRITISH_ROOTS[i])
        && w.starts_with(root)
    {
        w.replace_range(..root.len(), american);
        return;
    }
    if w.len() < 7 || !w.is_ascii() {
        return;
    }
    if let Some((british, american)) = ENDINGS.iter().find(|(british, _)| w.ends_with(british)) {
        w.truncate(w.len() - british.len());
        w.push_str(american);
    }
}

/// [`stem_into`] for a word that is no irregular verb form and has no British spelling.
fn stem_regular(word: &str, w: &mut String) {
    load(word, w);
    stem_loaded(w);
}

/// Puts `word` into `w` with straight apostrophes and without a possessive ending.
fn load(word: &str, w: &mut String) {
    w.clear();
    if word.contains('’') {
        w.push_str(&word.replace('’', "'"));
    } else {
        w.push_str(word);
    }
    let kept = w.trim_end_matches("'s").trim_end_matches('\'').len();
    w.truncate(kept);
}

/// Stems the word in `w` in place.
fn stem_loaded(w: &mut String) {
    // Step one: plurals and third-person forms.
    if w.len() >= 6 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses") {
        // "sses" becomes "ss".
        w.truncate(w.len() - 2);
    } else if w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w.pop();
    }
    // Step two: one derivational or inflectional suffix.
    for &(suffix, replacement, min_stem) in SUFFIXES {
        if let Some(stem) = w.strip_suffix(suffix)
            && stem.chars().count() >= min_stem
        {
            let stem_len = stem.len();
            w.truncate(stem_len);
            w.push_str(replacement);
            // "planned" -> "plann" -> "plan": undo a doubled final consonant.
            let b = w.as_bytes();
            if b.len() >= 4
                && b[b.len() - 1] == b[b.len() - 2]
                && !matches!(b[b.len() - 1], b'l' | b's' | b'z' | b'e')
            {
                w.pop();
            }
            return;
        }
    }
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
    fn reads_ordinals_in_digits_as_words() {
        check("Trump eyes 2nd meeting", "trump eye second meet");
        check("the second meeting", "second meet");
        check("the 3rd and 12th", "third twelfth");
        check("the 13th, 2th, 02nd", "13th 2th 02nd");
    }

    #[test]
    fn contractions_of_function_words_are_stop_words() {
        check(
            "I didn't know, we're sure, they'll go, I’m here, it won't, you can't, he’d left",
            "know sur go left",
        );
        // A name or a content word before the apostrophe stays.
        check("Trump's rock'n'roll o'clock", "trump rock'n'roll o'clock");
    }

    #[test]
    fn finds_the_last_word_from_the_end() {
        for text in [
            "met in 'Helsinki' -- ",
            "the president’s",
            "Mr. Putin, ",
            "",
            " -- ",
            "Élysée",
        ] {
            assert_eq!(last_word(text), words(text).last(), "{text:?}");
        }
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn irregular_verb_forms_share_their_base_stem() {
        check(
            "The leaders met; they will meet, and talks were held, he holds.",
            "lead meet meet talk hold hold",
        );
        check("He fled, she flees; he won, they win.", "fle fle win win");
    }

    #[test]
    fn british_and_american_spellings_share_stems() {
        check(
            "criticised organisation analysed labour defence centre",
            "criticiz organiz analyz labor defens cent",
        );
        check(
            "criticized organization analyzed labor defense center",
            "criticiz organiz analyz labor defens cent",
        );
        check(
            "honourable labourers honorable laborers",
            "honorabl labor honorabl labor",
        );
        // Short words keep their "-ise": "rise" and "wise" are no British forms.
        check("rise wise", "ris wis");
        check("terrorism terrorists terror", "terror terror terror");
    }

    #[test]
    fn reads_possessives_curly_apostrophes_and_accents() {
        check(
            "Élysée’s aides’ parties, Ministries's studies; 12 120 ΟΔΟΣ",
            "élysé aid party MINISTRY study 120 ΟΔΟΣ",
        );
    }

    #[test]
    fn reduces_words_to_stems() {
        check(
            "Trump invited Putin; the invitation invites talks.",
            "trump invit PUTIN invit invit talk",
        );
        check("Discussions are already under way.", "discuss way");
        check(
            "discussed the elections, the elected reaction, a mission",
            "discuss elect elect react mission",
        );
        check(
            "proposals, proposed, legal, national",
            "propos propos legal nation",
        );
        check(
            "Russia's ambassador planned meetings",
            "russia ambassador plan meet",
        );
        check(
            "The summit with Russia was a great success",
            "summit RUSSIA great success",
        );
    }

    #[test]
    fn numbers_the_same_terms_as_it_extracts() {
        let mut table = TermTable::new();
        let sentences = [
            "Trump invited Putin; the invitation invites talks.",
            "Putin's reply: the Invitation was declined, TRUMP said.",
            "The summit with Russia was a great success",
        ];
        let mut stems: Vec<String> = Vec::new();
        for s in sentences {
            let mut ids = Vec::new();
            table.sentence_terms(s, &mut ids);
            let terms = extract_terms(s);
            assert_eq!(ids.len(), terms.len(), "{s}");
            for (&(id, cap), term) in ids.iter().zip(&terms) {
                assert_eq!(cap, term.capitalised, "{s}");
                // An id always stands for the one stem it was first given.
                match stems.get(id as usize) {
                    Some(known) => assert_eq!(known, &term.stem),
                    None => {
                        assert_eq!(id as usize, stems.len());
                        stems.push(term.stem.clone());
                    }
                }
            }
        }
        assert_eq!(table.stem_count(), stems.len());
        assert!(stems.len() < 15, "{stems:?}");
    }
}
