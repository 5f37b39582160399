//! One module per subcommand.

pub mod forecast;
