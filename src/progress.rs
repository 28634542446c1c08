//! The progress bar of a long build: pages rendered or carried over, and
//! an estimate of the time left, on stderr. It shows only on a terminal
//! (indicatif hides it when stderr is not one) and only once the build
//! has run about a second, so short builds, tests and CI logs stay clean.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a build runs before its bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// The environment variable that changes [`DELAY`] (milliseconds), so a
/// test can prove that nothing is drawn when stderr is not a terminal.
const DELAY_VAR: &str = "TOLMACH_PROGRESS_AFTER_MS";

/// A progress bar, hidden until the build has run [`DELAY`].
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    delay: Duration,
    shown: bool,
}

impl Progress {
    /// A bar for a build that started at `started`; `enabled` false (for
    /// `serve`'s rebuilds) never draws anything.
    pub(crate) fn new(enabled: bool, started: Instant) -> Progress {
        let delay = std::env::var(DELAY_VAR)
            .ok()
            .and_then(|ms| ms.trim().parse().ok())
            .map_or(DELAY, Duration::from_millis);
        Progress {
            bar: enabled.then(|| ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())),
            started,
            delay,
            shown: false,
        }
    }

    /// The number of pages the build will make.
    pub(crate) fn planned(&mut self, pages: usize) {
        if let Some(bar) = &self.bar {
            bar.set_length(pages as u64);
        }
    }

    /// One page rendered and written, or carried over.
    pub(crate) fn page(&mut self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if !self.shown && self.started.elapsed() >= self.delay {
            self.shown = true;
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} pages, {elapsed} (about {eta} left)",
                )
                .expect("the template is valid"),
            );
            // Hidden by indicatif itself when stderr is not a terminal.
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// The build is done: remove the bar.
    pub(crate) fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
