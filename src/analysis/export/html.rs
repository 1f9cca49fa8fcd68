//! The HTML report: one self-contained file that opens offline, with inline CSS (light, dark and
//! print), no script and no external URL of any kind. It holds what the Markdown report holds,
//! plus every source's stored text with the supporting sentences marked, so each entry links to
//! its sentences in place. Everything from a file is HTML-escaped, text and attributes alike; it
//! must not compute anything the analysis did not.

use std::collections::BTreeSet;

use super::{
    Analysis, ArticleId, Granularity, Span, TimeValue, conflict_lines, count_line, date_bands,
    dating_line, escape_html, mention_text, one_line, source_labels, story_title, syndication_line,
};

/// The report's style sheet. Colours come from a few custom properties that the dark scheme
/// overrides; the print rules drop the navigation and keep entries whole on a page.
const STYLE: &str = "
:root { --bg: #fdfdfc; --fg: #1d1f21; --muted: #5f6368; --line: #d8dadd; --card: #f3f4f5;
  --mark: #fff1a8; --accent: #1f5fa8; --warn: #9a4b00; color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #16181b; --fg: #e6e6e6; --muted: #a0a4a8; --line: #3a3d42; --card: #202327;
    --mark: #5c4d00; --accent: #8ab8ff; --warn: #f0a35e; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem 1rem 4rem; background: var(--bg);
  color: var(--fg); font: 1rem/1.55 system-ui, -apple-system, \"Segoe UI\", sans-serif; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2.5rem 0 .75rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.75rem 0 .5rem; }
h3 small, .meta, .counts { color: var(--muted); font-weight: normal; }
a { color: var(--accent); }
nav a { margin-right: 1rem; }
ul { padding-left: 1.25rem; }
.event { background: var(--card); border: 1px solid var(--line); border-radius: .5rem;
  padding: .75rem 1rem; margin: .75rem 0; }
.event > p { margin: .25rem 0; }
.lead { font-weight: 600; }
.badge { display: inline-block; border: 1px solid currentColor; border-radius: .75rem;
  padding: 0 .5rem; font-size: .8rem; margin-left: .35rem; }
.conflict { color: var(--warn); }
summary { cursor: pointer; }
q { quotes: '\\201C' '\\201D'; }
.source { font-weight: 600; }
.fulltext { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--card);
  border: 1px solid var(--line); border-radius: .5rem; padding: .75rem 1rem; }
