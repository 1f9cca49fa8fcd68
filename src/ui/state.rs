//! App state: the files the user gave, the analysis of their documents, the filters and what the
//! reader shows. Reading and analysing happen in the analysis worker; this only sends it
//! requests and publishes what comes back, computing no analysis result itself.

use std::collections::VecDeque;
use std::sync::Arc;

use leptos::prelude::*;

use crate::analysis::ingest::IngestConfig;
use crate::analysis::session::{
    FileOutcome, FileStatus, Progress, Reply, Request, analysis_from_wire, reply_from_parts,
    too_large,
};
use crate::analysis::views::{EventIndex, FilterSpec};
use crate::analysis::{Analysis, ArticleId, EventId, Span};
use crate::ui::sample::SAMPLE_FILES;
use crate::web;
use crate::web::worker::WorkerLink;

/// The worker script Trunk writes beside the page; relative, so a sub-path host works.
const WORKER_SCRIPT: &str = "./crossread-worker_loader.js";

/// Rounds of rehearsal the worker runs while nothing has been given yet. The browser compiles
/// the engine's code for speed only once it has run, and a function that is busy in one long
/// call keeps its slow code until it is called again; the first real drop would pay for that:
/// about 0.3 s for the sample itself and 1 s for 1,000 articles. A drop waits for at most the
/// round in flight, and none is sent after it.
const REHEARSALS: u32 = 12;

/// Copies of the sample in each rehearsal round after the first, under distinct names, so they
/// are read as wire copies of one another. One copy leaves the steps that grow with the corpus
/// barely run: in the timing harness, 1,000 articles took 1.3 s after 12 rounds of one copy,
/// 1.05–1.1 s after 12 rounds of eight, and 1.0 s warm. A round of eight takes about 25 ms once
/// compiled.
const REHEARSAL_COPIES: u32 = 8;

/// What one file the user gave has become so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileState {
    /// Still being read or analysed.
    Reading,
    /// Done: parsed or refused.
    Done(FileStatus),
}

/// One file the user gave, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// A number unique within the session, for keyed lists and worker replies.
    pub key: u32,
    /// The name as given (a path inside a dropped folder).
    pub name: String,
    /// What became of it.
    pub state: FileState,
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
    /// Milliseconds from the request to the analysis being ready on the page.
    pub millis: f64,
}

/// The view shown in the main column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The merged timeline.
    Timeline,
    /// Quotes with speakers and wordings.
    Quotes,
    /// Which source reports which event.
    Coverage,
}

/// The analysis with the index its filters run on, built once per analysis.
#[derive(Debug)]
pub struct Analysed {
    /// The analysis as the worker sent it.
    pub analysis: Analysis,
    /// Entities, sources, dates and words of every event, for filtering.
    pub index: EventIndex,
}

/// The app's shared state, provided as context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Every file given, with its state.
    pub files: RwSignal<Vec<SourceFile>>,
    /// The current analysis and its index.
    pub analysed: RwSignal<Option<Arc<Analysed>>>,
    /// What the reader shows.
    pub reader: RwSignal<Option<ReaderTarget>>,
    /// The last analysis' timing.
    pub timing: RwSignal<Option<Timing>>,
    /// Work under way in the worker, if any.
    pub progress: RwSignal<Option<Progress>>,
    /// A problem with the analysis worker itself, said for the user.
    pub engine_error: RwSignal<Option<String>>,
    /// The filters, mirrored in the URL fragment.
    pub filter: RwSignal<FilterSpec>,
    /// The view in the main column.
    pub tab: RwSignal<Tab>,
    next_key: RwSignal<u32>,
    /// Start time and article count of each request the worker has not answered yet.
    waiting: StoredValue<VecDeque<f64>>,
    /// Rehearsal rounds still to send; none once a real request has gone.
    rehearsals: StoredValue<u32>,
    worker: StoredValue<Option<WorkerLink>, LocalStorage>,
}

impl AppState {
    /// Empty state, with the analysis worker starting.
    pub fn new() -> AppState {
        let state = AppState {
            files: RwSignal::new(Vec::new()),
            analysed: RwSignal::new(None),
            reader: RwSignal::new(None),
            timing: RwSignal::new(None),
            progress: RwSignal::new(None),
            engine_error: RwSignal::new(None),
            filter: RwSignal::new(FilterSpec::default()),
            tab: RwSignal::new(Tab::Timeline),
            next_key: RwSignal::new(0),
            waiting: StoredValue::new(VecDeque::new()),
            rehearsals: StoredValue::new(REHEARSALS),
            worker: StoredValue::new_local(None),
        };
        state.start_worker();
        state.rehearse();
        state
    }

