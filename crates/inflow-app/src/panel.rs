//! Forecasting a panel of series read from a CSV file (`inflow forecast`).
//!
//! The panel use case needs no database; it is here so that the front ends
//! reach the forecast engine only through this crate.

pub use inflow_forecast::ModelSpec;
pub use inflow_forecast::panel::{
    Panel, PanelOptions, PanelSeries, SeriesForecast, forecast_panel, level_label, read_panel,
    read_panel_from, write_forecasts,
};
