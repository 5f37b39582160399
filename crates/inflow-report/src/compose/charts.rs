//! The data the charts draw, from the same vintage as the text.

use super::*;

/// Picks the data the charts draw, from the same vintage as the text.
pub(super) fn chart_data(
    series: &MonthlySeries,
    h: &Headline,
    projection: Option<Projection>,
    target: Option<f64>,
    released: Date,
) -> Result<ChartData, Error> {
    let month = h.month;
    // The last 36 months, or fewer when the data begin later.
    let first = month.add_months(-35)?.max(h.record.history_from);
    let mut best: Option<f64> = None;
    let mut bars = Vec::new();
    for o in series.iter().filter(|o| o.period <= month) {
        let v = o.value.map(|v| v.get());
        let record = match (v, best) {
            (Some(v), Some(b)) => v > b,
            _ => false,
        };
        if let Some(v) = v {
            best = Some(best.map_or(v, |b: f64| b.max(v)));
        }
        if o.period >= first {
            bars.push(MonthBar {
                month: o.period,
                value: v,
                record,
            });
        }
    }
    // Months without an observation still get a slot, so gaps show.
    let mut slots = Vec::new();
    for m in first.through(month) {
        match bars.iter().find(|b| b.month == m) {
            Some(b) => slots.push(b.clone()),
            None => slots.push(MonthBar {
                month: m,
                value: None,
                record: false,
            }),
        }
    }
    let fy = h.fiscal_year;
    let mut years = Vec::new();
    let mut y = fy;
    for _ in 0..4 {
        let months = y.months()?;
        let mut cum = Vec::new();
        let mut total = 0.0;
        for m in months.into_iter().filter(|m| *m <= month) {
            match series.value(m) {
                Some(v) => {
                    total += v;
                    cum.push(Some(total));
                }
                None => break,
            }
        }
        years.push(CumulativeLine {
            fiscal_year: y,
            cumulative: cum,
        });
        y = y.previous()?;
    }
    Ok(ChartData {
        series: series.meta.key.to_string(),
        title: series.meta.title.clone(),
        unit: series.meta.unit,
        source: series.meta.source.clone(),
        released,
        month,
        fiscal_year: fy,
        monthly: slots,
        cumulative: years,
        projection,
        target,
        breakdown_months: Vec::new(),
        breakdown: Vec::new(),
    })
}

/// Adds the components' months of the fiscal year so far (or the last 12
/// months early in the year) to the chart data, largest first.
pub(super) fn add_breakdown(
    charts: &mut ChartData,
    components: &[(SeriesMeta, Vec<Observation>)],
    released: Date,
    fy: FiscalYear,
    month: YearMonth,
) -> Result<(), Error> {
    let mut months = fy.months_through(month)?;
    if months.len() < 6 {
        months = month.add_months(-11)?.through(month).collect();
    }
    let mut lines: Vec<crate::chart::ComponentLine> = components
        .iter()
        .map(|(m, h)| {
            let s = MonthlySeries::from_history(
                m.clone(),
                Vintage::AsOf(released),
                h.iter().filter(|o| o.period <= month).cloned(),
            );
            crate::chart::ComponentLine {
                name: inflow_analytics::breakdown::component_name(m),
                values: months.iter().map(|x| s.value(*x)).collect(),
            }
        })
        .filter(|l| l.values.iter().any(Option::is_some))
        .collect();
    lines.sort_by(|a, b| {
        let t = |l: &crate::chart::ComponentLine| l.values.iter().flatten().sum::<f64>();
        t(b).total_cmp(&t(a))
    });
    // Months before the components were first published would be empty
    // slots taking most of the chart: start at the first month with a value.
    let first = (0..months.len())
        .find(|&i| lines.iter().any(|l| l.values[i].is_some()))
        .unwrap_or(0);
    months.drain(..first);
    for l in &mut lines {
        l.values.drain(..first);
    }
    if !lines.is_empty() {
        charts.breakdown_months = months;
        charts.breakdown = lines;
    }
    Ok(())
}
