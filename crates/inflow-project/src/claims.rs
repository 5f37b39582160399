//! Plugs projections into the claim checker, which judges forward-looking
//! claims ("likely to exceed $3 billion") against the current projection.

use inflow_claims::{ProjectionSummary, Projector};
use inflow_core::{FiscalYear, Observation, SeriesMeta};

use crate::{AsOf, Request, project};

/// A [`Projector`] over a series' stored history, projecting from the data
/// known at `as_of` (the same point the claims are judged at).
pub struct ClaimsProjector<'a> {
    meta: &'a SeriesMeta,
    history: &'a [Observation],
    as_of: AsOf,
}

impl<'a> ClaimsProjector<'a> {
    /// A projector for `meta`'s series.
    pub fn new(meta: &'a SeriesMeta, history: &'a [Observation], as_of: AsOf) -> Self {
        ClaimsProjector {
            meta,
            history,
            as_of,
        }
    }
}

impl Projector for ClaimsProjector<'_> {
    fn project(&self, fy: FiscalYear, target: Option<f64>) -> Option<ProjectionSummary> {
        let req = Request {
            fy: Some(fy),
            as_of: self.as_of,
            target,
            // Fewer paths than the CLI default: a text may hold several
            // forecasts, and two decimals of probability are plenty here.
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
