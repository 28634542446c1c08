//! The translator's and reviewer's commands: `status`, `check`, `sync` and `review`.

pub(crate) mod check;
pub(crate) mod review;
pub(crate) mod status;
pub(crate) mod sync;
