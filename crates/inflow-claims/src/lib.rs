//! Checks the figures that news text quotes about services exports, against
//! the series the words of each claim are about (economy, flow, item), in
//! that series' unit.
//!
//! [`check`] splits a text into sentences, finds every claim in them
//! (amounts, percentages, differences, records, shares, per-day figures,
//! forecasts, and the periods and series they are about) and gives each
//! claim one [`Verdict`] with a one-sentence explanation and the
//! [`Evidence`] behind it:
//!
//! | verdict | meaning |
//! | --- | --- |
//! | `supported` | the data agree within the rounding of the text |
//! | `contradicted` | the data disagree; the evidence gives the expected value |
//! | `unit_error` | the data agree at another scale (million for billion, a comma read as a decimal point) |
//! | `inconsistent` | the text's own numbers disagree (a percentage, a difference, a period's length) |
//! | `unverifiable` | no series or no value to check against; the explanation says what is missing |
//! | `forecast` | a forward-looking claim; the evidence carries the [`Projector`]'s projection, if one was given |
//!
//! The caller chooses the vintage by building the [`MonthlySeries`] in the
//! [`Context`] with [`inflow_core::Vintage::AsOf`]: an article is judged
//! against what was known when it was written.
//!
//! ```
//! use inflow_claims::{check, Context, Verdict};
//! # use inflow_core::{record::*, *};
//! # let meta = SeriesMeta { key: "pk.ict.exports".parse()?, title: String::new(),
//! #   economy: "PK".parse()?, flow: Flow::Exports, ebops: "SI".parse()?,
//! #   partner: Partner::World, unit: Unit::USD_MILLION, frequency: Frequency::Monthly,
//! #   source: String::new(), fiscal: FiscalCalendar::PAKISTAN };
//! # let key = meta.key.clone();
//! # let obs = |m: &str, v: f64| Observation { series: key.clone(), period: m.parse().unwrap(),
//! #   value: Some(Amount::try_new(v).unwrap()), status: ObsStatus::Reported,
//! #   release_date: parse_date("2024-05-20").unwrap(), source_url: String::new(), note: String::new() };
//! let series = MonthlySeries::from_history(meta, Vintage::Latest,
//!     vec![obs("2023-04", 191.0), obs("2024-03", 306.0), obs("2024-04", 310.0)]);
//! let ctx = Context::new(&series);
//! let report = check("Exports were $310 million in April 2024, up 62% on a year earlier.", &ctx);
//! assert_eq!(report.claims[0].verdict, Verdict::Supported);
//! // 310 / 191 - 1 = 62.3%: "62%" is that rounded.
//! assert_eq!(report.claims[1].verdict, Verdict::Supported);
//! // A billion written as a million is a unit error:
//! let report = check("Exports were $0.31 million in April 2024.", &ctx);
//! assert_eq!(report.claims[0].verdict, Verdict::UnitError);
//! # Ok::<(), inflow_core::Error>(())
//! ```
//!
//! # Tolerances
//!
//! A figure is as precise as it is written: `$2.593 billion` stands for
//! anything from 2,592.5 to 2,593.5 million, `$310 million` for 309.5 to
//! 310.5, `$1.3bn` for 1,250 to 1,350. Hedges widen this (`about`,
//! `nearly`: ±5%; `over`, `more than`: a lower bound). The data carry their
//! own rounding, from the digits each value is published with: a whole
//! million is ±0.5, `32.8` in a USD billion series ±0.05 billion, and a sum
//! of months the root of the sum of their squared roundings (±0.5·√n for
//! `n` whole millions).
//!
//! Percentages are recomputed from the figures they compare, carrying both
//! figures' rounding through the division, and a stated percentage may be
//! rounded either way or cut short: journalists write `21%` for 21.45% and
//! "about 25%" for 25.6%, so a stated `p` with last digit `u` accepts
//! anything from `p - u/2` up to (not including) `p + u`.
//!
//! A hedge on a percentage says only that it is rounded, which the
//! interval above already allows: "around 4%" is not 3.02%.
//!
//! Scanning is linear in the input: no regular expressions, bounded
//! look-around, and sentences longer than 160 tokens are cut.

