//! One line per series: what `inflow series` and `GET /api/series` list.

use inflow_core::{MonthlySeries, Vintage, YearMonth};
use serde::Serialize;

use crate::{Error, Store};

/// A series with its coverage, as listed to users.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct SeriesSummary {
    /// Series key.
    pub key: String,
    /// Title (for a series read from SBP's workbook, the item's label as
    /// published, such as "Software consultancy services").
    pub title: String,
    /// The publisher's item number, such as SBP's `9.2.2`; empty when the
    /// series did not come from a numbered table.
    pub source_item: String,
    /// Reporting economy (ISO 3166 alpha-2).
    pub economy: String,
    /// `exports` or `imports`.
    pub flow: String,
    /// EBOPS 2010 code.
    pub ebops: String,
    /// The EBOPS category's name.
    pub ebops_name: String,
    /// Partner (`W1` for the world).
    pub partner: String,
    /// Unit with scale.
    pub unit: String,
    /// Frequency code (`M`).
    pub frequency: String,
    /// Publisher.
    pub source: String,
    /// The month fiscal years start in, by name.
    pub fiscal_year_starts: String,
    /// The month fiscal years start in, 1 to 12.
    pub fiscal_start_month: u32,
    /// First month with a value (latest vintage).
    pub first_month: Option<YearMonth>,
    /// Last month with a value (latest vintage).
    pub last_month: Option<YearMonth>,
    /// Stored observations, all vintages.
    pub observations: usize,
    /// Stored published totals.
    pub published_totals: usize,
}

impl Store {
    /// Every series with its coverage, ordered by key.
    ///
    /// # Errors
    /// [`Error::Sqlite`] or [`Error::Corrupt`].
    pub fn summaries(&self) -> Result<Vec<SeriesSummary>, Error> {
        let mut out = Vec::new();
        let items = self.source_items()?;
        for meta in self.series_list()? {
            let history = self.history(&meta.key)?;
            let observations = history.len();
            let published_totals = self.published(meta.key.as_str(), Vintage::Latest)?.len();
            let span = MonthlySeries::from_history(meta.clone(), Vintage::Latest, history).span();
            let start = meta.fiscal.start_month();
            out.push(SeriesSummary {
                key: meta.key.to_string(),
                title: meta.title.clone(),
                source_item: items
                    .get(meta.key.as_str())
                    .map(|(item, _)| item.clone())
                    .unwrap_or_default(),
                economy: meta.economy.to_string(),
                flow: meta.flow.to_string(),
                ebops: meta.ebops.to_string(),
                ebops_name: meta.ebops.category().name.to_string(),
                partner: meta.partner.to_string(),
                unit: meta.unit.to_string(),
                frequency: meta.frequency.to_string(),
                source: meta.source.clone(),
                fiscal_year_starts: inflow_core::month::MONTH_NAMES[(start as usize - 1) % 12]
                    .to_string(),
                fiscal_start_month: start,
                first_month: span.map(|s| s.0),
                last_month: span.map(|s| s.1),
                observations,
                published_totals,
            });
        }
        Ok(out)
    }
}
