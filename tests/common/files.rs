//! A built site served from a folder on a free loopback port, as a static host
//! would serve it (for browser tests of published pages).

use std::path::PathBuf;
use std::sync::Arc;

/// The server; stops when dropped.
pub struct Files {
    pub port: u16,
    server: Arc<tiny_http::Server>,
}

impl Drop for Files {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

/// Serves `dir` (which may not exist yet: it is read per request) on 127.0.0.1.
pub fn serve_folder(dir: PathBuf) -> Files {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    let s = server.clone();
    std::thread::spawn(move || {
        for request in s.incoming_requests() {
            let path = request.url().split('?').next().unwrap_or("/").to_string();
            let mut file = dir.join(path.trim_start_matches('/'));
            if path.ends_with('/') {
                file = file.join("index.html");
            }
            let response = match std::fs::read(&file) {
                Ok(bytes) => {
                    let ty = match file.extension().and_then(|e| e.to_str()) {
                        Some("html") => "text/html; charset=utf-8",
                        Some("js") => "text/javascript",
                        Some("css") => "text/css",
                        Some("json") => "application/json",
                        Some("svg") => "image/svg+xml",
                        _ => "application/octet-stream",
                    };
                    tiny_http::Response::from_data(bytes)
                        .with_header(tiny_http::Header::from_bytes("Content-Type", ty).unwrap())
                }
                Err(_) => tiny_http::Response::from_data(Vec::new()).with_status_code(404),
            };
            let _ = request.respond(response);
        }
    });
    Files { port, server }
}

/// A PNG chunk: length, kind, data and CRC.
pub fn png_chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
    out
}
