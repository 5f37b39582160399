//! Checking the figures of a news text: the claims context (the series,
//! its components and published totals in the chosen vintage) and the
//! projections forward-looking claims are judged against.

use inflow_claims::{ProjectionSummary, Projector, Report};
use inflow_core::{AsOf, Date, FiscalYear, MonthlySeries, SeriesMeta, Vintage};
use inflow_forecast::ModelSpec;

use crate::{App, Result};

/// What to check a text against.
#[derive(Clone, Debug, Default)]
pub struct CheckQuery {
    /// The series the text is about by default; a text naming another
    /// economy, flow or item is judged against that series if it is loaded.
    pub series: String,
    /// Judge against what was known then (a text's publication date), so
    /// earlier figures are not called wrong because of later revisions.
    pub as_of: AsOf,
    /// When the text was published: bare months ("in January"), "last
    /// month" and "this fiscal year" are read from it. Default: the date
    /// of the vintage read, if not the latest.
    pub published: Option<Date>,
}

/// A [`Projector`] that projects through the app's cache with the same
/// request as `inflow project`, so a forecast verdict quotes the figures
/// the projection shows.
struct AppProjector<'a> {
    app: &'a App,
    meta: &'a SeriesMeta,
    as_of: AsOf,
}

impl Projector for AppProjector<'_> {
    fn project(&self, fy: FiscalYear, target: Option<f64>) -> Option<ProjectionSummary> {
        let p = self
            .app
            .project_year(
                self.meta,
                Some(fy),
                self.as_of,
                target,
                ModelSpec::default(),
            )
            .ok()?;
        let iv = |l: &str| p.intervals.get(l).copied().unwrap_or([p.point, p.point]);
        let ([lo_80, hi_80], [lo_95, hi_95]) = (iv("80"), iv("95"));
        Some(ProjectionSummary {
            point: p.point,
            lo_80,
            hi_80,
            lo_95,
            hi_95,
            p_exceed: p.p_exceed,
            model: p.model.clone(),
            as_of: p.as_of,
        })
    }
}

impl App {
    /// Finds the numeric claims of `text` and judges each against the data.
    ///
    /// # Errors
    /// Not found for an unknown series or an as-of month never published.
    pub fn check(&self, text: &str, q: &CheckQuery) -> Result<Report> {
        let vintage = self.vintage(&q.series, q.as_of)?;
        let total = self.store.monthly(&q.series, vintage)?;
        // Every other series, found by the checker through its metadata.
        let mut others: Vec<MonthlySeries> = Vec::new();
        // Every vintage's totals: the checker keeps those the text could
        // have quoted.
        let mut published = self.store.published(&q.series, Vintage::Latest)?;
        for meta in self.store.series_list()? {
            // The checker reads monthly series; a quarterly or annual one
            // in the same database is left out rather than failing the check.
            if meta.key != total.meta.key && meta.frequency == inflow_core::Frequency::Monthly {
                published.extend(self.store.published(meta.key.as_str(), Vintage::Latest)?);
                others.push(self.store.monthly(meta.key.as_str(), vintage)?);
            }
        }
        let latest = self.store.monthly(&q.series, Vintage::Latest)?;
        let projector = AppProjector {
            app: self,
            meta: &total.meta,
            as_of: q.as_of,
        };
        let mut ctx = inflow_claims::Context::new(&total)
            .with_series(&others)
            .with_published(&published)
            .with_projector(&projector)
            .with_outcome(&latest);
        if let Some(d) = q.published.or(match vintage {
            Vintage::AsOf(d) => Some(d),
            Vintage::Latest => None,
        }) {
            ctx = ctx.with_published_on(d);
        }
        Ok(inflow_claims::check(text, &ctx))
    }
}
