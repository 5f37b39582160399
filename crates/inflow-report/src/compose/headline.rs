//! The headline paragraph: the month's value, whether it is a record, and its changes on the month and the year.

use super::*;

impl Composer<'_> {
    fn subject(&self) -> String {
        let title = &self.series.meta.title;
        match title.split_once(": ") {
            Some((who, what)) => format!("{who}'s {what}"),
            None => title.clone(),
        }
    }

    pub(super) fn headline(&mut self, h: &Headline) -> Paragraph {
        let m = h.month;
        let value = self.value_fig(m, h.value);
        let mut p = Para::default()
            .l(self.subject())
            .t(" were ")
            .f(value)
            .t(" in ")
            .l(m.long_label());
        let r = &h.record;
        if let (Some(ph), Some(pm)) = (r.previous_high, r.previous_high_month) {
            let earlier: Vec<YearMonth> = r.history_from.through(m.pred().unwrap_or(m)).collect();
            let unit = self.unit.to_string();
            let obs = self.obs(pm);
            let high = self.fig(
                format!("highest value before {}", m.long_label()),
                money(ph, self.unit),
                ph,
                &unit,
                &earlier,
                Some(format!(
                    "maximum of the months {}..{} with a value = {} ({})",
                    short(r.history_from),
                    short(*earlier.last().unwrap_or(&m)),
                    plain(ph),
                    short(pm)
                )),
                obs,
            );
            if r.all_time {
                p = p
                    .t(", the highest of any month since ")
                    .l(r.history_from.long_label())
                    .t(": a record, above the previous high of ")
                    .f(high)
                    .t(" in ")
                    .l(pm.long_label());
            } else if h.value == ph {
                p = p
                    .t(", equal to the high of ")
                    .f(high)
                    .t(" set in ")
                    .l(pm.long_label())
                    .t(" (not a new record)");
            } else {
                if r.calendar_month {
                    if let (Some(cv), Some(cm)) = (
                        r.calendar_month_previous_high,
                        r.calendar_month_previous_high_month,
                    ) {
                        let cal = self.value_fig(cm, cv);
                        p = p
                            .t(format!(", the highest {} on record (previous: ", m.name()))
                            .f(cal)
                            .t(" in ")
                            .l(cm.long_label())
                            .t(")");
                    }
                }
                p = p
                    .t(", below the all-time high of ")
                    .f(high)
                    .t(" set in ")
                    .l(pm.long_label());
            }
        }
        p = p.t(".");
        let mut parts = Vec::new();
        let mut gaps = Vec::new();
        for (c, back, what) in [(&h.mom, 1, "month"), (&h.yoy, 12, "year")] {
            match c {
                Some(c) => parts.push(self.change_figs(m, h.value, c)),
                None => gaps.push((m.add_months(-back).unwrap_or(m), what)),
            }
        }
        if !parts.is_empty() {
            p = p.t(" That is ");
            for (i, part) in parts.into_iter().enumerate() {
                if i > 0 {
                    p = p.t(" and ");
                }
                p.spans.extend(part.spans);
            }
            p = p.t(".");
        }
        match gaps.as_slice() {
            [] => {}
            [(gm, what)] => {
                p = p.t(" ").l(gm.long_label()).t(format!(
                    " has no value, so there is no change on the {what}."
                ));
            }
            [(a, _), (b, _)] => {
                p = p
                    .t(" ")
                    .l(a.long_label())
                    .t(" and ")
                    .l(b.long_label())
                    .t(" have no value, so there is no change on the month or the year.");
            }
            _ => {}
        }
        p.done()
    }
}
