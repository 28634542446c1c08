//! The translator's commands: `status`, `check` and `sync`, and the editor
//! of translation files they (and `import`) share.

pub(crate) mod check;
pub(crate) mod edit;
pub(crate) mod status;
pub(crate) mod sync;
