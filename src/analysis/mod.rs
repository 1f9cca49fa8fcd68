//! The pure analysis core: files in, articles, dates, cross-references and a timeline out.
//! It must never import a browser crate, read the clock, do I/O or use randomness, and the same
//! documents in any order give the same analysis.

pub mod actors;
pub mod alignment;
pub mod article;
pub mod dating;
pub mod entities;
pub mod export;
pub mod fasthash;
pub mod highlight;
pub mod ingest;
pub mod linkeval;
pub mod quotes;
pub mod sentences;
pub mod session;
pub mod syndication;
pub mod synth;
pub mod temporal;
pub mod terms;
pub mod timeline;
pub mod timevalue;
pub mod views;

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

pub use article::{
    ArticleId, Boilerplate, Diagnostic, Document, Evidence, Field, Published, Severity, Span,
};
pub use entities::{Entity, EntityId, EntityKind, EntityMention};
pub use quotes::{Quote, QuoteId, QuoteMention, QuoteVariant};
pub use timeline::{Event, EventId, Provenance};
pub use timevalue::{Granularity, TimeValue};

use alignment::{AlignConfig, StoryNames, align_interned, keep_story_links};
use dating::{DateEstimate, estimate_undated};
use entities::{DocumentNames, find_document_names, merge_entities};
use sentences::{SentenceIdx, split_sentences};
use syndication::{SyndicationConfig, SyndicationGroup, find_syndication, independence_keys};
use temporal::{Timex, tag_timexes};
use terms::TermTable;
use timeline::{TimelineConfig, TimelineUnit, build_timeline};

/// Every option of the analysis, passed in explicitly.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Sentence alignment across sources.
    pub align: AlignConfig,
    /// Event grouping.
    pub timeline: TimelineConfig,
    /// Wire-copy detection.
    pub syndication: SyndicationConfig,
}

/// One source after analysis: the parsed document with its sentences and dates.
///
/// Invariant: every span in `sentences` and `timexes` is a valid range of `document.text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceAnalysis {
    /// Its id, equal to its index in [`Analysis::sources`].
    pub id: ArticleId,
    /// The parsed document.
    pub document: Document,
    /// Its sentences, boilerplate excluded.
    pub sentences: Vec<Span>,
    /// Its temporal expressions, resolved against `reference_date`.
    pub timexes: Vec<Timex>,
    /// For an undated document, the date estimated from the other sources, with its reasoning.
    pub estimate: Option<DateEstimate>,
}

impl SourceAnalysis {
    /// The date relative expressions were resolved against: the publication date, else the estimate.
    pub fn reference_date(&self) -> Option<jiff::civil::Date> {
        match (&self.document.published, &self.estimate) {
            (Some(p), _) => p.date.as_day(),
            (None, Some(e)) => e.date.as_day(),
            (None, None) => None,
        }
    }

    /// A short name for the source: its outlet, else its title, else its file name.
    pub fn label(&self) -> String {
        if let Some(o) = &self.document.outlet {
            return o.value.clone();
        }
        let file = &self.document.file;
        let stem = file.rsplit('/').next().unwrap_or(file);
        let stem = stem.rsplit_once('.').map(|(s, _)| s).unwrap_or(stem);
        if self.document.part > 0 {
            format!("{stem} #{}", self.document.part + 1)
        } else {
            stem.to_string()
        }
    }

    /// The text of one sentence.
    pub fn sentence_text(&self, idx: SentenceIdx) -> &str {
        self.sentences
            .get(idx.0 as usize)
            .map(|s| s.slice(&self.document.text))
            .unwrap_or("")
    }
}

/// The whole analysis of a set of documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// The sources, indexed by [`ArticleId`].
    pub sources: Vec<SourceAnalysis>,
    /// The merged timeline, in date order.
    pub events: Vec<Event>,
    /// Groups of wire copies.
    pub syndication: Vec<SyndicationGroup>,
    /// People, organisations and places, with their aliases across sources.
    pub entities: Vec<Entity>,
    /// Direct quotations with speakers, matched across sources.
    pub quotes: Vec<Quote>,
}

