//! Rolling-origin evaluation of fiscal-year projections in pseudo-real time.

use inflow_core::{FiscalYear, MonthlySeries, Observation, SeriesMeta, Vintage};
use serde::Serialize;

use crate::{AsOf, Error, Request, data_as_of, project_series};

/// One projection of one fiscal year after `months_known` months.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BacktestCell {
    /// The fiscal year.
    pub fiscal_year: String,
    /// Months known when the projection was made.
    pub months_known: usize,
    /// The final total (latest vintage).
    pub actual: f64,
    /// inflow's projection.
    pub point: f64,
    /// Its 80% interval.
    pub interval_80: [f64; 2],
    /// Its 95% interval.
    pub interval_95: [f64; 2],
    /// Year to date × 12 / months known.
    pub run_rate: f64,
    /// Year to date scaled by last year's share of the same months in
    /// last year's total.
    pub seasonal_share: Option<f64>,
    /// The model used.
    pub model: String,
}

/// Errors averaged over fiscal years for one number of months known.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BacktestRow {
    /// Months known.
    pub months_known: usize,
    /// Number of fiscal years averaged.
    pub n: usize,
    /// Mean absolute percentage error of inflow's projection.
    pub inflow_mape: f64,
    /// Same for the run-rate baseline.
    pub run_rate_mape: f64,
    /// Same for the seasonal-share baseline.
    pub seasonal_share_mape: Option<f64>,
    /// Share of years whose actual total fell inside the 80% interval.
    pub coverage_80: f64,
    /// Same for the 95% interval.
    pub coverage_95: f64,
}

/// The whole backtest.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Backtest {
    /// Series key.
    pub series: String,
    /// Fiscal years evaluated.
    pub fiscal_years: Vec<String>,
    /// One row per number of months known (1 to 11).
    pub rows: Vec<BacktestRow>,
    /// Every projection made.
    pub cells: Vec<BacktestCell>,
}

fn ape(est: f64, actual: f64) -> f64 {
    ((est - actual) / actual).abs() * 100.0
}

/// Projects each fiscal year in `years` after each of its first 11 months,
/// each time from the data as first published for that month, and scores
/// the projections against the final totals. Years without a complete final
/// total are skipped.
///
/// # Errors
/// [`Error`] from a projection that cannot be made (such as a gap in the
/// year so far).
pub fn backtest(
    meta: &SeriesMeta,
    history: &[Observation],
    years: &[FiscalYear],
    req: &Request,
) -> Result<Backtest, Error> {
    let latest =
        MonthlySeries::from_history(meta.clone(), Vintage::Latest, history.iter().cloned());
    let mut cells = Vec::new();
    let mut evaluated = Vec::new();
    for &fy in years {
        let Some(actual) = inflow_analytics::sum_months(&latest, &fy.months()?).value else {
            continue;
        };
        evaluated.push(fy.to_string());
        for (k, month) in fy.months()?.into_iter().enumerate().take(11) {
            let k = k + 1;
            let (series, last) = data_as_of(meta, history, AsOf::Month(month))?;
            let p = project_series(
                &series,
                last,
                &Request {
                    fy: Some(fy),
                    as_of: AsOf::Month(month),
                    ..req.clone()
                },
            )?;
            let ytd = p.actual_to_date;
            let prev = fy.previous()?;
            let prev_total = inflow_analytics::sum_months(&series, &prev.months()?).value;
            let prev_same = inflow_analytics::sum_months(&series, &prev.months()?[..k]).value;
            let seasonal_share = match (prev_total, prev_same) {
                (Some(t), Some(s)) if s > 0.0 => Some(ytd * t / s),
                _ => None,
            };
            let iv = |l: &str| p.intervals.get(l).copied().unwrap_or([f64::NAN; 2]);
            cells.push(BacktestCell {
                fiscal_year: fy.to_string(),
                months_known: k,
                actual,
                point: p.point,
                interval_80: iv("80"),
                interval_95: iv("95"),
                run_rate: ytd * 12.0 / k as f64,
                seasonal_share,
                model: p.model,
            });
        }
    }
    let rows = (1..=11)
        .filter_map(|k| {
            let c: Vec<&BacktestCell> = cells.iter().filter(|c| c.months_known == k).collect();
            if c.is_empty() {
                return None;
            }
            let n = c.len() as f64;
            let mean = |f: &dyn Fn(&BacktestCell) -> f64| c.iter().map(|x| f(x)).sum::<f64>() / n;
            let inside = |i: [f64; 2], a: f64| f64::from(u8::from(i[0] <= a && a <= i[1]));
            let shares: Vec<f64> = c
                .iter()
                .filter_map(|x| x.seasonal_share.map(|s| ape(s, x.actual)))
                .collect();
            Some(BacktestRow {
                months_known: k,
                n: c.len(),
                inflow_mape: mean(&|x| ape(x.point, x.actual)),
                run_rate_mape: mean(&|x| ape(x.run_rate, x.actual)),
                seasonal_share_mape: (shares.len() == c.len())
                    .then(|| shares.iter().sum::<f64>() / n),
                coverage_80: mean(&|x| inside(x.interval_80, x.actual)),
                coverage_95: mean(&|x| inside(x.interval_95, x.actual)),
            })
        })
        .collect();
    Ok(Backtest {
        series: meta.key.to_string(),
        fiscal_years: evaluated,
        rows,
        cells,
    })
}
