//! One reader's working set: the files given so far, read into documents, and the analysis of
//! them. The browser runs it inside a Web Worker and talks to it through [`Request`] and
//! [`Reply`]; the CLI and tests drive it directly. It stays pure: bytes in, analysis out, with
//! progress reported through a callback rather than read from any clock.

use serde::{Deserialize, Serialize};

use super::article::{Diagnostic, Document, Severity, Span};
use super::ingest::{IngestConfig, human_size, ingest_file};
use super::{Analysis, Config, Corpus};

/// A file handed to the session: the caller's key for it, its name and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingFile {
    /// The caller's key, echoed in the file's [`FileOutcome`].
    pub key: u32,
    /// The name as given (a path inside a dropped folder).
    pub name: String,
    /// The raw bytes, undecoded.
    pub bytes: Vec<u8>,
}

/// What became of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileStatus {
    /// Read: how many articles it yielded, and any warnings about it.
    Parsed {
        /// Articles found in the file.
        documents: usize,
        /// Plain-language warnings, such as a guessed charset.
        warnings: Vec<String>,
    },
    /// Not usable, with the plain-language reason.
    Failed(String),
}

/// The status of one file, under the caller's key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileOutcome {
    /// The key the caller gave with the file.
    pub key: u32,
    /// What became of it.
    pub status: FileStatus,
}

/// Which part of the work is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Reading files into documents.
    Reading,
    /// Analysing all documents together.
    Analysing,
}

/// How far the work has got: `done` of `total` steps of `stage`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The running stage.
    pub stage: Stage,
    /// Steps finished.
    pub done: usize,
    /// Steps in all.
    pub total: usize,
    /// What is being done, for the progress bar's label.
    pub detail: String,
}

/// A message to the session. File bytes travel beside it, in the order of `Add::files`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Read these files, then analyse everything.
    Add {
        /// Each file's key and name; its bytes are the matching entry of the byte list.
        files: Vec<(u32, String)>,
    },
    /// Turn one flagged boilerplate stretch of a document back into body text, then analyse.
    RestoreBoilerplate {
        /// The document's file name.
        file: String,
        /// Its part within the file.
        part: u32,
        /// The flagged span to restore.
        span: Span,
    },
    /// Forget every document.
    Clear,
    /// Read and analyse these files in a scratch session and forget them, changing nothing. The
    /// page sends its built-in sample while the reader is idle, so that the browser has compiled
    /// the engine's code for speed before the first real request rather than during it.
    Rehearse {
        /// Each file's key and name; its bytes are the matching entry of the byte list.
        files: Vec<(u32, String)>,
    },
}

/// A message from the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// Work in progress.
    Progress(Progress),
    /// A request is done: the files it read, and the new analysis as JSON (the wire form of
    /// [`Analysis`]), or none when no document changed.
    Done {
        /// The outcome of every file of the request.
        files: Vec<FileOutcome>,
        /// The analysis, serialised; `None` when nothing changed.
        analysis: Option<String>,
    },
    /// A [`Request::Rehearse`] is done. It reports no progress and nothing else.
    Rehearsed,
}

/// The files given so far, as an incremental [`Corpus`], and how to read them. Adding a file
/// does only that file's own work before the cross-document steps run again.
#[derive(Debug, Clone)]
pub struct Session {
    corpus: Corpus,
    ingest: IngestConfig,
}

impl Default for Session {
    fn default() -> Session {
        Session::new()
    }
}

impl Session {
    /// An empty session with the default options.
    pub fn new() -> Session {
        Session {
            corpus: Corpus::new(Config::default()),
            ingest: IngestConfig::default(),
        }
    }

    /// The documents read so far, in canonical order.
    pub fn documents(&self) -> impl Iterator<Item = &Document> {
        self.corpus.documents()
    }

