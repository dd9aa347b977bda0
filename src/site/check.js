// folio-check.js: written by `folio build`, first-party, no dependencies.
//
// It only ever takes a "verified" mark away, never gives one: a badge shown as
// verified when the site was built becomes "Expired on DATE" once this visitor's
// clock passes the credential's end of validity, and "Revoked by the issuer since
// this site was built" when the issuer's status list (re-read here, where the list's
// host allows it) now says so. Anything that goes wrong leaves the page as built,
// with a quiet note. Pages say the same without it: every status is dated.
//
// Two things about the recipient, also only ever taking a claim away: a recipient
// "proven" by a presentation bound to the site's origin is not proven on a copy of
// the page at another origin; and the reader's form compares an address the visitor
// was given with the credential's recipient, here, with WebCrypto (nothing is sent).
(function () {
  "use strict";

  // ---- The recipient ----
  // A presentation bound to one origin proves nothing on another.
  Array.prototype.forEach.call(document.querySelectorAll("[data-recipient-bound]"), function (row) {
    if (row.getAttribute("data-recipient-bound") === location.origin) return;
    row.setAttribute("data-recipient-binding", "elsewhere");
    row.className = row.className.replace(/\bcheck-pass\b/g, "check-skipped");
    var text = (row.getAttribute("data-bound-elsewhere-text") || "Not proven here: signed for another site.")
      .split("{origin}").join(location.origin);
    var detail = row.querySelector("[data-recipient-detail]") || row.lastElementChild;
    if (detail) detail.textContent = text;
    var outcome = row.querySelector("[data-recipient-outcome]");
    if (outcome) outcome.textContent = row.getAttribute("data-bound-elsewhere-outcome") || "skipped";
  });

  // The forms of what the visitor typed that an issuer may have hashed, as
  // `recipient::hash_candidates` lists them (keep the two in step).
  function candidates(kind, value) {
    value = value.trim();
    if (kind === "email") value = value.replace(/^mailto:/i, "");
    if (kind === "phone") value = value.replace(/^tel:/i, "");
    var out = [value];
    function add(c) { if (out.indexOf(c) < 0) out.push(c); }
    if (kind === "email") {
      add(value.toLowerCase());
      var at = value.lastIndexOf("@");
      if (at >= 0) add(value.slice(0, at + 1) + value.slice(at + 1).toLowerCase());
    } else if (kind === "url") {
      var bare = value.replace(/\/+$/, "");
      add(bare);
      add(bare + "/");
    } else if (kind === "phone") {
      var digits = value.replace(/[^0-9]/g, "");
      add("+" + digits);
      add(digits);
    }
    return out;
  }

  // The one form folio hashed a plain recipient in (`recipient::canonical`).
  function canonical(kind, value) {
    var first = candidates(kind, value)[0];
    if (kind === "email") return first.toLowerCase();
    if (kind === "url") return first.replace(/\/+$/, "");
    if (kind === "phone") return "+" + first.replace(/[^0-9]/g, "");
    return first;
  }

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function digest(alg, text) {
    var name = alg === "sha512" ? "SHA-512" : "SHA-256";
    return crypto.subtle.digest(name, new TextEncoder().encode(text)).then(hex);
  }

  // Resolves to true when `typed` is the recipient the form describes.
  function sameRecipient(form, typed) {
    var kind = form.getAttribute("data-recipient-kind");
    var alg = form.getAttribute("data-recipient-alg");
    var want = (form.getAttribute("data-recipient-digest") || "").toLowerCase();
    var salt = form.getAttribute("data-recipient-salt") || "";
    var tries = alg === "plain"
      ? [digest("sha256", canonical(kind, typed))]
      : candidates(kind, typed).map(function (c) { return digest(alg, c + salt); });
    return Promise.all(tries).then(function (got) { return got.indexOf(want) >= 0; });
  }

  var canHash = typeof crypto === "object" && crypto.subtle && typeof TextEncoder === "function";
  Array.prototype.forEach.call(document.querySelectorAll("form[data-recipient-digest]"), function (form) {
    if (!canHash) return;
    var input = form.querySelector("input");
    var answer = form.querySelector("[data-recipient-answer]");
    if (!input || !answer) return;
    form.hidden = false;
    var nojs = form.parentNode && form.parentNode.querySelector("[data-recipient-nojs]");
    if (nojs) nojs.hidden = true;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!input.value.trim()) return;
      sameRecipient(form, input.value).then(function (yes) {
        answer.textContent = form.getAttribute(yes ? "data-yes-text" : "data-no-text") || (yes ? "Issued to this address." : "Not this address.");
        answer.setAttribute("data-recipient-result", yes ? "match" : "mismatch");
        answer.className = "recipient-answer " + (yes ? "recipient-match" : "recipient-mismatch");
      });
    });
  });

  // ---- The verified mark ----
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

  // The bounds the build applies: an issuer's answer is read up to 4 MiB, a list
  // inflated up to 16 MiB, streaming, so a small compressed bomb cannot take the
  // visitor's memory.
  var MAX_BODY = 4 * 1024 * 1024;
  var MAX_LIST = 16 * 1024 * 1024;

  // Reads a stream into one array, up to `need` bytes (stopping there: the rest is
  // not needed) and never past `limit`.
  function readUpTo(stream, need, limit) {
    var reader = stream.getReader();
    var chunks = [];
    var total = 0;
    function pump() {
      return reader.read().then(function (r) {
        if (!r.done) {
          total += r.value.length;
          chunks.push(r.value);
          if (total > limit) {
            reader.cancel();
            throw new Error("larger than " + limit + " bytes");
          }
          if (total < need) return pump();
          reader.cancel();
        }
        var out = new Uint8Array(total);
        var at = 0;
        chunks.forEach(function (c) { out.set(c, at); at += c.length; });
        return out;
      });
    }
    return pump();
  }

  // The list's first `need` bytes, inflated.
  function gunzip(bytes, need) {
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return readUpTo(stream, need, MAX_LIST);
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
          if (!r.body) return r.text();
          return readUpTo(r.body, Infinity, MAX_BODY).then(function (bytes) {
            return new TextDecoder().decode(bytes);
          });
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
      var at = Math.floor(entry.index / 8);
      if (!(at >= 0 && at < MAX_LIST)) throw new Error("index beyond the list");
      return gunzip(bytesOf(encoded), at + 1).then(function (bits) {
        var byte = bits[at];
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
