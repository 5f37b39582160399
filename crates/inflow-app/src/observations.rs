//! A series' monthly values in one vintage, with the columns every front
//! end shows them in (`inflow show`, `GET /api/series/{key}/observations`
//! and its `.csv`).

use inflow_core::number::plain;
use inflow_core::{AsOf, SourceTier, YearMonth};
use serde::Serialize;

use crate::{App, Error, Result};

/// Which values to read.
#[derive(Clone, Debug, Default)]
pub struct ObservationQuery {
    /// Series key.
    pub series: String,
    /// First month, inclusive.
    pub from: Option<YearMonth>,
    /// Last month, inclusive.
    pub to: Option<YearMonth>,
    /// Which vintage.
    pub as_of: AsOf,
}

/// One month of a series in one vintage.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ObservationRow {
    /// The month.
    pub month: YearMonth,
    /// Its fiscal year, e.g. `FY2023-24`.
    pub fiscal_year: String,
    /// The value; `null` for a month published without one.
    pub value: Option<f64>,
    /// `reported`, `provisional`, `revised`, ...
    pub status: &'static str,
    /// `official` (an SBP table), `derived` (computed) or `secondary` (a
    /// press report).
    pub source_tier: SourceTier,
    /// When this value was released.
    pub release_date: String,
    /// Where it was published.
    pub source_url: String,
    /// Free-text note.
    pub note: String,
    /// Higher than every earlier month, as the headline judges it.
    pub all_time_high: bool,
}

/// The values asked for, with what a reader needs to label them.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Observations {
    /// Series key.
    pub series: String,
    /// Series title.
    pub title: String,
    /// Unit of every value.
    pub unit: String,
    /// `latest` or the release date read.
    pub vintage: String,
    /// One row per month, oldest first.
    pub observations: Vec<ObservationRow>,
}

/// The CSV columns of observations, defined once for the CLI and the API.
pub const CSV_COLUMNS: [&str; 9] = [
    "month",
    "fiscal_year",
    "value",
    "unit",
    "status",
    "source_tier",
    "release_date",
    "source_url",
    "note",
];

impl Observations {
    /// Writes the rows as CSV with a header ([`CSV_COLUMNS`]).
    ///
    /// # Errors
    /// The writer's error.
    pub fn write_csv<W: std::io::Write>(&self, w: W) -> Result<(), csv::Error> {
        let mut w = csv::Writer::from_writer(w);
        w.write_record(CSV_COLUMNS)?;
        for r in &self.observations {
            w.write_record([
                r.month.to_string().as_str(),
                &r.fiscal_year,
                &r.value.map(plain).unwrap_or_default(),
                &self.unit,
                r.status,
                r.source_tier.as_str(),
                &r.release_date,
                &r.source_url,
                &r.note,
            ])?;
        }
        w.flush()?;
        Ok(())
    }

    /// The file name a download of these rows gets:
    /// `pk.ict.exports-20210601.csv`, `pk.ict.exports-latest.csv`.
    pub fn csv_file_name(&self) -> String {
        format!("{}-{}.csv", self.series, self.vintage.replace('-', ""))
    }
}

impl App {
    /// A series' values in a vintage and a range of months.
    ///
    /// # Errors
    /// [`Error::Invalid`] (`from`) when `from` is after `to`; an unknown
    /// series or a month never published is not found.
    pub fn observations(&self, q: &ObservationQuery) -> Result<Observations> {
        if let (Some(a), Some(b)) = (q.from, q.to)
            && a > b
        {
            return Err(Error::invalid(
                "from",
                format!("the first month {a} is after the last month {b}"),
            ));
        }
        let series = self.monthly(&q.series, q.as_of)?;
        let rows = series
            .iter()
            .filter(|o| q.from.is_none_or(|f| o.period >= f) && q.to.is_none_or(|t| o.period <= t))
            .map(|o| ObservationRow {
                month: o.period,
                fiscal_year: series.meta.fiscal.fiscal_year_of(o.period).to_string(),
                value: o.value.map(|v| v.get()),
                status: o.status.as_str(),
                source_tier: o.tier(),
                release_date: o.release_date.to_string(),
                source_url: o.source_url.clone(),
                note: o.note.clone(),
                all_time_high: o.value.is_some()
                    && inflow_analytics::headline(&series, o.period)
                        .is_ok_and(|h| h.record.all_time),
            })
            .collect();
        Ok(Observations {
            series: series.meta.key.to_string(),
            title: series.meta.title.clone(),
            unit: series.meta.unit.to_string(),
            vintage: series.vintage.to_string(),
            observations: rows,
        })
    }
}
