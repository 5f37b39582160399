//! The data a claim is judged against, read in the context's vintage.

use super::*;
use crate::extract::FlowRef;
use crate::lexicon::Statistic;
use inflow_core::Flow;

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
        let text = text_date(ctx);
        for f in ctx.published {
            // As with months (`reported_later`): a total of a period
            // settled by the text's date and released within a month after
            // it is one the text can quote.
            let reported_later = text.is_some_and(|d| {
                settled(f.period.last_month(), d) && (f.release_date - d).get_days() <= 31
            });
            if vintage.includes(f.release_date) || reported_later {
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

    /// Every series of the context: the main one first.
    pub(super) fn all(&self) -> impl Iterator<Item = &'a MonthlySeries> {
        std::iter::once(self.ctx.total).chain(self.ctx.series.iter())
    }

    pub(super) fn series(&self, key: &str) -> Option<&'a MonthlySeries> {
        self.all().find(|c| c.meta.key.as_str() == key)
    }

    /// The main series of `economy`: the context's own when it is that
    /// economy's, else that economy's broadest exports series (ICT, then
    /// total services, then any). `None` when no series of it is loaded.
    pub(super) fn primary(&self, economy: Option<&str>) -> Option<&'a MonthlySeries> {
        let Some(e) = economy else {
            return Some(self.ctx.total);
        };
        if self.ctx.total.meta.economy.as_str() == e {
            return Some(self.ctx.total);
        }
        let of_e = || {
            self.ctx
                .series
                .iter()
                .filter(move |s| s.meta.economy.as_str() == e && s.meta.flow == Flow::Exports)
        };
        of_e()
            .find(|s| s.meta.ebops.as_str() == "SI")
            .or_else(|| of_e().find(|s| s.meta.ebops.as_str() == "S"))
            .or_else(|| of_e().next())
    }

    /// The series of `stat` (the primary's own statistic for `None`) for
    /// `flow` in the primary's economy, found by metadata: the EBOPS code,
    /// or the source's item number or the statistic's name in the title.
    ///
    /// # Errors
    /// Why there is none, naming the statistic and the economy.
    pub(super) fn find(
        &self,
        primary: &'a MonthlySeries,
        stat: Option<&'static Statistic>,
        flow: FlowRef,
        publisher: Option<&str>,
    ) -> Result<Found<'a>, String> {
        let economy = primary.meta.economy.as_str();
        let wanted = match flow {
            FlowRef::Exports => Some(Flow::Exports),
            FlowRef::Imports => Some(Flow::Imports),
            FlowRef::Net => None,
        };
        let code = stat.and_then(|s| s.ebops);
        let fits = |s: &MonthlySeries| {
            let m = &s.meta;
            if m.economy.as_str() != economy {
                return false;
            }
            let flow_ok = match wanted {
                Some(f) => m.flow == f && !is_net_title(&m.title),
                None => is_net_title(&m.title),
            };
            if !flow_ok {
                return false;
            }
            match stat {
                None => m.ebops == primary.meta.ebops,
                Some(st) => {
                    let title = m.title.to_ascii_lowercase();
                    code.is_some_and(|c| {
                        m.ebops.as_str() == c
                            && (!has_item_number(&title)
                                || st.item.is_some_and(|n| title_has_item(&title, n)))
                    }) || st.item.is_some_and(|n| title_has_item(&title, n))
                        || title.contains(&st.name.to_ascii_lowercase())
                }
            }
        };
        if flow == FlowRef::Net && !self.all().any(&fits) {
            // No balance is published as a series: exports less imports
            // of the same statistic, when both are loaded.
            let e = self.find(primary, stat, FlowRef::Exports, publisher);
            let i = self.find(primary, stat, FlowRef::Imports, publisher);
            if let (Ok(Found::One(e)), Ok(Found::One(i))) = (e, i) {
                return Ok(Found::Net(e, i));
            }
        }
        let mut found = self.all().filter(|s| fits(s));
        let first = found.next();
        // A publisher named in the text picks its series among several.
        let chosen = match publisher {
            Some(p) => std::iter::once(first)
                .flatten()
                .chain(found)
                .find(|s| s.meta.source.contains(p))
                .or(first),
            None => first,
        };
        chosen.map(Found::One).ok_or_else(|| {
            let what = stat.map_or_else(
                || {
                    crate::lexicon::statistic_by_code(primary.meta.ebops.as_str())
                        .map_or_else(|| primary.meta.title.clone(), |s| s.name.to_string())
                },
                |s| s.name.to_string(),
            );
            format!(
                "no series of {} of {what} for {} is loaded",
                flow.word(),
                crate::lexicon::economy_name(economy)
            )
        })
    }

    /// Every value the data hold for `p`: the sum of monthly values (first,
    /// when complete) and each published figure for exactly that period.
    pub(super) fn points(&self, key: &str, p: ClaimPeriod) -> (Vec<Point>, Vec<YearMonth>) {
        if let Some((e, i)) = key.split_once(NET) {
            // A balance: the size of exports less imports (a surplus or a
            // deficit is stated as a positive amount).
            let ((pe, mut me), (pi, mi)) = (self.points(e, p), self.points(i, p));
            me.extend(mi);
            return match (pe.first(), pi.first()) {
                (Some(a), Some(b)) => (
                    vec![Point {
                        value: (a.value - b.value).abs(),
                        half: a.half.hypot(b.half),
                        source_url: a.source_url.clone(),
                        what: format!(
                            "{} less {} = {} ({})",
                            fmt_num(a.value),
                            fmt_num(b.value),
                            fmt_num(a.value - b.value),
                            if a.value >= b.value {
                                "a surplus"
                            } else {
                                "a deficit"
                            }
                        ),
                    }],
                    me,
                ),
                _ => (Vec::new(), me),
            };
        }
        let mut out = Vec::new();
        let mut missing = Vec::new();
        if let Some(vintage_series) = self.series(key) {
            let months = p.months();
            let mut s = vintage_series;
            let mut sum = inflow_analytics::sum_months(s, &months);
            let mut lag_note = String::new();
            if let Some(latest) = self.reported_later(key, &sum.missing) {
                let later = inflow_analytics::sum_months(latest, &months);
                if later.value.is_some() {
                    lag_note = format!(
                        " (released after {}, the text's date; from the latest data)",
                        self.vintage_label()
                    );
                    s = latest;
                    sum = later;
                }
            }
            let factor = s.meta.unit.scale.factor() / 1e6;
            match sum.value {
                Some(v) => {
                    // Each value is as precise as it is published; a sum
                    // carries their rounding in quadrature.
                    let half = months
                        .iter()
                        .filter_map(|m| s.value(*m))
                        .map(|v| (0.5 * 10f64.powi(-decimals(v))).powi(2))
                        .sum::<f64>()
                        .sqrt();
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
                        value: v * factor,
                        half: half * factor,
                        source_url: url,
                        what: what + &lag_note,
                    });
                }
                None => missing = sum.missing,
            }
        }
        let factor = self
            .series(key)
            .map_or(1.0, |s| s.meta.unit.scale.factor() / 1e6);
        if let Some(core) = p.to_core() {
            for f in self.published.get(&(key, core)).into_iter().flatten() {
                {
                    let v = f.value.get();
                    out.push(Point {
                        value: v * factor,
                        half: 0.5 * 10f64.powi(-decimals(v)) * factor,
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

    /// The series of `key` to read `p` in: the vintage's, or the latest
    /// data when `p`'s months are missing from it but were over by the
    /// text's date (`reported_later`).
    pub(super) fn series_covering(&self, key: &str, p: ClaimPeriod) -> Option<&'a MonthlySeries> {
        let s = self.series(key)?;
        let missing: Vec<YearMonth> = p
            .months()
            .into_iter()
            .filter(|m| s.value(*m).is_none())
            .collect();
        Some(self.reported_later(key, &missing).unwrap_or(s))
    }

    /// The main series in the latest data, when every month `missing` from
    /// the vintage was `settled` by the text's date: the store's release
    /// dates are the day a source is known to have had a figure, and a
    /// report dated a few days before it still quotes the release. A month
    /// not settled by then stays missing (nobody could quote it yet).
    fn reported_later(&self, key: &str, missing: &[YearMonth]) -> Option<&'a MonthlySeries> {
        let latest = self.ctx.outcome?;
        if missing.is_empty() || key != self.ctx.total.meta.key.as_str() {
            return None;
        }
        let on = text_date(self.ctx)?;
        missing.iter().all(|m| settled(*m, on)).then_some(latest)
    }

    /// The values of `key` for `main` and `base` that `fits` pairs, of
    /// every pairing of monthly sums and published totals (published
    /// totals differ by a few million after revisions, and the text may
    /// have used any), else the first of each.
    ///
    /// # Errors
    /// The side with no value (`main` first) and its missing months.
    pub(super) fn pair(
        &self,
        key: &str,
        main: ClaimPeriod,
        base: ClaimPeriod,
        fits: impl Fn(&Point, &Point) -> bool,
    ) -> Result<(Point, Point), (ClaimPeriod, Vec<YearMonth>)> {
        let ((cs, cm), (bs, bm)) = (self.points(key, main), self.points(key, base));
        let pair = cs
            .iter()
            .flat_map(|c| bs.iter().map(move |b| (c, b)))
            .find(|(c, b)| fits(c, b))
            .or_else(|| cs.first().zip(bs.first()));
        match pair {
            Some((c, b)) => Ok((c.clone(), b.clone())),
            None if cs.is_empty() => Err((main, cm)),
            None => Err((base, bm)),
        }
    }

    /// "Nothing to check against" and why.
    pub(super) fn nothing(&self, key: &str, p: ClaimPeriod, missing: &[YearMonth]) -> String {
        format!(
            "Nothing to check against: {}.",
            self.missing_reason(key, p, missing)
        )
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

/// When the text was written: its publication date, else the vintage's.
/// `None` for a text read against the latest data with no date.
fn text_date(ctx: &Context<'_>) -> Option<inflow_core::Date> {
    ctx.published_on.or(match ctx.total.vintage {
        Vintage::AsOf(d) => Some(d),
        Vintage::Latest => None,
    })
}

/// Days after a month's end before its figure can be out: SBP publishes a
/// month in the third week of the next, so a text dated earlier than two
/// weeks after the month cannot be quoting its release.
const RELEASE_LAG_DAYS: i32 = 14;

/// Whether month `m` had been over for `RELEASE_LAG_DAYS` on `on`.
fn settled(m: YearMonth, on: inflow_core::Date) -> bool {
    let Some(next) = m.add_months(1).ok().and_then(|n| {
        inflow_core::Date::new(
            i16::try_from(n.year()).ok()?,
            i8::try_from(n.month()).ok()?,
            1,
        )
        .ok()
    }) else {
        return false;
    };
    (on - next).get_days() >= RELEASE_LAG_DAYS - 1
}

/// Digits after the decimal point as the value is written (at most 6).
fn decimals(v: f64) -> i32 {
    format!("{v}")
        .split('.')
        .nth(1)
        .map_or(0, |d| d.len().min(6) as i32)
}

/// Whether a title names a balance (net) rather than a gross flow.
fn is_net_title(title: &str) -> bool {
    let t = title.to_ascii_lowercase();
    t.contains(" net ") || t.starts_with("net ") || t.contains("balance")
}

fn has_item_number(title: &str) -> bool {
    title
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .any(|w| {
            w.contains('.')
                && w.trim_end_matches('.')
                    .split('.')
                    .all(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// Whether `title` carries the item number `n` as a word (`9.2.5`, not
/// `9.2.50`).
fn title_has_item(title: &str, n: &str) -> bool {
    title
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',' || c == ':')
        .any(|w| w.trim_end_matches('.') == n)
}

/// Joins the keys of exports and imports in the key of their balance.
pub(super) const NET: &str = " less ";

/// The series a claim is about: one series, or the balance of two.
pub(super) enum Found<'a> {
    One(&'a MonthlySeries),
    /// Exports and imports of the same statistic.
    Net(&'a MonthlySeries, &'a MonthlySeries),
}

impl Found<'_> {
    /// The key claims carry: the series' own, or `exports less imports`.
    pub(super) fn key(&self) -> String {
        match self {
            Found::One(s) => s.meta.key.to_string(),
            Found::Net(e, i) => format!("{}{NET}{}", e.meta.key, i.meta.key),
        }
    }
}
