//! The five exports as a person gets them: clicked in the header, saved by the browser, then
//! opened by the tool each is for. JSON must meet the published schema, TimelineJS JSON must
//! carry what TimelineJS needs for every slide, CSV must parse as RFC 4180, and the Markdown and
//! HTML reports must quote every source's sentence; each must also be byte for byte what the
//! command line writes for the same files.

use std::path::Path;
use std::time::{Duration, Instant};

use crossread::analysis::export::{
    export_csv, export_html_report, export_json, export_markdown, export_timelinejs,
};
use fantoccini::{Client, Locator};
use serde_json::Value;

use crate::browser::{self, PATIENCE};
use crate::native::Native;
use crate::schema::{export_schema, validate};

/// One export: its button, the file it saves, and the command line's output for the same files.
pub struct Format {
    pub button: &'static str,
    pub file: &'static str,
    pub write: fn(&crossread::analysis::Analysis) -> String,
}

pub const FORMATS: [Format; 5] = [
    Format {
        button: "export-json",
        file: "crossread.json",
        write: export_json,
    },
    Format {
        button: "export-markdown",
        file: "crossread.md",
        write: export_markdown,
    },
    Format {
        button: "export-html",
        file: "crossread-report.html",
        write: export_html_report,
    },
    Format {
        button: "export-timelinejs",
        file: "crossread-timelinejs.json",
        write: export_timelinejs,
    },
    Format {
        button: "export-csv",
        file: "crossread.csv",
        write: export_csv,
    },
];

/// Clicks `#button` and returns the bytes of the file the browser saved as `file`.
pub async fn download(client: &Client, browser_name: &str, button: &str, file: &str) -> Vec<u8> {
    let downloads = browser::downloads_dir(browser_name);
    let path = downloads.join(file);
    let _ = std::fs::remove_file(&path);
    client
        .find(Locator::Id(button))
        .await
        .unwrap_or_else(|e| panic!("there is no export button #{button}: {e}"))
        .click()
        .await
        .unwrap();
    wait_for_file(&path, &downloads).await;
    std::fs::read(&path).unwrap()
}