mod check;
mod extract;
mod lexicon;
mod number;
mod period;
mod render;
mod scan;

use inflow_core::{Date, FiscalYear, MonthlySeries, PublishedFigure, YearMonth};
use serde::Serialize;

pub use check::check;
pub use period::ClaimPeriod;

/// Errors from building a [`Context`].
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// A component series is not under the total in the EBOPS tree, or is
    /// another economy's.
    #[error(
        "component {component} is not under {total}: it must be of the same economy and its EBOPS code within the total's."
    )]
    NotAComponent {
        /// The total's key.
        total: String,
        /// The component's key.
        component: String,
    },
}

impl Error {
    /// The shared classification: a context wired with a series that is not
    /// a component is the caller's defect.
    pub fn kind(&self) -> inflow_core::ErrorKind {
        inflow_core::ErrorKind::Internal
    }
}

/// A forward projection of a fiscal year's total, as a [`Projector`]
/// reports it. Amounts are in the total series' unit (USD million).
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ProjectionSummary {
    /// Point forecast of the fiscal-year total.
    pub point: f64,
    /// Lower end of the 80% interval.
    pub lo_80: f64,
    /// Upper end of the 80% interval.
    pub hi_80: f64,
    /// Lower end of the 95% interval.
    pub lo_95: f64,
    /// Upper end of the 95% interval.
    pub hi_95: f64,
    /// Probability that the total exceeds the target asked about, if one
    /// was given.
    pub p_exceed: Option<f64>,
    /// Which model produced it.
    pub model: String,
    /// The last month of data the projection is conditioned on.
    pub as_of: YearMonth,
}

/// Projects a fiscal year's total, for judging forward-looking claims.
///
/// The claim checker does not forecast; the caller plugs in a forecast
/// engine (the CLI uses `inflow-forecast`).
pub trait Projector {
    /// The projected total of `fy`, and the probability that it exceeds
    /// `target` (in the series' unit) when a target is given. `None` when
    /// no projection can be made.
    fn project(&self, fy: FiscalYear, target: Option<f64>) -> Option<ProjectionSummary>;
}

/// What claims are checked against.
///
/// `total` is the main series (Pakistan's ICT exports, `pk.ict.exports`,
/// for the bundled data), read in the vintage the caller wants. `series`
/// are any other series with their metadata: components and items, the
/// other flow, other economies. A claim is judged against the series whose
/// metadata (economy, flow, EBOPS code, or the source's item number or
/// name in the title) match what its words are about, never by key.
/// `published` are totals as published (fiscal-year, year-to-date and
/// component totals), filtered here to those released within the total's
/// vintage, or, for a period over by the text's date, within a month after
/// it (a report can predate the day the store dates its source): pass them
/// all.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The main series, in the vintage to judge against.
    pub total: &'a MonthlySeries,
    /// Every other series a text may be about, in the same vintage.
    pub series: &'a [MonthlySeries],
    /// Published totals of the total and of its components.
    pub published: &'a [PublishedFigure],
    /// Projects fiscal-year totals for forward-looking claims.
    pub projector: Option<&'a dyn Projector>,
    /// When the text was published: bare months ("in January"), "last
    /// month" and "this fiscal year" are read from it. `None`: from the
    /// vintage's date, else from the text alone.
    pub published_on: Option<Date>,
    /// The main series in the latest vintage, so that a forecast made in
    /// an older vintage can be judged after the fact.
    pub outcome: Option<&'a MonthlySeries>,
}

impl<'a> Context<'a> {
    /// A context with only the total series: no other series, no
    /// published figures, no projector.
    pub fn new(total: &'a MonthlySeries) -> Self {
        Context {
            total,
            series: &[],
            published: &[],
            projector: None,
            published_on: None,
            outcome: None,
        }
    }

