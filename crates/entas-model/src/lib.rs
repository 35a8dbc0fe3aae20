//! Entas simulation core: numbers in, numbers out.
//!
//! Architecture Invariant: this crate never does IO, never reads a clock, never touches a global RNG and
//! depends on no web crate. Everything it needs comes in as arguments; everything it knows goes out as values.

pub mod levers;
pub mod lognormal;
pub mod normal;
pub mod presets;
