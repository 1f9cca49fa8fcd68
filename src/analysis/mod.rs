//! The pure analysis core: files in, articles, dates, cross-references and a timeline out.
//! It must never import a browser crate, read the clock, do I/O or use randomness.

pub mod article;
pub mod temporal;
pub mod timevalue;

pub use article::{ArticleId, Boilerplate, Diagnostic, Document, Evidence, Field, Published, Severity, Span};
pub use timevalue::{Granularity, TimeValue};
