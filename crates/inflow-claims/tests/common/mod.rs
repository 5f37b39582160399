//! The bundled data as a claims context: every series the bundle
//! describes (the total first, then its components and any other series,
//! empty where the bundle has no monthly values), and the published totals.

#![allow(dead_code)] // Each test file uses part of it.

use inflow_claims::{Claim, Context, Report};
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

    /// The bundled CSV files and, as a release of its own, each bundled
    /// SBP workbook (the real Jul-Feb FY26 release): every item of SBP's
    /// services table, credit and debit, as the command line loads them.
    pub fn load_with_workbooks(vintage: Vintage) -> Self {
        let mut batches = inflow_import::bundled_batches().unwrap();
        let mut known: Vec<_> = batches[0]
            .series
            .iter()
            .map(|s| s.value.key.clone())
            .collect();
        for w in inflow_import::BUNDLED_WORKBOOKS {
            let wb = inflow_import::sbp::read_workbook(w.name, w.bytes).unwrap();
            let date = inflow_core::parse_date(w.release_date).unwrap();
            let more = inflow_import::sbp::to_batches(&wb, date, w.source_url, &known).unwrap();
            for b in more {
                known.extend(b.series.iter().map(|s| s.value.key.clone()));
                batches.push(b);
            }
        }
        let metas: Vec<_> = batches
            .iter()
            .flat_map(|b| b.series.iter().map(|m| m.value.clone()))
            .collect();
        let obs: Vec<_> = batches
            .iter()
            .flat_map(|b| b.observations.iter().map(|o| o.value.clone()))
            .collect();
        let mut all: Vec<MonthlySeries> = metas
            .into_iter()
            .map(|m| MonthlySeries::from_history(m, vintage, obs.iter().cloned()))
            .collect();
        let total = all.remove(0);
        let published = batches
            .iter()
            .flat_map(|b| b.published.iter().map(|p| p.value.clone()))
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

/// The claim of `r` whose text is `text`; fails naming every claim found.
pub fn claim<'r>(r: &'r Report, text: &str) -> &'r Claim {
    r.claims
        .iter()
        .find(|c| c.text == text)
        .unwrap_or_else(|| panic!("no claim {text:?} in {:#?}", r.claims))
}
