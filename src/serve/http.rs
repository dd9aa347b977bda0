//! The dev server's HTTP/1.1, on plain `std::net`, with every resource bounded.
//!
//! Anything on the machine (or, with `--bind`, the network) can talk to this port, and
//! a web page can make the visitor's browser do so, so: only `GET` and `HEAD` are
//! answered (405 otherwise); a request head larger than [`MAX_HEAD`] is refused
//! (431); a connection that sends nothing for [`IDLE`] is closed; at most
//! [`MAX_CONNECTIONS`] are served at once (503 beyond), of which at most
//! [`MAX_POLLERS`] may wait on the live-reload poll; and the `Host` header must name
//! `localhost` or an IP address, so a DNS-rebinding page on another name cannot read
//! the site (403). tiny_http, which this replaced, bounds none of these.
//!
//! Paths are percent-decoded and checked segment by segment: anything that could climb
//! out of the site (`..`, `.`, backslashes, NUL) is a 404, and only files of the built
//! site exist, so nothing outside the output can ever be served.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::{Shared, reload};
use crate::util::url::percent_decode;

/// Largest request line plus headers accepted.
pub const MAX_HEAD: usize = 16 * 1024;
/// How long a connection may take to send a request head (or stay idle between two).
pub const IDLE: Duration = Duration::from_secs(10);
/// How long writing a reply may take.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// How long sending one response may take in all (a 10 MB file takes well under a
/// second on loopback).
const RESPONSE_DEADLINE: Duration = Duration::from_secs(60);
/// Connections served at once; each has a thread.
pub const MAX_CONNECTIONS: usize = 128;
/// Connections waiting on the live-reload poll at once.
pub const MAX_POLLERS: usize = 32;

/// The server's shared state and its counters.
struct Server {
    shared: Arc<Shared>,
    connections: AtomicUsize,
    pollers: AtomicUsize,
}

/// Holds one unit of a counter until dropped.
struct Slot<'a>(&'a AtomicUsize);

impl<'a> Slot<'a> {
    /// Takes a unit unless `limit` are taken.
    fn take(counter: &'a AtomicUsize, limit: usize) -> Option<Slot<'a>> {
        // Lazily: a Slot made and dropped on refusal would give back a unit not taken.
        reserve(counter, limit).then(|| Slot(counter))
    }
}

/// Counts one more unless `limit` are counted; the caller gives it back.
fn reserve(counter: &AtomicUsize, limit: usize) -> bool {
    counter
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
            (n < limit).then_some(n + 1)
        })
        .is_ok()
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Accepts connections until the process ends, one thread each, up to the limit.
pub fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let server = Arc::new(Server {
        shared,
        connections: AtomicUsize::new(0),
        pollers: AtomicUsize::new(0),
    });
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        if !reserve(&server.connections, MAX_CONNECTIONS) {
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let reply =
                Reply::text(503, "folio serve is busy; try again.").header("Retry-After", "1");
            let _ = reply.write(&mut stream, false, false);
            continue;
        }
        // The unit was counted above; the thread gives it back when it ends.
        let for_thread = server.clone();
        let spawned = std::thread::Builder::new()
            .name("folio-http".into())
            .stack_size(256 * 1024)
            .spawn(move || {
                let _slot = Slot(&for_thread.connections);
                connection(stream, &for_thread);
            });
        if spawned.is_err() {
            server.connections.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Serves the requests of one connection until it closes, idles or misbehaves.
fn connection(mut stream: TcpStream, server: &Server) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let mut buffer = Vec::new();
    loop {
        let head = match read_head(&mut stream, &mut buffer) {
            Ok(head) => head,
            Err(HeadError::TooLarge) => {
                let reply = Reply::text(431, "Request headers too large.");
                let _ = reply.write(&mut stream, false, false);
                linger(stream);
                return;
            }
            Err(HeadError::Closed) => return,
        };
        let answered = reply_to(&head, &server.shared, &server.pollers);
        let keep_alive = answered.keep_alive;
        if answered
            .reply
            .write(&mut stream, keep_alive, answered.head_only)
            .is_err()
        {
            return;
        }
        if !keep_alive {
            linger(stream);
            return;
        }
    }
}

