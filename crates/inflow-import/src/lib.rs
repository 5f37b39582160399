//! inflow import.
