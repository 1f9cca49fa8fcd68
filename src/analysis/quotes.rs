//! Direct quotations: found in each source (straight, curly and single marks, partial quotes,
//! quotes continued across paragraphs), attributed to a speaker from the surrounding sentence, and
//! matched across sources despite differences in marks, brackets, ellipses and length. Candidate
//! pairs come from an inverted index over word 3-shingles, never from all pairs. It must not
//! change the text or guess a speaker the text does not point to.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::SourceAnalysis;
use super::article::{ArticleId, Span};
use super::entities::{Entity, EntityId, EntityKind, Gender, entity_gender};

/// Identifies one quote within an analysis; ids follow the quotes' order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct QuoteId(pub u32);

/// One quotation in one source.
///
/// Invariant: `span` and `speaker_span` are valid char-boundary ranges of that document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QuoteMention {
    /// The source.
    pub document: ArticleId,
    /// The quoted words, without the marks.
    pub span: Span,
    /// Who the source says spoke the words, when it says so.
    pub speaker: Option<EntityId>,
    /// Where the source names the speaker (a name, a role phrase or a pronoun).
    pub speaker_span: Option<Span>,
}

/// One wording of a quote, as some sources print it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteVariant {
    /// The wording, with runs of white space collapsed.
    pub text: String,
    /// The sources that print this wording, sorted.
    pub documents: Vec<ArticleId>,
}

/// A quotation matched across sources.
///
/// Invariant: `sources` is exactly the sorted set of its mentions' documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Its id, equal to its index in the quote list.
    pub id: QuoteId,
    /// The longest wording.
    pub text: String,
    /// The speaker most mentions give.
    pub speaker: Option<EntityId>,
    /// That speaker's name.
    pub speaker_name: Option<String>,
    /// Every distinct wording, in order of first appearance.
    pub variants: Vec<QuoteVariant>,
    /// The sources that carry it, sorted.
    pub sources: Vec<ArticleId>,
    /// Every mention, in document order.
    pub mentions: Vec<QuoteMention>,
}

/// Quotes shorter than this many words match only when identical.
const MIN_MATCH_WORDS: usize = 3;
/// Quotes shorter than this join a group only when they sit inside exactly one group.
const MIN_BRIDGE_WORDS: usize = 6;
/// Share of the shorter quote's 3-shingles that two quotes must share to match.
const MIN_SHINGLE_SHARE: f64 = 0.5;
/// Two quotes are aligned word by word ([`close_run`]) only when the product of their lengths
/// stays under this, so that no pair of long speeches costs more than a few hundred microseconds.
const MAX_ALIGN_CELLS: usize = 10_000;
/// Share of the shorter quote's 3-shingles that two quotes must share to be aligned at all: one
/// changed word leaves most shingles of a quote intact, two unrelated remarks share few.
const MIN_ALIGN_SHARE: f64 = 0.25;
/// Alignments tried per quote, so that a corpus of remarks in one stock wording stays linear.
const MAX_ALIGNMENTS: usize = 4;
/// Wordings of one group that later quotes are compared with. Each new wording of a remark
/// still meets this many of its earlier wordings, which is plenty to recognise it; more would
/// make a remark that a thousand outlets retell cost the square of its sources.
const MAX_GROUP_WORDINGS: usize = 32;
/// An unclosed quote gives up after this many bytes and ends at its paragraph.
const MAX_QUOTE_BYTES: usize = 3000;

/// One quotation found in one text, before attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// The quoted words, trimmed.
    span: Span,
    /// The byte of the opening mark.
    open: usize,
    /// One past the closing mark, or the end of the paragraph for an unclosed quote.
    close: usize,
    /// It reopens a quote left open by the previous paragraph.
    continues: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
}

fn is_opening_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':'),
    }
}

/// Classifies a double quote mark by its neighbours.
fn double_mark(c: char, prev: Option<char>) -> Option<Mark> {
    match c {
        '“' | '„' => Some(Mark::Open),
        '”' => Some(Mark::Close),
        '"' if is_opening_context(prev) => Some(Mark::Open),
        '"' => Some(Mark::Close),
        _ => None,
    }
}

/// Classifies a single quote mark; an apostrophe between letters ("don't") is no mark.
fn single_mark(c: char, prev: Option<char>, next: Option<char>) -> Option<Mark> {
    if !matches!(c, '\'' | '‘' | '’') {
        return None;
    }
    let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    if word(prev) && word(next) {
        return None;
    }
    if c != '’' && is_opening_context(prev) && word(next) {
        Some(Mark::Open)
    } else if c != '‘' && prev.is_some_and(|p| !p.is_whitespace()) && !word(next) {
        Some(Mark::Close)
    } else {
        None
    }
}

/// The end of the paragraph (line) holding byte `at`.
fn line_end(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |i| at + i)
}

/// True when `at` is the first non-blank character of its line.
fn starts_line(text: &str, at: usize) -> bool {
    text.get(..at)
        .unwrap_or("")
        .chars()
        .rev()
        .take_while(|c| *c != '\n')
        .all(char::is_whitespace)
}