/// Closes after a reply while the client may still be sending (a body, a huge header):
/// closing a socket with unread input resets it, and the client could lose the reply.
/// So stop writing, then read and drop what comes, briefly and boundedly.
fn linger(mut stream: TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut sink = [0u8; 8192];
    let mut drained = 0;
    while drained < 1024 * 1024 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

enum HeadError {
    TooLarge,
    /// End of stream, timeout or I/O error: nothing to answer.
    Closed,
}

/// Reads one request head (through the blank line) within [`IDLE`] and [`MAX_HEAD`];
/// bytes after it stay in `buffer` for the next request.
fn read_head(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Result<Vec<u8>, HeadError> {
    let deadline = Instant::now() + IDLE;
    let mut chunk = [0u8; 4096];
    let mut searched = 0;
    loop {
        if let Some(at) = find(&buffer[searched..], b"\r\n\r\n") {
            let end = searched + at + 4;
            // A head that arrived whole in one read is held to the limit too.
            if end > MAX_HEAD {
                return Err(HeadError::TooLarge);
            }
            let head = buffer[..end].to_vec();
            buffer.drain(..end);
            return Ok(head);
        }
        if buffer.len() > MAX_HEAD {
            return Err(HeadError::TooLarge);
        }
        searched = buffer.len().saturating_sub(3);
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(HeadError::Closed);
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Err(HeadError::Closed),
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// What folio uses of a request.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    pub target: String,
    pub host: Option<String>,
    pub keep_alive: bool,
    /// It declares a body, which folio does not read: the connection is closed after.
    pub has_body: bool,
}

/// Parses a request head; a malformed one is answered with the reply returned.
pub fn parse(head: &[u8]) -> Result<Request, Reply> {
    let bad = || Reply::text(400, "Bad request.");
    let text = std::str::from_utf8(head).map_err(|_| bad())?;
    let mut lines = text.split("\r\n");
    let mut parts = lines.next().ok_or_else(bad)?.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(bad());
    }
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        _ => return Err(Reply::text(505, "HTTP version not supported.")),
    };
    let mut request = Request {
        method: method.to_string(),
        target: target.to_string(),
        host: None,
        keep_alive: http11,
        has_body: false,
    };
    for line in lines.take_while(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':').ok_or_else(bad)?;
        if name.is_empty() || name.starts_with([' ', '\t']) || name.ends_with([' ', '\t']) {
            return Err(bad()); // folded or malformed header lines
        }
        let value = value.trim();
        match name.to_ascii_lowercase().as_str() {
            "host" if request.host.is_some() => return Err(bad()),
            "host" => request.host = Some(value.to_string()),
            "connection" => {
                let v = value.to_ascii_lowercase();
                if v.contains("close") {
                    request.keep_alive = false;
                } else if v.contains("keep-alive") {
                    request.keep_alive = true;
                }
            }
            "content-length" => request.has_body |= value != "0",
            "transfer-encoding" => request.has_body = true,
            _ => {}
        }
    }
    if http11 && request.host.is_none() {
        return Err(bad());
    }
    Ok(request)
}

/// Whether a `Host` header may reach the site: `localhost` (or a name under it) or an
/// IP address, with any port. A DNS-rebinding attack needs a name of its own.
pub fn host_allowed(host: &str) -> bool {
    let port_ok = |port: &str| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit());
    let name = if let Some(rest) = host.strip_prefix('[') {
        // `[v6]` or `[v6]:port`, and nothing else after the bracket.
        let Some((ip, after)) = rest.split_once(']') else {
            return false;
        };
        let tail_ok = after.is_empty() || after.strip_prefix(':').is_some_and(port_ok);
        return tail_ok && ip.parse::<std::net::Ipv6Addr>().is_ok();
    } else {
        host.rsplit_once(':')
            .map_or(host, |(h, port)| if port_ok(port) { h } else { host })
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name.parse::<std::net::Ipv4Addr>().is_ok()
}

/// A reply and how to send it.
#[derive(Debug)]
pub struct Answered {
    pub reply: Reply,
    pub keep_alive: bool,
    /// A `HEAD` request: headers only.
    pub head_only: bool,
}

/// Answers one request head as the server does; `pollers` counts the connections
/// waiting on the live-reload poll. (The fuzz target calls this with the poll full.)
pub fn reply_to(head: &[u8], shared: &Shared, pollers: &AtomicUsize) -> Answered {
    match parse(head) {
        Ok(request) => Answered {
            keep_alive: request.keep_alive && !request.has_body,
            head_only: request.method == "HEAD",
            reply: respond(&request, shared, pollers),
        },
        Err(reply) => Answered {
            reply,
            keep_alive: false,
            head_only: false,
        },
    }
}

