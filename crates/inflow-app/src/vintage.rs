//! Choosing the vintage a question is answered in.

use inflow_core::{AsOf, MonthlySeries, Observation, SeriesKey, Vintage};

use crate::{App, Result};

impl App {
    /// The vintage `as_of` names for series `key`: the latest values, the
    /// values known at the end of a date, or (for a month) the values known
    /// when that month was first published.
    ///
    /// # Errors
    /// [`crate::Error::Store`] for an unknown series,
    /// [`crate::Error::Project`] (not found) for a month never published.
    pub fn vintage(&self, key: &str, as_of: AsOf) -> Result<Vintage> {
        Ok(match as_of {
            AsOf::Latest => Vintage::Latest,
            AsOf::Date(d) => Vintage::AsOf(d),
            AsOf::Month(m) => {
                let meta = self.store.series(key)?;
                let first = self
                    .store
                    .history(&meta.key)?
                    .iter()
                    .filter(|o| o.period == m && o.value.is_some())
                    .map(|o| o.release_date)
                    .min()
                    .ok_or(inflow_project::Error::NotPublished {
                        series: meta.key.to_string(),
                        month: m,
                    })?;
                Vintage::AsOf(first)
            }
        })
    }

    /// Series `key`'s monthly values in the vintage `as_of` names.
    ///
    /// # Errors
    /// As [`App::vintage`].
    pub fn monthly(&self, key: &str, as_of: AsOf) -> Result<MonthlySeries> {
        let vintage = self.vintage(key, as_of)?;
        Ok(self.store.monthly(key, vintage)?)
    }

    /// Every stored vintage of `key` as a reader at `as_of` had them:
    /// releases retracted after that point are still there, those
    /// retracted by then are not. For use cases that choose a vintage from
    /// the history themselves (projections, the brief, the calendar).
    ///
    /// # Errors
    /// As [`App::vintage`].
    pub(crate) fn history_at(&self, key: &SeriesKey, as_of: AsOf) -> Result<Vec<Observation>> {
        let vintage = self.vintage(key.as_str(), as_of)?;
        Ok(self.store.history_in(key, vintage)?)
    }
}
