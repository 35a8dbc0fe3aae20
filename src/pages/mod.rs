//! The pages, one module each: the explorer, compare, the printable brief, "how the model works"; and the
//! saved-scenario list the compare page shows.

pub mod brief;
pub mod compare;
pub mod explorer;
pub mod howto;
pub mod saved;
