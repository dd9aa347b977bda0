//! A running `folio serve` and a raw HTTP client for tests.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::Portfolio;

/// A running `folio serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    pub port: u16,
    pub stderr: std::sync::mpsc::Receiver<String>,
    /// Lines printed after the "serving" line.
    pub stdout: std::sync::mpsc::Receiver<String>,
}

impl Server {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits up to `limit` for the process to exit; its exit status if it did.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start(p: &Portfolio, extra: &[&str]) -> Server {
    start_with_path(p, extra, None)
}

/// Like [`start`], with `dir` put first on `PATH` (to stand in for programs folio runs).
pub fn start_with_path(p: &Portfolio, extra: &[&str], dir: Option<&std::path::Path>) -> Server {
    start_with(p, extra, dir, false)
}

/// Like [`start`], but the server inherits SIGINT ignored, as a shell gives a
/// background job (`folio serve &`) or a script run with SIGINT ignored.
pub fn start_ignoring_sigint(p: &Portfolio, extra: &[&str]) -> Server {
    start_with(p, extra, None, true)
}

/// `folio serve` with `env` set for it.
pub fn start_with_env(p: &Portfolio, extra: &[&str], env: &[(&str, &str)]) -> Server {
    start_full(p, extra, None, false, env)
}

fn start_with(
    p: &Portfolio,
    extra: &[&str],
    dir: Option<&std::path::Path>,
    ignore_sigint: bool,
) -> Server {
    start_full(p, extra, dir, ignore_sigint, &[])
}

/// `folio serve` run by `wrapper` (a command and its arguments, like
/// `prlimit --as=N`), which is given folio's path and arguments.
pub fn start_wrapped(p: &Portfolio, extra: &[&str], wrapper: &[&str]) -> Server {
    let mut command = Command::new(wrapper[0]);
    command.args(&wrapper[1..]).arg(env!("CARGO_BIN_EXE_folio"));
    spawn(command, p, extra)
}

fn start_full(
    p: &Portfolio,
    extra: &[&str],
    dir: Option<&std::path::Path>,
    ignore_sigint: bool,
    env: &[(&str, &str)],
) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command.envs(env.iter().copied());
    if ignore_sigint {
        use std::os::unix::process::CommandExt;
        // SAFETY: signal(2) is async-signal-safe, as pre_exec requires.
        unsafe {
            command.pre_exec(|| {
                libc::signal(libc::SIGINT, libc::SIG_IGN);
                Ok(())
            });
        }
    }
    if let Some(dir) = dir {
        let path = std::env::var("PATH").unwrap_or_default();
        command.env("PATH", format!("{}:{path}", dir.display()));
    }
    spawn(command, p, extra)
}

/// Starts `command` (folio, or a wrapper of it) as `serve` on `p`, and waits for the
/// address it prints.
fn spawn(mut command: Command, p: &Portfolio, extra: &[&str]) -> Server {
    let mut child = command
        .args(["serve", "--root"])
        .arg(&p.root)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let (url_tx, url_rx) = std::sync::mpsc::channel();
    let (out_tx, out_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("serving ") {
                let _ = url_tx.send(rest.split(' ').next().unwrap().to_string());
            } else {
                let _ = out_tx.send(line);
            }
        }
    });
    let url = url_rx
        .recv_timeout(Duration::from_secs(60))
        .expect("folio serve printed its URL");
    let authority = url.trim_start_matches("http://").split('/').next().unwrap();
    let port = authority.rsplit(':').next().unwrap().parse().unwrap();
    Server {
        child,
        url,
        port,
        stderr: rx,
        stdout: out_rx,
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A raw HTTP/1.1 request: the path is sent exactly as given, so traversal attempts
/// reach the server unnormalised.
pub fn request(port: u16, method: &str, path: &str) -> Reply {
    send(port, method, path, None)
}

/// Sends a request with an optional JSON body and reads the whole reply.
pub fn send(port: u16, method: &str, path: &str, body: Option<&str>) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(40)))
        .unwrap();
    let body = body.unwrap_or("");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    // Read the head, then exactly the body: some servers keep the connection open.
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let split = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut buf).unwrap();
        assert!(n > 0, "connection closed before the headers ended");
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let find = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let mut body = raw[split + 4..].to_vec();
    let chunked = find("transfer-encoding").is_some_and(|v| v.contains("chunked"));
    let length: Option<usize> = find("content-length").and_then(|v| v.trim().parse().ok());
    let head_only = method == "HEAD" || status == 304 || status == 204;
    loop {
        let done = if head_only {
            true
        } else if chunked {
            body.windows(5).any(|w| w == b"0\r\n\r\n")
        } else if let Some(len) = length {
            body.len() >= len
        } else {
            false
        };
        if done {
            break;
        }
        let n = stream.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    if head_only {
        body.clear();
    }
    if chunked {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..line_end]).unwrap().trim(), 16)
                .unwrap();
        data = &data[line_end + 2..];
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

pub fn get(s: &Server, path: &str) -> Reply {
    request(s.port, "GET", path)
}

/// The build generation the server is at now.
pub fn generation(s: &Server) -> u64 {
    get(s, "/__folio/poll?since=18446744073709551615")
        .text()
        .trim()
        .parse()
        .unwrap()
}

/// The next line the server prints that contains `text`.
pub fn next_line(rx: &std::sync::mpsc::Receiver<String>, text: &str) -> String {
    loop {
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no line with {text:?}"));
        if line.contains(text) {
            return line;
        }
    }
}

/// Waits (long-poll) until the server has rebuilt past `since`.
pub fn wait_rebuild(s: &Server, since: u64) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let g: u64 = get(s, &format!("/__folio/poll?since={since}"))
            .text()
            .trim()
            .parse()
            .unwrap();
        if g != since {
            return g;
        }
        assert!(Instant::now() < deadline, "no rebuild happened");
    }
}
