//! The pages, one module each: the explorer, compare, the printable brief, "how the model works", the
//! facilitator's workshop, the cheapest-mix solver; the saved-scenario list the compare page shows, and the group view a workshop's
//! groups see above the explorer.

pub mod brief;
pub mod compare;
pub mod district;
pub mod explorer;
pub mod group;
pub mod households;
pub mod howto;
pub mod saved;
pub mod solve;
pub mod workshop;