/// The reply to a well-formed request.
fn respond(request: &Request, shared: &Shared, pollers: &AtomicUsize) -> Reply {
    if !request.host.as_deref().is_none_or(host_allowed) {
        return Reply::text(
            403,
            "folio serve answers only requests addressed to localhost or an IP address.",
        );
    }
    if request.method != "GET" && request.method != "HEAD" {
        return Reply::text(405, "Only GET and HEAD are served.").header("Allow", "GET, HEAD");
    }
    let path = request.target.split(['?', '#']).next().unwrap_or("/");
    if path == reload::POLL_PATH {
        let Some(_slot) = Slot::take(pollers, MAX_POLLERS) else {
            return Reply::text(503, "Too many pages are waiting for a reload.")
                .header("Retry-After", "2");
        };
        let since = query(&request.target, "since")
            .and_then(|v| v.parse().ok())
            .unwrap_or(u64::MAX);
        // A page's poll names it (`page=/about/`): it is answered when that page (or
        // everything) changed, and counts as a view of it.
        let page = query(&request.target, "page").and_then(|p| {
            let base = shared.lock().base_path.clone();
            file_key(p, &base)
        });
        let generation = reload::wait(shared, since, page.as_deref());
        return Reply::bytes(
            200,
            generation.to_string().into_bytes(),
            "text/plain; charset=utf-8",
        );
    }
    match answer(path, shared) {
        Answer::File {
            bytes,
            content_type,
            status,
        } => Reply::bytes(status, bytes, content_type),
        Answer::Redirect(to) => {
            Reply::bytes(301, Vec::new(), "text/plain; charset=utf-8").header("Location", &to)
        }
    }
}

/// A reply about to be written.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    /// Shared with the served site for static files: never copied per response.
    pub body: Arc<[u8]>,
}

impl Reply {
    fn bytes(status: u16, body: impl Into<Arc<[u8]>>, content_type: &str) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body: body.into(),
        }
    }

    fn text(status: u16, text: &str) -> Reply {
        Reply::bytes(
            status,
            format!("{text}\n").into_bytes(),
            "text/plain; charset=utf-8",
        )
    }

    fn header(mut self, name: &'static str, value: &str) -> Reply {
        // Values come from our own paths; a CR or LF would split the header.
        self.headers.push((name, value.replace(['\r', '\n'], "")));
        self
    }

    fn write(
        &self,
        stream: &mut impl Write,
        keep_alive: bool,
        head_only: bool,
    ) -> std::io::Result<()> {
        self.write_within(stream, keep_alive, head_only, RESPONSE_DEADLINE)
    }

    fn write_within(
        &self,
        stream: &mut impl Write,
        keep_alive: bool,
        head_only: bool,
        limit: Duration,
    ) -> std::io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: {}\r\n\r\n",
            self.body.len(),
            if keep_alive { "keep-alive" } else { "close" }
        ));
        stream.write_all(head.as_bytes())?;
        if !head_only {
            // In pieces, against one deadline for the whole response: each write may
            // take up to the socket's timeout, and a client reading a byte at a time
            // just inside it would otherwise hold the connection for ever.
            let deadline = Instant::now() + limit;
            for piece in self.body.chunks(64 * 1024) {
                if Instant::now() > deadline {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        "the client reads too slowly",
                    ));
                }
                stream.write_all(piece)?;
            }
        }
        stream.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

enum Answer {
    File {
        bytes: Arc<[u8]>,
        content_type: &'static str,
        status: u16,
    },
    Redirect(String),
}

/// The value of `name` in a request target's query (`/p?since=3&page=/a/`), as sent.
fn query<'a>(target: &'a str, name: &str) -> Option<&'a str> {
    let (_, query) = target.split_once('?')?;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// The site file a request path names (`/base/about/` → `about/index.html`), when it
/// is inside the base path and safe.
fn file_key(raw_path: &str, base: &str) -> Option<String> {
    let path = percent_decode(raw_path)?;
    let rel = path.strip_prefix(base)?;
    if !safe(rel) {
        return None;
    }
    Some(if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    })
}

fn answer(raw_path: &str, shared: &Shared) -> Answer {
    let base = shared.lock().base_path.clone();
    let not_found = |state: &super::SiteState| {
        let page = state.files.get("404.html").map_or_else(
            || b"<!doctype html><title>Not found</title><h1>Not found</h1>".to_vec(),
            |p| p.to_vec(),
        );
        Answer::File {
            bytes: reload::inject(page, state.error.as_deref(), &state.notes, state.generation)
                .into(),
            content_type: "text/html; charset=utf-8",
            status: 404,
        }
    };
    let Some(file) = file_key(raw_path, &base) else {
        // The site lives under its base path, as it will when published.
        let to_base = percent_decode(raw_path)
            .is_some_and(|path| path == "/" || path == base.trim_end_matches('/'));
        if to_base {
            return Answer::Redirect(base);
        }
        return not_found(&shared.lock());
    };
    // During a rebuild, a page waits until it is rendered (never an outdated copy).
    let mut state = shared.when_current(&file);
    if !state.files.contains_key(&file) {
        return if state.files.contains_key(&format!("{file}/index.html")) {
            Answer::Redirect(format!("{base}{file}/"))
        } else {
            not_found(&state)
        };
    }
    state.viewed(&file);
    let bytes = &state.files[&file];
    let content_type = content_type(&file);
    let bytes = if content_type.starts_with("text/html") {
        reload::inject(
            bytes.to_vec(),
            state.error.as_deref(),
            &state.notes,
            state.generation,
        )
        .into()
    } else {
        Arc::clone(bytes)
    };
    Answer::File {
        bytes,
        content_type,
        status: 200,
    }
}

