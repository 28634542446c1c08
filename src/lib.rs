//! Tolmach: a static site generator for the multilingual edition of one
//! official document, the Russian original and its translations.
//!
//! The build reads top to bottom: [`load`] reads the project, [`model`]
//! parses and cross-checks it, [`render`] turns it into pages in memory and
//! [`write`] writes them atomically and incrementally. The translator's
//! tools live in [`workflow`].

pub mod build;
pub mod cli;
pub mod corpus;
pub mod error;
pub mod i18n;
pub mod interchange;
pub mod lang;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod serve;
pub mod settings;
pub mod source;
pub mod translation;
pub mod workflow;
pub mod write;
mod yaml;

pub use error::{Diagnostic, Error, Result};
