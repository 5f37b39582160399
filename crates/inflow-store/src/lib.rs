//! inflow store.