    /// Reads `files`, reporting each one through `progress`, and returns each file's outcome plus
    /// the analysis of every document so far (`None` when no file yielded a document).
    pub fn add_files(
        &mut self,
        files: Vec<IncomingFile>,
        progress: &mut dyn FnMut(Progress),
    ) -> (Vec<FileOutcome>, Option<Analysis>) {
        let total = files.len();
        let mut outcomes = Vec::with_capacity(total);
        let mut added = Vec::new();
        for (i, file) in files.into_iter().enumerate() {
            if reports_progress(i, total) {
                progress(Progress {
                    stage: Stage::Reading,
                    done: i,
                    total,
                    detail: format!("Reading {}", file.name),
                });
            }
            let (status, documents) = read_file(&file.name, &file.bytes, &self.ingest);
            added.extend(documents);
            outcomes.push(FileOutcome {
                key: file.key,
                status,
            });
        }
        if added.is_empty() {
            return (outcomes, None);
        }
        self.corpus.add_documents(added);
        let analysis = self.analyse(progress);
        (outcomes, Some(analysis))
    }

    /// Restores one flagged boilerplate stretch of the document `file`/`part` as body text and
    /// re-analyses. Returns `None` when no such flagged stretch exists.
    pub fn restore_boilerplate(
        &mut self,
        file: &str,
        part: u32,
        span: Span,
        progress: &mut dyn FnMut(Progress),
    ) -> Option<Analysis> {
        let mut documents = self.corpus.remove_documents(file, part);
        let mut changed = false;
        for doc in &mut documents {
            let before = doc.boilerplate.len();
            doc.boilerplate.retain(|b| b.span != span);
            changed |= doc.boilerplate.len() != before;
        }
        // The documents go back either way; only a changed one is analysed again.
        self.corpus.add_documents(documents);
        changed.then(|| self.analyse(progress))
    }

    /// Forgets every document.
    pub fn clear(&mut self) {
        *self = self.emptied();
    }

    /// A session with the same options and no document.
    fn emptied(&self) -> Session {
        Session {
            corpus: Corpus::new(self.corpus.config().clone()),
            ingest: self.ingest.clone(),
        }
    }

    /// Handles one request with the bytes that came with it, sending progress and the final
    /// reply through `send`.
    pub fn handle(&mut self, request: Request, bytes: Vec<Vec<u8>>, send: &mut dyn FnMut(Reply)) {
        match request {
            Request::Add { files } => {
                let incoming = incoming_files(files, bytes);
                let (files, analysis) = self.add_files(incoming, &mut |p| send(Reply::Progress(p)));
                send(Reply::Done {
                    files,
                    analysis: analysis.as_ref().map(analysis_wire),
                });
            }
            Request::RestoreBoilerplate { file, part, span } => {
                let analysis =
                    self.restore_boilerplate(&file, part, span, &mut |p| send(Reply::Progress(p)));
                send(Reply::Done {
                    files: Vec::new(),
                    analysis: analysis.as_ref().map(analysis_wire),
                });
            }
            Request::Clear => {
                self.clear();
                send(Reply::Done {
                    files: Vec::new(),
                    analysis: None,
                });
            }
            Request::Rehearse { files } => {
                let mut scratch = self.emptied();
                let (_, analysis) = scratch.add_files(incoming_files(files, bytes), &mut |_| {});
                // Every real reply carries the wire form, so it is rehearsed too.
                drop(analysis.as_ref().map(analysis_wire));
                send(Reply::Rehearsed);
            }
        }
    }

    fn analyse(&self, progress: &mut dyn FnMut(Progress)) -> Analysis {
        let count = self.corpus.len();
        progress(Progress {
            stage: Stage::Analysing,
            done: 0,
            total: count,
            detail: format!(
                "Cross-reading {count} article{}",
                if count == 1 { "" } else { "s" }
            ),
        });
        self.corpus.analysis()
    }
}

/// The most reading reports one drop sends: a larger drop is reported once per hundredth, since
/// a thousand replies for a thousand files would cost the page more than the bar is worth.
const PROGRESS_STEPS: usize = 100;

/// Whether reading file `i` of `total` is reported: every file of a drop of up to
/// [`PROGRESS_STEPS`] files, else the first file of each hundredth.
fn reports_progress(i: usize, total: usize) -> bool {
    total <= PROGRESS_STEPS
        || i == 0
        || i * PROGRESS_STEPS / total != (i - 1) * PROGRESS_STEPS / total
}

