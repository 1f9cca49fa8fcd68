//! Every export format over the seeds, as a user opening the file would check it: every event is
//! there with its date, every source's sentence is quoted verbatim beside the source's name, the
//! file parses in the tool it is meant for, and a hostile article cannot inject markup, links or
//! spreadsheet formulas.

use crossread::analysis::export::{
    export_csv, export_html_report, export_json, export_markdown, export_timelinejs,
};
use crossread::analysis::ingest::{IngestConfig, ingest_file};
use crossread::analysis::{Analysis, Config, Event, analyze};
use serde_json::Value;

use crate::schema::{export_schema, validate};
use crate::timeline::analyse_seeds;

/// A file built to break out of every format: markup, an attribute break-out, script and
/// formula-looking text, in its name, its headline and a dated sentence.
fn hostile_analysis() -> Analysis {
    let name = "=cmd|' /C calc'!A0 \"><img src=x onerror=alert(1)>.txt";
    let text = " date 2018-07-20 <script>alert('head')</script> [Breaking](javascript:alert(1))\n\n\
        =HYPERLINK(\"http://evil.example\",\"x\") met on Monday, said <script>alert(1)</script> and \"><img src=x onerror=alert(2)> with [a link](javascript:alert(3)) & <b>bold</b>, www.evil.example, me@evil.example.\n\n\
        # Not a heading: on Tuesday - the <iframe src=\"http://evil.example\"></iframe> mayor left.\n";
    let documents = ingest_file(name, text.as_bytes(), &IngestConfig::default()).documents;
    let analysis = analyze(&documents, &Config::default());
    assert!(
        analysis.events.len() >= 2,
        "the hostile file must give dated events, else the test checks nothing: {:?}",
        analysis.events
    );
    assert!(
        analysis
            .events
            .iter()
            .any(|e| e.text.contains("<script>alert(1)</script>")),
        "the hostile sentence must reach the timeline as written"
    );
    analysis
}

/// The sentence of one mention, with white space collapsed as the reports print it.
fn sentences(analysis: &Analysis, event: &Event) -> Vec<(String, String)> {
    event
        .mentions
        .iter()
        .map(|m| {
            let source = &analysis.sources[m.document.index()];
            let text = m.span.slice(&source.document.text);
            (source.label(), one_line(text))
        })
        .collect()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unescape_html(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

// ---- JSON and its schema ----

#[test]
fn json_export_of_the_seeds_matches_the_checked_in_schema() {
    let schema = export_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let json: Value = serde_json::from_str(&export_json(&analyse_seeds())).unwrap();
    assert_eq!(validate(&schema, &json), Vec::<String>::new());
    let hostile: Value = serde_json::from_str(&export_json(&hostile_analysis())).unwrap();
    assert_eq!(validate(&schema, &hostile), Vec::<String>::new());
}

#[test]
fn schema_rejects_exports_that_drift_from_the_readme() {
    let schema = export_schema();
    let json: Value = serde_json::from_str(&export_json(&analyse_seeds())).unwrap();
    let broken = |edit: &dyn Fn(&mut Value)| {
        let mut copy = json.clone();
        edit(&mut copy);
        validate(&schema, &copy)
    };
    let errors = broken(&|j| {
        j["events"][0].as_object_mut().unwrap().remove("date_label");
    });
    assert!(
        errors
            .iter()
            .any(|e| e.contains("/events/0") && e.contains("date_label")),
        "{errors:?}"
    );
    let errors = broken(&|j| j["documents"][1]["title"] = Value::from(5));
    assert!(
        errors.iter().any(|e| e.starts_with("/documents/1/title")),
        "{errors:?}"
    );
    let errors = broken(&|j| j["events"][2]["date"]["granularity"] = Value::from("fortnight"));
    assert!(
        errors.iter().any(|e| e.starts_with("/events/2/date")),
        "{errors:?}"
    );
    let errors = broken(&|j| j["events"][0]["mentions"][0]["surprise"] = Value::from(1));
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("/events/0/mentions/0/surprise")),
        "{errors:?}"
    );
    let errors = broken(&|j| j["events"][0]["mentions"] = Value::Array(vec![]));
    assert!(!errors.is_empty(), "an event needs a mention");
    let errors = broken(&|j| j["schema"] = Value::from(2));
    assert!(
        errors.iter().any(|e| e.starts_with("/schema")),
        "{errors:?}"
    );
    let errors = broken(&|j| j["documents"][0]["published"] = Value::from("2018-07-20"));
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("/documents/0/published")),
        "{errors:?}"
    );
}

