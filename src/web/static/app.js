// Wardline pages: live updates on officer pages, and the location button on the public page.
"use strict";
(function () {
  const body = document.body;
  // Live: reload when a tip on this page changes, unless the officer is typing; then say so.
  if (body.dataset.live && window.EventSource) {
    const here = location.pathname.startsWith("/tips/") ? decodeURIComponent(location.pathname.split("/")[2] || "") : null;
    const busy = () => Array.from(document.querySelectorAll("textarea, input:not([type=hidden]):not([type=checkbox])"))
      .some((el) => el.value && el.defaultValue !== el.value) || (document.activeElement && /INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName));
    let timer = null;
    const es = new EventSource("/live");
    es.addEventListener("tip", (ev) => {
      let change;
      try { change = JSON.parse(ev.data); } catch { return; }
      if (here && change.code !== here) return;
      if (busy()) { document.getElementById("live-banner").hidden = false; return; }
      clearTimeout(timer);
      timer = setTimeout(() => location.reload(), 300);
    });
    // A form on its way (claim, ask, resolve…) must not be cancelled by a reload: its answer is
    // the page the officer needs to see, however slowly the server gives it.
    document.addEventListener("submit", () => { clearTimeout(timer); timer = null; es.close(); }, true);
  }
  // Public page: fill latitude and longitude from the phone's location, only when asked.
  const locate = document.getElementById("locate");
  if (locate && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", () => {
      const status = document.getElementById("locate-status");
      navigator.geolocation.getCurrentPosition(
        (p) => {
          document.querySelector("input[name=lat]").value = p.coords.latitude.toFixed(6);
          document.querySelector("input[name=lng]").value = p.coords.longitude.toFixed(6);
          if (status) status.textContent = locate.dataset.done || "✓";
        },
        () => { if (status) status.textContent = locate.dataset.failed || "✗"; },
        { enableHighAccuracy: true, timeout: 15000 },
      );
    });
  }
  // Print buttons (inline handlers are not allowed by our content security policy).
  for (const b of document.querySelectorAll("[data-print]")) b.addEventListener("click", () => window.print());
})();
