//! What the release revised against the release before it.

use super::*;

impl Composer<'_> {
    pub(super) fn revisions(&mut self, history: &[Observation], month: YearMonth) -> Paragraph {
        let meta = &self.series.meta;
        let released = self.released;
        let previous = history
            .iter()
            .filter(|o| o.series == meta.key && o.release_date < released)
            .map(|o| o.release_date)
            .max();
        let Some(previous) = previous else {
            return Para::default()
                .t("The release of ")
                .l(long_date(released))
                .t(" is the first in the data; there was nothing earlier to revise.")
                .done();
        };
        let before = MonthlySeries::from_history(
            meta.clone(),
            Vintage::AsOf(previous),
            history.iter().cloned(),
        );
        let mut revised = Vec::new();
        let mut filled = Vec::new();
        for o in self.series.iter().filter(|o| o.period < month) {
            let now = o.value.map(|v| v.get());
            match (before.value(o.period), now) {
                (Some(a), Some(b)) if a != b => revised.push((o.period, a, b)),
                (None, Some(_)) if o.release_date == released => filled.push(o.period),
                _ => {}
            }
        }
        let mut p = Para::default().t("The release of ").l(long_date(released));
        if revised.is_empty() {
            p = p
                .t(" revised no earlier month against the release before it (")
                .l(long_date(previous))
                .t(")");
        } else {
            p = p.t(" revised ");
            let unit = self.unit.to_string();
            for (i, (m, a, b)) in revised.iter().enumerate() {
                if i > 0 {
                    p = p.t(if i + 1 == revised.len() {
                        " and "
                    } else {
                        ", "
                    });
                }
                let old_obs: Vec<ObsRef> = before.get(*m).map(obs_ref).into_iter().collect();
                let old = self.fig(
                    format!(
                        "value of {} as released before {}",
                        m.long_label(),
                        released
                    ),
                    money(*a, self.unit),
                    *a,
                    &unit,
                    &[*m],
                    None,
                    old_obs,
                );
                let new = self.value_fig(*m, *b);
                p = p.l(m.long_label()).t(" from ").f(old).t(" to ").f(new);
            }
        }
        if !filled.is_empty() {
            let names: Vec<String> = filled.iter().map(|m| m.long_label()).collect();
            p = p
                .t("; it also gave values for ")
                .l(and_list(&names))
                .t(", which had none");
        }
        p.t(".").done()
    }
}
