//! `inflow headline`: the headline figures of one month.

use inflow_app::release::HeadlineReport;
use inflow_app::types::Headline;
use inflow_core::{Vintage, YearMonth};

use crate::context::{AsOfOpt, Global, SeriesOpt};
use inflow_core::number::count;

use crate::output::{self, Format, amount, opt_amount, opt_pct, opt_signed, signed};

/// Arguments of `inflow headline`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The month, YYYY-MM [default: the latest month with data].
    #[arg(long)]
    pub month: Option<YearMonth>,
    #[command(flatten)]
    pub series: SeriesOpt,
    #[command(flatten)]
    pub as_of: AsOfOpt,
    /// Judge staleness on this day (YYYY-MM-DD) [default: the --as-of
    /// date, else today, UTC].
    #[arg(long, value_parser = crate::cmd::calendar::parse_day, value_name = "DATE")]
    pub today: Option<inflow_core::Date>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let app = global.open()?;
    let key = &args.series.series;
    let as_of = args.as_of.get();
    let out = app.headline_report(key, args.month, as_of, args.today)?;
    let h = &out.headline;
    match args.format {
        Format::Json => output::print_json(&out),
        Format::Csv => print_csv(h),
        Format::Table => {
            print_table(&app.series(key)?.title, h)?;
            print_extras(&out)
        }
    }
}

/// The source tier in words, as the brief and the dashboard say it.
fn tier_words(t: inflow_core::SourceTier) -> &'static str {
    match t {
        inflow_core::SourceTier::Official => "official, a State Bank of Pakistan table",
        inflow_core::SourceTier::Derived => "derived, computed from published figures",
        inflow_core::SourceTier::Secondary => "secondary, a press report of an SBP release",
    }
}

fn print_extras(out: &HeadlineReport) -> anyhow::Result<()> {
    if let Some(b) = &out.breakdown {
        outln!()?;
        let change = format!("change on {} %", b.compared_with);
        let contribution = format!("contribution to change on {} (points)", b.compared_with);
        let mut t = output::table(
            &[
                "component",
                "value",
                "share %",
                "YoY %",
                change.as_str(),
                contribution.as_str(),
            ],
            &[1, 2, 3, 4, 5],
        );
        for c in &b.components {
            t.add_row(vec![
                c.name.clone(),
                opt_amount(c.value),
                c.share_pct.map_or("-".into(), |v| format!("{v:.1}")),
                opt_pct(c.yoy_pct),
                opt_pct(c.change_pct),
                c.contribution_pp.map_or("-".into(), |v| format!("{v:+.1}")),
            ]);
        }
        output::print_table(&t)?;
        if let (Some(sum), Some(g)) = (b.contributions_sum_pp, b.total_change_pct) {
            let why = match b.basis {
                inflow_app::types::GrowthBasis::YearOnYear => "",
                inflow_app::types::GrowthBasis::PreviousPeriod => {
                    " (the components have no values a year earlier, so growth is on the previous period)"
                }
            };
            outln!(
                "Contributions sum to {sum:+.1} points of the total's {g:+.1}% change on {}{why}.",
                b.compared_with
            )?;
        }
        match (b.adds_up, b.unexplained) {
            (true, _) => outln!("The components add up to the total within rounding.")?,
            (false, Some(u)) => outln!(
                "The components do not add up to the total: {} unexplained (rounding explains up to {}).",
                signed(u),
                amount(b.tolerance)
            )?,
            (false, None) => outln!("A component has no value, so the components are not summed.")?,
        }
    }
    if let Some(s) = &out.stale {
        outln!("Behind the release calendar: {s}")?;
    } else if let Some(c) = &out.calendar {
        outln!(
            "Next release: {} expected around {} ({}).",
            c.next.month.long_label(),
            c.next.date,
            format!("{:?}", c.next.basis).to_lowercase()
        )?;
    }
    Ok(())
}

