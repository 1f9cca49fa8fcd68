//! The same files analysed natively, through the session the app's worker runs, so the browser
//! test can say exactly which entries the page must show for a filter and what each export must
//! hold. It only reads the analysis; every check of what the page shows stays in the tests.

use crossread::analysis::Analysis;
use crossread::analysis::EventId;
use crossread::analysis::session::{IncomingFile, Session};
use crossread::analysis::views::{EventIndex, FilterSpec, date_bands};

/// A timeline entry as a person tells it apart: its date value and its sentence.
pub type Entry = (String, String);

/// An analysis of the files the browser was given, with the index its filters run on.
pub struct Native {
    pub analysis: Analysis,
    index: EventIndex,
}

impl Native {
    /// Reads and analyses `files` (name and bytes) as the app's worker does.
    pub fn of(files: &[(String, Vec<u8>)]) -> Native {
        let incoming = files
            .iter()
            .zip(0u32..)
            .map(|((name, bytes), key)| IncomingFile {
                key,
                name: name.clone(),
                bytes: bytes.clone(),
            })
            .collect();
        let (_, analysis) = Session::new().add_files(incoming, &mut |_| {});
        let analysis = analysis.expect("the seed articles yield no document");
        let index = EventIndex::new(&analysis);
        Native { analysis, index }
    }

    /// Every entry, in the order the page lists them.
    pub fn all_entries(&self) -> Vec<Entry> {
        self.entries(&FilterSpec::default())
    }

    /// The entries `spec` keeps, in the order the page lists them: by date band, undated
    /// background last.
    pub fn entries(&self, spec: &FilterSpec) -> Vec<Entry> {
        let ids = self.index.filter_events(&self.analysis, spec);
        date_bands(&self.analysis, &ids)
            .into_iter()
            .flat_map(|band| band.events)
            .filter_map(|id: EventId| self.analysis.events.get(id.0 as usize))
            .map(|e| (page_date(e), e.text.clone()))
            .collect()
    }
}

/// What an entry's `data-date` holds: the event's TimeML value, or nothing when it is undated.
pub fn page_date(event: &crossread::analysis::Event) -> String {
    event
        .date
        .as_ref()
        .map(|d| d.value.clone())
        .unwrap_or_default()
}
