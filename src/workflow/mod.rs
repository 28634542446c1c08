//! The translator's commands: `status`, `check` and `sync`.

pub(crate) mod check;
pub(crate) mod status;
pub(crate) mod sync;
