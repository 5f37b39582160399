//! Release briefs: the story a newsroom or a ministry writes when a month's
//! figure is released (the value and whether it is a record, the changes on
//! the month and the year, the fiscal year so far, the projection for the
//! year, what the release revised), written from the data with every figure
//! linked to its evidence, and the charts that go with it.
//!
//! [`build`] composes a [`Brief`] from a series' full history: text as
//! [`Section`]s of [`Span`]s, where every figure is a [`Span::Figure`] that
//! names an [`Evidence`] (series, periods, vintage, the observations with
//! their source pages, and the computation of derived figures). The
//! renderers write it as Markdown (footnotes), HTML (anchors and tooltips,
//! charts inline) or JSON (references); [`chart`] draws the charts as SVG
//! and PNG with plotters.
//!
//! The brief reads the data as a reader had it when the month was first
//! released: the vintage of that release, with no later month
//! ([`inflow_project::AsOf::Month`]). The projection uses the same data.

pub mod chart;
mod compose;
pub mod escape;
pub mod feed;
pub mod fmt;
mod render;

use inflow_core::{Date, FiscalYear, ObsStatus, YearMonth};
use inflow_forecast::ModelSpec;
use serde::{Serialize, Serializer};

pub use compose::build;
pub use render::{BriefChart, BriefJson, ChartLinks, html, json, markdown, text};

/// Errors from writing a brief.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No value for the month, or computing the headline figures failed.
    #[error(transparent)]
    Analytics(#[from] inflow_analytics::Error),
    /// A domain value was out of range.
    #[error(transparent)]
    Core(#[from] inflow_core::Error),
    /// No font was found to draw chart text with.
    #[error(
        "no font found for chart text (tried {tried}); install fonts-dejavu-core or set INFLOW_FONT to a .ttf file"
    )]
    NoFont {
        /// The files tried.
        tried: String,
    },
    /// Drawing a chart failed.
    #[error("chart {chart}: {reason}")]
    Chart {
        /// The chart's name.
        chart: &'static str,
        /// What failed.
        reason: String,
    },
    /// Writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// Serialising JSON failed.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

impl Error {
    /// The shared classification: missing data is not found, a bad domain
    /// value is invalid input, fonts, files and charts are internal.
    pub fn kind(&self) -> inflow_core::ErrorKind {
        use inflow_core::ErrorKind as K;
        match self {
            Error::Analytics(a) => a.kind(),
            Error::Core(c) => c.kind(),
            Error::NoFont { .. } | Error::Chart { .. } | Error::Io { .. } | Error::Json(_) => {
                K::Internal
            }
        }
    }
}

/// What to write a brief about.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The month; default: the latest month with a value.
    pub month: Option<YearMonth>,
    /// A target for the fiscal-year total, in the series' unit.
    pub target: Option<f64>,
    /// The model of the projection (default: `auto`).
    pub model: ModelSpec,
    /// The series' components (meta and full history of each), for "what
    /// drove it" and the breakdown chart; empty: none.
    pub components: Vec<(inflow_core::SeriesMeta, Vec<inflow_core::Observation>)>,
    /// The day the brief is read on: when given and the month is the
    /// latest, the brief says if the data are behind the release calendar.
    pub today: Option<Date>,
}

/// One piece of a paragraph.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Span {
    /// Prose; never contains a figure (no digits).
    Text {
        /// The words.
        text: String,
    },
    /// A name that is not a quantity: a month, a fiscal year, a date, an
    /// interval level, a model's name.
    Label {
        /// The name.
        text: String,
    },
    /// A figure from the data, linked to its evidence.
    Figure {
        /// The figure as written (`$310 million`, `21.5%`).
        text: String,
        /// The id of its [`Evidence`].
        evidence: String,
    },
}

impl Span {
    /// The span's text.
    pub fn text(&self) -> &str {
        match self {
            Span::Text { text } | Span::Label { text } | Span::Figure { text, .. } => text,
        }
    }
}

/// A paragraph: spans that read as one text when joined.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Paragraph {
    /// The paragraph as plain text.
    pub text: String,
    /// Its pieces.
    pub spans: Vec<Span>,
}

/// A section of the brief.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Section {
    /// Stable id: `headline`, `fiscal_year`, `projection`, `revisions`, `notes`.
    pub id: &'static str,
    /// Heading (empty for the headline).
    pub heading: String,
    /// Paragraphs (the notes section: one per note).
    pub paragraphs: Vec<Paragraph>,
}

/// One observation an [`Evidence`] rests on.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ObsRef {
    /// The month.
    pub period: YearMonth,
    /// The value (`None` for a missing-status row).
    pub value: Option<f64>,
    /// How it was published.
    pub status: ObsStatus,
    /// When it was released (its vintage).
    #[schema(value_type = String, format = Date)]
    pub release_date: Date,
    /// Where it was published (empty for derived values).
    pub source_url: String,
    /// The observation's note, such as how a derived value was computed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// What a figure of the text is and where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
#[schema(as = BriefEvidence)]
pub struct Evidence {
    /// Id referenced by [`Span::Figure`]: `n1`, `n2`, ... in order of first use.
    pub id: String,
    /// What the figure is (`value of April 2024`).
    pub what: String,
    /// The figure as written in the text.
    pub text: String,
    /// The figure's value, in `unit`.
    #[serde(serialize_with = "clean")]
    pub value: f64,
    /// `USD million`, `%` or `probability`.
    pub unit: String,
    /// Series key.
    pub series: String,
    /// The months covered: `2024-04` or `2023-07..2024-04`.
    pub periods: String,
    /// The vintage read: the release date the data are as of.
    #[schema(value_type = String, format = Date)]
    pub vintage: Date,
    /// How a derived figure was computed (`sum of Jul 2023..Apr 2024 = 2593`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub computation: Option<String>,
    /// The observations used, with their release dates and source pages.
    pub observations: Vec<ObsRef>,
}

fn clean<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(inflow_analytics::round::clean(*v))
}

/// A release brief of one month.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Brief {
    /// Series key.
    pub series: String,
    /// The series' title.
    pub title: String,
    /// The month.
    pub month: YearMonth,
    /// Its fiscal year.
    #[serde(serialize_with = "display")]
    pub fiscal_year: FiscalYear,
    /// Unit of the series.
    pub unit: String,
    /// The release read: the month's first release date.
    #[schema(value_type = String, format = Date)]
    pub vintage: Date,
    /// The sections, in reading order.
    pub sections: Vec<Section>,
    /// The closing line: how the text was made.
    pub closing: String,
    /// Evidence of every figure, in order of first use.
    pub evidence: Vec<Evidence>,
    /// The data the charts draw.
    #[serde(skip)]
    pub charts: chart::ChartData,
}

fn display<T: std::fmt::Display, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

impl Brief {
    /// The evidence with this id.
    pub fn evidence(&self, id: &str) -> Option<&Evidence> {
        self.evidence.iter().find(|e| e.id == id)
    }

    /// Every span of the text, in reading order.
    pub fn spans(&self) -> impl Iterator<Item = &Span> {
        self.sections
            .iter()
            .flat_map(|s| &s.paragraphs)
            .flat_map(|p| &p.spans)
    }
}
