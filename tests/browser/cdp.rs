//! Just enough of the Chrome DevTools Protocol to drive a headless Chromium from a test:
//! launch it, open one tab, navigate, evaluate JavaScript, set the viewport, take screenshots.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tungstenite::WebSocket;
use tungstenite::protocol::{Message, WebSocketConfig};

/// A running Chromium with one attached tab. Killed when dropped.
pub struct Browser {
    child: Child,
    ws: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    /// Starts `chromium` headless with a fresh profile and no network of its own beyond what the
    /// pages ask for, and attaches to a new blank tab.
    pub fn launch(chromium: &str) -> Browser {
        let profile = tempfile::tempdir().expect("temporary profile folder");
        let mut child = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {chromium}: {e} (install it: apt-get install -y chromium)")
            });
        // Chromium prints the DevTools address on stderr; keep draining stderr afterwards so a
        // full pipe never blocks the browser.
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.split("DevTools listening on ").nth(1)
                    && let Some(t) = tx.take()
                {
                    let _ = t.send(url.trim().to_string());
                }
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("Chromium did not print its DevTools address within 60 s");
        let host = url
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .expect("host:port")
            .to_string();
        let stream = TcpStream::connect(&host).expect("connect to DevTools");
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .expect("timeout");
        let config = WebSocketConfig::default()
            .max_message_size(None)
            .max_frame_size(None);
        let (ws, _) = tungstenite::client::client_with_config(url.as_str(), stream, Some(config))
            .expect("DevTools websocket handshake");
        let mut b = Browser {
            child,
            ws,
            session: String::new(),
            next_id: 0,
            _profile: profile,
        };
        let target = b.call_browser("Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().expect("targetId").to_string();
        let attached = b.call_browser(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        b.session = attached["sessionId"]
            .as_str()
            .expect("sessionId")
            .to_string();
        b
    }

    fn send(&mut self, method: &str, params: Value, session: Option<String>) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = Value::String(s);
        }
        self.ws
            .send(Message::text(msg.to_string()))
            .expect("send to DevTools");
        loop {
            let m = self.ws.read().expect("read from DevTools");
            let Message::Text(t) = m else { continue };
            let v: Value = serde_json::from_str(t.as_str()).expect("DevTools sends JSON");
            if v["id"].as_u64() == Some(id) {
                if let Some(e) = v.get("error") {
                    panic!("DevTools {method} failed: {e}");
                }
                return v["result"].clone();
            }
            // Events and answers to other calls are not needed.
        }
    }

    fn call_browser(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, None)
    }

    /// Calls a method on the tab.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let s = self.session.clone();
        self.send(method, params, Some(s))
    }

    /// Evaluates `expr` in the page (awaiting a promise) and returns its value.
    pub fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "awaitPromise": true, "returnByValue": true}),
        );
        if let Some(ex) = r.get("exceptionDetails") {
            panic!("JavaScript error: {ex}");
        }
        r["result"]["value"].clone()
    }

    /// Sets the viewport width (CSS pixels); `mobile` emulates a phone's meta-viewport handling.
    pub fn viewport(&mut self, width: u32, mobile: bool) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": mobile}),
        );
    }

    /// Loads `url` and waits until the document and its resources are loaded.
    pub fn goto(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}));
        let start = Instant::now();
        // The old document may still answer "complete" right after navigating: wait for the new URL.
        loop {
            let state = self.eval("[document.readyState, location.href].join(' ')");
            let s = state.as_str().unwrap_or("");
            if s.starts_with("complete ") && s.ends_with(url) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "{url} did not load within 60 s ({s})"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Presses and releases a key (`Tab`, `Enter`) as the keyboard would.
    pub fn key(&mut self, key: &str, code: u32) {
        for t in ["keyDown", "keyUp"] {
            let mut p = json!({"type": t, "key": key, "code": key, "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code});
            if t == "keyDown" && key == "Enter" {
                p["text"] = Value::String("\r".into());
            }
            self.call("Input.dispatchKeyEvent", p);
        }
    }

    /// Turns the page's own scripts off or on (DevTools evaluation keeps working).
    pub fn scripts(&mut self, enabled: bool) {
        self.call(
            "Emulation.setScriptExecutionDisabled",
            json!({"value": !enabled}),
        );
    }

    /// A PNG of the whole page at the current viewport width.
    pub fn screenshot(&mut self) -> Vec<u8> {
        let m = self.call("Page.getLayoutMetrics", json!({}));
        let width = m["cssContentSize"]["width"].as_f64().unwrap_or(1280.0);
        let height = m["cssContentSize"]["height"]
            .as_f64()
            .unwrap_or(900.0)
            .min(16000.0);
        let r = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true, "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}),
        );
        base64_decode(r["data"].as_str().expect("screenshot data"))
    }
}

/// Standard base64 (with padding), as DevTools sends binary data.
fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(val) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[test]
fn base64_round_trip() {
    assert_eq!(base64_decode("aHVhbmppZQ=="), b"huanjie");
    assert_eq!(base64_decode("5o2i5bGK"), "换届".as_bytes());
}
