//! The library's one error type.

/// Why lede could not process a page. Limit errors carry their numbers.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum LedeError {
    /// The input holds no HTML markup at all (or is binary data).
    #[error("input is not HTML: {0}")]
    NotHtml(String),
    /// The input is larger than a configured limit.
    #[error("page too large: {found} {what}, the limit is {max}")]
    TooLarge {
        /// What was counted (`bytes`, `nodes`).
        what: &'static str,
        /// How many were found.
        found: usize,
        /// The configured limit.
        max: usize,
    },
    /// The markup nests deeper than the parser can handle in bounded time.
    #[error("page nested too deeply: about {found} levels, the limit is {max}")]
    TooDeep {
        /// Estimated nesting depth.
        found: usize,
        /// The configured limit.
        max: usize,
    },
    /// A DOM snapshot from the browser adapter did not follow its format.
    #[error("malformed page snapshot: {0}")]
    BadSnapshot(String),
    /// A page URL given by the caller could not be parsed.
    #[error("bad URL {0:?}")]
    BadUrl(String),
}
