//! Reads the files named on the command line into documents, the way the app reads dropped files.
//! TimeML files (`.tml`, the TempEval corpora) are read as the plain-text article their `<TEXT>`
//! and document date make, so that a corpus story told by several agencies can be analysed and
//! scored like any dropped files.

use crossread::analysis::Document;
use crossread::analysis::ingest::{IngestConfig, ingest_file};
use crossread::analysis::temporal::timeml::timeml_article_text;

/// Reads every file, printing each file's diagnostics to stderr. Returns the documents and
/// whether any file failed entirely.
pub fn read_documents(paths: &[String]) -> (Vec<Document>, bool) {
    let config = IngestConfig::default();
    let mut documents = Vec::new();
    let mut failed = false;
    for path in paths {
        let name = std::path::Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.clone());
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: cannot read the file: {e}");
                failed = true;
                continue;
            }
        };
        let bytes = if name.ends_with(".tml") {
            timeml_article_text(&String::from_utf8_lossy(&bytes)).into_bytes()
        } else {
            bytes
        };
        let outcome = ingest_file(&name, &bytes, &config);
        for d in &outcome.diagnostics {
            eprintln!("{path}: {}", d.message);
        }
        failed |= outcome.documents.is_empty();
        documents.extend(outcome.documents);
    }
    (documents, failed)
}

/// Writes the command's output to stdout. A closed pipe (`| head`) ends the output quietly
/// instead of panicking.
pub fn print_output(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out
        .write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
