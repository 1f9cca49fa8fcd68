//! Scores tagged temporal expressions against gold annotations with the TempEval-3 measures
//! (strict and relaxed span match, type and value accuracy) and groups the errors into
//! classes. It only counts; it must not read files or the clock.

use std::collections::HashMap;

use super::timeml::{GoldTimex, TimemlDoc};
use super::{Timex, TimexType, tag_timexes};
use crate::analysis::Span;

/// Raw match counts, summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold expressions.
    pub gold: usize,
    /// System expressions.
    pub system: usize,
    /// System expressions whose span equals a gold span.
    pub strict: usize,
    /// System expressions overlapping some gold expression.
    pub relaxed_system: usize,
    /// Gold expressions overlapping some system expression.
    pub relaxed_gold: usize,
    /// One-to-one overlapping pairs, over which attributes are compared.
    pub pairs: usize,
    /// Pairs with the same type.
    pub type_correct: usize,
    /// Pairs with the same value.
    pub value_correct: usize,
}

impl Counts {
    /// Adds another set of counts to this one.
    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict += o.strict;
        self.relaxed_system += o.relaxed_system;
        self.relaxed_gold += o.relaxed_gold;
        self.pairs += o.pairs;
        self.type_correct += o.type_correct;
        self.value_correct += o.value_correct;
    }

    /// The TempEval-3 measures.
    pub fn scores(&self) -> Scores {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let f1 = |p: f64, r: f64| {
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            }
        };
        let strict_p = ratio(self.strict, self.system);
        let strict_r = ratio(self.strict, self.gold);
        let relaxed_p = ratio(self.relaxed_system, self.system);
        let relaxed_r = ratio(self.relaxed_gold, self.gold);
        let relaxed_f1 = f1(relaxed_p, relaxed_r);
        let type_accuracy = ratio(self.type_correct, self.pairs);
        let value_accuracy = ratio(self.value_correct, self.pairs);
        Scores {
            strict_p,
            strict_r,
            strict_f1: f1(strict_p, strict_r),
            relaxed_p,
            relaxed_r,
            relaxed_f1,
            type_accuracy,
            value_accuracy,
            type_f1: relaxed_f1 * type_accuracy,
            value_f1: relaxed_f1 * value_accuracy,
        }
    }
}

/// The TempEval-3 measures, each in 0..=1.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    /// Exact-span precision.
    pub strict_p: f64,
    /// Exact-span recall.
    pub strict_r: f64,
    /// Exact-span F1.
    pub strict_f1: f64,
    /// Overlapping-span precision.
    pub relaxed_p: f64,
    /// Overlapping-span recall.
    pub relaxed_r: f64,
    /// Overlapping-span F1.
    pub relaxed_f1: f64,
    /// Share of overlapping pairs with the right type.
    pub type_accuracy: f64,
    /// Share of overlapping pairs with the right value.
    pub value_accuracy: f64,
    /// Relaxed F1 times type accuracy.
    pub type_f1: f64,
    /// Relaxed F1 times value accuracy: the headline figure.
    pub value_f1: f64,
}

/// The kind of a scoring error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorKind {
    /// A gold expression no system expression overlaps.
    Missed,
    /// A system expression no gold expression overlaps.
    Spurious,
    /// An overlapping pair whose spans differ.
    Span,
    /// An overlapping pair whose types differ.
    Type,
    /// An overlapping pair whose values differ.
    Value,
}

impl ErrorKind {
    /// A short lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Missed => "missed",
            ErrorKind::Spurious => "spurious",
            ErrorKind::Span => "span",
            ErrorKind::Type => "type",
            ErrorKind::Value => "value",
        }
    }
}

/// One error with its class: a short pattern that groups similar cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoredError {
    /// What went wrong.
    pub kind: ErrorKind,
    /// The class, e.g. `'WEEKDAY' DATE 9999-99-99 -> 9999-99-99`.
    pub class: String,
    /// The concrete case, e.g. `'Friday' 1998-08-07 -> 1998-08-14`.
    pub example: String,
    /// The text around the case, with the expression in [brackets].
    pub context: String,
}

/// Counts and errors for a set of documents.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    /// The summed counts.
    pub counts: Counts,
    /// Every error found.
    pub errors: Vec<ScoredError>,
}