.fulltext mark { background: var(--mark); color: inherit; }
.fulltext mark:target { outline: 2px solid var(--accent); }
.boilerplate { color: var(--muted); text-decoration: line-through; }
@media print {
  nav { display: none; }
  body { max-width: none; padding: 0; background: #fff; color: #000; }
  .event { break-inside: avoid; background: none; }
  a { color: inherit; text-decoration: none; }
}
";

/// The analysis as one self-contained HTML page: the Markdown report's contents, plus each
/// source's stored text (collapsed) with every supporting sentence marked by an anchor that the
/// timeline's entries link to. The page loads nothing: its Content-Security-Policy forbids every
/// fetch and script, as a second guard behind the escaping.
pub fn export_html_report(analysis: &Analysis) -> String {
    let title = escape_html(&story_title(analysis));
    let mut out = String::with_capacity(
        4096 + analysis
            .sources
            .iter()
            .map(|s| s.document.text.len() * 2)
            .sum::<usize>(),
    );
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<meta name=\"generator\" content=\"Crossread\">\n";
    out += &format!("<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n");
    out += &format!("<header>\n<h1>{title}</h1>\n");
    out += &format!(
        "<p class=\"meta\">A Crossread timeline of {} source{}: {} event{} and {} quote{}.</p>\n",
        analysis.sources.len(),
        plural(analysis.sources.len()),
        analysis.events.len(),
        plural(analysis.events.len()),
        analysis.quotes.len(),
        plural(analysis.quotes.len()),
    );
    out += "<nav><a href=\"#sources\">Sources</a><a href=\"#timeline\">Timeline</a>";
    if !analysis.quotes.is_empty() {
        out += "<a href=\"#quotes\">Quotes</a>";
    }
    out += "<a href=\"#texts\">Full texts</a></nav>\n</header>\n";

    write_sources(&mut out, analysis);
    write_timeline(&mut out, analysis);
    write_quotes(&mut out, analysis);
    write_texts(&mut out, analysis);
    out += "</body>\n</html>\n";
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The anchor of a supporting sentence in its source's full text. It is built from ids and
/// offsets only, never from file content, so it needs no escaping.
fn mark_id(document: ArticleId, span: Span) -> String {
    format!("m{}-{}", document.0, span.start)
}

/// True when `span` is a non-empty char-boundary range of `text`, so slicing it cannot fail
/// and a mark for it really exists in the full text.
fn fits(text: &str, span: Span) -> bool {
    span.start < span.end && text.get(span.start..span.end).is_some()
}

fn write_sources(out: &mut String, analysis: &Analysis) {
    *out += "<section id=\"sources\">\n<h2>Sources</h2>\n<ol>\n";
    for s in &analysis.sources {
        *out += &format!(
            "<li id=\"source-{}\"><span class=\"source\">{}</span>",
            s.id.0,
            escape_html(&s.label())
        );
        if let Some(t) = &s.document.title {
            *out += &format!(", <q>{}</q>", escape_html(&one_line(&t.value)));
        }
        *out += &format!(
            " <span class=\"meta\">({})</span>\n<br>{}",
            escape_html(&s.document.file),
            escape_html(&dating_line(s))
        );
        if let Some(line) = syndication_line(analysis, s) {
            *out += &format!("\n<br>{}", escape_html(&line));
        }
        *out += &format!("\n<br><a href=\"#text-{}\">Full text</a></li>\n", s.id.0);
    }
    *out += "</ol>\n</section>\n";
}

fn write_timeline(out: &mut String, analysis: &Analysis) {
    *out += "<section id=\"timeline\">\n<h2>Timeline</h2>\n";
    for (date, events) in date_bands(analysis) {
        *out += &format!("<h3>{}</h3>\n", band_heading(date));
        for e in events {
            *out += &format!(
                "<article class=\"event\" id=\"event-{}\">\n<p class=\"lead\">{}</p>\n",
                e.id.0,
                escape_html(&one_line(&e.text))
            );
            *out += &format!("<p class=\"counts\">{}", escape_html(&count_line(e)));
            if e.single_source {
                *out += "<span class=\"badge\">single source</span>";
            }
            if !e.conflicts.is_empty() {
                *out += "<span class=\"badge conflict\">conflict</span>";
            }
            *out += "</p>\n";
            for line in conflict_lines(analysis, e) {
                *out += &format!("<p class=\"conflict\">{}</p>\n", escape_html(&line));
            }
            *out += &format!(
                "<details open>\n<summary>{} supporting sentence{}</summary>\n<ul>\n",
                e.mentions.len(),
                plural(e.mentions.len())
            );
            for m in &e.mentions {
                let Some(source) = analysis.sources.get(m.document.index()) else {
                    continue;
                };
                let label = escape_html(&source.label());
                let name = if fits(&source.document.text, m.span) {
                    format!(
                        "<a class=\"source\" href=\"#{}\">{label}</a>",
                        mark_id(m.document, m.span)
                    )
                } else {
                    format!("<span class=\"source\">{label}</span>")
                };
                *out += &format!(
                    "<li>{name}: <q>{}</q></li>\n",
                    escape_html(&one_line(mention_text(analysis, m.document, m.span)))
                );
            }
            *out += "</ul>\n</details>\n</article>\n";
        }
    }
    *out += "</section>\n";
}

fn write_quotes(out: &mut String, analysis: &Analysis) {
    if analysis.quotes.is_empty() {
        return;
    }
    *out += "<section id=\"quotes\">\n<h2>Quotes</h2>\n<ul>\n";
    for q in &analysis.quotes {
        let speaker = q
            .speaker_name
            .as_deref()
            .map(escape_html)
            .unwrap_or_else(|| "speaker not named".to_string());
        *out += &format!(
            "<li><q>{}</q> — <span class=\"source\">{speaker}</span>, in {} source{}: {}",
            escape_html(&one_line(&q.text)),
            q.sources.len(),
            plural(q.sources.len()),
            escape_html(&source_labels(analysis, &q.sources))
        );
        if q.variants.len() > 1 {
            *out += "\n<ul>\n";
            for v in &q.variants {
                *out += &format!(
                    "<li>Wording in {}: <q>{}</q></li>\n",
                    escape_html(&source_labels(analysis, &v.documents)),
                    escape_html(&one_line(&v.text))
                );
            }
            *out += "</ul>\n";
        }
        *out += "</li>\n";
    }
    *out += "</ul>\n</section>\n";
}

/// Each source's stored text in a collapsed `<details>`, with flagged boilerplate greyed and
/// every sentence some event cites wrapped in a `<mark>` whose id the entries link to. The HTML
/// standard has a browser open a closed `<details>` when a link targets an element inside it
/// (Chromium does), so provenance needs no script; where a browser does not, each entry still
/// quotes its sentences in full.
fn write_texts(out: &mut String, analysis: &Analysis) {
    *out += "<section id=\"texts\">\n<h2>Full texts</h2>\n";
    // One pass over the timeline gathers each source's cited sentences, so a large corpus does
    // not walk every event once per source.
    let mut cited: Vec<BTreeSet<Span>> = vec![BTreeSet::new(); analysis.sources.len()];
    for m in analysis.events.iter().flat_map(|e| &e.mentions) {
        if let Some(set) = cited.get_mut(m.document.index()) {
            set.insert(m.span);
        }
    }
    for (s, mut mentions) in analysis.sources.iter().zip(cited) {
        let text = &s.document.text;
        mentions.retain(|m| fits(text, *m));
        let boilerplate: Vec<Span> = s
            .document
            .boilerplate
            .iter()
            .map(|b| b.span)
            .filter(|b| fits(text, *b))
            .collect();
        *out += &format!(
            "<details id=\"text-{}\">\n<summary><span class=\"source\">{}</span> <span class=\"meta\">({}, {} marked sentence{})</span></summary>\n<div class=\"fulltext\">",
            s.id.0,
            escape_html(&s.label()),
            escape_html(&s.document.file),
            mentions.len(),
            plural(mentions.len())
        );
        write_marked_text(out, s.id, text, &mentions, &boilerplate);
        *out += "</div>\n</details>\n";
    }
    *out += "</section>\n";
}

/// Writes `text` escaped, cut at every mention and boilerplate edge. Each piece inside a mention
/// is a `<mark>`, and the piece where a mention starts carries that mention's id, so every link
/// from the timeline has its target even where marks touch or overlap.
fn write_marked_text(
    out: &mut String,
    document: ArticleId,
    text: &str,
    mentions: &BTreeSet<Span>,
    boilerplate: &[Span],
) {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for s in mentions.iter().chain(boilerplate) {
        cuts.push(s.start);
        cuts.push(s.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let piece = Span::new(pair[0], pair[1]);
        let Some(slice) = text.get(piece.start..piece.end) else {
            continue;
        };
        if slice.is_empty() {
            continue;
        }
        let in_mention = mentions.iter().any(|m| m.contains(piece));
        let in_boilerplate = boilerplate.iter().any(|b| b.contains(piece));
        let starts = mentions.iter().find(|m| m.start == piece.start);
        if in_boilerplate {
            *out += "<span class=\"boilerplate\">";
        }
        match (in_mention, starts) {
            (true, Some(m)) => *out += &format!("<mark id=\"{}\">", mark_id(document, *m)),
            (true, None) => *out += "<mark>",
            _ => {}
        }
        *out += &escape_html(slice);
        if in_mention {
            *out += "</mark>";
        }
        if in_boilerplate {
            *out += "</span>";
        }
    }
}

/// A date band's heading, with the granularity named when it is coarser than a day.
fn band_heading(date: Option<&TimeValue>) -> String {
    match date {
        Some(d) if matches!(d.granularity, Granularity::Day | Granularity::Time) => {
            escape_html(&d.label())
        }
        Some(d) => format!(
            "{} <small>({})</small>",
            escape_html(&d.label()),
            d.granularity.name()
        ),
        None => "Undated".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        text: &str,
        mentions: &[(usize, usize)],
        boilerplate: &[(usize, usize)],
        expect: &str,
    ) {
        let mentions: BTreeSet<Span> = mentions.iter().map(|&(a, b)| Span::new(a, b)).collect();
        let boilerplate: Vec<Span> = boilerplate.iter().map(|&(a, b)| Span::new(a, b)).collect();
        let mut out = String::new();
        write_marked_text(&mut out, ArticleId(2), text, &mentions, &boilerplate);
        assert_eq!(out, expect);
    }

    #[test]
    fn marks_sentences_with_anchors_and_escapes_the_rest() {
        check(
            "A <b>. Two. Three.",
            &[(0, 6), (7, 11)],
            &[],
            "<mark id=\"m2-0\">A &lt;b&gt;.</mark> <mark id=\"m2-7\">Two.</mark> Three.",
        );
        check(
            "Caption. Said.",
            &[(9, 14)],
            &[(0, 8)],
            "<span class=\"boilerplate\">Caption.</span> <mark id=\"m2-9\">Said.</mark>",
        );
        // Touching and overlapping marks still give every mention its anchor.
        check(
            "OneTwo",
            &[(0, 3), (3, 6), (1, 6)],
            &[],
            "<mark id=\"m2-0\">O</mark><mark id=\"m2-1\">ne</mark><mark id=\"m2-3\">Two</mark>",
        );
    }
}
