//! Data notes: definition, vintage, later revisions, coverage and derived months.

use super::*;

impl Composer<'_> {
    pub(super) fn notes(&mut self, h: &Headline, history: &[Observation]) -> Vec<Paragraph> {
        let meta = self.series.meta.clone();
        let mut notes = Vec::new();
        let partner = match meta.partner {
            inflow_core::Partner::World => "all partner economies".to_string(),
            p => format!("partner {p}"),
        };
        let fy_start = inflow_core::month::MONTH_NAMES[meta.fiscal.start_month() as usize - 1];
        let fy_end =
            inflow_core::month::MONTH_NAMES[(meta.fiscal.start_month() as usize + 10) % 12];
        notes.push(
            Para::default()
                .t("Definition: ")
                .l(meta.title.clone())
                .t(", EBOPS ")
                .l(format!("2010 item {}", meta.ebops))
                .t(format!(", with {partner}, in "))
                .l(meta.unit.to_string())
                .t(format!(
                    "; monthly, fiscal years run {fy_start} to {fy_end}. Source: "
                ))
                .l(meta.source.clone())
                .t(".")
                .done(),
        );
        notes.push(
            Para::default()
                .t("Vintage: figures are as released on ")
                .l(long_date(self.released))
                .t(", when ")
                .l(h.month.long_label())
                .t(" was first published; later releases and later months are not used.")
                .done(),
        );
        let latest =
            MonthlySeries::from_history(meta.clone(), Vintage::Latest, history.iter().cloned());
        if let Some(o) = latest.get(h.month) {
            if let Some(v) = o.value.map(|v| v.get()) {
                if v != h.value {
                    let unit = self.unit.to_string();
                    let f = self.fig(
                        format!("latest value of {}", h.month.long_label()),
                        money(v, self.unit),
                        v,
                        &unit,
                        &[h.month],
                        None,
                        vec![obs_ref(o)],
                    );
                    notes.push(
                        Para::default()
                            .t("Later revision: ")
                            .l(h.month.long_label())
                            .t(" was revised to ")
                            .f(f)
                            .t(" on ")
                            .l(long_date(o.release_date))
                            .t(".")
                            .done(),
                    );
                }
            }
        }
        let from = h.record.history_from;
        let gaps: Vec<String> = from
            .through(h.month)
            .filter(|m| self.series.value(*m).is_none())
            .map(|m| m.long_label())
            .collect();
        let mut p = Para::default()
            .t("Coverage: the data begin in ")
            .l(from.long_label())
            .t(", so records are judged since then");
        if !gaps.is_empty() {
            p = p
                .t("; ")
                .l(and_list(&gaps))
                .t(if gaps.len() == 1 { " has" } else { " have" })
                .t(" no value and ")
                .t(if gaps.len() == 1 { "is" } else { "are" })
                .t(" left out of records, never counted as zero");
        }
        notes.push(p.t(".").done());
        // Derived values among the observations the figures rest on.
        let mut derived: Vec<ObsRef> = self
            .evidence
            .iter()
            .flat_map(|e| e.observations.iter())
            .filter(|o| o.status == ObsStatus::Derived)
            .cloned()
            .collect();
        derived.sort_by_key(|o| o.period);
        derived.dedup_by_key(|o| o.period);
        for o in derived {
            let Some(v) = o.value else { continue };
            let f = self.value_fig(o.period, v);
            notes.push(
                Para::default()
                    .l(o.period.long_label())
                    .t(" (")
                    .f(f)
                    .t(") was not published as a month; it is derived from published totals (the evidence gives the computation).")
                    .done(),
            );
        }
        notes
    }
}
