//! A small HTTP/1.1 server over std threads, serving the in-memory output.
//!
//! One thread per connection, keep-alive, GET and HEAD only. Built on std rather than an async
//! stack: a preview server has one user and a handful of connections, a blocking thread per
//! connection (and per live-reload stream) costs nothing here, it keeps build time and dependencies
//! down, and reading the request target ourselves means no layer normalises `/../` or `%2e%2e`
//! before we get to refuse it.
//!
//! Only paths of the built site are served: the target is percent-decoded once, and any `.` or
//! `..` segment, empty segment, encoded `/` or `\`, raw `\`, NUL or invalid UTF-8 is a 404. Files
//! are looked up in the output map (never on disk by URL), so nothing outside the site can be
//! reached; symlinks in the sources are not followed by the build.

use super::live::{LIVE_PREFIX, Live};
use super::rebuild::Snapshot;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// Longest request line or header line accepted.
const MAX_LINE: usize = 8 * 1024;
/// Most header lines accepted.
const MAX_HEADERS: usize = 100;
/// How long an idle keep-alive connection is kept.
const IDLE: Duration = Duration::from_secs(30);

/// What a request target names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the output: its key (`news/a/index.html`).
    File(String),
    /// A path of the live-reload machinery (`livereload.js`, `events`).
    Live(String),
    /// Refused: not a path of the site (traversal, encoded separators, bad encoding).
    Refused,
}

/// Maps a request target (`/news/a/?x=1`) to an output key, refusing anything that is not a
/// plain path inside the site.
pub fn resolve(target: &str) -> Target {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') || path.contains('\\') {
        return Target::Refused;
    }
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = |c: u8| (c as char).to_digit(16);
            let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|&c| hex(c)),
                bytes.get(i + 2).and_then(|&c| hex(c)),
            ) else {
                return Target::Refused;
            };
            let c = (h * 16 + l) as u8;
            // An encoded separator would turn into a path separator somewhere else.
            if c == b'/' || c == b'\\' || c == 0 {
                return Target::Refused;
            }
            decoded.push(c);
            i += 3;
        } else {
            if b == 0 {
                return Target::Refused;
            }
            decoded.push(b);
            i += 1;
        }
    }
    let Ok(decoded) = String::from_utf8(decoded) else {
        return Target::Refused;
    };
    let rest = &decoded[1..];
    if let Some(live) = rest.strip_prefix(LIVE_PREFIX) {
        return Target::Live(live.to_string());
    }
    let dir = rest.is_empty() || rest.ends_with('/');
    let trimmed = rest.strip_suffix('/').unwrap_or(rest);
    if !trimmed.is_empty()
        && trimmed
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..")
    {
        return Target::Refused;
    }
    Target::File(if dir {
        format!("{rest}index.html")
    } else {
        rest.to_string()
    })
}

/// The content type of an output file by its extension; text types carry `charset=utf-8`.
pub fn content_type(key: &str) -> &'static str {
    let ext = key
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Puts the live-reload script before the last `</body>` (or at the end).
pub fn inject(html: &[u8], generation: &str) -> Vec<u8> {
    let tag = format!(
        "<script src=\"/{LIVE_PREFIX}livereload.js\" data-generation=\"{generation}\"></script>"
    );
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Accepts connections until the process ends.
pub fn serve(listener: TcpListener, live: Arc<Live>) {
    for conn in listener.incoming() {
        let Ok(stream) = conn else { continue };
        let live = Arc::clone(&live);
        let _ = std::thread::Builder::new()
            .name("huanjie-http".into())
            .spawn(move || {
                let _ = connection(stream, &live);
            });
    }
}

struct Request {
    method: String,
    target: String,
    keep_alive: bool,
    /// The Host header, lowercased, if any.
    host: Option<String>,
}

/// Whether a Host header names this machine directly: `localhost` or an IP address, with any
/// port. A domain name is refused, so a web page on another site cannot read the preview (with
/// its drafts and unapproved pages) through DNS rebinding.
fn host_allowed(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        match rest.split_once(']') {
            Some((v6, _)) => return v6.parse::<std::net::Ipv6Addr>().is_ok(),
            None => return false,
        }
    } else {
        host.rsplit_once(':').map(|(h, _)| h).unwrap_or(host)
    };
    name == "localhost" || name.parse::<std::net::Ipv4Addr>().is_ok()
}

