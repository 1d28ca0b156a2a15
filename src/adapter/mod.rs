//! Adapters that build the [`crate::model::Page`] from outside input.
//!
//! The browser adapter is JavaScript (`extension/src/content/walk.js`) and
//! enters through [`crate::model::Page::from_snapshot`]; this module holds
//! the native one, which only native builds (and the browser parity tests)
//! compile.

pub mod html;
