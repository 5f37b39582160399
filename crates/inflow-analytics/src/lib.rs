//! inflow analytics.
