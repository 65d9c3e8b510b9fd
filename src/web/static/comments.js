// Comments, with JavaScript: the Reply link moves the form under the comment (without it, the link opens a page
// with the form), a remembered name is filled in, and a small proof of work (SHA-256, hashcash-style) is done
// when the form is sent. Everything works without this file; it only makes it smoother.
(function () {
  'use strict';
  var form = document.getElementById('commentform');
  var respond = document.getElementById('respond');
  if (!form || !respond) return;

  // ---- SHA-256 (FIPS 180-4), on bytes; small and synchronous so thousands of tries stay quick. ----
  var K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]);
  var W = new Uint32Array(64);
  function sha256(bytes) {
    var len = bytes.length;
    var total = ((len + 9 + 63) >> 6) << 6;
    var m = new Uint8Array(total);
    m.set(bytes);
    m[len] = 0x80;
    var bits = len * 8;
    m[total - 4] = bits >>> 24;
    m[total - 3] = bits >>> 16;
    m[total - 2] = bits >>> 8;
    m[total - 1] = bits;
    m[total - 5] = Math.floor(bits / 0x100000000);
    var h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a, h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
    for (var off = 0; off < total; off += 64) {
      for (var i = 0; i < 16; i++) W[i] = (m[off + i * 4] << 24) | (m[off + i * 4 + 1] << 16) | (m[off + i * 4 + 2] << 8) | m[off + i * 4 + 3];
      for (i = 16; i < 64; i++) {
        var x = W[i - 15], y = W[i - 2];
        var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
        var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
        W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
      }
      var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
      for (i = 0; i < 64; i++) {
        var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
        var t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
        var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
        var t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h0 = (h0 + a) | 0; h1 = (h1 + b) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
      h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
    }
    return [h0, h1, h2, h3, h4, h5, h6, h7];
  }
  var enc = new TextEncoder();
  function hex(words) {
    var s = '';
    for (var i = 0; i < words.length; i++) s += ('00000000' + (words[i] >>> 0).toString(16)).slice(-8);
    return s;
  }
  function zeroBits(words) {
    var n = 0;
    for (var i = 0; i < words.length; i++) {
      if (words[i] === 0) { n += 32; continue; }
      return n + Math.clz32(words[i]);
    }
    return n;
  }

  var field = function (name) { return form.elements.namedItem(name); };
  var status = form.querySelector('.comment-check-status');
  var bitsWanted = Number(form.getAttribute('data-pow-bits') || '0');
  var solvedFor = null;

  function normalised() {
    return field('body').value.replace(/\r\n?/g, '\n').trim();
  }

  form.addEventListener('submit', function (ev) {
    var body = normalised();
    field('powv').value = '1';
    if (!bitsWanted || solvedFor === body) return;
    ev.preventDefault();
    var button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    if (status) status.textContent = 'Checking before sending…';
    var challenge = field('article_id').value + '.' + field('ts').value + '.' + field('sig').value + '.' + hex(sha256(enc.encode(body)));
    var nonce = 0;
    (function work() {
      var end = nonce + 4000;
      for (; nonce < end; nonce++) {
        if (zeroBits(sha256(enc.encode(challenge + ':' + nonce))) >= bitsWanted) {
          field('pow').value = String(nonce);
          solvedFor = body;
          if (status) status.textContent = 'Sending…';
          HTMLFormElement.prototype.submit.call(form);
          return;
        }
      }
      setTimeout(work, 0);
    })();
  });

  // ---- Reply under the comment ----
  var home = document.createComment('respond');
  respond.parentNode.insertBefore(home, respond);
  var title = document.getElementById('reply-title');
  var cancel = document.getElementById('cancel-comment-reply-link');
  var parent = document.getElementById('comment_parent');
  var titleText = title ? title.firstChild : null;
  var originalTitle = titleText ? titleText.textContent : 'Leave a Reply';

  function replyTo(link) {
    var li = document.getElementById('comment-' + link.getAttribute('data-comment-id'));
    if (!li) return false;
    var body = li.querySelector('.comment-body');
    body.parentNode.insertBefore(respond, body.nextSibling);
    parent.value = link.getAttribute('data-comment-id');
    var who = li.querySelector('.comment-author');
    if (titleText) titleText.textContent = 'Reply to ' + (who ? who.textContent : '') + ' ';
    if (cancel) cancel.hidden = false;
    field('body').focus();
    return true;
  }
  document.addEventListener('click', function (ev) {
    var t = ev.target;
    var link = t && t.closest ? t.closest('a.comment-reply-link') : null;
    if (link && replyTo(link)) ev.preventDefault();
  });
  if (cancel) {
    cancel.addEventListener('click', function (ev) {
      if (home.parentNode) {
        ev.preventDefault();
        home.parentNode.insertBefore(respond, home.nextSibling);
      }
      parent.value = '';
      if (titleText) titleText.textContent = originalTitle;
      cancel.hidden = true;
    });
  }

  // ---- A remembered name and website (the address itself is never sent to the page) ----
  if (/(?:^|;\s*)broadside_cr=1/.test(document.cookie)) {
    fetch('/comments/remembered', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (me) {
        if (!me) return;
        if (me.name && !field('name').value) field('name').value = me.name;
        if (me.url && !field('url').value) field('url').value = me.url;
        if (me.hasEmail) {
          var email = field('email');
          email.required = false;
          email.placeholder = 'Remembered: leave empty to use it';
        }
        field('remember').checked = true;
      })
      .catch(function () {});
  }
})();
