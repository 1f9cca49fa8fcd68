//! Finds temporal expressions in English text: splits it into word, number and punctuation
//! tokens, then matches the expression grammar at each token that can begin one, keeping the
//! longest match. It decides what an expression means but must not compute calendar values
//! (that is `resolve`). Every pattern looks at a bounded number of tokens, so a scan is linear.

use super::TimexType;
use super::lexicon::{
    CORE, MonthForm, Number, Pod, SHORT_WEEKDAYS, STARTS, Unit, WordMap, month_of, number_word,
    ordinal_word, pod_of, season_of, unit_of, weekday_of, weekday_plural_of, word_flags,
};
use super::resolve::{
    Base, Holiday, Rel, Report, Sem, Sub, THANKSGIVING, Tense, TimeOfDay, Unreported, YearSpec,
};
use crate::analysis::Span;
use std::sync::LazyLock;

/// The document's own year, as "the year" of a report and "year-end" name it.
const DOCUMENT_YEAR: Sem = Sem::Shift {
    unit: Unit::Year,
    n: 0,
    base: Base::Dct,
    report: Report::AtUnit,
    tod: None,
};

/// Words that scale a number: "$33 million", "two thousand".
const SCALE_WORDS: &[&str] = &["hundred", "thousand", "million", "billion", "trillion"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    Num,
    Punct,
}

/// One token. Invariant: `start..end` is a char-boundary range of the scanned text.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    kind: TokKind,
    /// Whitespace separates this token from the one before.
    spaced: bool,
    /// A line break separates this token from the one before.
    broken: bool,
    /// [`lexicon::STARTS`] and [`lexicon::CORE`] for words; numbers count as both.
    flags: u8,
}

/// A matched expression over tokens `start..end`.
#[derive(Debug, Clone)]
pub(super) struct Cand {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub sem: Sem,
    pub modifier: Option<&'static str>,
    /// How often a set recurs in its period: `2X` for "twice a week".
    pub freq: Option<String>,
}

fn cand(start: usize, end: usize, kind: TimexType, sem: Sem) -> Option<Cand> {
    Some(Cand {
        start,
        end,
        kind,
        sem,
        modifier: None,
        freq: None,
    })
}

fn date_or_time(tod: Option<TimeOfDay>) -> TimexType {
    if tod.is_some() {
        TimexType::Time
    } else {
        TimexType::Date
    }
}

/// A counted amount: a number, or a vague one ("several").
#[derive(Debug, Clone, Copy, PartialEq)]
enum Amount {
    Count(f64),
    Vague,
}

/// The text split into tokens, ready to be matched.
pub(super) struct Scanner<'t> {
    text: &'t str,
    low: String,
    toks: Vec<Tok>,
}

/// Prepositions and determiners after which a bare month or year is a date.
const TEMPORAL_PREPS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "during",
    "through",
    "throughout",
    "from",
    "to",
    "before",
    "after",
    "of",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "that",
    "each",
    "every",
    "between",
    "around",
    "circa",
    "on",
    "for",
    "as",
    "and",
    "or",
    "the",
    "fiscal",
];

/// Words ending in -ed that are not past-tense verbs.
const NOT_PAST: &[&str] = &[
    "need",
    "speed",
    "red",
    "bed",
    "indeed",
    "hundred",
    "feed",
    "seed",
    "proceed",
    "exceed",
    "succeed",
    "shed",
    "wed",
    "united",
    "expected",
    "scheduled",
    "planned",
    "proposed",
    "based",
    "ted",
    "fred",
    "ned",
    "breed",
    "greed",
    "embed",
    "deed",
    "weed",
    "sled",
    "shred",
    "bred",
];

const PAST_WORDS: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "ago",
    "met",
    "went",
    "came",
    "made",
    "took",
    "gave",
    "saw",
    "held",
    "left",
    "began",
    "won",
    "lost",
    "sent",
    "fell",
    "rose",
    "got",
    "found",
    "thought",
    "knew",
    "spoke",
    "wrote",
    "became",
    "brought",
    "bought",
    "led",
    "paid",
    "ran",
    "sold",
    "struck",
    "been",
    "felt",
    "kept",
    "meant",
    "sought",
    "taught",
    "told",
    "underwent",
    "withdrew",
    "drew",
    "grew",
    "flew",
    "threw",
    "broke",
    "chose",
    "froze",
    "stole",
    "woke",
    "wore",
    "tore",
    "swore",
    "rode",
    "shook",
    "forgot",
    "hid",
    "bit",
    "fought",
    "caught",
    "built",
    "spent",
    "lent",
    "bent",
    "dealt",
    "heard",
    "stood",
    "understood",
    "sat",
    "shot",
    "slept",
    "announced",
    // "the fiscal year ended Jan. 31": a period that has ended lies in the past, as far back
    // as a firm past tense reaches.
    "ended",
    "yesterday",
    "earlier",
    "previously",
    "recently",
];

const FUTURE_WORDS: &[&str] = &[
    "will",
    "would",
    "payable",
    "shall",
    "plans",
    "planning",
    "aims",
    "wants",
    "intend",
    "plan",
    "expected",
    "expects",
    "expect",
    "scheduled",
    "upcoming",
    "next",
    "tomorrow",
    "going",
    "intends",
    "hopes",
    "slated",
    "aims",
    "wants",
    "hope",
    "intend",
    // A schedule told in the present: "the show opens to the public on Friday", "the
    // committee meets Tuesday", "the offer expires Nov. 6".
    "opens",
    "reopens",
    "begins",
    "starts",
    "resumes",
    "expires",
    "convenes",
    "reconvenes",
    "airs",
    "premieres",
    "debuts",
    "meets",
];

/// Future cues that are verbs of intent, and so signal a plan only before "to".
const INTENT_VERBS: &[&str] = &[
    "plans", "planning", "plan", "aims", "wants", "intend", "intends", "hopes", "hope", "going",
];

/// The tense words above, for one lookup per token.
static TENSE_CUES: LazyLock<WordMap<Tense>> = LazyLock::new(|| {
    let mut map = WordMap::default();
    map.extend(PAST_WORDS.iter().map(|w| (*w, Tense::Past)));
    map.extend(FUTURE_WORDS.iter().map(|w| (*w, Tense::Future)));
    map
});

const TIME_ZONES: &[&str] = &[
    "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest",
    "et", "pt", "ct", "mt", "jst", "ist", "msk", "eet", "eest", "aest", "z",
];