/// Analyses a set of documents. Documents are first put in a canonical order (file name, part,
/// text, then their remaining fields), so the same documents in any order give the same
/// analysis. It equals [`Corpus::analysis`] of a corpus holding the same documents.
pub fn analyze(documents: &[Document], config: &Config) -> Analysis {
    let mut corpus = Corpus::new(config.clone());
    corpus.add_documents(documents.iter().cloned());
    corpus.into_analysis()
}

/// The canonical order of documents: file name, part and text, then, for documents equal in
/// those, the rest of their fields, so that no input order can show through.
fn canonical_cmp(a: &Document, b: &Document) -> Ordering {
    (&a.file, a.part, &a.text)
        .cmp(&(&b.file, b.part, &b.text))
        .then_with(|| {
            let rest = |d: &Document| serde_json::to_string(d).unwrap_or_default();
            rest(a).cmp(&rest(b))
        })
}

/// A set of documents with every piece of work that depends on one document alone done once
/// and kept: sentences, terms, temporal expressions against the document's own date, and name
/// candidates. Adding or removing documents redoes only their own work; [`Corpus::analysis`]
/// then re-runs the cross-document steps (alignment, dating, wire copies, the timeline, entity
/// merging and quote matching) over the kept work.
///
/// Invariant: `prepared` is sorted by [`canonical_cmp`], and every term id in it is an id of
/// `terms`.
#[derive(Debug, Clone)]
pub struct Corpus {
    config: Config,
    prepared: Vec<Prepared>,
    /// Stems of every document ever added; a removed document's stems stay, unused.
    terms: TermTable,
}

/// One document with the work that depends on it alone.
#[derive(Debug, Clone)]
struct Prepared {
    document: Document,
    /// Its sentences, boilerplate excluded.
    sentences: Vec<Span>,
    /// Its temporal expressions, resolved against its own publication date (or none).
    timexes: Vec<Timex>,
    work: DocumentWork,
}

/// The part of a document's kept work that the cross-document steps read.
#[derive(Debug, Clone)]
struct DocumentWork {
    /// Each sentence's terms as (id in the corpus's [`TermTable`], capitalised), in word order.
    terms: Vec<Vec<(u32, bool)>>,
    names: DocumentNames,
}

impl Corpus {
    /// An empty corpus analysed with `config`.
    pub fn new(config: Config) -> Corpus {
        Corpus {
            config,
            prepared: Vec::new(),
            terms: TermTable::new(),
        }
    }

    /// The options the corpus is analysed with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// How many documents it holds.
    pub fn len(&self) -> usize {
        self.prepared.len()
    }

    /// True when it holds no document.
    pub fn is_empty(&self) -> bool {
        self.prepared.is_empty()
    }

    /// Its documents, in canonical order: the order of [`Analysis::sources`].
    pub fn documents(&self) -> impl Iterator<Item = &Document> {
        self.prepared.iter().map(|p| &p.document)
    }

    /// Adds documents, doing the work that depends on each of them alone. A document may be
    /// added twice; like [`analyze`], the corpus then holds it twice.
    pub fn add_documents(&mut self, documents: impl IntoIterator<Item = Document>) {
        let before = self.prepared.len();
        // Reading each document alone runs on every core the machine offers; numbering its
        // terms runs after, in the order given, so the table is the same as on one core.
        for read in read_all(documents.into_iter().collect()) {
            let prepared = number_terms(read, &mut self.terms);
            self.prepared.push(prepared);
        }
        if self.prepared.len() > before {
            // A stable sort finds the sorted run already there and merges the new documents in.
            self.prepared
                .sort_by(|a, b| canonical_cmp(&a.document, &b.document));
        }
    }

    /// Removes every document read from part `part` of file `file` and returns them, in
    /// canonical order: to change a document (say, restore a stretch flagged as boilerplate),
    /// remove it, change it and add it again.
    pub fn remove_documents(&mut self, file: &str, part: u32) -> Vec<Document> {
        let mut removed = Vec::new();
        let mut kept = Vec::with_capacity(self.prepared.len());
        for p in self.prepared.drain(..) {
            if p.document.file == file && p.document.part == part {
                removed.push(p.document);
            } else {
                kept.push(p);
            }
        }
        self.prepared = kept;
        removed
    }

