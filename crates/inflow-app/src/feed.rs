//! The releases in the store, one per series and release date, newest
//! first: what each added and revised (the Atom feed's entries).

use inflow_core::{MonthlySeries, Observation, Vintage};
use inflow_report::feed::ReleaseEntry;

use crate::{App, Result};

/// The releases of one series' history, newest first.
pub fn releases_of(meta: &inflow_core::SeriesMeta, history: &[Observation]) -> Vec<ReleaseEntry> {
    let mut dates: Vec<_> = history.iter().map(|o| o.release_date).collect();
    dates.sort_unstable();
    dates.dedup();
    let mut out = Vec::new();
    let mut before = MonthlySeries::from_history(
        meta.clone(),
        Vintage::AsOf(inflow_core::Date::MIN),
        Vec::new(),
    );
    for d in dates {
        let now =
            MonthlySeries::from_history(meta.clone(), Vintage::AsOf(d), history.iter().cloned());
        let mut added = Vec::new();
        let mut revised = Vec::new();
        let mut source = String::new();
        for o in history.iter().filter(|o| o.release_date == d) {
            let Some(v) = o.value.map(|v| v.get()) else {
                continue;
            };
            if source.is_empty() {
                source = o.source_url.clone();
            }
            match before.value(o.period) {
                None => added.push((o.period, v)),
                Some(old) if old != v => revised.push((o.period, old, v)),
                Some(_) => {}
            }
        }
        added.sort_by_key(|a| a.0);
        revised.sort_by_key(|r| r.0);
        let yoy_pct = added.last().and_then(|(m, v)| {
            let prev = now.value(m.add_months(-12).ok()?)?;
            (prev != 0.0).then(|| (v - prev) / prev * 100.0)
        });
        if !added.is_empty() || !revised.is_empty() {
            out.push(ReleaseEntry {
                series: meta.key.to_string(),
                title: meta.title.clone(),
                unit: meta.unit.to_string(),
                released: d,
                added,
                revised,
                yoy_pct,
                source_url: source,
                retraction: None,
            });
        }
        before = now;
    }
    out.reverse();
    out
}

impl App {
    /// Every release in the store and every retraction of one, newest
    /// first, at most `limit`.
    ///
    /// # Errors
    /// [`crate::Error::Store`] when the store cannot be read.
    pub fn releases(&self, limit: usize) -> Result<Vec<ReleaseEntry>> {
        let mut all = Vec::new();
        for meta in self.store.series_list()? {
            let history = self.store.history(&meta.key)?;
            all.extend(releases_of(&meta, &history));
        }
        for r in self.store.releases()? {
            let (Some(on), Some(reason)) = (&r.retracted_on, &r.retraction_reason) else {
                continue;
            };
            let Ok(day) = inflow_core::parse_date(on.get(..10).unwrap_or(on)) else {
                continue;
            };
            all.push(ReleaseEntry {
                series: "retraction".into(),
                title: String::new(),
                unit: String::new(),
                released: day,
                added: Vec::new(),
                revised: Vec::new(),
                yoy_pct: None,
                source_url: String::new(),
                retraction: Some(inflow_report::feed::Retraction {
                    release_id: r.id,
                    release_date: r.release_date.clone(),
                    source: r.source.clone(),
                    reason: reason.clone(),
                }),
            });
        }
        all.sort_by(|a, b| b.released.cmp(&a.released).then(a.series.cmp(&b.series)));
        all.truncate(limit);
        Ok(all)
    }
}