/// Pairs each (key, name) with its bytes. A missing byte buffer means the caller lost it: the
/// file is then read as empty and reported, not dropped.
fn incoming_files(files: Vec<(u32, String)>, mut bytes: Vec<Vec<u8>>) -> Vec<IncomingFile> {
    bytes.resize(files.len(), Vec::new());
    files
        .into_iter()
        .zip(bytes)
        .map(|((key, name), bytes)| IncomingFile { key, name, bytes })
        .collect()
}

/// Moves a reply's analysis out into a byte buffer, so that it crosses to the page as a
/// transferred buffer instead of a string that is converted on both sides. [`reply_from_parts`]
/// puts it back.
pub fn reply_into_parts(reply: Reply) -> (Reply, Vec<Vec<u8>>) {
    match reply {
        Reply::Done {
            files,
            analysis: Some(wire),
        } => (
            Reply::Done {
                files,
                analysis: None,
            },
            vec![wire.into_bytes()],
        ),
        other => (other, Vec::new()),
    }
}

/// The reply that [`reply_into_parts`] split, or a plain-language reason when the analysis bytes
/// are not the text they were.
pub fn reply_from_parts(reply: Reply, buffers: Vec<Vec<u8>>) -> Result<Reply, String> {
    match (reply, buffers.into_iter().next()) {
        (
            Reply::Done {
                files,
                analysis: None,
            },
            Some(bytes),
        ) => {
            let wire = String::from_utf8(bytes)
                .map_err(|_| "its analysis arrived damaged (not UTF-8)".to_string())?;
            Ok(Reply::Done {
                files,
                analysis: Some(wire),
            })
        }
        (reply, _) => Ok(reply),
    }
}

/// The wire form of an analysis: compact JSON, which [`analysis_from_wire`] reads back.
pub fn analysis_wire(analysis: &Analysis) -> String {
    // Serialising plain data structures to a String cannot fail; an empty string would be
    // refused by the reader with a clear message rather than shown as an empty timeline.
    serde_json::to_string(analysis).unwrap_or_default()
}

/// Reads an analysis from its wire form.
pub fn analysis_from_wire(wire: &str) -> Result<Analysis, String> {
    serde_json::from_str(wire).map_err(|e| format!("The analysis could not be read back: {e}"))
}

/// Reads one file into documents and says what became of it, with a plain-language reason when
/// it yields none.
pub fn read_file(name: &str, bytes: &[u8], config: &IngestConfig) -> (FileStatus, Vec<Document>) {
    if bytes.len() > config.max_file_bytes {
        return (too_large(bytes.len(), config), Vec::new());
    }
    let outcome = ingest_file(name, bytes, config);
    let message = |d: &Diagnostic| d.message.clone();
    if outcome.documents.is_empty() {
        let reason = outcome
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
            .map(message)
            .unwrap_or_else(|| "No article was found in the file.".to_string());
        return (FileStatus::Failed(reason), Vec::new());
    }
    let warnings = outcome.diagnostics.iter().map(message).collect();
    let status = FileStatus::Parsed {
        documents: outcome.documents.len(),
        warnings,
    };
    (status, outcome.documents)
}

