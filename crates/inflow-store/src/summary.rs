//! One line per series: what `inflow series` and `GET /api/series` list.

use inflow_core::{Frequency, Series, SeriesMeta, Tick, Vintage, Year, YearMonth, YearQuarter};
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
    /// Frequency code (`M`, `Q` or `A`).
    pub frequency: String,
    /// Publisher.
    pub source: String,
    /// The month fiscal years start in, by name.
    pub fiscal_year_starts: String,
    /// The month fiscal years start in, 1 to 12.
    pub fiscal_start_month: u32,
    /// First month with a value (latest vintage); for a quarterly or
    /// annual series the first month of the first period with a value.
    pub first_month: Option<YearMonth>,
    /// Last month with a value (latest vintage); for a quarterly or annual
    /// series the last month of the last period with a value.
    pub last_month: Option<YearMonth>,
    /// First and last periods with a value (`2019-Q2`, `2021-Q1`); only for
    /// a series that is not monthly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub periods: Option<(String, String)>,
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
            let (observations, span, periods) = match meta.frequency {
                Frequency::Monthly => self.coverage::<YearMonth>(&meta)?,
                Frequency::Quarterly => self.coverage::<YearQuarter>(&meta)?,
                Frequency::Annual => self.coverage::<Year>(&meta)?,
            };
            let published_totals = self.published(meta.key.as_str(), Vintage::Latest)?.len();
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
                periods,
                observations,
                published_totals,
            });
        }
        Ok(out)
    }

    /// Stored observations, the months covered and (when not monthly) the
    /// first and last periods with a value.
    #[allow(clippy::type_complexity)]
    fn coverage<P: Tick>(
        &self,
        meta: &SeriesMeta,
    ) -> Result<
        (
            usize,
            Option<(YearMonth, YearMonth)>,
            Option<(String, String)>,
        ),
        Error,
    > {
        let history = self.history_of::<P>(&meta.key)?;
        let n = history.len();
        let span = Series::from_history(meta.clone(), Vintage::Latest, history).span();
        Ok((
            n,
            span.map(|(a, b)| (a.first_month(), b.last_month())),
            span.filter(|_| P::FREQUENCY != Frequency::Monthly)
                .map(|(a, b)| (a.to_string(), b.to_string())),
        ))
    }
}
