//! The distribution of a year's total from a history and the months of the
//! year already known: the one computation behind `inflow project`, the
//! brief, the claim checker's forecast evidence, the dashboard and both
//! backtests, so that what is measured is what users get.

use inflow_forecast::{FittedModel, Forecast, ModelSpec, quantile_sorted as quantile};

use crate::Error;
use crate::calibrate::{Calibration, MAX_LEFT, Z90};

/// Fewest months of unbroken history from which the model's own spread is
/// trusted. With less than two seasons a model cannot tell seasonality from
/// trend or noise, so the spread is at least that of [`PRIOR_CV`].
pub const MIN_HISTORY: usize = 24;

/// Monthly relative step of the prior used below [`MIN_HISTORY`]: the
/// median over the M3 monthly training series of the root mean square
/// monthly change of the logarithm (0.112). The remaining months are
/// treated as a random walk with this step from the level of the last
/// year (or what there is of it).
pub const PRIOR_CV: f64 = 0.112;

/// Smallest scale relative to the centre: an interval never has zero width,
/// even for a model without noise (a constant series, one observation).
pub const MIN_RELATIVE_SCALE: f64 = 1e-4;

/// What a projection needs beyond the data: model, paths, seed, calibration.
#[derive(Clone, Debug)]
pub struct TotalSettings<'a> {
    /// The forecast model.
    pub model: ModelSpec,
    /// Simulated paths.
    pub paths: usize,
    /// Seed of the simulation.
    pub seed: u64,
    /// The calibration of the total's quantiles; `None` for the model's
    /// own simulated totals.
    pub calibration: Option<&'a Calibration>,
}

/// The distribution of a year's total.
#[derive(Clone, Debug)]
pub struct YearTotal {
    /// Sum of the months known.
    pub known: f64,
    /// Sum of the point forecasts of the months left.
    pub centre: f64,
    /// Scale below the centre (see [`crate::calibrate`]).
    pub scale_lo: f64,
    /// Scale above the centre.
    pub scale_hi: f64,
    /// Months of the year not known.
    pub months_left: usize,
    /// Steps from the end of the data to the last month of the year.
    pub horizon: usize,
    /// The model used, with any fallback.
    pub model: String,
    /// The point forecasts and monthly intervals (80% and 95%).
    pub forecast: Forecast,
    /// Why the interval was widened beyond the model's spread, if it was.
    pub widened: Option<String>,
    quantiles: Quantiles,
}

/// Where the total's quantiles come from.
#[derive(Clone, Debug)]
enum Quantiles {
    /// The calibration table applied to the centre and scales.
    Calibrated(Calibration),
    /// The simulated totals of the months left themselves, sorted (the
    /// model's own distribution, as inflow had before calibration).
    Paths(Vec<f64>),
}

impl YearTotal {
    /// The projected total: months known plus point forecasts.
    pub fn point(&self) -> f64 {
        self.known + self.centre
    }

    /// The central interval of the total at `level` percent.
    pub fn interval(&self, level: f64) -> (f64, f64) {
        if self.months_left == 0 {
            return (self.known, self.known);
        }
        let (lo, hi) = match &self.quantiles {
            Quantiles::Calibrated(c) => c.interval(
                self.left_row(),
                self.centre,
                self.scale_lo,
                self.scale_hi,
                level,
            ),
            Quantiles::Paths(sorted) => {
                let a = (1.0 - level / 100.0) / 2.0;
                (quantile(sorted, a), quantile(sorted, 1.0 - a))
            }
        };
        (self.known + lo, self.known + hi)
    }

    /// How the interval and the probability were made, for evidence text:
    /// the calibration table over the simulated centre and spread, or the
    /// simulated totals themselves.
    pub fn method(&self, paths: usize) -> String {
        match &self.quantiles {
            Quantiles::Calibrated(_) => format!(
                "centre and spread of the remaining months' total from {paths} simulated paths; \
                 interval and probability from the calibration table of past year totals' \
                 standardized errors (row: {} months left)",
                self.left_row()
            ),
            Quantiles::Paths(_) => format!(
                "interval and probability from {paths} simulated paths of the remaining months summed"
            ),
        }
    }

    /// The probability that the total exceeds `target`.
    pub fn p_exceed(&self, target: f64) -> f64 {
        if self.months_left == 0 {
            return if self.known > target { 1.0 } else { 0.0 };
        }
        let x = target - self.known;
        match &self.quantiles {
            Quantiles::Calibrated(c) => c.p_exceed(
                self.left_row(),
                self.centre,
                self.scale_lo,
                self.scale_hi,
                x,
            ),
            Quantiles::Paths(sorted) => {
                let above = sorted.len() - sorted.partition_point(|v| *v <= x);
                above as f64 / sorted.len() as f64
            }
        }
    }