impl<'t> Scanner<'t> {
    /// Splits `text` into tokens.
    pub(super) fn new(text: &'t str) -> Scanner<'t> {
        let low = text.to_ascii_lowercase();
        let mut toks = Vec::with_capacity(text.len() / 5);
        let mut spaced = true;
        let mut broken = true;
        let mut pos = 0;
        while let Some(c) = char_at(text, pos) {
            let start = pos;
            pos += c.len_utf8();
            if c.is_whitespace() {
                spaced = true;
                if c == '\n' || c == '\r' {
                    broken = true;
                }
                continue;
            }
            let kind = if c.is_ascii_digit() {
                TokKind::Num
            } else if c.is_alphabetic() {
                TokKind::Word
            } else {
                TokKind::Punct
            };
            if kind != TokKind::Punct {
                while let Some(d) = char_at(text, pos) {
                    let same = match kind {
                        TokKind::Num => d.is_ascii_digit(),
                        _ => d.is_ascii_alphabetic() || (!d.is_ascii() && d.is_alphabetic()),
                    };
                    if !same {
                        break;
                    }
                    pos += d.len_utf8();
                }
            }
            let end = pos;
            let flags = match kind {
                TokKind::Num => STARTS | CORE,
                TokKind::Word => low.get(start..end).map_or(0, word_flags),
                TokKind::Punct => 0,
            };
            toks.push(Tok {
                start,
                end,
                kind,
                spaced,
                broken,
                flags,
            });
            spaced = false;
            broken = false;
        }
        Scanner { text, low, toks }
    }

    /// Every expression found, in text order, never overlapping.
    pub(super) fn scan(&self) -> Vec<Cand> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            if self.may_start_at(i)
                && let Some(c) = self.parse_at(i)
                && c.end > i
                && !self.names_no_time(&c)
            {
                i = c.end;
                out.push(c);
                continue;
            }
            i += 1;
        }
        out
    }

    /// True when a candidate is part of a name or a measure that tells no time: the
    /// publications "Daily Mail", "New York Daily News", "Entertainment Weekly" and "USA
    /// Today", the "Today" show, "the Six-Day War", and a distance in light-years.
    fn names_no_time(&self, c: &Cand) -> bool {
        let (i, last) = (c.start, c.end - 1);
        if last > 0
            && matches!(self.w(last), "year" | "years")
            && (self.is(last - 1, "light")
                || (last > 1
                    && self.p(last - 1, '-')
                    && self.tight(last)
                    && self.is(last - 2, "light")))
        {
            return true;
        }
        // "the Six-Day War", "the Hundred Years' War": a war named by its length.
        let after = if self.apostrophe(c.end) {
            c.end + 1
        } else {
            c.end
        };
        if self.cap(i) && self.cap(after) && matches!(self.w(after), "war" | "wars") {
            return true;
        }
        if c.end != i + 1 || !self.cap(i) {
            return false;
        }
        match self.w(i) {
            // A capitalised frequency inside a sentence, or one before another capitalised word
            // that is no month or weekday, names a publication.
            "daily" | "weekly" | "monthly" | "yearly" | "annually" | "nightly" => {
                !self.sentence_start(i)
                    || (self.is_word(i + 1)
                        && self.cap(i + 1)
                        && month_of(self.w(i + 1)).is_none()
                        && weekday_of(self.w(i + 1)).is_none())
            }
            "today" => {
                !self.sentence_start(i)
                    && (matches!(self.raw(i - 1), "USA" | "the")
                        || matches!(self.w(i + 1), "show" | "programme" | "program"))
            }
            _ => false,
        }
    }

    /// The byte span of a candidate.
    pub(super) fn span_of(&self, c: &Cand) -> Span {
        let start = self.toks.get(c.start).map_or(0, |t| t.start);
        let end = self
            .toks
            .get(c.end.saturating_sub(1))
            .map_or(start, |t| t.end);
        Span::new(start, end.max(start))
    }

    // ---- token access -------------------------------------------------------------------

    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }

    /// The lower-case word at `i`, or "" when `i` is not a word.
    fn w(&self, i: usize) -> &str {
        match self.tok(i) {
            Some(t) if t.kind == TokKind::Word => self.low.get(t.start..t.end).unwrap_or(""),
            _ => "",
        }
    }

    fn raw(&self, i: usize) -> &str {
        self.tok(i)
            .map_or("", |t| self.text.get(t.start..t.end).unwrap_or(""))
    }

    fn is(&self, i: usize, word: &str) -> bool {
        self.w(i) == word
    }

    fn p(&self, i: usize, c: char) -> bool {
        matches!(self.tok(i), Some(t) if t.kind == TokKind::Punct && self.raw(i).starts_with(c))
    }

    fn apostrophe(&self, i: usize) -> bool {
        self.p(i, '\'') || self.p(i, '\u{2019}')
    }

    /// True when token `i` exists and touches the token before it.
    fn tight(&self, i: usize) -> bool {
        matches!(self.tok(i), Some(t) if !t.spaced)
    }

    fn is_num(&self, i: usize) -> bool {
        matches!(self.tok(i), Some(t) if t.kind == TokKind::Num)
    }

    fn is_word(&self, i: usize) -> bool {
        matches!(self.tok(i), Some(t) if t.kind == TokKind::Word)
    }

    /// The value and digit count of a number token of at most nine digits.
    fn num(&self, i: usize) -> Option<(i64, usize)> {
        let t = self.tok(i)?;
        if t.kind != TokKind::Num || t.end - t.start > 9 {
            return None;
        }
        let s = self.raw(i);
        Some((s.parse().ok()?, s.len()))
    }

    fn cap(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// True when token `i` begins a sentence or a line.
    fn sentence_start(&self, i: usize) -> bool {
        match self.tok(i) {
            None => false,
            Some(t) if t.broken || i == 0 => true,
            Some(_) => {
                let prev = self.raw(i - 1);
                matches!(
                    prev,
                    "." | "!" | "?" | "\"" | "\u{201c}" | ":" | "(" | "-" | "\u{2014}" | "'"
                )
            }
        }
    }

    fn prev_word(&self, i: usize) -> &str {
        if i == 0 { "" } else { self.w(i - 1) }
    }

    /// Whether an expression may begin at `i`: a starter word with a time-carrying word at
    /// most five tokens on, or an apostrophe ("'80s"). This filter keeps the scan fast.
    fn may_start_at(&self, i: usize) -> bool {
        let Some(t) = self.tok(i) else { return false };
        if t.flags & STARTS == 0 {
            return t.kind == TokKind::Punct && self.apostrophe(i);
        }
        t.flags & CORE != 0
            || self
                .toks
                .iter()
                .skip(i + 1)
                .take(5)
                .any(|n| n.flags & CORE != 0)
    }

    // ---- the grammar ----------------------------------------------------------------------

    fn parse_at(&self, i: usize) -> Option<Cand> {
        let mut best = self.p_modified(i);
        let productions: [fn(&Self, usize) -> Option<Cand>; 15] = [
            Self::p_iso,
            Self::p_slash_date,
            Self::p_named_date,
            Self::p_time,
            Self::p_year,
            Self::p_weekday,
            Self::p_deictic,
            Self::p_quarter,
            Self::p_season,
            Self::p_duration,
            Self::p_set,
            Self::p_holiday,
            Self::p_century,
            Self::p_decade_word,
            Self::p_day_of_month,
        ];
        for f in productions {
            if let Some(c) = f(self, i)
                && best.as_ref().is_none_or(|b| c.end > b.end)
            {
                best = Some(c);
            }
        }
        best
    }

    /// The longest unmodified expression at `i`.
    fn parse_core(&self, i: usize) -> Option<Cand> {
        let productions: [fn(&Self, usize) -> Option<Cand>; 14] = [
            Self::p_iso,
            Self::p_named_date,
            Self::p_time,
            Self::p_year,
            Self::p_weekday,
            Self::p_deictic,
            Self::p_quarter,
            Self::p_season,
            Self::p_duration,
            Self::p_set,
            Self::p_holiday,
            Self::p_century,
            Self::p_decade_word,
            Self::p_day_of_month,
        ];
        let mut best: Option<Cand> = None;
        for f in productions {
            if let Some(c) = f(self, i)
                && best.as_ref().is_none_or(|b| c.end > b.end)
            {
                best = Some(c);
            }
        }
        best
    }

    /// A modifier ("about", "early", "the end of", "more than") before an expression.
    fn p_modified(&self, i: usize) -> Option<Cand> {
        #[derive(PartialEq)]
        enum Applies {
            Amount,
            Any,
            Point,
            MonthHalf,
            Deictic,
        }
        use Applies::*;
        const MODS: &[(&[&str], &str, Applies)] = &[
            (&["no", "more", "than"], "EQUAL_OR_LESS", Amount),
            (&["more", "than"], "MORE_THAN", Amount),
            (&["less", "than"], "LESS_THAN", Amount),
            (&["fewer", "than"], "LESS_THAN", Amount),
            (&["at", "least"], "EQUAL_OR_MORE", Amount),
            (&["at", "most"], "EQUAL_OR_LESS", Amount),
            (&["up", "to"], "EQUAL_OR_LESS", Amount),
            (&["just", "over"], "MORE_THAN", Amount),
            (&["just", "under"], "LESS_THAN", Amount),
            (&["over"], "MORE_THAN", Amount),
            (&["under"], "LESS_THAN", Amount),
            (&["within"], "EQUAL_OR_LESS", Amount),
            (&["some"], "APPROX", Amount),
            (&["about"], "APPROX", Any),
            (&["around"], "APPROX", Amount),
            (&["approximately"], "APPROX", Any),
            (&["roughly"], "APPROX", Any),
            (&["nearly"], "APPROX", Any),
            (&["almost"], "APPROX", Any),
            (&["the", "first", "half", "of"], "START", MonthHalf),
            (&["first", "half", "of"], "START", MonthHalf),
            (&["the", "second", "half", "of"], "END", MonthHalf),
            (&["second", "half", "of"], "END", MonthHalf),
            (&["the", "last", "half", "of"], "END", MonthHalf),
            (&["the", "first", "week", "of"], "START", MonthHalf),
            (&["first", "week", "of"], "START", MonthHalf),
            (&["the", "first", "days", "of"], "START", MonthHalf),
            (&["the", "first", "few", "days", "of"], "START", MonthHalf),
            (&["the", "last", "week", "of"], "END", MonthHalf),
            (&["last", "week", "of"], "END", MonthHalf),
            (&["the", "final", "week", "of"], "END", MonthHalf),
            (&["the", "last", "days", "of"], "END", MonthHalf),
            (&["the", "last", "few", "days", "of"], "END", MonthHalf),
            (&["the", "final", "days", "of"], "END", MonthHalf),
            (&["the", "end", "of"], "END", Point),
            (&["end", "of"], "END", Point),
            (&["the", "close", "of"], "END", Point),
            (&["the", "beginning", "of"], "START", Point),
            (&["beginning", "of"], "START", Point),
            (&["the", "start", "of"], "START", Point),
            (&["start", "of"], "START", Point),
            (&["the", "middle", "of"], "MID", Point),
            (&["middle", "of"], "MID", Point),
            (&["the", "early"], "START", Point),
            (&["the", "late"], "END", Point),
            (&["the", "mid", "-"], "MID", Point),
            (&["the", "mid"], "MID", Point),
            (&["early", "-"], "START", Point),
            (&["early"], "START", Point),
            (&["late", "-"], "END", Point),
            (&["late"], "END", Point),
            (&["mid", "-"], "MID", Point),
            (&["mid"], "MID", Point),
            (&["earlier"], "START", Deictic),
            (&["later"], "", Deictic),
            (&["post", "-"], "AFTER", Point),
            (&["pre", "-"], "BEFORE", Point),
        ];
        for (words, modifier, applies) in MODS {
            let matched = words.iter().enumerate().all(|(k, word)| {
                if *word == "-" {
                    self.p(i + k, '-')
                } else {
                    self.is(i + k, word)
                }
            });
            if !matched {
                continue;
            }
            let mut j = i + words.len();
            // "earlier in the year", "later in the day": the preposition belongs inside.
            if *applies == Deictic && self.is(j, "in") && self.is(j + 1, "the") {
                j += 1;
            }
            let part_of = *applies == Point && words.last() == Some(&"of");
            let Some(mut c) = self
                .parse_core(j)
                .or_else(|| if part_of { self.the_unit_at(j) } else { None })
            else {
                continue;
            };
            let ok = match applies {
                Amount => {
                    (c.kind == TimexType::Duration || matches!(c.sem, Sem::Shift { .. }))
                        && (self.is_num(j) || self.amount_at(j).is_some())
                }
                Any => c.kind != TimexType::Set,
                Point => c.kind != TimexType::Duration && c.kind != TimexType::Set,
                // Half of a month, or of a decade or a century ("the last half of the '80s"),
                // whose value has no finer unit to name the half in.
                MonthHalf => match &c.sem {
                    Sem::Cal {
                        sub: Some(Sub::Month(_)),
                        day: None,
                        ..
                    } => true,
                    Sem::Fixed(v) => {
                        c.kind == TimexType::Date
                            && (2..=3).contains(&v.len())
                            && v.bytes().all(|b| b.is_ascii_digit())
                    }
                    _ => false,
                },
                Deictic => matches!(
                    self.w(j),
                    "this" | "that" | "today" | "yesterday" | "tomorrow" | "tonight" | "in" | "the"
                ),
            };
            if !ok {
                continue;
            }
            // News annotation leaves hedges such as "about" and "within" outside the
            // expression while keeping their meaning as the modifier.
            if !matches!(
                self.w(i),
                "about" | "around" | "approximately" | "roughly" | "within"
            ) {
                c.start = i;
            }
            c.modifier = if modifier.is_empty() {
                c.modifier
            } else {
                Some(modifier)
            };
            return Some(c);
        }
        None
    }

    /// `2018-07-20`, `2018-07-20T01:22:00+00:00`.
    fn p_iso(&self, i: usize) -> Option<Cand> {
        let (y, 4) = self.num(i)? else { return None };
        if !(self.p(i + 1, '-') && self.tight(i + 1) && self.tight(i + 2)) {
            return None;
        }
        let (m, 2) = self.num(i + 2)? else {
            return None;
        };
        if !(self.p(i + 3, '-') && self.tight(i + 3) && self.tight(i + 4)) {
            return None;
        }
        let (d, 2) = self.num(i + 4)? else {
            return None;
        };
        if i > 0 && self.tight(i) && (self.is_num(i - 1) || self.p(i - 1, '-')) {
            return None;
        }
        let (m, d) = (i8::try_from(m).ok()?, i8::try_from(d).ok()?);
        jiff::civil::Date::new(i16::try_from(y).ok()?, m, d).ok()?;
        let mut end = i + 5;
        let mut tod = None;
        if self.is(end, "t")
            && self.tight(end)
            && let Some((hour, minute, k)) = self.clock_digits(end + 1)
        {
            tod = Some(TimeOfDay::Clock { hour, minute });
            end = k;
            // A zone suffix belongs to the expression but does not change the local value.
            if self.is(end, "z") && self.tight(end) {
                end += 1;
            } else if (self.p(end, '+') || self.p(end, '-'))
                && self.tight(end)
                && self.num(end + 1).is_some()
                && self.tight(end + 1)
            {
                end += 2;
                if self.p(end, ':') && self.tight(end) && self.is_num(end + 1) {
                    end += 2;
                }
            }
        }
        // "2018-07-20 10:22", as feeds and page footers write it.
        if tod.is_none()
            && let Some((t, k)) = self.time_after(end)
        {
            tod = Some(t);
            end = k;
        }
        let sem = Sem::Cal {
            year: YearSpec::Known(y as i32),
            sub: Some(Sub::Month(m)),
            day: Some(d),
            tod,
        };
        cand(i, end, date_or_time(tod), sem)
    }

    /// `07/20/2018`, month first as in US news; `20/07/18` with a two-digit year; `20.07.2018`,
    /// day first as European pages write it. A day above 12 settles the order either way.
    fn p_slash_date(&self, i: usize) -> Option<Cand> {
        // "20-Jul-2018", as page footers and archives write it.
        if let Some((d, 1 | 2)) = self.num(i)
            && self.p(i + 1, '-')
            && (1..=4).all(|k| self.tight(i + k))
            && let Some((m, _, k)) = self.month_at(i + 2)
            && k == i + 3
            && self.p(k, '-')
            && let Some((y, 4)) = self.num(k + 1)
            && self.tight(k + 1)
        {
            return day_date(i, k + 2, y, i64::from(m), d);
        }
        let (a, da) = self.num(i)?;
        let (b, db) = self.num(i + 2)?;
        let (y, dy) = self.num(i + 4)?;
        let tight = (1..=4).all(|k| self.tight(i + k));
        let dotted = self.p(i + 1, '.') && self.p(i + 3, '.');
        let slashed = self.p(i + 1, '/') && self.p(i + 3, '/');
        let trailing = self.tight(i + 5)
            && (self.p(i + 5, '/')
                || self.p(i + 5, '.') && self.is_num(i + 6) && self.tight(i + 6)
                || self.is_num(i + 6) && self.tight(i + 6));
        // "2018/07/20" and "2018.07.20", as East Asian and some European pages write dates:
        // the year first is always followed by the month. A dotted one needs two-digit month
        // and day, since "2019.3.1" is a version number.
        if da == 4
            && (1000..=2199).contains(&a)
            && tight
            && ((slashed && db <= 2 && dy <= 2) || (dotted && db == 2 && dy == 2))
            && !trailing
        {
            return day_date(i, i + 5, a, b, y);
        }
        if !(tight && (slashed || dotted) && da <= 2 && db <= 2) {
            return None;
        }
        // A dotted date needs its full year: "1.2.18" is a version or a section number.
        let y = match dy {
            4 => y,
            2 if slashed => 2000 + y - if y >= 50 { 100 } else { 0 },
            _ => return None,
        };
        if trailing {
            return None;
        }
        let day_first = if dotted { b <= 12 } else { a > 12 };
        let (m, d) = if day_first { (b, a) } else { (a, b) };
        day_date(i, i + 5, y, m, d)
    }

    /// A month name at `j`, with the token after it (an abbreviation's dot included).
    fn month_at(&self, j: usize) -> Option<(i8, MonthForm, usize)> {
        let (m, form) = month_of(self.w(j))?;
        if form == MonthForm::Abbreviated && self.p(j + 1, '.') && self.tight(j + 1) {
            return Some((m, form, j + 2));
        }
        Some((m, form, j + 1))
    }

    /// A day of the month at `j` ("16", "16th"), with the token after it.
    fn day_at(&self, j: usize) -> Option<(i8, usize)> {
        let (d, digits) = self.num(j)?;
        if digits > 2 || !(1..=31).contains(&d) {
            return None;
        }
        let mut k = j + 1;
        if matches!(self.w(k), "st" | "nd" | "rd" | "th") && self.tight(k) {
            k += 1;
        }
        // "16:30", "16,000", "16.5" and "16-year" are not days; "5-7" after a month is a
        // range of days.
        if self.tight(k)
            && (self.p(k, ':') || self.p(k, ',') || self.p(k, '.') || self.p(k, '-'))
            && self.is_num(k + 1)
            && self.tight(k + 1)
            && self.day_range_end(d, k).is_none()
        {
            return None;
        }
        if self.tight(k) && self.is_word(k) {
            return None;
        }
        Some((d as i8, k))
    }

    /// The token after a range of days that runs on from day `first` with a hyphen at `k`:
    /// "5-7" in "June 5-7", "25-26" in "Nov. 25-26, 2019".
    fn day_range_end(&self, first: i64, k: usize) -> Option<usize> {
        if !(self.p(k, '-') && self.tight(k) && self.tight(k + 1)) {
            return None;
        }
        let (last, digits) = self.num(k + 1)?;
        // "5-7-2019" and "3-2-1" are other things.
        let next_tight = self.tight(k + 2)
            && (self.p(k + 2, '-')
                || self.p(k + 2, '/')
                || self.p(k + 2, ':')
                || self.is_num(k + 2));
        (digits <= 2 && first < last && last <= 31 && !next_tight).then_some(k + 2)
    }

    /// A four-digit year at `j` in a date context, with the token after it.
    fn year_at(&self, j: usize) -> Option<(i32, usize)> {
        let (y, 4) = self.num(j)? else { return None };
        if !(1000..=2199).contains(&y) {
            return None;
        }
        if self.tight(j + 1)
            && (self.p(j + 1, ',') || self.p(j + 1, '.'))
            && self.is_num(j + 2)
            && self.tight(j + 2)
        {
            return None;
        }
        Some((y as i32, j + 1))
    }

    /// A clock time in digits at `j`: `01:22`, `01:22:00`, with the token after it.
    fn clock_digits(&self, j: usize) -> Option<(i8, i8, usize)> {
        let (h, dh) = self.num(j)?;
        if dh > 2 || h > 24 || !(self.p(j + 1, ':') && self.tight(j + 1) && self.tight(j + 2)) {
            return None;
        }
        let (m, 2) = self.num(j + 2)? else {
            return None;
        };
        if m > 59 {
            return None;
        }
        let mut k = j + 3;
        if self.p(k, ':')
            && self.tight(k)
            && self.tight(k + 1)
            && matches!(self.num(k + 1), Some((_, 2)))
        {
            k += 2;
            if self.p(k, '.') && self.tight(k) && self.is_num(k + 1) && self.tight(k + 1) {
                k += 2;
            }
        }
        Some((h as i8, m as i8, k))
    }

    /// A clock time: `1:22 AM EDT`, `6 a.m.`, `noon`, with the token after it.
    fn clock_at(&self, j: usize) -> Option<(i8, i8, usize)> {
        match self.w(j) {
            // "High Noon" is a title.
            "noon" | "midday" if self.cap(j) && !self.sentence_start(j) => return None,
            "noon" | "midday" => return Some((12, 0, j + 1)),
            "midnight" => return Some((24, 0, self.zone_after(j + 1))),
            _ => {}
        }
        if j > 0
            && self.tight(j)
            && (self.is_num(j - 1) || self.p(j - 1, ':') || self.p(j - 1, '.'))
        {
            return None;
        }
        let (mut h, mut m, mut k, colon) = match self.clock_digits(j) {
            Some((h, m, k)) => (h, m, k, true),
            // "11.30pm", "9.15 a.m.", "10.22 BST": British writing, read only before a
            // meridiem or a time zone, since "11.30" alone is a number.
            None if self.p(j + 1, '.')
                && self.tight(j + 1)
                && self.tight(j + 2)
                && matches!(self.num(j), Some((0..=23, 1 | 2)))
                && matches!(self.num(j + 2), Some((0..=59, 2)))
                && (matches!(self.w(j + 3), "am" | "pm")
                    || (matches!(self.w(j + 3), "a" | "p")
                        && self.p(j + 4, '.')
                        && self.is(j + 5, "m"))
                    || (self.cap(j + 3) && self.zone_after(j + 3) > j + 3)) =>
            {
                let (h, _) = self.num(j)?;
                let (m, _) = self.num(j + 2)?;
                (h as i8, m as i8, j + 3, true)
            }
            None => {
                let (h, dh) = self.num(j)?;
                if dh > 2 || h > 12 {
                    return None;
                }
                (h as i8, 0, j + 1, false)
            }
        };
        let mut meridiem = None;
        match self.w(k) {
            "am" | "pm" => {
                meridiem = Some(self.w(k) == "pm");
                k += 1;
            }
            "a" | "p"
                if self.p(k + 1, '.')
                    && self.tight(k + 1)
                    && self.is(k + 2, "m")
                    && self.tight(k + 2) =>
            {
                meridiem = Some(self.w(k) == "p");
                k += 3;
                if self.p(k, '.') && self.tight(k) {
                    k += 1;
                }
            }
            "o" if self.apostrophe(k + 1) && self.is(k + 2, "clock") => {
                k += 3;
                meridiem = Some(false);
                if h == 12 {
                    h = 0;
                }
            }
            _ => {}
        }
        if self.is(k, "in") && self.is(k + 1, "the") && !colon {
            match self.w(k + 2) {
                "morning" => {
                    meridiem = Some(false);
                    k += 3;
                }
                "afternoon" | "evening" => {
                    meridiem = Some(true);
                    k += 3;
                }
                _ => {}
            }
        }
        match meridiem {
            Some(true) if h < 12 => h += 12,
            Some(false) if h == 12 && colon => h = 0,
            Some(_) if h > 12 => return None,
            None if !colon => return None,
            _ => {}
        }
        if m > 59 {
            m = 0;
        }
        Some((h, m, self.zone_after(k)))
    }

    /// The token after a time zone that starts at `k` ("EDT", "local time", "Eastern time"),
    /// or `k` when none does.
    fn zone_after(&self, k: usize) -> usize {
        if TIME_ZONES.contains(&self.w(k)) && (self.cap(k) || self.w(k).len() > 2) {
            k + 1
        } else if matches!(
            self.w(k),
            "local" | "eastern" | "pacific" | "central" | "mountain"
        ) && self.is(k + 1, "time")
        {
            k + 2
        } else {
            k
        }
    }

    /// A clock time after a date: `, 01:22`, ` at 8 p.m.`, ` 1:22 AM EDT`.
    fn time_after(&self, k: usize) -> Option<(TimeOfDay, usize)> {
        let mut j = k;
        if self.p(j, ',') || self.p(j, '-') || self.is(j, "at") || self.p(j, '\u{2014}') {
            j += 1;
        }
        let (hour, minute, end) = self.clock_at(j)?;
        Some((TimeOfDay::Clock { hour, minute }, end))
    }

    /// `July 16`, `16 July`, `Thursday April 18, 2024`, `July 2007`, `Sept.`, `20 Jul 2018, 01:22`.
    fn p_named_date(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut has_weekday = false;
        // A weekday before the date, in full or, as page headers write it, shortened and
        // capitalised: "Fri 20 Jul 2018", "Thu., July 19".
        let short_weekday = self.cap(j) && SHORT_WEEKDAYS.contains(&self.w(j));
        if weekday_of(self.w(j)).is_some() || short_weekday {
            has_weekday = true;
            j += 1;
            if short_weekday && self.p(j, '.') {
                j += 1;
            }
            if self.p(j, ',') {
                j += 1;
            }
        }
        let (year, month, day, mut end) = if let Some((m, form, k)) = self.month_at(j) {
            if let Some((d, k2)) = self.day_at(k) {
                // A range of days is dated by its first day, and takes the year after it.
                let mut k3 = self.day_range_end(d.into(), k2).unwrap_or(k2);
                if self.p(k3, ',') && self.year_at(k3 + 1).is_some() {
                    k3 += 1;
                }
                match self.year_at(k3) {
                    Some((y, k4)) => (Some(y), m, Some(d), k4),
                    None => (None, m, Some(d), k2),
                }
            } else if let Some((y, k2)) = {
                let at = if self.p(k, ',') || self.is(k, "of") {
                    k + 1
                } else {
                    k
                };
                // Broadcast transcripts spell the year: "January nineteen ninety-seven".
                self.year_at(at).or_else(|| self.word_year(at))
            } {
                if has_weekday {
                    return None;
                }
                (Some(y), m, None, k2)
            } else {
                if has_weekday || !self.month_alone_ok(j, form, k) {
                    return None;
                }
                (None, m, None, k)
            }
        } else {
            let start = if self.is(j, "the") && !has_weekday {
                j + 1
            } else {
                j
            };
            let (d, mut k) = self.day_at(start)?;
            if self.is(k, "of") {
                k += 1;
            }
            let (m, _, mut k2) = self.month_at(k)?;
            if start > j
                && !self.is(start + 1, "th")
                && !matches!(self.w(start + 1), "st" | "nd" | "rd")
            {
                return None;
            }
            let mut year = None;
            let mut k3 = k2;
            if self.p(k3, ',') && self.year_at(k3 + 1).is_some() {
                k3 += 1;
            }
            if let Some((y, k4)) = self.year_at(k3) {
                year = Some(y);
                k2 = k4;
            }
            (year, m, Some(d), k2)
        };
        let mut tod = None;
        if day.is_some()
            && let Some((t, k)) = self.time_after(end)
        {
            tod = Some(t);
            end = k;
        }
        let mut year = match year {
            Some(y) => YearSpec::Known(y),
            None => YearSpec::Around(Rel::Tense),
        };
        // "June last year", "January this year"
        if let YearSpec::Around(_) = year
            && tod.is_none()
            && self.is(end + 1, "year")
            && let Some(n) = match self.w(end) {
                "this" => Some(0),
                "last" => Some(-1),
                "next" => Some(1),
                _ => None,
            }
        {
            year = YearSpec::Shifted(n);
            end += 2;
        }
        let sem = Sem::Cal {
            year,
            sub: Some(Sub::Month(month)),
            day,
            tod,
        };
        cand(i, end, date_or_time(tod), sem)
    }

    /// Whether a month name at `j` (next token `k`) standing alone is a date: "in March" is,
    /// "Theresa May" and "a march on Washington" are not.
    fn month_alone_ok(&self, j: usize, form: MonthForm, k: usize) -> bool {
        let abbreviated_with_dot = form == MonthForm::Abbreviated && k == j + 2;
        if form == MonthForm::Abbreviated && !abbreviated_with_dot {
            return false;
        }
        if !self.cap(j) {
            return false;
        }
        let prev = self.prev_word(j);
        let prev_is_prep = TEMPORAL_PREPS.contains(&prev);
        let strong_prep =
            prev_is_prep && !matches!(prev, "the" | "and" | "or" | "to" | "on" | "for" | "as");
        if matches!(self.w(j), "may" | "march") && !strong_prep {
            return false;
        }
        if j > 0
            && self.is_word(j - 1)
            && self.cap(j - 1)
            && !prev_is_prep
            && !self.sentence_start(j - 1)
        {
            return false;
        }
        if j > 0
            && self.is_word(j - 1)
            && self.cap(j - 1)
            && !prev_is_prep
            && month_of(prev).is_none()
        {
            return false;
        }
        if self.is_word(k)
            && self.cap(k)
            && month_of(self.w(k)).is_none()
            && weekday_of(self.w(k)).is_none()
        {
            return false;
        }
        true
    }

    /// `6 a.m.`, `10:35 a.m. EDT Thursday`, `noon Friday`.
    fn p_time(&self, i: usize) -> Option<Cand> {
        let (hour, minute, mut end) = self.clock_at(i)?;
        let tod = Some(TimeOfDay::Clock { hour, minute });
        let mut k = end;
        if self.p(k, ',') || self.is(k, "on") {
            k += 1;
        }
        // A clock time alone belongs to the day last mentioned ("on Oct. 23 ... at 10 p.m."),
        // or to the document date.
        let mut sem = Sem::Shift {
            unit: Unit::Day,
            n: 0,
            base: Base::Previous,
            report: Report::AtUnit,
            tod,
        };
        // A named date first, so that a weekday before it ("10 a.m. Friday, Dec. 6") takes
        // its day from the date rather than from the tense.
        if let Some(c) = self.p_named_date(k)
            && let Sem::Cal {
                year,
                sub,
                day: Some(day),
                tod: None,
            } = c.sem
        {
            sem = Sem::Cal {
                year,
                sub,
                day: Some(day),
                tod,
            };
            end = c.end;
        } else if let Some(wd) = weekday_of(self.w(k)) {
            sem = Sem::Weekday {
                weekday: wd,
                rel: Rel::Tense,
                base: Base::Dct,
                tod,
            };
            end = k + 1;
        } else if let Some(n) = relative_day(self.w(k)) {
            sem = Sem::Shift {
                unit: Unit::Day,
                n,
                base: Base::Dct,
                report: Report::AtUnit,
                tod,
            };
            end = k + 1;
        }
        cand(i, end, TimexType::Time, sem)
    }

    /// `2007`, `fiscal 1989`, `the 1990s`, `'80s`, `nineteen ninety-six`.
    fn p_year(&self, i: usize) -> Option<Cand> {
        // "FY2019", "FY 2019", "FY19": a fiscal year written by its abbreviation.
        if self.raw(i) == "FY"
            && let Some((n, digits)) = self.num(i + 1)
            && !(self.tight(i + 2) && (self.is_num(i + 2) || self.is_word(i + 2)))
        {
            let y = match digits {
                4 if (1000..=2199).contains(&n) => n,
                2 if self.tight(i + 1) => n + if n < 70 { 2000 } else { 1900 },
                _ => return None,
            };
            let sem = Sem::Cal {
                year: YearSpec::Known(i32::try_from(y).ok()?),
                sub: None,
                day: None,
                tod: None,
            };
            return cand(i, i + 2, TimexType::Date, sem);
        }
        let mut j = i;
        let mut prefixed = false;
        if self.is(j, "the") {
            j += 1;
        }
        if matches!(self.w(j), "fiscal" | "calendar") {
            j += 1;
            prefixed = true;
            if self.is(j, "year") {
                j += 1;
            }
        } else if self.is(j, "year") && j > i {
            j += 1;
            prefixed = true;
        }
        // '80s
        if self.apostrophe(j)
            && let Some((d, 2)) = self.num(j + 1)
            && self.tight(j + 1)
        {
            if self.is(j + 2, "s") && self.tight(j + 2) && d % 10 == 0 {
                return cand(
                    i,
                    j + 3,
                    TimexType::Date,
                    Sem::Fixed(format!("19{}", d / 10)),
                );
            }
            return None;
        }
        if let Some((y, k)) = self.word_year(j) {
            // "nineteen ninety-six" reads only as a year; "two thousand" needs a context.
            if j == i
                && self.is(j, "two")
                && !self.sentence_start(i)
                && !TEMPORAL_PREPS.contains(&self.prev_word(i))
                && self.prev_word(i) != "year"
            {
                return None;
            }
            return cand(
                i,
                k,
                TimexType::Date,
                Sem::Cal {
                    year: YearSpec::Known(y),
                    sub: None,
                    day: None,
                    tod: None,
                },
            );
        }
        let (y, digits) = self.num(j)?;
        if digits == 2 && j > i && self.is(j + 1, "s") && self.tight(j + 1) && y % 10 == 0 {
            // "the 90s"
            return cand(
                i,
                j + 2,
                TimexType::Date,
                Sem::Fixed(format!("19{}", y / 10)),
            );
        }
        if digits != 4 || !(1000..=2199).contains(&y) {
            return None;
        }
        if j > 0 && self.tight(j) {
            let prev = self.raw(j - 1);
            if self.is_num(j - 1)
                || matches!(
                    prev,
                    "," | "." | "$" | "#" | "\u{a3}" | "\u{20ac}" | "/" | ":"
                )
                || self.is_word(j - 1)
            {
                return None;
            }
        }
        if self.tight(j + 1) {
            if (self.p(j + 1, ',')
                || self.p(j + 1, '.')
                || self.p(j + 1, ':')
                || self.p(j + 1, '/'))
                && self.is_num(j + 2)
                && self.tight(j + 2)
            {
                return None;
            }
            if self.p(j + 1, '%') || (self.is_word(j + 1) && !matches!(self.w(j + 1), "s")) {
                return None;
            }
        }
        // Decades: "1990s", "1990's".
        let decade_end = if self.is(j + 1, "s") && self.tight(j + 1) {
            Some(j + 2)
        } else if self.apostrophe(j + 1) && self.is(j + 2, "s") && self.tight(j + 1) && y % 10 == 0
        {
            Some(j + 3)
        } else {
            None
        };
        if let Some(end) = decade_end {
            if y % 10 != 0 {
                return None;
            }
            // "the 1800s" is the century; "the 2000s" is still read as the decade, as news
            // uses it.
            let value = if y % 100 == 0 && y < 2000 {
                format!("{:02}", y / 100)
            } else {
                format!("{:03}", y / 10)
            };
            return cand(i, end, TimexType::Date, Sem::Fixed(value));
        }
        if self.p(j - usize::from(j > 0), '$') {
            return None;
        }
        // "the 2016 election" keeps "the" outside the expression.
        let start = if prefixed { i } else { j };
        if !prefixed && !self.year_in_context(j) {
            return None;
        }
        cand(
            start,
            j + 1,
            TimexType::Date,
            Sem::Cal {
                year: YearSpec::Known(y as i32),
                sub: None,
                day: None,
                tod: None,
            },
        )
    }

    /// Whether a bare four-digit number at `j` reads as a year rather than a count.
    fn year_in_context(&self, j: usize) -> bool {
        let prev = self.prev_word(j);
        let prep = TEMPORAL_PREPS.contains(&prev) || matches!(prev, "year" | "since" | "in");
        let next = self.w(j + 1);
        let counted_noun = matches!(
            next,
            "people"
                | "children"
                | "men"
                | "women"
                | "feet"
                | "police"
                | "personnel"
                | "staff"
                | "million"
                | "billion"
                | "percent"
                | "miles"
                | "meters"
                | "metres"
                | "tons"
                | "troops"
        ) || (next.len() > 3
            && next.ends_with('s')
            && !next.ends_with("ss")
            && !self.cap(j + 1));
        if counted_noun && !prep {
            return false;
        }
        if matches!(
            next,
            "million" | "billion" | "percent" | "troops" | "people"
        ) {
            return false;
        }
        if j > 0 && self.p(j - 1, '$') {
            return false;
        }
        // "Flight 1549", "Windows 2000": a name before the number.
        if j > 0
            && self.is_word(j - 1)
            && self.cap(j - 1)
            && !prep
            && !self.sentence_start(j - 1)
            && month_of(prev).is_none()
            && season_of(prev).is_none()
        {
            return false;
        }
        (1600..=2100).contains(&self.num(j).map_or(0, |n| n.0)) || prep
    }

    /// A year in words: "nineteen ninety-six", "two thousand", "two thousand and one".
    fn word_year(&self, j: usize) -> Option<(i32, usize)> {
        let first = number_word(self.w(j))?;
        if (11..=20).contains(&first) && first != 20 {
            let tens = number_word(self.w(j + 1))?;
            if tens < 20 || tens % 10 != 0 {
                return None;
            }
            let mut k = j + 2;
            let mut y = first * 100 + tens;
            if self.p(k, '-')
                && let Some(u) = number_word(self.w(k + 1)).filter(|u| *u < 10)
            {
                y += u;
                k += 2;
            }
            return Some((y as i32, k));
        }
        if first == 2 && self.is(j + 1, "thousand") {
            let mut k = j + 2;
            let mut y = 2000;
            let after_and = if self.is(k, "and") { k + 1 } else { k };
            if let Some(u) = number_word(self.w(after_and)).filter(|u| *u < 20) {
                y += u;
                k = after_and + 1;
            }
            return Some((y as i32, k));
        }
        None
    }

    /// `Monday`, `last Friday`, `Thursday evening`, `Friday at 8 p.m.`.
    fn p_weekday(&self, i: usize) -> Option<Cand> {
        let mut base = Base::Dct;
        let (rel, j) = match (self.w(i), self.w(i + 1)) {
            ("this", "past") => (Rel::Last, i + 2),
            ("this", "coming") => (Rel::Next, i + 2),
            // "the previous Friday" is the one before the day just mentioned.
            ("the", "previous" | "preceding" | "prior") => {
                base = Base::Previous;
                (Rel::Last, i + 2)
            }
            ("last" | "past" | "previous", _) => (Rel::Last, i + 1),
            ("next" | "coming", _) => (Rel::Next, i + 1),
            ("this", _) => (Rel::This, i + 1),
            _ => (Rel::Tense, i),
        };
        let weekday = weekday_of(self.w(j))?;
        // "Black Monday", "Super Tuesday", "Giving Tuesday": the name of one day, not a weekday.
        if j > 0
            && self.cap(j - 1)
            && matches!(self.w(j - 1), "black" | "super" | "blue" | "giving")
        {
            return None;
        }
        let mut end = j + 1;
        let mut tod = None;
        if let Some(pod) = pod_of(self.w(end)) {
            tod = Some(TimeOfDay::Pod(pod));
            end += 1;
        } else if let Some((t, k)) = self.time_after(end) {
            tod = Some(t);
            end = k;
        }
        cand(
            i,
            end,
            date_or_time(tod),
            Sem::Weekday {
                weekday,
                rel,
                base,
                tod,
            },
        )
    }

    /// `yesterday`, `tonight`, `this week`, `last year`, `the next day`, `that week`, `now`,
    /// `recently`, `the future`, `last November`.
    fn p_deictic(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        // "the week of March 6" is the week that holds the day.
        if w == "the"
            && self.is(i + 1, "week")
            && self.is(i + 2, "of")
            && let Some(c) = self.p_named_date(i + 3)
            && matches!(c.sem, Sem::Cal { day: Some(_), .. })
        {
            let week = Sem::WeekOf {
                day: Box::new(c.sem),
                weekend: false,
            };
            return cand(i, c.end, TimexType::Date, week);
        }
        // "the day before yesterday", "the day after Christmas": a day from a named day.
        if w == "the"
            && self.is(i + 1, "day")
            && let days @ (-1 | 1) = match self.w(i + 2) {
                "before" => -1,
                "after" => 1,
                _ => 0,
            }
            && let Some(c) = self.parse_at(i + 3)
            && names_a_day(&c.sem)
        {
            let sem = Sem::FromDay {
                inner: Box::new(c.sem),
                unit: Unit::Day,
                n: days,
                ahead: false,
            };
            return cand(i, c.end, TimexType::Date, sem);
        }
        // "this time last year", "the same time last month", "this time a year ago": the
        // document's own day in the year (month, week) before or after.
        let time_at = match (w, self.w(i + 1), self.w(i + 2)) {
            ("this", "time", _) => Some(i + 2),
            ("the", "same", "time") => Some(i + 3),
            _ => None,
        };
        if let Some(k) = time_at {
            let unit = match unit_of(self.w(k + 1)) {
                Some((u @ (Unit::Year | Unit::Month | Unit::Week), Number::Singular)) => Some(u),
                _ => None,
            };
            let shift = match (self.w(k), unit, self.w(k + 2)) {
                ("last", Some(u), _) => Some((u, -1, k + 2)),
                ("next", Some(u), _) => Some((u, 1, k + 2)),
                ("a", Some(u), "ago") => Some((u, -1, k + 3)),
                _ => None,
            };
            if let Some((unit, n, end)) = shift {
                let today = Sem::Shift {
                    unit: Unit::Day,
                    n: 0,
                    base: Base::Dct,
                    report: Report::AtUnit,
                    tod: None,
                };
                let sem = Sem::FromDay {
                    inner: Box::new(today),
                    unit,
                    n,
                    ahead: false,
                };
                return cand(i, end, TimexType::Date, sem);
            }
        }
        // At the end of a clause, "the day before" is the day before the last one mentioned.
        if w == "the"
            && self.is(i + 1, "day")
            && matches!(self.w(i + 2), "before" | "after")
            && (self.tok(i + 3).is_none()
                || [',', '.', ';', ')'].iter().any(|&c| self.p(i + 3, c))
                || matches!(self.w(i + 3), "and" | "but"))
        {
            let sem = Sem::Shift {
                unit: Unit::Day,
                n: if self.is(i + 2, "before") { -1 } else { 1 },
                base: Base::Previous,
                report: Report::AtUnit,
                tod: None,
            };
            return cand(i, i + 3, TimexType::Date, sem);
        }
        if let Some(c) = self.mid_pod_at(i) {
            return Some(c);
        }
        if let Some(c) = self.year_end_at(i) {
            return Some(c);
        }
        if let Some(c) = self.reported_year_at(i) {
            return Some(c);
        }
        if let Some(n) = relative_day(w) {
            let mut end = i + 1;
            let mut tod = None;
            if let Some(pod) = pod_of(self.w(end)) {
                tod = Some(TimeOfDay::Pod(pod));
                end += 1;
            }
            let sem = Sem::Shift {
                unit: Unit::Day,
                n,
                base: Base::Dct,
                report: Report::AtUnit,
                tod,
            };
            return cand(i, end, date_or_time(tod), sem);
        }
        let reference = |v: &'static str, end: usize| cand(i, end, TimexType::Date, Sem::Ref(v));
        // "the week after next", "the year before last", "the night before last": two units
        // from the document's own.
        if w == "the"
            && let n @ (-2 | 2) = match (self.w(i + 2), self.w(i + 3)) {
                ("before", "last") => -2,
                ("after", "next") => 2,
                _ => 0,
            }
        {
            let (unit, tod) = match self.w(i + 1) {
                "week" => (Unit::Week, None),
                "weekend" => (Unit::Weekend, None),
                "month" => (Unit::Month, None),
                "year" => (Unit::Year, None),
                "night" => (Unit::Day, Some(TimeOfDay::Pod(Pod::Night))),
                _ => return None,
            };
            let sem = Sem::Shift {
                unit,
                n,
                base: Base::Dct,
                report: Report::AtUnit,
                tod,
            };
            return cand(i, i + 4, date_or_time(tod), sem);
        }
        match (w, self.w(i + 1)) {
            ("tonight", _) => {
                let tod = Some(TimeOfDay::Pod(Pod::Night));
                let sem = Sem::Shift {
                    unit: Unit::Day,
                    n: 0,
                    base: Base::Dct,
                    report: Report::AtUnit,
                    tod,
                };
                return cand(i, i + 1, TimexType::Time, sem);
            }
            ("now", _) => return reference("PRESENT_REF", i + 1),
            ("currently" | "presently" | "nowadays", _) => return reference("PRESENT_REF", i + 1),
            ("these", "days") => return reference("PRESENT_REF", i + 2),
            ("at", "present") => return reference("PRESENT_REF", i + 2),
            ("current", _)
                if !self.is_word(i + 1)
                    || (unit_of(self.w(i + 1)).is_none() && !self.is(i + 1, "fiscal")) =>
            {
                return reference("PRESENT_REF", i + 1);
            }
            ("recently" | "lately" | "formerly", _) => {
                return reference("PAST_REF", i + 1);
            }
            ("as", "soon") if self.is(i + 2, "as") && self.is(i + 3, "possible") => {
                return reference("FUTURE_REF", i + 4);
            }
            ("the", "past")
                if !self.is_word(i + 2)
                    || self.amount_at(i + 2).is_none() && unit_of(self.w(i + 2)).is_none() =>
            {
                return reference("PAST_REF", i + 2);
            }
            ("the", "future") => return reference("FUTURE_REF", i + 2),
            // "the near future", "the short term", "a later date": times ahead without a date.
            ("the", "near" | "distant" | "foreseeable") if self.is(i + 2, "future") => {
                return reference("FUTURE_REF", i + 3);
            }
            ("the", "distant" | "recent") if self.is(i + 2, "past") => {
                return reference("PAST_REF", i + 3);
            }
            ("the", "near" | "short" | "medium" | "long") if self.is(i + 2, "term") => {
                return reference("FUTURE_REF", i + 3);
            }
            ("a", "later" | "future") if self.is(i + 2, "date") => {
                return reference("FUTURE_REF", i + 3);
            }
            ("the", "present") if !self.is_word(i + 2) => return reference("PRESENT_REF", i + 2),
            ("the", "weekend") => {
                let sem = Sem::Shift {
                    unit: Unit::Weekend,
                    n: 0,
                    base: Base::Dct,
                    report: Report::AtUnit,
                    tod: None,
                };
                return cand(i, i + 2, TimexType::Date, sem);
            }
            _ => {}
        }
        let (n, base, j) = match (w, self.w(i + 1)) {
            ("this", "past") => (-1, Base::Dct, i + 2),
            ("this", "coming") => (1, Base::Dct, i + 2),
            ("the", "past" | "last") => (-1, Base::Dct, i + 2),
            ("the", "previous" | "prior") => (-1, Base::Previous, i + 2),
            ("the", "following" | "next") => (1, Base::Previous, i + 2),
            ("the", "same") => (0, Base::Previous, i + 2),
            ("the", "current") => (0, Base::Dct, i + 2),
            ("the", "coming") => (1, Base::Dct, i + 2),
            ("this" | "current", _) => (0, Base::Dct, i + 1),
            ("last" | "past", _) => (-1, Base::Dct, i + 1),
            ("previous" | "prior", _) => (-1, Base::Previous, i + 1),
            ("next" | "coming" | "upcoming", _) => (1, Base::Dct, i + 1),
            ("following", _) => (1, Base::Previous, i + 1),
            ("that" | "same", _) => (0, Base::Previous, i + 1),
            _ => return None,
        };
        let rel = match n {
            -1 => Rel::Last,
            1 => Rel::Next,
            _ => Rel::This,
        };
        let j = if self.is(j, "fiscal") && matches!(self.w(j + 1), "year" | "quarter") {
            j + 1
        } else {
            j
        };
        let next = self.w(j);
        if let Some(pod) = pod_of(next) {
            // "this morning", "last night", "that evening", "the next morning"
            let tod = Some(TimeOfDay::Pod(pod));
            let n = if base == Base::Dct && n == 1 && matches!(w, "next" | "the") {
                1
            } else {
                n
            };
            let n = if w == "last" && pod != Pod::Night {
                0
            } else {
                n
            };
            let base = if w == "the" && matches!(self.w(i + 1), "next" | "following") {
                Base::Previous
            } else {
                base
            };
            let sem = Sem::Shift {
                unit: Unit::Day,
                n,
                base,
                report: Report::AtUnit,
                tod,
            };
            return cand(i, j + 1, TimexType::Time, sem);
        }
        if let Some((m, form, k)) = self.month_at(j)
            && (self.cap(j) || !matches!(self.w(j), "may" | "march"))
            && base == Base::Dct
            && (form == MonthForm::Full || k == j + 2)
            && self.day_at(k).is_none()
        {
            let sem = Sem::Cal {
                year: YearSpec::Around(rel),
                sub: Some(Sub::Month(m)),
                day: None,
                tod: None,
            };
            return cand(i, k, TimexType::Date, sem);
        }
        let (unit, Number::Singular) = unit_of(next)? else {
            return None;
        };
        if matches!(unit, Unit::Hour | Unit::Minute | Unit::Second) {
            return None;
        }
        // "the next day" is the day after the last mention; "next day" likewise.
        let base = if unit == Unit::Day && n != 0 {
            Base::Previous
        } else {
            base
        };
        if unit == Unit::Day && n == 0 && base == Base::Dct {
            return None;
        }
        // "this year's third quarter" is the quarter's business.
        if self.apostrophe(j + 1) && self.is(j + 2, "s") && self.p_quarter(i).is_some() {
            return None;
        }
        // In a report, "this quarter" is the quarter reported on.
        if unit == Unit::Quarter && w == "this" {
            let sem = Sem::ReportedQuarter {
                otherwise: Unreported::Current,
            };
            return cand(i, j + 1, TimexType::Date, sem);
        }
        // "compared with a loss of $3 million last year", "up from last year's $1.55
        // billion": a figure compared with last year's is the same period a year before, the
        // quarter or month just reported, as "a year ago" is.
        let report =
            if unit == Unit::Year && n == -1 && w == "last" && self.compares_money(i, j + 1) {
                Report::AtFinest
            } else {
                Report::AtUnit
            };
        let sem = Sem::Shift {
            unit,
            n,
            base,
            report,
            tod: None,
        };
        cand(i, j + 1, TimexType::Date, sem)
    }

    /// True when the expression from `start` to `end` closes a comparison of money: a word
    /// that compares and an amount of money sit between it and the start of its sentence, or
    /// it owns the amount ("last year's $1.55 billion").
    fn compares_money(&self, start: usize, end: usize) -> bool {
        let money = |k: usize| {
            self.p(k, '$')
                || self.p(k, '%')
                || SCALE_WORDS.contains(&self.w(k))
                || self.is(k, "cents")
        };
        if self.apostrophe(end) && self.is(end + 1, "s") && (money(end + 2) || money(end + 3)) {
            return true;
        }
        let (mut compares, mut amount) = (false, false);
        let mut k = start;
        while k > 0 && start - k < 16 {
            k -= 1;
            if self.is_break(k) {
                break;
            }
            compares |= matches!(self.w(k), "compared" | "from" | "versus" | "vs" | "against");
            amount |= money(k);
        }
        compares && amount
    }

    /// `mid-afternoon`, `midmorning yesterday`: the middle of a part of a day, the document's
    /// own unless a neighbouring word names another.
    fn mid_pod_at(&self, i: usize) -> Option<Cand> {
        let (pod, mut end) = match self.w(i) {
            "midmorning" => (Pod::Morning, i + 1),
            "midafternoon" => (Pod::Afternoon, i + 1),
            "mid" => {
                let k = if self.p(i + 1, '-') { i + 2 } else { i + 1 };
                let pod =
                    pod_of(self.w(k)).filter(|p| matches!(p, Pod::Morning | Pod::Afternoon))?;
                (pod, k + 1)
            }
            _ => return None,
        };
        let n = match relative_day(self.w(end)) {
            Some(n) => {
                end += 1;
                n
            }
            None => 0,
        };
        let sem = Sem::Shift {
            unit: Unit::Day,
            n,
            base: Base::Dct,
            report: Report::AtUnit,
            tod: Some(TimeOfDay::Pod(pod)),
        };
        let mut c = cand(i, end, TimexType::Time, sem)?;
        c.modifier = Some("MID");
        Some(c)
    }

    /// `the month`, `the week`, `the decade`, `the century` after a part ("the end of the
    /// month", "the beginning of the week", "by the end of the decade"): the one of the last
    /// date mentioned, or of the document. "The end of the day" is an idiom, and "the week of
    /// March 3" or "the month before" another expression.
    fn the_unit_at(&self, i: usize) -> Option<Cand> {
        if !self.is(i, "the") || self.cap(i + 1) {
            return None;
        }
        let unit = match self.w(i + 1) {
            "month" => Unit::Month,
            "week" => Unit::Week,
            "decade" => Unit::Decade,
            "century" => Unit::Century,
            _ => return None,
        };
        if self.apostrophe(i + 2)
            || self.p(i + 2, '-')
            || matches!(
                self.w(i + 2),
                "of" | "before" | "after" | "earlier" | "later" | "ago" | "when" | "that" | "in"
            )
        {
            return None;
        }
        let sem = Sem::Shift {
            unit,
            n: 0,
            base: Base::Previous,
            report: Report::AtUnit,
            tod: None,
        };
        cand(i, i + 2, TimexType::Date, sem)
    }

    /// `year-end`, `year end`, `year's end`: the end of the document's year, as "the end of
    /// the year" is.
    fn year_end_at(&self, i: usize) -> Option<Cand> {
        if !self.is(i, "year") || (self.cap(i) && !self.sentence_start(i)) {
            return None;
        }
        let end = if self.p(i + 1, '-') && self.tight(i + 1) && self.is(i + 2, "end") {
            i + 3
        } else if self.is(i + 1, "end") {
            i + 2
        } else if self.apostrophe(i + 1) && self.is(i + 2, "s") && self.is(i + 3, "end") {
            i + 4
        } else {
            return None;
        };
        let mut c = cand(i, end, TimexType::Date, DOCUMENT_YEAR)?;
        c.modifier = Some("END");
        Some(c)
    }

    /// `the year`, `the full year`, `the fiscal year`: in a report, the year it reports on,
    /// which is the document's own. Followed by `ended` or `ending` and a date, it is the
    /// twelve months up to that date, a length of time.
    fn reported_year_at(&self, i: usize) -> Option<Cand> {
        if !self.is(i, "the") {
            return None;
        }
        let j = if matches!(self.w(i + 1), "full" | "fiscal") {
            i + 2
        } else {
            i + 1
        };
        // "Person of the Year" is a title; "the year-earlier quarter" and "the year before"
        // are other expressions, and "the year of the flood" or "the year he left" is the
        // year of an event, not of the report.
        if !self.is(j, "year")
            || self.cap(j)
            || self.p(j + 1, '-')
            || self.apostrophe(j + 1)
            || matches!(
                self.w(j + 1),
                "before"
                    | "after"
                    | "earlier"
                    | "ago"
                    | "later"
                    | "of"
                    | "when"
                    | "that"
                    | "in"
                    | "he"
                    | "she"
                    | "they"
                    | "it"
                    | "we"
                    | "i"
            )
        {
            return None;
        }
        if matches!(self.w(j + 1), "ended" | "ending") {
            return cand(i, j + 1, TimexType::Duration, Sem::Fixed("P1Y".into()));
        }
        cand(i, j + 1, TimexType::Date, DOCUMENT_YEAR)
    }

    /// `the third quarter`, `third-quarter`, `Q3 2018`, `the first half of 2018`, `the quarter`,
    /// `the year-earlier quarter`.
    fn p_quarter(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        if self.is(j, "the") {
            j += 1;
            // "the comparable year-ago quarter", "the same quarter a year earlier"
            if matches!(self.w(j), "comparable" | "corresponding" | "same") {
                j += 1;
            }
        }
        // A quarter or period compared with the same one a year before.
        if j > i
            && let ("quarter" | "period", Some(end)) = (self.w(j), self.year_back_after(j + 1))
        {
            let sem = if self.is(j, "quarter") {
                Sem::QuarterBefore { years: 1 }
            } else {
                Sem::Shift {
                    unit: Unit::Year,
                    n: -1,
                    base: Base::Dct,
                    report: Report::AtFinest,
                    tod: None,
                }
            };
            return cand(i, end, TimexType::Date, sem);
        }
        // Deictic quarters.
        match (self.w(j), self.w(j + 1), self.w(j + 2)) {
            ("quarter", _, _) if j > i => {
                let sem = Sem::Shift {
                    unit: Unit::Quarter,
                    n: 0,
                    base: Base::Previous,
                    report: Report::AtUnit,
                    tod: None,
                };
                return cand(i, j + 1, TimexType::Date, sem);
            }
            // "the latest period" is the one the report is about, which need not be the last
            // calendar quarter: fiscal quarters are named as the company counts them.
            ("latest" | "recent", "quarter" | "period", _) if j > i => {
                let sem = Sem::ReportedQuarter {
                    otherwise: Unreported::LastFinished,
                };
                return cand(i, j + 2, TimexType::Date, sem);
            }
            ("most", "recent", "quarter") if j > i => {
                let sem = Sem::ReportedQuarter {
                    otherwise: Unreported::LastFinished,
                };
                return cand(i, j + 3, TimexType::Date, sem);
            }
            ("year", "", "ago" | "earlier") if self.p(j + 1, '-') => {
                let mut end = j + 3;
                // "the year-ago quarter" is a period; in "the year-ago results" only the
                // adjective is.
                let mut start = j;
                let mut sem = Sem::Shift {
                    unit: Unit::Year,
                    n: -1,
                    base: Base::Previous,
                    report: Report::AtFinest,
                    tod: None,
                };
                if matches!(self.w(end), "quarter" | "period") {
                    if self.is(end, "quarter") {
                        sem = Sem::QuarterBefore { years: 1 };
                    }
                    end += 1;
                    start = i;
                }
                return cand(start, end, TimexType::Date, sem);
            }
            _ => {}
        }
        // "the 1988 period", "the 1988 quarter"
        if j > i
            && let Some((y, k)) = self.year_at(j)
            && matches!(self.w(k), "period" | "quarter")
        {
            return cand(i, k + 1, TimexType::Date, Sem::QuarterIn { year: y });
        }
        let mut year = YearSpec::Around(Rel::Tense);
        // "the 1988 second quarter"
        if j > i
            && let Some((y, k)) = self.year_at(j)
            && self.ordinal_at(k).is_some()
        {
            year = YearSpec::Known(y);
            j = k;
        }
        // "this year's", "last year's", "1989's"
        if let Some(n) = match self.w(j) {
            "this" => Some(0),
            "last" => Some(-1),
            "next" => Some(1),
            _ => None,
        } && self.is(j + 1, "year")
            && self.apostrophe(j + 2)
            && self.is(j + 3, "s")
        {
            // "last year's quarter" is the quarter reported, a year before.
            if n == -1 && self.is(j + 4, "quarter") {
                return cand(i, j + 5, TimexType::Date, Sem::QuarterBefore { years: 1 });
            }
            year = YearSpec::Shifted(n);
            j += 4;
        }
        if self.is(j, "fiscal") {
            j += 1;
        }
        // "H1 2019": a half, written so only with its year ("H1N1" is no date).
        if self.is(j, "h")
            && self.cap(j)
            && let Some((h, 1)) = self.num(j + 1)
            && self.tight(j + 1)
            && (1..=2).contains(&h)
            && !self.tight(j + 2)
            && let Some((y, end)) = self.year_at(j + 2)
        {
            let sem = Sem::Cal {
                year: YearSpec::Known(y),
                sub: Some(Sub::Half(h as i8)),
                day: None,
                tod: None,
            };
            return cand(i, end, TimexType::Date, sem);
        }
        // Q3
        if self.is(j, "q")
            && let Some((q, 1)) = self.num(j + 1)
            && self.tight(j + 1)
            && (1..=4).contains(&q)
        {
            let mut end = j + 2;
            if let Some((y, k)) = self.year_at(end) {
                year = YearSpec::Known(y);
                end = k;
            }
            let sem = Sem::Cal {
                year,
                sub: Some(Sub::Quarter(q as i8)),
                day: None,
                tod: None,
            };
            return cand(i, end, TimexType::Date, sem);
        }
        let (ord, mut k) = self.ordinal_at(j)?;
        let adjectival = self.p(k, '-') && self.tight(k);
        if adjectival {
            k += 1;
        }
        // "the third-quarter results": the article belongs to the noun.
        let start = if adjectival && j == i + 1 && self.is(i, "the") {
            j
        } else {
            i
        };
        if self.is(k, "fiscal") {
            k += 1;
        }
        // "the first two quarters of 1990" is the first half of the year.
        let two_quarters = self.is(k, "two") && self.is(k + 1, "quarters");
        if two_quarters {
            k += 1;
        }
        let sub = match (self.w(k), ord) {
            ("quarters", 1) if two_quarters => Sub::Half(1),
            // Without "of" it is the two quarters just past: "losses in the last two quarters".
            ("quarters", 99) if two_quarters && self.is(k + 1, "of") => Sub::Half(2),
            ("quarter", 1..=4) => Sub::Quarter(ord as i8),
            ("quarter", 99) => Sub::Quarter(4),
            ("half", 1 | 2) => Sub::Half(ord as i8),
            ("half", 99) => Sub::Half(2),
            _ => return None,
        };
        let mut end = k + 1;
        // "of 1989", ", 1989", "1990", "of this year", "of fiscal 1990"
        let mut y_at = end;
        if self.is(y_at, "of") || self.p(y_at, ',') {
            y_at += 1;
        }
        if self.is(y_at, "fiscal") {
            y_at += 1;
        }
        if let Some((y, e)) = self.year_at(y_at) {
            year = YearSpec::Known(y);
            end = e;
        } else if self.is(end, "of") && self.is(end + 2, "year") {
            let n = match self.w(end + 1) {
                "this" | "the" => Some(0),
                "last" => Some(-1),
                "next" => Some(1),
                _ => None,
            };
            if let Some(n) = n {
                year = YearSpec::Shifted(n);
                end += 3;
            }
        }
        if self.is(end, "of") && month_of(self.w(end + 1)).is_some() {
            // "the first half of August" belongs to the modifier pattern.
            return None;
        }
        cand(
            start,
            end,
            TimexType::Date,
            Sem::Cal {
                year,
                sub: Some(sub),
                day: None,
                tod: None,
            },
        )
    }

    /// The end of a phrase at `k` that puts a period a year back: "last year", "a year ago",
    /// "a year earlier", "of last year", "the year before".
    fn year_back_after(&self, k: usize) -> Option<usize> {
        match (self.w(k), self.w(k + 1), self.w(k + 2)) {
            ("last", "year", _) => Some(k + 2),
            ("of", "last", "year") => Some(k + 3),
            ("a", "year", "ago" | "earlier" | "before") => Some(k + 3),
            ("the", "year", "before") | ("the", "previous", "year") => Some(k + 3),
            _ => None,
        }
    }

    /// An ordinal at `j` ("third", "3rd", "final" as 99), with the token after it.
    fn ordinal_at(&self, j: usize) -> Option<(i64, usize)> {
        if let Some(n) = ordinal_word(self.w(j)) {
            return Some((n, j + 1));
        }
        if matches!(self.w(j), "final" | "last") {
            return Some((99, j + 1));
        }
        let (n, _) = self.num(j)?;
        if matches!(self.w(j + 1), "st" | "nd" | "rd" | "th") && self.tight(j + 1) {
            return Some((n, j + 2));
        }
        None
    }

    /// `this autumn`, `last fall`, `the summer of 2018`, `spring 2019`.
    fn p_season(&self, i: usize) -> Option<Cand> {
        let (rel, j) = match (self.w(i), self.w(i + 1)) {
            ("this", "past") => (Rel::Last, i + 2),
            ("this", "coming") => (Rel::Next, i + 2),
            ("this" | "current", _) => (Rel::This, i + 1),
            ("last" | "past", _) => (Rel::Last, i + 1),
            ("next" | "coming", _) => (Rel::Next, i + 1),
            ("the", "past") => (Rel::Last, i + 2),
            ("the", "coming" | "next") => (Rel::Next, i + 2),
            ("the" | "that", _) => (Rel::Tense, i + 1),
            _ => (Rel::Tense, i),
        };
        let season = season_of(self.w(j))?;
        let mut end = j + 1;
        let mut year = YearSpec::Around(rel);
        let mut y_at = end;
        if self.is(y_at, "of") || self.p(y_at, ',') {
            y_at += 1;
        }
        if let Some((y, e)) = self.year_at(y_at).or_else(|| self.word_year(y_at)) {
            year = YearSpec::Known(y);
            end = e;
        } else if rel == Rel::Tense
            && self.is(end + 1, "year")
            && let Some(n) = match self.w(end) {
                "this" => Some(0),
                "last" => Some(-1),
                "next" => Some(1),
                _ => None,
            }
        {
            // "autumn this year", "spring next year": one expression, as "June last year".
            year = YearSpec::Shifted(n);
            end += 2;
        }
        let named = self.cap(j) && self.is_word(j + 1) && self.cap(j + 1);
        if named && !matches!(year, YearSpec::Known(_)) {
            return None;
        }
        if j == i && !matches!(year, YearSpec::Known(_)) {
            let prev = self.prev_word(i);
            let prep = matches!(
                prev,
                "in" | "during"
                    | "by"
                    | "until"
                    | "since"
                    | "through"
                    | "of"
                    | "for"
                    | "and"
                    | "or"
                    | "early"
                    | "late"
                    | "mid"
                    | "over"
                    | "throughout"
            );
            let ambiguous = matches!(self.w(j), "fall" | "spring");
            if ambiguous && !prep {
                return None;
            }
        }
        if j > i && self.is(end, "of") && !matches!(year, YearSpec::Known(_)) && self.is(i, "the") {
            // "the fall of Rome"
            return None;
        }
        cand(
            i,
            end,
            TimexType::Date,
            Sem::Cal {
                year,
                sub: Some(Sub::Season(season)),
                day: None,
                tod: None,
            },
        )
    }

    /// A counted amount at `j`: "4", "two", "twenty-five", "a", "several", "a few", "5 1/2".
    fn amount_at(&self, j: usize) -> Option<(Amount, usize)> {
        if let Some((n, _)) = self.num(j) {
            let mut k = j + 1;
            let mut v = n as f64;
            // Thousands separators and decimals.
            while self.p(k, ',')
                && self.tight(k)
                && matches!(self.num(k + 1), Some((_, 3)))
                && self.tight(k + 1)
            {
                v = v * 1000.0 + self.num(k + 1).map_or(0.0, |x| x.0 as f64);
                k += 2;
            }
            if self.p(k, '.')
                && self.tight(k)
                && self.tight(k + 1)
                && let Some((f, d)) = self.num(k + 1)
            {
                v += f as f64 / 10f64.powi(d as i32);
                k += 2;
            }
            if let (Some((1, _)), true, Some((2, _))) =
                (self.num(k), self.p(k + 1, '/'), self.num(k + 2))
            {
                v += 0.5;
                k += 3;
            }
            if j > 0
                && self.tight(j)
                && (self.p(j - 1, '$')
                    || self.is_num(j - 1)
                    || self.p(j - 1, '.')
                    || self.p(j - 1, ','))
            {
                return None;
            }
            return Some((Amount::Count(v), k));
        }
        let w = self.w(j);
        if let Some(n) = number_word(w) {
            let mut v = n;
            let mut k = j + 1;
            if n >= 20
                && self.p(k, '-')
                && let Some(u) = number_word(self.w(k + 1)).filter(|u| *u < 10)
            {
                v += u;
                k += 2;
            } else if n >= 20
                && n % 10 == 0
                && let Some(u) = number_word(self.w(k)).filter(|u| *u < 10)
            {
                // Transcripts drop the hyphen: "the last twenty four hours".
                v += u;
                k += 1;
            }
            if self.is(k, "hundred") {
                v *= 100;
                k += 1;
            }
            return Some((Amount::Count(v as f64), k));
        }
        match (w, self.w(j + 1), self.w(j + 2)) {
            ("a" | "an", "few", _) => Some((Amount::Vague, j + 2)),
            ("a", "couple", "of") => Some((Amount::Count(2.0), j + 3)),
            ("a", "dozen", _) => Some((Amount::Count(12.0), j + 2)),
            ("a", "hundred", _) => Some((Amount::Count(100.0), j + 2)),
            ("a", "half", _) => Some((Amount::Count(0.5), j + 2)),
            ("half", "a" | "an", _) => Some((Amount::Count(0.5), j + 2)),
            ("a" | "an", _, _) => Some((Amount::Count(1.0), j + 1)),
            ("several" | "few" | "many" | "some" | "numerous", _, _) => {
                Some((Amount::Vague, j + 1))
            }
            ("couple", "of", _) => Some((Amount::Count(2.0), j + 2)),
            ("dozens" | "hundreds" | "thousands", "of", _) => Some((Amount::Vague, j + 2)),
            _ => None,
        }
    }

    /// `four days`, `the past two months`, `nearly a decade`, `two-year`, `years`, and the
    /// dates they make: `two years ago`, `three days later`.
    fn p_duration(&self, i: usize) -> Option<Cand> {
        let mut j = i;
        let mut lead = "";
        if self.is(j, "the") {
            lead = "the";
            j += 1;
        }
        if matches!(
            self.w(j),
            "past"
                | "last"
                | "next"
                | "first"
                | "final"
                | "coming"
                | "previous"
                | "remaining"
                | "following"
                | "recent"
                | "another"
                | "latest"
        ) {
            lead = self.w(j);
            j += 1;
        }
        let amount = self.amount_at(j);
        let (amount, mut k) = match amount {
            Some((a, k)) => (Some(a), k),
            None => (None, j),
        };
        if let Some(Amount::Count(_)) = amount
            && self.w(j) == "a"
            && lead == "the"
        {
            return None;
        }
        if matches!(
            self.w(k),
            "more"
                | "additional"
                | "full"
                | "straight"
                | "consecutive"
                | "long"
                | "trading"
                | "business"
                | "working"
        ) && amount.is_some()
        {
            k += 1;
        }
        // Adjectival: "two-year", "16-hour", "day-long".
        let hyphenated = self.p(k, '-') && self.tight(k) && self.tight(k + 1) && amount.is_some();
        if hyphenated {
            k += 1;
        }
        let (unit, number) = unit_of(self.w(k))?;
        // "the early hours of Friday", "the small hours": a part of the night, not a length.
        if amount.is_none()
            && unit == Unit::Hour
            && number == Number::Plural
            && k > 0
            && matches!(self.w(k - 1), "early" | "small" | "wee")
        {
            return None;
        }
        // A capitalised unit inside a sentence is part of a title: "60 Minutes".
        if self.cap(k) && !self.sentence_start(k) && !self.raw(k).chars().all(|c| c.is_uppercase())
        {
            return None;
        }
        let mut end = k + 1;
        // Ages ("37 years old when he was kidnapped") are attributes of people, not times.
        if self.is(end, "old") {
            return None;
        }
        let a = match amount {
            Some(a) => a,
            None => {
                // "years", "the past weeks", "recent days", "day-long"
                if self.p(end, '-') && self.is(end + 1, "long") && self.tight(end) {
                    // "a day-long strike" lasts one day; "a decades-long battle" an untold
                    // number of decades.
                    let amount = if number == Number::Plural {
                        Amount::Vague
                    } else {
                        Amount::Count(1.0)
                    };
                    let v = duration_value(amount, unit);
                    return cand(i, end + 2, TimexType::Duration, Sem::Fixed(v));
                }
                if number != Number::Plural
                    || matches!(unit, Unit::Second | Unit::Quarter | Unit::Weekend)
                {
                    return None;
                }
                if !matches!(
                    lead,
                    "" | "the"
                        | "past"
                        | "last"
                        | "recent"
                        | "coming"
                        | "next"
                        | "following"
                        | "previous"
                ) {
                    return None;
                }
                if lead.is_empty() && i > 0 && matches!(self.prev_word(i), "these" | "those") {
                    return None;
                }
                if lead.is_empty() && self.p(end, '-') && self.is(end + 1, "long") {
                    end += 2;
                }
                let i = if lead == "the" && j == i + 1 { j } else { i };
                return cand(
                    i,
                    end,
                    TimexType::Duration,
                    Sem::Fixed(duration_value(Amount::Vague, unit)),
                );
            }
        };
        if hyphenated {
            if number != Number::Singular {
                return None;
            }
            // "the 14-day strike": the article belongs to the noun, not to the duration.
            let i = if lead == "the" && j == i + 1 { j } else { i };
            // Ages ("a 44-year-old man") are attributes of people, not times.
            if self.p(end, '-') && self.is(end + 1, "old") {
                return None;
            }
            if self.p(end, '-') && self.is(end + 1, "long") && self.tight(end) {
                end += 2;
            }
            return cand(
                i,
                end,
                TimexType::Duration,
                Sem::Fixed(duration_value(a, unit)),
            );
        }
        let word_a = matches!(self.w(j), "a" | "an");
        // "a year-earlier loss" compares with a period; the adjective is the expression.
        if word_a
            && self.p(end, '-')
            && self.tight(end)
            && matches!(self.w(end + 1), "earlier" | "ago" | "end")
        {
            return None;
        }
        // A bare "a" counts one of a singular unit; "a few days" is vague and fine.
        let word_a = word_a && k == j + 1;
        if word_a && (matches!(unit, Unit::Second | Unit::Quarter) || number == Number::Plural) {
            return None;
        }
        // "$5 a share", "twice a week" are rates, but "$5 a year ago" is a date.
        if word_a
            && j > 0
            && (self.is_num(j - 1)
                || matches!(self.prev_word(j), "once" | "twice" | "per" | "times"))
            && !matches!(self.w(k + 1), "ago" | "earlier")
        {
            return None;
        }
        // "$33 million a year", "700 seats a week": a counted quantity per unit of time
        // recurs, so it is a set.
        if word_a
            && matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year)
            && self.counted_quantity_before(j)
            && !matches!(
                self.w(k + 1),
                "ago" | "earlier" | "later" | "before" | "after" | "from"
            )
        {
            let value = duration_value(Amount::Count(1.0), unit);
            return cand(i, end, TimexType::Set, Sem::Fixed(value));
        }
        // "Islam will one day be the second religion": after a modal, or between "to" and a
        // verb ("he hopes to one day buy a boat", unlike "cut to one day a week"), "one day" is
        // some time ahead, not a length of time.
        let split_infinitive = self.prev_word(j) == "to"
            && self.is_word(end)
            && !self.cap(end)
            && !matches!(
                self.w(end),
                "a" | "an"
                    | "the"
                    | "of"
                    | "and"
                    | "or"
                    | "per"
                    | "in"
                    | "at"
                    | "on"
                    | "for"
                    | "from"
                    | "before"
                    | "after"
                    | "each"
                    | "every"
                    | "later"
                    | "earlier"
                    | "ago"
            );
        if self.is(j, "one")
            && k == j + 1
            && unit == Unit::Day
            && number == Number::Singular
            && (split_infinitive
                || matches!(
                    self.prev_word(j),
                    "will"
                        | "would"
                        | "could"
                        | "might"
                        | "may"
                        | "can"
                        | "shall"
                        | "should"
                        | "must"
                ))
        {
            return cand(i, end, TimexType::Date, Sem::Ref("FUTURE_REF"));
        }
        if number == Number::Plural && a == Amount::Count(1.0) && !self.is_num(j) {
            return None;
        }
        // "the 1988 second quarter": a year before a unit is no count.
        if number == Number::Singular && a != Amount::Count(1.0) && self.is_num(j) {
            return None;
        }
        if self.is(end, "and") && self.is(end + 1, "a") && self.is(end + 2, "half") {
            end += 3;
        }
        let n = match a {
            Amount::Count(v) => Some(v.round() as i64),
            Amount::Vague => None,
        };
        // "a week or so ago": the hedge sits between the amount and its direction.
        let hedged = self.is(end, "or")
            && self.is(end + 1, "so")
            && matches!(self.w(end + 2), "ago" | "earlier" | "later");
        if hedged {
            end += 2;
        }
        let after = self.w(end);
        let lead_free = matches!(lead, "" | "another");
        match (after, n) {
            ("ago", Some(n)) if lead_free => {
                // "a year ago" compares with the same period a year before: the quarter or
                // month just mentioned, if any.
                let report = if unit == Unit::Year && n == 1 {
                    Report::AtFinest
                } else {
                    Report::AtUnit
                };
                // "a decade ago" is the year ten years back, as "ten years ago" is, not the
                // decade before.
                let (unit, n) = if unit == Unit::Decade {
                    (Unit::Year, n * 10)
                } else {
                    (unit, n)
                };
                let sem = Sem::Shift {
                    unit,
                    n: -n,
                    base: Base::Dct,
                    report,
                    tod: None,
                };
                let mut c = cand(i, end + 1, TimexType::Date, sem)?;
                if hedged {
                    c.modifier = Some("APPROX");
                }
                return Some(c);
            }
            ("ago", None) if lead_free => {
                return cand(i, end + 1, TimexType::Date, Sem::Ref("PAST_REF"));
            }
            ("from", Some(n)) if self.is(end + 1, "now") && lead_free => {
                let sem = Sem::Shift {
                    unit,
                    n,
                    base: Base::Dct,
                    report: Report::AtUnit,
                    tod: None,
                };
                return cand(i, end + 2, TimexType::Date, sem);
            }
            // "a week from Monday", "three days from today": the named day moved on, unless
            // the day opens a range ("two days from Monday to Wednesday") or the amount is a
            // length ("lasted 14 days from July 1", "for a week from Monday").
            ("from", Some(n))
                if lead_free
                    && matches!(
                        unit,
                        Unit::Day | Unit::Week | Unit::Fortnight | Unit::Month | Unit::Year
                    )
                    && !matches!(
                        self.prev_word(i),
                        "for"
                            | "took"
                            | "take"
                            | "takes"
                            | "taking"
                            | "lasted"
                            | "last"
                            | "lasts"
                            | "lasting"
                            | "spent"
                            | "spend"
                            | "over"
                            | "within"
                            | "during"
                    ) =>
            {
                if let Some(c) = self.parse_at(end + 1)
                    && names_a_day(&c.sem)
                    && !self.apostrophe(c.end)
                    && !matches!(self.w(c.end), "to" | "through" | "until" | "till" | "and")
                    && !self.p(c.end, '-')
                {
                    let sem = Sem::FromDay {
                        inner: Box::new(c.sem),
                        unit,
                        n,
                        ahead: true,
                    };
                    return cand(i, c.end, TimexType::Date, sem);
                }
            }
            ("earlier" | "later", Some(n)) if lead_free && unit.gran().is_some() => {
                let n = if after == "earlier" { -n } else { n };
                let sem = Sem::Shift {
                    unit,
                    n,
                    base: Base::Previous,
                    report: Report::AtFinest,
                    tod: None,
                };
                return cand(i, end + 1, TimexType::Date, sem);
            }
            _ => {}
        }
        let mut value = duration_value(a, unit);
        if end >= 3 && self.is(end - 1, "half") && self.is(end - 3, "and") {
            value = duration_value(Amount::Count(n.unwrap_or(0) as f64 + 0.5), unit);
        }
        cand(i, end, TimexType::Duration, Sem::Fixed(value))
    }

    /// True when the words before `j` count a quantity: "$33 million", "700 seats",
    /// "hundreds of interviews".
    fn counted_quantity_before(&self, j: usize) -> bool {
        if j < 2 {
            return false;
        }
        let prev = self.w(j - 1);
        if SCALE_WORDS.contains(&prev) || self.p(j - 1, '%') {
            return true;
        }
        let plural = prev.len() > 3 && prev.ends_with('s') && !prev.ends_with("ss");
        let before = self.w(j - 2);
        let counted = self.is_num(j - 2)
            || number_word(before).is_some()
            || SCALE_WORDS.contains(&before)
            || matches!(before, "of" | "few" | "several" | "many");
        plural && counted
    }

    /// `every Monday`, `daily`, `twice a week` (with its frequency, `2X`), `each year`,
    /// `Mondays`.
    fn p_set(&self, i: usize) -> Option<Cand> {
        let mut c = self.set_at(i)?;
        let times = match self.w(i) {
            "once" => Some(1),
            "twice" => Some(2),
            "thrice" => Some(3),
            _ if self.is(i + 1, "times") => match self.amount_at(i) {
                Some((Amount::Count(n), _)) if n >= 1.0 && n.fract() == 0.0 => Some(n as i64),
                _ => None,
            },
            _ => None,
        };
        c.freq = times.map(|n| format!("{n}X"));
        Some(c)
    }

    /// The recurrence at `i`, without its frequency.
    fn set_at(&self, i: usize) -> Option<Cand> {
        let w = self.w(i);
        let fixed = |end: usize, v: &str| cand(i, end, TimexType::Set, Sem::Fixed(v.to_string()));
        match w {
            "daily" => return fixed(i + 1, "P1D"),
            "weekly" => return fixed(i + 1, "P1W"),
            "monthly" => return fixed(i + 1, "P1M"),
            "annually" | "yearly" => return fixed(i + 1, "P1Y"),
            "hourly" => return fixed(i + 1, "PT1H"),
            "nightly" => return fixed(i + 1, "XXXX-XX-XXTNI"),
            _ => {}
        }
        if let Some(wd) = weekday_plural_of(w) {
            return fixed(i + 1, &format!("XXXX-WXX-{wd}"));
        }
        let j = match w {
            "every" | "each" => i + 1,
            "once" | "twice" | "thrice"
                if matches!(self.w(i + 1), "a" | "an" | "per" | "every" | "each") =>
            {
                i + 2
            }
            _ if self.is(i + 1, "times")
                && matches!(self.w(i + 2), "a" | "an" | "per" | "every" | "each") =>
            {
                self.amount_at(i)?;
                i + 3
            }
            _ => return None,
        };
        // "every other week" recurs every second week.
        let other = self.is(j, "other");
        let j = if other { j + 1 } else { j };
        let nw = self.w(j);
        if let Some(wd) = weekday_of(nw) {
            let mut end = j + 1;
            let mut v = format!("XXXX-WXX-{wd}");
            if let Some(pod) = pod_of(self.w(end)) {
                v.push_str(&format!("T{}", pod.code()));
                end += 1;
            }
            return fixed(end, &v);
        }
        if let Some(pod) = pod_of(nw) {
            return fixed(j + 1, &format!("XXXX-XX-XXT{}", pod.code()));
        }
        if let Some((m, MonthForm::Full, _)) = self.month_at(j) {
            return fixed(j + 1, &format!("XXXX-{m:02}"));
        }
        if let Some((unit, Number::Singular)) = unit_of(nw) {
            let n = if other { 2.0 } else { 1.0 };
            return fixed(j + 1, &duration_value(Amount::Count(n), unit));
        }
        if let Some((a, k)) = self.amount_at(j)
            && let Some((unit, Number::Plural)) = unit_of(self.w(k))
        {
            return fixed(k + 1, &duration_value(a, unit));
        }
        None
    }

    /// `Christmas`, `Thanksgiving Day`, `New Year's Eve`, `Election Day`, `Black Friday`,
    /// `Good Friday`, `Easter week`, `Valentine's Day`, `Labor Day weekend`.
    fn p_holiday(&self, start: usize) -> Option<Cand> {
        // "last Thanksgiving" is the one before the document date, "next Christmas" the one
        // after, "this Christmas" the one in its year.
        let (rel, i) = match self.w(start) {
            "last" | "past" => (Rel::Last, start + 1),
            "next" | "coming" => (Rel::Next, start + 1),
            "this" => (Rel::This, start + 1),
            _ => (Rel::Tense, start),
        };
        // "St. Patrick's Day", "Saint Patrick's Day": the saint's name is the holiday's word.
        let i = match (self.w(i), self.p(i + 1, '.')) {
            ("st" | "saint", dot)
                if self.cap(i) && self.is(i + 1 + usize::from(dot), "patrick") =>
            {
                i + 1 + usize::from(dot)
            }
            _ => i,
        };
        // "Valentine's Day", "Mother's Day", "Presidents' Day": a possessive before "day".
        let possessive_day = if self.apostrophe(i + 1) {
            let k = if self.is(i + 2, "s") { i + 3 } else { i + 2 };
            self.is(k, "day").then_some(k + 1)
        } else {
            None
        };
        // The day names that take a capitalised first word: "good Friday" is a weekday.
        let named = self.cap(i);
        let possessive =
            possessive_day.and_then(|e| Some((possessive_holiday(self.w(i), named)?, e)));
        let (holiday, mut end) = if let Some(found) = possessive {
            found
        } else {
            match (self.w(i), self.w(i + 1)) {
                ("black", "friday") if named => (Holiday::AfterThanksgiving { days: 1 }, i + 2),
                ("cyber", "monday") if named => (Holiday::AfterThanksgiving { days: 4 }, i + 2),
                ("good", "friday") if named => (Holiday::Easter { days: -2 }, i + 2),
                ("holy" | "maundy", "thursday") if named => (Holiday::Easter { days: -3 }, i + 2),
                ("ash", "wednesday") if named => (Holiday::Easter { days: -46 }, i + 2),
                ("palm", "sunday") if named => (Holiday::Easter { days: -7 }, i + 2),
                // Holy Week, which ends on Easter Sunday.
                ("easter", "week") => {
                    let sem = Sem::Holiday {
                        holiday: Holiday::Easter { days: 0 },
                        year: YearSpec::Around(rel),
                    };
                    let week = Sem::WeekOf {
                        day: Box::new(sem),
                        weekend: false,
                    };
                    return cand(start, i + 2, TimexType::Date, week);
                }
                ("easter", "sunday" | "day") => (Holiday::Easter { days: 0 }, i + 2),
                ("easter", "monday") => (Holiday::Easter { days: 1 }, i + 2),
                ("easter", _) if named => (Holiday::Easter { days: 0 }, i + 1),
                ("veterans", "day") if named => (Holiday::Fixed { month: 11, day: 11 }, i + 2),
                ("boxing", "day") if named => (Holiday::Fixed { month: 12, day: 26 }, i + 2),
                ("christmas", "eve") => (Holiday::Fixed { month: 12, day: 24 }, i + 2),
                ("christmas", "day") => (Holiday::Fixed { month: 12, day: 25 }, i + 2),
                ("christmas", _) => (Holiday::Fixed { month: 12, day: 25 }, i + 1),
                ("new", "year") if self.apostrophe(i + 2) && self.is(i + 3, "s") => {
                    match self.w(i + 4) {
                        "eve" => (Holiday::Fixed { month: 12, day: 31 }, i + 5),
                        "day" => (Holiday::Fixed { month: 1, day: 1 }, i + 5),
                        // "over New Year's": the day, unless a noun follows ("New Year's
                        // resolutions").
                        _ if !self.is_word(i + 4) => (Holiday::Fixed { month: 1, day: 1 }, i + 4),
                        _ => return None,
                    }
                }
                ("thanksgiving", "day") => (THANKSGIVING, i + 2),
                ("thanksgiving", _) => (THANKSGIVING, i + 1),
                ("independence", "day") => (Holiday::Fixed { month: 7, day: 4 }, i + 2),
                ("halloween", _) => (Holiday::Fixed { month: 10, day: 31 }, i + 1),
                ("election", "day") => (Holiday::ElectionDay, i + 2),
                ("labor" | "labour", "day") => (
                    Holiday::NthWeekday {
                        month: 9,
                        nth: 1,
                        weekday: 1,
                    },
                    i + 2,
                ),
                ("memorial", "day") => (
                    Holiday::NthWeekday {
                        month: 5,
                        nth: -1,
                        weekday: 1,
                    },
                    i + 2,
                ),
                _ => return None,
            }
        };
        let mut year = YearSpec::Around(rel);
        if rel == Rel::Tense
            && let Some((y, e)) = self.year_at(end)
        {
            year = YearSpec::Known(y);
            end = e;
        }
        let sem = Sem::Holiday { holiday, year };
        // "the Thanksgiving weekend", "over Labor Day weekend".
        if self.is(end, "weekend") {
            return cand(
                start,
                end + 1,
                TimexType::Date,
                Sem::WeekOf {
                    day: Box::new(sem),
                    weekend: true,
                },
            );
        }
        cand(start, end, TimexType::Date, sem)
    }

    /// `the 20th century`, `the nineteenth century`, `the twenty-first century`.
    fn p_century(&self, i: usize) -> Option<Cand> {
        let j = if self.is(i, "the") { i + 1 } else { i };
        let (n, k) = if let Some((n, k)) = self.ordinal_at(j).filter(|o| o.0 != 99) {
            (n, k)
        } else {
            let tens = number_word(self.w(j))?;
            if !(self.p(j + 1, '-') && tens >= 20) {
                return None;
            }
            (tens + ordinal_word(self.w(j + 2))?, j + 3)
        };
        if !self.is(k, "century") || !(1..=30).contains(&n) {
            return None;
        }
        cand(
            i,
            k + 1,
            TimexType::Date,
            Sem::Fixed(format!("{:02}", n - 1)),
        )
    }

    /// `the eighties`, `the nineties`.
    fn p_decade_word(&self, i: usize) -> Option<Cand> {
        if !self.is(i, "the") {
            return None;
        }
        let d = match self.w(i + 1) {
            "twenties" => 2,
            "thirties" => 3,
            "forties" => 4,
            "fifties" => 5,
            "sixties" => 6,
            "seventies" => 7,
            "eighties" => 8,
            "nineties" => 9,
            _ => return None,
        };
        cand(i, i + 2, TimexType::Date, Sem::Fixed(format!("19{d}")))
    }

    /// `the 16th` standing alone.
    fn p_day_of_month(&self, i: usize) -> Option<Cand> {
        if !self.is(i, "the") {
            return None;
        }
        let (d, digits) = self.num(i + 1)?;
        if digits > 2
            || !(1..=31).contains(&d)
            || !matches!(self.w(i + 2), "st" | "nd" | "rd" | "th")
            || !self.tight(i + 2)
        {
            return None;
        }
        let next = self.w(i + 3);
        if self.is_word(i + 3)
            && !matches!(
                next,
                "and"
                    | "or"
                    | "at"
                    | "in"
                    | "to"
                    | "when"
                    | "with"
                    | "until"
                    | "before"
                    | "after"
                    | "as"
                    | "but"
            )
        {
            return None;
        }
        cand(i, i + 3, TimexType::Date, Sem::DayOfMonth { day: d as i8 })
    }

    // ---- tense ---------------------------------------------------------------------------

    /// The tense of the clause around tokens `start..end`: the nearest tense cue in the same
    /// sentence, preferring the left side on a tie. Reach is counted in words, so that
    /// figures and punctuation ("$5.2 million, or seven cents a share") do not hide the verb.
    pub(super) fn tense_near(&self, start: usize, end: usize) -> Tense {
        const REACH_WORDS: usize = 16;
        const REACH_TOKENS: usize = 40;
        // A possessive ("around Wednesday's ruling", "Monday's one-on-one") names an event by
        // its day; the verb of the clause tells of something else.
        if self.apostrophe(end) && self.is(end + 1, "s") && self.tight(end) {
            return Tense::Unknown;
        }
        // So does a month or weekday name used as an adjective ("under a June agreement",
        // "the Monday meeting").
        if end == start + 1 && self.attributive(start) {
            return Tense::Unknown;
        }
        // A deadline moved "until" a day ("extended its deadline until 9 a.m. Tuesday",
        // "postponed until Tuesday morning") lies ahead, whatever the tense of the verb that
        // moved it.
        if start > 0
            && matches!(self.w(start - 1), "until" | "till")
            && self.deferral_before(start - 1)
        {
            return Tense::Future;
        }
        let mut left = None;
        let mut words = 0;
        for k in (start.saturating_sub(REACH_TOKENS)..start).rev() {
            if self.is_break(k) {
                break;
            }
            if self.is_word(k) {
                words += 1;
                if words > REACH_WORDS {
                    break;
                }
            }
            if let Some(t) = self.tense_cue(k) {
                left = Some((words, t));
                break;
            }
        }
        // An opening phrase ("In March, the company ...") takes the tense of the clause after
        // its comma.
        let opens_sentence = (start.saturating_sub(2)..=start).any(|k| self.sentence_start(k));
        let mut right = None;
        let mut words = 0;
        for k in end..(end + REACH_TOKENS).min(self.toks.len()) {
            // A cue after a clause boundary belongs to another clause: "met on Monday and
            // will meet again", "said Wednesday that he will".
            if self.is_break(k)
                || self.closing_quote(k)
                || (self.p(k, ',') && !opens_sentence)
                || !opens_sentence
                    && matches!(
                        self.w(k),
                        "and"
                            | "but"
                            | "while"
                            | "whereas"
                            | "although"
                            | "though"
                            | "because"
                            | "which"
                            | "who"
                            | "that"
                            | "how"
                            | "why"
                            | "whether"
                            | "where"
                            | "what"
                    )
            {
                break;
            }
            if self.is_word(k) {
                words += 1;
                if words > REACH_WORDS {
                    break;
                }
            }
            if let Some(t) = self.tense_cue(k) {
                right = Some((words, t));
                break;
            }
        }
        match (left, right) {
            (Some((dl, tl)), Some((dr, tr))) => {
                if dl <= dr {
                    tl
                } else {
                    tr
                }
            }
            (Some((_, t)), None) | (None, Some((_, t))) => t,
            (None, None) => Tense::Unknown,
        }
    }

    /// True when the capitalised word `k` stands between a determiner and a lower-case noun,
    /// as a name used as an adjective: "a June agreement", "the Monday meeting".
    fn attributive(&self, k: usize) -> bool {
        const DETERMINERS: &[&str] = &["a", "an", "the", "its", "his", "her", "their", "our"];
        const NOT_NOUNS: &[&str] = &[
            "and", "or", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "that",
            "which", "when", "after", "before", "was", "is", "were", "are", "will", "would", "had",
            "has", "have", "last", "next", "this", "through", "until",
        ];
        self.cap(k)
            && DETERMINERS.contains(&self.prev_word(k))
            && self.is_word(k + 1)
            && !self.cap(k + 1)
            && self.tok(k + 1).is_some_and(|t| t.spaced)
            && !NOT_NOUNS.contains(&self.w(k + 1))
    }

    /// True when token `k` ends a sentence (or a line ends right after it).
    fn is_break(&self, k: usize) -> bool {
        if self.tok(k + 1).is_some_and(|t| t.broken) {
            return true;
        }
        match self.raw(k) {
            "!" | "?" | ";" => true,
            // An initial or a title ("Daniel P. Davison", "Mr. Bush") ends no sentence.
            "." if k > 0 && self.tight(k) && self.is_initial_or_title(k - 1) => false,
            "." => self
                .tok(k + 1)
                .is_none_or(|_| self.cap(k + 1) || self.p(k + 1, '"')),
            _ => false,
        }
    }

    /// True when word `k` is a capital initial or a title that is written with a full stop.
    fn is_initial_or_title(&self, k: usize) -> bool {
        let raw = self.raw(k);
        (raw.len() == 1 && raw.chars().all(|c| c.is_ascii_uppercase()))
            || matches!(
                raw,
                "Mr" | "Mrs"
                    | "Ms"
                    | "Dr"
                    | "Gen"
                    | "Sen"
                    | "Rep"
                    | "Gov"
                    | "Lt"
                    | "Col"
                    | "Sgt"
                    | "Capt"
                    | "Prof"
                    | "Rev"
                    | "St"
                    | "Jr"
                    | "Sr"
            )
    }

    /// True when token `k` closes a quotation: what follows it ("..., he said") is the
    /// reporter's clause, not the quoted one.
    fn closing_quote(&self, k: usize) -> bool {
        let tight_after_text = k > 0 && self.tight(k);
        match self.raw(k) {
            "\u{201d}" => true,
            "\"" => tight_after_text,
            "'" => tight_after_text && self.p(k + 1, '\'') && self.tight(k + 1),
            _ => false,
        }
    }

    /// The verb of planning, asking or promising that stands at most four tokens before the
    /// "to" at `to`, if any.
    fn planning_verb_before(&self, to: usize) -> Option<usize> {
        const STEMS: &[&str] = &[
            "invit", "ask", "plan", "want", "hope", "hoping", "expect", "agree", "decide",
            "deciding", "intend", "aim", "prepar", "schedul", "ready", "likely", "promis", "vow",
            "pledg", "threaten", "urg", "going", "set", "seek", "sought", "try", "tries", "tried",
            "offer", "propos",
        ];
        (to.saturating_sub(4)..to).find(|&k| {
            let w = self.w(k);
            STEMS.iter().any(|stem| w.starts_with(stem))
        })
    }

    /// True when the word at `k` follows "had" or "had been": a past perfect.
    fn after_past_perfect(&self, k: usize) -> bool {
        k >= 1
            && (self.is(k - 1, "had")
                || (k >= 2 && self.is(k - 1, "been") && self.is(k - 2, "had")))
    }

    /// True when a verb or noun of deferral ("extended", "postponed", "gave", "deadline")
    /// stands at most six tokens before the "until" at `until`.
    fn deferral_before(&self, until: usize) -> bool {
        const STEMS: &[&str] = &[
            "extend", "postpon", "delay", "defer", "adjourn", "recess", "gave", "given", "give",
            "deadline", "suspend", "wait", "put", "push", "grant",
        ];
        (until.saturating_sub(6)..until).any(|k| {
            let w = self.w(k);
            STEMS.iter().any(|stem| w.starts_with(stem))
        })
    }

    /// The tense token `k` signals, if any.
    fn tense_cue(&self, k: usize) -> Option<Tense> {
        if !self.is_word(k) {
            return None;
        }
        let w = self.w(k);
        if w == "ll" && k > 0 && self.apostrophe(k - 1) {
            return Some(Tense::Future);
        }
        // "had been scheduled to expire": a plan in the past perfect lies in the past.
        let past_perfect = self.after_past_perfect(k);
        // The infinitive after a verb of planning or asking ("invited him to visit in the
        // autumn", "agreed to meet on Monday") names an event still to come, unless the plan
        // itself is in the past perfect ("had been scheduled to expire at midnight Friday"):
        // then the event was due before the time of writing.
        if k >= 2
            && self.is(k - 1, "to")
            && !self.cap(k)
            && let Some(verb) = self.planning_verb_before(k - 1)
        {
            return Some(if self.after_past_perfect(verb) {
                Tense::Past
            } else {
                Tense::Future
            });
        }
        // "is to resume trading": the present of "be" before an infinitive is a schedule.
        if k >= 2
            && self.is(k - 1, "to")
            && matches!(self.w(k - 2), "is" | "are")
            && !self.cap(k)
            && self.is_word(k)
        {
            return Some(Tense::Future);
        }
        // A participle after a present or infinitive auxiliary ("are counted", "to be held",
        // "will be paid") is no past tense.
        let passive = k > 0
            && matches!(
                self.w(k - 1),
                "is" | "are" | "be" | "being" | "am" | "get" | "gets"
            );
        match TENSE_CUES.get(w) {
            Some(Tense::Past) if passive => return None,
            // "next to the embassy" is a place.
            Some(Tense::Future) if w == "next" && self.is(k + 1, "to") => return None,
            Some(Tense::Future) if past_perfect => return Some(Tense::Past),
            // Verbs of intent signal a plan only with their infinitive ("plans to visit", not
            // "set aside vacation plans"), and planning also with its object ("planning for
            // the summit in April").
            Some(Tense::Future)
                if INTENT_VERBS.contains(&w)
                    && !self.is(k + 1, "to")
                    && !(w == "planning" && self.is(k + 1, "for")) =>
            {
                return None;
            }
            Some(t) => return Some(*t),
            None => {}
        }
        // The present of "be" as the nearest verb points neither way: "the dividend is payable
        // Jan. 2" is near the document date on whichever side. "is payable" itself is a
        // schedule, so it is a future cue.
        // "the law takes effect on Jan. 1", "tickets go on sale Friday": a schedule.
        if (matches!(w, "takes" | "take") && self.is(k + 1, "effect"))
            || (matches!(w, "goes" | "go") && self.is(k + 1, "on") && self.is(k + 2, "sale"))
        {
            return Some(Tense::Future);
        }
        if matches!(w, "is" | "are" | "am") {
            return Some(if self.is(k + 1, "payable") {
                Tense::Future
            } else {
                Tense::Unknown
            });
        }
        // Before an agent ("markets untouched by the crisis") a participle qualifies a noun
        // and says nothing of the clause's tense.
        let participle = self.is(k + 1, "by");
        if w.len() > 4 && w.ends_with("ed") && !NOT_PAST.contains(&w) && !passive && !participle {
            return Some(Tense::WeakPast);
        }
        None
    }
}

