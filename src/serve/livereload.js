// huanjie serve: live reload. Injected into HTML pages by the preview server only.
(() => {
  "use strict";
  const me = document.currentScript;
  let generation = me ? me.dataset.generation : "";
  const key = () => {
    let p = decodeURIComponent(location.pathname).replace(/^\//, "");
    if (p === "" || p.endsWith("/")) p += "index.html";
    return p;
  };
  let overlay = null;
  const hideError = () => {
    if (overlay) overlay.remove();
    overlay = null;
  };
  const showError = (text) => {
    hideError();
    const o = document.createElement("div");
    o.id = "huanjie-error";
    o.lang = "en";
    o.setAttribute("role", "alert");
    o.style.cssText =
      "position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:80vh;overflow:auto;" +
      "background:#1f1f1f;color:#f5f5f5;border-bottom:4px solid #d33;padding:1em 1.5em;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left";
    const head = document.createElement("p");
    head.style.cssText = "margin:0 0 .5em;font-weight:bold;color:#ff8a80";
    head.textContent = "Build failed. This is still the last good version; fix the file and save, and this page updates by itself.";
    const pre = document.createElement("pre");
    pre.style.cssText = "margin:0;white-space:pre-wrap;font:inherit";
    pre.textContent = text;
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss (Esc)";
    close.style.cssText = "margin-top:.75em;font:inherit;padding:.2em .8em";
    close.addEventListener("click", hideError);
    o.append(head, pre, close);
    document.body.append(o);
    overlay = o;
  };
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hideError();
  });
  const swapCss = (paths) => {
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const u = new URL(link.href, location.href);
      if (u.origin !== location.origin) continue;
      if (!paths.includes(decodeURIComponent(u.pathname).replace(/^\//, ""))) continue;
      u.searchParams.set("huanjie-reload", String(Date.now()));
      const fresh = link.cloneNode();
      fresh.href = u.href;
      // Remove the old sheet once the new one applies: no flash of unstyled text.
      fresh.addEventListener("load", () => link.remove());
      fresh.addEventListener("error", () => link.remove());
      link.after(fresh);
    }
  };
  const events = new EventSource("/__huanjie/events");
  events.addEventListener("hello", (e) => {
    const d = JSON.parse(e.data);
    if (d.generation !== generation) {
      location.reload();
      return;
    }
    if (d.error) showError(d.error);
    else hideError();
    // For tests and the curious: the page is listening.
    window.huanjieLive = "connected";
  });
  events.addEventListener("reload", (e) => {
    const d = JSON.parse(e.data);
    hideError();
    if (!d.paths || d.paths.includes(key())) location.reload();
    else generation = d.generation;
  });
  events.addEventListener("css", (e) => {
    const d = JSON.parse(e.data);
    hideError();
    generation = d.generation;
    swapCss(d.paths);
  });
  events.addEventListener("build-error", (e) => {
    showError(JSON.parse(e.data).text);
  });
})();