/// Waits until Chromium has saved `path`. It writes the download under a temporary
/// `.crdownload` name, but may create `path` empty beforehand to reserve the name, so the file
/// counts as saved once it has bytes and no partial download is left in the folder. No export is
/// ever empty: each format has at least a header.
pub async fn wait_for_file(path: &Path, downloads: &Path) {
    let started = Instant::now();
    let saved = || {
        let partial = std::fs::read_dir(downloads).is_ok_and(|entries| {
            entries.flatten().any(|e| {
                e.path()
                    .extension()
                    .is_some_and(|x| x == "crdownload" || x == "tmp")
            })
        });
        !partial && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > 0)
    };
    while !saved() {
        assert!(
            started.elapsed() < PATIENCE,
            "no complete, non-empty {} was saved in {}",
            path.display(),
            downloads.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Checks that the downloaded `bytes` of `format` are what the command line writes for the
/// same files, and returns them as text.
pub fn same_as_cli(format: &Format, bytes: &[u8], native: &Native) -> String {
    let text = String::from_utf8(bytes.to_vec())
        .unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", format.file));
    let cli = (format.write)(&native.analysis);
    if text != cli {
        let at = text
            .bytes()
            .zip(cli.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(text.len().min(cli.len()));
        panic!(
            "{} from the app differs from the command line's output for the same files at byte \
             {at}: app {:?}…, command line {:?}…",
            format.file,
            &text[at.min(text.len())..(at + 80).min(text.len())],
            &cli[at.min(cli.len())..(at + 80).min(cli.len())]
        );
    }
    text
}

/// Parses the JSON export and holds it to tests/data/export.schema.json.
pub fn check_json(text: &str) -> Value {
    let export: Value = serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("crossread.json does not parse as JSON: {e}"));
    let errors = validate(&export_schema(), &export);
    assert!(
        errors.is_empty(),
        "crossread.json breaks tests/data/export.schema.json:\n{}",
        errors.join("\n")
    );
    export
}

/// A timeline entry as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct ShownEntry {
    pub date: String,
    pub granularity: String,
    pub label: String,
    pub text: String,
}

/// Checks the TimelineJS file: every slide has what TimelineJS requires (`start_date.year` as a
/// whole number and `text.headline`), and the slides are the dated entries of the page, in order,
/// each with its date and sentence.
pub fn check_timelinejs(text: &str, shown: &[ShownEntry]) {
    let timeline: Value = serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("crossread-timelinejs.json does not parse as JSON: {e}"));
    let slides = timeline["events"]
        .as_array()
        .unwrap_or_else(|| panic!("the TimelineJS file has no events list: {timeline}"));
    for (i, slide) in slides.iter().enumerate() {
        let year = slide["start_date"]["year"]
            .as_str()
            .map(str::to_string)
            .or_else(|| slide["start_date"]["year"].as_i64().map(|y| y.to_string()));
        assert!(
            year.as_deref().is_some_and(|y| y.parse::<i64>().is_ok()),
            "TimelineJS refuses slide {i}: its start_date.year is not a year: {slide}"
        );
        assert!(
            slide["text"]["headline"]
                .as_str()
                .is_some_and(|h| !h.trim().is_empty()),
            "TimelineJS slide {i} has no text.headline: {slide}"
        );
    }
    let dated: Vec<&ShownEntry> = shown.iter().filter(|e| !e.date.is_empty()).collect();
    let summary = |s: &Value| {
        format!(
            "{} {}",
            s["display_date"].as_str().unwrap_or(""),
            s["text"]["headline"].as_str().unwrap_or("")
        )
    };
    assert_eq!(
        slides.len(),
        dated.len(),
        "TimelineJS has {} slides but the page shows {} dated entries: slides {:?}, entries {:?}",
        slides.len(),
        dated.len(),
        slides.iter().map(summary).collect::<Vec<_>>(),
        dated.iter().map(|e| &e.label).collect::<Vec<_>>()
    );
    for (slide, entry) in slides.iter().zip(dated) {
        let year = entry.date.get(..4).unwrap_or("");
        let slide_year = slide["start_date"]["year"].as_str().unwrap_or("");
        assert_eq!(
            slide_year, year,
            "a TimelineJS slide starts in another year than its entry {entry:?}: {slide}"
        );
        assert_eq!(
            slide["display_date"].as_str(),
            Some(entry.label.as_str()),
            "a TimelineJS slide shows another date than its entry: {slide}"
        );
        let headline = unescape_html(slide["text"]["headline"].as_str().unwrap_or(""));
        assert_eq!(
            headline,
            one_line(&entry.text),
            "a TimelineJS headline is not its entry's sentence"
        );
    }
}

/// Parses the CSV export as RFC 4180, checks every row has the header's column count, and that
/// it has one row for every supporting sentence of every event, with the sentence verbatim.
pub fn check_csv(text: &str, export: &Value) {
    let rows = parse_csv(text).unwrap_or_else(|e| panic!("crossread.csv is not RFC 4180: {e}"));
    let header = rows.first().expect("crossread.csv is empty");
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(
            row.len(),
            header.len(),
            "row {i} of crossread.csv has {} columns, the header {}: {row:?}",
            row.len(),
            header.len()
        );
    }
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("crossread.csv has no {name} column: {header:?}"))
    };
    let (date, file, start, end, sentence) = (
        column("date_value"),
        column("file"),
        column("mention_start"),
        column("mention_end"),
        column("mention_text"),
    );
    let documents = export["documents"].as_array().unwrap();
    let mut expected = 0;
    for event in export["events"].as_array().unwrap() {
        for m in event["mentions"].as_array().unwrap() {
            expected += 1;
            let doc = &documents[m["document"].as_u64().unwrap() as usize];
            let found = rows.iter().skip(1).any(|row| {
                row[date] == event["date"]["value"].as_str().unwrap_or("")
                    && row[file] == doc["file"].as_str().unwrap_or("")
                    && row[start].parse::<u64>().ok() == m["start"].as_u64()
                    && row[end].parse::<u64>().ok() == m["end"].as_u64()
                    && row[sentence] == one_line(m["text"].as_str().unwrap_or(""))
            });
            assert!(
                found,
                "crossread.csv has no row for the sentence {} of {} on {}",
                m["text"], doc["file"], event["date"]["value"]
            );
        }
    }
    assert_eq!(
        rows.len() - 1,
        expected,
        "crossread.csv should have one row per supporting sentence"
    );
}