/// Reads one line (without CRLF); `None` at a clean end of stream.
fn read_line(r: &mut impl BufRead) -> std::io::Result<Option<String>> {
    let mut buf = Vec::new();
    let n = r.take(MAX_LINE as u64 + 1).read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.len() > MAX_LINE || !buf.ends_with(b"\n") {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "line too long",
        ));
    }
    while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        buf.pop();
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

enum Parsed {
    Request(Request),
    Bad,
    Closed,
}

fn read_request(r: &mut impl BufRead) -> std::io::Result<Parsed> {
    let line = loop {
        match read_line(r)? {
            None => return Ok(Parsed::Closed),
            // Tolerate stray empty lines between requests (RFC 9112 §2.2).
            Some(l) if l.is_empty() => continue,
            Some(l) => break l,
        }
    };
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(Parsed::Bad);
    };
    if !version.starts_with("HTTP/1.") || method.is_empty() {
        return Ok(Parsed::Bad);
    }
    let mut keep_alive = version == "HTTP/1.1";
    let mut has_body = false;
    let mut host = None;
    for n in 0.. {
        let Some(h) = read_line(r)? else {
            return Ok(Parsed::Closed);
        };
        if h.is_empty() {
            break;
        }
        if n >= MAX_HEADERS {
            return Ok(Parsed::Bad);
        }
        let Some((name, value)) = h.split_once(':') else {
            return Ok(Parsed::Bad);
        };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "connection" if value.contains("close") => keep_alive = false,
            "connection" if value.contains("keep-alive") => keep_alive = true,
            "content-length" if value != "0" => has_body = true,
            "transfer-encoding" => has_body = true,
            "host" => host = Some(value.clone()),
            _ => {}
        }
    }
    // Requests with a body are not read past: answer and close.
    Ok(Parsed::Request(Request {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive: keep_alive && !has_body,
        host,
    }))
}

fn respond(
    w: &mut impl Write,
    status: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let mut h = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n",
        body.len()
    );
    for (k, v) in headers {
        h.push_str(&format!("{k}: {v}\r\n"));
    }
    h.push_str(if keep_alive {
        "Connection: keep-alive\r\n\r\n"
    } else {
        "Connection: close\r\n\r\n"
    });
    w.write_all(h.as_bytes())?;
    if !head_only {
        w.write_all(body)?;
    }
    w.flush()
}

fn connection(stream: TcpStream, live: &Live) -> std::io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut w = std::io::BufWriter::new(stream);
    loop {
        let req = match read_request(&mut reader) {
            Ok(Parsed::Request(r)) => r,
            Ok(Parsed::Closed) => return Ok(()),
            Ok(Parsed::Bad) | Err(_) => {
                let _ = respond(
                    &mut w,
                    "400 Bad Request",
                    &[("Content-Type", "text/plain; charset=utf-8")],
                    b"bad request\n",
                    false,
                    false,
                );
                return Ok(());
            }
        };
        let head = req.method == "HEAD";
        if req.method != "GET" && !head {
            respond(
                &mut w,
                "405 Method Not Allowed",
                &[
                    ("Allow", "GET, HEAD"),
                    ("Content-Type", "text/plain; charset=utf-8"),
                ],
                b"only GET and HEAD\n",
                false,
                false,
            )?;
            return Ok(());
        }
        if req.host.as_deref().is_some_and(|h| !host_allowed(h)) {
            respond(
                &mut w,
                "421 Misdirected Request",
                &[("Content-Type", "text/plain; charset=utf-8")],
                b"the preview answers only to localhost and IP addresses\n",
                head,
                false,
            )?;
            return Ok(());
        }
        match resolve(&req.target) {
            Target::Live(name) if name == "events" && !head => {
                // The stream takes the connection over until the client goes away.
                return live.stream_events(w);
            }
            Target::Live(name) if name == "livereload.js" => {
                respond(
                    &mut w,
                    "200 OK",
                    &[("Content-Type", "text/javascript; charset=utf-8")],
                    super::live::SCRIPT.as_bytes(),
                    head,
                    req.keep_alive,
                )?;
            }
            Target::Live(_) | Target::Refused => {
                not_found(&mut w, live, None, head, req.keep_alive)?
            }
            Target::File(key) => {
                let (output, generation) = live.current();
                match output.get(&key) {
                    Some(bytes) => {
                        let ct = content_type(&key);
                        if ct.starts_with("text/html") {
                            let body = inject(&bytes, &generation);
                            respond(
                                &mut w,
                                "200 OK",
                                &[("Content-Type", ct)],
                                &body,
                                head,
                                req.keep_alive,
                            )?;
                        } else {
                            respond(
                                &mut w,
                                "200 OK",
                                &[("Content-Type", ct)],
                                &bytes,
                                head,
                                req.keep_alive,
                            )?;
                        }
                    }
                    None if !key.ends_with("index.html")
                        && output.files.contains_key(&format!("{key}/index.html")) =>
                    {
                        // `/news` → `/news/`, keeping the query.
                        let path = req.target.split(['?', '#']).next().unwrap_or("");
                        let query = &req.target[path.len()..];
                        let location = format!("{path}/{query}");
                        respond(
                            &mut w,
                            "301 Moved Permanently",
                            &[
                                ("Location", &location),
                                ("Content-Type", "text/plain; charset=utf-8"),
                            ],
                            b"",
                            head,
                            req.keep_alive,
                        )?;
                    }
                    None => not_found(&mut w, live, Some((&output, &key)), head, req.keep_alive)?,
                }
            }
        }
        if !req.keep_alive {
            return Ok(());
        }
    }
}

