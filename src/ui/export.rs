//! The export menu: the analysis as JSON (the CLI's schema), Markdown, a self-contained HTML
//! report, TimelineJS JSON and CSV, each downloaded without any network request.

use leptos::prelude::*;

use super::state::AppState;
use crate::analysis::Analysis;
use crate::analysis::export::{
    export_csv, export_html_report, export_json, export_markdown, export_timelinejs,
};
use crate::web;

/// One export format: its button, file name, media type and writer.
struct Format {
    id: &'static str,
    label: &'static str,
    file: &'static str,
    mime: &'static str,
    write: fn(&Analysis) -> String,
}

const FORMATS: [Format; 5] = [
    Format {
        id: "export-json",
        label: "JSON",
        file: "crossread.json",
        mime: "application/json",
        write: export_json,
    },
    Format {
        id: "export-markdown",
        label: "Markdown",
        file: "crossread.md",
        mime: "text/markdown",
        write: export_markdown,
    },
    Format {
        id: "export-html",
        label: "HTML report",
        file: "crossread-report.html",
        mime: "text/html",
        write: export_html_report,
    },
    Format {
        id: "export-timelinejs",
        label: "TimelineJS",
        file: "crossread-timelinejs.json",
        mime: "application/json",
        write: export_timelinejs,
    },
    Format {
        id: "export-csv",
        label: "CSV",
        file: "crossread.csv",
        mime: "text/csv",
        write: export_csv,
    },
];

/// The export buttons, disabled until there is an analysis.
#[component]
pub fn ExportMenu() -> impl IntoView {
    let state = expect_context::<AppState>();
    let error = RwSignal::new(None::<String>);
    let buttons = FORMATS
        .iter()
        .map(|format| {
            let Format {
                id,
                label,
                file,
                mime,
                write,
            } = *format;
            let download = move |_| {
                let Some(analysed) = state.analysed.get_untracked() else {
                    return;
                };
                let contents = write(&analysed.analysis);
                error.set(
                    web::download_text(file, mime, &contents)
                        .err()
                        .map(|e| e.to_string()),
                );
            };
            view! {
                <li>
                    <button id=id class="button" type="button" on:click=download
                        disabled=move || state.analysed.with(Option::is_none)>
                        {label}
                    </button>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <nav class="export" aria-label="Export the analysis">
            <span class="export-title">"Export"</span>
            <ul class="export-list">{buttons}</ul>
            {move || error.get().map(|e| view! { <p class="engine-error" role="alert">{e}</p> })}
        </nav>
    }
}