#[test]
fn schema_checker_refuses_keywords_it_does_not_check() {
    let schema: Value = serde_json::json!({"type": "string", "pattern": "^a"});
    let errors = validate(&schema, &Value::from("b"));
    assert!(
        errors.iter().any(|e| e.contains("\"pattern\"")),
        "{errors:?}"
    );
}

// ---- Markdown ----

/// Undoes Markdown backslash escapes, as a renderer shows the text.
fn unescape_markdown(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\'
            && let Some(&next) = chars.peek()
            && next.is_ascii_punctuation()
        {
            out.push(next);
            chars.next();
            continue;
        }
        out.push(c);
    }
    out
}

#[test]
fn markdown_lists_every_event_under_its_date_with_every_sources_sentence() {
    let analysis = analyse_seeds();
    let md = export_markdown(&analysis);
    let lines: Vec<String> = md.lines().map(unescape_markdown).collect();
    assert!(lines[0].starts_with("# "), "{}", lines[0]);
    assert!(md.contains("## Sources") && md.contains("## Timeline") && md.contains("## Quotes"));
    for s in &analysis.sources {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("- **{}**", s.label()))
                    && l.contains(&s.document.file)),
            "source {} is listed",
            s.label()
        );
    }
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Published Friday 20 July 2018 (from the published line")),
        "the Xinhua source shows its date with evidence"
    );
    let mut band = String::new();
    let mut found = 0;
    let mut i = 0;
    for e in &analysis.events {
        // Events come in timeline order, each under the heading of its own date.
        while i < lines.len() && lines[i] != format!("**{}**", one_line(&e.text)) {
            if let Some(h) = lines[i].strip_prefix("### ") {
                band = h.to_string();
            }
            i += 1;
        }
        assert!(i < lines.len(), "event {:?} is in the report", e.text);
        assert!(
            band.starts_with(&e.date_label()),
            "event on {} sits under {band}",
            e.date_value()
        );
        let counts = format!(
            "{} source{}, {} independent.",
            e.sources.len(),
            if e.sources.len() == 1 { "" } else { "s" },
            e.independent_sources
        );
        assert!(lines[i + 2].starts_with(&counts), "{}", lines[i + 2]);
        assert_eq!(
            lines[i + 2].contains("Only one source reports this."),
            e.single_source
        );
        for (label, sentence) in sentences(&analysis, e) {
            assert!(
                lines[i + 1..]
                    .iter()
                    .take_while(|l| !l.starts_with("### ") && !l.starts_with("**"))
                    .any(|l| l.starts_with(&format!("- **{label}**"))
                        && l.ends_with(&format!(": “{sentence}”"))),
                "the {label} sentence of {:?} is quoted: {sentence}",
                e.text
            );
        }
        found += 1;
        i += 1;
    }
    assert_eq!(found, analysis.events.len());
    assert!(md.contains("### autumn 2018 (season)"));
    assert!(md.contains("### Monday 16 July 2018\n"));
}

#[test]
fn markdown_quotes_carry_speakers() {
    let analysis = analyse_seeds();
    let md = unescape_markdown(&export_markdown(&analysis));
    let named = analysis
        .quotes
        .iter()
        .find(|q| q.speaker_name.is_some())
        .expect("the seeds quote a named speaker");
    let name = named.speaker_name.as_deref().unwrap();
    assert!(
        md.contains(&format!(
            "- “{}” — **{name}**, in",
            named.text.split_whitespace().collect::<Vec<_>>().join(" ")
        )),
        "quote by {name} is listed"
    );
}

#[test]
fn markdown_from_a_hostile_file_renders_no_html_link_image_or_heading() {
    use pulldown_cmark::{Event as Md, Options, Parser, Tag};
    let analysis = hostile_analysis();
    let md = export_markdown(&analysis);
    let mut text = String::new();
    let mut headings = 0;
    // Smart punctuation would turn the article's straight quotes into curly ones.
    let options = Options::all() - Options::ENABLE_SMART_PUNCTUATION;
    for event in Parser::new_ext(&md, options) {
        match event {
            Md::Html(h) | Md::InlineHtml(h) => panic!("raw HTML reaches the renderer: {h}"),
            Md::Start(Tag::Link { dest_url, .. }) => panic!("a link to {dest_url}"),
            Md::Start(Tag::Image { dest_url, .. }) => panic!("an image from {dest_url}"),
            Md::Start(Tag::Heading { .. }) => headings += 1,
            Md::Text(t) | Md::Code(t) => text += &t,
            _ => {}
        }
    }
    // The title, Sources, Timeline and one heading per date band; none from the article.
    let bands = analysis
        .events
        .iter()
        .map(|e| e.date_value())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let quotes = usize::from(!analysis.quotes.is_empty());
    assert_eq!(headings, 3 + bands + quotes, "{md}");
    // What the reader sees is the article's own characters.
    assert!(
        text.contains("said <script>alert(1)</script> and \"><img src=x onerror=alert(2)>"),
        "{text}"
    );
    assert!(
        text.contains("[a link](javascript:alert(3)) & <b>bold</b>"),
        "{text}"
    );
}