    /// Adds component series, checked to be under the total in the EBOPS
    /// tree.
    ///
    /// # Errors
    /// [`Error::NotAComponent`] if a series is another economy's or its
    /// EBOPS code is not within the total's.
    pub fn with_components(mut self, components: &'a [MonthlySeries]) -> Result<Self, Error> {
        let total = &self.total.meta;
        for c in components {
            let under = c.meta.economy == total.economy
                && c.meta.ebops != total.ebops
                && c.meta.ebops.is_within(&total.ebops);
            if !under {
                return Err(Error::NotAComponent {
                    total: total.key.to_string(),
                    component: c.meta.key.to_string(),
                });
            }
        }
        self.series = components;
        Ok(self)
    }

    /// Adds any other series (items, imports, other economies); claims find
    /// theirs by metadata.
    pub fn with_series(mut self, series: &'a [MonthlySeries]) -> Self {
        self.series = series;
        self
    }

    /// Adds published totals.
    pub fn with_published(mut self, published: &'a [PublishedFigure]) -> Self {
        self.published = published;
        self
    }

    /// Adds a projector for forward-looking claims.
    pub fn with_projector(mut self, projector: &'a dyn Projector) -> Self {
        self.projector = Some(projector);
        self
    }

    /// Sets the text's publication date.
    pub fn with_published_on(mut self, date: Date) -> Self {
        self.published_on = Some(date);
        self
    }

    /// Adds the main series in the latest vintage, for judging forecasts
    /// after the fact.
    pub fn with_outcome(mut self, latest: &'a MonthlySeries) -> Self {
        self.outcome = Some(latest);
        self
    }
}

/// The judgement on one claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The data agree within the rounding of the text.
    Supported,
    /// The data disagree.
    Contradicted,
    /// The data agree at another scale, or with a comma read as a decimal
    /// point.
    UnitError,
    /// The text's own numbers disagree with each other.
    Inconsistent,
    /// Nothing to check against.
    Unverifiable,
    /// A forward-looking claim.
    Forecast,
}

impl Verdict {
    /// The verdict as written in JSON: `supported`, `unit_error`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::UnitError => "unit_error",
            Verdict::Inconsistent => "inconsistent",
            Verdict::Unverifiable => "unverifiable",
            Verdict::Forecast => "forecast",
        }
    }

    /// Whether the verdict flags an error in the text.
    pub fn is_error(self) -> bool {
        matches!(
            self,
            Verdict::Contradicted | Verdict::UnitError | Verdict::Inconsistent
        )
    }
}

/// What a claim asserts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// One month's value.
    MonthlyValue,
    /// A fiscal year's total to date (`July-April 2023-24`).
    FiscalYtd,
    /// A whole fiscal year's total.
    FiscalYearTotal,
    /// A total over another run of months (a quarter, a calendar year).
    PeriodTotal,
    /// An amount whose period could not be determined.
    Level,
    /// Year-on-year percentage change.
    YoyGrowth,
    /// Month-on-month percentage change.
    MomGrowth,
    /// Percentage change against a base named in the text.
    Growth,
    /// Year-on-year difference in money.
    YoyChange,
    /// Month-on-month difference in money.
    MomChange,
    /// Difference in money against a base named in the text.
    Change,
    /// A record or highest-ever value.
    Record,
    /// A component's share of the total.
    Share,
    /// Average proceeds per day.
    PerDay,
    /// Average proceeds per month over a longer period.
    MonthlyAverage,
    /// A forward-looking figure.
    Forecast,
    /// The length of a period as named (`first eight months`).
    PeriodLength,
    /// A period's label as written (`FY 2201-22`, which names no fiscal
    /// year).
    PeriodLabel,
}

