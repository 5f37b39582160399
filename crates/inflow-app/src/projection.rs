//! Fiscal-year projections and their backtest, through one cache.
//!
//! A projection is deterministic for its inputs: the model, the seed and the
//! number of simulated paths are [`inflow_project::Request`]'s defaults for
//! every caller (the projection command and route, the claim checker, the
//! brief), so they all print the same figures.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use inflow_core::{Amount, AsOf, FiscalYear, SeriesMeta};
use inflow_forecast::ModelSpec;
use inflow_project::{Backtest, Projection};

use crate::{App, Error, Result};

pub use inflow_project::Request;

/// Projections kept before the cache is emptied (each takes tens of
/// milliseconds; the parameters users vary are few).
const CAPACITY: usize = 256;

/// What to project.
#[derive(Clone, Debug, Default)]
pub struct ProjectionQuery {
    /// Series key.
    pub series: String,
    /// The fiscal year (`FY2023-24` or `FY24`); default: the year in
    /// progress at the last month used.
    pub fy: Option<String>,
    /// Which data to use.
    pub as_of: AsOf,
    /// A threshold for the total, in the series' unit.
    pub target: Option<Amount>,
    /// The forecast model.
    pub model: ModelSpec,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    /// The store's change counter when the projection was asked for: any
    /// writer bumps it, in this process or another (an `inflow import` from
    /// the command line while the server runs), so a projection of older
    /// data is never served.
    data: u64,
    series: String,
    fy: Option<FiscalYear>,
    as_of: AsOf,
    target: Option<u64>,
    model: ModelSpec,
}

/// Projections already made, shared by every connection to one database.
///
/// Entries are keyed by everything a projection depends on, including the
/// store's change counter ([`inflow_store::Store::generation`]), so an
/// import by any process invalidates them; [`clear`] (called after every
/// import through this process) also bumps a generation, so that a
/// projection computed from data that changed while it ran is not kept.
///
/// [`clear`]: ProjectionCache::clear
#[derive(Default)]
pub struct ProjectionCache {
    map: Mutex<HashMap<Key, Arc<Projection>>>,
    generation: AtomicU64,
}

impl ProjectionCache {
    /// Forgets every projection (the data changed).
    pub fn clear(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.map
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// The number of projections kept.
    pub fn len(&self) -> usize {
        self.map
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get_or_compute(
        &self,
        key: Key,
        compute: impl FnOnce() -> Result<Projection>,
    ) -> Result<Arc<Projection>> {
        {
            let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(hit) = map.get(&key) {
                return Ok(Arc::clone(hit));
            }
            // Entries of older data can never be asked for again.
            if map.keys().any(|k| k.data != key.data) {
                map.retain(|k, _| k.data == key.data);
            }
        }
        let generation = self.generation.load(Ordering::SeqCst);
        let p = Arc::new(compute()?);
        let mut map = self.map.lock().unwrap_or_else(PoisonError::into_inner);
        if self.generation.load(Ordering::SeqCst) == generation {
            if map.len() >= CAPACITY {
                map.clear();
            }
            map.insert(key, Arc::clone(&p));
        }
        Ok(p)
    }
}

impl App {
    /// Projects a fiscal-year total.
    ///
    /// # Errors
    /// [`Error::Invalid`] (`fy`) for a label that is not a fiscal year;
    /// not found for an unknown series or an as-of month never published;
    /// unprocessable when the data cannot support a projection.
    pub fn project(&self, q: &ProjectionQuery) -> Result<Arc<Projection>> {
        let meta = self.store.series(&q.series)?;
        let fy =
            q.fy.as_deref()
                .map(|s| meta.fiscal.parse_fiscal_year(s))
                .transpose()
                .map_err(|e| Error::invalid("fy", e))?;
        self.project_year(&meta, fy, q.as_of, q.target.map(Amount::get), q.model)
    }

    /// Projects `fy` of a series already looked up, through the cache.
    pub(crate) fn project_year(
        &self,
        meta: &SeriesMeta,
        fy: Option<FiscalYear>,
        as_of: AsOf,
        target: Option<f64>,
        model: ModelSpec,
    ) -> Result<Arc<Projection>> {
        let key = Key {
            data: self.store.generation()?,
            series: meta.key.to_string(),
            fy,
            as_of,
            target: target.map(f64::to_bits),
            model,
        };
        self.cache.get_or_compute(key, || {
            let history = self.history_at(&meta.key, as_of)?;
            let req = Request {
                fy,
                as_of,
                target,
                model,
                ..Request::default()
            };
            Ok(inflow_project::project(meta, &history, &req)?)
        })
    }

    /// Scores past projections of `key` for the fiscal years labelled in
    /// `years` (default: every complete year whose previous year is
    /// complete too).
    ///
    /// # Errors
    /// [`Error::Invalid`] (`fy`) for a bad label, [`Error::NothingToBacktest`]
    /// when no year qualifies, not found for an unknown series.
    pub fn backtest(&self, key: &str, years: &[String], model: ModelSpec) -> Result<Backtest> {
        let meta = self.store.series(key)?;
        let history = self.store.history(&meta.key)?;
        let years: Vec<FiscalYear> = if years.is_empty() {
            let latest = self.store.monthly(meta.key.as_str(), Default::default())?;
            let complete = |fy: FiscalYear| {
                fy.months()
                    .is_ok_and(|ms| ms.iter().all(|m| latest.value(*m).is_some()))
            };
            let mut years: Vec<FiscalYear> = latest
                .iter()
                .map(|o| meta.fiscal.fiscal_year_of(o.period))
                .filter(|fy| complete(*fy) && fy.previous().is_ok_and(complete))
                .collect();
            years.dedup();
            years
        } else {
            years
                .iter()
                .map(|s| meta.fiscal.parse_fiscal_year(s))
                .collect::<Result<_, _>>()
                .map_err(|e| Error::invalid("fy", e))?
        };
        if years.is_empty() {
            return Err(Error::NothingToBacktest);
        }
        let req = Request {
            model,
            ..Request::default()
        };
        Ok(inflow_project::backtest(&meta, &history, &years, &req)?)
    }
}
