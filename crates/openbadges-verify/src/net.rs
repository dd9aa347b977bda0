//! Outgoing HTTP (feature `http`), limited to the public internet. A credential names
//! the hosts folio fetches from (its did:web issuer, status list, hosted assertion,
//! evidence links for `check --external`), so a crafted badge could make folio reach
//! the build machine's own services, the private network or a cloud metadata endpoint.
//! Every connection resolves its host here first and refuses loopback, private,
//! link-local, shared and metadata addresses — after DNS, so a public name pointing inward
//! is caught, and the connection goes to the address that was checked, so a second
//! answer cannot change it (DNS rebinding). Redirects resolve through the same check.

use std::io;
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::time::Duration;

/// Set to `1` to let folio connect to private, loopback and link-local addresses (an
/// issuer on a campus network, say).
pub const ALLOW_PRIVATE_ENV: &str = "FOLIO_ALLOW_PRIVATE_NETWORK";
pub use crate::documents::LOOPBACK_HTTP_ENV;
use crate::documents::{ACCEPT_JSON, Fetch, MAX_DOCUMENT_BYTES};

/// How long one fetch may take in all.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(5);
/// Who is asking, in every request the verifier makes.
pub const USER_AGENT: &str = concat!("folio/", env!("CARGO_PKG_VERSION"));

/// The network for [`crate::Documents`]: [`fetch_as`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Https;

impl Fetch for Https {
    fn fetch(&self, url: &str, accept: &str) -> Result<Vec<u8>, String> {
        fetch_as(url, accept)
    }
}

/// GETs `url` as JSON over HTTPS (or loopback HTTP in tests) within the limits.
pub fn fetch(url: &str) -> Result<Vec<u8>, String> {
    fetch_as(url, ACCEPT_JSON)
}

/// Whether `url` may be fetched at all: HTTPS, or plain HTTP to loopback when
/// [`LOOPBACK_HTTP_ENV`] is set (`loopback_http`).
fn scheme_allowed(url: &str, loopback_http: bool) -> bool {
    url.starts_with("https://")
        || (url.starts_with("http://")
            && crate::url::is_loopback_host(crate::url::host(url))
            && loopback_http)
}

/// `fetch`, asking for `accept` (a badge page may be HTML or an image), within
/// [`FETCH_TIMEOUT`] and [`MAX_DOCUMENT_BYTES`], following at most 3 redirects.
pub fn fetch_as(url: &str, accept: &str) -> Result<Vec<u8>, String> {
    if !scheme_allowed(url, std::env::var_os(LOOPBACK_HTTP_ENV).is_some()) {
        return Err(format!("{url}: only https:// documents are fetched"));
    }
    let response = agent(FETCH_TIMEOUT, USER_AGENT, 3)
        .get(url)
        .set("Accept", accept)
        .call()
        .map_err(|e| match e {
            ureq::Error::Status(code, _) => format!("{url} answered HTTP {code}"),
            ureq::Error::Transport(t) => {
                format!("{url} could not be fetched: {}", transport_error(&t))
            }
        })?;
    crate::bounded::read_at_most(response.into_reader(), MAX_DOCUMENT_BYTES)
        .map_err(|e| format!("{url} could not be read: {e}"))?
        .ok_or_else(|| format!("{url} is larger than {MAX_DOCUMENT_BYTES} bytes"))
}

/// Which non-public addresses may be reached in this run.
#[derive(Debug, Clone, Copy, Default)]
struct Allowed {
    loopback: bool,
    private: bool,
}

impl Allowed {
    fn from_env() -> Allowed {
        let private = std::env::var_os(ALLOW_PRIVATE_ENV).is_some_and(|v| v != "0");
        Allowed {
            loopback: private || std::env::var_os(LOOPBACK_HTTP_ENV).is_some(),
            private,
        }
    }

    fn permits(self, ip: IpAddr) -> Result<(), &'static str> {
        match classify(ip) {
            None => Ok(()),
            Some("loopback") if self.loopback => Ok(()),
            Some(class) if self.private && class != "unspecified" => Ok(()),
            Some(class) => Err(class),
        }
    }
}

/// An HTTP client whose every connection goes to a checked public address.
pub fn agent(timeout: Duration, user_agent: &str, redirects: u32) -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(timeout)
        .redirects(redirects)
        .user_agent(user_agent)
        .resolver(PublicOnly(Allowed::from_env()))
        .build()
}

struct PublicOnly(Allowed);

impl ureq::Resolver for PublicOnly {
    fn resolve(&self, netloc: &str) -> io::Result<Vec<SocketAddr>> {
        let all: Vec<SocketAddr> = netloc.to_socket_addrs()?.collect();
        let mut refused = None;
        let usable: Vec<SocketAddr> = all
            .into_iter()
            .filter(|a| match self.0.permits(a.ip()) {
                Ok(()) => true,
                Err(class) => {
                    refused.get_or_insert((a.ip(), class));
                    false
                }
            })
            .collect();
        match (usable.is_empty(), refused) {
            (true, Some((ip, class))) => Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "refused: {} resolves to {ip}, a {class} address; folio connects only to public addresses unless {ALLOW_PRIVATE_ENV}=1 is set",
                    netloc.rsplit_once(':').map_or(netloc, |(h, _)| h)
                ),
            )),
            _ => Ok(usable),
        }
    }
}

