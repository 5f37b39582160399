//! "What drove it": the month's components, each one's contribution to the
//! total's change on a year earlier (or on the month before, when the
//! components have no value a year earlier), and whether they add up.

use inflow_analytics::breakdown::{Breakdown, GrowthBasis, breakdown, component_name};

use super::*;

impl Composer<'_> {
    /// The drivers paragraph from `components` (meta and full history of
    /// each child series), read in the brief's vintage; `None` when no
    /// component has a value in the month.
    pub(super) fn drivers(
        &mut self,
        components: &[(SeriesMeta, Vec<Observation>)],
        month: YearMonth,
    ) -> Option<(Paragraph, Breakdown)> {
        let kids: Vec<(String, String, MonthlySeries)> = components
            .iter()
            .map(|(m, h)| {
                let s = MonthlySeries::from_history(
                    m.clone(),
                    Vintage::AsOf(self.released),
                    h.iter().filter(|o| o.period <= month).cloned(),
                );
                (m.key.to_string(), component_name(m), s)
            })
            .filter(|(_, _, s)| s.value(month).is_some())
            .collect();
        if kids.is_empty() {
            return None;
        }
        let refs: Vec<(String, String, &MonthlySeries)> = kids
            .iter()
            .map(|(k, n, s)| (k.clone(), n.clone(), s))
            .collect();
        let b = breakdown(self.series, &refs, &[month]).ok()?;
        let before = match b.basis {
            GrowthBasis::YearOnYear => month.add_months(-12).ok()?,
            GrowthBasis::PreviousPeriod => month.add_months(-1).ok()?,
        };
        let mut p = Para::default();
        let total_pct = b.total_change_pct;
        for (i, row) in b.components.iter().enumerate() {
            let Some((_, _, s)) = kids.iter().find(|(k, _, _)| *k == row.series) else {
                continue;
            };
            let mut obs: Vec<ObsRef> = s.get(before).map(obs_ref).into_iter().collect();
            obs.extend(s.get(month).map(obs_ref));
            obs.extend(self.obs(before));
            let name = row.name.clone();
            p = p
                .t(if i == 0 { "" } else { "; " })
                .l(capitalise_first(&name, i == 0));
            match (row.value, row.contribution_pp) {
                (Some(v), Some(c)) => {
                    let vf = self.fig_of(
                        &row.series,
                        format!("value of {name} in {}", month.long_label()),
                        money(v, self.unit),
                        v,
                        &self.unit.to_string(),
                        &[month],
                        None,
                        s.get(month).map(obs_ref).into_iter().collect(),
                    );
                    let cf = self.fig_of(
                        &row.series,
                        format!(
                            "contribution of {name} to the change on {}",
                            before.long_label()
                        ),
                        format!("{:.1} points", round1(c).abs()),
                        round1(c),
                        "percentage points",
                        &[before, month],
                        Some(format!(
                            "({} - {}) / {} x 100 = {} (the total in {})",
                            plain(v),
                            plain(row.previous.unwrap_or(0.0)),
                            plain(b.total_previous.unwrap_or(0.0)),
                            round1(c),
                            before.long_label()
                        )),
                        obs,
                    );
                    p = p
                        .t(" (")
                        .f(vf)
                        .t(if c >= 0.0 { ") added " } else { ") took away " })
                        .f(cf);
                }
                (Some(v), None) => {
                    let vf = self.fig_of(
                        &row.series,
                        format!("value of {name} in {}", month.long_label()),
                        money(v, self.unit),
                        v,
                        &self.unit.to_string(),
                        &[month],
                        None,
                        s.get(month).map(obs_ref).into_iter().collect(),
                    );
                    p = p.t(" were ").f(vf).t(", with no earlier value to compare");
                }
                _ => {}
            }
        }
        if let (Some(tp), Some(_), Some(tprev)) =
            (total_pct, b.contributions_sum_pp, b.total_previous)
        {
            let pc = self.fig(
                format!(
                    "percentage change of {} against {}",
                    month.long_label(),
                    before.long_label()
                ),
                pct(tp),
                round1(tp),
                "%",
                &[before, month],
                Some(format!(
                    "({} - {}) / {} x 100 = {}",
                    plain(b.total),
                    plain(tprev),
                    plain(tprev),
                    round1(tp)
                )),
                {
                    let mut o = self.obs(before);
                    o.extend(self.obs(month));
                    o
                },
            );
            p = p
                .t(" of the ")
                .f(pc)
                .t(if tp >= 0.0 { " rise on " } else { " fall on " })
                .l(before.long_label());
        }
        p = p.t(".");
        p = if b.adds_up {
            p.t(" The components add up to the total within rounding.")
        } else if let Some(u) = b.unexplained {
            let uf = self.fig(
                format!(
                    "difference between the total and its components in {}",
                    month.long_label()
                ),
                money(u, self.unit),
                u,
                &self.unit.to_string(),
                &[month],
                Some(format!(
                    "{} - {} = {}",
                    plain(b.total),
                    plain(b.components_sum.unwrap_or(0.0)),
                    plain(u)
                )),
                self.obs(month),
            );
            p.t(" The components do not add up to the total: ")
                .f(uf)
                .t(" is not explained by them.")
        } else {
            p
        };
        Some((p.done(), b))
    }
}

fn capitalise_first(s: &str, yes: bool) -> String {
    if !yes {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