    fn start_worker(&self) {
        let state = *self;
        let link = WorkerLink::spawn(
            WORKER_SCRIPT,
            move |value, buffers| {
                let reply = serde_wasm_bindgen::from_value::<Reply>(value)
                    .map_err(|e| e.to_string())
                    .and_then(|reply| reply_from_parts(reply, buffers));
                match reply {
                    Ok(reply) => state.on_reply(reply),
                    Err(e) => state.fail(format!(
                        "The analysis sent a message the page cannot read: {e}."
                    )),
                }
            },
            move |why| {
                state.fail(format!(
                    "The analysis stopped: {why}. Reload the page to start again."
                ))
            },
        );
        match link {
            Ok(link) => self.worker.set_value(Some(link)),
            Err(e) => self.fail(format!("The analysis could not start: {e}")),
        }
    }

    /// Marks every unfinished file as failed with `why`, so none is left waiting silently.
    fn fail(&self, why: String) {
        self.progress.set(None);
        self.waiting.update_value(VecDeque::clear);
        self.files.update(|files| {
            for f in files.iter_mut().filter(|f| f.state == FileState::Reading) {
                f.state = FileState::Done(FileStatus::Failed(why.clone()));
            }
        });
        self.engine_error.set(Some(why));
    }

    /// Sends the next rehearsal round of the built-in sample, unless a real request has gone.
    fn rehearse(&self) {
        let left = self.rehearsals.get_value();
        if left == 0 || !self.waiting.with_value(VecDeque::is_empty) {
            return;
        }
        self.rehearsals.set_value(left - 1);
        // The first round is one copy: a drop right after the page opens waits for it.
        let copies = if left == REHEARSALS {
            1
        } else {
            REHEARSAL_COPIES
        };
        let (files, buffers) = (0..copies)
            .flat_map(|copy| SAMPLE_FILES.iter().map(move |file| (copy, file)))
            .zip(0..)
            .map(|((copy, (name, bytes)), key)| ((key, format!("{copy}/{name}")), bytes.to_vec()))
            .unzip();
        let Ok(header) = serde_wasm_bindgen::to_value(&Request::Rehearse { files }) else {
            return;
        };
        self.worker.with_value(|w| {
            if let Some(link) = w {
                link.post(header, buffers);
            }
        });
    }

    fn send(&self, request: Request, buffers: Vec<Vec<u8>>) {
        self.rehearsals.set_value(0);
        let Ok(header) = serde_wasm_bindgen::to_value(&request) else {
            return;
        };
        let sent = self.worker.with_value(|w| match w {
            Some(link) => {
                link.post(header, buffers);
                true
            }
            None => false,
        });
        if sent {
            self.waiting.update_value(|w| w.push_back(web::now_ms()));
        }
    }

    fn on_reply(&self, reply: Reply) {
        match reply {
            Reply::Progress(p) => self.progress.set(Some(p)),
            Reply::Rehearsed => self.rehearse(),
            Reply::Done { files, analysis } => {
                let started = self
                    .waiting
                    .try_update_value(|w| w.pop_front())
                    .flatten()
                    .unwrap_or_else(web::now_ms);
                if self.waiting.with_value(VecDeque::is_empty) {
                    self.progress.set(None);
                }
                self.finish_files(files);
                let Some(wire) = analysis else {
                    return;
                };
                match analysis_from_wire(&wire) {
                    Ok(analysis) => self.publish(analysis, started),
                    Err(why) => self.engine_error.set(Some(why)),
                }
            }
        }
    }