/// ureq's kind of failure, with the reason when folio itself refused the address.
pub fn transport_error(t: &ureq::Transport) -> String {
    match std::error::Error::source(t).map(ToString::to_string) {
        Some(why) if why.starts_with("refused:") => why,
        _ => match t.kind() {
            ureq::ErrorKind::Dns => "its host name could not be found (DNS)".into(),
            ureq::ErrorKind::ConnectionFailed => "the connection was refused or timed out".into(),
            ureq::ErrorKind::Io => "the connection broke off or timed out".into(),
            ureq::ErrorKind::TooManyRedirects => "it redirects too many times".into(),
            ureq::ErrorKind::InvalidUrl => "the address is not a valid URL".into(),
            ureq::ErrorKind::UnknownScheme => "the address's scheme is not http(s)".into(),
            ureq::ErrorKind::BadStatus | ureq::ErrorKind::BadHeader => {
                "the server's answer is not valid HTTP".into()
            }
            other => other.to_string().to_lowercase(),
        },
    }
}

/// What kind of non-public address `ip` is, or `None` for a public one.
pub fn classify(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, d] = v4.octets();
            if v4.is_unspecified() {
                Some("unspecified")
            } else if v4.is_loopback() {
                Some("loopback")
            } else if [a, b, c, d] == [169, 254, 169, 254] || [a, b, c, d] == [100, 100, 100, 200] {
                Some("cloud metadata")
            } else if v4.is_link_local() {
                Some("link-local")
            } else if v4.is_private() {
                Some("private")
            } else if a == 100 && (64..128).contains(&b) {
                Some("shared (carrier-grade NAT)")
            } else if a == 0 || a >= 224 || (a == 192 && b == 0 && c == 0) {
                Some("reserved")
            } else {
                None
            }
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return classify(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            if v6.is_unspecified() {
                Some("unspecified")
            } else if v6.is_loopback() {
                Some("loopback")
            } else if v6.segments() == [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254] {
                Some("cloud metadata")
            } else if first & 0xffc0 == 0xfe80 {
                Some("link-local")
            } else if first & 0xfe00 == 0xfc00 {
                Some("private")
            } else if first & 0xff00 == 0xff00 {
                Some("reserved")
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scheme rule alone: nothing here is fetched.
    #[test]
    fn only_https_or_loopback_http_is_fetched() {
        assert!(scheme_allowed("https://issuer.example/did.json", false));
        assert!(!scheme_allowed("http://issuer.example/did.json", true));
        assert!(!scheme_allowed("file:///etc/passwd", true));
        assert!(!scheme_allowed("http://127.0.0.1:8080/x", false));
        assert!(scheme_allowed("http://127.0.0.1:8080/x", true));
        assert!(scheme_allowed("http://localhost/x", true));
        assert!(!scheme_allowed("http://127.0.0.1.evil.example/x", true));
    }

    #[test]
    fn addresses_are_classified() {
        for (ip, class) in [
            ("127.0.0.1", Some("loopback")),
            ("10.1.2.3", Some("private")),
            ("172.16.0.1", Some("private")),
            ("192.168.1.1", Some("private")),
            ("169.254.169.254", Some("cloud metadata")),
            ("169.254.1.1", Some("link-local")),
            ("100.64.0.1", Some("shared (carrier-grade NAT)")),
            ("0.0.0.0", Some("unspecified")),
            ("::1", Some("loopback")),
            ("::ffff:127.0.0.1", Some("loopback")),
            ("fe80::1", Some("link-local")),
            ("fd12::1", Some("private")),
            ("fd00:ec2::254", Some("cloud metadata")),
            ("93.184.216.34", None),
            ("2606:2800:220:1::1", None),
        ] {
            assert_eq!(classify(ip.parse().unwrap()), class, "{ip}");
        }
        let strict = Allowed::default();
        assert!(strict.permits("127.0.0.1".parse().unwrap()).is_err());
        let tests = Allowed {
            loopback: true,
            private: false,
        };
        assert!(tests.permits("127.0.0.1".parse().unwrap()).is_ok());
        assert!(tests.permits("10.0.0.1".parse().unwrap()).is_err());
    }

    /// The resolver refuses private and metadata addresses by what they resolve to
    /// (IP literals, so nothing is looked up or connected to), naming the class.
    #[test]
    fn the_resolver_refuses_private_and_metadata_addresses() {
        use ureq::Resolver;
        let strict = PublicOnly(Allowed::default());
        for (netloc, class) in [
            ("10.255.255.1:443", "a private address"),
            ("169.254.169.254:443", "a cloud metadata address"),
            ("[fd00:ec2::254]:443", "a cloud metadata address"),
            ("192.168.0.10:80", "a private address"),
            ("127.0.0.1:443", "a loopback address"),
        ] {
            let err = strict.resolve(netloc).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
            assert!(err.to_string().contains(class), "{netloc}: {err}");
        }
        let campus = PublicOnly(Allowed {
            loopback: true,
            private: true,
        });
        assert!(campus.resolve("10.255.255.1:443").is_ok());
        assert!(strict.resolve("93.184.216.34:443").is_ok());
    }
}
