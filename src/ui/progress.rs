//! The progress bar for work under way in the analysis worker, and any problem with the worker
//! itself. The page stays responsive meanwhile, because the work runs off the main thread.

use leptos::prelude::*;

use super::state::AppState;
use crate::analysis::session::Stage;

/// A progress bar while files are read and analysed; hidden when idle.
#[component]
pub fn ProgressBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let bar = move || {
        let p = state.progress.get()?;
        let label = match p.stage {
            Stage::Reading => format!(
                "{} ({} of {})",
                p.detail,
                (p.done + 1).min(p.total),
                p.total
            ),
            Stage::Analysing => format!("{}…", p.detail),
        };
        // Reading has a known length; the cross-reading step is shown as one indefinite step.
        let value = match p.stage {
            Stage::Reading => Some(p.done as f64),
            Stage::Analysing => None,
        };
        let max = p.total.max(1) as f64;
        Some(view! {
            <div id="progress" class="progress" role="status" aria-live="polite">
                <progress class="progress-bar" max=max value=value aria-label="Progress of the analysis"></progress>
                <p class="progress-label">{label}</p>
            </div>
        })
    };
    let error = move || {
        state
            .engine_error
            .get()
            .map(|why| view! { <p id="engine-error" class="engine-error" role="alert">{why}</p> })
    };
    view! { {bar} {error} }
}
