//! Reads inflow's tidy CSV files into validated records, and carries the
//! bundled Pakistan data.
//!
//! Three kinds of file are recognised by their header row:
//!
//! | header | kind |
//! | --- | --- |
//! | `key,title,economy,flow,ebops,partner,unit,frequency,source,fiscal_start` | series definitions |
//! | `series,period,value,status,release_date,source_url,note` | observations, one row per value per release (periods `2024-04`, `2024-Q2` or `2024` as the series' frequency says) |
//! | `series,period,value,publisher,release_date,source_url,note` | totals as published |
//!
//! Parsing validates every row before anything is stored, so a file with one
//! bad row is rejected whole; the error names the file, line, column and
//! field. Parsing does no database I/O: the store applies a [`Batch`].

mod bundled;
mod check;
mod parse;
pub mod sbp;
mod targets;

pub use bundled::{BUNDLED, BUNDLED_WORKBOOKS, BundledFile, BundledWorkbook, bundled_batches};
pub use check::{MAX_VALUE, excerpt};
pub use parse::{Batch, BatchKind, Located, parse_str, parse_str_on};
pub use targets::{BUNDLED_TARGETS, TARGETS_HEADER, Target, bundled_targets, parse_targets};

/// Errors from reading an import file.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// A field of a row failed validation.
    #[error("{file}:{line}:{column}: field `{field}`: {reason}")]
    Field {
        /// The file's name as given.
        file: String,
        /// 1-based line number.
        line: u64,
        /// 1-based column (field) number.
        column: usize,
        /// The column's header name.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// A row is malformed as CSV (wrong number of fields, bad quoting, bad UTF-8).
    #[error("{file}:{line}: {reason}")]
    Row {
        /// The file's name as given.
        file: String,
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        reason: String,
    },
    /// A workbook cell does not hold what the layout needs there.
    #[error("{file}: {cell}: expected {expected}, found {found}")]
    Cell {
        /// The file's name as given.
        file: String,
        /// Sheet and cell, such as `EBOPS !C7` (the sheet name as published,
        /// trailing space included).
        cell: String,
        /// What the reader needed there.
        expected: String,
        /// What the cell holds.
        found: String,
    },
    /// The file is not a readable workbook, or the sheet lacks a part of the
    /// layout altogether.
    #[error("{file}: {reason}")]
    Workbook {
        /// The file's name as given.
        file: String,
        /// What is wrong.
        reason: String,
    },
    /// The header row is not one of the known kinds.
    #[error("{file}:1: unrecognised header {found}; expected one of:\n  {expected}")]
    Header {
        /// The file's name as given.
        file: String,
        /// The header found, quoted and cut to a short excerpt.
        found: String,
        /// The accepted headers.
        expected: String,
    },
}

impl Error {
    /// The shared classification: every parse failure rejects the file.
    pub fn kind(&self) -> inflow_core::ErrorKind {
        inflow_core::ErrorKind::Rejected
    }
}