/// Every quote mark and line break of `text` with its byte offset, in order. It walks bytes and
/// decodes only the three-byte curly marks (U+2018 to U+201E, led by 0xE2 0x80), so the long
/// stretches between quotes cost a comparison per byte.
fn quote_marks(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter_map(move |(at, &b)| match b {
            b'"' | b'\'' | b'\n' => Some((at, char::from(b))),
            0xE2 if bytes.get(at + 1) == Some(&0x80)
                && bytes.get(at + 2).is_some_and(|c| (0x98..=0x9E).contains(c)) =>
            {
                text.get(at..)
                    .and_then(|t| t.chars().next())
                    .filter(|c| matches!(c, '‘' | '’' | '“' | '”' | '„'))
                    .map(|c| (at, c))
            }
            _ => None,
        })
}

/// The character right before byte `at` of `text`.
fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|t| t.chars().next_back())
}

/// Finds every quotation in `text`: double-mark quotes first, then single-mark quotes outside
/// them. A quote left open at a paragraph end that the next paragraph reopens continues there.
fn find_segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, bool)> = None;
    for (at, c) in quote_marks(text) {
        let Some(mark) = double_mark(c, char_before(text, at)) else {
            continue;
        };
        let after = at + c.len_utf8();
        match (mark, open) {
            (Mark::Open, None) => {
                open = Some((at, after, false));
            }
            (Mark::Open, Some((mark, start, continues))) => {
                let end = line_end(text, start);
                if end < at {
                    // The previous quote ran to its paragraph end; a reopening mark at the
                    // start of a later paragraph continues it.
                    push_segment(text, &mut out, mark, start, end, end, continues);
                    open = Some((at, after, starts_line(text, at)));
                } else if c == '"' {
                    // Two straight marks in a row: the second one closes.
                    push_segment(text, &mut out, mark, start, at, after, continues);
                    open = None;
                } else {
                    open = Some((at, after, false));
                }
            }
            (Mark::Close, Some((mark, start, continues))) => {
                if at - start > MAX_QUOTE_BYTES {
                    let end = line_end(text, start);
                    push_segment(text, &mut out, mark, start, end, end, continues);
                } else {
                    push_segment(text, &mut out, mark, start, at, after, continues);
                }
                open = None;
            }
            (Mark::Close, None) => {}
        }
    }
    if let Some((mark, start, continues)) = open {
        let end = line_end(text, start);
        push_segment(text, &mut out, mark, start, end, end, continues);
    }
    let doubles = out.clone();
    find_single_segments(text, &doubles, &mut out);
    out.sort_by_key(|s| (s.span.start, s.span.end));
    out.dedup_by_key(|s| s.span);
    out
}

fn find_single_segments(text: &str, doubles: &[Segment], out: &mut Vec<Segment>) {
    let inside = |at: usize| doubles.iter().any(|d| d.open <= at && at < d.close);
    let mut open: Option<(usize, usize)> = None;
    for (at, c) in quote_marks(text) {
        if c == '\n' {
            open = None;
            continue;
        }
        let next = text.get(at + c.len_utf8()..).and_then(|t| t.chars().next());
        let Some(mark) = single_mark(c, char_before(text, at), next) else {
            continue;
        };
        if inside(at) {
            continue;
        }
        match (mark, open) {
            (Mark::Open, _) => open = Some((at, at + c.len_utf8())),
            // One letter between single marks is an elision ("rock 'n' roll"), not a quote.
            (Mark::Close, Some((mark, start)))
                if at - start <= 400
                    && text
                        .get(start..at)
                        .is_some_and(|q| q.chars().filter(|c| c.is_alphanumeric()).count() > 1) =>
            {
                push_segment(text, out, mark, start, at, at + c.len_utf8(), false);
                open = None;
            }
            (Mark::Close, _) => {}
        }
    }
}

/// Trims white space and trailing commas from a quote and keeps it when it holds a word.
fn push_segment(
    text: &str,
    out: &mut Vec<Segment>,
    open: usize,
    start: usize,
    end: usize,
    close: usize,
    continues: bool,
) {
    let Some(body) = text.get(start..end) else {
        return;
    };
    let lead = body.len() - body.trim_start().len();
    let trimmed = body.trim().trim_end_matches([',', ';']).trim_end();
    if !trimmed.chars().any(char::is_alphanumeric) {
        return;
    }
    out.push(Segment {
        span: Span::new(start + lead, start + lead + trimmed.len()),
        open,
        close,
        continues,
    });
}

#[allow(
    clippy::expect_used,
    reason = "the patterns are constants covered by the unit tests"
)]
fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("constant pattern compiles")
}

/// Verbs and phrases that attribute words to a speaker.
static SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?-u:\b)(said|says|say|saying|tweeted|tweets|wrote|writes|added|adds|responded|continued|told|tells|stated|asked|replied|explained|insisted|warned|noted|declared|announced|posted|called|calling|termed|labelled|labeled|described|according to)(?-u:\b)",
    )
});

static PRONOUN: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?-u:\b)([Hh]e|[Ss]he|[Tt]hey)(?-u:\b)"));

/// Words that may stand between a subject and its verb ("Sanders has also said").
const BRIDGE_WORDS: &[&str] = &[
    "also", "earlier", "had", "has", "have", "just", "later", "laughed", "and", "then", "would",
    "will", "once",
];

/// Words that start a new clause: an attribution after one belongs to another quote
/// ("a "tragic mistake", while Gingrich called it…").
const CONNECTORS: &[&str] = &[
    "after", "although", "and", "as", "because", "before", "but", "so", "then", "though", "when",
    "whereas", "which", "while", "who",
];

fn has_connector(gap: &str) -> bool {
    gap.split(|c: char| !c.is_alphanumeric())
        .any(|w| CONNECTORS.contains(&w))
}