    /// The analysis of every document the corpus holds: equal to [`analyze`] of the same
    /// documents, whatever order and batches they were added in.
    pub fn analysis(&self) -> Analysis {
        let work: Vec<&DocumentWork> = self.prepared.iter().map(|p| &p.work).collect();
        let parallel = worth_a_thread(&work);
        cross_reference(
            self.sources(),
            &work,
            self.terms.stem_count(),
            &self.config,
            parallel,
        )
    }

    /// Each document as a source, numbered in canonical order, before cross-referencing.
    fn sources(&self) -> Vec<SourceAnalysis> {
        self.prepared
            .iter()
            .enumerate()
            .map(|(i, p)| SourceAnalysis {
                id: ArticleId(i as u32),
                document: p.document.clone(),
                sentences: p.sentences.clone(),
                timexes: p.timexes.clone(),
                estimate: None,
            })
            .collect()
    }

    /// [`Corpus::analysis`], consuming the corpus so that no document is copied.
    pub fn into_analysis(self) -> Analysis {
        let mut sources = Vec::with_capacity(self.prepared.len());
        let mut work = Vec::with_capacity(self.prepared.len());
        for (i, p) in self.prepared.into_iter().enumerate() {
            sources.push(SourceAnalysis {
                id: ArticleId(i as u32),
                document: p.document,
                sentences: p.sentences,
                timexes: p.timexes,
                estimate: None,
            });
            work.push(p.work);
        }
        let work: Vec<&DocumentWork> = work.iter().collect();
        let parallel = worth_a_thread(&work);
        cross_reference(
            sources,
            &work,
            self.terms.stem_count(),
            &self.config,
            parallel,
        )
    }
}

/// Does the work that depends on one document alone.
/// What one document yields alone, before its terms are numbered in the corpus's table.
struct Read {
    document: Document,
    sentences: Vec<Span>,
    timexes: Vec<Timex>,
    names: DocumentNames,
}

/// Splits, tags and finds the names of one document: work that reads nothing else.
fn read_alone(document: Document) -> Read {
    let skip: Vec<Span> = document.boilerplate.iter().map(|b| b.span).collect();
    let sentences = split_sentences(&document.text, &skip);
    let own_date = document.published.as_ref().and_then(|p| p.date.as_day());
    Read {
        timexes: tag_timexes(&document.text, own_date),
        names: find_document_names(&document.text, &sentences),
        sentences,
        document,
    }
}

/// [`read_alone`] over every document, in their order. Natively the documents are shared out
/// in contiguous runs among one thread per available core; in the browser, where the worker
/// has one thread, they are read in turn.
fn read_all(documents: Vec<Document>) -> Vec<Read> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        // Below a few documents a thread costs more than it saves.
        if threads > 1 && documents.len() >= 8 {
            let per_thread = documents.len().div_ceil(threads);
            let mut runs: Vec<Vec<Document>> = Vec::with_capacity(threads);
            let mut rest = documents.into_iter();
            loop {
                let run: Vec<Document> = rest.by_ref().take(per_thread).collect();
                if run.is_empty() {
                    break;
                }
                runs.push(run);
            }
            return std::thread::scope(|scope| {
                let handles: Vec<_> = runs
                    .into_iter()
                    .map(|run| {
                        scope.spawn(move || run.into_iter().map(read_alone).collect::<Vec<_>>())
                    })
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| {
                        h.join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                    })
                    .collect::<Vec<Read>>()
            });
        }
    }
    documents.into_iter().map(read_alone).collect()
}

/// Whether the cross-document steps over `work` are worth a second thread: below a couple of
/// thousand sentences a thread costs more than it saves.
fn worth_a_thread(work: &[&DocumentWork]) -> bool {
    work.iter().map(|w| w.terms.len()).sum::<usize>() >= 2_000
}

