//! Answering HTTP requests from the in-memory site.
//!
//! Paths are percent-decoded and checked segment by segment: anything that could climb
//! out of the site (`..`, `.`, backslashes, NUL) is a 404, and only files of the built
//! site exist, so nothing outside the output can ever be served.

use std::io::Cursor;
use std::sync::Arc;

use tiny_http::{Header, Request, Response, StatusCode};

use super::{Shared, reload};

/// One thread per request: the event stream holds its connection open.
pub fn serve(server: tiny_http::Server, shared: Arc<Shared>) {
    for request in server.incoming_requests() {
        let shared = shared.clone();
        std::thread::spawn(move || handle(request, &shared));
    }
}

fn handle(request: Request, shared: &Shared) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == reload::POLL_PATH {
        let since = url
            .split_once("since=")
            .and_then(|(_, v)| v.split('&').next()?.parse().ok())
            .unwrap_or(u64::MAX);
        let generation = reload::wait(shared, since);
        let _ = request.respond(bytes_response(
            generation.to_string().into_bytes(),
            "text/plain; charset=utf-8",
            200,
        ));
        return;
    }
    let _ = match answer(path, shared) {
        Answer::File {
            bytes,
            content_type,
            status,
        } => request.respond(bytes_response(bytes, content_type, status)),
        Answer::Redirect(to) => {
            request.respond(Response::empty(StatusCode(301)).with_header(header("Location", &to)))
        }
    };
}

enum Answer {
    File {
        bytes: Vec<u8>,
        content_type: &'static str,
        status: u16,
    },
    Redirect(String),
}

fn answer(raw_path: &str, shared: &Shared) -> Answer {
    let state = shared.state.lock().expect("state lock");
    let base = state.base_path.clone();
    let not_found = |state: &super::SiteState| {
        let page = state.files.get("404.html").cloned().unwrap_or_else(|| {
            b"<!doctype html><title>Not found</title><h1>Not found</h1>".to_vec()
        });
        Answer::File {
            bytes: reload::inject(page, state.error.as_deref(), state.generation),
            content_type: "text/html; charset=utf-8",
            status: 404,
        }
    };
    let Some(path) = percent_decode(raw_path) else {
        return not_found(&state);
    };
    if !path.starts_with(&base) {
        // The site lives under its base path, as it will when published.
        if path == "/" || path == base.trim_end_matches('/') {
            return Answer::Redirect(base);
        }
        return not_found(&state);
    }
    let rel = &path[base.len()..];
    if !safe(rel) {
        return not_found(&state);
    }
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    match state.files.get(&file) {
        Some(bytes) => {
            let content_type = content_type(&file);
            let bytes = if content_type.starts_with("text/html") {
                reload::inject(bytes.clone(), state.error.as_deref(), state.generation)
            } else {
                bytes.clone()
            };
            Answer::File {
                bytes,
                content_type,
                status: 200,
            }
        }
        None if state.files.contains_key(&format!("{rel}/index.html")) => {
            Answer::Redirect(format!("{path}/"))
        }
        None => not_found(&state),
    }
}

/// A site-relative path is safe when no segment could step outside the site.
fn safe(rel: &str) -> bool {
    !rel.starts_with('/')
        && !rel.contains(['\\', '\0'])
        && rel.split('/').all(|seg| seg != ".." && seg != ".")
}

/// Decodes `%XX` escapes; `None` for malformed escapes or invalid UTF-8.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
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

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn bytes_response(bytes: Vec<u8>, content_type: &str, status: u16) -> Response<Cursor<Vec<u8>>> {
    Response::from_data(bytes)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