/// Something in the text that can name a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Namer {
    span: Span,
    who: Who,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Entity(EntityId),
    /// "he", "she", or "they" (no gender), which names no one person.
    Pronoun(Option<Gender>),
}

/// One source's view for attribution: its speaker-capable mentions and pronouns outside quotes.
struct SourceView<'a> {
    text: &'a str,
    sentences: &'a [Span],
    namers: Vec<Namer>,
    persons: Vec<Namer>,
}

fn source_view<'a>(
    source: &'a SourceAnalysis,
    mentions: &[(Span, EntityId, EntityKind)],
    segments: &[Segment],
) -> SourceView<'a> {
    let text = source.document.text.as_str();
    let quoted = |s: Span| {
        segments
            .iter()
            .any(|q| q.open <= s.start && s.end <= q.close)
    };
    let mut namers = Vec::new();
    let mut persons = Vec::new();
    for &(span, id, kind) in mentions {
        if quoted(span) {
            continue;
        }
        let n = Namer {
            span,
            who: Who::Entity(id),
        };
        namers.push(n);
        if kind == EntityKind::Person {
            persons.push(n);
        }
    }
    for m in PRONOUN.find_iter(text) {
        let span = Span::new(m.start(), m.end());
        if quoted(span) {
            continue;
        }
        let gender = match m.as_str() {
            "she" | "She" => Some(Gender::Female),
            "he" | "He" => Some(Gender::Male),
            _ => None,
        };
        namers.push(Namer {
            span,
            who: Who::Pronoun(gender),
        });
    }
    namers.sort_by_key(|n| n.span);
    persons.sort_by_key(|n| n.span);
    SourceView {
        text,
        sentences: &source.sentences,
        namers,
        persons,
    }
}

impl SourceView<'_> {
    /// The sentence holding byte `at`, else the line holding it.
    fn sentence_at(&self, at: usize) -> Span {
        let after = self.sentences.partition_point(|s| s.start <= at);
        after
            .checked_sub(1)
            .and_then(|i| self.sentences.get(i))
            .filter(|s| at < s.end.max(s.start + 1))
            .copied()
            .unwrap_or_else(|| {
                let start = self
                    .text
                    .get(..at)
                    .and_then(|t| t.rfind('\n'))
                    .map_or(0, |i| i + 1);
                Span::new(start, line_end(self.text, at))
            })
    }

    fn namers_in(&self, from: usize, to: usize) -> impl Iterator<Item = &Namer> {
        let first = self.namers.partition_point(|n| n.span.start < from);
        self.namers[first..]
            .iter()
            .take_while(move |n| n.span.start < to)
            .filter(move |n| n.span.end <= to)
    }

    /// Resolves a namer to an entity: a pronoun takes the nearest earlier person outside quotes
    /// whose known gender does not contradict it.
    fn resolve(&self, n: &Namer, genders: &HashMap<EntityId, Gender>) -> Option<EntityId> {
        match n.who {
            Who::Entity(id) => Some(id),
            Who::Pronoun(None) => None,
            Who::Pronoun(Some(g)) => self
                .persons
                .iter()
                .rev()
                .filter(|p| p.span.end <= n.span.start)
                .find_map(|p| match p.who {
                    Who::Entity(id) if genders.get(&id).is_none_or(|x| *x == g) => Some(id),
                    _ => None,
                }),
        }
    }
}

/// True when only commas, white space and a few bridge words separate a subject from its verb.
fn bridges(gap: &str) -> bool {
    gap.split([' ', ',', '\n', '\t'])
        .filter(|w| !w.is_empty())
        .all(|w| BRIDGE_WORDS.contains(&w))
}

/// The speaker named around one verb of speech at `verb` in `from..to`.
fn subject_of(view: &SourceView, from: usize, to: usize, verb: Span) -> Option<Namer> {
    let before: Vec<&Namer> = view.namers_in(from, verb.start).collect();
    if let Some(last) = before.last() {
        let gap = view.text.get(last.span.end..verb.start).unwrap_or("");
        let apposition = gap.trim() == ","
            && view
                .text
                .get(..last.span.start)
                .unwrap_or("")
                .trim_end()
                .ends_with(',');
        if bridges(gap) && (!gap.contains(',') || apposition || gap.trim() == ",") {
            return Some(**last);
        }
    }
    if verb.slice(view.text).starts_with("according") || before.is_empty() {
        // "said X", "according to X": the first person soon after the verb, else the first
        // name ("the White House said" has no person).
        let after: Vec<&Namer> = view
            .namers_in(verb.end, to.min(verb.end + 80))
            .filter(|n| matches!(n.who, Who::Entity(_)))
            .collect();
        return after
            .iter()
            .find(|n| view.persons.contains(n))
            .or(after.first())
            .map(|n| **n);
    }
    before.first().copied().copied()
}

