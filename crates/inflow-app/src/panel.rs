//! Forecasting a panel of series read from a CSV file (`inflow forecast`)
//! and the fiscal-year backtest of a panel (`inflow backtest --input`).
//!
//! The panel use cases need no database; they are here so that the front
//! ends reach the forecast engine only through this crate, and because
//! reading and writing files is this layer's job, not the engine's.
//!
//! Input: one row per observation with columns `series_id`, a time column
//! (`t`, an integer, or `month`, `YYYY-MM`) and `value`; other columns are
//! ignored, except for `part`: where it is present, rows marked `test` are
//! kept apart ([`PanelSeries::test`], for backtests, never fitted on by
//! [`forecast_panel`]) and rows marked anything but `train` or `test` are
//! skipped, so a competition file with its test part can be used as is.
//! Rows may come in any order; each series must have consecutive times, its
//! test rows after its training rows.
//!
//! Output: `series_id,h,point,lo_80,hi_80[,lo_95,hi_95...]`, one row per
//! series and step ahead, one lo/hi pair per level.
//!
//! ```
//! use inflow_app::panel::{forecast_panel, read_panel_from, write_forecasts, PanelOptions};
//! let csv = "series_id,month,value\n\
//!            a,2024-01,10\na,2024-02,11\na,2024-03,12\na,2024-04,13\n\
//!            b,2024-01,5\n";
//! let panel = read_panel_from(csv.as_bytes(), "example.csv")?;
//! let opts = PanelOptions { horizon: 2, ..PanelOptions::default() };
//! let results = forecast_panel(&panel, &opts, &|| {});
//! let mut out = Vec::new();
//! write_forecasts(&mut out, &results, &opts.levels)?;
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.starts_with("series_id,h,point,lo_80,hi_80\n"));
//! assert_eq!(text.lines().count(), 1 + 2 * 2);
//! # Ok::<(), inflow_forecast::Error>(())
//! ```

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

use inflow_core::YearMonth;
use inflow_forecast::Error;

pub use inflow_forecast::ModelSpec;
pub use inflow_forecast::panel::{
    Panel, PanelOptions, PanelSeries, SeriesForecast, forecast_panel, level_label,
};
pub use inflow_project::calibrate::{Calibration, Score};
pub use inflow_project::panel::{
    MonthsKnownRow, PanelBacktest, PanelBacktestOptions, PanelSummary, YearCell, backtest_panel,
    interval_score, total_scale,
};
pub use inflow_project::{Calibrated, probability_text};