/// Checks the Markdown report quotes every supporting sentence, as a Markdown reader shows it.
pub fn check_markdown(text: &str, export: &Value) {
    let shown = one_line(&unescape_markdown(text));
    for sentence in mention_texts(export) {
        assert!(
            shown.contains(&sentence),
            "crossread.md does not quote the sentence {sentence:?}"
        );
    }
}

/// Checks the HTML report runs no script and quotes every supporting sentence as its text.
pub fn check_html(text: &str, export: &Value) {
    assert!(
        !text.to_ascii_lowercase().contains("<script"),
        "crossread-report.html contains a <script> element"
    );
    let shown = one_line(&unescape_html(&strip_tags(text)));
    for sentence in mention_texts(export) {
        assert!(
            shown.contains(&sentence),
            "crossread-report.html does not show the sentence {sentence:?}"
        );
    }
}

/// Every supporting sentence of every event, on one line.
fn mention_texts(export: &Value) -> Vec<String> {
    export["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["mentions"].as_array().unwrap())
        .map(|m| one_line(m["text"].as_str().unwrap_or("")))
        .collect()
}

/// Text with every run of white space made one space, as the exports write sentences.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses RFC 4180 CSV strictly: records end with CRLF (the last one may not), a field with a
/// quote, comma or line break is quoted, and a quote inside it is doubled.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    loop {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(c) => {
                        if c == '\n' {
                            line += 1;
                        }
                        field.push(c);
                    }
                    None => return Err(format!("line {line}: a quoted field is never closed")),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                match c {
                    ',' | '\r' | '\n' => break,
                    '"' => return Err(format!("line {line}: a quote inside an unquoted field")),
                    c => {
                        field.push(c);
                        chars.next();
                    }
                }
            }
        }
        row.push(field);
        match chars.next() {
            Some(',') => {}
            Some('\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                line += 1;
                rows.push(std::mem::take(&mut row));
                if chars.peek().is_none() {
                    return Ok(rows);
                }
            }
            Some('\n') => return Err(format!("line {line}: a record ends with LF, not CRLF")),
            Some(c) => return Err(format!("line {line}: {c:?} after a closing quote")),
            None => {
                rows.push(row);
                return Ok(rows);
            }
        }
    }
}

/// Markdown text as a reader shows it: a backslash before ASCII punctuation is an escape.
fn unescape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// HTML with its tags taken out; a tag counts as a space, so words never run together.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Decodes the character references the exports write (named ones for markup characters, and
/// numeric ones).
pub fn unescape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn the_csv_reader_follows_rfc_4180() {
    assert_eq!(
        parse_csv("a,\"b,\"\"c\"\"\"\r\n\"x\r\ny\",\r\n").unwrap(),
        vec![vec!["a", "b,\"c\""], vec!["x\r\ny", ""]]
    );
    assert!(parse_csv("a,b\nc,d\r\n").is_err());
    assert!(parse_csv("a,b\"c\r\n").is_err());
    assert!(parse_csv("\"a\"b\r\n").is_err());
    assert_eq!(
        unescape_html("&quot;a&#39;s&quot; &amp; &#x2014;"),
        "\"a's\" & —"
    );
}