/// Finds the speaker of one quote from its own sentence: the attribution after the closing mark
/// first ("…," Sanders said), then the one before the opening mark (Sanders said: "…").
fn attribute(view: &SourceView, seg: &Segment, segments: &[Segment]) -> Option<Namer> {
    let sentence = view.sentence_at(seg.close.saturating_sub(1));
    let next_open = segments
        .iter()
        .map(|s| s.open)
        .find(|&o| o >= seg.close)
        .unwrap_or(usize::MAX);
    // A quote that ends its sentence ("…solved!" Trump said.) takes its attribution from the
    // sentence after it.
    let sentence_end = if sentence.end <= seg.close + 1 {
        view.sentence_at(seg.close + 1).end.max(sentence.end)
    } else {
        sentence.end
    };
    let post_end = sentence_end.min(next_open).max(seg.close);
    let post = view.text.get(seg.close..post_end).unwrap_or("");
    if let Some(m) = SPEECH.find(post).filter(|m| m.start() < 80) {
        let verb = Span::new(seg.close + m.start(), seg.close + m.end());
        if let Some(n) = subject_of(view, seg.close, post_end, verb)
            && !has_connector(
                view.text
                    .get(seg.close..n.span.start.min(verb.start))
                    .unwrap_or(""),
            )
        {
            return Some(n);
        }
    }
    let sentence = view.sentence_at(seg.open);
    let prev_close = segments
        .iter()
        .map(|s| s.close)
        .filter(|&c| c <= seg.open && c > sentence.start)
        .max()
        .unwrap_or(sentence.start);
    let pre = view.text.get(prev_close..seg.open).unwrap_or("");
    if let Some(m) = SPEECH.find_iter(pre).last() {
        let verb = Span::new(prev_close + m.start(), prev_close + m.end());
        return subject_of(view, prev_close, seg.open, verb);
    }
    // "Coats: "…"": a name right before a colon.
    if pre.trim_end().ends_with(':') {
        return view
            .namers_in(prev_close, seg.open)
            .last()
            .filter(|n| {
                let gap = view.text.get(n.span.end..seg.open).unwrap_or("");
                bridges(gap.trim_end().trim_end_matches(':'))
            })
            .copied();
    }
    None
}

/// A quote mention before matching.
#[derive(Debug, Clone)]
struct Found {
    mention: QuoteMention,
    words: Vec<String>,
    surface: String,
}

/// Word pairs that outlets write both split and joined.
const JOINED: &[(&str, &str)] = &[
    ("under", "way"),
    ("on", "going"),
    ("any", "more"),
    ("every", "one"),
];

/// Normalises a quote to comparable words: lower case, no marks, brackets, ellipses or hyphens.
fn quote_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    let mut prev_alnum = false;
    while let Some(c) = chars.next() {
        let next_alnum = chars.peek().is_some_and(|n| n.is_alphanumeric());
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’' | '-' | '‐') && prev_alnum && next_alnum {
            // Apostrophes and hyphens inside a word join its parts.
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        prev_alnum = c.is_alphanumeric() || (prev_alnum && matches!(c, '\'' | '’' | '-' | '‐'));
    }
    if !word.is_empty() {
        words.push(word);
    }
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for w in words {
        if let Some(last) = out.last_mut()
            && JOINED.iter().any(|(a, b)| last == a && w == *b)
        {
            last.push_str(&w);
            continue;
        }
        out.push(w);
    }
    out
}

fn contains_run(long: &[u32], short: &[u32]) -> bool {
    !short.is_empty() && long.windows(short.len()).any(|w| w == short)
}

/// Whether most of the shorter quote's words run through the longer one with only a few words
/// changed, added or dropped: an outlet that quotes "I don't know what happened in that meeting"
/// and one that quotes "Well, you're right, I don't know what happened at that meeting" print one
/// remark. The best local word alignment must hold at least [`MIN_BRIDGE_WORDS`] identical
/// words, three fifths of the shorter quote, and at most one change for every four of them.
fn close_run(short: &[u32], long: &[u32]) -> bool {
    if short.len() < MIN_BRIDGE_WORDS {
        return false;
    }
    // Local alignment scored +1 per identical word and -1 per change; each cell keeps the score
    // with its identical words and changes. Two rows suffice.
    #[derive(Clone, Copy, Default)]
    struct Cell {
        score: i32,
        same: u32,
        changed: u32,
    }
    let step = |c: Cell, same: u32, changed: u32| Cell {
        score: c.score + same as i32 - changed as i32,
        same: c.same + same,
        changed: c.changed + changed,
    };
    let mut best = Cell::default();
    let mut prev = vec![Cell::default(); long.len() + 1];
    let mut row = vec![Cell::default(); long.len() + 1];
    for &w in short {
        row[0] = Cell::default();
        for (j, &v) in long.iter().enumerate() {
            let diagonal = if w == v {
                step(prev[j], 1, 0)
            } else {
                step(prev[j], 0, 1)
            };
            let cell = [diagonal, step(prev[j + 1], 0, 1), step(row[j], 0, 1)]
                .into_iter()
                .max_by_key(|c| (c.score, c.same))
                .filter(|c| c.score > 0)
                .unwrap_or_default();
            if (cell.score, cell.same) > (best.score, best.same) {
                best = cell;
            }
            row[j + 1] = cell;
        }
        std::mem::swap(&mut prev, &mut row);
    }
    let same = best.same as usize;
    same >= MIN_BRIDGE_WORDS && 5 * same >= 3 * short.len() && 4 * best.changed as usize <= same
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        parent[hi] = lo;
    }
}

