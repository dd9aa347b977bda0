// folio-check.js: written by `folio build`, first-party, no dependencies.
//
// It only ever takes a "verified" mark away, never gives one: a badge shown as
// verified when the site was built becomes "Expired on DATE" once this visitor's
// clock passes the credential's end of validity, and "Revoked by the issuer since
// this site was built" when the issuer's status list (re-read here, where the list's
// host allows it) now says so. Anything that goes wrong leaves the page as built,
// with a quiet note. Pages say the same without it: every status is dated.
(function () {
  "use strict";
  var marks = document.querySelectorAll('[data-folio-check="verified"]');
  if (!marks.length) return;

  function demote(el, kind, text) {
    if (el.getAttribute("data-folio-check") !== "verified") return;
    el.setAttribute("data-folio-check", kind);
    Array.prototype.slice.call(el.attributes).forEach(function (a) {
      if (/-verified$/.test(a.name) || a.name === "data-folio-met") el.removeAttribute(a.name);
    });
    el.className = el.className
      .replace(/\bstatus-verified\b/g, "status-" + kind)
      .replace(/(^|\s)ok(?=\s|$)/g, "$1not-ok");
    var checked = el.getAttribute("data-checked-on");
    el.textContent = text + (checked ? " · checked " + checked : "");
    // A pathway requirement met by this badge is no longer met.
    var row = el.closest("[data-folio-met]");
    if (row) {
      row.removeAttribute("data-folio-met");
      row.className = row.className.replace(/\breq-met\b/, "req-open");
    }
  }

  function note(el, text) {
    var next = el.nextElementSibling;
    if (next && next.className === "folio-check-note") return;
    var span = document.createElement("span");
    span.className = "folio-check-note";
    span.textContent = " (" + text + ")";
    el.parentNode.insertBefore(span, el.nextSibling);
  }

  // Expiry, by the visitor's clock.
  var now = Date.now();
  Array.prototype.forEach.call(marks, function (el) {
    var until = Date.parse(el.getAttribute("data-valid-until") || "");
    if (!isNaN(until) && now >= until) {
      demote(el, "expired", el.getAttribute("data-expired-text") || "Expired on " + (el.getAttribute("data-valid-until-on") || ""));
    }
  });

  // Revocation, by the issuer's list, where the browser can read it.
  if (typeof fetch !== "function" || typeof DecompressionStream !== "function") return;

  function bytesOf(base64url) {
    var s = base64url.replace(/-/g, "+").replace(/_/g, "/");
    while (s.length % 4) s += "=";
    var bin = atob(s);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function gunzip(bytes) {
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  // A status list credential as JSON, or as a VC-JWT (its payload, or the `vc` claim).
  function credentialOf(text) {
    text = text.trim();
    if (text.charAt(0) === "{") return JSON.parse(text);
    var payload = JSON.parse(new TextDecoder().decode(bytesOf(text.split(".")[1] || "")));
    return payload.vc || payload;
  }

  // Only https lists, or plain http on loopback when the page itself is there (a
  // preview): a credential must not make a visitor's browser reach their own network.
  var loopback = /^(127\.0\.0\.1|localhost|\[::1\])$/;
  function allowed(url) {
    try {
      var u = new URL(url, location.href);
      return u.protocol === "https:" ||
        (u.protocol === "http:" && loopback.test(u.hostname) && loopback.test(location.hostname));
    } catch (e) {
      return false;
    }
  }

  var fetched = {};
  function read(url) {
    if (!allowed(url)) return Promise.reject(new Error("not an https address"));
    if (!fetched[url]) {
      fetched[url] = fetch(url, { mode: "cors", credentials: "omit", referrerPolicy: "no-referrer", cache: "no-cache" })
        .then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.text();
        });
    }
    return fetched[url];
  }

  // Resolves to the purpose ("revocation", "suspension") whose bit is set, or "".
  function setBy(entry) {
    return read(entry.url).then(function (text) {
      if (entry.type === "1edtech") {
        var revoked = JSON.parse(text).revokedCredentials;
        if (!Array.isArray(revoked)) throw new Error("not a revocation list");
        return revoked.some(function (e) {
          return (typeof e === "string" ? e : e && e.id) === entry.id;
        }) ? "revocation" : "";
      }
      var subject = credentialOf(text).credentialSubject || {};
      if ([].concat(subject.statusPurpose || []).indexOf(entry.purpose) < 0) {
        throw new Error("the list is for another purpose");
      }
      var encoded = String(subject.encodedList || "");
      // Bitstring lists are multibase (`u` + base64url); 2021 lists are plain base64url
      // of gzip, which always starts with "H4s".
      if (encoded.charAt(0) === "u") encoded = encoded.slice(1);
      return gunzip(bytesOf(encoded)).then(function (bits) {
        var byte = bits[Math.floor(entry.index / 8)];
        if (byte === undefined) throw new Error("index beyond the list");
        return (byte >> (7 - (entry.index % 8))) & 1 ? entry.purpose : "";
      });
    });
  }

  Array.prototype.forEach.call(marks, function (el) {
    var entries;
    try {
      entries = JSON.parse(el.getAttribute("data-status-lists") || "[]");
    } catch (e) {
      return;
    }
    entries.forEach(function (entry) {
      setBy(entry).then(function (purpose) {
        if (purpose === "revocation") demote(el, "revoked", el.getAttribute("data-revoked-text") || "Revoked by the issuer since this site was built");
        if (purpose === "suspension") demote(el, "revoked", el.getAttribute("data-suspended-text") || "Suspended by the issuer since this site was built");
      }, function () {
        if (el.getAttribute("data-folio-check") === "verified") note(el, el.getAttribute("data-unchecked-text") || "revocation not re-checked just now");
      });
    });
  });
})();
