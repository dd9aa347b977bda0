//! URL pieces the verifier needs: the host of a URL, the loopback test (plain HTTP is
//! allowed only to loopback, for tests) and component encoding (a DID as a query value).

/// Encodes everything but RFC 3986's unreserved characters: safe as one path segment
/// or query value.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The host of an absolute `scheme://host[:port]/…` URL, without the port.
pub fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or("", |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.starts_with('[') {
        return authority.split_inclusive(']').next().unwrap_or(authority);
    }
    authority.rsplit_once(':').map_or(authority, |(h, _)| h)
}

/// `localhost`, `127.0.0.1` or `[::1]`: where the tests serve issuer documents.
pub fn is_loopback_host(host: &str) -> bool {
    matches!(host, "127.0.0.1" | "localhost" | "[::1]")
}
