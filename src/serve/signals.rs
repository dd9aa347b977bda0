//! Ctrl-C (SIGINT) and SIGTERM stop `serve`, whatever disposition it inherited. A
//! shell starts background jobs (`folio serve &`, a script) with SIGINT ignored, and a
//! program keeps an ignored signal ignored, so without handlers of its own such a
//! server could not be stopped with Ctrl-C or `kill -INT`.
//!
//! The handler only writes a byte to a pipe (all a signal handler may safely do); a
//! thread waiting on the pipe ends the process. serve holds nothing that needs
//! saving: the site is in memory and the user's files are only read.

use std::sync::atomic::{AtomicI32, Ordering};

static WAKE: AtomicI32 = AtomicI32::new(-1);

extern "C" fn on_signal(_: libc::c_int) {
    let fd = WAKE.load(Ordering::Relaxed);
    if fd >= 0 {
        // SAFETY: write(2) is async-signal-safe; the buffer is a static byte.
        unsafe { libc::write(fd, b"x".as_ptr().cast(), 1) };
    }
}

/// Installs the handlers; `stop` runs (on its own thread) at the first signal.
pub fn stop_on_signals(stop: impl FnOnce() + Send + 'static) -> std::io::Result<()> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` has room for the two descriptors pipe(2) writes.
    if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let [read_end, write_end] = fds;
    WAKE.store(write_end, Ordering::Relaxed);
    for signal in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: a zeroed sigaction is valid; the handler is a plain extern "C" fn
        // that only calls write(2).
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_signal as *const () as usize;
            libc::sigemptyset(&mut action.sa_mask);
            action.sa_flags = libc::SA_RESTART;
            if libc::sigaction(signal, &action, std::ptr::null_mut()) != 0 {
                return Err(std::io::Error::last_os_error());
            }
        }
    }
    std::thread::Builder::new()
        .name("folio-signals".into())
        .spawn(move || {
            let mut byte = 0u8;
            loop {
                // SAFETY: reads one byte into a local.
                let n = unsafe { libc::read(read_end, (&raw mut byte).cast(), 1) };
                if n == 1 {
                    break;
                }
                let interrupted =
                    std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted;
                if n < 0 && interrupted {
                    continue;
                }
                return;
            }
            stop();
        })?;
    Ok(())
}
