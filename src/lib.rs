//! The Entas browser app: a thin Leptos wrapper around `entas-model`.
//!
//! Architecture Invariant: the app never computes a poverty number; it formats what the model returns.

rust_i18n::i18n!("locales", fallback = "id");

pub mod chart;
pub mod format;
pub mod i18n;
pub mod persist;
pub mod state;
pub mod views;
pub mod worker;

pub use views::App;
