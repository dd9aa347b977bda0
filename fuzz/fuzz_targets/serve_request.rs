//! `folio serve`'s request handling: a raw request head, parsed and answered from a
//! small in-memory site. Whatever the path, only the site's files may come back.
#![no_main]

use std::sync::OnceLock;
use std::sync::atomic::AtomicUsize;

use folio::serve::Shared;
use folio::serve::http::{MAX_POLLERS, reply_to};
use libfuzzer_sys::fuzz_target;

const SECRET: &[u8] = b"never served";

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let shared = Shared::default();
        {
            let mut state = shared.state.lock().unwrap();
            state.base_path = "/base/".into();
            for (path, body) in [
                ("index.html", &b"<html><body>home</body></html>"[..]),
                ("about/index.html", b"<p>about</p>"),
                ("css/site.css", b"body{}"),
                ("404.html", b"<p>not found</p>"),
            ] {
                state.files.insert(path.into(), body.to_vec().into());
            }
            // A file outside the base path's tree, as a traversal target.
            state
                .files
                .insert("../secret".into(), SECRET.to_vec().into());
        }
        shared
    })
}

fuzz_target!(|data: &[u8]| {
    // The live-reload poll waits for a rebuild; with the poll full it answers at once.
    let pollers = AtomicUsize::new(MAX_POLLERS);
    let answered = reply_to(data, shared(), &pollers);
    assert!(
        !answered
            .reply
            .body
            .windows(SECRET.len())
            .any(|w| w == SECRET),
        "served a file outside the site"
    );
});