/// A site-relative path is safe when no segment could step outside the site.
fn safe(rel: &str) -> bool {
    !rel.starts_with('/')
        && !rel.contains(['\\', '\0'])
        && rel.split('/').all(|seg| seg != ".." && seg != ".")
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "jsonld" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "jwt" => "application/jwt",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_heads_are_parsed_strictly() {
        let r = parse(b"GET /a?b HTTP/1.1\r\nHost: localhost:1111\r\n\r\n").unwrap();
        assert_eq!((r.method.as_str(), r.target.as_str()), ("GET", "/a?b"));
        assert!(r.keep_alive && !r.has_body);
        let r = parse(b"POST / HTTP/1.0\r\nContent-Length: 3\r\n\r\n").unwrap();
        assert!(!r.keep_alive && r.has_body);
        for bad in [
            &b"GET / HTTP/1.1\r\n\r\n"[..],
            b"GET /  HTTP/1.1\r\nHost: a\r\n\r\n",
            b"get / HTTP/1.1\r\nHost: a\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: \xff\r\n\r\n",
        ] {
            assert!(parse(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
        assert_eq!(parse(b"GET / HTTP/2\r\n\r\n").unwrap_err().status, 505);
    }

    /// A client that takes each piece slowly is cut off at the response's deadline,
    /// however long each single write stays within the socket's timeout.
    #[test]
    fn a_slow_reader_is_cut_off_at_the_deadline() {
        struct Slow(usize);
        impl Write for Slow {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                std::thread::sleep(Duration::from_millis(5));
                self.0 += buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let reply = Reply::bytes(200, vec![0u8; 4 * 1024 * 1024], "application/octet-stream");
        let mut slow = Slow(0);
        let err = reply
            .write_within(&mut slow, false, false, Duration::from_millis(50))
            .unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::TimedOut);
        assert!(slow.0 < 4 * 1024 * 1024, "stopped before the end");
        let mut fast = Vec::new();
        reply
            .write_within(&mut fast, false, false, Duration::from_secs(60))
            .unwrap();
        assert!(fast.len() > 4 * 1024 * 1024);
    }

    #[test]
    fn hosts_are_localhost_or_addresses() {
        for ok in [
            "localhost",
            "localhost:4000",
            "127.0.0.1:4000",
            "[::1]:4000",
            "[::1]",
            "10.0.0.5",
            "app.localhost:1",
        ] {
            assert!(host_allowed(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:4000",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "[evil]:1",
            "[::1]evil.com",
            "[::1]:x@evil.com",
            "[::1]:",
            "localhost:",
        ] {
            assert!(!host_allowed(bad), "{bad}");
        }
    }

    #[test]
    fn decoding_and_safety() {
        assert_eq!(percent_decode("/a%20b/").as_deref(), Some("/a b/"));
        assert_eq!(percent_decode("/%2e%2e/").as_deref(), Some("/../"));
        assert_eq!(percent_decode("/%zz"), None);
        assert!(safe("css/a.css"));
        assert!(!safe("../etc/passwd"));
        assert!(!safe("a/./b"));
        assert!(!safe("/etc/passwd"));
        assert!(!safe("a\\..\\b"));
    }

    #[test]
    fn a_poll_names_its_page_as_the_script_encodes_it() {
        // `encodeURIComponent(location.pathname)`, as the reload script sends it.
        let target = "/__folio/poll?since=7&page=%2Fportfolio%2Fprojects%2Fa%20b%2F";
        assert_eq!(query(target, "since"), Some("7"));
        let page = query(target, "page").unwrap();
        assert_eq!(
            file_key(page, "/portfolio/").as_deref(),
            Some("projects/a b/index.html")
        );
        assert_eq!(file_key("%2Fportfolio", "/portfolio/"), None);
        assert_eq!(file_key("%2Fportfolio%2F..%2Fx", "/portfolio/"), None);
        assert_eq!(query("/__folio/poll?pages=1", "page"), None);
    }
}
