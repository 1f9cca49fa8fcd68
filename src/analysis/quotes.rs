//! Direct quotations: found in each source, attributed to speakers, matched across sources.

use serde::{Deserialize, Serialize};

use super::SourceAnalysis;
use super::article::{ArticleId, Span};
use super::entities::{Entity, EntityId};

/// Identifies one quote within an analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct QuoteId(pub u32);

/// One quotation in one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteMention {
    /// The source.
    pub document: ArticleId,
    /// The quoted words, without the marks.
    pub span: Span,
    /// Who said it.
    pub speaker: Option<EntityId>,
    /// Where the speaker is named.
    pub speaker_span: Option<Span>,
}

/// One wording of a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteVariant {
    /// The wording.
    pub text: String,
    /// The sources that use it.
    pub documents: Vec<ArticleId>,
}

/// A quotation matched across sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Its id.
    pub id: QuoteId,
    /// The longest variant.
    pub text: String,
    /// Who said it.
    pub speaker: Option<EntityId>,
    /// The speaker's name.
    pub speaker_name: Option<String>,
    /// Its wordings.
    pub variants: Vec<QuoteVariant>,
    /// The sources that carry it.
    pub sources: Vec<ArticleId>,
    /// Every mention.
    pub mentions: Vec<QuoteMention>,
}

/// Finds quotes.
pub fn extract_quotes(_sources: &[SourceAnalysis], _entities: &[Entity]) -> Vec<Quote> {
    Vec::new()
}
