//! App state: the files the user gave, the analysis of their documents, and what the reader
//! shows. Adding files re-runs the pure analysis; nothing here computes analysis results itself.

use std::sync::Arc;

use leptos::prelude::*;

use crate::analysis::ingest::{IngestConfig, human_size, ingest_file};
use crate::analysis::{
    Analysis, ArticleId, Config, Diagnostic, Document, EventId, Severity, Span, analyze,
};
use crate::web;

/// The status of one file the user gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileStatus {
    /// Still being read.
    Reading,
    /// Read: the documents it yielded, and any warnings.
    Parsed {
        documents: usize,
        warnings: Vec<String>,
    },
    /// Not usable, with the reason.
    Failed(String),
}

/// One file the user gave, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// A number unique within the session, for keyed lists.
    pub key: u32,
    /// The name as given (a path inside a dropped folder).
    pub name: String,
    /// What became of it.
    pub status: FileStatus,
}

/// What the reader pane shows: one source, the mention opened, and the event's other mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderTarget {
    /// The source shown.
    pub document: ArticleId,
    /// The event whose mention was opened, if any.
    pub event: Option<EventId>,
    /// The span highlighted as current.
    pub current: Option<Span>,
}

/// How long the last analysis took, as the user experienced it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timing {
    /// Articles analysed.
    pub articles: usize,
    /// Milliseconds from the files arriving to the analysis being ready.
    pub millis: f64,
}

/// The app's shared state, provided as context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Every file given, with its status.
    pub files: RwSignal<Vec<SourceFile>>,
    /// The documents parsed so far, in the order given.
    pub documents: RwSignal<Vec<Document>>,
    /// The current analysis.
    pub analysis: RwSignal<Option<Arc<Analysis>>>,
    /// What the reader shows.
    pub reader: RwSignal<Option<ReaderTarget>>,
    /// The last analysis' timing.
    pub timing: RwSignal<Option<Timing>>,
    next_key: RwSignal<u32>,
}

impl AppState {
    /// Empty state.
    pub fn new() -> AppState {
        AppState {
            files: RwSignal::new(Vec::new()),
            documents: RwSignal::new(Vec::new()),
            analysis: RwSignal::new(None),
            reader: RwSignal::new(None),
            timing: RwSignal::new(None),
            next_key: RwSignal::new(0),
        }
    }

    /// Registers a file as being read and returns its key.
    fn start_file(&self, name: &str) -> u32 {
        let key = self.next_key.get_untracked();
        self.next_key.set(key + 1);
        self.files.update(|f| {
            f.push(SourceFile {
                key,
                name: name.to_string(),
                status: FileStatus::Reading,
            })
        });
        key
    }

    fn finish_file(&self, key: u32, status: FileStatus) {
        self.files.update(|files| {
            if let Some(f) = files.iter_mut().find(|f| f.key == key) {
                f.status = status;
            }
        });
    }

    /// Reads the given browser files, then re-analyses everything.
    pub fn add_dropped(&self, files: Vec<web::DroppedFile>) {
        let state = *self;
        let keys: Vec<(u32, web::DroppedFile)> = files
            .into_iter()
            .map(|f| (state.start_file(&f.name), f))
            .collect();
        leptos::task::spawn_local(async move {
            let started = web::now_ms();
            let config = IngestConfig::default();
            let mut new_docs = Vec::new();
            for (key, file) in keys {
                let status = match web::read_bytes(&file.file, config.max_file_bytes).await {
                    Ok(Ok(bytes)) => ingest_one(&file.name, &bytes, &config, &mut new_docs),
                    Ok(Err(size)) => FileStatus::Failed(format!(
                        "The file is {} and larger than the limit of {}, so it was not read.",
                        human_size(size),
                        human_size(config.max_file_bytes)
                    )),
                    Err(e) => FileStatus::Failed(e.to_string()),
                };
                state.finish_file(key, status);
            }
            state.add_documents(new_docs, started);
        });
    }

    /// Adds files already in memory (the sample, pasted text), then re-analyses everything.
    pub fn add_bytes(&self, files: Vec<(String, Vec<u8>)>) {
        let started = web::now_ms();
        let config = IngestConfig::default();
        let mut new_docs = Vec::new();
        for (name, bytes) in files {
            let key = self.start_file(&name);
            let status = ingest_one(&name, &bytes, &config, &mut new_docs);
            self.finish_file(key, status);
        }
        self.add_documents(new_docs, started);
    }

    fn add_documents(&self, new_docs: Vec<Document>, started: f64) {
        if new_docs.is_empty() {
            return;
        }
        self.documents.update(|d| d.extend(new_docs));
        self.reanalyse(started);
        self.reader.set(None);
    }

    /// Analyses every document again, publishes the result and its timing, and returns it.
    fn reanalyse(&self, started: f64) -> Arc<Analysis> {
        let analysis = Arc::new(
            self.documents
                .with_untracked(|docs| analyze(docs, &Config::default())),
        );
        self.analysis.set(Some(analysis.clone()));
        self.timing.set(Some(Timing {
            articles: analysis.sources.len(),
            millis: web::now_ms() - started,
        }));
        analysis
    }

    /// Turns one flagged boilerplate stretch of a source back into body text and re-analyses,
    /// keeping the reader on that source with the restored text highlighted.
    pub fn restore_boilerplate(&self, document: ArticleId, span: Span) {
        let Some(analysis) = self.analysis.get_untracked() else {
            return;
        };
        let Some(source) = analysis.sources.get(document.index()) else {
            return;
        };
        let (file, part) = (source.document.file.clone(), source.document.part);
        let started = web::now_ms();
        self.documents.update(|docs| {
            for doc in docs.iter_mut().filter(|d| d.file == file && d.part == part) {
                doc.boilerplate.retain(|b| b.span != span);
            }
        });
        let analysis = self.reanalyse(started);
        // Find the source again by file and part: ids follow the canonical document order.
        let id = analysis
            .sources
            .iter()
            .find(|s| s.document.file == file && s.document.part == part)
            .map(|s| s.id)
            .unwrap_or(document);
        self.reader.set(Some(ReaderTarget {
            document: id,
            event: None,
            current: Some(span),
        }));
    }

    /// Forgets every file.
    pub fn clear(&self) {
        self.files.set(Vec::new());
        self.documents.set(Vec::new());
        self.analysis.set(None);
        self.reader.set(None);
        self.timing.set(None);
    }
}

/// Reads one file's bytes into `out` and says what became of it.
fn ingest_one(
    name: &str,
    bytes: &[u8],
    config: &IngestConfig,
    out: &mut Vec<Document>,
) -> FileStatus {
    let outcome = ingest_file(name, bytes, config);
    let message = |d: &Diagnostic| d.message.clone();
    if outcome.documents.is_empty() {
        let reason = outcome
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
            .map(message)
            .unwrap_or_else(|| "No article was found in the file.".to_string());
        return FileStatus::Failed(reason);
    }
    let warnings = outcome.diagnostics.iter().map(message).collect();
    let documents = outcome.documents.len();
    out.extend(outcome.documents);
    FileStatus::Parsed {
        documents,
        warnings,
    }
}
