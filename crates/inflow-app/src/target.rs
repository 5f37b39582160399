//! The figure a fiscal year is compared with by default: the official
//! target stored for it (with who set it and where), else the year before
//! as published, else the year before as the sum of its months. The
//! dashboard, the headline and the projection offer it; a reader may still
//! type another.

use inflow_core::{AsOf, FiscalYear, Period, YearMonth};
use serde::Serialize;

use crate::{App, Result};

/// Where a [`DefaultTarget`] comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// An official target for the fiscal year (a ministry's).
    Official,
    /// The previous fiscal year's total as its publisher gave it.
    PreviousYearPublished,
    /// The previous fiscal year's twelve monthly values added up (no
    /// published total is stored).
    PreviousYearSum,
}

/// The default target of a fiscal year, with its source.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DefaultTarget {
    /// The fiscal year it is a target for (`FY2025-26`).
    pub fiscal_year: String,
    /// The target, in the series' unit.
    pub value: f64,
    /// Where it comes from.
    pub kind: TargetKind,
    /// For prose: "official target of the Ministry of ..." or "FY2024-25 as
    /// published by SBP".
    pub label: String,
    /// Who set or published it (empty for a sum of months).
    pub publisher: String,
    /// Where it was published (may be empty).
    pub source_url: String,
    /// The source's note.
    pub note: String,
}

impl App {
    /// The default target of the fiscal year of `month` (default: the
    /// latest) in the vintage `as_of`; `None` when the series has neither a
    /// target nor a complete previous year.
    ///
    /// # Errors
    /// Not found for an unknown series or a month without a value.
    pub fn default_target(
        &self,
        key: &str,
        month: Option<YearMonth>,
        as_of: AsOf,
    ) -> Result<Option<DefaultTarget>> {
        let series = self.monthly(key, as_of)?;
        let Some(month) = month.or_else(|| series.last_month()) else {
            return Ok(None);
        };
        let fy = series.meta.fiscal.fiscal_year_of(month);
        if let Some(t) = self
            .targets()?
            .into_iter()
            .find(|t| t.series == series.meta.key && t.fiscal_year == fy)
        {
            return Ok(Some(DefaultTarget {
                fiscal_year: fy.to_string(),
                value: t.value.get(),
                kind: TargetKind::Official,
                label: format!("official target of the {}", t.publisher),
                publisher: t.publisher,
                source_url: t.source_url,
                note: t.note,
            }));
        }
        let prev: FiscalYear = fy.previous()?;
        let published = self
            .store
            .published(key, series.vintage)?
            .into_iter()
            .filter(|p| {
                p.period.is_full_year()
                    && matches!(p.period, Period::FiscalToDate { fy: f, .. } if f == prev)
            })
            .max_by_key(|p| p.release_date);
        if let Some(p) = published {
            return Ok(Some(DefaultTarget {
                fiscal_year: fy.to_string(),
                value: p.value.get(),
                kind: TargetKind::PreviousYearPublished,
                label: format!("{prev} as published by {}", p.publisher),
                publisher: p.publisher,
                source_url: p.source_url,
                note: p.note,
            }));
        }
        let sum: Option<f64> = prev.months()?.iter().map(|m| series.value(*m)).sum();
        Ok(sum.map(|value| DefaultTarget {
            fiscal_year: fy.to_string(),
            value,
            kind: TargetKind::PreviousYearSum,
            label: format!("{prev}, the sum of its months"),
            publisher: String::new(),
            source_url: String::new(),
            note: String::new(),
        }))
    }

    /// The official targets inflow knows (the bundled ones).
    ///
    /// # Errors
    /// Only if the bundled targets are invalid, which the tests rule out.
    pub fn targets(&self) -> Result<Vec<inflow_import::Target>> {
        Ok(inflow_import::bundled_targets()?)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn app() -> (tempfile::TempDir, App) {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(&dir.path().join("t.db")).unwrap();
        (dir, app)
    }

    #[test]
    fn the_official_target_wins_and_carries_its_source() {
        let (_d, app) = app();
        let t = app
            .default_target(
                "pk.ict.exports",
                Some("2026-02".parse().unwrap()),
                AsOf::Latest,
            )
            .unwrap()
            .unwrap();
        assert_eq!(t.kind, TargetKind::Official);
        assert_eq!(t.fiscal_year, "FY2025-26");
        assert_eq!(t.value, 5200.0);
        assert!(t.label.contains("Ministry"), "{t:?}");
    }

    #[test]
    fn without_one_the_previous_year_as_published() {
        let (_d, app) = app();
        // FY2024-25 has no official target here: FY2023-24 as SBP gave it,
        // not the sum of its months.
        let t = app
            .default_target(
                "pk.ict.exports",
                Some("2024-10".parse().unwrap()),
                AsOf::Latest,
            )
            .unwrap()
            .unwrap();
        assert_eq!(t.kind, TargetKind::PreviousYearPublished, "{t:?}");
        assert!(t.label.starts_with("FY2023-24 as published by"), "{t:?}");
        assert!(!t.source_url.is_empty());
        let s = app.monthly("pk.ict.exports", AsOf::Latest).unwrap();
        let fy = s.meta.fiscal.parse_fiscal_year("FY2023-24").unwrap();
        let sum: f64 = fy
            .months()
            .unwrap()
            .iter()
            .map(|m| s.value(*m).unwrap())
            .sum();
        // The published figure, which the sum of months need not equal.
        let published: Vec<f64> = app
            .store
            .published("pk.ict.exports", s.vintage)
            .unwrap()
            .iter()
            .filter(|p| p.period.to_string() == "FY2023-24")
            .map(|p| p.value.get())
            .collect();
        assert!(
            published.contains(&t.value),
            "{t:?} not in {published:?} (months add to {sum})"
        );
    }
}
