//! Giving freed memory back to the system.
//!
//! glibc's allocator keeps what a program frees for its next allocations,
//! and returns it to the system only from the top of its heaps. A build
//! frees large amounts at a few known moments (the project's raw texts once
//! the model is made; a whole-document page's context and bytes once it is
//! written), but what it frees is interleaved with what it keeps, so the
//! freed pages stay resident and the build's peak grows with every large
//! page (BENCHMARKS.md, issue 17, step 22). [`give_back`] returns every
//! free page of every heap to the system at such moments.

/// Return the allocator's free pages to the system. A no-op where the
/// allocator is not glibc's.
pub(crate) fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` takes no pointers and only releases memory the
    // allocator holds free; it is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
