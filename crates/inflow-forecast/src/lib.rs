//! inflow forecast.
