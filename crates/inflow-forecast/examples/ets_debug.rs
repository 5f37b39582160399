//! Debugging aid for comparisons with statsforecast.
//!
//! usage: cargo run --release -p inflow-forecast --example ets_debug -- FILE MODE [TOL MAXIT]
//! MODE `forms` prints the ETS form and AICc chosen for each series; MODE
//! `ets` or `auto` writes 18-step forecasts (point, 80% interval) as CSV,
//! with the ETS optimiser's tolerance and iteration cap as given.

use inflow_forecast::{AutoArima, AutoEts, Combination, Fit, FittedModel, Theta, ThetaVariant};
use rayon::prelude::*;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let panel = read_train(&args[1])?;
    let mode = args[2].as_str();
    let tol: f64 = args.get(3).map_or(Ok(1e-4), |s| s.parse())?;
    let maxit: usize = args.get(4).map_or(Ok(1000), |s| s.parse())?;
    let mut ets = AutoEts::new(12).with_optimizer(tol, maxit);
    if std::env::var_os("FIXED_SEASONS").is_some() {
        ets = ets.with_seasonal_states_fixed();
    }
    let t0 = std::time::Instant::now();
    let rows: Vec<String> = panel
        .par_iter()
        .map(|s| {
            let y = &s.values;
            let model: Box<dyn FittedModel> = match mode {
                "auto" => Box::new(
                    Combination::empty()
                        .with_member("ets", ets.clone())
                        .with_member("dotm", Theta::new(12, ThetaVariant::DynamicOptimized))
                        .fit(y)
                        .expect("fit"),
                ),
                "arima" => Box::new(AutoArima::new(12).fit(y).expect("fit")),
                "auto-arima" => Box::new(
                    Combination::empty()
                        .with_member("ets", ets.clone())
                        .with_member("dotm", Theta::new(12, ThetaVariant::DynamicOptimized))
                        .with_member("arima", AutoArima::new(12))
                        .fit(y)
                        .expect("fit"),
                ),
                "auto3" => Box::new(
                    Combination::empty()
                        .with_member("ets", ets.clone())
                        .with_member("dotm", Theta::new(12, ThetaVariant::DynamicOptimized))
                        .with_member("stm", Theta::new(12, ThetaVariant::Standard))
                        .fit(y)
                        .expect("fit"),
                ),
                "fitonly" => {
                    let f = ets.fit(y).expect("fit");
                    return format!("{}\n", f.aicc());
                }
                _ => {
                    let f = ets.fit(y).expect("fit");
                    if mode == "forms" {
                        let scale = y.iter().map(|v| v.abs()).sum::<f64>() / y.len() as f64;
                        let aicc = f.aicc() + 2.0 * y.len() as f64 * scale.ln();
                        return format!("{} {} {:.3}\n", s.id, f.spec(), aicc);
                    }
                    Box::new(f)
                }
            };
            let fc = model.forecast(18, &[80.0]).expect("forecast");
            (0..18)
                .map(|j| {
                    let iv = &fc.intervals[0];
                    format!(
                        "{},{},{},{},{}\n",
                        s.id,
                        j + 1,
                        fc.point[j],
                        iv.lo[j],
                        iv.hi[j]
                    )
                })
                .collect()
        })
        .collect();
    eprintln!("{:.2} s", t0.elapsed().as_secs_f64());
    if mode != "forms" && mode != "fitonly" {
        println!("series_id,h,point,lo_80,hi_80");
    }
    print!("{}", rows.concat());
    Ok(())
}

struct Series {
    id: String,
    values: Vec<f64>,
}

/// The `train` rows of a long CSV (`series_id`, `t`, `value`, `part`), in
/// file order: this debugging aid reads its own input, as the library
/// does no I/O (`inflow_app::panel` is the real reader).
fn read_train(path: &str) -> Result<Vec<Series>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split(',').collect();
    let col = |n: &str| header.iter().position(|h| h.trim() == n);
    let (id, value) = (
        col("series_id").ok_or("no series_id")?,
        col("value").ok_or("no value")?,
    );
    let part = col("part");
    let mut out: Vec<Series> = Vec::new();
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        if part.is_some_and(|p| f.get(p).is_some_and(|v| v.trim() != "train")) {
            continue;
        }
        let v: f64 = f.get(value).ok_or("short row")?.trim().parse()?;
        let key = f.get(id).ok_or("short row")?.trim();
        match out.last_mut() {
            Some(s) if s.id == key => s.values.push(v),
            _ => out.push(Series {
                id: key.to_string(),
                values: vec![v],
            }),
        }
    }
    Ok(out)
}