// ---- HTML ----

/// Every tag of the report, as (name, attributes), read by a scanner that only has to be right
/// about the report's own markup: a `<` in article text would show up as an unknown tag.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let close = after.find('>').expect("every tag closes");
        let inner = &after[..close];
        rest = &after[close + 1..];
        let (name, mut attrs_text) = inner.split_once(' ').unwrap_or((inner, ""));
        let mut attrs = Vec::new();
        while !attrs_text.trim().is_empty() {
            attrs_text = attrs_text.trim_start();
            let (key, after_key) = attrs_text
                .split_once('=')
                .map(|(k, a)| (k, Some(a)))
                .unwrap_or((attrs_text, None));
            if key.contains(' ') || after_key.is_none() {
                let (flag, tail) = attrs_text.split_once(' ').unwrap_or((attrs_text, ""));
                attrs.push((flag.to_string(), String::new()));
                attrs_text = tail;
                continue;
            }
            let value_text = after_key.unwrap();
            let value_text = value_text
                .strip_prefix('"')
                .expect("attribute values are quoted");
            let end = value_text.find('"').expect("attribute values close");
            attrs.push((key.to_string(), value_text[..end].to_string()));
            attrs_text = &value_text[end + 1..];
        }
        tags.push((name.to_ascii_lowercase(), attrs));
    }
    tags
}

const REPORT_TAGS: &[&str] = &[
    "!doctype", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3",
    "small", "p", "nav", "a", "section", "ol", "ul", "li", "span", "q", "br", "article", "details",
    "summary", "div", "mark",
];
const REPORT_ATTRIBUTES: &[&str] = &[
    "lang",
    "charset",
    "http-equiv",
    "content",
    "name",
    "class",
    "id",
    "href",
    "open",
];

fn assert_only_report_markup(html: &str) {
    let style = html.find("<style>").unwrap();
    let style_end = html.find("</style>").unwrap();
    assert!(
        !html[style..style_end].contains("url("),
        "the CSS loads nothing"
    );
    assert!(
        !html[style..style_end].contains("@import"),
        "the CSS loads nothing"
    );
    for (name, attrs) in tags(html) {
        let bare = name.trim_start_matches('/');
        assert!(REPORT_TAGS.contains(&bare), "unexpected tag <{name}>");
        for (key, value) in attrs {
            if name == "!doctype" {
                continue;
            }
            assert!(
                REPORT_ATTRIBUTES.contains(&key.as_str()),
                "unexpected attribute {key}={value:?} on <{name}>"
            );
            if key == "href" {
                assert!(value.starts_with('#'), "a link leaves the page: {value}");
            }
        }
    }
}

#[test]
fn html_report_links_every_sentence_to_its_mark_in_the_full_text() {
    let analysis = analyse_seeds();
    let html = export_html_report(&analysis);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_only_report_markup(&html);
    assert!(html.contains("@media (prefers-color-scheme: dark)"));
    assert!(html.contains("@media print"));
    for e in &analysis.events {
        let start = html
            .find(&format!(
                "<article class=\"event\" id=\"event-{}\">",
                e.id.0
            ))
            .unwrap_or_else(|| panic!("event {} has an entry", e.id.0));
        let entry = &html[start..start + html[start..].find("</article>").unwrap()];
        assert!(
            entry.contains(&format!(
                "<p class=\"lead\">{}</p>",
                escape_html(&one_line(&e.text))
            )),
            "{entry}"
        );
        for (m, (label, sentence)) in e.mentions.iter().zip(sentences(&analysis, e)) {
            let id = format!("m{}-{}", m.document.0, m.span.start);
            assert!(
                entry.contains(&format!(
                    "<a class=\"source\" href=\"#{id}\">{}</a>: <q>{}</q>",
                    escape_html(&label),
                    escape_html(&sentence)
                )),
                "the {label} sentence is quoted and linked in {entry}"
            );
            // The target holds the sentence exactly as the file has it.
            let text = m
                .span
                .slice(&analysis.sources[m.document.index()].document.text);
            assert!(
                html.contains(&format!("<mark id=\"{id}\">{}</mark>", escape_html(text))),
                "mark {id} holds the sentence"
            );
            assert_eq!(
                html.matches(&format!("id=\"{id}\"")).count(),
                1,
                "ids are unique"
            );
        }
    }
    for s in &analysis.sources {
        assert!(html.contains(&format!("<details id=\"text-{}\">", s.id.0)));
    }
    assert!(html.contains("<h3>autumn 2018 <small>(season)</small></h3>"));
}

