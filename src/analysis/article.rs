//! Articles as the analysis sees them: stored text plus metadata, each value with its evidence.
//! This file only defines data; it must not parse or guess anything.

use serde::{Deserialize, Serialize};

use super::timevalue::TimeValue;

/// Identifies one article within an analysis. Ids are dense, starting at 0, in the order
/// the articles are given to [`super::analyze`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub u32);

impl ArticleId {
    /// The id as an index into `Analysis::documents`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A byte range into one stored text.
///
/// Invariant: wherever a `Span` is stored next to a text, `start <= end <= text.len()` and both
/// ends fall on char boundaries of that text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Span {
    /// First byte of the range.
    pub start: usize,
    /// One past the last byte of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The same span moved `by` bytes to the right.
    pub fn shifted(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies wholly inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text this span covers, or "" when the span does not fit `text`.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Where a metadata value came from, so the UI can say "from the line 'Published : 20 Jul 2018'".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// What kind of source held the value, e.g. `date header`, `meta article:published_time`,
    /// `visible text`, `json-ld datePublished`.
    pub source: String,
    /// The raw text the value was read from, as it appeared in the file.
    pub raw: String,
    /// The byte range of `raw` in the original file (after decoding to UTF-8), when known.
    pub file_span: Option<Span>,
}

/// A metadata value with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub evidence: Evidence,
}

/// A date candidate found in a file and not chosen as the publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedDate {
    /// The candidate's value.
    pub date: TimeValue,
    /// Where it was found.
    pub evidence: Evidence,
    /// Why it lost, in plain language.
    pub reason: String,
}

/// The publication date of an article, with the evidence that chose it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// The chosen date.
    pub date: TimeValue,
    /// Where it came from.
    pub evidence: Evidence,
    /// Other candidates that were found and not used.
    pub rejected: Vec<RejectedDate>,
}

/// A stretch of the stored text flagged as boilerplate (share prompts, captions, credits...).
/// It stays in the text so offsets hold; the reader shows it greyed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Boilerplate {
    /// The flagged bytes of the stored text.
    pub span: Span,
    /// Why it was flagged, in plain language ("photo credit", "share prompt").
    pub reason: String,
}

/// One article parsed out of a file, before it joins an analysis.
///
/// Invariant: every span in `boilerplate` is a valid char-boundary range of `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The file name as given (for a cluster file, one file yields several documents).
    pub file: String,
    /// Position of this document within its file (0 for single-article files).
    pub part: u32,
    /// The headline.
    pub title: Option<Field<String>>,
    /// The publishing outlet.
    pub outlet: Option<Field<String>>,
    /// Authors, from the byline or metadata.
    pub authors: Vec<Field<String>>,
    /// The publication date, when the file gives one.
    pub published: Option<Published>,
    /// The language the page declares (`<html lang>`, `og:locale`), as written there, e.g. `en-GB`.
    pub language: Option<Field<String>>,
    /// The stored text: title lines and main text, boilerplate included but flagged.
    pub text: String,
    /// Flagged stretches of `text`.
    pub boilerplate: Vec<Boilerplate>,
}

impl Document {
    /// A document with only text, and no metadata yet.
    pub fn from_text(file: &str, part: u32, text: String) -> Document {
        Document {
            file: file.to_string(),
            part,
            title: None,
            outlet: None,
            authors: Vec::new(),
            published: None,
            language: None,
            text,
            boilerplate: Vec::new(),
        }
    }

    /// True when the byte range `span` of the text lies inside flagged boilerplate.
    pub fn is_boilerplate(&self, span: Span) -> bool {
        self.boilerplate.iter().any(|b| b.span.contains(span))
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file could not be used at all.
    Error,
    /// The file was used, but something in it was odd or skipped.
    Warning,
}

/// A plain-language message about one file. Messy input is normal: diagnostics travel beside
/// the data instead of aborting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The file the message is about.
    pub file: String,
    /// How serious it is.
    pub severity: Severity,
    /// The message, written for the user.
    pub message: String,
}

impl Diagnostic {
    /// A message saying the file could not be used.
    pub fn error(file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A message about something odd in a file that was still used.
    pub fn warning(file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_string(),
            severity: Severity::Warning,
            message: message.into(),
        }
    }
}
