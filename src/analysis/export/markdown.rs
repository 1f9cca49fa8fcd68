//! The Markdown report: sources with their dating, the timeline banded by date with every
//! source's own sentence under each entry, then the quotes. Article text is escaped so that no
//! file can inject a link, an image, HTML or a block into the report; it must not compute
//! anything the analysis did not.

use super::{
    Analysis, Granularity, TimeValue, conflict_lines, count_line, date_bands, dating_line,
    mention_text, one_line, source_labels, story_title, syndication_line,
};

/// The analysis as a Markdown report a person can read, print or paste: the story's title, the
/// sources (name, title, file, publication date with evidence or estimate with reasoning, copy
/// group), the timeline banded by date at its real granularity with counts, single-source and
/// conflict notes and every supporting sentence with its source's name, then the quotes with
/// speakers and wordings.
pub fn export_markdown(analysis: &Analysis) -> String {
    let mut out = String::new();
    out += &format!("# {}\n\n", escape_markdown(&story_title(analysis)));
    out += &format!(
        "A Crossread timeline of {} source{}: {} event{} and {} quote{}.\n\n",
        analysis.sources.len(),
        plural(analysis.sources.len()),
        analysis.events.len(),
        plural(analysis.events.len()),
        analysis.quotes.len(),
        plural(analysis.quotes.len()),
    );

    out += "## Sources\n\n";
    for s in &analysis.sources {
        let title = s
            .document
            .title
            .as_ref()
            .map(|t| format!(", “{}”", escape_markdown(&t.value)))
            .unwrap_or_default();
        out += &format!(
            "- **{}**{title}, {}\n",
            escape_markdown(&s.label()),
            code_span(&s.document.file)
        );
        out += &format!("  - {}\n", escape_markdown(&dating_line(s)));
        if let Some(line) = syndication_line(analysis, s) {
            out += &format!("  - {}\n", escape_markdown(&line));
        }
    }
    out += "\n## Timeline\n\n";
    for (date, events) in date_bands(analysis) {
        out += &format!("### {}\n\n", band_heading(date));
        for e in events {
            out += &format!("**{}**\n\n", escape_markdown(&e.text));
            let mut notes = count_line(e) + ".";
            if e.single_source {
                notes += " Only one source reports this.";
            }
            out += &notes;
            out += "\n\n";
            for line in conflict_lines(analysis, e) {
                out += &format!("> {}\n\n", escape_markdown(&line));
            }
            for m in &e.mentions {
                let label = analysis
                    .sources
                    .get(m.document.index())
                    .map(|s| (s.label(), s.document.file.as_str()));
                let Some((label, file)) = label else { continue };
                out += &format!(
                    "- **{}** ({}): “{}”\n",
                    escape_markdown(&label),
                    code_span(file),
                    escape_markdown(mention_text(analysis, m.document, m.span))
                );
            }
            out += "\n";
        }
    }

    if !analysis.quotes.is_empty() {
        out += "## Quotes\n\n";
        for q in &analysis.quotes {
            let speaker = q
                .speaker_name
                .as_deref()
                .map(escape_markdown)
                .unwrap_or_else(|| "speaker not named".to_string());
            out += &format!(
                "- “{}” — **{speaker}**, in {} source{}: {}\n",
                escape_markdown(&q.text),
                q.sources.len(),
                plural(q.sources.len()),
                escape_markdown(&source_labels(analysis, &q.sources))
            );
            if q.variants.len() > 1 {
                for v in &q.variants {
                    out += &format!(
                        "  - Wording in {}: “{}”\n",
                        escape_markdown(&source_labels(analysis, &v.documents)),
                        escape_markdown(&v.text)
                    );
                }
            }
        }
        out += "\n";
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A date band's heading: its label, with the granularity named when it is coarser than a day,
/// so that "2018" reads as the whole year rather than a typo.
fn band_heading(date: Option<&TimeValue>) -> String {
    match date {
        Some(d) if matches!(d.granularity, Granularity::Day | Granularity::Time) => d.label(),
        Some(d) => format!("{} ({})", d.label(), d.granularity.name()),
        None => "Undated".to_string(),
    }
}

/// Text as one Markdown inline run that renders as exactly these characters: white space is
/// collapsed to single spaces (so no line of the text can open a block), every character that
/// can start inline markup (emphasis, links, images, raw HTML, entities, code, tables,
/// strike-through, math) is backslash-escaped, and so are the characters that would make a
/// block when the run opens a line or a list item, and those that trigger bare-URL and e-mail
/// autolinks.
fn escape_markdown(text: &str) -> String {
    let text = one_line(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // The digits an ordered-list marker would start with: "1." or "12)" opening the run.
    let leading_digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    for (i, &c) in chars.iter().enumerate() {
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '@' | '$' => true,
            '#' | '+' | '-' | '=' => i == 0,
            '.' | ')' => {
                (i > 0 && i == leading_digits)
                    || (c == '.' && i >= 3 && chars[i - 3..i].iter().collect::<String>() == "www")
            }
            ':' => chars.get(i + 1) == Some(&'/') && chars.get(i + 2) == Some(&'/'),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text as a Markdown code span, whose content is never parsed: the fence is one backtick
/// longer than the longest run of backticks inside, and padded when the text touches a backtick.
fn code_span(text: &str) -> String {
    let text = one_line(text);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if text.starts_with('`') || text.ends_with('`') {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &str) {
        assert_eq!(escape_markdown(text), expect, "escaping {text:?}");
    }

    #[test]
    fn escapes_markup_links_html_and_blocks() {
        check("plain words, 2018-07-16.", "plain words, 2018-07-16.");
        check(
            "[click](javascript:alert(1))",
            "\\[click\\](javascript:alert(1))",
        );
        check("![x](http://e.xx/a.png)", "!\\[x\\](http\\://e.xx/a.png)");
        check(
            "<script>alert(1)</script>",
            "\\<script\\>alert(1)\\</script\\>",
        );
        check("&lt;b&gt;", "\\&lt;b\\&gt;");
        check("# heading", "\\# heading");
        check("- item\n# second", "\\- item # second");
        check("12. ordered", "12\\. ordered");
        check("mail me@example.org", "mail me\\@example.org");
        check("see www.example.org", "see www\\.example.org");
        check(
            "*bold* _it_ `code` ~x~ |t|",
            "\\*bold\\* \\_it\\_ \\`code\\` \\~x\\~ \\|t\\|",
        );
        check("a \\ b", "a \\\\ b");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code_span("a.txt"), "`a.txt`");
        assert_eq!(code_span("a`b.txt"), "``a`b.txt``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
    }
}
