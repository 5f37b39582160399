//! inflow claims.
