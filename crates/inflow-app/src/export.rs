//! Data out: every observation of chosen series, latest or with every
//! vintage, with missing months as rows of their own.

use inflow_core::{
    Flow, Frequency, ObsStatus, Observation, Scale, Series, SeriesMeta, Tick, Vintage, Year,
    YearMonth, YearQuarter,
};
use serde::Serialize;

use crate::{App, Result};

/// One exported observation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExportRow {
    /// Series key.
    pub series: String,
    /// Frequency as SDMX codes it: `M`, `Q` or `A`.
    pub freq: String,
    /// Reporting economy (ISO 3166 alpha-2).
    pub ref_area: String,
    /// Counterpart (`W1` for the world).
    pub counterpart_area: String,
    /// `C` credit (exports) or `D` debit (imports).
    pub accounting_entry: &'static str,
    /// EBOPS 2010 (or national) item code.
    pub int_acc_item: String,
    /// Currency, such as `USD`.
    pub unit_measure: String,
    /// Power of ten of the unit (6 for millions).
    pub unit_mult: u8,
    /// The period as SDMX writes it: `YYYY-MM`, `YYYY-Qn` or `YYYY`.
    pub time_period: String,
    /// The value; `None` for a missing month.
    pub obs_value: Option<f64>,
    /// `reported`, `provisional`, `revised`, `derived` or `missing`.
    pub obs_status: &'static str,
    /// The status as a code of SDMX's CL_OBS_STATUS; see [`sdmx_obs_status`].
    #[serde(skip)]
    pub sdmx_obs_status: &'static str,
    /// `official`, `derived` or `secondary`; empty for a missing month.
    pub source_tier: &'static str,
    /// First day this value was the known one (its release date).
    pub realtime_start: String,
    /// Last day it was (the day before the next vintage), `9999-12-31`
    /// while current.
    pub realtime_end: String,
    /// Where it was published.
    pub source_url: String,
}

/// SDMX's observation status code (code list CL_OBS_STATUS) for a
/// status: `A` normal value (reported, and revised: a revision is a new
/// vintage, told by `realtime_start`, not a status in SDMX), `P`
/// provisional, `E` estimated (derived from published totals), `O` missing.
///
/// ```
/// use inflow_app::export::sdmx_obs_status;
/// use inflow_core::ObsStatus;
/// assert_eq!(sdmx_obs_status(Some(ObsStatus::Provisional)), "P");
/// assert_eq!(sdmx_obs_status(Some(ObsStatus::Revised)), "A");
/// assert_eq!(sdmx_obs_status(None), "O");
/// ```
pub fn sdmx_obs_status(status: Option<ObsStatus>) -> &'static str {
    match status {
        Some(ObsStatus::Reported | ObsStatus::Revised) => "A",
        Some(ObsStatus::Provisional) => "P",
        Some(ObsStatus::Derived) => "E",
        Some(ObsStatus::Missing) | None => "O",
    }
}

fn mult(s: Scale) -> u8 {
    match s {
        Scale::Units => 0,
        Scale::Thousand => 3,
        Scale::Million => 6,
        Scale::Billion => 9,
    }
}

fn row<P>(meta: &SeriesMeta, period: String, o: Option<&Observation<P>>, end: String) -> ExportRow {
    ExportRow {
        series: meta.key.to_string(),
        freq: meta.frequency.to_string(),
        ref_area: meta.economy.to_string(),
        counterpart_area: meta.partner.to_string(),
        accounting_entry: match meta.flow {
            Flow::Exports => "C",
            Flow::Imports => "D",
        },
        int_acc_item: meta.ebops.to_string(),
        unit_measure: meta.unit.currency.as_str().to_string(),
        unit_mult: mult(meta.unit.scale),
        time_period: period,
        obs_value: o.and_then(|o| o.value).map(|v| v.get()),
        obs_status: o.map_or("missing", |o| o.status.as_str()),
        sdmx_obs_status: sdmx_obs_status(o.map(|o| o.status)),
        source_tier: o.map_or("", |o| o.tier().as_str()),
        realtime_start: o.map(|o| o.release_date.to_string()).unwrap_or_default(),
        realtime_end: end,
        source_url: o.map(|o| o.source_url.clone()).unwrap_or_default(),
    }
}

impl App {
    /// Rows of `keys` (every series when empty): the latest value of each
    /// month, or with `all_vintages` every stored vintage with its real-time
    /// period. Months inside a series' span without a value are rows with
    /// no value and status `missing`.
    ///
    /// # Errors
    /// Not found for an unknown key; a storage error.
    pub fn export(&self, keys: &[String], all_vintages: bool) -> Result<Vec<ExportRow>> {
        let metas = if keys.is_empty() {
            self.store.series_list()?
        } else {
            keys.iter()
                .map(|k| self.store.series(k))
                .collect::<std::result::Result<_, _>>()?
        };
        let mut out = Vec::new();
        for meta in metas {
            match meta.frequency {
                Frequency::Monthly => self.rows_of::<YearMonth>(&meta, all_vintages, &mut out)?,
                Frequency::Quarterly => {
                    self.rows_of::<YearQuarter>(&meta, all_vintages, &mut out)?;
                }
                Frequency::Annual => self.rows_of::<Year>(&meta, all_vintages, &mut out)?,
            }
        }
        Ok(out)
    }

    /// Appends the rows of one series of periods `P`.
    fn rows_of<P: Tick>(
        &self,
        meta: &SeriesMeta,
        all_vintages: bool,
        out: &mut Vec<ExportRow>,
    ) -> Result<()> {
        let history = self.store.history_of::<P>(&meta.key)?;
        let latest = Series::<P>::from_history(meta.clone(), Vintage::Latest, history.clone());
        // From the first to the last stored observation, a value or not: a
        // series whose cells are all N/A (freelancers' imports) is exported
        // as rows with status missing, not left out.
        let (Some(first), Some(last)) = (
            latest.iter().next().map(|o| o.period),
            latest.iter().next_back().map(|o| o.period),
        ) else {
            return Ok(());
        };
        for k in first.ordinal()..=last.ordinal() {
            let Ok(m) = P::from_ordinal(k) else {
                continue;
            };
            let mut vintages: Vec<&Observation<P>> =
                history.iter().filter(|o| o.period == m).collect();
            vintages.sort_by_key(|o| o.release_date);
            if vintages.is_empty() {
                out.push(row::<P>(meta, m.to_string(), None, String::new()));
                continue;
            }
            if !all_vintages {
                let o = latest.get(m);
                out.push(row(meta, m.to_string(), o, "9999-12-31".into()));
                continue;
            }
            for (i, o) in vintages.iter().enumerate() {
                let end = vintages.get(i + 1).map_or("9999-12-31".to_string(), |n| {
                    n.release_date
                        .yesterday()
                        .map_or(n.release_date.to_string(), |d| d.to_string())
                });
                out.push(row(meta, m.to_string(), Some(o), end));
            }
        }
        Ok(())
    }
}
