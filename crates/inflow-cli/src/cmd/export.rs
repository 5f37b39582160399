//! `inflow export`: observations out as tidy CSV, JSON or SDMX-CSV 1.0.

use inflow_core::number::plain;

use crate::context::Global;

/// Output formats of `inflow export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ExportFormat {
    /// One row per observation, inflow's column names.
    #[default]
    Csv,
    /// A JSON array of the same rows.
    Json,
    /// SDMX-CSV 1.0: DATAFLOW, the dimensions, TIME_PERIOD, OBS_VALUE, OBS_STATUS.
    SdmxCsv,
}

/// Which vintages to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Vintages {
    /// The newest value of every month.
    #[default]
    Latest,
    /// Every stored vintage, with realtime_start / realtime_end as ALFRED.
    All,
}

/// Arguments of `inflow export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Series keys [default: every series].
    #[arg(long = "series", value_name = "KEY")]
    pub series: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ExportFormat,
    /// Latest values only, or every vintage.
    #[arg(long, value_enum, default_value_t)]
    pub vintages: Vintages,
}

/// The SDMX dataflow the rows belong to.
const DATAFLOW: &str = "INFLOW:BOP_SERVICES(1.0)";

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let all = args.vintages == Vintages::All;
    let rows = global.open()?.export(&args.series, all)?;
    let num = |v: Option<f64>| v.map(plain).unwrap_or_default();
    let mut w = csv::Writer::from_writer(std::io::stdout().lock());
    match args.format {
        ExportFormat::Json => {
            drop(w);
            return crate::output::print_json(&rows);
        }
        ExportFormat::Csv => {
            let mut header = vec!["series", "period", "value", "status", "source_tier"];
            if all {
                header.extend(["realtime_start", "realtime_end"]);
            } else {
                header.push("release_date");
            }
            header.push("source_url");
            w.write_record(&header)?;
            for r in &rows {
                let mut rec = vec![
                    r.series.clone(),
                    r.time_period.clone(),
                    num(r.obs_value),
                    r.obs_status.to_string(),
                    r.source_tier.to_string(),
                    r.realtime_start.clone(),
                ];
                if all {
                    rec.push(r.realtime_end.clone());
                }
                rec.push(r.source_url.clone());
                w.write_record(&rec)?;
            }
        }
        ExportFormat::SdmxCsv => {
            let mut header = vec![
                "DATAFLOW",
                "FREQ",
                "REF_AREA",
                "COUNTERPART_AREA",
                "ACCOUNTING_ENTRY",
                "INT_ACC_ITEM",
                "UNIT_MEASURE",
                "UNIT_MULT",
                "TIME_PERIOD",
                "OBS_VALUE",
                "OBS_STATUS",
            ];
            if all {
                header.extend(["realtime_start", "realtime_end"]);
            }
            w.write_record(&header)?;
            for r in &rows {
                let mut rec = vec![
                    DATAFLOW.to_string(),
                    r.freq.clone(),
                    r.ref_area.clone(),
                    r.counterpart_area.clone(),
                    r.accounting_entry.to_string(),
                    r.int_acc_item.clone(),
                    r.unit_measure.clone(),
                    r.unit_mult.to_string(),
                    r.time_period.clone(),
                    num(r.obs_value),
                    r.sdmx_obs_status.to_string(),
                ];
                if all {
                    rec.extend([r.realtime_start.clone(), r.realtime_end.clone()]);
                }
                w.write_record(&rec)?;
            }
        }
    }
    w.flush()?;
    Ok(())
}
