//! The CSV export: RFC 4180, one row per (event, supporting sentence), so that a spreadsheet
//! can filter the timeline by source. Cells that a spreadsheet would run as a formula are
//! neutralised. It must not compute anything the analysis did not.

use super::{Analysis, conflict_lines, event_date, mention_text, one_line};

/// The header row, in column order.
const HEADER: [&str; 14] = [
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
    "mention_text",
];

/// The timeline as RFC 4180 CSV: a header row, then one row per event and supporting sentence
/// with the event's id, date value, date label, granularity, representative sentence, source
/// and independent-source counts, single-source flag and conflicts, and the mention's source
/// name, file, byte offsets and sentence. Rows end with CRLF; a field holding a comma, a quote
/// or a line break is quoted, with quotes doubled. A cell that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return (or their full-width forms) gets a leading apostrophe, as OWASP
/// advises, so that no spreadsheet evaluates article text as a formula. Undated events have
/// empty date cells.
pub fn export_csv(analysis: &Analysis) -> String {
    let mut out = String::new();
    write_row(&mut out, HEADER.iter().map(|h| h.to_string()));
    for e in &analysis.events {
        let date = event_date(e);
        let conflicts = conflict_lines(analysis, e).join("; ");
        for m in &e.mentions {
            let source = analysis.sources.get(m.document.index());
            write_row(
                &mut out,
                [
                    e.id.0.to_string(),
                    date.map(|d| d.value.clone()).unwrap_or_default(),
                    date.map(|d| d.label()).unwrap_or_default(),
                    date.map(|d| d.granularity.name().to_string())
                        .unwrap_or_default(),
                    one_line(&e.text),
                    e.sources.len().to_string(),
                    e.independent_sources.to_string(),
                    e.single_source.to_string(),
                    conflicts.clone(),
                    source.map(|s| s.label()).unwrap_or_default(),
                    source.map(|s| s.document.file.clone()).unwrap_or_default(),
                    m.span.start.to_string(),
                    m.span.end.to_string(),
                    one_line(mention_text(analysis, m.document, m.span)),
                ],
            );
        }
    }
    out
}

fn write_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_cell(out, &cell);
    }
    out.push_str("\r\n");
}

/// Characters that make a spreadsheet read a cell as a formula when they open it.
fn starts_formula(cell: &str) -> bool {
    cell.starts_with([
        '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
    ])
}

fn write_cell(out: &mut String, cell: &str) {
    let neutral = if starts_formula(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if neutral.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&neutral.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&neutral);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(cell: &str, expect: &str) {
        let mut out = String::new();
        write_cell(&mut out, cell);
        assert_eq!(out, expect, "cell {cell:?}");
    }

    #[test]
    fn quotes_and_neutralises_cells() {
        check("plain", "plain");
        check("a, b", "\"a, b\"");
        check("say \"hi\"", "\"say \"\"hi\"\"\"");
        check("two\nlines", "\"two\nlines\"");
        check("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"");
        check("+1", "'+1");
        check("-2+3", "'-2+3");
        check("@SUM(A1)", "'@SUM(A1)");
        check("\tx", "'\tx");
        check("＝1+1", "'＝1+1");
        check("a=b", "a=b");
    }
}