impl Evaluation {
    /// Adds the results of one more document set.
    pub fn merge(&mut self, other: Evaluation) {
        self.counts.add(&other.counts);
        self.errors.extend(other.errors);
    }

    /// The `n` most frequent error classes of one kind, with counts and an example, most
    /// frequent first (ties by class name, so the output is stable).
    pub fn top_errors(&self, kind: ErrorKind, n: usize) -> Vec<(String, usize, String)> {
        let mut by_class: HashMap<&str, (usize, &str)> = HashMap::new();
        for e in self.errors.iter().filter(|e| e.kind == kind) {
            let slot = by_class.entry(&e.class).or_insert((0, &e.example));
            slot.0 += 1;
        }
        let mut v: Vec<(String, usize, String)> = by_class
            .into_iter()
            .map(|(c, (k, ex))| (c.to_string(), k, ex.to_string()))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }
}

/// Tags every document and scores it against its gold annotations.
pub fn evaluate_documents(docs: &[TimemlDoc]) -> Evaluation {
    let mut all = Evaluation::default();
    for doc in docs {
        let system = tag_timexes(&doc.text, doc.dct);
        let mut e = score_document(&doc.text, &doc.gold, &system);
        let dct = doc
            .dct
            .map_or_else(|| "none".to_string(), |d| format!("{d} {:?}", d.weekday()));
        for err in &mut e.errors {
            err.context = format!("dct {dct} | {}", err.context);
        }
        all.merge(e);
    }
    all
}

/// A system expression reduced to what is scored, so that other taggers can be scored too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SystemTimex {
    /// The byte range in the document text.
    pub span: Span,
    /// The type.
    pub kind: TimexType,
    /// The TimeML value.
    pub value: String,
}

impl From<&Timex> for SystemTimex {
    fn from(t: &Timex) -> SystemTimex {
        SystemTimex {
            span: t.span,
            kind: t.kind,
            value: t.value.clone(),
        }
    }
}

/// Scores one document's system expressions against its gold expressions.
pub fn score_document(text: &str, gold: &[GoldTimex], system: &[Timex]) -> Evaluation {
    let system: Vec<SystemTimex> = system.iter().map(SystemTimex::from).collect();
    score_system(text, gold, &system)
}

/// Scores one document's expressions from any tagger against its gold expressions.
pub fn score_system(text: &str, gold: &[GoldTimex], system: &[SystemTimex]) -> Evaluation {
    let mut c = Counts {
        gold: gold.len(),
        system: system.len(),
        ..Counts::default()
    };
    let mut errors = Vec::new();
    let mut gold_paired = vec![false; gold.len()];
    for s in system {
        if gold.iter().any(|g| g.span == s.span) {
            c.strict += 1;
        }
        if !gold.iter().any(|g| g.span.overlaps(s.span)) {
            c.relaxed_system += 0;
            errors.push(ScoredError {
                kind: ErrorKind::Spurious,
                class: format!("'{}' {}", shape_text(s.span.slice(text)), s.kind.name()),
                example: format!("'{}' {}", s.span.slice(text), s.value),
                context: context_of(text, s.span),
            });
            continue;
        }
        c.relaxed_system += 1;
        let Some(gi) = (0..gold.len()).find(|&k| !gold_paired[k] && gold[k].span.overlaps(s.span))
        else {
            continue;
        };
        gold_paired[gi] = true;
        let g = &gold[gi];
        c.pairs += 1;
        let gtext = g.span.slice(text);
        if g.kind == s.kind {
            c.type_correct += 1;
        } else {
            errors.push(ScoredError {
                kind: ErrorKind::Type,
                class: format!(
                    "'{}' {} -> {}",
                    shape_text(gtext),
                    g.kind.name(),
                    s.kind.name()
                ),
                example: format!("'{gtext}'"),
                context: context_of(text, g.span),
            });
        }
        if g.value == s.value {
            c.value_correct += 1;
        } else {
            errors.push(ScoredError {
                kind: ErrorKind::Value,
                class: format!(
                    "'{}' {} -> {}",
                    shape_text(gtext),
                    shape_value(&g.value),
                    shape_value(&s.value)
                ),
                example: format!("'{gtext}' {} -> {}", g.value, s.value),
                context: context_of(text, g.span),
            });
        }
        if g.span != s.span {
            errors.push(ScoredError {
                kind: ErrorKind::Span,
                class: format!(
                    "'{}' -> '{}'",
                    shape_text(gtext),
                    shape_text(s.span.slice(text))
                ),
                example: format!("'{gtext}' -> '{}'", s.span.slice(text)),
                context: context_of(text, s.span),
            });
        }
    }
    for g in gold {
        if system.iter().any(|s| s.span.overlaps(g.span)) {
            c.relaxed_gold += 1;
        } else {
            let gtext = g.span.slice(text);
            errors.push(ScoredError {
                kind: ErrorKind::Missed,
                class: format!("'{}' {}", shape_text(gtext), g.kind.name()),
                example: format!("'{gtext}' {}", g.value),
                context: context_of(text, g.span),
            });
        }
    }
    Evaluation { counts: c, errors }
}

