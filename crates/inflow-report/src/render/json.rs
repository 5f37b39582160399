//! The brief as JSON: sections of spans, figures referencing their evidence.

use serde::Serialize;

use super::{ChartLinks, file_name};
use crate::chart::{Chart, ChartFile};
use crate::{Brief, Error};

#[derive(Serialize)]
struct JsonBrief<'a> {
    #[serde(flatten)]
    brief: &'a Brief,
    charts: Vec<JsonChart>,
}

#[derive(Serialize)]
struct JsonChart {
    name: &'static str,
    alt: String,
    svg: Option<String>,
    png: Option<String>,
}

/// The brief as pretty JSON: sections of spans, figures referencing
/// `evidence` by id, and the chart files (null without `--out`).
///
/// # Errors
/// [`Error::Json`] (not expected).
pub fn json(brief: &Brief, charts: ChartLinks<'_>) -> Result<String, Error> {
    let files: &[ChartFile] = match charts {
        ChartLinks::None => &[],
        ChartLinks::Files(f) => f,
    };
    let charts = Chart::available(&brief.charts)
        .into_iter()
        .map(|c| {
            let f = files.iter().find(|f| f.chart == c);
            JsonChart {
                name: c.name(),
                alt: c.alt(&brief.charts),
                svg: f.map(|f| file_name(&f.svg)),
                png: f.map(|f| file_name(&f.png)),
            }
        })
        .collect();
    Ok(serde_json::to_string_pretty(&JsonBrief { brief, charts })?)
}
