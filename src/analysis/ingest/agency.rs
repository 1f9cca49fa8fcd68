//! Finds the outlet a text names itself in the way wire copy does: a dateline such as
//! "LONDON (Reuters) -" opening a paragraph, or an agency line such as "DF-Xinhua Report". It is
//! the weakest outlet evidence, used only when the file's metadata names none.

use std::sync::LazyLock;

use regex::Regex;

use crate::analysis::article::{Document, Evidence, Field};

/// "LONDON (Reuters) —", "WASHINGTON, July 19 (AP) -": a place in capitals, an optional date,
/// and the agency in brackets, followed by a dash.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used, reason = "a constant pattern covered by the unit tests")]
    Regex::new(r"(?m)^[\p{Lu}][\p{Lu}\p{Lu} .,'’-]{1,40}(?:,[^()\n]{1,30})?\s*\(([\p{Lu}][\w&.-]*(?: [\p{Lu}][\w&.-]*){0,3})\)\s*[-–—]")
        .expect("dateline pattern compiles")
});

/// "DF-Xinhua Report", "Xinhua Report": a short line naming the agency.
static AGENCY_LINE: LazyLock<Regex> = LazyLock::new(|| {
    #[allow(
        clippy::expect_used,
        reason = "a constant pattern covered by the unit tests"
    )]
    Regex::new(r"(?m)^\s*(?:[A-Z]{1,4}-)?([\p{Lu}][\w]+(?: [\p{Lu}][\w]+)?) (?:News )?Reports?\s*$")
        .expect("agency pattern compiles")
});

/// How far into the text a dateline may sit: wire copy opens with it.
const LOOK_AHEAD: usize = 1500;

/// Sets the document's outlet from a dateline or agency line when it has none.
pub fn add_agency_outlet(doc: &mut Document) {
    if doc.outlet.is_some() {
        return;
    }
    let mut end = doc.text.len().min(LOOK_AHEAD);
    while !doc.text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &doc.text[..end];
    let found = DATELINE
        .captures(head)
        .map(|c| ("dateline", c))
        .or_else(|| AGENCY_LINE.captures(head).map(|c| ("agency line", c)));
    if let Some((source, caps)) = found
        && let (Some(whole), Some(name)) = (caps.get(0), caps.get(1))
    {
        doc.outlet = Some(Field {
            value: name.as_str().to_string(),
            evidence: Evidence {
                source: source.to_string(),
                raw: whole.as_str().trim().to_string(),
                file_span: None,
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &str) {
        let mut doc = Document::from_text("t.txt", 0, text.to_string());
        add_agency_outlet(&mut doc);
        let got = doc
            .outlet
            .map(|o| format!("{} ({})", o.value, o.evidence.source))
            .unwrap_or_else(|| "none".into());
        assert_eq!(got, expect, "{text:?}");
    }

    #[test]
    fn reads_wire_datelines_and_agency_lines() {
        check(
            "Headline\n\nLONDON (Reuters) - Britain said on Monday...",
            "Reuters (dateline)",
        );
        check(
            "WASHINGTON, July 19 (AP) — The White House said...",
            "AP (dateline)",
        );
        check(
            "Title\n  DF-Xinhua Report\nU.S. President said...",
            "Xinhua (agency line)",
        );
        check("The summit (which was brief) - as planned - ended.", "none");
        check("He said (AP) - nothing.", "none");
    }
}
