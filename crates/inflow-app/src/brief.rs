//! The release brief of a month.

use inflow_core::{Amount, YearMonth};
use inflow_forecast::ModelSpec;
use inflow_report::{Brief, Options};

use crate::{App, Result};

/// What to write a brief about.
#[derive(Clone, Debug, Default)]
pub struct BriefQuery {
    /// Series key.
    pub series: String,
    /// The month; default: the latest month with a value. The brief reads
    /// the data as released with that month.
    pub month: Option<YearMonth>,
    /// A target for the fiscal-year total; default: the fiscal year's
    /// official target when one is stored (a previous year's total is not
    /// called a target in prose).
    pub target: Option<Amount>,
    /// The projection's model.
    pub model: ModelSpec,
}

impl App {
    /// Builds the brief: every figure linked to its evidence, with charts.
    ///
    /// # Errors
    /// Not found for an unknown series or a month without a value.
    pub fn brief(&self, q: &BriefQuery) -> Result<Brief> {
        let meta = self.store.series(&q.series)?;
        // The brief reads the data as released with its month: releases
        // retracted after that still count, as they did that day.
        let as_of = q
            .month
            .map_or(inflow_core::AsOf::Latest, inflow_core::AsOf::Month);
        let history = self.history_at(&meta.key, as_of)?;
        let vintage = self.vintage(meta.key.as_str(), as_of)?;
        let all = self.store.series_list()?;
        let mut components = Vec::new();
        for m in inflow_analytics::breakdown::children_of(&meta, &all) {
            let h = self.store.history_in(&m.key, vintage)?;
            components.push((m.clone(), h));
        }
        let official = match q.target {
            Some(_) => None,
            None => {
                let as_of = q
                    .month
                    .map_or(inflow_core::AsOf::Latest, inflow_core::AsOf::Month);
                self.default_target(&q.series, q.month, as_of)?
                    .filter(|t| t.kind == crate::target::TargetKind::Official)
                    .map(|t| t.value)
            }
        };
        let opts = Options {
            month: q.month,
            target: q.target.map(Amount::get).or(official),
            model: q.model,
            components,
            today: Some(crate::release::today()),
        };
        Ok(inflow_report::build(&meta, &history, &opts)?)
    }
}
