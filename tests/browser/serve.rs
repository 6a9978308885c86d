//! A tiny HTTP/1.1 server over an in-memory build, for the browser test: enough for Chromium to
//! load pages, the stylesheet and the script. One thread, one connection at a time, no keep-alive.

use huanjie::output::Output;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// Serves `out` on 127.0.0.1 at a free port; returns the base URL (`http://127.0.0.1:PORT`).
/// The thread lives as long as the test process.
pub fn serve(out: Output) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let addr = listener.local_addr().expect("local address");
    let out = Arc::new(out);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let _ = answer(stream, &out);
        }
    });
    format!("http://{addr}")
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        _ => "application/octet-stream",
    }
}

fn answer(stream: TcpStream, out: &Output) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Drain the headers.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let target = request.split_whitespace().nth(1).unwrap_or("/");
    let path = target
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .trim_start_matches('/');
    let path = percent_decode(path);
    let path = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    };
    let (status, path) = if out.files.contains_key(&path) {
        ("200 OK", path)
    } else {
        // Like a real server configured for the site: the language's 404 page.
        let lang404 = path
            .split('/')
            .next()
            .map(|p| format!("{p}/404.html"))
            .filter(|p| out.files.contains_key(p));
        (
            "404 Not Found",
            lang404.unwrap_or_else(|| "404.html".to_string()),
        )
    };
    let body = out.get(&path).map(|b| b.into_owned()).unwrap_or_default();
    let mut stream = stream;
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        content_type(&path),
        body.len()
    )?;
    stream.write_all(&body)?;
    stream.flush()
}

/// Decodes `%XX` escapes (Chinese slugs are percent-encoded by the browser).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) =
                u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz"), 16)
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