    /// The standardized error of an actual total (for calibrating).
    pub fn score(&self, actual: f64) -> f64 {
        crate::calibrate::score(
            actual - self.known,
            self.centre,
            self.scale_lo,
            self.scale_hi,
        )
    }

    /// The calibration row used: months left, or a whole year when the sum
    /// starts later than the next month.
    pub fn left_row(&self) -> usize {
        if self.horizon > self.months_left {
            MAX_LEFT
        } else {
            self.months_left
        }
    }
}

/// The distribution of the total of a year of which `known` (the sum of the
/// months known) is in hand and the last `months_left` of the next `h`
/// steps after `history` are to come.
///
/// # Errors
/// [`Error::Forecast`] when no model can be fitted, [`Error::Range`]-like
/// problems are the caller's to check.
pub fn year_total(
    history: &[f64],
    known: f64,
    h: usize,
    months_left: usize,
    settings: &TotalSettings<'_>,
) -> Result<YearTotal, Error> {
    let skip = h - months_left.min(h);
    let (model, mut forecast) = if h == 0 {
        (
            None,
            Forecast {
                point: Vec::new(),
                intervals: Vec::new(),
            },
        )
    } else {
        let (m, f) = inflow_forecast::fit_forecast(settings.model, history, 12, h, &[80.0, 95.0])?;
        (Some(m), f)
    };
    let centre: f64 = forecast.point.get(skip..).map_or(0.0, |p| p.iter().sum());
    let totals = match &model {
        Some(m) if months_left > 0 => path_totals(m.as_ref(), h, skip, settings)?,
        _ => vec![0.0],
    };
    let (mut scale_lo, mut scale_hi) = if totals.len() > 1 {
        let (q10, q50, q90) = (
            quantile(&totals, 0.1),
            quantile(&totals, 0.5),
            quantile(&totals, 0.9),
        );
        ((q50 - q10) / Z90, (q90 - q50) / Z90)
    } else {
        (0.0, 0.0)
    };
    let mut widened = None;
    if months_left > 0 {
        if history.len() < MIN_HISTORY {
            let recent = &history[history.len().saturating_sub(12)..];
            let level = recent.iter().map(|v| v.abs()).sum::<f64>() / recent.len().max(1) as f64;
            let steps: f64 = ((skip + 1)..=h).map(|j| (j * j) as f64).sum();
            let prior = level * PRIOR_CV * steps.sqrt();
            if prior > scale_lo.min(scale_hi) {
                let n = history.len();
                widened = Some(format!(
                    "only {n} month{} of unbroken history (fewer than {MIN_HISTORY}): the interval is at least that of a random walk with monthly steps of {:.1}%",
                    if n == 1 { "" } else { "s" },
                    PRIOR_CV * 100.0
                ));
            }
            scale_lo = scale_lo.max(prior);
            scale_hi = scale_hi.max(prior);
            widen_monthly(&mut forecast, |j| level * PRIOR_CV * (j as f64).sqrt());
        }
        widen_monthly(&mut forecast, |_| 0.0);
        let floor = (MIN_RELATIVE_SCALE * centre.abs())
            .max(1e-9 * known.abs())
            .max(1e-12);
        scale_lo = scale_lo.max(floor);
        scale_hi = scale_hi.max(floor);
    }
    Ok(YearTotal {
        known,
        centre,
        scale_lo,
        scale_hi,
        months_left,
        horizon: h,
        model: model.map_or_else(|| "actual (the year is complete)".into(), |m| m.name()),
        forecast,
        widened,
        quantiles: match settings.calibration {
            Some(c) => Quantiles::Calibrated(c.clone()),
            None => Quantiles::Paths(totals),
        },
    })
}

/// Makes each monthly interval at least as wide as a normal one with
/// standard deviation `sd(step)` around the point, and never of zero width.
fn widen_monthly(fc: &mut Forecast, sd: impl Fn(usize) -> f64) {
    for iv in &mut fc.intervals {
        let z = crate::calibrate::qnorm(0.5 + iv.level / 200.0);
        for (j, p) in fc.point.iter().enumerate() {
            let half = (z * sd(j + 1))
                .max(MIN_RELATIVE_SCALE * z * p.abs())
                .max(1e-12);
            iv.lo[j] = iv.lo[j].min(p - half);
            iv.hi[j] = iv.hi[j].max(p + half);
        }
    }
}

/// The simulated totals of steps `skip+1..=h`, sorted (at least one).
fn path_totals(
    model: &dyn FittedModel,
    h: usize,
    skip: usize,
    settings: &TotalSettings<'_>,
) -> Result<Vec<f64>, Error> {
    let paths = model.sample_paths(h, settings.paths.max(1), settings.seed)?;
    let mut totals: Vec<f64> = paths
        .iter()
        .map(|p| p[skip..].iter().sum::<f64>())
        .filter(|t| t.is_finite())
        .collect();
    if totals.is_empty() {
        totals.push(0.0);
    }
    totals.sort_by(f64::total_cmp);
    Ok(totals)
}
