//! OpenAPI schemas of the types that serialize as text, so every document
//! generated from types that use them (the server's `/api/openapi.json`)
//! says what the text looks like: the same pattern the parser accepts.
//!
//! The patterns are anchored regular expressions in the subset JSON Schema
//! uses; the server's tests check each against the parser it describes.

use std::borrow::Cow;

use utoipa::openapi::schema::{AnyOfBuilder, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::{KnownFormat, RefOr};
use utoipa::{PartialSchema, ToSchema};

use crate::{
    Amount, AsOf, EbopsCode, FiscalCalendar, FiscalYear, Period, SeriesKey, Unit, Vintage,
    YearMonth,
};

/// A month `YYYY-MM`, years [`crate::month::MIN_YEAR`] to
/// [`crate::month::MAX_YEAR`].
pub const MONTH_PATTERN: &str = "^[1-9][0-9]{3}-(0[1-9]|1[0-2])$";

/// A fiscal year: `FY2023-24`, or `FY2024` for a calendar that starts in
/// January.
pub const FISCAL_YEAR_PATTERN: &str = "^FY[1-9][0-9]{3}(-[0-9]{2})?$";

/// A series key: dot-separated segments of `a-z`, `0-9` and `_`.
pub const SERIES_KEY_PATTERN: &str = "^[a-z0-9_]+(\\.[a-z0-9_]+)*$";

fn text(pattern: Option<&str>, description: &str, example: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(pattern.map(str::to_string))
        .description(Some(description.to_string()))
        .examples([example])
}

macro_rules! named {
    ($t:ty, $name:literal, $schema:expr) => {
        impl PartialSchema for $t {
            fn schema() -> RefOr<Schema> {
                $schema.into()
            }
        }

        impl ToSchema for $t {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
        }
    };
}

named!(
    YearMonth,
    "Month",
    text(Some(MONTH_PATTERN), "A calendar month, YYYY-MM.", "2024-04")
);
named!(
    FiscalYear,
    "FiscalYear",
    text(
        Some(FISCAL_YEAR_PATTERN),
        "A fiscal year named by the calendar years it spans.",
        "FY2023-24"
    )
);
named!(
    Period,
    "Period",
    text(
        None,
        "A month (YYYY-MM), a whole fiscal year (FY2023-24) or a fiscal year to date \
         (FY2023-24:Jul-Apr).",
        "FY2023-24:Jul-Apr"
    )
);
named!(
    SeriesKey,
    "SeriesKey",
    text(
        Some(SERIES_KEY_PATTERN),
        "A series key: dot-separated segments of lower-case letters, digits and _.",
        "pk.ict.exports"
    )
    .max_length(Some(64))
);
named!(
    EbopsCode,
    "EbopsCode",
    text(None, "An EBOPS 2010 code.", "SI")
);
named!(
    Unit,
    "Unit",
    text(None, "A currency with its scale.", "USD million")
);
named!(
    AsOf,
    "AsOf",
    AnyOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["latest"]))
        )
        .item(YearMonth::schema())
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
        )
        .description(Some(
            "Which data: latest, a month YYYY-MM (the vintage of its first release) or a \
             date YYYY-MM-DD (what was known at its end)."
        ))
        .examples(["2024-04"])
);
named!(
    FiscalCalendar,
    "FiscalCalendarStart",
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
        .minimum(Some(1))
        .maximum(Some(12))
        .description(Some(
            "The month fiscal years start in, 1 to 12.".to_string()
        ))
);
named!(
    Amount,
    "Amount",
    ObjectBuilder::new()
        .schema_type(Type::Number)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Double)))
        .minimum(Some(0))
        .description(Some("A finite, non-negative amount in the series' unit."))
);
named!(
    Vintage,
    "Vintage",
    AnyOfBuilder::new()
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(["latest"]))
        )
        .item(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
        )
        .description(Some(
            "The vintage read: latest, or the date whose end the data are as known at."
        ))
);