    fn publish(&self, analysis: Analysis, started: f64) {
        let index = EventIndex::new(&analysis);
        let articles = analysis.sources.len();
        // A reopened reader must point into the new analysis: ids follow the document order.
        let reopen = self.reader.with_untracked(|r| {
            let r = r.as_ref()?;
            let old = self.analysed.with_untracked(|a| {
                a.as_ref()
                    .and_then(|a| a.analysis.sources.get(r.document.index()))
                    .map(|s| (s.document.file.clone(), s.document.part))
            })?;
            let id = analysis
                .sources
                .iter()
                .find(|s| (s.document.file.as_str(), s.document.part) == (old.0.as_str(), old.1))?
                .id;
            Some(ReaderTarget {
                document: id,
                event: None,
                current: r.current,
            })
        });
        self.analysed
            .set(Some(Arc::new(Analysed { analysis, index })));
        self.reader.set(reopen);
        self.timing.set(Some(Timing {
            articles,
            millis: web::now_ms() - started,
        }));
    }

    /// Registers files as being read, in one update of the list, and returns their keys.
    fn start_files<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> Vec<u32> {
        let first = self.next_key.get_untracked();
        let mut keys = Vec::new();
        self.files.update(|files| {
            for (name, key) in names.into_iter().zip(first..) {
                files.push(SourceFile {
                    key,
                    name: name.to_string(),
                    state: FileState::Reading,
                });
                keys.push(key);
            }
        });
        self.next_key.set(first + keys.len() as u32);
        keys
    }

    fn finish_files(&self, outcomes: Vec<FileOutcome>) {
        if outcomes.is_empty() {
            return;
        }
        self.files.update(|files| {
            for outcome in outcomes {
                // Keys grow in the order files are listed.
                if let Ok(i) = files.binary_search_by_key(&outcome.key, |f| f.key) {
                    files[i].state = FileState::Done(outcome.status);
                }
            }
        });
    }

    /// Reads the given browser files and sends them to the analysis.
    pub fn add_dropped(&self, files: Vec<web::DroppedFile>) {
        if files.is_empty() {
            return;
        }
        let state = *self;
        let config = IngestConfig::default();
        // Every read starts now, so the browser fetches the files together.
        let keys = state.start_files(files.iter().map(|f| f.name.as_str()));
        let reads: Vec<(u32, String, web::PendingRead)> = keys
            .into_iter()
            .zip(files)
            .map(|(key, f)| {
                let read = web::start_read(&f.file, config.max_file_bytes);
                (key, f.name, read)
            })
            .collect();
        leptos::task::spawn_local(async move {
            let mut request = Vec::new();
            let mut buffers = Vec::new();
            let mut refused = Vec::new();
            for (key, name, read) in reads {
                match read.finish().await {
                    Ok(Ok(bytes)) => {
                        request.push((key, name));
                        buffers.push(bytes);
                    }
                    Ok(Err(size)) => refused.push(FileOutcome {
                        key,
                        status: too_large(size, &config),
                    }),
                    Err(e) => refused.push(FileOutcome {
                        key,
                        status: FileStatus::Failed(e.to_string()),
                    }),
                }
            }
            state.finish_files(refused);
            if !request.is_empty() {
                state.send(Request::Add { files: request }, buffers);
            }
        });
    }

    /// Sends files already in memory (the sample, pasted text) to the analysis.
    pub fn add_bytes(&self, files: Vec<(String, Vec<u8>)>) {
        let keys = self.start_files(files.iter().map(|(name, _)| name.as_str()));
        let mut request = Vec::new();
        let mut buffers = Vec::new();
        for (key, (name, bytes)) in keys.into_iter().zip(files) {
            request.push((key, name));
            buffers.push(bytes);
        }
        if !request.is_empty() {
            self.send(Request::Add { files: request }, buffers);
        }
    }

    /// Turns one flagged boilerplate stretch of a source back into body text and re-analyses,
    /// keeping the reader on that source with the restored text highlighted.
    pub fn restore_boilerplate(&self, document: ArticleId, span: Span) {
        let source = self.analysed.with_untracked(|a| {
            a.as_ref()
                .and_then(|a| a.analysis.sources.get(document.index()))
                .map(|s| (s.document.file.clone(), s.document.part))
        });
        let Some((file, part)) = source else {
            return;
        };
        self.reader.set(Some(ReaderTarget {
            document,
            event: None,
            current: Some(span),
        }));
        self.send(Request::RestoreBoilerplate { file, part, span }, Vec::new());
    }

    /// Forgets every file, here and in the analysis.
    pub fn clear(&self) {
        self.send(Request::Clear, Vec::new());
        self.files.set(Vec::new());
        self.analysed.set(None);
        self.reader.set(None);
        self.timing.set(None);
    }
}
