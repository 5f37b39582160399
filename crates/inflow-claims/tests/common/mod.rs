//! The bundled data as a claims context: every series the bundle
//! describes (the total first, then its components and any other series,
//! empty where the bundle has no monthly values), and the published totals.

#![allow(dead_code)] // Each test file uses part of it.

use inflow_claims::Context;
use inflow_core::{MonthlySeries, PublishedFigure, Vintage};

/// The bundled series in one vintage.
pub struct Bundled {
    pub total: MonthlySeries,
    pub others: Vec<MonthlySeries>,
    pub published: Vec<PublishedFigure>,
}

impl Bundled {
    pub fn load(vintage: Vintage) -> Self {
        let batches = inflow_import::bundled_batches().unwrap();
        let obs: Vec<_> = batches[1]
            .observations
            .iter()
            .map(|o| o.value.clone())
            .collect();
        let mut all: Vec<MonthlySeries> = batches[0]
            .series
            .iter()
            .map(|m| MonthlySeries::from_history(m.value.clone(), vintage, obs.iter().cloned()))
            .collect();
        let total = all.remove(0);
        let published = batches[2]
            .published
            .iter()
            .map(|p| p.value.clone())
            .collect();
        Bundled {
            total,
            others: all,
            published,
        }
    }

    /// Everything as a context (no projector).
    pub fn ctx(&self) -> Context<'_> {
        Context::new(&self.total)
            .with_series(&self.others)
            .with_published(&self.published)
    }
}