/// Groups mentions that quote the same words: identical wordings, one wording inside another, or
/// a high share of 3-shingles. Short quotes never bridge two groups.
fn group_mentions(found: &[Found]) -> Vec<usize> {
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let coded: Vec<Vec<u32>> = found
        .iter()
        .map(|f| {
            f.words
                .iter()
                .map(|w| {
                    let next = ids.len() as u32;
                    *ids.entry(w.as_str()).or_insert(next)
                })
                .collect()
        })
        .collect();
    let mut parent: Vec<usize> = (0..found.len()).collect();
    // Identical wordings join at once; only the first of each goes on to the index, so many
    // copies of one quote cost no more than one.
    let mut exact: HashMap<&[u32], usize> = HashMap::new();
    let mut first_of_kind = vec![false; coded.len()];
    for (i, c) in coded.iter().enumerate() {
        match exact.get(c.as_slice()) {
            Some(&j) => union(&mut parent, i, j),
            None => {
                exact.insert(c, i);
                first_of_kind[i] = true;
            }
        }
    }
    let mut index: HashMap<[u32; 3], Vec<usize>> = HashMap::new();
    for (i, c) in coded.iter().enumerate() {
        if !first_of_kind[i] {
            continue;
        }
        let mut seen = BTreeSet::new();
        for w in c.windows(3) {
            let key = [w[0], w[1], w[2]];
            if seen.insert(key) {
                index.entry(key).or_default().push(i);
            }
        }
    }
    let shingles = |c: &[u32]| c.len().saturating_sub(2);
    let mut short = Vec::new();
    // The quotes a longer quote is compared with, by shingle, filled as the loop goes so that
    // each list holds earlier quotes only. A group keeps at most [`MAX_GROUP_WORDINGS`] of its
    // wordings there: a remark retold by a thousand outlets is matched against a few dozen of
    // them, not against every earlier one.
    let mut compared: HashMap<[u32; 3], Vec<usize>> = HashMap::new();
    let mut wordings: Vec<u32> = vec![0; coded.len()];
    let mut counts: Vec<u32> = vec![0; coded.len()];
    let mut touched: Vec<usize> = Vec::new();
    let mut keys: Vec<[u32; 3]> = Vec::new();
    for (i, c) in coded.iter().enumerate() {
        if c.len() < MIN_MATCH_WORDS || !first_of_kind[i] {
            continue;
        }
        if c.len() < MIN_BRIDGE_WORDS {
            short.push(i);
            continue;
        }
        // Shared shingles per earlier quote, counted in a reused array.
        keys.clear();
        let mut seen = BTreeSet::new();
        for w in c.windows(3) {
            let key = [w[0], w[1], w[2]];
            if !seen.insert(key) {
                continue;
            }
            keys.push(key);
            for &j in compared.get(&key).map_or(&[][..], Vec::as_slice) {
                if counts[j] == 0 {
                    touched.push(j);
                }
                counts[j] += 1;
            }
        }
        touched.sort_unstable();
        let shared: Vec<(usize, usize)> = touched
            .drain(..)
            .map(|j| (j, std::mem::take(&mut counts[j]) as usize))
            .collect();
        let mut aligned = 0;
        for (j, n) in shared {
            // Already one group: nothing to test.
            let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
            if ri == rj {
                continue;
            }
            let (a, b) = if c.len() <= coded[j].len() {
                (c.as_slice(), coded[j].as_slice())
            } else {
                (coded[j].as_slice(), c.as_slice())
            };
            let share = n as f64 / shingles(a).max(1) as f64;
            let align = n >= 2
                && share >= MIN_ALIGN_SHARE
                && aligned < MAX_ALIGNMENTS
                && a.len() * b.len() <= MAX_ALIGN_CELLS;
            aligned += usize::from(align);
            if share >= MIN_SHINGLE_SHARE || contains_run(b, a) || (align && close_run(a, b)) {
                union(&mut parent, i, j);
                let both = wordings[ri] + wordings[rj];
                wordings[find(&mut parent, i)] = both;
            }
        }
        let root = find(&mut parent, i);
        if (wordings[root] as usize) < MAX_GROUP_WORDINGS {
            wordings[root] += 1;
            for key in &keys {
                compared.entry(*key).or_default().push(i);
            }
        }
    }
    // A short quote joins the one group whose longer quotes contain it.
    for i in short {
        let c = &coded[i];
        let key = [c[0], c[1], c[2]];
        let groups: BTreeSet<usize> = index
            .get(&key)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|&&j| coded[j].len() > c.len() && contains_run(&coded[j], c))
            .map(|&j| find(&mut parent, j))
            .collect();
        if let [only] = groups.iter().copied().collect::<Vec<_>>()[..] {
            union(&mut parent, i, only);
        }
    }
    (0..found.len()).map(|i| find(&mut parent, i)).collect()
}