impl ClaimKind {
    /// The kind as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::MonthlyValue => "monthly_value",
            ClaimKind::FiscalYtd => "fiscal_ytd",
            ClaimKind::FiscalYearTotal => "fiscal_year_total",
            ClaimKind::PeriodTotal => "period_total",
            ClaimKind::Level => "level",
            ClaimKind::YoyGrowth => "yoy_growth",
            ClaimKind::MomGrowth => "mom_growth",
            ClaimKind::Growth => "growth",
            ClaimKind::YoyChange => "yoy_change",
            ClaimKind::MomChange => "mom_change",
            ClaimKind::Change => "change",
            ClaimKind::Record => "record",
            ClaimKind::Share => "share",
            ClaimKind::PerDay => "per_day",
            ClaimKind::MonthlyAverage => "monthly_average",
            ClaimKind::Forecast => "forecast",
            ClaimKind::PeriodLength => "period_length",
            ClaimKind::PeriodLabel => "period_label",
        }
    }
}

/// What a verdict rests on. Amounts are in the series' unit (`unit`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
#[schema(as = ClaimEvidence)]
pub struct Evidence {
    /// The series consulted, such as `pk.ict.exports`.
    pub series: Option<String>,
    /// The period consulted (`2024-04`, `FY2023-24:Jul-Apr`).
    pub period: Option<String>,
    /// The vintage read: `latest` or the as-of date.
    pub vintage: String,
    /// The value found in the data (or, for `inconsistent`, computed from
    /// the text's own figures).
    pub value: Option<f64>,
    /// The value the text should have given, for `contradicted`,
    /// `unit_error` and `inconsistent`.
    pub expected: Option<f64>,
    /// The unit of `value` and `expected`.
    pub unit: Option<String>,
    /// The tolerance applied, in `unit`, and why.
    pub tolerance: Option<String>,
    /// Where the value was published.
    pub source_url: Option<String>,
    /// How the value was computed.
    pub computation: String,
    /// The projection, for forward-looking claims.
    pub projection: Option<ProjectionSummary>,
}

/// One claim and its verdict.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Claim {
    /// The sentence the claim is in.
    pub sentence: String,
    /// Byte offsets of the claim's words in the input, end excluded.
    pub span: [usize; 2],
    /// The claim's words as written.
    pub text: String,
    /// What the claim asserts.
    pub kind: ClaimKind,
    /// The number as written (2.593 for `$2.593 billion`, 21 for `21%`).
    pub value: f64,
    /// The unit as written: `USD billion`, `PKR million`, `percent`,
    /// `months`.
    pub unit: String,
    /// The period the claim is about, if known.
    pub period: Option<String>,
    /// The series the claim is about, if known.
    pub series: Option<String>,
    /// The judgement.
    pub verdict: Verdict,
    /// One sentence saying why.
    pub explanation: String,
    /// What the judgement rests on.
    pub evidence: Evidence,
    /// Index of the sentence in [`Report::sentences`].
    #[serde(skip)]
    pub sentence_index: usize,
}

/// A sentence of the input.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Sentence {
    /// Byte offsets in the input, end excluded.
    pub span: [usize; 2],
    /// The text.
    pub text: String,
}

/// Every claim found in a text, in order.
///
/// Serializes to `{"claims": [...]}`; [`Report::render_text`] is the
/// terminal form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Report {
    /// The claims, in the order they appear.
    pub claims: Vec<Claim>,
    /// The sentences that contain claims, in order.
    #[serde(skip)]
    pub sentences: Vec<Sentence>,
    /// Set when checking stopped at [`MAX_CLAIMS`]; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated: Option<Truncated>,
}

/// Most claims one report holds. A text of nothing but numbers ("5% 5% 5%
/// ...") otherwise makes a report hundreds of times its own size: 199 KiB
/// of it gave 47 MB of JSON. No real article comes near this many claims.
pub const MAX_CLAIMS: usize = 500;

/// Where a report was cut short.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Truncated {
    /// The number of claims kept ([`MAX_CLAIMS`]).
    pub limit: usize,
    /// Byte offset in the input where checking stopped; nothing after it
    /// was checked.
    pub at: usize,
}

impl Report {
    /// How many claims got `verdict`.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.claims.iter().filter(|c| c.verdict == verdict).count()
    }

    /// Whether any claim flags an error (`contradicted`, `unit_error` or
    /// `inconsistent`).
    pub fn has_errors(&self) -> bool {
        self.claims.iter().any(|c| c.verdict.is_error())
    }
}
