//! Live reload without WebSockets: pages served by `folio serve` carry a few lines of
//! script that long-poll [`POLL_PATH`] with the build generation they were served at.
//! The server answers as soon as the generation differs (after any rebuild, good or
//! bad), or after a while with the same number; the page reloads when it differs.
//! The error overlay is injected into pages the same way as the script.

use std::time::Duration;

use super::Shared;

/// Outside any base path, so it works for every site; never part of a published site.
pub const POLL_PATH: &str = "/__folio/poll";

/// How long a poll waits for a rebuild before answering "no change".
const POLL_WAIT: Duration = Duration::from_secs(25);

/// The page's side of the poll. A page the browser leaves may live on in its
/// back-forward cache with its poll still open; browsers allow six connections per
/// host, so six such pages would stall every later request until their polls ended.
/// The poll is therefore aborted on `pagehide` and started again on `pageshow`.
fn script(generation: u64) -> String {
    format!(
        r#"<script>(function(){{var seen="{generation}",ctl=null;function poll(){{ctl=new AbortController();fetch("{POLL_PATH}?since="+seen+"&page="+encodeURIComponent(location.pathname),{{cache:"no-store",signal:ctl.signal}}).then(function(r){{if(!r.ok)throw r.status;return r.text();}}).then(function(g){{if(g.trim()!==seen){{location.reload();}}else{{poll();}}}},function(e){{if(!(e&&e.name==="AbortError"))setTimeout(poll,2000);}});}}addEventListener("pagehide",function(){{if(ctl)ctl.abort();}});addEventListener("pageshow",function(e){{if(e.persisted)poll();}});poll();}})();</script>"#
    )
}

/// Waits until `page` (a site file, `about/index.html`) changed after generation
/// `since`, or anything every page shows did, and returns the generation then; after
/// [`POLL_WAIT`] without a change, returns `since`. Without a page, waits for any
/// finished rebuild (tests use this to wait for one).
pub fn wait(shared: &Shared, since: u64, page: Option<&str>) -> u64 {
    let mut state = shared.lock();
    if let Some(page) = page {
        state.viewed(page);
    }
    let (state, _) = shared
        .changed
        .wait_timeout_while(state, POLL_WAIT, |s| match page {
            Some(page) => !s.page_changed_since(page, since),
            None => s.generation == since || s.rebuilding(),
        })
        .expect("state lock");
    match page {
        Some(page) if !state.page_changed_since(page, since) => since,
        _ => state.generation,
    }
}

/// Adds the reload script (and the error overlay, if the last rebuild failed, or the
/// build's notes for the owner) before `</body>`, or at the end when there is none.
/// Notes are what the terminal says to the owner (folio.yaml keys, what to
/// configure): they belong in the preview, never on a published page.
pub fn inject(
    mut html: Vec<u8>,
    error: Option<&str>,
    notes: &[String],
    generation: u64,
) -> Vec<u8> {
    let mut extra = String::new();
    if error.is_none() && !notes.is_empty() {
        extra.push_str(r#"<details id="folio-notes" style="position:fixed;inset:auto auto 0 0;max-width:min(40rem,100vw);max-height:50vh;overflow:auto;z-index:2147483646;margin:0;padding:.5rem .9rem;background:#2b2405;color:#fff4cc;font:13px/1.5 ui-monospace,monospace;border-top:3px solid #e3b341"><summary>folio: "#);
        extra.push_str(&format!(
            "{} note{} for you (preview only, not published)</summary>",
            notes.len(),
            if notes.len() == 1 { "" } else { "s" }
        ));
        for note in notes {
            extra.push_str(r#"<p style="margin:.4rem 0;white-space:pre-wrap">"#);
            extra.push_str(&crate::util::html::escape(note));
            extra.push_str("</p>");
        }
        extra.push_str("</details>");
    }
    if let Some(error) = error {
        extra.push_str(r#"<div id="folio-error" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#3d0a0a;color:#ffe4e4;font:14px/1.5 ui-monospace,monospace;border-top:4px solid #ff6b6b"><strong>folio: the last rebuild failed; this is the last good version.</strong><pre style="white-space:pre-wrap;margin:.5rem 0 0">"#);
        extra.push_str(&crate::util::html::escape(error));
        extra.push_str("</pre></div>");
    }
    extra.push_str(&script(generation));
    let at = find_last(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, extra.into_bytes());
    html
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_body_end() {
        let html = inject(b"<html><body><p>x</p></body></html>".to_vec(), None, &[], 3).to_vec();
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("/__folio/poll?since="));
        assert!(html.contains(r#"var seen="3""#));
        assert!(html.ends_with("</script></body></html>"));
        let with_error =
            String::from_utf8(inject(b"<p>x</p>".to_vec(), Some("a <b>"), &[], 1)).unwrap();
        assert!(with_error.contains("folio-error"));
        assert!(with_error.contains("a &lt;b&gt;"));
        let notes = vec!["folio.yaml: owner.identities lists a <DID>".to_string()];
        let with_notes = String::from_utf8(inject(b"<p>x</p>".to_vec(), None, &notes, 1)).unwrap();
        assert!(with_notes.contains("folio-notes"));
        assert!(with_notes.contains("lists a &lt;DID&gt;"));
    }
}