/// Reads a panel from a CSV file.
///
/// # Errors
/// [`Error::Io`] if the file cannot be read, [`Error::Input`] naming the
/// file, line and field of the first bad value.
pub fn read_panel(path: &Path) -> Result<Panel, Error> {
    let file = std::fs::File::open(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    read_panel_from(std::io::BufReader::new(file), &path.display().to_string())
}

/// One observation as read: time, value, line number and whether it is a
/// test row.
type Obs = (i64, f64, u64, bool);

enum TimeCol {
    T(usize),
    Month(usize),
}

/// Reads a panel from CSV text; `file` names the source in error messages.
///
/// # Errors
/// [`Error::Input`] naming the file, line and field of the first bad value,
/// a missing column, a repeated time or a gap in a series.
pub fn read_panel_from<R: Read>(reader: R, file: &str) -> Result<Panel, Error> {
    let bad = |line: u64, field: &str, message: String| Error::Input {
        file: file.to_string(),
        line,
        field: field.to_string(),
        message,
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(reader);
    let headers = rdr
        .headers()
        .map_err(|e| bad(1, "header", e.to_string()))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let id_col = col("series_id").ok_or_else(|| bad(1, "series_id", "missing column".into()))?;
    let value_col = col("value").ok_or_else(|| bad(1, "value", "missing column".into()))?;
    let time_col = match (col("t"), col("month")) {
        (Some(i), _) => TimeCol::T(i),
        (None, Some(i)) => TimeCol::Month(i),
        (None, None) => {
            return Err(bad(
                1,
                "t",
                "missing time column: expected t or month".into(),
            ));
        }
    };
    let part_col = col("part");

    let mut index: HashMap<String, usize> = HashMap::new();
    let mut rows: Vec<(String, Vec<Obs>)> = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            bad(line, "row", e.to_string())
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let get = |i: usize| rec.get(i).unwrap_or("").trim();
        let is_test = match part_col.map(&get) {
            None | Some("train") => false,
            Some("test") => true,
            Some(_) => continue,
        };
        let id = get(id_col);
        if id.is_empty() {
            return Err(bad(line, "series_id", "empty".into()));
        }
        let time = match time_col {
            TimeCol::T(i) => get(i)
                .parse::<i64>()
                .map_err(|_| bad(line, "t", format!("{:?} is not an integer", get(i))))?,
            TimeCol::Month(i) => get(i)
                .parse::<YearMonth>()
                .map(|m| i64::from(m.ordinal()))
                .map_err(|e| bad(line, "month", e.to_string()))?,
        };
        let raw = get(value_col);
        let value: f64 = raw
            .parse()
            .map_err(|_| bad(line, "value", format!("{raw:?} is not a number")))?;
        if !value.is_finite() {
            return Err(bad(line, "value", format!("{raw:?} is not finite")));
        }
        let k = *index.entry(id.to_string()).or_insert_with(|| {
            rows.push((id.to_string(), Vec::new()));
            rows.len() - 1
        });
        rows[k].1.push((time, value, line, is_test));
    }
    let time_field = match time_col {
        TimeCol::T(_) => "t",
        TimeCol::Month(_) => "month",
    };
    let mut series = Vec::with_capacity(rows.len());
    for (id, mut obs) in rows {
        obs.sort_by_key(|o| o.0);
        for w in obs.windows(2) {
            let (prev, cur) = (w[0], w[1]);
            if cur.0 == prev.0 {
                return Err(bad(
                    cur.2,
                    time_field,
                    format!("series {id}: time repeated (also on line {})", prev.2),
                ));
            }
            if prev.3 && !cur.3 {
                return Err(bad(
                    cur.2,
                    "part",
                    format!(
                        "series {id}: training row after a test row (line {})",
                        prev.2
                    ),
                ));
            }
            if cur.0 != prev.0 + 1 {
                return Err(bad(
                    cur.2,
                    time_field,
                    format!(
                        "series {id}: gap of {} periods before this row",
                        cur.0 - prev.0 - 1
                    ),
                ));
            }
        }
        let (test, train): (Vec<Obs>, Vec<Obs>) = obs.into_iter().partition(|o| o.3);
        series.push(PanelSeries {
            id,
            values: train.into_iter().map(|o| o.1).collect(),
            test: test.into_iter().map(|o| o.1).collect(),
        });
    }
    Ok(Panel { series })
}

/// A value as CSV text: shortest round-trip decimal, in exponent form when
/// very large or very small (so 1e300 is not written out in 301 digits).
fn number(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && a.is_finite() && !(1e-6..1e16).contains(&a) {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

/// Writes forecasts as `series_id,h,point,lo_L,hi_L...`; series that failed
/// are left out.
///
/// # Errors
/// [`Error::Io`] if writing fails.
pub fn write_forecasts<W: Write>(
    out: W,
    results: &[Result<SeriesForecast, (String, Error)>],
    levels: &[f64],
) -> Result<(), Error> {
    let io = |e: csv::Error| Error::Io {
        path: "output".into(),
        source: std::io::Error::other(e.to_string()),
    };
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["series_id".to_string(), "h".into(), "point".into()];
    for l in levels {
        header.push(format!("lo_{}", level_label(*l)));
        header.push(format!("hi_{}", level_label(*l)));
    }
    w.write_record(&header).map_err(io)?;
    for r in results.iter().flatten() {
        for (j, p) in r.forecast.point.iter().enumerate() {
            let mut row = vec![r.id.clone(), (j + 1).to_string(), number(*p)];
            for iv in &r.forecast.intervals {
                row.push(number(iv.lo[j]));
                row.push(number(iv.hi[j]));
            }
            w.write_record(&row).map_err(io)?;
        }
    }
    w.flush().map_err(|source| Error::Io {
        path: "output".into(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_file_line_and_field() {
        let csv = "series_id,t,value\na,1,3\na,2,x\n";
        let e = read_panel_from(csv.as_bytes(), "in.csv")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "in.csv:3: field value: \"x\" is not a number");
        let csv = "series_id,t,value\na,1,3\na,3,4\n";
        let e = read_panel_from(csv.as_bytes(), "in.csv")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("in.csv:3: field t: series a: gap"), "{e}");
        let csv = "series_id,month,value\na,2024-13,3\n";
        let e = read_panel_from(csv.as_bytes(), "in.csv")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("in.csv:2: field month:"), "{e}");
    }

    #[test]
    fn numbers_round_trip_and_stay_short() {
        for v in [0.0, 1.5, -2.25, 123456.789, 1e300, -3.5e-12] {
            assert_eq!(number(v).parse::<f64>().unwrap(), v);
            assert!(number(v).len() < 25);
        }
        assert_eq!(number(100.0), "100");
    }

    #[test]
    fn skips_non_train_rows_and_sorts_by_time() {
        let csv = "series_id,h,part,t,value\na,2,train,2,20\na,2,train,1,10\na,2,test,3,99\n";
        let p = read_panel_from(csv.as_bytes(), "x").unwrap();
        assert_eq!(p.series[0].values, vec![10.0, 20.0]);
        assert_eq!(p.series[0].test, vec![99.0]);
        let csv = "series_id,part,t,value\na,train,1,1\na,other,2,5\na,test,2,3\na,train,3,4\n";
        let e = read_panel_from(csv.as_bytes(), "x")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x:5: field part:"), "{e}");
    }
}
