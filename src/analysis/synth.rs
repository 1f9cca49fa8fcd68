//! Builds realistic test corpora from real sentences: N dated articles that share events (the
//! same fact reworded, dated relative to each article), filler from the pool, and some wire
//! copies. Deterministic for a given seed, so benchmarks and tests repeat exactly. It must not
//! read files: the caller supplies the sentence pool.

use jiff::ToSpan;
use jiff::civil::Date;

use super::article::{Document, Evidence, Published};
use super::timevalue::{TimeValue, weekday_name};

/// Options for corpus generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthConfig {
    /// How many articles to build.
    pub articles: usize,
    /// The seed of the deterministic generator.
    pub seed: u64,
    /// The first publication day; articles spread over the following year.
    pub start: Date,
}

impl Default for SynthConfig {
    fn default() -> Self {
        SynthConfig {
            articles: 100,
            seed: 7,
            start: Date::constant(2018, 1, 1),
        }
    }
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// One shared event: a fact sentence and the day it happened.
struct SharedEvent<'a> {
    sentence: &'a str,
    day: Date,
}

/// Generates `config.articles` documents from `pool`. Returns nothing when the pool has fewer
/// than 20 usable sentences.
pub fn generate_corpus(pool: &[String], config: &SynthConfig) -> Vec<Document> {
    let usable: Vec<&str> = pool
        .iter()
        .map(|s| s.trim())
        .filter(|s| s.split_whitespace().count() >= 8 && s.ends_with('.') && !s.contains('\n'))
        .collect();
    if usable.len() < 20 {
        return Vec::new();
    }
    let mut rng = Rng(config.seed);
    let event_count = (config.articles / 6).max(5);
    let events: Vec<SharedEvent> = (0..event_count)
        .map(|_| SharedEvent {
            sentence: usable[rng.below(usable.len())],
            day: config
                .start
                .checked_add((rng.below(365) as i64).days())
                .unwrap_or(config.start),
        })
        .collect();
    let mut documents: Vec<Document> = Vec::with_capacity(config.articles);
    for i in 0..config.articles {
        // About one article in ten is a wire copy of an earlier one, lightly edited.
        if i > 5 && rng.below(10) == 0 {
            let original = &documents[rng.below(documents.len())];
            let mut copy = original.clone();
            copy.file = format!("article-{i:05}.txt");
            if let Some(cut) = copy.text.rfind("\n\n") {
                copy.text.truncate(cut);
            }
            documents.push(copy);
            continue;
        }
        let focus = rng.below(events.len());
        let published = events[focus]
            .day
            .checked_add((rng.range(0, 3) as i64).days())
            .unwrap_or(events[focus].day);
        let mut paragraphs: Vec<String> = Vec::new();
        let mut chosen = vec![focus];
        for _ in 0..rng.range(2, 6) {
            chosen.push(rng.below(events.len()));
        }
        for &e in &chosen {
            paragraphs.push(reword(
                events[e].sentence,
                events[e].day,
                published,
                &mut rng,
            ));
        }
        for _ in 0..rng.range(15, 35) {
            paragraphs.push(usable[rng.below(usable.len())].to_string());
        }
        // Keep the lead first; shuffle the rest.
        for k in (2..paragraphs.len()).rev() {
            let j = 1 + rng.below(k);
            paragraphs.swap(k, j);
        }
        let mut doc =
            Document::from_text(&format!("article-{i:05}.txt"), 0, paragraphs.join("\n\n"));
        let date = TimeValue::day(published);
        doc.published = Some(Published {
            evidence: Evidence {
                source: "generated".into(),
                raw: date.value.clone(),
                file_span: None,
            },
            date,
            rejected: Vec::new(),
        });
        documents.push(doc);
    }
    documents
}

/// The sentences of one TimeML file (as in TimeBank): the body between `<TEXT>` and `</TEXT>`,
/// tags removed and white space collapsed, split into sentences. Benchmarks build their sentence
/// pool with it, natively and in the browser alike, so that both analyse the same corpus.
pub fn timeml_sentences(xml: &str) -> Vec<String> {
    let body = xml
        .split("<TEXT>")
        .nth(1)
        .and_then(|t| t.split("</TEXT>").next())
        .unwrap_or("");
    let mut plain = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        // A tag runs to the next '>'; a '<' that nothing closes is text.
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        plain.push_str(&rest[..open]);
        rest = &rest[open + close + 1..];
    }
    plain.push_str(rest);
    let text = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    super::sentences::split_sentences(&text, &[])
        .into_iter()
        .map(|s| s.slice(&text).to_string())
        .collect()
}

/// Rewords a fact: drops a word or two and dates it as an article published on `published` would.
fn reword(sentence: &str, day: Date, published: Date, rng: &mut Rng) -> String {
    let body = sentence.trim_end_matches('.');
    let mut words: Vec<&str> = body.split_whitespace().collect();
    for _ in 0..rng.range(0, 2) {
        if words.len() > 6 {
            let k = 1 + rng.below(words.len() - 1);
            words.remove(k);
        }
    }
    let gap = published.since(day).map(|s| s.get_days()).unwrap_or(99);
    let when = if gap == 0 {
        "today".to_string()
    } else if gap == 1 {
        "yesterday".to_string()
    } else if (2..7).contains(&gap) {
        format!("on {}", weekday_name(day.weekday()))
    } else {
        format!(
            "on {} {}, {}",
            MONTHS[(day.month() - 1) as usize],
            day.day(),
            day.year()
        )
    };
    format!("{}, it was reported {when}.", words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> Vec<String> {
        (0..40)
            .map(|i| {
                format!("Sentence number {i} tells of officials meeting in the capital city today.")
            })
            .collect()
    }

    #[test]
    fn generates_the_same_corpus_for_the_same_seed() {
        let config = SynthConfig {
            articles: 30,
            ..SynthConfig::default()
        };
        let a = generate_corpus(&pool(), &config);
        let b = generate_corpus(&pool(), &config);
        assert_eq!(a.len(), 30);
        assert_eq!(a, b);
        assert!(
            a.iter()
                .all(|d| d.published.is_some() && d.text.len() > 500)
        );
    }

    #[test]
    fn reads_the_sentences_of_a_timeml_file() {
        let xml = "<DOC><TEXT>\n<TIMEX3 tid=\"t1\">Monday</TIMEX3> the  summit\nopened. It\n<EVENT>ended</EVENT> at 3 < 4 pm.</TEXT></DOC>";
        assert_eq!(
            timeml_sentences(xml),
            ["Monday the summit opened.", "It ended at 3 < 4 pm."]
        );
        assert!(timeml_sentences("no text element").is_empty());
    }

    #[test]
    fn refuses_a_tiny_pool() {
        assert!(generate_corpus(&pool()[..5], &SynthConfig::default()).is_empty());
    }
}
