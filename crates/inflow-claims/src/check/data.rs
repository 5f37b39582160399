//! The data a claim is judged against, read in the context's vintage.

use super::*;

/// A value from the data and what it rests on.
#[derive(Clone, Debug)]
pub(super) struct Point {
    pub(super) value: f64,
    /// Rounding of the data, in millions.
    pub(super) half: f64,
    pub(super) source_url: Option<String>,
    pub(super) what: String,
}

/// The data, read in the context's vintage.
pub(super) struct Data<'a> {
    pub(super) ctx: &'a Context<'a>,
    pub(super) cal: FiscalCalendar,
    pub(super) vintage: Vintage,
    /// Published figures visible in the vintage, by series and period.
    pub(super) published: HashMap<(&'a str, Period), Vec<&'a PublishedFigure>>,
}

impl<'a> Data<'a> {
    pub(super) fn new(ctx: &'a Context<'a>) -> Self {
        let vintage = ctx.total.vintage;
        let mut published: HashMap<(&str, Period), Vec<&PublishedFigure>> = HashMap::new();
        for f in ctx.published {
            if vintage.includes(f.release_date) {
                published
                    .entry((f.series.as_str(), f.period))
                    .or_default()
                    .push(f);
            }
        }
        Data {
            ctx,
            cal: ctx.total.meta.fiscal,
            vintage,
            published,
        }
    }

    pub(super) fn vintage_label(&self) -> String {
        match self.vintage {
            Vintage::Latest => "latest".into(),
            Vintage::AsOf(d) => d.to_string(),
        }
    }

    pub(super) fn key(&self, s: SeriesRef) -> Option<String> {
        match s {
            SeriesRef::Total => Some(self.ctx.total.meta.key.to_string()),
            SeriesRef::Component(suffix, _) => {
                Some(format!("{}.{suffix}", self.ctx.total.meta.key))
            }
            SeriesRef::Other(_) => None,
        }
    }

    pub(super) fn series(&self, key: &str) -> Option<&'a MonthlySeries> {
        if self.ctx.total.meta.key.as_str() == key {
            return Some(self.ctx.total);
        }
        self.ctx
            .components
            .iter()
            .find(|c| c.meta.key.as_str() == key)
    }

    /// Every value the data hold for `p`: the sum of monthly values (first,
    /// when complete) and each published figure for exactly that period.
    pub(super) fn points(&self, key: &str, p: ClaimPeriod) -> (Vec<Point>, Vec<YearMonth>) {
        let mut out = Vec::new();
        let mut missing = Vec::new();
        if let Some(s) = self.series(key) {
            let months = p.months();
            let sum = inflow_analytics::sum_months(s, &months);
            match sum.value {
                Some(v) => {
                    let url = months
                        .iter()
                        .rev()
                        .filter_map(|m| s.get(*m))
                        .map(|o| o.source_url.clone())
                        .find(|u| !u.is_empty());
                    let what = if months.len() == 1 {
                        format!("{key} for {}", p.label())
                    } else {
                        format!(
                            "sum of {} monthly values of {key}, {} to {}",
                            months.len(),
                            p.first().long_label(),
                            p.last().long_label()
                        )
                    };
                    out.push(Point {
                        value: v,
                        half: 0.5 * (months.len() as f64).sqrt(),
                        source_url: url,
                        what,
                    });
                }
                None => missing = sum.missing,
            }
        }
        if let Some(core) = p.to_core() {
            for f in self.published.get(&(key, core)).into_iter().flatten() {
                {
                    let v = f.value.get();
                    let decimals = format!("{v}").split('.').nth(1).map_or(0, str::len) as i32;
                    out.push(Point {
                        value: v,
                        half: 0.5 * 10f64.powi(-decimals),
                        source_url: (!f.source_url.is_empty()).then(|| f.source_url.clone()),
                        what: format!(
                            "{key} {} as published by {} on {}",
                            p.label(),
                            f.publisher,
                            f.release_date
                        ),
                    });
                }
            }
        }
        (out, missing)
    }

    pub(super) fn best(&self, key: &str, p: ClaimPeriod) -> Option<Point> {
        self.points(key, p).0.into_iter().next()
    }

    pub(super) fn missing_reason(
        &self,
        key: &str,
        p: ClaimPeriod,
        missing: &[YearMonth],
    ) -> String {
        let v = self.vintage_label();
        if missing.is_empty() {
            format!("there is no value of {key} for {} (vintage {v})", p.label())
        } else {
            let names: Vec<String> = missing.iter().take(4).map(|m| m.long_label()).collect();
            format!(
                "{key} has no value for {}{} (vintage {v})",
                names.join(", "),
                if missing.len() > 4 { " and more" } else { "" }
            )
        }
    }
}