/// The status of a file refused for its size before it was read.
pub fn too_large(size: usize, config: &IngestConfig) -> FileStatus {
    FileStatus::Failed(format!(
        "The file is {} and larger than the limit of {}, so it was not read.",
        human_size(size),
        human_size(config.max_file_bytes)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = include_str!("../../tests/data/seeds/003_30b58145e12fbd7b.txt");

    fn run(session: &mut Session, request: Request, bytes: Vec<Vec<u8>>) -> Vec<Reply> {
        let mut replies = Vec::new();
        session.handle(request, bytes, &mut |r| replies.push(r));
        replies
    }

    /// The `done` count of every reading progress report, in order.
    fn files_read(replies: &[Reply]) -> Vec<usize> {
        replies
            .iter()
            .filter_map(|r| match r {
                Reply::Progress(p) if p.stage == Stage::Reading => Some(p.done),
                _ => None,
            })
            .collect()
    }

    /// Adds one file, under `key` and `name`, holding `text`.
    fn add(session: &mut Session, key: u32, name: &str, text: &str) -> Vec<Reply> {
        run(
            session,
            Request::Add {
                files: vec![(key, name.into())],
            },
            vec![text.as_bytes().to_vec()],
        )
    }

    #[test]
    fn every_file_gets_an_outcome_and_progress_counts_up() {
        let mut session = Session::new();
        let replies = run(
            &mut session,
            Request::Add {
                files: vec![(7, "seed.txt".into()), (8, "empty.txt".into())],
            },
            vec![SEED.as_bytes().to_vec(), Vec::new()],
        );
        let reading = files_read(&replies);
        assert_eq!(reading, [0, 1]);
        let Some(Reply::Done { files, analysis }) = replies.last() else {
            panic!("no final reply: {replies:?}");
        };
        assert_eq!(files[0].key, 7);
        assert!(matches!(
            files[0].status,
            FileStatus::Parsed { documents: 1, .. }
        ));
        assert_eq!(files[1].key, 8);
        assert!(
            matches!(&files[1].status, FileStatus::Failed(why) if why.contains("empty")),
            "{:?}",
            files[1].status
        );
        let analysis = analysis_from_wire(analysis.as_deref().unwrap()).unwrap();
        assert_eq!(analysis.sources.len(), 1);
        let documents: Vec<Document> = session.documents().cloned().collect();
        assert_eq!(
            analysis,
            super::super::analyze(&documents, &Config::default())
        );
    }

    #[test]
    fn files_added_one_drop_at_a_time_give_the_analysis_of_all_of_them() {
        const OTHER: &str = include_str!("../../tests/data/seeds/000_2c93c9751dd572a9.txt");
        let mut session = Session::new();
        let mut last = None;
        for (key, (name, text)) in [("b.txt", SEED), ("a.txt", OTHER)].into_iter().enumerate() {
            let replies = add(&mut session, key as u32, name, text);
            if let Some(Reply::Done { analysis, .. }) = replies.last() {
                last = analysis.clone();
            }
        }
        let documents: Vec<Document> = session.documents().cloned().collect();
        assert_eq!(documents.len(), 2);
        let incremental = analysis_from_wire(last.as_deref().unwrap()).unwrap();
        assert_eq!(
            incremental,
            super::super::analyze(&documents, &Config::default())
        );
        assert_eq!(incremental.sources[0].document.file, "a.txt");
    }

    #[test]
    fn a_rehearsal_reads_the_files_but_keeps_nothing_and_reports_no_progress() {
        const OTHER: &str = include_str!("../../tests/data/seeds/000_2c93c9751dd572a9.txt");
        let mut session = Session::new();
        add(&mut session, 1, "b.txt", SEED);
        let replies = run(
            &mut session,
            Request::Rehearse {
                files: vec![(2, "a.txt".into())],
            },
            vec![OTHER.as_bytes().to_vec()],
        );
        assert_eq!(replies, [Reply::Rehearsed]);
        let files: Vec<&str> = session.documents().map(|d| d.file.as_str()).collect();
        assert_eq!(files, ["b.txt"]);
        // The next real request analyses only what was really added.
        let replies = add(&mut session, 3, "c.txt", OTHER);
        let Some(Reply::Done {
            analysis: Some(wire),
            ..
        }) = replies.last()
        else {
            panic!("no analysis: {replies:?}");
        };
        let analysed = analysis_from_wire(wire).unwrap();
        let files: Vec<&str> = analysed
            .sources
            .iter()
            .map(|s| s.document.file.as_str())
            .collect();
        assert_eq!(files, ["b.txt", "c.txt"]);
    }

    #[test]
    fn a_large_drop_reports_reading_once_per_hundredth() {
        let mut session = Session::new();
        let total = 1000;
        let replies = run(
            &mut session,
            Request::Add {
                files: (0..total).map(|i| (i, format!("{i}.txt"))).collect(),
            },
            // Empty files: each is read and refused, and nothing is left to analyse.
            (0..total).map(|_| Vec::new()).collect(),
        );
        let reading = files_read(&replies);
        assert_eq!(reading.len(), 100);
        assert_eq!(reading[..3], [0, 10, 20]);
        assert_eq!(reading.last(), Some(&990));
        let Some(Reply::Done { files, .. }) = replies.last() else {
            panic!("no final reply");
        };
        assert_eq!(files.len(), 1000);
    }

    #[test]
    fn a_missing_byte_buffer_is_reported_not_dropped() {
        let mut session = Session::new();
        let replies = run(
            &mut session,
            Request::Add {
                files: vec![(1, "a.txt".into())],
            },
            Vec::new(),
        );
        let Some(Reply::Done { files, analysis }) = replies.last() else {
            panic!("no final reply");
        };
        assert_eq!(files.len(), 1);
        assert!(matches!(files[0].status, FileStatus::Failed(_)));
        assert_eq!(analysis, &None);
    }

    #[test]
    fn restoring_boilerplate_makes_it_body_text() {
        let mut session = Session::new();
        add(&mut session, 1, "seed.txt", SEED);
        let first = |s: &Session| s.documents().next().cloned().unwrap();
        let flagged = first(&session).boilerplate[0].span;
        let replies = run(
            &mut session,
            Request::RestoreBoilerplate {
                file: "seed.txt".into(),
                part: 0,
                span: flagged,
            },
            Vec::new(),
        );
        assert!(
            !first(&session)
                .boilerplate
                .iter()
                .any(|b| b.span == flagged)
        );
        assert!(matches!(
            replies.last(),
            Some(Reply::Done {
                analysis: Some(_),
                ..
            })
        ));
        // Restoring it again changes nothing, so no new analysis is sent.
        let again = run(
            &mut session,
            Request::RestoreBoilerplate {
                file: "seed.txt".into(),
                part: 0,
                span: flagged,
            },
            Vec::new(),
        );
        assert!(matches!(
            again.last(),
            Some(Reply::Done { analysis: None, .. })
        ));
    }

    #[test]
    fn requests_and_replies_survive_the_wire() {
        let request = Request::RestoreBoilerplate {
            file: "a.txt".into(),
            part: 2,
            span: Span::new(3, 9),
        };
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), request);
        let reply = Reply::Progress(Progress {
            stage: Stage::Analysing,
            done: 1,
            total: 4,
            detail: "x".into(),
        });
        let json = serde_json::to_string(&reply).unwrap();
        assert_eq!(serde_json::from_str::<Reply>(&json).unwrap(), reply);
    }

    #[test]
    fn an_analysis_travels_beside_its_reply_as_bytes() {
        let mut session = Session::new();
        let replies = add(&mut session, 1, "a.txt", SEED);
        let done = replies.last().unwrap().clone();
        let (header, buffers) = reply_into_parts(done.clone());
        assert!(matches!(header, Reply::Done { analysis: None, .. }));
        assert_eq!(buffers.len(), 1);
        assert_eq!(reply_from_parts(header.clone(), buffers).unwrap(), done);
        // A reply with nothing beside it stays as it is, and damaged bytes are said, not read.
        let progress = replies[0].clone();
        assert_eq!(reply_into_parts(progress.clone()).1, Vec::<Vec<u8>>::new());
        assert_eq!(
            reply_from_parts(progress.clone(), Vec::new()).unwrap(),
            progress
        );
        assert!(reply_from_parts(header, vec![vec![0xFF, 0xFE]]).is_err());
    }

    #[test]
    fn oversized_files_are_refused_with_their_size() {
        let config = IngestConfig {
            max_file_bytes: 10,
            ..IngestConfig::default()
        };
        let (status, docs) = read_file("big.txt", &[b'a'; 2048], &config);
        assert!(docs.is_empty());
        assert_eq!(
            status,
            FileStatus::Failed(
                "The file is 2 KB and larger than the limit of 10 bytes, so it was not read."
                    .into()
            )
        );
    }
}