/// The candidate for tokens `start..end` naming day `d` of month `m` of year `y`, when that day
/// exists.
fn day_date(start: usize, end: usize, y: i64, m: i64, d: i64) -> Option<Cand> {
    let (y, m, d) = (
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    );
    jiff::civil::Date::new(y, m, d).ok()?;
    let sem = Sem::Cal {
        year: YearSpec::Known(i32::from(y)),
        sub: Some(Sub::Month(m)),
        day: Some(d),
        tod: None,
    };
    cand(start, end, TimexType::Date, sem)
}

/// The char starting at byte `pos`, with a fast path for ASCII.
fn char_at(text: &str, pos: usize) -> Option<char> {
    let b = *text.as_bytes().get(pos)?;
    if b.is_ascii() {
        return Some(char::from(b));
    }
    text.get(pos..).and_then(|rest| rest.chars().next())
}

/// The holiday named by a word before "'s Day" or "' Day" ("Patrick" after "St."). Only
/// "Valentine's Day" may be written in lower case; "mother's day" is any mother's. The American
/// dates, as news written in English mostly means them.
fn possessive_holiday(w: &str, named: bool) -> Option<Holiday> {
    Some(match w {
        "valentine" => Holiday::Fixed { month: 2, day: 14 },
        "patrick" if named => Holiday::Fixed { month: 3, day: 17 },
        "mother" if named => Holiday::NthWeekday {
            month: 5,
            nth: 2,
            weekday: 7,
        },
        "father" if named => Holiday::NthWeekday {
            month: 6,
            nth: 3,
            weekday: 7,
        },
        "presidents" if named => Holiday::NthWeekday {
            month: 2,
            nth: 3,
            weekday: 1,
        },
        "veterans" if named => Holiday::Fixed { month: 11, day: 11 },
        _ => return None,
    })
}

