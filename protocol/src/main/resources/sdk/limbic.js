/*
 * Limbic browser SDK (plain JavaScript, no build step; kept under 8 KiB gzipped). The README's paragraph on
 * /sdk/limbic.js documents it (noRage marks: "Rage-click exemptions"): Limbic.init("pk_...", {host, sessionId?, userId?, anonymousId?, respectDoNotTrack?})
 * (or the older init({endpoint, apiKey, ...})), identify, onEmotion, onIntervention, flush, tracking.
 * No key values, no text, no input values leave the page; nothing does under respectDoNotTrack with DNT or GPC on.
 */
(function (global) {
  'use strict';

  const SEND_EVERY_MS = 250;
  const SEND_AT_SAMPLES = 50;
  const UNLOAD_BUDGET = 60000; // keepalive's 64 KiB, less headers
  const MOVE_EVERY_MS = 50;
  const SCROLL_EVERY_MS = 50;
  const MUTATION_EVERY_MS = 100;
  const HEARTBEAT_EVERY_MS = 30000;
  const MAX_BUFFERED = 5000;
  // The server takes 1,000 samples or 256 KiB per message; 500 long-target samples stay well under both.
  const MAX_PER_MESSAGE = 500;
  const MAX_TARGET_CHARS = 256;
  const TARGET_DEPTH = 4;
  const ACK_TIMEOUT_MS = 10000;
  const CONNECT_TIMEOUT_MS = 5000;
  const MAX_RECONNECT_MS = 30000;
  const ID_RULE = /^[A-Za-z0-9._:@-]{1,128}$/;
  const SELECT_EVERY_MS = 100;
  const CAPABILITIES = { mutations: true, selection: true };
  const STEPPER_LABEL = /^\s*([+\-\u2212\u2013]|plus|minus)\s*$/i;
  const STEPPER_NAME = /(increase|decrease|increment|decrement|quantity|qty|stepper|spin)/i;

  let config = null;
  let httpBase = '';
  let wsBase = '';

  // Samples wait in `queue` as {seq, sample}; one message is in flight at a time, so the server sees them in order.
  let queue = [];
  let inFlight = null;
  let lastSeq = 0;
  let ackedSeq = 0;
  let lastT = 0;
  let waiters = [];
  const emotionListeners = [];
  const interventionListeners = [];
  const interventionsSeen = new Set();

  let socket = null;
  let socketState = 'down'; // 'connecting' | 'open' | 'down' (then batches go over HTTP)
  let reconnectDelay = 1000;
  let ackTimer = 0;
  let failures = 0;
  let retryAt = 0;
  // Whether capabilities were acked on the current socket ('ws') or over HTTP ('http').
  const declaredOver = { ws: false, http: false };

  // ---- capture

  function now() {
    return Math.floor(performance.timeOrigin + performance.now());
  }

  /** A short element path such as button#pay or div.card>a:nth-of-type(2): enough to tell targets apart. */
  function pathOf(node) {
    if (!node || node.nodeType !== 1) return undefined;
    const parts = [];
    for (let el = node; el && el.nodeType === 1 && parts.length < TARGET_DEPTH; el = el.parentElement) {
      const tag = el.tagName.toLowerCase();
      if (el.id) {
        parts.unshift(tag + '#' + el.id);
        break;
      }
      if ((tag === 'body' || tag === 'html') && parts.length > 0) break;
      let part = tag;
      const firstClass = typeof el.className === 'string' ? el.className.trim().split(/\s+/)[0] : '';
      if (firstClass) part += '.' + firstClass;
      const parent = el.parentElement;
      if (parent) {
        const sameTag = Array.prototype.filter.call(parent.children, (c) => c.tagName === el.tagName);
        if (sameTag.length > 1) part += ':nth-of-type(' + (sameTag.indexOf(el) + 1) + ')';
      }
      parts.unshift(part);
    }
    const path = parts.join('>');
    return path.length > MAX_TARGET_CHARS ? path.slice(path.length - MAX_TARGET_CHARS) : path;
  }

  function sectionOf(node) {
    const el = node && node.nodeType === 1 ? node : node && node.parentElement;
    const holder = el && el.closest ? el.closest('[data-limbic-section]') : null;
    return holder ? holder.getAttribute('data-limbic-section') : undefined;
  }

  function sample(type, event) {
    const s = { t: now(), type: type, url: location.pathname };
    if (event) {
      if (typeof event.pageX === 'number') {
        s.x = Math.round(event.pageX);
        s.y = Math.round(event.pageY);
      }
      const target = event.target;
      if (target && target.nodeType === 1) {
        s.target = pathOf(target);
        const section = sectionOf(target);
        if (section) s.section = section;
      }
    }
    return s;
  }

  // High-rate kinds (moves, scrolls, mutations) are throttled: the first in a window goes at once, the latest of
  // the rest waits for the window's end. Any other sample first releases what waits, so order and times stay exact.
  const throttles = [];

  function throttle(everyMs) {
    const th = { everyMs: everyMs, last: -Infinity, pending: null, timer: 0 };
    throttles.push(th);
    return th;
  }

  function offer(th, s) {
    if (!th.pending && s.t - th.last >= th.everyMs) {
      th.last = s.t;
      record(s);
      return;
    }
    th.pending = s;
    if (!th.timer) th.timer = setTimeout(() => release(th), Math.max(0, th.everyMs - (s.t - th.last)));
  }

  function release(th) {
    clearTimeout(th.timer);
    th.timer = 0;
    const s = th.pending;
    if (!s) return;
    th.pending = null;
    th.last = s.t;
    record(s);
  }

  function releaseWaiting(beforeT) {
    throttles
      .filter((th) => th.pending && th.pending.t <= beforeT)
      .sort((a, b) => a.pending.t - b.pending.t)
      .forEach(release);
  }

  /** Adds a sample to the queue. Times strictly increase: the server rejects a sample not after the last one. */
  function record(s) {
    releaseWaiting(s.t);
    s.t = Math.max(s.t, lastT + 1);
    lastT = s.t;
    queue.push({ seq: ++lastSeq, sample: s });
    if (queue.length > MAX_BUFFERED) queue.splice(0, queue.length - MAX_BUFFERED);
    if (queue.length >= SEND_AT_SAMPLES) send();
  }

  const moves = throttle(MOVE_EVERY_MS);
  const scrolls = throttle(SCROLL_EVERY_MS);
  const mutations = throttle(MUTATION_EVERY_MS);
  const selections = throttle(SELECT_EVERY_MS);

  function onSelection() {
    const selection = global.getSelection ? global.getSelection() : null;
    if (selection && !selection.isCollapsed) offer(selections, sample('select', null));
  }

  function elementOf(node) {
    return node && node.nodeType === 1 ? node : node && node.parentElement;
  }

  function interactive(el) {
    return !!(el && el.closest && el.closest('a,button,input,select,textarea,label,[role=button],[role=link]'));
  }

  /** A number input, a spin button, or a +/- button that sits next to one or names a quantity. */
  function stepper(el) {
    if (!el || !el.closest) return false;
    if (el.closest('input[type=number],[role=spinbutton]')) return true;
    const button = el.closest('button,[role=button]');
    if (!button) return false;
    const label = (button.getAttribute('aria-label') || '') + ' ' + (button.className || '') + ' ' + (button.name || '');
    if (STEPPER_NAME.test(label)) return true;
    const text = button.textContent || '';
    const holder = button.parentElement;
    return STEPPER_LABEL.test(text) && !!(holder && holder.querySelector('input[type=number],input[inputmode=numeric],[role=spinbutton]'));
  }

  /** Why this click must not count toward a rage click, or undefined. */
  function noRage(event) {
    const el = elementOf(event.target);
    if (el && el.closest && el.closest('[data-limbic-no-rage]')) return 'marked';
    if (stepper(el)) return 'stepper';
    const selection = global.getSelection ? global.getSelection() : null;
    // The second click of a double click selects a word, the third a paragraph; links and buttons are rage targets.
    if (event.detail >= 2 && selection && !selection.isCollapsed && !interactive(el)) return 'selection';
    return undefined;
  }

  function pointer(type) {
    return (event) => {
      if (!event.isTrusted) return; // a script's element.click() is not the person
      const s = sample(type, event);
      // A click from the keyboard (Enter on a button) has no position; its 0,0 would be a jump across the page.
      if (type === 'click' && event.detail === 0) {
        delete s.x;
        delete s.y;
      }
      if (type === 'click') {
        const reason = noRage(event);
        if (reason) s.noRage = reason;
      }
      if (event.button >= 0 && event.button <= 4) s.button = event.button;
      record(s);
    };
  }

  function onScroll(event) {
    const s = sample('scroll', null);
    const target = event.target;
    if (target && target.nodeType === 1) s.target = pathOf(target);
    s.scrollY = Math.round(global.scrollY);
    offer(scrolls, s);
  }

  function onKey(event) {
    if (event.repeat || !event.isTrusted) return;
    record(sample('key', event)); // only that a key was pressed, and where: sample() copies no key value
  }

  function ignored(node) {
    const el = node && node.nodeType === 1 ? node : node && node.parentElement;
    return !!(el && el.closest && el.closest('[data-limbic-ignore]'));
  }

  function onMutations(records) {
    if (records.every((r) => ignored(r.target))) return;
    offer(mutations, sample('mutation', null));
  }

  function navigated() {
    const s = sample('nav', null);
    s.scrollY = Math.round(global.scrollY);
    record(s);
  }

  function patchHistory() {
    const push = history.pushState;
    history.pushState = function () {
      const result = push.apply(this, arguments);
      navigated();
      return result;
    };
    const replace = history.replaceState;
    history.replaceState = function () {
      const before = location.href;
      const result = replace.apply(this, arguments);
      // Routers also call replaceState to store state on the same URL; that is not a navigation.
      if (location.href !== before) navigated();
      return result;
    };
  }

  function startCapture() {
    const passive = { capture: true, passive: true };
    global.addEventListener('pointermove', (e) => e.isTrusted && offer(moves, sample('move', e)), passive);
    global.addEventListener('pointerdown', pointer('down'), passive);
    global.addEventListener('pointerup', pointer('up'), passive);
    global.addEventListener('click', pointer('click'), passive);
    document.addEventListener('scroll', onScroll, passive);
    global.addEventListener('keydown', onKey, passive);
    global.addEventListener('popstate', navigated);
    global.addEventListener('hashchange', navigated);
    global.addEventListener('error', () => record(sample('error', null)));
    global.addEventListener('unhandledrejection', () => record(sample('error', null)));
    document.addEventListener('visibilitychange', onVisibility);
    document.addEventListener('selectionchange', onSelection);
    global.addEventListener('pagehide', onPageHide);
    patchHistory();
    new MutationObserver(onMutations).observe(document.documentElement, {
      childList: true, subtree: true, attributes: true, characterData: true,
    });
    navigated(); // the page itself: tells the server where the session is
  }

  function onVisibility() {
    record(sample('visibility', null));
    if (document.visibilityState === 'hidden') send();
    else heartbeat();
  }

  // ---- transport

  const KINDS = ['move', 'down', 'up', 'click', 'scroll', 'key', 'nav', 'error', 'mutation', 'visibility', 'select'];
  // Field flag i is bit i.
  const FIELDS = ['x', 'button', 'target', 'section', 'scrollY', 'url', 'noRage'];
  const TEXTS = ['target', 'section', 'url', 'noRage'];
  const utf8 = new TextEncoder();

  /** The batch in the node's binary framing (its TelemetryFrame; see the README). */
  function encode(body) {
    const out = [];
    const table = new Map();
    const put = (n) => {
      for (; n > 127; n = Math.floor(n / 128)) out.push(n % 128 + 128);
      out.push(n);
    };
    const signed = (n) => put(n < 0 ? -2 * n - 1 : 2 * n);
    const text = (s) => {
      const bytes = utf8.encode(s);
      put(bytes.length);
      bytes.forEach((b) => out.push(b));
    };
    const caps = body.capabilities;
    out.push(1, (body.userId ? 1 : 0) | (caps ? 2 | (caps.mutations ? 4 : 0) | (caps.selection ? 8 : 0) : 0));
    if (body.userId) text(body.userId);
    body.samples.forEach((s) => TEXTS.forEach((f) => {
      if (s[f] !== undefined && !table.has(s[f])) table.set(s[f], table.size);
    }));
    put(table.size);
    table.forEach((i, s) => text(s));
    put(body.samples.length);
    let t = 0, x = 0, y = 0;
    body.samples.forEach((s) => {
      const fields = FIELDS.filter((f) => s[f] !== undefined);
      out.push(KINDS.indexOf(s.type), FIELDS.reduce((flags, f, i) => flags | (s[f] !== undefined ? 1 << i : 0), 0));
      signed(s.t - t);
      t = s.t;
      fields.forEach((f) => {
        if (f === 'x') {
          signed(s.x - x);
          signed(s.y - y);
          x = s.x;
          y = s.y;
        } else if (f === 'scrollY') signed(s.scrollY);
        else if (f === 'button') put(s.button);
        else put(table.get(s[f]));
      });
    });
    return new Uint8Array(out);
  }

  function connect() {
    socketState = 'connecting';
    const url = wsBase + '/v1/stream?sessionId=' + encodeURIComponent(config.sessionId)
      + '&access_token=' + encodeURIComponent(config.apiKey);
    let ws;
    try {
      ws = new WebSocket(url);
    } catch (e) {
      socketDown();
      return;
    }
    socket = ws;
    const giveUp = setTimeout(() => ws.close(), CONNECT_TIMEOUT_MS);
    ws.onopen = () => {
      clearTimeout(giveUp);
      declaredOver.ws = false;
      socketState = 'open';
      reconnectDelay = 1000;
      send();
    };
    ws.onmessage = (event) => onServerMessage(event.data);
    ws.onclose = () => {
      clearTimeout(giveUp);
      if (socket !== ws) return;
      socket = null;
      if (inFlight && inFlight.over === 'ws') retry();
      socketDown();
    };
  }

  /** Until the socket is back, batches go over HTTP; the socket is tried again with a growing delay. */
  function socketDown() {
    socketState = 'down';
    setTimeout(connect, reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, MAX_RECONNECT_MS);
    send();
  }

  function onServerMessage(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch (e) {
      return;
    }
    if (message.type === 'emotion') {
      emotionListeners.slice().forEach((listener) => {
        try {
          listener(message.emotion);
        } catch (e) {
          console.error('Limbic: an onEmotion callback failed', e);
        }
      });
    } else if (message.type === 'intervention' && message.intervention) {
      onInterventionPush(message.intervention);
    } else if (message.type === 'ack') {
      acknowledged();
    } else if (message.type === 'error') {
      if (message.status === 503) retry();
      else dropInFlight(message.detail);
    }
  }

  /** Delivery is at least once: a repeat carries the same idempotency key and is dropped here. */
  function onInterventionPush(intervention) {
    if (interventionsSeen.has(intervention.idempotencyKey)) return;
    interventionsSeen.add(intervention.idempotencyKey);
    let payload = {};
    try {
      payload = JSON.parse(intervention.payload || '{}');
    } catch (e) {
      payload = {};
    }
    const shown = { id: intervention.idempotencyKey, context: intervention.contextId,
      variant: intervention.variantId, payload: payload };
    if (interventionListeners.length === 0) {
      renderBanner(shown);
      return;
    }
    interventionListeners.slice().forEach((listener) => {
      try {
        listener(shown);
      } catch (e) {
        console.error('Limbic: an onIntervention callback failed', e);
      }
    });
  }

  /** The default renderer: the payload's message as text in a dismissible banner, ignored by mutation capture. */
  function renderBanner(shown) {
    if (typeof document === 'undefined' || !document.body || typeof shown.payload.message !== 'string') return;
    const banner = document.createElement('div');
    banner.setAttribute('data-limbic-ignore', '');
    banner.setAttribute('data-limbic-intervention', shown.id);
    banner.setAttribute('role', 'status');
    banner.style.cssText = 'position:fixed;bottom:16px;right:16px;max-width:360px;padding:12px 36px 12px 16px;'
      + 'background:#fff;color:#111;border:1px solid #ccc;border-radius:6px;box-shadow:0 2px 8px rgba(0,0,0,.2);'
      + 'font:14px sans-serif;z-index:2147483647';
    banner.textContent = shown.payload.message;
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = '\u00d7';
    close.setAttribute('aria-label', 'Dismiss');
    close.style.cssText = 'position:absolute;top:4px;right:8px;border:0;background:none;font-size:18px;cursor:pointer';
    close.onclick = () => banner.remove();
    banner.appendChild(close);
    document.body.appendChild(banner);
  }

  function onIntervention(callback) {
    interventionListeners.push(callback);
    return () => {
      const i = interventionListeners.indexOf(callback);
      if (i >= 0) interventionListeners.splice(i, 1);
    };
  }

  function send() {
    if (!config || inFlight || queue.length === 0 || socketState === 'connecting' || Date.now() < retryAt) return;
    const batch = queue.splice(0, MAX_PER_MESSAGE);
    const body = { samples: batch.map((item) => item.sample) };
    if (config.userId) body.userId = config.userId;
    const over = socketState === 'open' ? 'ws' : 'http';
    // Until a message that declared them is acked, and again as the first message on each new socket.
    if (!declaredOver[over]) body.capabilities = CAPABILITIES;
    inFlight = { batch: batch, over: over, declares: !!body.capabilities };
    ackTimer = setTimeout(timedOut, ACK_TIMEOUT_MS);
    if (over === 'ws') {
      socket.send(encode(body));
      return;
    }
    post('/v1/sessions/' + encodeURIComponent(config.sessionId) + '/telemetry', body)
      .then((response) => {
        if (response.ok) acknowledged();
        else if (response.status === 429 || response.status >= 500) retry();
        else dropInFlight('HTTP ' + response.status);
      })
      .catch(() => retry());
  }

  function timedOut() {
    if (!inFlight) return;
    // Neither an ack nor an error: the socket is presumably dead; closing it re-queues the batch.
    if (inFlight.over === 'ws' && socket) socket.close();
    else retry();
  }

  function finishInFlight() {
    clearTimeout(ackTimer);
    const batch = inFlight.batch;
    inFlight = null;
    return batch;
  }

  function acknowledged() {
    if (!inFlight) return;
    if (inFlight.declares) declaredOver[inFlight.over] = true;
    const batch = finishInFlight();
    failures = 0;
    retryAt = 0;
    settle(batch[batch.length - 1].seq);
    if (waiters.length > 0 || queue.length >= SEND_AT_SAMPLES) send();
  }

  /** The server refused the batch itself (not a transient failure): resending it would fail again. */
  function dropInFlight(reason) {
    if (!inFlight) return;
    const batch = finishInFlight();
    console.warn('Limbic: telemetry batch refused: ' + reason);
    settle(batch[batch.length - 1].seq);
  }

  /** A transient failure: the batch goes back to the front of the queue, and the next try waits a growing time. */
  function retry() {
    if (!inFlight) return;
    failures++;
    retryAt = Date.now() + Math.min(SEND_EVERY_MS * 2 ** failures, MAX_RECONNECT_MS);
    queue = finishInFlight().concat(queue);
    if (queue.length > MAX_BUFFERED) queue.splice(0, queue.length - MAX_BUFFERED);
  }

  function settle(seq) {
    ackedSeq = Math.max(ackedSeq, seq);
    const done = waiters.filter((w) => w.seq <= ackedSeq);
    waiters = waiters.filter((w) => w.seq > ackedSeq);
    done.forEach((w) => w.resolve());
  }

  function post(path, body, unloading) {
    const text = JSON.stringify(body);
    return fetch(httpBase + path, {
      method: 'POST',
      headers: { 'Authorization': 'Bearer ' + config.apiKey, 'Content-Type': 'application/json' },
      body: text,
      credentials: 'omit',
      // keepalive lets a request outlive the page, but browsers refuse it for bodies over 64 KiB in total.
      keepalive: unloading || text.length < 32768,
    });
  }

  /** What waits and what is in flight leave by keepalive requests; a sample the node has is refused, not doubled. */
  function onPageHide() {
    throttles.slice().forEach(release);
    let items = (inFlight ? inFlight.batch : []).concat(queue);
    let budget = UNLOAD_BUDGET;
    while (items.length > 0) {
      const chunk = items.slice(0, MAX_PER_MESSAGE);
      const body = { samples: chunk.map((item) => item.sample) };
      if (config.userId) body.userId = config.userId;
      // keepalive's budget is in bytes; a chunk that does not fit stays queued (the page may come back from bfcache)
      budget -= utf8.encode(JSON.stringify(body)).length;
      if (budget < 0) break;
      items = items.slice(chunk.length);
      post('/v1/sessions/' + encodeURIComponent(config.sessionId) + '/telemetry', body, true).catch(() => {});
    }
    queue = items;
  }

  function heartbeat() {
    if (!config || config.off || !config.userId || document.visibilityState !== 'visible') return;
    post('/v1/heartbeat', { userId: config.userId, sessionId: config.sessionId }).catch(() => {});
  }

  // ---- public API

  function bases(endpoint) {
    let url = (endpoint || location.origin).replace(/\/+$/, '');
    if (!/^[a-z]+:\/\//i.test(url)) url = location.protocol + '//' + url;
    httpBase = url.replace(/^ws/i, 'http');
    wsBase = httpBase.replace(/^http/i, 'ws');
  }

  function newSessionId() {
    const random = global.crypto && crypto.randomUUID ? crypto.randomUUID()
      : Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
    return 's-' + random;
  }

  function checkId(name, value) {
    if (value !== undefined && value !== null && !ID_RULE.test(value)) {
      throw new Error('Limbic: ' + name + ' must be 1..128 characters of [A-Za-z0-9._:@-]');
    }
  }

  /** The browser asked not to be tracked (Do-Not-Track or Global Privacy Control). */
  function doNotTrack() {
    const n = global.navigator || {};
    return n.doNotTrack === '1' || global.doNotTrack === '1' || n.globalPrivacyControl === true;
  }

  function init(key, more) {
    if (config) {
      console.warn('Limbic: init was already called');
      return config.sessionId;
    }
    const options = typeof key === 'string'
      ? Object.assign({}, more, { apiKey: key, endpoint: more && (more.host || more.endpoint) }) : key;
    if (!options || !options.apiKey) throw new Error('Limbic: init needs a publishable key');
    checkId('sessionId', options.sessionId);
    checkId('userId', options.userId);
    checkId('anonymousId', options.anonymousId);
    bases(options.endpoint);
    config = {
      apiKey: options.apiKey,
      sessionId: options.sessionId || newSessionId(),
      userId: options.userId || null,
      anonymousId: options.anonymousId || null,
      off: !!options.respectDoNotTrack && doNotTrack(),
    };
    if (config.off) return config.sessionId;
    startCapture();
    connect();
    setInterval(send, SEND_EVERY_MS);
    setInterval(heartbeat, HEARTBEAT_EVERY_MS);
    heartbeat();
    return config.sessionId;
  }

  function identify(userId, traits) {
    if (!config) return Promise.reject(new Error('Limbic: call init first'));
    checkId('userId', userId);
    if (config.off) return Promise.resolve(null);
    config.userId = userId;
    const body = { sessionId: config.sessionId, userId: userId, traits: traits || {} };
    if (config.anonymousId) body.anonymousId = config.anonymousId;
    heartbeat();
    return post('/v1/identify', body).then((response) =>
      response.json().then((answer) => {
        if (!response.ok) throw new Error('Limbic: identify failed: ' + (answer.detail || response.status));
        return answer;
      }));
  }

  function onEmotion(callback) {
    emotionListeners.push(callback);
    return () => {
      const i = emotionListeners.indexOf(callback);
      if (i >= 0) emotionListeners.splice(i, 1);
    };
  }

  function flush() {
    throttles.slice().forEach(release);
    const target = lastSeq;
    if (ackedSeq >= target) return Promise.resolve();
    return new Promise((resolve) => {
      waiters.push({ seq: target, resolve: resolve });
      send();
    });
  }

  global.Limbic = {
    init: init,
    identify: identify,
    onEmotion: onEmotion,
    onIntervention: onIntervention,
    flush: flush,
    sessionId: () => (config ? config.sessionId : null),
    tracking: () => !!config && !config.off,
  };
})(window);
