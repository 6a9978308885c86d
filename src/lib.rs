//! huanjie: a static site generator for the leadership changeover (换届) sites of Chinese
//! counties and townships.
//!
//! The flow is one way: [`site::Site::load`] reads site.yaml, content/ and the theme into an
//! immutable model (every rule checked), [`render::render`] turns it into an in-memory
//! [`output::Output`], which `build` writes atomically and `serve` serves from memory.

pub mod check;
pub mod config;
pub mod content;
pub mod discipline;
pub mod error;
pub mod i18n;
pub mod output;
pub mod render;
pub mod results;
pub mod review;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod theme;
pub mod yaml;

pub use error::{Diagnostic, Errors, Result};
pub use site::{LoadOptions, Site};

/// Loads and renders the site under `root`, returning the output and the load warnings.
pub fn build(
    root: &std::path::Path,
    opts: &LoadOptions,
) -> Result<(output::Output, Vec<Diagnostic>)> {
    let mut site = Site::load(root, opts)?;
    let bodies = site.take_page_bodies();
    let out = render::render_sharing_bodies(&site, &bodies)?;
    Ok((out, site.warnings))
}
