//! A global allocator wrapper that keeps, per thread, the bytes it holds (allocated
//! minus freed on that thread). Rendering an untrusted theme template checks it
//! between loop iterations (`render::bounded`), so a template that grows a string
//! without end stops with an error instead of taking the process down: a failed
//! allocation aborts, and cannot be caught.
//!
//! The count is a plain thread-local add per allocation; frees on another thread make
//! it approximate, which is enough for a budget of hundreds of megabytes.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;

thread_local! {
    static HELD: Cell<isize> = const { Cell::new(0) };
}

fn add(delta: isize) {
    // `try_with`: never panic in the allocator, even while a thread is torn down.
    let _ = HELD.try_with(|held| held.set(held.get().wrapping_add(delta)));
}

/// Bytes this thread has allocated and not freed, since it started.
pub fn thread_held() -> isize {
    HELD.try_with(Cell::get).unwrap_or(0)
}

/// Wraps allocator `A`, counting what each thread holds.
pub struct Counting<A>(pub A);

// SAFETY: every call is forwarded unchanged to `A`; only a thread-local counter is
// updated beside it, which neither allocates nor unwinds.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counting<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { self.0.alloc(layout) };
        if !p.is_null() {
            add(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { self.0.alloc_zeroed(layout) };
        if !p.is_null() {
            add(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { self.0.dealloc(ptr, layout) };
        add(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { self.0.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            add(new_size as isize - layout.size() as isize);
        }
        p
    }
}
