//! Batch forecasts of a panel of series (reading and writing panel files is
//! the use-case layer's: `inflow_app::panel`; this crate does no I/O).
//!
//! A [`PanelSeries`] holds the training values and, for backtests, the
//! values held out after them ([`PanelSeries::test`]), which
//! [`forecast_panel`] never fits on.
//!
//! ```
//! use inflow_forecast::panel::{forecast_panel, Panel, PanelOptions, PanelSeries};
//! let panel = Panel {
//!     series: vec![
//!         PanelSeries { id: "a".into(), values: vec![10.0, 11.0, 12.0, 13.0], test: vec![] },
//!         PanelSeries { id: "b".into(), values: vec![5.0], test: vec![] },
//!     ],
//! };
//! let opts = PanelOptions { horizon: 2, ..PanelOptions::default() };
//! let results = forecast_panel(&panel, &opts, &|| {});
//! assert_eq!(results.iter().flatten().count(), 2);
//! ```

use rayon::prelude::*;

use crate::{Error, Forecast, ModelSpec, SeasonalNaive, check_levels, fit_forecast};
use crate::{Fit, FittedModel};

/// One series of a panel, oldest value first.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelSeries {
    /// The `series_id`.
    pub id: String,
    /// Values in time order (the training part).
    pub values: Vec<f64>,
    /// Values of the rows marked `test`, in time order, following `values`.
    pub test: Vec<f64>,
}

/// The series of a panel file, in order of first appearance.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Panel {
    /// The series.
    pub series: Vec<PanelSeries>,
}

/// Settings of a panel run.
#[derive(Clone, Debug)]
pub struct PanelOptions {
    /// The model (default [`ModelSpec::Auto`]).
    pub model: ModelSpec,
    /// Steps ahead (default 12).
    pub horizon: usize,
    /// Season length (default 12).
    pub season_length: usize,
    /// Interval levels in percent (default `[80]`).
    pub levels: Vec<f64>,
}

impl Default for PanelOptions {
    fn default() -> Self {
        PanelOptions {
            model: ModelSpec::Auto,
            horizon: 12,
            season_length: 12,
            levels: vec![80.0],
        }
    }
}

/// The forecast of one series.
#[derive(Clone, Debug)]
pub struct SeriesForecast {
    /// The `series_id`.
    pub id: String,
    /// What was fitted ([`FittedModel::name`]).
    pub model: String,
    /// Why a simpler model was used, if one was.
    pub fallback: Option<String>,
    /// Points and intervals.
    pub forecast: Forecast,
}

/// Forecasts every series in parallel (rayon, all cores), calling `on_done`
/// after each series. A series that cannot be fitted with the requested
/// model is fitted with a simpler one ([`SeriesForecast::fallback`] says
/// why); a series that cannot be forecast at all is returned as an error
/// with its id, and the others go on.
pub fn forecast_panel(
    panel: &Panel,
    opts: &PanelOptions,
    on_done: &(dyn Fn() + Sync),
) -> Vec<Result<SeriesForecast, (String, Error)>> {
    panel
        .series
        .par_iter()
        .map(|s| {
            let r = forecast_one(s, opts).map_err(|e| (s.id.clone(), e));
            on_done();
            r
        })
        .collect()
}

fn forecast_one(s: &PanelSeries, opts: &PanelOptions) -> Result<SeriesForecast, Error> {
    check_levels(&opts.levels)?;
    let (model, forecast) = match fit_forecast(
        opts.model,
        &s.values,
        opts.season_length,
        opts.horizon,
        &opts.levels,
    ) {
        Ok(r) => r,
        Err(e) => {
            // Last resort: the naive method on whatever is usable.
            let m = SeasonalNaive::new(1).fit(&s.values).map_err(|_| e)?;
            let f = m.forecast(opts.horizon, &opts.levels)?;
            (Box::new(m) as Box<dyn FittedModel>, f)
        }
    };
    Ok(SeriesForecast {
        id: s.id.clone(),
        model: model.name(),
        fallback: model.fallback(),
        forecast,
    })
}

/// The column label of a level: `80` for 80, `99.5` for 99.5.
pub fn level_label(level: f64) -> String {
    format!("{level}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forecast_past_f64_range_falls_back() {
        // Growth by a factor of a million a month, ending near 1e288: on the
        // log scale the trend runs past f64's range within the horizon.
        let s = PanelSeries {
            id: "grow".into(),
            values: (1..=48).map(|t| 10f64.powi(6 * t)).collect(),
            test: Vec::new(),
        };
        let opts = PanelOptions {
            horizon: 24,
            ..PanelOptions::default()
        };
        let f = forecast_one(&s, &opts).unwrap();
        let values = f.forecast.point.iter().chain(
            f.forecast
                .intervals
                .iter()
                .flat_map(|i| i.lo.iter().chain(&i.hi)),
        );
        assert!(values.into_iter().all(|v| v.is_finite()), "{}", f.model);
        assert!(f.fallback.unwrap().contains("not finite"), "{}", f.model);
    }

    #[test]
    fn a_short_series_falls_back_and_the_run_goes_on() {
        let p = Panel {
            series: vec![
                PanelSeries {
                    id: "long".into(),
                    values: (1..=40).map(|t| f64::from(100 + t % 12)).collect(),
                    test: vec![],
                },
                PanelSeries {
                    id: "short".into(),
                    values: vec![5.0, 6.0],
                    test: vec![],
                },
            ],
        };
        let r = forecast_panel(&p, &PanelOptions::default(), &|| {});
        let short = r.iter().flatten().find(|s| s.id == "short").unwrap();
        assert!(short.fallback.is_some(), "{}", short.model);
        assert_eq!(r.iter().flatten().count(), 2);
    }
}
