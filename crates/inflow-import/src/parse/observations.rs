//! One row of an observations file, read as a period of its series'
//! frequency: a monthly series takes `2024-04`, a quarterly one `2024-Q2`
//! (or its fiscal name `FY2024-25:Q1`), an annual one `2024`.

use inflow_core::{
    FiscalCalendar, Frequency, ObsStatus, Observation, Tick, Year, YearMonth, YearQuarter,
};

use super::row::{Known, Row, amount, known_series, release_after, url};
use super::{Batch, Located};
use crate::Error;

/// Parses the row as an observation of its series' frequency, adds it to the
/// batch's list for that frequency and returns the row's duplicate key.
pub(crate) fn push(row: &Row<'_>, known: &Known, batch: &mut Batch) -> Result<String, Error> {
    let (_, (calendar, frequency)) = known_series(row, known)?;
    let line = row.line();
    Ok(match frequency {
        Frequency::Monthly => {
            let o = observation::<YearMonth>(row, known, calendar)?;
            let k = key(&o);
            batch.observations.push(Located { line, value: o });
            k
        }
        Frequency::Quarterly => {
            let o = observation::<YearQuarter>(row, known, calendar)?;
            let k = key(&o);
            batch.quarterly.push(Located { line, value: o });
            k
        }
        Frequency::Annual => {
            let o = observation::<Year>(row, known, calendar)?;
            let k = key(&o);
            batch.annual.push(Located { line, value: o });
            k
        }
    })
}

fn key<P: Tick>(o: &Observation<P>) -> String {
    format!("{}|{}|{}", o.series, o.period, o.release_date)
}

/// A period of frequency `P`, with a message that says which frequency the
/// series has when the text is of another one.
fn period<P: Tick>(text: &str, calendar: FiscalCalendar) -> Result<P, String> {
    if let Ok(p) = text.parse::<P>() {
        return Ok(p);
    }
    if P::FREQUENCY == Frequency::Quarterly
        && let Some(p) = fiscal_quarter::<P>(text, calendar)
    {
        return p;
    }
    let other = if text.parse::<YearMonth>().is_ok() {
        " (a month)"
    } else if text.parse::<YearQuarter>().is_ok() {
        " (a quarter)"
    } else if text.parse::<Year>().is_ok() {
        " (a year)"
    } else {
        ""
    };
    Err(format!(
        "{text:?}{other} is not a period of this {} series: expected {}",
        P::FREQUENCY.adjective(),
        P::FREQUENCY.period_format()
    ))
}

/// `FY2024-25:Q1` on `calendar`: the fiscal year's first quarter, as the
/// calendar quarter it is. `None` when the text is not of that shape.
fn fiscal_quarter<P: Tick>(text: &str, calendar: FiscalCalendar) -> Option<Result<P, String>> {
    let (fy, q) = text.split_once(':')?;
    let n = q.strip_prefix(['Q', 'q'])?;
    let fy = match calendar.parse_fiscal_year(fy) {
        Ok(fy) => fy,
        Err(e) => return Some(Err(e.to_string())),
    };
    let n: i32 = match n.parse() {
        Ok(n @ 1..=4) => n,
        _ => return Some(Err(format!("{text:?}: a fiscal quarter is Q1 to Q4"))),
    };
    Some(
        fy.first_month()
            .and_then(|m| m.add_months((n - 1) * 3))
            .map(P::containing)
            .map_err(|e| e.to_string()),
    )
}

fn observation<P: Tick>(
    row: &Row<'_>,
    known: &Known,
    calendar: FiscalCalendar,
) -> Result<Observation<P>, Error> {
    let (series, _) = known_series(row, known)?;
    let period: P = row.parse(1, |s| period::<P>(s, calendar))?;
    let status: ObsStatus = row.parse(3, str::parse)?;
    let value = match (row.get(2), status) {
        ("", ObsStatus::Missing) => None,
        (_, ObsStatus::Missing) => return Err(row.err(2, "a missing observation has no value")),
        ("", _) => return Err(row.err(2, "must not be empty unless status is missing")),
        (_, _) => Some(amount(row)?),
    };
    let release_date = release_after(row, period.last_month())?;
    let needs_url = matches!(
        status,
        ObsStatus::Reported | ObsStatus::Provisional | ObsStatus::Revised
    );
    Ok(Observation {
        series,
        period,
        value,
        status,
        release_date,
        source_url: url(row, needs_url)?,
        note: row.get(6).to_string(),
    })
}

#[cfg(test)]
mod tests {
    use crate::parse_str_on;

    const SERIES: &str = "key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start\n\
        xx.services.q,Services exports,IN,exports,S,world,USD billion,Q,Example agency,4\n";

    fn known() -> Vec<inflow_core::SeriesMeta> {
        let b = parse_str_on("s.csv", SERIES, &[], "2026-01-01".parse().unwrap()).unwrap();
        b.series.into_iter().map(|s| s.value).collect()
    }

    fn obs(rows: &str) -> Result<crate::Batch, crate::Error> {
        let text = format!("series,period,value,status,release_date,source_url,note\n{rows}");
        parse_str_on("q.csv", &text, &known(), "2026-01-01".parse().unwrap())
    }

    #[test]
    fn quarters_go_to_the_quarterly_list() {
        let b = obs(
            "xx.services.q,2019-Q2,50.1,reported,2019-08-15,https://example.org/q,\n\
                     xx.services.q,FY2019-20:Q2,51.5,reported,2019-11-15,https://example.org/q,\n",
        )
        .unwrap();
        assert!(b.observations.is_empty());
        let periods: Vec<String> = b
            .quarterly
            .iter()
            .map(|o| o.value.period.to_string())
            .collect();
        // The fiscal name is the calendar quarter it stands for (Jul-Sep 2019).
        assert_eq!(periods, ["2019-Q2", "2019-Q3"]);
    }

    #[test]
    fn a_month_in_a_quarterly_series_is_refused_naming_the_field() {
        let e = obs("xx.services.q,2019-06,50.1,reported,2019-08-15,https://example.org/q,\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("q.csv:2:2: field `period`"), "{e}");
        assert!(
            e.contains("(a month) is not a period of this quarterly series"),
            "{e}"
        );
    }

    #[test]
    fn a_quarter_is_released_after_it_ends() {
        let e = obs("xx.services.q,2019-Q2,50.1,reported,2019-06-15,https://example.org/q,\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("field `release_date`") && e.contains("2019-06"),
            "{e}"
        );
    }

    #[test]
    fn a_quarterly_series_needs_a_quarter_aligned_fiscal_year() {
        let text = SERIES.replace(",Q,Example agency,4", ",Q,Example agency,2");
        let e = parse_str_on("s.csv", &text, &[], "2026-01-01".parse().unwrap())
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("s.csv:2:10: field `fiscal_start`"), "{e}");
        let weekly = SERIES.replace(",Q,", ",W,");
        let e = parse_str_on("s.csv", &weekly, &[], "2026-01-01".parse().unwrap())
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("s.csv:2:8: field `frequency`"), "{e}");
    }
}
