//! The brief as JSON: sections of spans, figures referencing their evidence.

use serde::Serialize;

use super::{ChartLinks, file_name};
use crate::chart::{Chart, ChartFile};
use crate::{Brief, Error};

/// The brief as [`json`] writes it: the [`Brief`] with the charts it has.
/// (Serialize only; this type exists so the JSON has one definition that
/// the server's OpenAPI document is generated from.)
#[derive(Serialize, utoipa::ToSchema)]
pub struct BriefJson<'a> {
    /// The brief.
    #[serde(flatten)]
    #[schema(value_type = Brief)]
    pub brief: &'a Brief,
    /// The charts the brief has data for, in reading order.
    pub charts: Vec<BriefChart>,
}

/// A chart of the brief in [`BriefJson`].
#[derive(Serialize, utoipa::ToSchema)]
pub struct BriefChart {
    /// The chart's stable name.
    pub name: &'static str,
    /// Its text alternative.
    pub alt: String,
    /// The SVG file's name, when the charts were written to files.
    pub svg: Option<String>,
    /// The PNG file's name, when the charts were written to files.
    pub png: Option<String>,
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
            BriefChart {
                name: c.name(),
                alt: c.alt(&brief.charts),
                svg: f.map(|f| file_name(&f.svg)),
                png: f.map(|f| file_name(&f.png)),
            }
        })
        .collect();
    Ok(serde_json::to_string_pretty(&BriefJson { brief, charts })?)
}
