//! `inflow import`: add a release from SBP's workbook or from tidy CSV.

use std::path::PathBuf;

use inflow_app::types::{ApplySummary, FileKind, ReleaseOutcome};
use inflow_core::number::count;
use inflow_core::{Date, parse_date};

use crate::context::Global;
use crate::output;

/// Arguments of `inflow import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files to import, each as one release in one transaction, in the order
    /// given (put series definitions first). The kind is read from the
    /// content: SBP's trade-in-services workbook (.xls or .xlsx) or tidy CSV
    /// (see README, "Import format").
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The release date (the vintage), YYYY-MM-DD; required for a workbook,
    /// never after today.
    #[arg(long, value_parser = parse_released, value_name = "DATE")]
    pub released: Option<Date>,
    /// Show what would be added and revised, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// POST a JSON summary of what was stored (and the new releases) to
    /// this http:// URL after the import; a failing receiver is reported
    /// and does not undo the import.
    #[arg(long, value_name = "URL")]
    pub webhook: Option<inflow_app::webhook::Webhook>,
}

fn parse_released(s: &str) -> Result<Date, String> {
    parse_date(s).map_err(|e| e.to_string())
}

/// Runs the command.
pub fn run(global: &Global, args: &Args) -> anyhow::Result<()> {
    let mut app = global.open()?;
    let before = match &args.webhook {
        Some(_) => app.releases(usize::MAX)?,
        None => Vec::new(),
    };
    let mut stored: Vec<ApplySummary> = Vec::new();
    let mut result = Ok(());
    for (i, path) in args.files.iter().enumerate() {
        let name = path.display().to_string();
        match app.import_release(path, args.released, args.dry_run) {
            Ok((kind, out)) => {
                let kind = match kind {
                    FileKind::Workbook => "workbook",
                    FileKind::Csv => "csv",
                };
                print_outcome(&name, kind, &out, args.dry_run)?;
                if out.added > 0 {
                    stored.push(ApplySummary {
                        file: name,
                        added: out.added,
                        unchanged: out.preview.unchanged,
                    });
                }
            }
            Err(e) if args.files.len() == 1 => {
                result = Err(e);
                break;
            }
            Err(e) => {
                result = Err(inflow_app::Error::ImportStopped {
                    stored: stored.iter().map(|s| s.file.clone()).collect(),
                    failed: name,
                    not_tried: args.files[i + 1..]
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect(),
                    source: Box::new(e),
                });
                break;
            }
        }
    }
    if let (Some(hook), false) = (&args.webhook, stored.is_empty()) {
        let new: Vec<_> = app
            .releases(usize::MAX)?
            .into_iter()
            .filter(|r| !before.contains(r))
            .collect();
        let body = inflow_app::webhook::import_summary(&stored, &new);
        match hook.post(&body) {
            Ok(status) if (200..300).contains(&status) => {}
            Ok(status) => eprintln!("warning: webhook {hook} answered HTTP {status}"),
            Err(e) => eprintln!("warning: webhook not delivered: {e}"),
        }
    }
    result?;
    Ok(())
}

/// Prints what a release added and revised (or would, in a dry run).
pub fn print_outcome(
    name: &str,
    kind: &str,
    out: &ReleaseOutcome,
    dry_run: bool,
) -> anyhow::Result<()> {
    if let Some(id) = out.already {
        outln!("{name}: already imported as release {id}; nothing added")?;
        return Ok(());
    }
    let p = &out.preview;
    let verb = if dry_run { "would add" } else { "added" };
    outln!(
        "{name} ({kind}): {verb} {} and {} in {} series, {} new series, {}; {} already known",
        count(p.new_months.len(), "new month"),
        count(p.revisions.len(), "revision"),
        series_count(out),
        p.new_series,
        count(p.new_totals, "published total"),
        count(p.unchanged, "row")
    )?;
    if p.periodic_rows > 0 {
        outln!(
            "{} of quarterly or annual series (listed by `inflow show`, not here)",
            count(p.periodic_rows, "row")
        )?;
    }
    if !p.new_months.is_empty() {
        let mut t = output::table(&["series", "month", "value", "status"], &[2]);
        for n in &p.new_months {
            t.add_row(vec![
                n.series.to_string(),
                n.period.to_string(),
                output::opt_amount(n.value),
                n.status.to_string(),
            ]);
        }
        outln!("new months:")?;
        output::print_table(&t)?;
    }
    if !p.revisions.is_empty() {
        let mut t = output::table(
            &[
                "series",
                "month",
                "old",
                "new",
                "change",
                "status",
                "replaces release",
            ],
            &[2, 3, 4],
        );
        for r in &p.revisions {
            let replaced = match r.replaced_release {
                Some(id) => format!("{} (release {id})", r.replaced_date),
                None => r.replaced_date.to_string(),
            };
            t.add_row(vec![
                r.series.to_string(),
                r.period.to_string(),
                output::opt_amount(r.old),
                output::opt_amount(r.new),
                output::opt_pct(r.pct),
                r.status.to_string(),
                replaced,
            ]);
        }
        outln!("revisions:")?;
        output::print_table(&t)?;
    }
    match (dry_run, out.release_id) {
        (true, _) => outln!("dry run: nothing written")?,
        (false, Some(id)) => outln!("stored as release {id} ({})", count(out.added, "row"))?,
        (false, None) => outln!("nothing new; nothing written")?,
    }
    Ok(())
}

fn series_count(out: &ReleaseOutcome) -> usize {
    let mut keys: Vec<&str> = out
        .preview
        .new_months
        .iter()
        .map(|n| n.series.as_str())
        .chain(out.preview.revisions.iter().map(|r| r.series.as_str()))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys.len()
}