/// Runs `a` and `b` and returns both results. Natively, when `parallel` holds, `b` runs on a
/// second thread while `a` runs on this one; in the browser, where the worker has one thread,
/// they run in turn. Either way the results are the same.
fn both<A: Send, B: Send>(
    parallel: bool,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(not(target_arch = "wasm32"))]
    if parallel && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1) {
        return std::thread::scope(|scope| {
            let other = scope.spawn(b);
            let first = a();
            let second = other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (first, second)
        });
    }
    let _ = parallel;
    (a(), b())
}

/// Numbers a read document's terms in the corpus's table, completing its kept work.
fn number_terms(read: Read, terms: &mut TermTable) -> Prepared {
    let sentence_terms = read
        .sentences
        .iter()
        .map(|span| {
            let mut ids = Vec::new();
            terms.sentence_terms(span.slice(&read.document.text), &mut ids);
            ids
        })
        .collect();
    Prepared {
        document: read.document,
        sentences: read.sentences,
        timexes: read.timexes,
        work: DocumentWork {
            terms: sentence_terms,
            names: read.names,
        },
    }
}

/// The steps that read across documents, over the sources in canonical order and their kept
/// work. `term_count` bounds the term ids in `work`.
fn cross_reference(
    mut sources: Vec<SourceAnalysis>,
    work: &[&DocumentWork],
    term_count: usize,
    config: &Config,
    parallel: bool,
) -> Analysis {
    // Alignment numbers terms by first appearance in canonical order, whatever order the
    // corpus met them in, so that its floating-point sums, and hence the links, are the same
    // for every order of adding documents.
    let mut canonical = vec![u32::MAX; term_count];
    let mut next = 0u32;
    let mut unit_keys: Vec<(ArticleId, SentenceIdx)> = Vec::new();
    let mut documents: Vec<ArticleId> = Vec::new();
    let mut unit_terms: Vec<Vec<(u32, bool)>> = Vec::new();
    for (s, w) in sources.iter().zip(work) {
        for (i, terms) in w.terms.iter().enumerate() {
            unit_keys.push((s.id, SentenceIdx(i as u32)));
            documents.push(s.id);
            unit_terms.push(
                terms
                    .iter()
                    .map(|&(id, capitalised)| {
                        let slot = &mut canonical[id as usize];
                        if *slot == u32::MAX {
                            *slot = next;
                            next += 1;
                        }
                        (*slot, capitalised)
                    })
                    .collect(),
            );
        }
    }
    // Entities come from each document's own names weighed against the corpus; they need no
    // link or date, and tell which documents share a story. Alignment and entity merging read
    // nothing of each other, so they run side by side.
    let names: Vec<&DocumentNames> = work.iter().map(|w| &w.names).collect();
    let (mut links, entities) = both(
        parallel,
        || align_interned(&documents, unit_terms, next as usize, &config.align),
        || merge_entities(&sources, &names),
    );
    let (named, unit_names) = story_names(&sources, &entities);
    let sentence_counts: Vec<usize> = sources.iter().map(|s| s.sentences.len()).collect();
    keep_story_links(
        &mut links,
        &documents,
        &sentence_counts,
        (&named, &unit_names),
        &config.align,
    );

    // Quotes read no date and no link, so they are found while undated sources are dated and
    // wire copies grouped.
    let ((estimates, syndication), quotes) = both(
        parallel,
        || {
            (
                estimate_undated(&sources, &unit_keys, &links, config),
                find_syndication(&unit_keys, &links, &sentence_counts, &config.syndication),
            )
        },
        || quotes::extract_quotes(&sources, &entities),
    );
    for (id, estimate, timexes) in estimates {
        let s = &mut sources[id.index()];
        s.estimate = Some(estimate);
        s.timexes = timexes;
    }
    let independence = independence_keys(&syndication, sources.len());
    let units = timeline_units(&sources);
    let events = build_timeline(
        &units,
        &links,
        &independence,
        (&entities, &unit_names),
        &quotes,
        |u| sources[u.document.index()].sentence_text(u.sentence),
        &config.timeline,
    );
    Analysis {
        sources,
        events,
        syndication,
        entities,
        quotes,
    }
}

