//! `huanjie serve`: builds the site into memory, serves it over HTTP on the loopback interface,
//! watches the sources and rebuilds on every change, and tells open pages to reload.
//!
//! The pieces:
//! - [`watch`] turns bursts of file events (editor saves, `git checkout`) into one batch each;
//! - [`rebuild`] rebuilds the output for a batch (the same pipeline as `build`, in memory);
//! - [`live`] holds the output being served and streams reload / error events to pages;
//! - [`http`] serves the output and the live-reload script, refusing anything outside the site.
//!
//! A failed rebuild keeps the last good output; the error is printed and shown over the pages.

pub mod http;
pub mod live;
pub mod rebuild;
pub mod watch;

use crate::site::LoadOptions;
use std::net::{IpAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Options of `huanjie serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Interface to bind (loopback by default).
    pub interface: IpAddr,
    /// First port to try; 0 lets the system choose.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Open the site in the default browser.
    pub open: bool,
}

/// Ports tried after the requested one when it is taken.
const PORT_TRIES: u16 = 20;

/// Binds `interface:port`, or the next free port, saying so. Returns the listener and the port.
pub fn bind(interface: IpAddr, port: u16) -> Result<(TcpListener, u16), String> {
    let mut p = port;
    loop {
        match TcpListener::bind((interface, p)) {
            Ok(l) => {
                let actual = l.local_addr().map(|a| a.port()).unwrap_or(p);
                if p != port {
                    eprintln!("port {port} is in use; using port {actual} instead");
                }
                return Ok((l, actual));
            }
            Err(e)
                if e.kind() == std::io::ErrorKind::AddrInUse
                    && port != 0
                    && p < port.saturating_add(PORT_TRIES)
                    && p < u16::MAX =>
            {
                p += 1;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
                return Err(format!(
                    "ports {port} to {p} on {interface} are all in use; choose another with --port"
                ));
            }
            Err(e) => return Err(format!("cannot listen on {interface}:{p}: {e}")),
        }
    }
}

/// The base URL pages are built with while served.
pub fn base_url(interface: IpAddr, port: u16) -> String {
    let host = match interface {
        IpAddr::V4(a) if a.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(a) if a.is_unspecified() => "[::1]".to_string(),
        IpAddr::V4(a) => a.to_string(),
        IpAddr::V6(a) => format!("[{a}]"),
    };
    format!("http://{host}:{port}")
}

/// Errors as printed in the terminal and shown in the browser overlay.
fn report(root: &Path, e: &crate::Errors) -> String {
    e.0.iter()
        .map(|d| d.report(root))
        .collect::<Vec<_>>()
        .join("")
}

/// Runs the server until the process is stopped (Ctrl-C). Returns an error message when it
/// cannot start.
pub fn run(o: ServeOptions) -> Result<(), String> {
    let root = o
        .root
        .canonicalize()
        .map_err(|e| format!("cannot open the site folder {}: {e}", o.root.display()))?;
    let (listener, port) = bind(o.interface, o.port)?;
    let url = base_url(o.interface, port);
    if !o.interface.is_loopback() {
        eprintln!(
            "warning: listening on {}, reachable from other machines",
            o.interface
        );
    }
    // Watch before the first build so no edit made during it is missed.
    let watcher = watch::watch(&root, watch::Timing::default())
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    let start = std::time::Instant::now();
    let opts = LoadOptions {
        drafts: o.drafts,
        base_url: Some(url.clone()),
    };
    let (mut builder, first) = rebuild::Builder::new(&root, opts);
    let live = Arc::new(match &first {
        Ok(warnings) => {
            for w in warnings {
                eprint!("{}", w.report(&root));
            }
            let out = builder.output();
            let pages = out.files.keys().filter(|k| k.ends_with(".html")).count();
            eprintln!("built {pages} pages in {} ms", start.elapsed().as_millis());
            live::Live::new(out, None)
        }
        Err(e) => {
            let text = report(&root, e);
            eprint!("{text}");
            eprintln!("build failed: serving the error until it is fixed");
            live::Live::new(builder.output(), Some(text))
        }
    });
    {
        let live = Arc::clone(&live);
        std::thread::Builder::new()
            .name("huanjie-accept".into())
            .spawn(move || http::serve(listener, live))
            .map_err(|e| format!("cannot start the server: {e}"))?;
    }
    println!("serving {} at {url}/", root.display());
    eprintln!(
        "watching site.yaml and {}; press Ctrl-C to stop",
        watch::WATCHED.join("/, ") + "/"
    );
    if o.open {
        open_browser(&format!("{url}/"));
    }
    for batch in watcher.batches.iter() {
        let shown: Vec<String> = batch
            .paths
            .iter()
            .take(3)
            .map(|p| p.display().to_string())
            .collect();
        let more = batch.paths.len().saturating_sub(3);
        let what = if more > 0 {
            format!("{} and {more} more", shown.join(", "))
        } else {
            shown.join(", ")
        };
        match builder.rebuild(&batch) {
            Ok(None) => {}
            Ok(Some(r)) => {
                for w in &r.warnings {
                    eprint!("{}", w.report(&root));
                }
                eprintln!(
                    "{what}: rebuilt ({}) in {} ms, {} file(s) changed",
                    r.mode, r.millis, r.changed
                );
                live.publish(builder.output(), r.change);
            }
            Err(e) => {
                let text = report(&root, &e);
                eprint!("{text}");
                eprintln!("{what}: rebuild failed; still serving the last good version");
                live.publish_error(text);
            }
        }
    }
    Ok(())
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("cannot open a browser ({opener}: {e}); open {url} yourself");
    }
}