/// The site's 404 page (the one of the language whose folder the path is in), status 404.
fn not_found(
    w: &mut impl Write,
    live: &Live,
    found: Option<(&Snapshot, &str)>,
    head: bool,
    keep_alive: bool,
) -> std::io::Result<()> {
    let (output, generation) = live.current();
    let lang_page = |key: &str| {
        let first = key
            .split('/')
            .next()
            .filter(|f| key.contains('/') && !f.is_empty())?;
        output.get(&format!("{first}/404.html"))
    };
    let page = found
        .and_then(|(_, k)| lang_page(k))
        .or_else(|| output.get("404.html"));
    let body = match page {
        Some(p) => inject(&p, &generation),
        None => inject(b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>404</title></head><body><h1>404: not found</h1></body></html>", &generation),
    };
    respond(
        w,
        "404 Not Found",
        &[("Content-Type", "text/html; charset=utf-8")],
        &body,
        head,
        keep_alive,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_map_to_keys() {
        assert_eq!(resolve("/"), Target::File("index.html".into()));
        assert_eq!(
            resolve("/news/a/"),
            Target::File("news/a/index.html".into())
        );
        assert_eq!(
            resolve("/news/a/?x=1#y"),
            Target::File("news/a/index.html".into())
        );
        assert_eq!(
            resolve("/css/site.css?h=1"),
            Target::File("css/site.css".into())
        );
        assert_eq!(
            resolve("/%E6%96%B0%E9%97%BB/"),
            Target::File("新闻/index.html".into())
        );
        assert_eq!(resolve("/__huanjie/events"), Target::Live("events".into()));
    }

    #[test]
    fn escapes_are_refused() {
        for t in [
            "/../etc/passwd",
            "/news/../../x",
            "/%2e%2e/x",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/news/%2e%2e%2f%2e%2e%2fx",
            "/a%2fb",
            "/a%5cb",
            "/a\\b",
            "/..\\x",
            "/a/./b",
            "/a//b",
            "/%zz",
            "/%ff",
            "/a%00b",
            "x",
            "http://example.org/",
        ] {
            assert_eq!(resolve(t), Target::Refused, "{t}");
        }
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = String::from_utf8(inject(b"<body>x</BODY>\n", "9-3")).unwrap();
        assert!(out.starts_with("<body>x<script"), "{out}");
        assert!(out.ends_with("</script></BODY>\n"), "{out}");
        assert!(out.contains("data-generation=\"9-3\""));
        let out = String::from_utf8(inject(b"<p>no body end", "9-1")).unwrap();
        assert!(out.starts_with("<p>no body end<script"));
    }

    #[test]
    fn text_types_say_utf8() {
        for k in ["a/index.html", "css/site.css", "js/site.js", "sitemap.xml"] {
            assert!(content_type(k).ends_with("; charset=utf-8"), "{k}");
        }
        assert_eq!(content_type("a.png"), "image/png");
    }
}
