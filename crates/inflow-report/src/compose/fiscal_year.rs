//! The fiscal year so far against the same months a year earlier.

use super::*;

impl Composer<'_> {
    pub(super) fn fytd(&mut self, h: &Headline) -> Result<Paragraph, Error> {
        let f = &h.fytd;
        let fy = h.fiscal_year;
        let months = fy.months_through(h.month)?;
        let prev: Vec<YearMonth> = months
            .iter()
            .map(|m| m.add_months(-12))
            .collect::<Result<_, _>>()?;
        let span_label = |ms: &[YearMonth]| match ms {
            [one] => one.long_label(),
            [first, .., last] => format!("{} to {}", first.long_label(), last.long_label()),
            [] => String::new(),
        };
        let flow = self.series.meta.flow.to_string();
        let mut p = Para::default()
            .t("In ")
            .l(fy.to_string())
            .t(if months.len() == 12 {
                " ("
            } else {
                " to date ("
            })
            .l(span_label(&months))
            .t(format!("), {flow} "));
        let Some(total) = f.value else {
            let missing: Vec<String> = f.missing.iter().map(|m| m.long_label()).collect();
            p = p
                .t("cannot be totalled: ")
                .l(and_list(&missing))
                .t(if missing.len() == 1 { " has" } else { " have" })
                .t(" no value.");
            return Ok(p.done());
        };
        let total_fig = self.sum_fig(&format!("total of {}", span_label(&months)), &months, total);
        p = p.t("totalled ").f(total_fig);
        match (f.previous, f.change, f.change_pct) {
            (Some(before), Some(change), change_pct) => {
                let before_fig =
                    self.sum_fig(&format!("total of {}", span_label(&prev)), &prev, before);
                let unit = self.unit.to_string();
                let mut obs: Vec<ObsRef> = prev.iter().flat_map(|m| self.obs(*m)).collect();
                obs.extend(months.iter().flat_map(|m| self.obs(*m)));
                let all: Vec<YearMonth> = prev.iter().chain(&months).copied().collect();
                let what = format!("{} against {}", span_label(&months), span_label(&prev));
                if change == 0.0 {
                    p = p.t(", the same as in the same months a year earlier");
                } else {
                    let ch = self.fig(
                        format!("change of {what}"),
                        money(change, self.unit),
                        change,
                        &unit,
                        &all,
                        Some(format!(
                            "{} - {} = {}",
                            plain(total),
                            plain(before),
                            plain(change)
                        )),
                        obs.clone(),
                    );
                    p = p.t(", ").t(up_down(change)).f(ch);
                    if let Some(cp) = change_pct {
                        let pc = self.fig(
                            format!("percentage change of {what}"),
                            pct(cp),
                            round1(cp),
                            "%",
                            &all,
                            Some(format!(
                                "({} - {}) / {} x 100 = {}",
                                plain(total),
                                plain(before),
                                plain(before),
                                round1(cp)
                            )),
                            obs,
                        );
                        p = p.t(" or ").f(pc);
                    }
                    p = p.t(" on the same months a year earlier");
                }
                p = p.t(" (").f(before_fig).t(").");
            }
            _ => {
                let missing: Vec<String> =
                    f.previous_missing.iter().map(|m| m.long_label()).collect();
                p = p
                    .t("; the same months a year earlier cannot be compared: ")
                    .l(and_list(&missing))
                    .t(if missing.len() == 1 { " has" } else { " have" })
                    .t(" no value.");
            }
        }
        Ok(p.done())
    }
}