#[test]
fn html_report_of_a_hostile_file_escapes_everything() {
    let analysis = hostile_analysis();
    let html = export_html_report(&analysis);
    assert_only_report_markup(&html);
    // The tag scanner above already refuses any tag or attribute the report does not write;
    // these name the attacks outright.
    for needle in ["<script", "<img", "<iframe", "<b>", "href=\"javascript"] {
        assert!(!html.contains(needle), "{needle} appears unescaped");
    }
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    assert!(unescape_html(&html).contains("\"><img src=x onerror=alert(1)>.txt"));
}

// ---- TimelineJS ----

#[test]
fn timelinejs_has_a_dated_slide_per_event_with_every_sources_sentence() {
    let analysis = analyse_seeds();
    let tl: Value = serde_json::from_str(&export_timelinejs(&analysis)).unwrap();
    assert!(tl["title"]["text"]["headline"].is_string());
    let title_text = tl["title"]["text"]["text"].as_str().unwrap();
    for s in &analysis.sources {
        assert!(
            title_text.contains(&format!("<li><strong>{}</strong>", escape_html(&s.label()))),
            "the title slide credits {}",
            s.label()
        );
    }
    let events = tl["events"].as_array().unwrap();
    // TimelineJS needs a date on every slide: each dated event is one, the undated background
    // (listed after the dated events) is counted on the title slide instead.
    let dated: Vec<_> = analysis
        .events
        .iter()
        .filter(|e| e.date.is_some())
        .collect();
    let undated = analysis.events.len() - dated.len();
    assert!(undated > 0, "the seeds have undated background");
    assert_eq!(events.len(), dated.len(), "one slide per dated event");
    assert!(
        title_text.contains(&format!("{undated} undated entries are left out")),
        "{title_text}"
    );
    let mut ids = std::collections::BTreeSet::new();
    for (slide, e) in events.iter().zip(dated) {
        let year = slide["start_date"]["year"].as_str().unwrap();
        assert!(year.parse::<i32>().is_ok(), "year {year}");
        assert!(ids.insert(slide["unique_id"].as_str().unwrap().to_string()));
        assert_eq!(slide["display_date"], e.date_label());
        assert_eq!(slide["text"]["headline"], escape_html(&one_line(&e.text)));
        let text = slide["text"]["text"].as_str().unwrap();
        for (label, sentence) in sentences(&analysis, e) {
            assert!(
                text.contains(&format!(
                    "<li><strong>{}</strong>: “{}”</li>",
                    escape_html(&label),
                    escape_html(&sentence)
                )),
                "{label} is credited with its sentence in {text}"
            );
        }
        for key in slide.as_object().unwrap().keys() {
            assert!(
                [
                    "start_date",
                    "end_date",
                    "text",
                    "group",
                    "unique_id",
                    "display_date"
                ]
                .contains(&key.as_str()),
                "{key} is not a TimelineJS slide field"
            );
        }
    }
    let slide_on = |value: &str| {
        let i = analysis
            .events
            .iter()
            .position(|e| e.date_value() == value)
            .unwrap();
        &events[i]
    };
    let day = slide_on("2018-07-16");
    assert_eq!(
        day["start_date"],
        serde_json::json!({"year": "2018", "month": "7", "day": "16"})
    );
    assert!(day.get("end_date").is_none());
    assert_eq!(day["display_date"], "Monday 16 July 2018");
    let autumn = slide_on("2018-FA");
    assert_eq!(
        autumn["start_date"],
        serde_json::json!({"year": "2018", "month": "9", "day": "1"})
    );
    assert_eq!(
        autumn["end_date"],
        serde_json::json!({"year": "2018", "month": "11", "day": "30"})
    );
    assert_eq!(autumn["display_date"], "autumn 2018");
    let july_2007 = slide_on("2007-07");
    assert_eq!(july_2007["end_date"]["day"], "31");
    let year = slide_on("2016");
    assert_eq!(
        year["end_date"],
        serde_json::json!({"year": "2016", "month": "12", "day": "31"})
    );
    let single = analysis
        .events
        .iter()
        .position(|e| e.single_source)
        .unwrap();
    assert_eq!(events[single]["group"], "Single source");
}