/// What each source names, for telling which sources share a story ([`keep_story_links`]): the
/// entities it gives weight to, by naming them in its first [`LEAD_SENTENCES`] sentences or more
/// than once, and whether it names any entity at all; and the sorted entity ids each sentence
/// names, numbered as the alignment units are (source by source, sentence by sentence).
fn story_names(
    sources: &[SourceAnalysis],
    entities: &[Entity],
) -> (Vec<StoryNames>, Vec<Vec<EntityId>>) {
    let mut first_unit = Vec::with_capacity(sources.len());
    let mut units = 0;
    for s in sources {
        first_unit.push(units);
        units += s.sentences.len();
    }
    let mut unit_names: Vec<Vec<EntityId>> = vec![Vec::new(); units];
    let mut named = vec![
        StoryNames {
            salient: Vec::new(),
            nameless: true,
        };
        sources.len()
    ];
    for e in entities {
        // Mentions are sorted by document, so each document's mentions are one run.
        for run in e.mentions.chunk_by(|x, y| x.document == y.document) {
            let d = run[0].document.index();
            let sentences = &sources[d].sentences;
            let lead_end = sentences
                .get(LEAD_SENTENCES - 1)
                .or(sentences.last())
                .map_or(0, |span| span.end);
            named[d].nameless = false;
            if run.len() > 1 || run[0].span.start < lead_end {
                named[d].salient.push(e.id.0);
            }
            for m in run {
                let i = sentences.partition_point(|s| s.start <= m.span.start);
                if let Some(k) = i.checked_sub(1).filter(|&k| sentences[k].contains(m.span)) {
                    let list = &mut unit_names[first_unit[d] + k];
                    if list.last() != Some(&e.id) {
                        list.push(e.id);
                    }
                }
            }
        }
    }
    // Entities come in id order, so every list is sorted already.
    (named, unit_names)
}

/// How many opening sentences make a source's lead: a name there is what the source is about.
const LEAD_SENTENCES: usize = 3;