fn print_table(title: &str, h: &Headline) -> anyhow::Result<()> {
    outln!("{} — {title}", h.series)?;
    let vintage = match h.vintage {
        Vintage::Latest => String::new(),
        Vintage::AsOf(d) => format!(", as known on {d}"),
    };
    outln!(
        "{} ({}), {}; {} {}{vintage}",
        h.month.long_label(),
        h.fiscal_year,
        h.unit,
        h.status,
        h.release_date
    )?;
    outln!("source tier: {}", tier_words(h.source_tier))?;
    outln!()?;
    let mut t = output::table(&["", "value", "change", "%"], &[1, 2, 3]);
    t.add_row(vec![
        h.month.long_label(),
        amount(h.value),
        String::new(),
        String::new(),
    ]);
    for (label, c) in [("on the month", &h.mom), ("on the year", &h.yoy)] {
        match c {
            Some(c) => t.add_row(vec![
                format!("{label} (vs {} {})", c.month.abbrev(), c.month.year()),
                amount(c.value),
                signed(c.change),
                opt_pct(c.change_pct),
            ]),
            None => t.add_row(vec![
                format!("{label} (no earlier value)"),
                "-".into(),
                "-".into(),
                "-".into(),
            ]),
        };
    }
    let f = &h.fytd;
    t.add_row(vec![
        format!(
            "{} {} ({})",
            h.fiscal_year,
            f.label,
            count(f.months, "month")
        ),
        opt_amount(f.value),
        opt_signed(f.change),
        opt_pct(f.change_pct),
    ]);
    t.add_row(vec![
        "  same months a year earlier".to_string(),
        opt_amount(f.previous),
        String::new(),
        String::new(),
    ]);
    let r = &h.rolling_12m;
    t.add_row(vec![
        format!(
            "12 months {} {} to {} {}",
            r.from.abbrev(),
            r.from.year(),
            h.month.abbrev(),
            h.month.year()
        ),
        opt_amount(r.sum),
        String::new(),
        opt_pct(r.change_pct),
    ]);
    t.add_row(vec![
        "  monthly average".to_string(),
        r.average.map_or("-".into(), |a| format!("{a:.1}")),
        String::new(),
        String::new(),
    ]);
    output::print_table(&t)?;
    outln!()?;
    for line in record_lines(h) {
        outln!("{line}")?;
    }
    for (what, missing) in [
        ("this fiscal year", &f.missing),
        ("the year before", &f.previous_missing),
    ] {
        if !missing.is_empty() {
            let list: Vec<String> = missing.iter().map(ToString::to_string).collect();
            outln!(
                "Gap: no value for {} in {what}, so its total is not given.",
                list.join(", ")
            )?;
        }
    }
    if !h.source_url.is_empty() {
        outln!("Source: {}", h.source_url)?;
    }
    Ok(())
}

fn record_lines(h: &Headline) -> Vec<String> {
    let r = &h.record;
    let since = format!(
        "since {} {}",
        r.history_from.abbrev(),
        r.history_from.year()
    );
    let prev = |v: Option<f64>, m: Option<YearMonth>| match (v, m) {
        (Some(v), Some(m)) => format!("{} in {}", amount(v), m.long_label()),
        _ => "none".to_string(),
    };
    let mut out = Vec::new();
    out.push(if r.all_time {
        format!(
            "Record: all-time high ({since}); previous high {}.",
            prev(r.previous_high, r.previous_high_month)
        )
    } else {
        format!(
            "Not an all-time high: the high is {}.",
            prev(r.previous_high, r.previous_high_month)
        )
    });
    if r.calendar_month {
        out.push(format!(
            "Highest {} on record; previous {}.",
            h.month.name(),
            prev(
                r.calendar_month_previous_high,
                r.calendar_month_previous_high_month
            )
        ));
    }
    if r.fiscal_year {
        out.push(format!(
            "Highest month of {} so far; previous {}.",
            h.fiscal_year,
            prev(
                r.fiscal_year_previous_high,
                r.fiscal_year_previous_high_month
            )
        ));
    }
    if r.gaps > 0 {
        out.push(format!(
            "({} {} no value and {} not compared.)",
            count(r.gaps, "earlier month"),
            if r.gaps == 1 { "has" } else { "have" },
            if r.gaps == 1 { "is" } else { "are" }
        ));
    }
    out
}

fn print_csv(h: &Headline) -> anyhow::Result<()> {
    let header = [
        "series",
        "month",
        "fiscal_year",
        "value",
        "unit",
        "mom_pct",
        "yoy_pct",
        "fytd_months",
        "fytd_value",
        "fytd_previous",
        "fytd_change",
        "fytd_change_pct",
        "rolling_12m_sum",
        "record_all_time",
        "record_previous_high",
        "record_previous_high_month",
        "source_tier",
    ];
    let round1 = |v: Option<f64>| v.map(|v| inflow_analytics::round::round_to(v, 1));
    let row = vec![
        h.series.clone(),
        h.month.to_string(),
        h.fiscal_year.to_string(),
        output::csv_num(Some(h.value)),
        h.unit.to_string(),
        output::csv_num(round1(h.mom_pct)),
        output::csv_num(round1(h.yoy_pct)),
        h.fytd.months.to_string(),
        output::csv_num(h.fytd.value),
        output::csv_num(h.fytd.previous),
        output::csv_num(h.fytd.change),
        output::csv_num(round1(h.fytd.change_pct)),
        output::csv_num(h.rolling_12m.sum),
        h.record.all_time.to_string(),
        output::csv_num(h.record.previous_high),
        h.record
            .previous_high_month
            .map(|m| m.to_string())
            .unwrap_or_default(),
        h.source_tier.to_string(),
    ];
    output::print_csv(&header, [row])
}
