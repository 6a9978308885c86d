//! `huanjie serve`: the watcher (each editor's way of saving), the rebuild (equal to a fresh
//! build after any sequence of edits), the HTTP server (only the site's files, with the right
//! types and statuses), live reload over server-sent events, and one test in a real browser.

mod common;
use common::*;

use huanjie::LoadOptions;
use huanjie::serve::rebuild::{Builder, Snapshot};
use huanjie::serve::watch::{self, Batch, SourceWatcher};
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// Helpers

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// A copy of a fixture site in a fresh temporary folder; returns the folder and the site root.
fn temp_site(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&fixture(name), &root);
    let root = root.canonicalize().unwrap();
    (tmp, root)
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap()
}

/// Waits for the first batch (up to 5 s), then gathers any further batch for `extra`.
fn batches(w: &SourceWatcher, extra: Duration) -> Vec<Batch> {
    let mut out = Vec::new();
    if let Ok(b) = w.batches.recv_timeout(Duration::from_secs(5)) {
        out.push(b);
        let end = Instant::now() + extra;
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            match w.batches.recv_timeout(left) {
                Ok(b) => out.push(b),
                Err(_) => break,
            }
        }
    }
    out
}

fn paths(b: &Batch) -> BTreeSet<String> {
    b.paths
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect()
}

/// Starts a watcher on a fresh copy of the test site, after the copy has settled.
fn watched_site() -> (tempfile::TempDir, PathBuf, SourceWatcher) {
    let (tmp, root) = temp_site("serve-site");
    let w = watch::watch(&root, watch::Timing::default()).unwrap();
    (tmp, root, w)
}

/// One save of `rel` must give exactly one batch naming it, and no editor temporary file.
fn assert_one_batch_naming(w: &SourceWatcher, rel: &str) {
    let got = batches(w, Duration::from_millis(700));
    assert_eq!(got.len(), 1, "expected one batch, got {got:?}");
    let p = paths(&got[0]);
    assert!(p.contains(rel), "{rel} not in {p:?}");
    for x in &p {
        let name = x.rsplit('/').next().unwrap();
        assert!(
            !huanjie::theme::is_ignored(name),
            "editor temporary file {x} in the batch"
        );
    }
}

const NEW_A: &str = "---\ntitle: 全县换届工作动员会召开（修改）\ndate: 2021-10-01\nslug: a\ntags: [换届, 纪律]\n---\n\n修改后的正文。\n";

// ---------------------------------------------------------------------------------------------
// The watcher: each way of saving is one batch.

#[test]
fn plain_write_is_one_batch() {
    let (_t, root, w) = watched_site();
    write(&root, "content/news/a.md", NEW_A);
    assert_one_batch_naming(&w, "content/news/a.md");
}

#[test]
fn write_temp_then_rename_is_one_batch() {
    let (_t, root, w) = watched_site();
    // Hidden temporary name (gedit, many libraries), then a `.tmp` one (others).
    for tmp in ["content/news/.a.md.tmp-4711", "content/news/a.md.tmp"] {
        write(&root, tmp, NEW_A);
        std::fs::rename(root.join(tmp), root.join("content/news/a.md")).unwrap();
        assert_one_batch_naming(&w, "content/news/a.md");
    }
}

#[test]
fn vim_backup_rename_is_one_batch() {
    let (_t, root, w) = watched_site();
    let dir = root.join("content/news");
    // vim probes that it may create files in the folder,
    std::fs::write(dir.join("4913"), "").unwrap();
    std::fs::remove_file(dir.join("4913")).unwrap();
    // renames the original to the backup, writes the new file and syncs it, deletes the backup.
    std::fs::rename(dir.join("a.md"), dir.join("a.md~")).unwrap();
    let mut f = std::fs::File::create(dir.join("a.md")).unwrap();
    f.write_all(NEW_A.as_bytes()).unwrap();
    f.sync_all().unwrap();
    drop(f);
    std::fs::remove_file(dir.join("a.md~")).unwrap();
    assert_one_batch_naming(&w, "content/news/a.md");
}

