//! Cuts a stored text into runs for the reader pane: plain text, flagged boilerplate, other
//! mentions of the open event, and the current mention. It only slices; it must not change a
//! byte of the text, so the runs joined give the text back.

use serde::{Deserialize, Serialize};

use super::article::Span;

/// How a run of text is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RunKind {
    /// Body text.
    Plain,
    /// Flagged boilerplate, shown greyed.
    Boilerplate,
    /// Another mention of the open event in this source.
    Mention,
    /// The mention the user opened.
    Current,
}

/// One run of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    /// The bytes of the text this run covers.
    pub span: Span,
    /// How to show it.
    pub kind: RunKind,
}

/// Splits `text` into runs. Where marks overlap, the strongest kind wins
/// (current over mention over boilerplate). Spans that do not fit the text are ignored.
pub fn highlight_runs(
    text: &str,
    boilerplate: &[Span],
    mentions: &[Span],
    current: Option<Span>,
) -> Vec<Run> {
    let fits = |s: &Span| {
        s.start < s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    let mut marks: Vec<(Span, RunKind)> = Vec::new();
    marks.extend(
        boilerplate
            .iter()
            .filter(|s| fits(s))
            .map(|s| (*s, RunKind::Boilerplate)),
    );
    marks.extend(
        mentions
            .iter()
            .filter(|s| fits(s))
            .map(|s| (*s, RunKind::Mention)),
    );
    marks.extend(
        current
            .iter()
            .filter(|s| fits(s))
            .map(|s| (*s, RunKind::Current)),
    );
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (s, _) in &marks {
        cuts.push(s.start);
        cuts.push(s.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut runs: Vec<Run> = Vec::new();
    for pair in cuts.windows(2) {
        let span = Span::new(pair[0], pair[1]);
        if span.is_empty() {
            continue;
        }
        let kind = marks
            .iter()
            .filter(|(s, _)| s.contains(span))
            .map(|(_, k)| *k)
            .max()
            .unwrap_or(RunKind::Plain);
        match runs.last_mut() {
            Some(last)
                if last.kind == kind && last.span.end == span.start && kind != RunKind::Current =>
            {
                last.span.end = span.end
            }
            _ => runs.push(Run { span, kind }),
        }
    }
    // The current mention is one run even when other marks cut it.
    let mut merged: Vec<Run> = Vec::with_capacity(runs.len());
    for run in runs {
        match merged.last_mut() {
            Some(last) if last.kind == RunKind::Current && run.kind == RunKind::Current => {
                last.span.end = run.span.end
            }
            _ => merged.push(run),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        text: &str,
        boilerplate: &[(usize, usize)],
        mentions: &[(usize, usize)],
        current: Option<(usize, usize)>,
        expect: &str,
    ) {
        let sp = |v: &[(usize, usize)]| v.iter().map(|&(a, b)| Span::new(a, b)).collect::<Vec<_>>();
        let runs = highlight_runs(
            text,
            &sp(boilerplate),
            &sp(mentions),
            current.map(|(a, b)| Span::new(a, b)),
        );
        let joined: String = runs.iter().map(|r| r.span.slice(text)).collect();
        assert_eq!(joined, text, "runs must give the text back");
        let got: Vec<String> = runs
            .iter()
            .map(|r| match r.kind {
                RunKind::Plain => r.span.slice(text).to_string(),
                RunKind::Boilerplate => format!("~{}~", r.span.slice(text)),
                RunKind::Mention => format!("[{}]", r.span.slice(text)),
                RunKind::Current => format!("<<{}>>", r.span.slice(text)),
            })
            .collect();
        assert_eq!(got.concat(), expect);
    }

    #[test]
    fn marks_current_mentions_and_boilerplate() {
        check(
            "One. Two. Three.",
            &[],
            &[],
            Some((5, 9)),
            "One. <<Two.>> Three.",
        );
        check(
            "One. Two. Three.",
            &[(0, 4)],
            &[(10, 16)],
            Some((5, 9)),
            "~One.~ <<Two.>> [Three.]",
        );
        check("One. Two.", &[], &[(0, 4)], Some((0, 4)), "<<One.>> Two.");
        check("héllo wörld", &[], &[], Some((0, 2)), "héllo wörld");
        check("abc", &[], &[], Some((1, 99)), "abc");
    }
}