/// Every sentence of every source with the calendar dates it mentions, in the same order as the
/// alignment units.
pub fn timeline_units(sources: &[SourceAnalysis]) -> Vec<TimelineUnit> {
    let mut units = Vec::new();
    for s in sources {
        let mut timexes = s.timexes.iter().peekable();
        for (i, span) in s.sentences.iter().enumerate() {
            let mut dates = Vec::new();
            while let Some(t) = timexes.peek() {
                if t.span.start >= span.end {
                    break;
                }
                if span.contains(t.span)
                    && let Some(value) = TimeValue::parse(&t.value)
                {
                    dates.push((value, t.span));
                }
                timexes.next();
            }
            units.push(TimelineUnit {
                document: s.id,
                sentence: SentenceIdx(i as u32),
                span: *span,
                dates,
            });
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ingest::{IngestConfig, ingest_file};
    use crate::analysis::synth::{SynthConfig, generate_corpus};

    const SEEDS: [(&str, &str); 5] = [
        (
            "000_2c93c9751dd572a9.txt",
            include_str!("../../tests/data/seeds/000_2c93c9751dd572a9.txt"),
        ),
        (
            "001_1d7a7702461e28db.txt",
            include_str!("../../tests/data/seeds/001_1d7a7702461e28db.txt"),
        ),
        (
            "002_525ae5a469998585.txt",
            include_str!("../../tests/data/seeds/002_525ae5a469998585.txt"),
        ),
        (
            "003_30b58145e12fbd7b.txt",
            include_str!("../../tests/data/seeds/003_30b58145e12fbd7b.txt"),
        ),
        (
            "004_3c97cdc25987cca6.txt",
            include_str!("../../tests/data/seeds/004_3c97cdc25987cca6.txt"),
        ),
    ];

    fn seeds() -> Vec<Document> {
        SEEDS
            .iter()
            .flat_map(|(name, text)| {
                ingest_file(name, text.as_bytes(), &IngestConfig::default()).documents
            })
            .collect()
    }

    /// Sixty articles built from the seeds' own sentences, wire copies and shared events
    /// included.
    fn generated() -> Vec<Document> {
        let pool: Vec<String> = seeds()
            .iter()
            .flat_map(|d| {
                split_sentences(&d.text, &[])
                    .into_iter()
                    .map(|s| s.slice(&d.text).to_string())
                    .collect::<Vec<_>>()
            })
            .collect();
        generate_corpus(
            &pool,
            &SynthConfig {
                articles: 60,
                ..SynthConfig::default()
            },
        )
    }

    /// Reading documents on several threads keeps their order and gives what reading them
    /// one by one gives: the same sentences, temporal expressions and name candidates.
    #[test]
    fn reading_in_parallel_equals_reading_in_turn() {
        let documents = generated();
        let parallel = read_all(documents.clone());
        let in_turn: Vec<Read> = documents.into_iter().map(read_alone).collect();
        assert_eq!(parallel.len(), in_turn.len());
        for (a, b) in parallel.iter().zip(&in_turn) {
            assert_eq!(a.document, b.document);
            assert_eq!(a.sentences, b.sentences);
            assert_eq!(format!("{:?}", a.timexes), format!("{:?}", b.timexes));
            assert_eq!(format!("{:?}", a.names), format!("{:?}", b.names));
        }
    }

    /// The cross-document steps give the same analysis whether independent steps run side by
    /// side on two threads or in turn.
    #[test]
    fn cross_referencing_on_two_threads_equals_in_turn() {
        let mut corpus = Corpus::new(Config::default());
        corpus.add_documents(generated());
        let work: Vec<&DocumentWork> = corpus.prepared.iter().map(|p| &p.work).collect();
        let run = |parallel: bool| {
            let sources = corpus.sources();
            let stems = corpus.terms.stem_count();
            cross_reference(sources, &work, stems, &corpus.config, parallel)
        };
        let in_turn = run(false);
        assert!(in_turn.events.iter().any(|e| e.sources.len() > 2));
        assert!(!in_turn.entities.is_empty() && !in_turn.quotes.is_empty());
        assert_eq!(run(true), in_turn);
    }

    /// A source gives weight to a name it gives in its first three sentences or more than once;
    /// a name it drops once, further down, does not tie it to another story.
    #[test]
    fn a_source_gives_weight_to_names_in_its_lead_or_repeated() {
        let long = "Ann Lee won the race on Sunday. Fans cheered. The town was proud.\n\n\
                    She trained for years. Her coach, Tom Ward, said so. Tom Ward was pleased.\n\n\
                    The next race is in Leeds.";
        let short = "Leeds hosted a race. Ann Lee won it on Sunday in Leeds.";
        let documents = [
            Document::from_text("a.txt", 0, long.into()),
            Document::from_text("b.txt", 0, short.into()),
        ];
        let analysis = analyze(&documents, &Config::default());
        let (named, _) = story_names(&analysis.sources, &analysis.entities);
        let salient = |d: usize| -> Vec<&str> {
            let mut names: Vec<&str> = named[d]
                .salient
                .iter()
                .map(|&i| analysis.entities[i as usize].name.as_str())
                .collect();
            names.sort_unstable();
            names
        };
        // Leeds is named once in the long source, after its lead; twice in the short one.
        assert_eq!(salient(0), ["Ann Lee", "Tom Ward"]);
        assert_eq!(salient(1), ["Ann Lee", "Leeds"]);
        assert!(!named[0].nameless && !named[1].nameless);
    }

    /// `documents` in several orders: as given, reversed, and interleaved from both ends.
    fn orders(documents: &[Document]) -> Vec<Vec<Document>> {
        let mut reversed = documents.to_vec();
        reversed.reverse();
        let mut interleaved = Vec::new();
        let (mut lo, mut hi) = (0, documents.len());
        while lo < hi {
            hi -= 1;
            interleaved.push(documents[hi].clone());
            if lo < hi {
                interleaved.push(documents[lo].clone());
            }
            lo += 1;
        }
        vec![documents.to_vec(), reversed, interleaved]
    }

    /// Adds `documents` to an empty corpus in batches of `batch`, analysing after each batch as
    /// the app does, and returns the last analysis.
    fn added_in_batches(documents: &[Document], batch: usize) -> Analysis {
        let mut corpus = Corpus::new(Config::default());
        let mut last = corpus.analysis();
        for chunk in documents.chunks(batch) {
            corpus.add_documents(chunk.iter().cloned());
            last = corpus.analysis();
        }
        assert_eq!(corpus.len(), documents.len());
        last
    }

    /// Checks that every order of `documents`, added in each of the `batches` sizes, gives
    /// exactly the analysis of all of them at once.
    fn check_incremental_equals_full(documents: &[Document], batches: &[usize]) {
        let full = analyze(documents, &Config::default());
        assert!(
            full.events.iter().any(|e| e.sources.len() > 2),
            "the corpus must share events"
        );
        for order in orders(documents) {
            assert_eq!(analyze(&order, &Config::default()), full);
            for &batch in batches {
                assert_eq!(added_in_batches(&order, batch), full, "batches of {batch}");
            }
        }
        let mut corpus = Corpus::new(Config::default());
        corpus.add_documents(documents.iter().cloned());
        assert_eq!(corpus.into_analysis(), full);
    }

    #[test]
    fn adding_seeds_in_any_order_and_batch_gives_the_full_analysis() {
        check_incremental_equals_full(&seeds(), &[1, 2, 5]);
    }

    #[test]
    fn adding_a_generated_corpus_in_any_order_and_batch_gives_the_full_analysis() {
        let documents = generated();
        assert_eq!(documents.len(), 60);
        check_incremental_equals_full(&documents, &[23, 59]);
    }

    #[test]
    fn removing_or_changing_a_document_gives_the_analysis_without_it() {
        let documents = seeds();
        let mut corpus = Corpus::new(Config::default());
        corpus.add_documents(documents.iter().cloned());
        corpus.analysis();

        let (file, part) = (documents[2].file.clone(), documents[2].part);
        let removed = corpus.remove_documents(&file, part);
        assert_eq!(removed, [documents[2].clone()]);
        let rest: Vec<Document> = documents
            .iter()
            .filter(|d| d.file != file)
            .cloned()
            .collect();
        assert_eq!(corpus.analysis(), analyze(&rest, &Config::default()));

        // Restoring a flagged stretch as body text: remove, change, add again.
        corpus.add_documents(removed);
        let (index, flagged) = documents
            .iter()
            .enumerate()
            .find_map(|(i, d)| d.boilerplate.first().map(|b| (i, b.span)))
            .expect("a seed with flagged boilerplate");
        let target = &documents[index];
        let mut changed = corpus.remove_documents(&target.file, target.part);
        for d in &mut changed {
            d.boilerplate.retain(|b| b.span != flagged);
        }
        corpus.add_documents(changed);
        let mut expected = documents.clone();
        expected[index].boilerplate.retain(|b| b.span != flagged);
        let restored = corpus.analysis();
        assert_eq!(restored, analyze(&expected, &Config::default()));
        assert_ne!(restored, analyze(&documents, &Config::default()));
    }

    #[test]
    fn documents_alike_but_for_their_date_give_one_analysis_in_either_order() {
        let text = "Trump met Putin in Helsinki on Monday. The summit was a great success.";
        let dated = |day: i8| {
            let mut d = Document::from_text("same.txt", 0, text.to_string());
            let date = TimeValue::day(jiff::civil::Date::constant(2018, 7, day));
            d.published = Some(Published {
                evidence: Evidence {
                    source: "test".into(),
                    raw: date.value.clone(),
                    file_span: None,
                },
                date,
                rejected: Vec::new(),
            });
            d
        };
        let (a, b) = (dated(16), dated(17));
        let forward = analyze(&[a.clone(), b.clone()], &Config::default());
        assert_eq!(forward, analyze(&[b, a], &Config::default()));
        let days: Vec<String> = forward
            .sources
            .iter()
            .filter_map(|s| s.document.published.as_ref().map(|p| p.date.value.clone()))
            .collect();
        assert_eq!(days, ["2018-07-16", "2018-07-17"]);
    }
}