#[test]
fn vim_swap_file_alone_is_no_batch() {
    let (_t, root, w) = watched_site();
    write(&root, "content/news/.a.md.swp", "swap");
    write(&root, "content/news/a.md~", "backup");
    write(&root, "content/news/#a.md#", "emacs autosave");
    let got = batches(&w, Duration::ZERO);
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn jetbrains_safe_write_is_one_batch() {
    let (_t, root, w) = watched_site();
    let dir = root.join("content/news");
    std::fs::write(dir.join("a.md___jb_tmp___"), NEW_A).unwrap();
    std::fs::rename(dir.join("a.md"), dir.join("a.md___jb_old___")).unwrap();
    std::fs::rename(dir.join("a.md___jb_tmp___"), dir.join("a.md")).unwrap();
    std::fs::remove_file(dir.join("a.md___jb_old___")).unwrap();
    assert_one_batch_naming(&w, "content/news/a.md");
}

#[test]
fn checkout_of_a_hundred_files_is_one_batch() {
    let (_t, root, w) = watched_site();
    // What `git checkout` does: a hundred files written one after another, some in new folders.
    for i in 0..100 {
        let rel = format!(
            "content/news/{}/g{i:03}.md",
            if i % 2 == 0 { "even" } else { "odd" }
        );
        write(
            &root,
            &rel,
            &format!("---\ntitle: 第{i}篇\ndate: 2021-11-01\n---\n\n正文{i}。\n"),
        );
    }
    let got = batches(&w, Duration::from_millis(700));
    assert_eq!(got.len(), 1, "expected one batch, got {}", got.len());
    let p = paths(&got[0]);
    for i in [0, 1, 50, 98, 99] {
        let rel = format!(
            "content/news/{}/g{i:03}.md",
            if i % 2 == 0 { "even" } else { "odd" }
        );
        assert!(p.contains(&rel), "{rel} missing from the batch");
    }
}

#[test]
fn new_deleted_and_renamed_files_are_named() {
    let (_t, root, w) = watched_site();
    write(&root, "content/news/f.md", NEW_A);
    assert_one_batch_naming(&w, "content/news/f.md");
    std::fs::remove_file(root.join("content/news/b.md")).unwrap();
    assert_one_batch_naming(&w, "content/news/b.md");
    std::fs::rename(
        root.join("content/news/c.md"),
        root.join("content/news/c2.md"),
    )
    .unwrap();
    let got = batches(&w, Duration::from_millis(500));
    assert_eq!(got.len(), 1, "{got:?}");
    let p = paths(&got[0]);
    assert!(
        p.contains("content/news/c.md") && p.contains("content/news/c2.md"),
        "{p:?}"
    );
}

#[test]
fn site_yaml_and_theme_folders_are_watched_but_not_the_output() {
    let (_t, root, w) = watched_site();
    write(&root, "public/index.html", "built output");
    write(&root, "notes.txt", "not a source");
    assert!(
        batches(&w, Duration::ZERO).is_empty(),
        "the output folder and stray files must not trigger a rebuild"
    );
    let yaml = read(&root, "site.yaml");
    write(
        &root,
        "site.yaml",
        &yaml.replace("预览测试站", "预览测试站（改）"),
    );
    assert_one_batch_naming(&w, "site.yaml");
    // A folder created after start (templates/) is watched from then on.
    std::fs::create_dir(root.join("templates")).unwrap();
    let _ = batches(&w, Duration::from_millis(200));
    write(&root, "templates/404.html", "x");
    assert_one_batch_naming(&w, "templates/404.html");
}

// ---------------------------------------------------------------------------------------------
// The server, run as `huanjie serve` on a copy of the test site.

struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Server {
    fn start(root: &Path, port: u16) -> Server {
        let log = root.parent().unwrap().join(format!("serve-{port}.log"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_huanjie"))
            .args([
                "serve",
                "--root",
                root.to_str().unwrap(),
                "--port",
                &port.to_string(),
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("start huanjie serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .rsplit_once(':')
            .and_then(|(_, p)| p.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| {
                panic!(
                    "no URL printed: {line:?}; log:\n{}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                )
            });
        assert!(
            line.contains(&format!("http://127.0.0.1:{port}/")),
            "{line}"
        );
        Server { child, port, log }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends `raw` as is (no client normalises the path) and reads the whole response.
    fn raw(&self, raw: &str) -> Response {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(raw.as_bytes()).unwrap();
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).unwrap();
        Response::parse(&buf)
    }

    fn get(&self, target: &str) -> Response {
        self.raw(&format!(
            "GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        ))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn parse(buf: &[u8]) -> Response {
        let end = buf
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response head");
        let head = String::from_utf8_lossy(&buf[..end]).to_string();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Response {
            status,
            headers,
            body: buf[end + 4..].to_vec(),
        }
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).to_string()
    }
    fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.text())
    }
}

/// Polls `target` until its HTML has `css` with text containing `want` (up to 10 s).
fn wait_for_text(s: &Server, target: &str, css: &str, want: &str) -> String {
    let end = Instant::now() + Duration::from_secs(10);
    loop {
        let r = s.get(target);
        let doc = r.html();
        let got = select(&doc, css)
            .first()
            .map(|e| e.text().collect::<String>())
            .unwrap_or_default();
        if got.contains(want) {
            return got;
        }
        assert!(
            Instant::now() < end,
            "{target} {css} never showed {want:?}; last: {got:?}\nlog:\n{}",
            s.log()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn serves_pages_with_types_and_statuses() {
    let (_t, root) = temp_site("serve-site");
    let s = Server::start(&root, 0);
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    // Links use the server's address, so they work while previewing.
    let doc = home.html();
    let canon = select(&doc, r#"link[rel="canonical"]"#)[0]
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert_eq!(canon, format!("http://127.0.0.1:{}/", s.port));
    // The live-reload script is in every HTML page, inside <body>.
    assert_eq!(
        select(&doc, r#"body script[src="/__huanjie/livereload.js"]"#).len(),
        1
    );
    let js = s.get("/__huanjie/livereload.js");
    assert_eq!(
        (js.status, js.header("content-type")),
        (200, Some("text/javascript; charset=utf-8"))
    );
    // A directory URL serves its index.html; a folder without a slash is redirected.
    let a = s.get("/news/a/");
    assert_eq!(text(&a.html(), "h1").trim(), "全县换届工作动员会召开");
    let r = s.get("/news/a");
    assert_eq!((r.status, r.header("location")), (301, Some("/news/a/")));
    for (path, ct) in [
        ("/css/site.css", "text/css; charset=utf-8"),
        ("/js/site.js", "text/javascript; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/news/e/hall.svg", "image/svg+xml; charset=utf-8"),
    ] {
        let r = s.get(path);
        assert_eq!(
            (r.status, r.header("content-type")),
            (200, Some(ct)),
            "{path}"
        );
    }
    // A missing page: the site's own 404 page, status 404 (the English one under /en/).
    let r = s.get("/news/nothing-here/");
    assert_eq!(r.status, 404);
    let four = r.html();
    assert_eq!(
        select(&four, "html")[0].value().attr("lang"),
        Some("zh-Hans")
    );
    let r = s.get("/en/nothing-here/");
    assert_eq!(r.status, 404);
    assert_eq!(
        select(&r.html(), "html")[0].value().attr("lang"),
        Some("en")
    );
    // HEAD: the headers of GET, no body.
    let h = s.raw("HEAD /news/a/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert_eq!(h.status, 200);
    assert!(h.body.is_empty());
    assert_eq!(
        h.header("content-length")
            .map(|l| l.parse::<usize>().unwrap()),
        Some(a.body.len())
    );
    // Only GET and HEAD.
    for m in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let r = s.raw(&format!(
            "{m} /news/a/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ));
        assert_eq!(r.status, 405, "{m}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
    }
}

#[test]
fn paths_outside_the_site_are_refused() {
    let (tmp, root) = temp_site("serve-site");
    // Secrets next to and above the site, and a symlink leading out of static/.
    write(&root, "secret.txt", "SECRET-BESIDE");
    std::fs::write(tmp.path().join("secret.txt"), "SECRET-ABOVE").unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), root.join("static/link.txt"))
        .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(tmp.path(), root.join("static/up")).unwrap();
    let s = Server::start(&root, 0);
    for target in [
        "/../secret.txt",
        "/../../secret.txt",
        "/news/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/.%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/news%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/news\\..\\..\\secret.txt",
        "/site.yaml",
        "/../site/site.yaml",
        "/content/news/a.md",
        "/link.txt",
        "/up/secret.txt",
        "/up/site/site.yaml",
        "/%00",
    ] {
        let r = s.get(target);
        assert_eq!(r.status, 404, "{target}: {}", r.status);
        let body = r.text();
        assert!(
            !body.contains("SECRET") && !body.contains("base_url"),
            "{target} leaked a file: {body}"
        );
    }
    // Encoded slashes inside an existing path are refused, not decoded into a path.
    assert_eq!(s.get("/news%2fa/").status, 404);
    assert_eq!(s.get("/news/a/").status, 200);
}

#[test]
fn only_localhost_and_ip_hosts_are_answered() {
    let (_tmp, root) = temp_site("serve-site");
    let s = Server::start(&root, 0);
    let with_host = |host: &str| {
        s.raw(&format!(
            "GET /news/a/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
        .status
    };
    // A page elsewhere that rebinds its own name to 127.0.0.1 must not read the preview.
    assert_eq!(with_host("evil.example"), 421);
    assert_eq!(with_host(&format!("evil.example:{}", s.port)), 421);
    for ok in [
        format!("localhost:{}", s.port),
        format!("127.0.0.1:{}", s.port),
        format!("[::1]:{}", s.port),
        "192.168.1.20:1111".to_string(),
    ] {
        assert_eq!(with_host(&ok), 200, "{ok}");
    }
}

#[test]
fn taken_port_moves_to_the_next_and_says_so() {
    let (_t, root) = temp_site("serve-site");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let s = Server::start(&root, port);
    assert_ne!(s.port, port);
    assert!(
        s.log().contains(&format!(
            "port {port} is in use; using port {} instead",
            s.port
        )),
        "{}",
        s.log()
    );
    assert_eq!(s.get("/").status, 200);
}

/// Reads server-sent events from `/__huanjie/events`.
struct Events {
    r: BufReader<TcpStream>,
}

impl Events {
    fn open(s: &Server) -> Events {
        let mut t = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
        t.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
        t.write_all(b"GET /__huanjie/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        let mut r = BufReader::new(t);
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        assert!(line.starts_with("HTTP/1.1 200"), "{line}");
        loop {
            line.clear();
            r.read_line(&mut line).unwrap();
            if line.trim().is_empty() {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-type:") {
                assert!(v.trim().starts_with("text/event-stream"), "{line}");
            }
        }
        Events { r }
    }

    /// The next event: its name and its data as JSON.
    fn next(&mut self) -> (String, serde_json::Value) {
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let mut line = String::new();
            let n = self.r.read_line(&mut line).expect("an event within 15 s");
            assert!(n > 0, "the event stream ended");
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if !name.is_empty() {
                    return (name, serde_json::from_str(&data).unwrap());
                }
                continue;
            }
            if let Some(v) = line.strip_prefix("event: ") {
                name = v.to_string();
            } else if let Some(v) = line.strip_prefix("data: ") {
                data.push_str(v);
            }
        }
    }
}

#[test]
fn edits_reload_pages_errors_show_and_clear() {
    let (_t, root) = temp_site("serve-site");
    write(
        &root,
        "static/css/site.css",
        &read(&example(), "themes/default/static/css/site.css"),
    );
    let s = Server::start(&root, 0);
    let mut ev = Events::open(&s);
    let (name, hello) = ev.next();
    assert_eq!(name, "hello");
    assert!(hello["error"].is_null());

    // An edit: the event names the pages that changed, and the page shows the new text.
    write(&root, "content/news/a.md", NEW_A);
    let (name, data) = ev.next();
    assert_eq!(name, "reload", "{data}");
    let changed: Vec<&str> = data["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(changed.contains(&"news/a/index.html"), "{changed:?}");
    assert!(
        !changed.contains(&"policy/p1/index.html"),
        "an unrelated page was reported changed: {changed:?}"
    );
    assert_eq!(
        text(&s.get("/news/a/").html(), "h1").trim(),
        "全县换届工作动员会召开（修改）"
    );

    // A broken file: the error event carries file and line; the last good page is still served.
    write(
        &root,
        "content/news/a.md",
        "---\ntitle: 坏了\ndate: 2021-13-45\n---\n正文\n",
    );
    let (name, data) = ev.next();
    assert_eq!(name, "build-error", "{data}");
    let report = data["text"].as_str().unwrap();
    assert!(report.contains("content/news/a.md:3"), "{report}");
    assert!(report.contains("date"), "{report}");
    assert!(
        s.log().contains("content/news/a.md:3"),
        "the terminal shows the error too:\n{}",
        s.log()
    );
    let page = s.get("/news/a/");
    assert_eq!(page.status, 200);
    assert_eq!(
        text(&page.html(), "h1").trim(),
        "全县换届工作动员会召开（修改）"
    );
    // A page opened now learns of the error at once.
    let (_, hello) = Events::open(&s).next();
    assert!(
        hello["error"]
            .as_str()
            .unwrap()
            .contains("content/news/a.md:3"),
        "{hello}"
    );

    // Fixed: pages reload, the error is gone.
    write(
        &root,
        "content/news/a.md",
        &NEW_A.replace("（修改）", "（再改）"),
    );
    let (name, _) = ev.next();
    assert_eq!(name, "reload");
    wait_for_text(&s, "/news/a/", "h1", "（再改）");
    let (_, hello) = Events::open(&s).next();
    assert!(hello["error"].is_null(), "{hello}");

    // A stylesheet alone: swapped in place, no reload.
    let css = read(&root, "static/css/site.css");
    write(
        &root,
        "static/css/site.css",
        &format!("{css}\nbody {{ outline: 1px solid red; }}\n"),
    );
    let (name, data) = ev.next();
    assert_eq!(name, "css", "{data}");
    assert_eq!(data["paths"], serde_json::json!(["css/site.css"]));
    assert!(
        s.get("/css/site.css")
            .text()
            .contains("outline: 1px solid red")
    );
}

// ---------------------------------------------------------------------------------------------
// Rebuilds equal fresh builds.

/// The output of a fresh build must equal the served one, file for file, byte for byte.
fn assert_same_as_fresh(served: &Snapshot, root: &Path, opts: &LoadOptions, step: &str) {
    let fresh = match huanjie::build(root, opts) {
        Ok((o, _)) => o,
        Err(e) => panic!("{step}: the fresh build failed:\n{e}"),
    };
    let a: Vec<&String> = served.files.keys().collect();
    let b: Vec<&String> = fresh.files.keys().collect();
    if a != b {
        let only_served: Vec<_> = a
            .iter()
            .filter(|k| !fresh.files.contains_key(**k))
            .collect();
        let only_fresh: Vec<_> = b
            .iter()
            .filter(|k| !served.files.contains_key(**k))
            .collect();
        panic!(
            "{step}: different files; only served: {only_served:?}; only in a fresh build: {only_fresh:?}"
        );
    }
    for k in a {
        let (x, y) = (served.get(k).unwrap(), fresh.get(k).unwrap());
        if x != y {
            let (x, y) = (String::from_utf8_lossy(&x), String::from_utf8_lossy(&y));
            let line = x
                .lines()
                .zip(y.lines())
                .position(|(p, q)| p != q)
                .unwrap_or(0);
            panic!(
                "{step}: {k} differs from a fresh build at line {}:\nserved: {}\nfresh:  {}",
                line + 1,
                x.lines().nth(line).unwrap_or(""),
                y.lines().nth(line).unwrap_or("")
            );
        }
    }
}

type Edit = (&'static str, Box<dyn Fn(&Path)>);

/// Applies each edit, rebuilds from the watcher's batch, and compares with a fresh build.
/// Returns, per step, the mode used (`full`/`incremental`) and the pages rendered.
fn run_edits(root: &Path, edits: Vec<Edit>) -> Vec<(&'static str, &'static str, usize)> {
    let opts = LoadOptions {
        drafts: false,
        base_url: Some("http://127.0.0.1:1111".into()),
    };
    let w = watch::watch(root, watch::Timing::default()).unwrap();
    let (mut b, first) = Builder::new(root, opts.clone());
    first.unwrap_or_else(|e| panic!("first build: {e}"));
    assert_same_as_fresh(&b.output(), root, &opts, "first build");
    let mut modes = Vec::new();
    for (step, edit) in edits {
        edit(root);
        let got = batches(&w, Duration::from_millis(200));
        assert!(!got.is_empty(), "{step}: no batch");
        let mut failed = None;
        let mut warnings = None;
        for batch in &got {
            match b.rebuild(batch) {
                Ok(Some(r)) => {
                    modes.push((step, r.mode, r.rendered));
                    warnings = Some(r.warnings);
                    failed = None;
                }
                Ok(None) => {}
                Err(e) => failed = Some(e),
            }
        }
        match failed {
            // A broken step must fail as a fresh build does, and keep the last good output.
            Some(e) => {
                assert!(
                    huanjie::build(root, &opts).is_err(),
                    "{step}: the rebuild failed but a fresh build passes:\n{e}"
                );
                assert!(
                    step.starts_with("break"),
                    "{step}: unexpected failure:\n{e}"
                );
            }
            None => {
                assert_same_as_fresh(&b.output(), root, &opts, step);
                // The warnings too (a body edit can add or remove an image without alt text).
                if let Some(w) = warnings {
                    let fresh = huanjie::build(root, &opts).expect("fresh build").1;
                    let alt = |ws: &[huanjie::Diagnostic]| -> Vec<String> {
                        ws.iter()
                            .filter(|d| d.rule == "image-alt")
                            .map(|d| d.to_string())
                            .collect()
                    };
                    assert_eq!(
                        alt(&w),
                        alt(&fresh),
                        "{step}: image-alt warnings differ from a fresh build"
                    );
                }
            }
        }
    }
    modes
}

fn edit_file(rel: &'static str, from: &'static str, to: &'static str) -> Box<dyn Fn(&Path)> {
    Box::new(move |root: &Path| {
        let t = read(root, rel);
        assert!(t.contains(from), "{rel} has no {from:?}");
        write(root, rel, &t.replacen(from, to, 1));
    })
}

#[test]
fn rebuilds_equal_fresh_builds_after_every_edit() {
    let (_t, root) = temp_site("serve-site");
    let page = |title: &str, date: &str, extra: &str| {
        format!("---\ntitle: {title}\ndate: {date}\n{extra}---\n\n{title}的正文。\n")
    };
    let (p_f, p_c2en) = (
        page("新增的文章", "2021-10-03", "tags: [换届]\n"),
        page("Registration complete", "2021-10-09", ""),
    );
    let edits: Vec<Edit> = vec![
        (
            "edit a body",
            edit_file(
                "content/news/a.md",
                "要严肃换届纪律",
                "要严肃换届纪律，确保风清气正",
            ),
        ),
        (
            "edit b title",
            edit_file(
                "content/news/b.md",
                "title: 乡镇人大代表选举启动",
                "title: 乡镇人大代表选举全面启动",
            ),
        ),
        (
            "edit b summary",
            edit_file(
                "content/news/b.md",
                "summary: 乡镇人大代表选举启动的摘要。",
                "summary: 新的摘要。",
            ),
        ),
        // Up past d, not to the top: the newest date is the notices' as-of date, site-wide.
        (
            "move c up",
            edit_file("content/news/c.md", "date: 2021-10-09", "date: 2021-10-13"),
        ),
        (
            "move c to the top",
            edit_file("content/news/c.md", "date: 2021-10-13", "date: 2021-10-30"),
        ),
        (
            "add a tag to d",
            edit_file(
                "content/news/d.md",
                "tags: [换届, 选举]",
                "tags: [换届, 选举, 新标签]",
            ),
        ),
        (
            "drop d's tags",
            edit_file(
                "content/news/d.md",
                "tags: [换届, 选举, 新标签]",
                "tags: []",
            ),
        ),
        (
            "add f",
            Box::new(move |r: &Path| write(r, "content/news/f.md", &p_f)),
        ),
        (
            "delete b",
            Box::new(|r: &Path| std::fs::remove_file(r.join("content/news/b.md")).unwrap()),
        ),
        (
            "rename f to g",
            Box::new(|r: &Path| {
                std::fs::rename(r.join("content/news/f.md"), r.join("content/news/g.md")).unwrap()
            }),
        ),
        (
            "give g a slug",
            edit_file(
                "content/news/g.md",
                "tags: [换届]\n",
                "tags: [换届]\nslug: g-new\n",
            ),
        ),
        (
            "edit a translation",
            edit_file(
                "content/news/a.en.md",
                "title: County changeover mobilisation meeting",
                "title: Mobilisation meeting held",
            ),
        ),
        (
            "add a translation",
            Box::new(move |r: &Path| write(r, "content/news/c.en.md", &p_c2en)),
        ),
        (
            "delete a translation",
            Box::new(|r: &Path| std::fs::remove_file(r.join("content/news/a.en.md")).unwrap()),
        ),
        (
            "make d a draft",
            edit_file("content/news/d.md", "tags: []", "tags: []\ndraft: true"),
        ),
        (
            "publish the draft",
            edit_file("content/news/draft.md", "draft: true", "draft: false"),
        ),
        (
            "edit the section",
            edit_file(
                "content/news/_index.md",
                "title: 工作动态",
                "title: 工作动态（新）",
            ),
        ),
        (
            "reorder by weight",
            edit_file("content/policy/p2.md", "weight: 2", "weight: 0"),
        ),
        (
            "break p1",
            edit_file("content/policy/p1.md", "weight: 1", "weight: ["),
        ),
        (
            "fix p1",
            edit_file("content/policy/p1.md", "weight: [", "weight: 3"),
        ),
        (
            "edit the bundle",
            edit_file(
                "content/news/e/index.md",
                "![县委全会会场](hall.svg)",
                "![县委全会会场](hall.svg)\n\n图为会场。",
            ),
        ),
        (
            "drop an image's alt text (body only)",
            edit_file(
                "content/news/e/index.md",
                "![县委全会会场](hall.svg)",
                "![](hall.svg)",
            ),
        ),
        (
            "give it back (body only)",
            edit_file(
                "content/news/e/index.md",
                "![](hall.svg)",
                "![县委全会会场](hall.svg)",
            ),
        ),
        (
            "replace a bundle file",
            edit_file("content/news/e/hall.svg", "#c00", "#00c"),
        ),
        (
            "new section",
            Box::new(|r: &Path| {
                write(
                    r,
                    "content/reports/_index.md",
                    "---\ntitle: 工作报告\n---\n",
                );
                write(
                    r,
                    "content/reports/r1.md",
                    "---\ntitle: 政府工作报告\ndate: 2021-10-25\ntags: [报告]\n---\n\n报告正文。\n",
                );
            }),
        ),
        (
            "rename a section folder",
            Box::new(|r: &Path| {
                std::fs::rename(r.join("content/reports"), r.join("content/work-reports")).unwrap()
            }),
        ),
        (
            "delete a section folder",
            Box::new(|r: &Path| std::fs::remove_dir_all(r.join("content/work-reports")).unwrap()),
        ),
        (
            "override a template",
            Box::new(|r: &Path| {
                write(
                    r,
                    "templates/404.html",
                    &read(&example(), "themes/default/templates/404.html")
                        .replace("</main>", "<p id=\"x\">override</p></main>"),
                )
            }),
        ),
        (
            "edit site.yaml",
            edit_file("site.yaml", "en: Preview Test Site", "en: Preview Site"),
        ),
        (
            "add a stylesheet",
            Box::new(|r: &Path| write(r, "static/css/extra.css", "p { color: black; }\n")),
        ),
        (
            "edit a body again",
            edit_file("content/news/c.md", "顺利完成", "圆满完成"),
        ),
    ];
    let modes = run_edits(&root, edits);
    // Edits of pages render only what shows them; the rest render everything.
    let first_full = modes
        .iter()
        .find(|m| m.0 == "edit the section")
        .map(|m| m.2)
        .unwrap();
    for (step, mode, rendered) in &modes {
        eprintln!("{step:28} {mode:12} {rendered} pages");
        let page_edit = [
            "edit a body",
            "edit b title",
            "move c up",
            "add f",
            "delete b",
            "rename f to g",
            "edit a translation",
            "edit a body again",
        ]
        .contains(step);
        if page_edit {
            assert!(matches!(*mode, "incremental" | "page"), "{step}: {mode}");
            assert!(
                *rendered < first_full,
                "{step}: {rendered} pages rendered, a full render is {first_full}"
            );
        }
    }
    assert_eq!(
        modes.iter().find(|m| m.0 == "edit site.yaml").unwrap().1,
        "full"
    );
    // Text-only edits render the article alone (in each language showing it).
    for step in ["edit a body", "edit a body again"] {
        assert_eq!(
            modes.iter().find(|m| m.0 == step).map(|m| (m.1, m.2)),
            Some(("page", 1)),
            "{step}"
        );
    }
}

#[test]
fn rebuilds_of_the_example_site_equal_fresh_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(example().join("site.yaml"), root.join("site.yaml")).unwrap();
    for dir in watch::WATCHED {
        if example().join(dir).is_dir() {
            copy_dir(&example().join(dir), &root.join(dir));
        }
    }
    let root = root.canonicalize().unwrap();
    let edits: Vec<Edit> = vec![
        (
            "edit a body",
            edit_file(
                "content/news/mobilisation-meeting.md",
                "传达上级有关会议精神",
                "传达学习上级有关会议精神",
            ),
        ),
        (
            "edit a title",
            edit_file(
                "content/news/delegate-election.md",
                "title: ",
                "title: （更新）",
            ),
        ),
        (
            "add a tag",
            edit_file(
                "content/news/leadership-group.md",
                "tags:\n",
                "tags:\n  - 新增标签\n",
            ),
        ),
        (
            "add an article",
            Box::new(|r: &Path| {
                write(
                    r,
                    "content/news/zz-new.md",
                    "---\ntitle: 新增一篇报道\ndate: 2021-07-01\ntags: [换届工作]\n---\n\n新增报道的正文。\n",
                )
            }),
        ),
        (
            "delete an article",
            Box::new(|r: &Path| {
                std::fs::remove_file(r.join("content/news/training-sessions.md")).unwrap()
            }),
        ),
        (
            "rename an article",
            Box::new(|r: &Path| {
                std::fs::rename(
                    r.join("content/news/changeover-summary.md"),
                    r.join("content/news/summary-2021.md"),
                )
                .unwrap()
            }),
        ),
        (
            "edit a notice",
            edit_file(
                "content/discipline/qinan-2021.md",
                "0938-12380",
                "0938-12381",
            ),
        ),
        (
            "edit an English page",
            edit_file(
                "content/news/mobilisation-meeting.en.md",
                "title: ",
                "title: (Updated) ",
            ),
        ),
        (
            "edit the body again",
            edit_file(
                "content/news/mobilisation-meeting.md",
                "传达学习上级",
                "认真传达学习上级",
            ),
        ),
    ];
    let modes = run_edits(&root, edits);
    for (step, mode, rendered) in &modes {
        eprintln!("{step:28} {mode:12} {rendered} pages");
    }
    for step in ["edit a body", "edit the body again"] {
        assert_eq!(
            modes.iter().find(|m| m.0 == step).map(|m| m.1),
            Some("page"),
            "{step}"
        );
    }
    assert_eq!(
        modes.iter().find(|m| m.0 == "edit a title").map(|m| m.1),
        Some("incremental")
    );
}

// ---------------------------------------------------------------------------------------------
// In a real browser.

#[path = "browser/cdp.rs"]
#[allow(dead_code)]
mod cdp;

/// Evaluates `expr` in the page until it returns `want` (up to 15 s).
fn eventually(
    b: &mut cdp::Browser,
    expr: &str,
    want: impl Fn(&serde_json::Value) -> bool,
    what: &str,
) -> serde_json::Value {
    let end = Instant::now() + Duration::from_secs(15);
    loop {
        let v = b.eval(expr);
        if want(&v) {
            return v;
        }
        assert!(Instant::now() < end, "{what}: `{expr}` is still {v}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
#[ignore = "needs Chromium (/usr/bin/chromium or CHROMIUM=…); run with `cargo test -- --ignored`"]
fn browser_follows_edits_shows_errors_and_swaps_styles() {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let (_t, root) = temp_site("serve-site");
    write(
        &root,
        "static/css/site.css",
        &read(&example(), "themes/default/static/css/site.css"),
    );
    let s = Server::start(&root, 0);
    let mut b = cdp::Browser::launch(&chromium);
    b.goto(&format!("http://127.0.0.1:{}/news/a/", s.port));
    let live = |b: &mut cdp::Browser| {
        eventually(
            b,
            "window.huanjieLive || ''",
            |v| v == "connected",
            "live reload connects",
        );
    };
    live(&mut b);
    let h1 = "(document.querySelector('h1') || {textContent: ''}).textContent.trim()";
    assert_eq!(b.eval(h1), "全县换届工作动员会召开");

    // An edit shows up without anyone reloading: the page reloads itself.
    b.eval("window.testMarker = 'before'");
    write(&root, "content/news/a.md", NEW_A);
    eventually(
        &mut b,
        h1,
        |v| v == "全县换届工作动员会召开（修改）",
        "the edit reaches the page",
    );
    assert!(
        b.eval("window.testMarker || null").is_null(),
        "the page was not reloaded"
    );
    live(&mut b);

    // A broken file: an overlay names file and line; the last good page stays under it.
    write(
        &root,
        "content/news/a.md",
        "---\ntitle: 坏了\ndate: 2021-13-45\n---\n正文\n",
    );
    let overlay = eventually(
        &mut b,
        "(document.getElementById('huanjie-error') || {}).textContent || ''",
        |v| {
            v.as_str()
                .is_some_and(|t| t.contains("content/news/a.md:3"))
        },
        "the error overlay appears",
    );
    assert!(overlay.as_str().unwrap().contains("date"), "{overlay}");
    assert_eq!(
        b.eval("document.getElementById('huanjie-error').getAttribute('role')"),
        "alert"
    );
    assert_eq!(b.eval(h1), "全县换届工作动员会召开（修改）");

    // Fixed: the overlay goes, the page shows the fix.
    write(
        &root,
        "content/news/a.md",
        &NEW_A.replace("（修改）", "（修好了）"),
    );
    eventually(
        &mut b,
        h1,
        |v| v == "全县换届工作动员会召开（修好了）",
        "the fix reaches the page",
    );
    eventually(
        &mut b,
        "document.getElementById('huanjie-error') === null",
        |v| v == true,
        "the overlay goes away",
    );
    live(&mut b);

    // A stylesheet edit is applied in place: no reload.
    b.eval("window.testMarker = 'css'");
    let css = read(&root, "static/css/site.css");
    write(
        &root,
        "static/css/site.css",
        &format!("{css}\nh1 {{ color: rgb(1, 2, 3) !important; }}\n"),
    );
    eventually(
        &mut b,
        "getComputedStyle(document.querySelector('h1')).color",
        |v| v == "rgb(1, 2, 3)",
        "the new style applies",
    );
    assert_eq!(
        b.eval("window.testMarker || null"),
        "css",
        "a stylesheet change reloaded the page"
    );
}
