//! The form of an ETS model: error, trend and season components.

use super::*;

/// A component of an ETS model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Component {
    /// Absent.
    None,
    /// Additive.
    Additive,
    /// Multiplicative.
    Multiplicative,
}

/// The form of an ETS model, such as `MAdM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EtsSpec {
    /// Additive or multiplicative error (never [`Component::None`]).
    pub error: Component,
    /// None or additive trend (multiplicative trend is not supported).
    pub trend: Component,
    /// Whether the trend is damped.
    pub damped: bool,
    /// None, additive or multiplicative seasonality.
    pub season: Component,
}

impl fmt::Display for EtsSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = |c: Component| match c {
            Component::None => "N",
            Component::Additive => "A",
            Component::Multiplicative => "M",
        };
        let d = if self.damped { "d" } else { "" };
        write!(
            f,
            "{}{}{}{}",
            c(self.error),
            c(self.trend),
            d,
            c(self.season)
        )
    }
}

impl EtsSpec {
    pub(super) fn has_trend(&self) -> bool {
        self.trend != Component::None
    }
    pub(super) fn has_season(&self) -> bool {
        self.season != Component::None
    }
    /// Parameter count used by statsforecast's "too few observations" rule.
    pub(super) fn npars(&self) -> usize {
        2 + 2 * usize::from(self.has_trend())
            + 2 * usize::from(self.has_season())
            + usize::from(self.damped)
    }
}
