//! The state the server shows (the last good output, the current build error) and the
//! server-sent events that tell open pages to reload, swap a stylesheet or show an error.

use super::rebuild::Snapshot;
use std::collections::VecDeque;
use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// URL prefix of the live-reload machinery (`/__huanjie/events`, `/__huanjie/livereload.js`).
pub const LIVE_PREFIX: &str = "__huanjie/";

/// The script injected into HTML pages.
pub const SCRIPT: &str = include_str!("livereload.js");

/// Events kept for streams that fall behind; older ones become a plain reload.
const KEPT: usize = 32;

/// What open pages are told after a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Reload pages whose output changed (`None`: every page).
    Reload(Option<Vec<String>>),
    /// Only stylesheets changed: swap these (output keys, `css/site.css`) without reloading.
    Css(Vec<String>),
}

struct State {
    output: Arc<Snapshot>,
    generation: u64,
    error: Option<String>,
    /// Sequence number of the newest event.
    seq: u64,
    events: VecDeque<(u64, String)>,
}

/// Shared between the rebuild loop and the connection threads.
pub struct Live {
    /// Distinguishes this server from an earlier one, so pages reload after a restart.
    instance: u64,
    state: Mutex<State>,
    wake: Condvar,
}

fn sse(event: &str, data: &serde_json::Value) -> String {
    format!("event: {event}\ndata: {data}\n\n")
}

impl Live {
    /// The state after the first build: its output, or an empty one and the error.
    pub fn new(output: Arc<Snapshot>, error: Option<String>) -> Live {
        let instance = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64 % 1_000_000_000)
            .unwrap_or(0);
        Live {
            instance,
            state: Mutex::new(State {
                output,
                generation: 1,
                error,
                seq: 0,
                events: VecDeque::new(),
            }),
            wake: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn generation_id(&self, generation: u64) -> String {
        format!("{}-{generation}", self.instance)
    }

    /// The output being served and its generation id (written into each page's script tag).
    pub fn current(&self) -> (Arc<Snapshot>, String) {
        let s = self.lock();
        (Arc::clone(&s.output), self.generation_id(s.generation))
    }

    /// The current build error, if the last rebuild failed.
    pub fn error(&self) -> Option<String> {
        self.lock().error.clone()
    }

    fn push(&self, s: &mut State, text: String) {
        s.seq += 1;
        s.events.push_back((s.seq, text));
        while s.events.len() > KEPT {
            s.events.pop_front();
        }
        self.wake.notify_all();
    }

    /// A rebuild succeeded: serve `output` from now on and tell the pages.
    pub fn publish(&self, output: Arc<Snapshot>, change: Change) {
        let mut s = self.lock();
        s.output = output;
        s.generation += 1;
        s.error = None;
        let generation = self.generation_id(s.generation);
        let text = match change {
            Change::Reload(paths) => sse(
                "reload",
                &serde_json::json!({"generation": generation, "paths": paths}),
            ),
            Change::Css(paths) => sse(
                "css",
                &serde_json::json!({"generation": generation, "paths": paths}),
            ),
        };
        self.push(&mut s, text);
    }

    /// A rebuild failed: keep the output, show `report` over the pages.
    pub fn publish_error(&self, report: String) {
        let mut s = self.lock();
        let text = sse("build-error", &serde_json::json!({"text": report}));
        s.error = Some(report);
        self.push(&mut s, text);
    }

    /// Serves the event stream on `w` until the client goes away.
    pub fn stream_events(&self, mut w: impl Write) -> std::io::Result<()> {
        let hello = {
            let s = self.lock();
            let mut t = String::from(
                "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 300\n\n",
            );
            t.push_str(&sse("hello", &serde_json::json!({"generation": self.generation_id(s.generation), "error": s.error})));
            (t, s.seq)
        };
        let (text, mut seen) = hello;
        w.write_all(text.as_bytes())?;
        w.flush()?;
        loop {
            let pending: Vec<String> = {
                let s = self.lock();
                let (s, timeout) = self
                    .wake
                    .wait_timeout_while(s, Duration::from_secs(15), |s| s.seq == seen)
                    .unwrap_or_else(|e| e.into_inner());
                if timeout.timed_out() {
                    Vec::new()
                } else {
                    let missed = s.events.front().is_some_and(|(first, _)| *first > seen + 1);
                    let mut out: Vec<String> = s
                        .events
                        .iter()
                        .filter(|(n, _)| *n > seen)
                        .map(|(_, t)| t.clone())
                        .collect();
                    if missed {
                        out.insert(0, sse("reload", &serde_json::json!({"generation": self.generation_id(s.generation), "paths": null})));
                    }
                    seen = s.seq;
                    out
                }
            };
            if pending.is_empty() {
                // Keeps proxies from timing out and finds clients that went away.
                w.write_all(b": ping\n\n")?;
            }
            for p in pending {
                w.write_all(p.as_bytes())?;
            }
            w.flush()?;
        }
    }
}