/// Finds every quotation in every source, attributes speakers and matches quotes across sources.
pub fn extract_quotes(sources: &[SourceAnalysis], entities: &[Entity]) -> Vec<Quote> {
    let genders: HashMap<EntityId, Gender> = entities
        .iter()
        .filter_map(|e| entity_gender(e).map(|g| (e.id, g)))
        .collect();
    // The people and organisations each source names, in entity order, gathered in one pass.
    let mut named_in: Vec<Vec<(Span, EntityId, EntityKind)>> = vec![Vec::new(); sources.len()];
    for e in entities {
        if !matches!(e.kind, EntityKind::Person | EntityKind::Organisation) {
            continue;
        }
        for m in &e.mentions {
            if let Some(list) = named_in.get_mut(m.document.index()) {
                list.push((m.span, e.id, e.kind));
            }
        }
    }
    let mut found: Vec<Found> = Vec::new();
    for s in sources {
        let text = s.document.text.as_str();
        let segments: Vec<Segment> = find_segments(text)
            .into_iter()
            .filter(|q| !s.document.is_boilerplate(q.span))
            .collect();
        let named = named_in.get(s.id.index()).map_or(&[][..], Vec::as_slice);
        let view = source_view(s, named, &segments);
        let mut namers: Vec<Option<Namer>> = segments
            .iter()
            .map(|seg| attribute(&view, seg, &segments))
            .collect();
        // The first paragraph of a continued quote takes the attribution of a later one
        // ("…first part.\n\n"…second part," she said).
        for i in (0..segments.len().saturating_sub(1)).rev() {
            if namers[i].is_none() && segments[i + 1].continues {
                namers[i] = namers[i + 1];
            }
        }
        for i in 0..segments.len() {
            if namers[i].is_none() {
                namers[i] = inherited_namer(&view, &segments, &namers, i);
            }
        }
        for (seg, namer) in segments.iter().zip(namers) {
            let speaker = namer.and_then(|n| view.resolve(&n, &genders));
            let surface = collapse(seg.span.slice(text));
            found.push(Found {
                mention: QuoteMention {
                    document: s.id,
                    span: seg.span,
                    speaker,
                    speaker_span: speaker.and(namer.map(|n| n.span)),
                },
                words: quote_words(&surface),
                surface,
            });
        }
    }
    found.retain(|f| !f.words.is_empty());
    let roots = group_mentions(&found);
    build_quotes(&found, &roots, entities)
}

/// The speaker of a quote with no attribution of its own: that of the quote it continues or of
/// the quote in the same or the previous sentence, else, for a quote that is a sentence by itself,
/// the person the previous sentence names ("Trump blamed the media. "The Summit…"").
fn inherited_namer(
    view: &SourceView,
    segments: &[Segment],
    namers: &[Option<Namer>],
    i: usize,
) -> Option<Namer> {
    let seg = &segments[i];
    let this = view.sentence_at(seg.open);
    if let Some(p) = i.checked_sub(1).and_then(|p| segments.get(p)) {
        let adjacent = seg.continues
            || view.sentence_at(p.open) == this
            || view
                .text
                .get(p.close..this.start)
                .is_some_and(|g| g.trim().is_empty())
            || previous_sentence(view, this) == Some(view.sentence_at(p.open));
        if adjacent && let Some(n) = namers[i - 1] {
            return Some(n);
        }
    }
    if !bare_quote(view, seg) {
        return None;
    }
    let prev = previous_sentence(view, this)?;
    view.namers_in(prev.start, prev.end)
        .find(|n| matches!(n.who, Who::Entity(_)))
        .filter(|n| view.persons.contains(n))
        .copied()
}

fn previous_sentence(view: &SourceView, this: Span) -> Option<Span> {
    view.sentences
        .iter()
        .rev()
        .find(|s| s.end <= this.start)
        .copied()
}