/// True when `sem` names one day, without a time of day: a day a named day can be counted from.
fn names_a_day(sem: &Sem) -> bool {
    match sem {
        Sem::Cal { day, tod, .. } => day.is_some() && tod.is_none(),
        Sem::Weekday { tod, .. } => tod.is_none(),
        Sem::Holiday { .. } => true,
        Sem::Shift { unit, tod, .. } => *unit == Unit::Day && tod.is_none(),
        _ => false,
    }
}

/// Days relative to the document date named by one word.
fn relative_day(w: &str) -> Option<i64> {
    match w {
        "yesterday" => Some(-1),
        "today" => Some(0),
        "tomorrow" => Some(1),
        _ => None,
    }
}

/// The TimeML duration value for an amount of a unit: `P4D`, `PT3H`, `P10Y`, `PXY`.
fn duration_value(a: Amount, unit: Unit) -> String {
    let (scale, letter, time) = match unit {
        Unit::Century => (100.0, "Y", false),
        Unit::Decade => (10.0, "Y", false),
        Unit::Year => (1.0, "Y", false),
        Unit::Quarter => (3.0, "M", false),
        Unit::Month => (1.0, "M", false),
        Unit::Week => (1.0, "W", false),
        Unit::Fortnight => (2.0, "W", false),
        Unit::Weekend => (1.0, "WE", false),
        Unit::Day => (1.0, "D", false),
        Unit::Hour => (1.0, "H", true),
        Unit::Minute => (1.0, "M", true),
        Unit::Second => (1.0, "S", true),
    };
    let t = if time { "T" } else { "" };
    let v = match a {
        Amount::Vague => {
            let vague = match unit {
                Unit::Century => "CE",
                Unit::Decade => "DE",
                Unit::Quarter => "Q",
                _ => letter,
            };
            return format!("P{t}X{vague}");
        }
        Amount::Count(v) => v * scale,
    };
    if v.fract() == 0.0 || !(0.0..1e9).contains(&v) {
        return format!("P{t}{}{letter}", v.round() as i64);
    }
    // Halves are written in the next smaller unit: 2.5 years is P2Y6M, 5.5 hours PT5H30M.
    let whole = v.trunc() as i64;
    let (sub, sub_letter) = match unit {
        Unit::Year | Unit::Decade | Unit::Century => ((v.fract() * 12.0).round() as i64, "M"),
        Unit::Month | Unit::Quarter => ((v.fract() * 30.0).round() as i64, "D"),
        Unit::Week | Unit::Fortnight | Unit::Weekend => {
            return format!("P{}D", (v * 7.0).round() as i64);
        }
        Unit::Day => return format!("P{whole}DT{}H", (v.fract() * 24.0).round() as i64),
        Unit::Hour => ((v.fract() * 60.0).round() as i64, "M"),
        Unit::Minute => ((v.fract() * 60.0).round() as i64, "S"),
        Unit::Second => return format!("PT{v}S"),
    };
    if whole == 0 {
        format!("P{t}{sub}{sub_letter}")
    } else {
        format!("P{t}{whole}{letter}{sub}{sub_letter}")
    }
}
