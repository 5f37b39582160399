//! In-sample multi-step errors: the one routine behind the interval widening
//! of ETS, Theta and CES ([`crate::widening`]).

/// How a model replays its own history for [`in_sample_mse`].
pub(crate) struct Replay<S, F, E, A>
where
    F: Fn(&S, usize, usize) -> Vec<f64>,
    E: Fn(usize, f64) -> f64,
    A: FnMut(&mut S, usize),
{
    /// Number of observations.
    pub n: usize,
    /// First origin from which forecasts are scored (the first ones only
    /// set the state).
    pub burn: usize,
    /// Index of the first observation the state has not seen yet.
    pub start: usize,
    /// The state before observation `start`.
    pub state: S,
    /// `forecast(state, t, k)`: forecasts of observations `t..t+k` from the
    /// state before observation `t`.
    pub forecast: F,
    /// `error(i, f)`: the error of forecast `f` of observation `i`, in the
    /// units the model's spread is measured in.
    pub error: E,
    /// `advance(state, t)`: takes observation `t` into the state.
    pub advance: A,
}

/// Mean squared in-sample errors of forecasts 1 to `h` steps ahead with
/// their counts, from every origin from `burn` on.
pub(crate) fn in_sample_mse<S, F, E, A>(h: usize, r: Replay<S, F, E, A>) -> Vec<(f64, usize)>
where
    F: Fn(&S, usize, usize) -> Vec<f64>,
    E: Fn(usize, f64) -> f64,
    A: FnMut(&mut S, usize),
{
    let Replay {
        n,
        burn,
        start,
        mut state,
        forecast,
        error,
        mut advance,
    } = r;
    let mut acc = vec![(0.0, 0usize); h];
    for t in start..n {
        if t >= burn {
            let k = h.min(n - t);
            for (j, f) in forecast(&state, t, k).into_iter().enumerate().take(k) {
                let e = error(t + j, f);
                acc[j].0 += e * e;
                acc[j].1 += 1;
            }
        }
        advance(&mut state, t);
    }
    acc.into_iter()
        .map(|(s, c)| (if c > 0 { s / c as f64 } else { 0.0 }, c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_naive_method_on_a_line_errs_by_the_steps_ahead() {
        // y = t, forecast = last value: the j-step error is j everywhere.
        let y: Vec<f64> = (0..20).map(f64::from).collect();
        let mse = in_sample_mse(
            3,
            Replay {
                n: y.len(),
                burn: 2,
                start: 1,
                state: y[0],
                forecast: |s: &f64, _t, k| vec![*s; k],
                error: |i, f| y[i] - f,
                advance: |s: &mut f64, t| *s = y[t],
            },
        );
        assert_eq!(mse[0], (1.0, 18));
        assert_eq!(mse[1], (4.0, 17));
        assert_eq!(mse[2], (9.0, 16));
    }
}