/// True when the quote is its sentence, bar punctuation.
fn bare_quote(view: &SourceView, seg: &Segment) -> bool {
    let sentence = view.sentence_at(seg.open);
    let before = view.text.get(sentence.start..seg.open).unwrap_or("");
    let after = view
        .text
        .get(seg.close.min(sentence.end)..sentence.end)
        .unwrap_or("");
    let words = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
    words(before) == 0 && words(after) == 0
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn build_quotes(found: &[Found], roots: &[usize], entities: &[Entity]) -> Vec<Quote> {
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, r) in roots.iter().enumerate() {
        groups.entry(*r).or_default().push(i);
    }
    let mut quotes: Vec<Quote> = Vec::new();
    for members in groups.into_values() {
        let mut mentions: Vec<QuoteMention> = members.iter().map(|&i| found[i].mention).collect();
        mentions.sort();
        let mut variants: Vec<(Vec<String>, QuoteVariant)> = Vec::new();
        let mut ordered = members.clone();
        ordered.sort_by_key(|&i| (found[i].mention.document, found[i].mention.span));
        for &i in &ordered {
            let f = &found[i];
            match variants.iter_mut().find(|(w, _)| *w == f.words) {
                Some((_, v)) => {
                    if !v.documents.contains(&f.mention.document) {
                        v.documents.push(f.mention.document);
                    }
                }
                None => variants.push((
                    f.words.clone(),
                    QuoteVariant {
                        text: f.surface.clone(),
                        documents: vec![f.mention.document],
                    },
                )),
            }
        }
        let text = variants
            .iter()
            .max_by(|a, b| {
                a.0.len()
                    .cmp(&b.0.len())
                    .then(a.1.text.len().cmp(&b.1.text.len()))
                    .then(b.1.text.cmp(&a.1.text))
            })
            .map(|(_, v)| v.text.clone())
            .unwrap_or_default();
        let mut votes: BTreeMap<EntityId, usize> = BTreeMap::new();
        for m in &mentions {
            if let Some(s) = m.speaker {
                *votes.entry(s).or_default() += 1;
            }
        }
        let speaker = votes
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(id, _)| *id);
        let sources: BTreeSet<ArticleId> = mentions.iter().map(|m| m.document).collect();
        quotes.push(Quote {
            id: QuoteId(0),
            text,
            speaker,
            speaker_name: speaker
                .and_then(|id| entities.get(id.0 as usize))
                .map(|e| e.name.clone()),
            variants: variants.into_iter().map(|(_, v)| v).collect(),
            sources: sources.into_iter().collect(),
            mentions,
        });
    }
    quotes.sort_by(|a, b| {
        let fa = a.mentions.first().map(|m| (m.document, m.span));
        let fb = b.mentions.first().map(|m| (m.document, m.span));
        fa.cmp(&fb).then(a.text.cmp(&b.text))
    });
    for (i, q) in quotes.iter_mut().enumerate() {
        q.id = QuoteId(i as u32);
    }
    quotes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::article::Document;
    use crate::analysis::entities::extract_entities;

    fn sources_of(texts: &[&str]) -> Vec<SourceAnalysis> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| SourceAnalysis {
                id: ArticleId(i as u32),
                sentences: crate::analysis::sentences::split_sentences(t, &[]),
                document: Document::from_text(&format!("{i}.txt"), 0, t.to_string()),
                timexes: Vec::new(),
                estimate: None,
            })
            .collect()
    }

    /// Renders every quote as "speaker: text [sources]" ("?" for no speaker), in order.
    fn check(texts: &[&str], expect: &[&str]) {
        let sources = sources_of(texts);
        let entities = extract_entities(&sources);
        let quotes = extract_quotes(&sources, &entities);
        let lines: Vec<String> = quotes
            .iter()
            .map(|q| {
                let docs: Vec<String> = q.sources.iter().map(|d| d.0.to_string()).collect();
                format!(
                    "{}: {} [{}]",
                    q.speaker_name.as_deref().unwrap_or("?"),
                    q.text,
                    docs.join(",")
                )
            })
            .collect();
        assert_eq!(lines, expect);
    }

    #[test]
    fn finds_every_quote_form() {
        check(
            &["White House spokeswoman Sarah Sanders said: \"We are ready.\""],
            &["Sarah Sanders: We are ready. [0]"],
        );
        check(
            &["Senator Jeff Flake spoke. “We are ready,” he said."],
            &["Jeff Flake: We are ready [0]"],
        );
        check(
            &[
                "Senator Jeff Flake called it a 'great success' and a ‘tragic mistake’ but didn't say 'why'.",
            ],
            &[
                "Jeff Flake: great success [0]",
                "Jeff Flake: tragic mistake [0]",
                "Jeff Flake: why [0]",
            ],
        );
        check(
            &["President Donald Trump termed the summit a “great success” and the media “fake”."],
            &["Donald Trump: great success [0]", "Donald Trump: fake [0]"],
        );
        check(
            &["Director Dan Coats said: \"That is\ngoing to be special.\""],
            &["Dan Coats: That is going to be special. [0]"],
        );
        check(
            &[
                "President Donald Trump wrote: \"I look forward to it.\n\n\"There are many answers.\"",
            ],
            &[
                "Donald Trump: I look forward to it. [0]",
                "Donald Trump: There are many answers. [0]",
            ],
        );
    }

    #[test]
    fn attributes_speakers() {
        check(
            &["In a tweet, President Donald Trump said: \"The summit was great.\""],
            &["Donald Trump: The summit was great. [0]"],
        );
        check(
            &["\"Talks are under way,\" according to press secretary Sarah Sanders."],
            &["Sarah Sanders: Talks are under way [0]"],
        );
        check(
            &["\"Say that again,\" national intelligence director Dan Coats responded."],
            &["Dan Coats: Say that again [0]"],
        );
        check(
            &["Senator John McCain told reporters \"it was shameful\"."],
            &["John McCain: it was shameful [0]"],
        );
        check(
            &["\"We will see,\" said Senator John McCain."],
            &["John McCain: We will see [0]"],
        );
        check(
            &["Senator John McCain: \"We will see.\""],
            &["John McCain: We will see. [0]"],
        );
        check(
            &[
                "Senator John McCain called it a \"tragic mistake\", while Mr Newt Gingrich called it \"the worst\".",
            ],
            &[
                "John McCain: tragic mistake [0]",
                "Newt Gingrich: the worst [0]",
            ],
        );
        check(
            &["President Trump blamed the media. \"The summit was a great success.\""],
            &["Trump: The summit was a great success. [0]"],
        );
        check(
            &["The weather was fine. \"Nobody knows.\""],
            &["?: Nobody knows. [0]"],
        );
    }

    #[test]
    fn continued_quotes_share_a_later_attribution() {
        check(
            &[
                "Mr Donald Trump left early.\n\nWhite House spokeswoman Sarah Sanders spoke next.\n\n\"The talks will go on.\n\n\"We are ready,\" she said.",
            ],
            &[
                "Sarah Sanders: The talks will go on. [0]",
                "Sarah Sanders: We are ready [0]",
            ],
        );
        check(
            &[
                "The Kremlin did not wait. \"We will not back down,\" the Kremlin said. \"It is over,\" they said.",
            ],
            &["Kremlin: We will not back down [0]", "?: It is over [0]"],
        );
    }

    #[test]
    fn resolves_pronouns_by_gender() {
        check(
            &[
                "White House spokeswoman Sarah Sanders spoke after Mr Donald Trump left. \"Talks go on,\" she added. \"We wait,\" he said.",
            ],
            &[
                "Sarah Sanders: Talks go on [0]",
                "Donald Trump: We wait [0]",
            ],
        );
    }

    #[test]
    fn matches_quotes_across_sources() {
        check(
            &[
                "Mr Donald Trump said: \"The Summit with Russia was a great success, except with the media.\"",
                "Mr Donald Trump said: “The summit with Russia was a great success …”",
                "Mr Donald Trump said the summit was \"a great success\".",
            ],
            &[
                "Donald Trump: The Summit with Russia was a great success, except with the media. [0,1,2]",
            ],
        );
        check(
            &[
                "Ms Sarah Sanders said: \"Trump asked [National Security Adviser John Bolton] to invite Putin and those discussions are already under way.\"",
                "Ms Sarah Sanders said: \"Trump asked @Ambjohnbolton to invite Putin and those discussions are already underway.\"",
            ],
            &[
                "Sarah Sanders: Trump asked [National Security Adviser John Bolton] to invite Putin and those discussions are already under way. [0,1]",
            ],
        );
        check(
            &[
                "Senator John McCain called it \"shameful\".",
                "Senator John McCain called it \"shameful\" and \"sad\".",
                "Senator John McCain called it \"very sad\".",
            ],
            &[
                "John McCain: shameful [0,1]",
                "John McCain: sad [1]",
                "John McCain: very sad [2]",
            ],
        );
    }

    #[test]
    fn survives_messy_text() {
        let texts = [
            "",
            "\"",
            "“",
            "”",
            "'",
            "‘’",
            "\"\"\"",
            "“x",
            "x”",
            "'tis",
            "rock 'n' roll",
            "“É” ‘Ö’ \"🙂\"",
            "\"a\n\n\"b\n\n\"c",
            "he said: \"",
            "“ ” “ ”",
            "said “",
            "Mr Trump said: “x…",
            "\"\n\"\n\"",
            "she said 'x",
            "’tis the ‘season’",
        ];
        let sources = sources_of(&texts);
        let entities = extract_entities(&sources);
        for q in extract_quotes(&sources, &entities) {
            for m in &q.mentions {
                let text = &sources[m.document.index()].document.text;
                assert!(text.get(m.span.start..m.span.end).is_some(), "{q:?}");
                assert!(!m.span.is_empty(), "{q:?}");
            }
        }
        check(&["rock 'n' roll, don't"], &[]);
    }

    #[test]
    fn attributes_tweets_and_writing() {
        check(
            &["\"The summit went well,\" President Donald Trump tweeted."],
            &["Donald Trump: The summit went well [0]"],
        );
        check(
            &["President Donald Trump was in Washington. In a tweet, he wrote: \"We met.\""],
            &["Donald Trump: We met. [0]"],
        );
    }

    #[test]
    fn matches_despite_ellipses_hyphens_and_marks() {
        check(
            &[
                "Mr Donald Trump said: \"There are many answers, some easy . . . but they can ALL be solved by counter-terrorism!\"",
                "Mr Donald Trump said: ‘There are many answers, some easy… but they can all be solved by counterterrorism!’",
                "Mr Donald Trump said: “There are many answers, some easy...but they can ALL be solved by counter terrorism!”",
            ],
            // The longest wording is the one with the most words.
            &[
                "Donald Trump: There are many answers, some easy...but they can ALL be solved by counter terrorism! [0,1,2]",
            ],
        );
    }

    #[test]
    fn matches_a_quote_with_a_word_changed_and_a_preamble_dropped() {
        check(
            &[
                "Mr Dan Coats said: \"Well, you're right, I don't know what happened at that meeting.\"",
                "\"I don't know what happened in that meeting. I think we will learn more,\" Mr Dan Coats said.",
                "Mr Dan Coats said: \"I know what happened after that meeting in the city.\"",
            ],
            &[
                "Dan Coats: I don't know what happened in that meeting. I think we will learn more [0,1]",
                "Dan Coats: I know what happened after that meeting in the city. [2]",
            ],
        );
    }

    #[test]
    fn a_remark_retold_in_more_wordings_than_are_compared_stays_one_quote() {
        let words = [
            "plain",
            "whole",
            "simple",
            "full",
            "hard",
            "bare",
            "cold",
            "honest",
            "real",
            "sober",
            "basic",
            "clear",
            "naked",
            "exact",
            "open",
            "stark",
            "blunt",
            "raw",
            "grim",
            "true",
            "pure",
            "known",
            "painful",
            "ugly",
            "sad",
            "same",
            "only",
            "entire",
            "complete",
            "factual",
            "literal",
            "obvious",
            "proven",
            "unvarnished",
            "unpleasant",
            "candid",
            "frank",
            "direct",
            "actual",
            "unspun",
        ];
        let texts: Vec<String> = words
            .iter()
            .map(|w| {
                format!(
                    "Mr Dan Coats said: \"We will keep on telling the {w} truth about the threat from Russia to our elections.\""
                )
            })
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let sources = sources_of(&texts);
        let entities = extract_entities(&sources);
        let quotes = extract_quotes(&sources, &entities);
        assert!(words.len() > MAX_GROUP_WORDINGS);
        assert_eq!(quotes.len(), 1, "{quotes:#?}");
        assert_eq!(quotes[0].sources.len(), words.len());
    }

    #[test]
    fn short_quotes_never_bridge_groups() {
        check(
            &[
                "Senator John McCain said: \"we will win the vote in the senate today\".",
                "Senator John McCain said: \"we will lose the case in the court tomorrow\".",
                "Senator John McCain said: \"we will\" and left.",
            ],
            &[
                "John McCain: we will win the vote in the senate today [0]",
                "John McCain: we will lose the case in the court tomorrow [1]",
                "John McCain: we will [2]",
            ],
        );
    }
}
