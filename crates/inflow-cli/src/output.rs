//! Output formats and the number formatting shared by every subcommand.

use comfy_table::{CellAlignment, Table, presets};
use serde::Serialize;

/// Machine- or human-readable output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    /// Aligned columns for a terminal.
    #[default]
    Table,
    /// JSON (keys documented in the README).
    Json,
    /// CSV with a header row.
    Csv,
}

/// Formats an amount with thousands separators and only the decimals it
/// needs: `2,593`, `163.02` (the one formatter, `inflow_core::number`).
pub fn amount(v: f64) -> String {
    inflow_core::number::grouped(v, 3)
}

/// An amount with an explicit sign: `+458`, `-3`.
pub fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", amount(v))
    } else {
        amount(v)
    }
}

/// A percentage with one decimal and a sign: `+21.5%`.
pub fn pct(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r > 0.0 {
        format!("+{r:.1}%")
    } else if r == 0.0 {
        "0.0%".to_string()
    } else {
        format!("{r:.1}%")
    }
}

/// Optional amount, `-` when absent.
pub fn opt_amount(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), amount)
}

/// Optional signed amount, `-` when absent.
pub fn opt_signed(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), signed)
}

/// Optional percentage, `-` when absent.
pub fn opt_pct(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), pct)
}

/// A borderless table with the given header; columns listed in `right` are
/// right-aligned (numbers).
pub fn table(header: &[&str], right: &[usize]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING);
    t.set_header(header.to_vec());
    for &i in right {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

/// Prints a table, trimming the padding comfy-table leaves at line ends.
pub fn print_table(t: &Table) -> anyhow::Result<()> {
    for line in t.to_string().lines() {
        outln!("{}", line.trim_end())?;
    }
    Ok(())
}

/// Prints a value as pretty JSON.
pub fn print_json<T: Serialize + ?Sized>(v: &T) -> anyhow::Result<()> {
    outln!("{}", serde_json::to_string_pretty(v)?)?;
    Ok(())
}

/// Writes CSV rows (header first) to stdout.
pub fn print_csv(
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(std::io::stdout().lock());
    w.write_record(header)?;
    for r in rows {
        w.write_record(&r)?;
    }
    w.flush()?;
    Ok(())
}

/// Plain CSV cell for an optional number: empty when absent.
pub fn csv_num(v: Option<f64>) -> String {
    v.map(inflow_core::number::plain).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn press_style_numbers() {
        assert_eq!(amount(2593.0), "2,593");
        assert_eq!(amount(163.02), "163.02");
        assert_eq!(amount(1234567.5), "1,234,567.5");
        assert_eq!(amount(-458.0), "-458");
        assert_eq!(amount(0.0), "0");
        assert_eq!(signed(458.0), "+458");
        assert_eq!(pct(21.452), "+21.5%");
        assert_eq!(pct(-0.04), "0.0%");
        assert_eq!(pct(-3.25), "-3.3%");
    }
}