#[test]
fn timelinejs_of_a_hostile_file_is_escaped() {
    let analysis = hostile_analysis();
    let out = export_timelinejs(&analysis);
    let tl: Value = serde_json::from_str(&out).unwrap();
    let mut html = String::new();
    html += tl["title"]["text"]["headline"].as_str().unwrap();
    html += tl["title"]["text"]["text"].as_str().unwrap();
    for slide in tl["events"].as_array().unwrap() {
        html += slide["text"]["headline"].as_str().unwrap();
        html += slide["text"]["text"].as_str().unwrap();
        html += slide["display_date"].as_str().unwrap();
    }
    for needle in ["<script", "<img", "<iframe", "<b>", "\"><"] {
        assert!(
            !html.contains(needle),
            "{needle} appears unescaped in {html}"
        );
    }
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
}

// ---- CSV ----

/// Reads RFC 4180 CSV: records end with CRLF, a quoted field may hold commas, CRLF and doubled
/// quotes. Panics on anything else, so a malformed file fails the test.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => {
                    quoted = false;
                    assert!(
                        matches!(chars.peek(), Some(',') | Some('\r') | None),
                        "a closing quote ends its field"
                    );
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            '"' => panic!("a bare quote inside an unquoted field: {field}"),
            ',' => {
                row.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "records end with CRLF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                at_field_start = true;
            }
            '\n' => panic!("a bare LF outside quotes"),
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    assert!(!quoted, "a quoted field never closes");
    assert!(
        field.is_empty() && row.is_empty(),
        "the last record ends with CRLF"
    );
    rows
}

#[test]
fn csv_has_a_row_per_event_and_sentence() {
    let analysis = analyse_seeds();
    let csv = export_csv(&analysis);
    let rows = read_csv(&csv);
    assert_eq!(
        rows[0],
        [
            "event_id",
            "date_value",
            "date_label",
            "granularity",
            "event_text",
            "sources",
            "independent_sources",
            "single_source",
            "conflicts",
            "source",
            "file",
            "mention_start",
            "mention_end",
            "mention_text"
        ]
    );
    let mentions: usize = analysis.events.iter().map(|e| e.mentions.len()).sum();
    assert_eq!(rows.len(), 1 + mentions);
    assert!(
        rows.iter().all(|r| r.len() == 14),
        "every row has 14 fields"
    );
    assert!(csv.contains("\"\""), "quotes inside sentences are doubled");
    let mut i = 1;
    for e in &analysis.events {
        for (m, (label, sentence)) in e.mentions.iter().zip(sentences(&analysis, e)) {
            let row = &rows[i];
            assert_eq!(row[0], e.id.0.to_string());
            // An undated event leaves its three date cells empty.
            let date = e.date.as_ref();
            assert_eq!(row[1], date.map(|d| d.value.clone()).unwrap_or_default());
            assert_eq!(row[2], date.map(|d| d.label()).unwrap_or_default());
            assert_eq!(
                row[3],
                date.map(|d| d.granularity.name()).unwrap_or_default()
            );
            assert_eq!(row[5], e.sources.len().to_string());
            assert_eq!(row[6], e.independent_sources.to_string());
            assert_eq!(row[7], e.single_source.to_string());
            assert_eq!(row[9], label);
            assert_eq!(row[10], analysis.sources[m.document.index()].document.file);
            assert_eq!(row[11], m.span.start.to_string());
            assert_eq!(row[12], m.span.end.to_string());
            assert_eq!(row[13], sentence);
            i += 1;
        }
    }
    let autumn = rows.iter().find(|r| r[1] == "2018-FA").unwrap();
    assert_eq!(
        (autumn[2].as_str(), autumn[3].as_str()),
        ("autumn 2018", "season")
    );
}

#[test]
fn csv_neutralises_formulas_from_a_hostile_file() {
    let analysis = hostile_analysis();
    let rows = read_csv(&export_csv(&analysis));
    assert!(rows.iter().all(|r| r.len() == 14));
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {cell}"
            );
        }
    }
    assert!(
        rows.iter()
            .any(|r| r[13].starts_with("'=HYPERLINK(\"http://evil.example\",\"x\") met on Monday")),
        "the formula sentence is kept, neutralised: {rows:?}"
    );
    assert!(
        rows.iter().skip(1).all(|r| r[10].starts_with("'=cmd|")),
        "{rows:?}"
    );
}
