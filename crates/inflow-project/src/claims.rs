//! Plugs projections into the claim checker, which judges forward-looking
//! claims ("likely to exceed $3 billion") against the current projection.

use std::collections::HashMap;
use std::sync::Mutex;

use inflow_claims::{ProjectionSummary, Projector};
use inflow_core::{FiscalYear, Observation, SeriesMeta};

use crate::{AsOf, Request, project};

/// Projections already made, by fiscal year and target (as bits, so that
/// the key is hashable).
type Cache = HashMap<(FiscalYear, Option<u64>), Option<ProjectionSummary>>;

/// A [`Projector`] over a series' stored history, projecting from the data
/// known at `as_of` (the same point the claims are judged at).
///
/// Projections are remembered: a long text repeats the same forecast claim
/// many times, and each projection fits models and simulates paths.
pub struct ClaimsProjector<'a> {
    meta: &'a SeriesMeta,
    history: &'a [Observation],
    as_of: AsOf,
    cache: Mutex<Cache>,
}

impl<'a> ClaimsProjector<'a> {
    /// A projector for `meta`'s series.
    pub fn new(meta: &'a SeriesMeta, history: &'a [Observation], as_of: AsOf) -> Self {
        ClaimsProjector {
            meta,
            history,
            as_of,
            cache: Mutex::new(HashMap::new()),
        }
    }

    fn compute(&self, fy: FiscalYear, target: Option<f64>) -> Option<ProjectionSummary> {
        let req = Request {
            fy: Some(fy),
            as_of: self.as_of,
            target,
            // Fewer paths than the CLI default: two decimals of probability
            // are plenty for judging a sentence.
            paths: 2000,
            ..Request::default()
        };
        let p = project(self.meta, self.history, &req).ok()?;
        let iv = |l: &str| p.intervals.get(l).copied().unwrap_or([p.point, p.point]);
        let ([lo_80, hi_80], [lo_95, hi_95]) = (iv("80"), iv("95"));
        Some(ProjectionSummary {
            point: p.point,
            lo_80,
            hi_80,
            lo_95,
            hi_95,
            p_exceed: p.p_exceed,
            model: p.model,
            as_of: p.as_of,
        })
    }
}

impl Projector for ClaimsProjector<'_> {
    fn project(&self, fy: FiscalYear, target: Option<f64>) -> Option<ProjectionSummary> {
        let key = (fy, target.map(f64::to_bits));
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return hit;
        }
        let p = self.compute(fy, target);
        if let Ok(mut c) = self.cache.lock() {
            c.insert(key, p.clone());
        }
        p
    }
}
