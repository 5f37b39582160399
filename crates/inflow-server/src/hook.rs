//! `inflow serve --webhook URL`: watches the database for new releases
//! (imported through `POST /api/import` or by another process) and POSTs a
//! JSON summary of each to the webhook, once.

use std::collections::HashSet;
use std::time::Duration;

use inflow_app::webhook::Webhook;
use inflow_report::feed::ReleaseEntry;

use crate::AppState;

/// The body POSTed for new releases: `{"event": "release", "releases": [...]}`,
/// each release as the feed gives it (series, date, months added and
/// revised with their values, year-on-year change, source).
pub fn release_summary(new: &[ReleaseEntry]) -> serde_json::Value {
    serde_json::json!({ "event": "release", "releases": new })
}

/// A release's identity for "seen already": series, date, retraction.
fn key(e: &ReleaseEntry) -> String {
    format!(
        "{}|{}|{}",
        e.series,
        e.released,
        e.retraction.as_ref().map_or(0, |r| r.release_id)
    )
}

/// Checks for new releases every `every` and POSTs each batch of them to
/// `hook`; what is in the database when it starts counts as seen. Runs until
/// the task is dropped. A failing receiver is logged, and the batch is not
/// sent again (the feed still lists it).
pub async fn watch_releases(state: AppState, hook: Webhook, every: Duration) {
    let mut seen: Option<HashSet<String>> = None;
    loop {
        match state.with_app(|app| Ok(app.releases(usize::MAX)?)).await {
            Ok(all) => {
                let keys: HashSet<String> = all.iter().map(key).collect();
                if let Some(old) = &seen {
                    let new: Vec<ReleaseEntry> =
                        all.into_iter().filter(|e| !old.contains(&key(e))).collect();
                    if !new.is_empty() {
                        let body = release_summary(&new);
                        let h = hook.clone();
                        match tokio::task::spawn_blocking(move || h.post(&body)).await {
                            Ok(Ok(status)) if (200..300).contains(&status) => {
                                tracing::info!(releases = new.len(), %hook, "webhook delivered");
                            }
                            Ok(Ok(status)) => {
                                tracing::warn!(status, %hook, "webhook answered with an error");
                            }
                            Ok(Err(e)) => tracing::warn!(%hook, "webhook not delivered: {e}"),
                            Err(e) => tracing::warn!(%hook, "webhook task failed: {e}"),
                        }
                    }
                }
                seen = Some(keys);
            }
            Err(e) => tracing::warn!("webhook watcher could not read the releases: {e:?}"),
        }
        tokio::time::sleep(every).await;
    }
}
