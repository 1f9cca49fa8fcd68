//! Estimates the date of an undated article from its cross-references: its relative expressions
//! ("yesterday", "this evening", "on Monday") must land on the dates that dated sources give the
//! same facts. It tries each plausible reference day and keeps the one that agrees best, with
//! its reasoning. It never invents a date without agreeing evidence.

use std::collections::{BTreeMap, BTreeSet};

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::Span;
use super::alignment::Link;
use super::article::ArticleId;
use super::sentences::SentenceIdx;
use super::temporal::{ScannedText, Timex};
use super::timevalue::TimeValue;
use super::{Config, SourceAnalysis, timeline_units};

/// A date estimated for an undated article, with the reasoning a person can check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateEstimate {
    /// The estimated publication day.
    pub date: TimeValue,
    /// Why, in plain language.
    pub reasoning: String,
    /// How many dated sources agree.
    pub supporting_sources: usize,
}

/// How far around an aligned dated source's date a reference day is looked for.
const WINDOW_DAYS: i64 = 3;

/// Estimates a reference date for every undated source that has agreeing cross-references, with
/// the source's temporal expressions resolved against it. `unit_keys[i]` names the sentence
/// behind alignment unit `i` of `links`.
pub fn estimate_undated(
    sources: &[SourceAnalysis],
    unit_keys: &[(ArticleId, SentenceIdx)],
    links: &[Link],
    config: &Config,
) -> Vec<(ArticleId, DateEstimate, Vec<Timex>)> {
    let dated: Vec<bool> = sources
        .iter()
        .map(|s| s.reference_date().is_some())
        .collect();
    // Each undated source's links to sentences of dated sources, in link order, gathered in one
    // pass over the links rather than one pass per undated source.
    let mut partners_of: BTreeMap<ArticleId, Vec<(SentenceIdx, usize, f32)>> = BTreeMap::new();
    for link in links
        .iter()
        .filter(|l| l.score >= config.timeline.same_date_score)
    {
        for (mine, other) in [(link.a, link.b), (link.b, link.a)] {
            let (doc, sentence) = unit_keys[mine];
            if !dated[doc.index()] && dated[unit_keys[other].0.index()] {
                partners_of
                    .entry(doc)
                    .or_default()
                    .push((sentence, other, link.score));
            }
        }
    }
    if partners_of.is_empty() {
        return Vec::new();
    }
    let units = timeline_units(sources);
    let mut out = Vec::new();
    for (id, partners) in partners_of {
        let source = &sources[id.index()];
        // Candidate reference days: around the dates of the dated sources this one aligns with.
        let mut candidates: BTreeSet<Date> = BTreeSet::new();
        for &(_, other, _) in &partners {
            if let Some(day) = sources[unit_keys[other].0.index()].reference_date() {
                for offset in -WINDOW_DAYS..=WINDOW_DAYS {
                    if let Ok(d) = day.checked_add(offset.days()) {
                        candidates.insert(d);
                    }
                }
            }
        }
        // The days each partner sentence gives, read once for every candidate.
        let partner_days: Vec<Vec<TimeValue>> = partners
            .iter()
            .map(|&(_, other, _)| {
                units[other]
                    .dates
                    .iter()
                    .map(|(v, _)| v.to_day_value())
                    .collect()
            })
            .collect();
        // The best reading so far: score, day, reasoning, agreeing sources, and the expressions.
        let mut best: Option<(f32, Date, String, usize, Vec<Timex>)> = None;
        let scanned = ScannedText::scan(&source.document.text);
        for day in candidates {
            let timexes = scanned.resolve(Some(day));
            let (score, reason, agreeing) =
                agreement(source, &timexes, &partners, &partner_days, &units);
            let better = match &best {
                None => score > 0.0,
                Some((s, ..)) => score > *s + 1e-6,
            };
            if better {
                best = Some((score, day, reason, agreeing.len(), timexes));
            }
        }
        if let Some((_, day, reason, agreeing, timexes)) = best {
            let date = TimeValue::day(day);
            out.push((
                source.id,
                DateEstimate {
                    reasoning: format!("{reason}, so this article is dated {}", date.label()),
                    date,
                    supporting_sources: agreeing,
                },
                timexes,
            ));
        }
    }
    out
}

/// Scores one candidate reading of a source's dates: the summed link strength of sentence pairs
/// whose relative dates now equal a date the partner sentence gives. Returns the score, the
/// reasoning for the strongest agreement and the agreeing sources.
fn agreement(
    source: &SourceAnalysis,
    timexes: &[Timex],
    partners: &[(SentenceIdx, usize, f32)],
    partner_days: &[Vec<TimeValue>],
    units: &[super::timeline::TimelineUnit],
) -> (f32, String, BTreeSet<ArticleId>) {
    // Each sentence's relative expressions of a week or finer, with their day-level values, in
    // text order: read once, not once per partner.
    let mut by_sentence: Vec<Vec<(Span, TimeValue)>> = vec![Vec::new(); source.sentences.len()];
    for t in timexes.iter().filter(|t| t.anchor.is_some()) {
        let Some(value) = TimeValue::parse(&t.value) else {
            continue;
        };
        let value = value.to_day_value();
        if value.granularity < super::timevalue::Granularity::Week {
            continue;
        }
        let i = source
            .sentences
            .partition_point(|s| s.start <= t.span.start)
            .checked_sub(1);
        if let Some(i) = i.filter(|&i| source.sentences[i].contains(t.span)) {
            by_sentence[i].push((t.span, value));
        }
    }
    let mut score = 0.0;
    let mut strongest: Option<(f32, String)> = None;
    let mut agreeing = BTreeSet::new();
    for (&(sentence, other, link_score), other_days) in partners.iter().zip(partner_days) {
        let Some(found) = by_sentence.get(sentence.0 as usize) else {
            continue;
        };
        for (span, value) in found {
            if !other_days.contains(value) {
                continue;
            }
            score += link_score;
            agreeing.insert(units[other].document);
            if strongest.as_ref().is_none_or(|(s, _)| link_score > *s) {
                let phrase = span.slice(&source.document.text);
                strongest = Some((
                    link_score,
                    format!(
                        "'{phrase}' refers to what a dated source places on {}",
                        value.label()
                    ),
                ));
            }
        }
    }
    let reason = match strongest {
        Some((_, r)) if agreeing.len() > 1 => {
            format!("{r} (and {} dated sources agree)", agreeing.len())
        }
        Some((_, r)) => r,
        None => String::new(),
    };
    (score, reason, agreeing)
}
