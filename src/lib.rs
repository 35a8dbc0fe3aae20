//! The Entas browser app: a thin Leptos wrapper around `entas-model`.
//!
//! Architecture Invariant: the app never computes a poverty number; it formats what the model returns
//! (`present`), and the pages only lay presenters' answers out.

rust_i18n::i18n!("locales", fallback = "id");

pub mod app;
pub mod browser;
pub mod chart;
pub mod district_form;
pub mod format;
pub mod i18n;
pub mod jobs;
pub mod pages;
pub mod persist;
pub mod present;
pub mod route;
pub mod scan;
pub mod session;
pub mod state;
pub mod widgets;
pub mod workshop;

pub use app::App;
