//! The projection of the fiscal-year total, its intervals and the target.

use super::*;

impl Composer<'_> {
    pub(super) fn projection(
        &mut self,
        projection: &Result<Projection, inflow_project::Error>,
        target: Option<f64>,
        fy: FiscalYear,
        month: YearMonth,
    ) -> Vec<Paragraph> {
        let p = match projection {
            Ok(p) => p,
            Err(inflow_project::Error::Gap { .. }) => {
                let missing: Vec<String> = fy
                    .months_through(month)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|m| self.series.value(*m).is_none())
                    .map(|m| m.long_label())
                    .collect();
                return vec![
                    Para::default()
                        .t("No projection of the ")
                        .l(fy.to_string())
                        .t(" total is made: months of the year so far have no value (")
                        .l(and_list(&missing))
                        .t(").")
                        .done(),
                ];
            }
            Err(e) => {
                return vec![
                    Para::default()
                        .t("No projection of the ")
                        .l(fy.to_string())
                        .t(" total is made: ")
                        .l(e.to_string())
                        .t(".")
                        .done(),
                ];
            }
        };
        let unit = self.unit.to_string();
        let known: Vec<YearMonth> = p
            .months
            .iter()
            .filter(|m| m.actual.is_some())
            .map(|m| m.month)
            .collect();
        let rest: Vec<YearMonth> = p
            .months
            .iter()
            .filter(|m| m.actual.is_none())
            .map(|m| m.month)
            .collect();
        let obs: Vec<ObsRef> = known.iter().flat_map(|m| self.obs(*m)).collect();
        let all = p.months.iter().map(|m| m.month).collect::<Vec<_>>();
        if rest.is_empty() {
            let total = self.sum_fig(&format!("total of {fy}"), &known, p.point);
            let mut para = Para::default()
                .t("With ")
                .l(month.long_label())
                .t(" the year is complete: ")
                .l(fy.to_string())
                .t(" totalled ")
                .f(total);
            if let Some(t) = target {
                let tf = self.target_fig(t, &all);
                para = para
                    .t(if p.point > t {
                        ", above"
                    } else {
                        ", not above"
                    })
                    .t(" the target of ")
                    .f(tf);
            }
            return vec![para.t(".").done()];
        }
        let forecast_sum: f64 = p.months.iter().filter_map(|m| m.point).sum();
        let how = format!(
            "actual {} = {} plus point forecasts of {} = {}; model {}, fitted on data from {}; {}",
            range(&known),
            plain(p.actual_to_date),
            range(&rest),
            plain(round1(forecast_sum)),
            p.model,
            p.fitted_from,
            p.interval_method
        );
        let point = self.fig(
            format!("projected total of {fy}"),
            money_aligned(p.point, self.unit),
            round1(p.point),
            &unit,
            &all,
            Some(format!("{how}: {}", plain(round1(p.point)))),
            obs.clone(),
        );
        let mut para = Para::default()
            .t("From the data released with ")
            .l(month.long_label())
            .t(", the ")
            .l(fy.to_string())
            .t(" total is projected at ")
            .f(point);
        for (i, level) in ["80", "95"].into_iter().enumerate() {
            let Some([lo, hi]) = p.intervals.get(level).copied() else {
                continue;
            };
            let computation = format!("{how}: {level}% interval {} to {}", plain(lo), plain(hi));
            let [lo_f, hi_f] = [("lower", lo), ("upper", hi)].map(|(side, v)| {
                self.fig(
                    format!("{side} bound of the {level}% interval of the {fy} total"),
                    money_aligned(v, self.unit),
                    v,
                    &unit,
                    &all,
                    Some(computation.clone()),
                    obs.clone(),
                )
            });
            para = para
                .t(if i == 0 { " (" } else { "; " })
                .l(format!("{level}%"))
                .t(" interval ")
                .f(lo_f)
                .t(" to ")
                .f(hi_f);
        }
        para = para.t(").");
        let mut paras = vec![para.done()];
        paras.push(
            Para::default()
                .t("The projection adds forecasts of the months left (model ")
                .l(p.model.clone())
                .t(") to the months known; it is a statistical projection, not an official forecast.")
                .done(),
        );
        if let Some(t) = target {
            let tf = self.target_fig(t, &all);
            let mut tp = Para::default().t("The target of ").f(tf);
            if p.actual_to_date > t {
                let so_far =
                    self.sum_fig(&format!("total of {fy} to date"), &known, p.actual_to_date);
                tp = tp
                    .t(" is already passed: the year so far totals ")
                    .f(so_far);
            } else {
                let need = (t - p.actual_to_date) / rest.len() as f64;
                let need_f = self.fig(
                    format!("average needed in {} to reach the target", range(&rest)),
                    money(need, self.unit),
                    need,
                    &unit,
                    &all,
                    Some(format!(
                        "({} - {}) / {} months left = {}",
                        plain(t),
                        plain(p.actual_to_date),
                        rest.len(),
                        plain(need)
                    )),
                    obs.clone(),
                );
                tp = tp.t(" needs an average of ").f(need_f);
                tp = match rest.as_slice() {
                    [one] => tp.t(" in ").l(one.long_label()),
                    [first, .., last] => tp
                        .t(" a month from ")
                        .l(first.long_label())
                        .t(" to ")
                        .l(last.long_label()),
                    [] => tp,
                };
            }
            if let Some(pe) = p.p_exceed {
                let pf = self.fig(
                    format!("probability that the {fy} total exceeds the target"),
                    chance(pe),
                    pe,
                    "probability",
                    &all,
                    Some(format!("{how}: P(total > {}) = {}", plain(t), plain(pe))),
                    obs.clone(),
                );
                tp = tp
                    .t("; the model gives the total a chance of ")
                    .f(pf)
                    .t(" of exceeding it");
            }
            paras.push(tp.t(".").done());
        }
        paras
    }
}
