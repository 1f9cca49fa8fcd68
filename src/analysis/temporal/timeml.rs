//! Reads TimeML (`.tml`) documents as TempEval-3 distributes them: the text of `<TEXT>` with
//! every tag stripped, the document creation time, and the gold TIMEX3 annotations as byte
//! spans into that plain text. It parses strings only; it must not read files.

use jiff::civil::Date;

use super::TimexType;
use crate::analysis::Span;

/// One gold temporal expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    /// The byte range in [`TimemlDoc::text`].
    pub span: Span,
    /// The annotated type.
    pub kind: TimexType,
    /// The annotated value.
    pub value: String,
    /// The annotated modifier, if any.
    pub modifier: Option<String>,
}

/// A TimeML document reduced to what the tagger is scored on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimemlDoc {
    /// The contents of `<TEXT>` with tags removed and entities decoded.
    pub text: String,
    /// The document creation time, from the TIMEX3 with `functionInDocument="CREATION_TIME"`.
    pub dct: Option<Date>,
    /// The gold TIMEX3 annotations inside `<TEXT>`, in text order.
    pub gold: Vec<GoldTimex>,
}

/// A TIMEX3 start tag seen but not yet closed: where it starts, type, value and modifier.
type OpenTimex = (usize, TimexType, String, Option<String>);

/// A TimeML document as the plain-text article a reader would drop: a ` date YYYY-MM-DD` header
/// line when the document has a creation time, then the text of its `<TEXT>` element. This lets
/// a story that several agencies tell in the TempEval corpora be analysed like dropped files.
pub fn timeml_article_text(source: &str) -> String {
    let doc = read_timeml(source);
    let header = doc.dct.map(|d| format!(" date {d}\n")).unwrap_or_default();
    format!("{header}{}\n", doc.text.trim())
}

/// Reads one TimeML document. Missing parts give an empty text or no DCT, never a failure.
pub fn read_timeml(source: &str) -> TimemlDoc {
    let dct = find_dct(source);
    let body = match (source.find("<TEXT>"), source.rfind("</TEXT>")) {
        (Some(a), Some(b)) if a + 6 <= b => &source[a + 6..b],
        _ => "",
    };
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut open: Vec<Option<OpenTimex>> = Vec::new();
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut text, &rest[..lt]);
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = &after[1..gt];
        rest = &after[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            if name.trim() == "TIMEX3"
                && let Some(Some((start, kind, value, modifier))) = open.pop()
            {
                gold.push(GoldTimex {
                    span: Span::new(start, text.len()),
                    kind,
                    value,
                    modifier,
                });
            }
            continue;
        }
        if tag.starts_with("TIMEX3") && !tag.ends_with('/') {
            let kind = attr(tag, "type").and_then(TimexType::from_name);
            let value = attr(tag, "value").unwrap_or_default().to_string();
            let modifier = attr(tag, "mod").map(str::to_string);
            open.push(kind.map(|k| (text.len(), k, value, modifier)));
        }
    }
    push_decoded(&mut text, rest);
    gold.sort_by_key(|g| (g.span.start, g.span.end));
    TimemlDoc { text, dct, gold }
}

fn find_dct(source: &str) -> Option<Date> {
    let mut rest = source;
    while let Some(at) = rest.find("<TIMEX3") {
        let tag_end = rest[at..].find('>').map(|e| at + e)?;
        let tag = &rest[at + 1..tag_end];
        if attr(tag, "functionInDocument") == Some("CREATION_TIME") {
            let value = attr(tag, "value")?;
            return value.get(..10).and_then(|v| v.parse().ok());
        }
        rest = &rest[tag_end..];
    }
    None
}

/// The value of attribute `name` in the inside of a tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before_ok = at == 0 || rest[..at].ends_with(char::is_whitespace);
        let after = rest[at + name.len()..].trim_start();
        if before_ok && let Some(after) = after.strip_prefix('=') {
            let after = after.trim_start();
            let quote = after.chars().next()?;
            if quote == '"' || quote == '\'' {
                let inner = &after[1..];
                return inner.find(quote).map(|e| &inner[..e]);
            }
        }
        rest = &rest[at + name.len()..];
    }
    None
}

fn push_decoded(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let entities = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&apos;", '\''),
        ];
        match entities.iter().find(|(e, _)| after.starts_with(e)) {
            Some((e, c)) => {
                out.push(*c);
                rest = &after[e.len()..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(source: &str, expect: &str) {
        let doc = read_timeml(source);
        let mut got = format!("{:?}|{}", doc.dct.map(|d| d.to_string()), doc.text);
        for g in &doc.gold {
            got.push_str(&format!(
                "|{}={} {}",
                g.span.slice(&doc.text),
                g.kind.name(),
                g.value
            ));
        }
        assert_eq!(got, expect);
    }

    #[test]
    fn reads_text_dct_and_gold() {
        check(
            r#"<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>A <EVENT eid="e1">bad</EVENT> <TIMEX3 tid="t1" type="DURATION" value="P1W">week</TIMEX3> &amp; more.</TEXT>"#,
            r#"Some("1998-01-08")|A bad week & more.|week=DURATION P1W"#,
        );
        check(
            "<TEXT>unclosed <TIMEX3 type=\"DATE\" value=\"1\">x",
            "None|",
        );
        check("no text at all", "None|");
    }
}