/// About 80 bytes either side of `span`, on one line, with the span in brackets.
fn context_of(text: &str, span: Span) -> String {
    let mut a = span.start.saturating_sub(80);
    while a > 0 && !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (span.end + 80).min(text.len());
    while b < text.len() && !text.is_char_boundary(b) {
        b += 1;
    }
    let piece = |x: usize, y: usize| text.get(x..y).unwrap_or("").replace(['\n', '\r'], " ");
    format!(
        "{}[{}]{}",
        piece(a, span.start),
        piece(span.start, span.end),
        piece(span.end, b)
    )
}

/// Text reduced to a class: lower case, digits as 9, month and weekday names as MONTH and
/// WEEKDAY.
fn shape_text(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut out = String::new();
    for (k, word) in lower.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let bare = word.trim_end_matches(['.', ',', '\'', 's']);
        let full = word.trim_end_matches(['.', ',']);
        if super::lexicon::month_of(full).is_some()
            || super::lexicon::month_of(bare).is_some() && full.len() <= 5
        {
            out.push_str("MONTH");
        } else if super::lexicon::weekday_of(full).is_some() {
            out.push_str("WEEKDAY");
        } else {
            out.extend(
                word.chars()
                    .map(|c| if c.is_ascii_digit() { '9' } else { c }),
            );
        }
    }
    out
}

fn shape_value(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::temporal::Anchor;

    fn gold(start: usize, end: usize, value: &str) -> GoldTimex {
        GoldTimex {
            span: Span::new(start, end),
            kind: TimexType::Date,
            value: value.into(),
            modifier: None,
        }
    }

    fn sys(start: usize, end: usize, value: &str) -> Timex {
        let anchor: Option<Anchor> = None;
        Timex {
            span: Span::new(start, end),
            kind: TimexType::Date,
            value: value.into(),
            modifier: None,
            freq: None,
            anchor,
        }
    }

    fn check(gold: &[GoldTimex], system: &[Timex], expect: &str) {
        let text = "on Friday and last year they met in March";
        let e = score_document(text, gold, system);
        let s = e.counts.scores();
        let got = format!(
            "strict {:.2} relaxed {:.2} value {:.2} errors {:?}",
            s.strict_f1,
            s.relaxed_f1,
            s.value_f1,
            e.errors.iter().map(|e| e.kind.name()).collect::<Vec<_>>()
        );
        assert_eq!(got, expect);
    }

    #[test]
    fn scores_strict_relaxed_and_value() {
        check(
            &[gold(3, 9, "1998-08-07")],
            &[sys(3, 9, "1998-08-07")],
            "strict 1.00 relaxed 1.00 value 1.00 errors []",
        );
        check(
            &[gold(3, 9, "1998-08-07")],
            &[sys(0, 9, "1998-08-14")],
            "strict 0.00 relaxed 1.00 value 0.00 errors [\"value\", \"span\"]",
        );
        check(
            &[gold(3, 9, "X"), gold(14, 23, "1997")],
            &[sys(3, 9, "X"), sys(36, 41, "1998-03")],
            "strict 0.50 relaxed 0.50 value 0.50 errors [\"spurious\", \"missed\"]",
        );
        check(&[], &[], "strict 0.00 relaxed 0.00 value 0.00 errors []");
    }
}
