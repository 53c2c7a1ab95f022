// Parley console: the live inbox over /console/ws/agent (the console's session cookie signs the member in).
// Customers' words are shown with textContent only: nothing received is ever parsed as markup.
(function () {
  "use strict";

  var PING_MS = 25000;
  var TYPING_EVERY_MS = 2000;    // the member's own typing is told at most this often
  var TYPING_SHOWN_MS = 6000;    // someone else's typing shows this long after their last typing frame
  var BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000];
  var TICK_MS = 20000;           // how often "waiting 3 min" is brought up to date
  var SVG = "http://www.w3.org/2000/svg";

  var timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });
  var dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

  var state = {
    socket: null,
    attempt: 0,
    reconnectTimer: 0,
    pingTimer: 0,
    me: null,
    role: null,
    team: [],
    online: [],
    items: new Map(),          // conversation id -> item (waiting_for_agent or agent)
    waitingSince: new Map(),   // conversation id -> when it started waiting, where this page saw it
    unread: new Set(),         // conversations with a customer message since the member last opened them
    openId: null,
    open: null,                // the open conversation's item
    seen: new Set(),           // ids of the messages and notes in the open timeline
    history: [],
    context: null,
    refs: new Map(),           // ref -> callbacks of an action waiting for its answer
    nextRef: 1,
    lastTypingSent: 0,
    typingTimer: 0,
    interacted: false,
    audio: null
  };

  function $(id) { return document.getElementById(id); }

  // ---------- Small DOM helpers: text only ----------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function timeEl(iso, withDate) {
    var node = el("time");
    var date = new Date(iso);
    node.setAttribute("datetime", iso);
    if (!isNaN(date)) {
      var today = new Date().toDateString() === date.toDateString();
      node.textContent = withDate || !today ? dateTime.format(date) : timeOnly.format(date);
      node.title = date.toISOString();
    }
    return node;
  }

  function since(iso) {
    var ms = Date.now() - new Date(iso).getTime();
    if (!(ms >= 0)) return "just now";
    var minutes = Math.floor(ms / 60000);
    if (minutes < 1) return "under a minute";
    if (minutes < 60) return minutes + " min";
    var hours = Math.floor(minutes / 60);
    if (hours < 24) return hours + " h " + (minutes % 60) + " min";
    return Math.floor(hours / 24) + " d";
  }

  function who(item) {
    var customer = item && item.customer;
    if (customer) {
      return {
        name: customer.name || customer.email || "Customer " + customer.id,
        detail: customer.name && customer.email ? customer.email : "ID " + customer.id,
        verified: true
      };
    }
    var visitor = (item && item.visitorId) || "";
    return { name: "Visitor #" + visitor.slice(0, 8), detail: "Anonymous visitor", verified: false };
  }

  function statusLabel(item) {
    switch (item.status) {
      case "waiting_for_agent": return "Waiting for a person";
      case "agent": return item.assignee ? "With " + nameOf(item.assignee) : "With the team";
      case "resolved": return "Resolved";
      default: return "With the assistant";
    }
  }

  function nameOf(member) {
    if (!member) return "";
    return state.me && member.id === state.me.id ? member.name + " (you)" : member.name;
  }

  // A face for each mood, so that mood is never told by colour alone (the label says it in words too).
  function moodIcon(mood) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "mood-icon");
    var face = document.createElementNS(SVG, "circle");
    face.setAttribute("cx", "8"); face.setAttribute("cy", "8"); face.setAttribute("r", "6.5");
    svg.appendChild(face);
    [["5.8", "6.5"], ["10.2", "6.5"]].forEach(function (p) {
      var eye = document.createElementNS(SVG, "circle");
      eye.setAttribute("cx", p[0]); eye.setAttribute("cy", p[1]); eye.setAttribute("r", ".6");
      eye.setAttribute("class", "eye");
      svg.appendChild(eye);
    });
    var mouth = document.createElementNS(SVG, "path");
    mouth.setAttribute("d", mood === "positive" ? "M5.2 9.6q2.8 2.6 5.6 0"
      : mood === "negative" ? "M5.2 11.2q2.8-2.6 5.6 0" : "M5.4 10.3h5.2");
    svg.appendChild(mouth);
    return svg;
  }

  function moodTag(mood, score) {
    var tag = el("span", "mood-tag mood-" + mood);
    tag.appendChild(moodIcon(mood));
    var label = mood.charAt(0).toUpperCase() + mood.slice(1);
    tag.appendChild(el("span", null, score == null ? label : label + " (" + score.toFixed(2) + ")"));
    return tag;
  }

  function announce(text) {
    var region = $("announcer");
    // Cleared first, so that the same words twice are read twice.
    region.textContent = "";
    setTimeout(function () { region.textContent = text; }, 50);
  }

  // ---------- The connection ----------

  function socketUrl() {
    return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/console/ws/agent";
  }

  function setConnection(kind, text) {
    $("connection").dataset.state = kind;
    $("connection-text").textContent = text;
  }

  function connect() {
    clearTimeout(state.reconnectTimer);
    setConnection("connecting", state.attempt ? "Reconnecting…" : "Connecting…");
    var socket;
    try {
      socket = new WebSocket(socketUrl());
    } catch (e) {
      return scheduleReconnect();
    }
    state.socket = socket;
    socket.addEventListener("message", function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame && typeof frame === "object") receive(frame);
    });
    socket.addEventListener("close", function () {
      if (state.socket !== socket) return;
      state.socket = null;
      clearInterval(state.pingTimer);
      failPending("The connection dropped before the server answered. Try again.");
      scheduleReconnect();
    });
  }

  function scheduleReconnect() {
    var base = BACKOFF_MS[Math.min(state.attempt, BACKOFF_MS.length - 1)];
    var wait = Math.round(base * (0.8 + Math.random() * 0.4));
    state.attempt++;
    setConnection("offline", "Offline. Reconnecting in " + Math.max(1, Math.round(wait / 1000)) + " s…");
    state.reconnectTimer = setTimeout(connect, wait);
  }

  function send(frame) {
    if (!state.socket || state.socket.readyState !== WebSocket.OPEN) return false;
    state.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Sends an action and calls back with its result, or with the problem the server answered. */
  function request(action, fields, onDone, onError) {
    var ref = "r" + state.nextRef++;
    var frame = { action: action, ref: ref };
    Object.keys(fields || {}).forEach(function (k) { frame[k] = fields[k]; });
    if (!send(frame)) {
      if (onError) onError({ detail: "Not connected. The inbox reconnects by itself; try again in a moment." });
      return;
    }
    state.refs.set(ref, { done: onDone, error: onError });
  }

  function failPending(detail) {
    state.refs.forEach(function (callbacks) { if (callbacks.error) callbacks.error({ detail: detail }); });
    state.refs.clear();
  }

  function answered(frame) {
    var callbacks = frame.ref && state.refs.get(frame.ref);
    if (callbacks) state.refs.delete(frame.ref);
    return callbacks || {};
  }

  function receive(frame) {
    switch (frame.type) {
      case "hello": return onHello(frame);
      case "presence": state.online = frame.online || []; return renderOnline();
      case "conversation.waiting":
      case "conversation.status": return onStatus(frame);
      case "conversation.message": return onMessage(frame.conversationId, frame.message);
      case "conversation.note": return onNote(frame.conversationId, frame.note);
      case "conversation.feedback": return onFeedback(frame);
      case "typing": return onTyping(frame);
      case "conversation": {
        var callbacks = answered(frame);
        if (callbacks.done) callbacks.done(frame.conversation);
        return;
      }
      case "suggestion":
      case "done": {
        var cb = answered(frame);
        if (cb.done) cb.done(frame.type === "suggestion" ? frame.text : frame.result);
        return;
      }
      case "error": {
        var failed = answered(frame);
        if (failed.error) failed.error(frame.problem || {});
        return;
      }
      default: return; // pong, and frames this page does not know yet
    }
  }

  // ---------- The queue ----------

  function onHello(frame) {
    state.attempt = 0;
    state.me = frame.member;
    state.role = frame.role;
    state.team = frame.team || [];
    state.online = frame.online || [];
    state.items = new Map();
    (frame.items || []).forEach(function (item) { state.items.set(item.id, item); });
    setConnection("live", "Live");
    clearInterval(state.pingTimer);
    state.pingTimer = setInterval(function () { send({ action: "ping" }); }, PING_MS);
    document.body.classList.toggle("inbox-read-only", !mayAct());
    renderTeam();
    renderOnline();
    renderQueue();
    var wanted = state.openId || new URLSearchParams(location.search).get("c");
    if (wanted) openConversation(wanted, true);
  }

  function mayAct() {
    return state.role != null && state.role !== "viewer";
  }

  function waitedFrom(item) {
    return state.waitingSince.get(item.id) || item.lastMessageAt;
  }

  function renderQueue() {
    var waiting = [];
    var handled = [];
    state.items.forEach(function (item) {
      if (item.status === "waiting_for_agent") waiting.push(item);
      else if (item.status === "agent") handled.push(item);
    });
    // The longest wait first; then the conversations with people, the longest quiet first.
    waiting.sort(function (a, b) { return new Date(waitedFrom(a)) - new Date(waitedFrom(b)); });
    handled.sort(function (a, b) { return new Date(a.lastMessageAt) - new Date(b.lastMessageAt); });
    fillList($("waiting-list"), waiting, true);
    fillList($("handled-list"), handled, false);
    $("waiting-empty").hidden = waiting.length > 0;
    $("handled-empty").hidden = handled.length > 0;
    $("waiting-count").textContent = waiting.length;
    $("handled-count").textContent = handled.length;
    showWaitingCount(waiting.length);
  }

  function fillList(list, items, waiting) {
    var focused = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.conversation : null;
    clear(list);
    items.forEach(function (item) {
      var person = who(item);
      var li = el("li");
      var button = el("button", "queue-item");
      button.type = "button";
      button.dataset.conversation = item.id;
      if (item.id === state.openId) button.setAttribute("aria-current", "true");
      var top = el("span", "queue-top");
      top.appendChild(el("span", "avatar" + (person.verified ? " verified" : ""), person.name.charAt(0)))
        .setAttribute("aria-hidden", "true");
      var text = el("span", "queue-text");
      text.appendChild(el("span", "queue-name", person.name));
      text.appendChild(el("span", "queue-detail", person.verified ? person.detail : "Anonymous visitor"));
      top.appendChild(text);
      button.appendChild(top);
      var meta = el("span", "queue-meta");
      if (waiting) {
        meta.appendChild(el("span", "wait", "Waiting " + since(waitedFrom(item))));
      } else {
        meta.appendChild(el("span", "with", statusLabel(item)));
      }
      meta.appendChild(el("span", "messages", item.messageCount + (item.messageCount === 1 ? " message" : " messages")));
      if (state.unread.has(item.id)) meta.appendChild(el("span", "unread", "New message"));
      button.appendChild(meta);
      button.addEventListener("click", function () { openConversation(item.id, false); });
      li.appendChild(button);
      list.appendChild(li);
      if (focused === item.id) button.focus();
    });
  }

  function showWaitingCount(count) {
    document.title = (count > 0 ? "(" + count + ") " : "") + "Inbox · Parley";
    var badge = $("nav-inbox-count");
    if (badge) {
      badge.hidden = count === 0;
      var number = badge.querySelector("[data-count]");
      if (number) number.textContent = count;
    }
  }

  function renderTeam() {
    var select = $("assign-to");
    var chosen = select.value;
    clear(select);
    state.team.forEach(function (member) {
      var option = el("option", null, nameOf(member));
      option.value = member.id;
      select.appendChild(option);
    });
    if (chosen) select.value = chosen;
  }

  function renderOnline() {
    var list = $("online");
    clear(list);
    if (!state.online.length) list.appendChild(el("li", "empty", "Nobody else right now."));
    state.online.forEach(function (member) {
      var li = el("li");
      li.appendChild(el("span", "online-dot")).setAttribute("aria-hidden", "true");
      li.appendChild(document.createTextNode(nameOf(member)));
      list.appendChild(li);
    });
  }

  function onStatus(frame) {
    var item = frame.conversation;
    var id = frame.conversationId;
    var before = state.items.get(id);
    if (item.status === "waiting_for_agent" || item.status === "agent") {
      state.items.set(id, item);
    } else {
      state.items.delete(id);
      state.waitingSince.delete(id);
      state.unread.delete(id);
    }
    if (frame.type === "conversation.waiting") {
      if (frame.change && frame.change.at) state.waitingSince.set(id, frame.change.at);
      if (!before || before.status !== "waiting_for_agent") alertWaiting(item);
    }
    renderQueue();
    if (id === state.openId) {
      state.open = item;
      if (frame.change) {
        state.history.push(frame.change);
        renderHistory();
      }
      renderThreadHead();
    }
  }

  // ---------- Telling the member: sound, notification, screen reader, title ----------

  function alertWaiting(item) {
    var name = who(item).name;
    announce("New conversation waiting: " + name + ".");
    beep();
    if ("Notification" in window && Notification.permission === "granted") {
      try {
        var note = new Notification("A customer is waiting", {
          body: name + " asked for a person.",
          tag: "parley-" + item.id
        });
        note.onclick = function () { window.focus(); openConversation(item.id, false); note.close(); };
      } catch (e) { /* some browsers only notify from a service worker: the sound and the title still tell */ }
    }
  }

  // Browsers let a page play sound only after the person has interacted with it.
  function noteInteraction() {
    if (state.interacted) return;
    state.interacted = true;
    var Context = window.AudioContext || window.webkitAudioContext;
    if (Context) {
      try { state.audio = new Context(); } catch (e) { state.audio = null; }
    }
  }

  function beep() {
    var audio = state.audio;
    if (!state.interacted || !audio) return;
    if (audio.state === "suspended") audio.resume();
    var start = audio.currentTime;
    [0, 0.18].forEach(function (offset, i) {
      var tone = audio.createOscillator();
      var gain = audio.createGain();
      tone.type = "sine";
      tone.frequency.value = i === 0 ? 880 : 1175;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.12, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16);
      tone.connect(gain).connect(audio.destination);
      tone.start(start + offset);
      tone.stop(start + offset + 0.17);
    });
  }

  function setUpNotifications() {
    var button = $("enable-notifications");
    var stateText = $("notifications-state");
    function show() {
      if (!("Notification" in window)) {
        button.hidden = true;
        return;
      }
      button.hidden = Notification.permission !== "default";
      stateText.hidden = Notification.permission === "default";
      stateText.textContent = Notification.permission === "granted"
        ? "Notifications on" : "Notifications blocked in this browser";
    }
    button.addEventListener("click", function () {
      var asked = Notification.requestPermission(show);
      if (asked && asked.then) asked.then(show);
    });
    show();
  }

  // ---------- One conversation ----------

  function openConversation(id, quiet) {
    request("open", { conversationId: id }, function (detail) {
      showDetail(detail, quiet);
    }, function (problem) {
      if (!quiet) showError(problem);
      if (state.openId === id && problem.status === 404) closeThread();
    });
  }

  function closeThread() {
    state.openId = null;
    state.open = null;
    $("thread-body").hidden = true;
    $("thread-empty").hidden = false;
    $("context-body").hidden = true;
    $("context-empty").hidden = false;
    $("thread").setAttribute("aria-labelledby", "thread-title");
    renderQueue();
  }

  function showDetail(detail, quiet) {
    var item = detail.conversation;
    var switched = state.openId !== item.id;
    if (switched) $("composer-text").value = "";
    state.openId = item.id;
    state.open = item;
    state.unread.delete(item.id);
    state.history = detail.history || [];
    state.context = detail.context;
    state.seen = new Set();
    // Redrawing the open conversation (after a claim) keeps "Customer is typing…": only another conversation clears it.
    if (switched) hideTyping();
    hideError();
    $("thread-empty").hidden = true;
    $("thread-body").hidden = false;
    $("thread").setAttribute("aria-labelledby", "thread-name");
    clear($("timeline"));
    (detail.messages || []).forEach(function (m) { addEntry(messageEntry(m), m.id); });
    (detail.notes || []).forEach(function (n) { addEntry(noteEntry(n), n.id); });
    renderThreadHead();
    renderHistory();
    renderContext();
    renderQueue();
    scrollToEnd();
    var url = new URL(location.href);
    url.searchParams.set("c", item.id);
    history.replaceState(null, "", url);
    if (switched && !quiet) $("thread-name").focus();
  }

  function renderThreadHead() {
    var item = state.open;
    if (!item) return;
    var person = who(item);
    $("thread-name").textContent = person.name;
    $("thread-name").setAttribute("tabindex", "-1");
    var badge = $("thread-status");
    badge.className = "badge status-" + item.status;
    badge.textContent = statusLabel(item);
    $("thread-detail").textContent = person.verified ? person.detail : "Anonymous visitor";

    var acting = mayAct();
    var mine = item.status === "agent" && item.assignee && state.me && item.assignee.id === state.me.id;
    var actions = $("thread-actions");
    actions.hidden = !acting;
    $("composer").hidden = !acting;
    $("read-only").hidden = acting;
    var claim = actions.querySelector("[data-action=claim]");
    claim.disabled = mine || item.status === "resolved" || (item.status === "agent" && !mine);
    claim.textContent = mine ? "Claimed by you" : "Claim";
    actions.querySelector("[data-action=release]").disabled = item.status === "bot" || item.status === "resolved";
    actions.querySelector("[data-action=resolve]").disabled = item.status === "resolved";
    if (item.assignee) $("assign-to").value = item.assignee.id;
  }

  function renderHistory() {
    var list = $("history");
    clear(list);
    state.history.forEach(function (change) {
      var li = el("li");
      li.appendChild(timeEl(change.at, false));
      li.appendChild(document.createTextNode(" " + describeChange(change)));
      if (change.detail) li.appendChild(el("span", "history-detail", " (" + change.detail + ")"));
      list.appendChild(li);
    });
    $("history-count").textContent = state.history.length;
  }

  var REASONS = {
    customer_asked: "the customer asked for a person",
    model_requested: "the assistant handed it over",
    negative_sentiment: "the customer seemed upset",
    fallbacks: "the assistant could not answer",
    keyword: "a keyword matched",
    claimed: "claimed",
    assigned: "assigned",
    released: "handed back to the assistant",
    resolved: "resolved",
    reopened: "the customer wrote again"
  };

  var STATUS_WORDS = {
    bot: "the assistant",
    waiting_for_agent: "waiting for a person",
    agent: "a person",
    resolved: "resolved"
  };

  function describeChange(change) {
    var actor = { customer: "Customer", assistant: "Assistant", platform: "Parley" }[change.actor] || change.actor;
    var reason = REASONS[change.reason] || String(change.reason || "").replace(/_/g, " ");
    return actor + ": " + (STATUS_WORDS[change.from] || change.from) + " → "
      + (STATUS_WORDS[change.to] || change.to) + ", " + reason;
  }

  function messageEntry(m) {
    var role = ["customer", "assistant", "agent", "system"].indexOf(m.role) >= 0 ? m.role : "system";
    var li = el("li", "message from-" + role);
    li.dataset.at = new Date(m.createdAt).getTime();
    li.dataset.seq = m.seq;
    var head = el("div", "message-head");
    var author = { customer: "Customer", assistant: "Assistant", system: "Notice" }[role]
      || (m.author ? m.author + " (team)" : "Team");
    head.appendChild(el("span", "author", author));
    head.appendChild(timeEl(m.createdAt, false));
    li.appendChild(head);
    li.appendChild(el("div", "bubble", m.content));
    if (role === "customer" && m.mood) {
      var mood = el("p", "message-mood");
      mood.appendChild(el("span", "visually-hidden", "Mood: "));
      mood.appendChild(moodTag(m.mood, null));
      li.appendChild(mood);
    }
    return li;
  }

  function noteEntry(n) {
    var li = el("li", "message note");
    li.dataset.at = new Date(n.createdAt).getTime();
    li.dataset.seq = "";
    var head = el("div", "message-head");
    head.appendChild(el("span", "note-label", "Internal note — the customer never sees this"));
    head.appendChild(el("span", "author", n.author));
    head.appendChild(timeEl(n.createdAt, false));
    li.appendChild(head);
    li.appendChild(el("div", "bubble", n.content));
    return li;
  }

  /** Puts a message or note in its place by time (messages of the same time by seq); each id once. */
  function addEntry(node, id) {
    if (state.seen.has(id)) return false;
    state.seen.add(id);
    var timeline = $("timeline");
    var at = Number(node.dataset.at);
    var seq = node.dataset.seq === "" ? Infinity : Number(node.dataset.seq);
    var after = null;
    for (var child = timeline.lastElementChild; child; child = child.previousElementSibling) {
      var childAt = Number(child.dataset.at);
      var childSeq = child.dataset.seq === "" ? Infinity : Number(child.dataset.seq);
      if (childAt < at || (childAt === at && childSeq <= seq)) { after = child; break; }
    }
    timeline.insertBefore(node, after ? after.nextSibling : timeline.firstChild);
    return true;
  }

  function scrollToEnd() {
    var box = $("timeline-scroll");
    box.scrollTop = box.scrollHeight;
  }

  function onMessage(id, message) {
    var item = state.items.get(id);
    if (item) {
      item.lastMessageAt = message.createdAt;
      item.messageCount = Math.max(item.messageCount, message.seq);
    }
    if (id === state.openId) {
      if (message.role === "customer") hideTyping();
      var near = nearEnd();
      if (addEntry(messageEntry(message), message.id) && near) scrollToEnd();
      if (state.open) state.open.messageCount = Math.max(state.open.messageCount, message.seq);
    } else if (message.role === "customer" && item) {
      state.unread.add(id);
    }
    if (item) renderQueue();
  }

  function nearEnd() {
    var box = $("timeline-scroll");
    return box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  }

  function onNote(id, note) {
    if (id !== state.openId) return;
    if (addEntry(noteEntry(note), note.id)) scrollToEnd();
  }

  function onFeedback(frame) {
    if (frame.conversationId !== state.openId || !state.context) return;
    if (frame.rating) {
      state.context.rating = frame.rating;
      announce("The customer rated this conversation " + frame.rating.score + " out of 5.");
    }
    if (frame.contactEmail) state.context.contactEmail = frame.contactEmail;
    renderContext();
  }

  function onTyping(frame) {
    if (frame.conversationId !== state.openId) return;
    var text = frame.role === "customer" ? "Customer is typing…" : (frame.name || "Someone") + " is typing…";
    var line = $("typing");
    line.textContent = text;
    line.classList.add("on");
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(hideTyping, TYPING_SHOWN_MS);
  }

  function hideTyping() {
    clearTimeout(state.typingTimer);
    var line = $("typing");
    line.textContent = "";
    line.classList.remove("on");
  }

  function renderContext() {
    var context = state.context;
    if (!context) return;
    $("context-empty").hidden = true;
    $("context-body").hidden = false;

    var identity = $("context-identity");
    clear(identity);
    if (context.customer) {
      var c = context.customer;
      identity.appendChild(el("span", "verified-tag", "Verified customer"));
      if (c.name) identity.appendChild(el("span", "context-line", c.name));
      if (c.email) identity.appendChild(el("span", "context-line", c.email));
      identity.appendChild(el("span", "context-line muted", "ID " + c.id));
    } else {
      identity.appendChild(el("span", "context-line", "Anonymous visitor"));
      identity.appendChild(el("span", "context-line muted", "Visitor #" + String(context.visitorId || "").slice(0, 8)));
    }

    var email = $("context-email");
    clear(email);
    if (context.contactEmail) {
      var link = el("a", null, context.contactEmail);
      link.href = "mailto:" + encodeURIComponent(context.contactEmail).replace(/%40/g, "@");
      email.appendChild(link);
    } else {
      email.appendChild(el("span", "muted", "None left"));
    }

    var rating = $("context-rating");
    clear(rating);
    if (context.rating) {
      var stars = el("span", "rating-stars", "★★★★★".slice(0, context.rating.score) + "☆☆☆☆☆".slice(context.rating.score));
      stars.setAttribute("aria-hidden", "true");
      rating.appendChild(stars);
      rating.appendChild(el("span", "rating-score", " " + context.rating.score + " out of 5"));
      if (context.rating.comment) rating.appendChild(el("q", "rating-comment", context.rating.comment));
    } else {
      rating.appendChild(el("span", "muted", "Not rated yet"));
    }

    var mood = $("context-mood");
    clear(mood);
    if (context.mood) mood.appendChild(moodTag(context.mood, context.averageSentiment));
    else mood.appendChild(el("span", "muted", "No customer messages yet"));

    var earlier = $("context-earlier");
    clear(earlier);
    (context.earlier || []).forEach(function (item) {
      var li = el("li");
      var link = el("a", null, "Conversation of ");
      link.href = "/console/conversations/" + encodeURIComponent(item.id);
      link.appendChild(timeEl(item.startedAt, true));
      li.appendChild(link);
      li.appendChild(el("span", "earlier-meta", statusLabel(item) + " · " + item.messageCount
        + (item.messageCount === 1 ? " message" : " messages")));
      earlier.appendChild(li);
    });
    $("context-earlier-empty").hidden = (context.earlier || []).length > 0;
  }

  // ---------- Acting ----------

  function showError(problem) {
    var box = $("thread-error");
    box.textContent = problem.detail || problem.title || "That did not work. Try again.";
    box.hidden = false;
  }

  function hideError() {
    $("thread-error").hidden = true;
    $("thread-error").textContent = "";
  }

  function act(action, extra, success) {
    if (!state.openId) return;
    var fields = { conversationId: state.openId };
    Object.keys(extra || {}).forEach(function (k) { fields[k] = extra[k]; });
    hideError();
    request(action, fields, function (result) {
      if (success) announce(success);
      if (result && result.status && result.id === state.openId) {
        state.open = result;
        renderThreadHead();
      }
    }, showError);
  }

  function setUpActions() {
    $("thread-actions").addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button || button.disabled) return;
      switch (button.dataset.action) {
        case "claim": return act("claim", null, "You claimed this conversation.");
        case "assign": {
          var select = $("assign-to");
          var name = select.options[select.selectedIndex] ? select.options[select.selectedIndex].text : "";
          return act("assign", { memberId: select.value }, "Assigned to " + name + ".");
        }
        case "release": return act("release", null, "Handed back to the assistant.");
        case "resolve": return act("resolve", null, "Marked resolved.");
      }
    });
  }

  function mode() {
    return document.querySelector("#composer input[name=mode]:checked").value;
  }

  function setUpComposer() {
    var form = $("composer");
    var text = $("composer-text");
    var sendButton = $("composer-send");
    var suggest = $("suggest");

    function showMode() {
      var note = mode() === "note";
      form.classList.toggle("noting", note);
      $("composer-label").textContent = note ? "Internal note for the team" : "Reply to the customer";
      $("composer-hint").textContent = note
        ? "Only your team sees notes; the customer never does. Ctrl+Enter adds it."
        : "The customer sees your reply with your name. Ctrl+Enter sends.";
      sendButton.textContent = note ? "Add note" : "Send reply";
      suggest.hidden = note;
    }
    form.addEventListener("change", function (event) {
      if (event.target.name === "mode") showMode();
    });

    text.addEventListener("input", function () {
      // Only replies are announced to the customer as typing: a note is for the team.
      if (mode() !== "reply" || !state.openId || !text.value.trim()) return;
      var now = Date.now();
      if (now - state.lastTypingSent < TYPING_EVERY_MS) return;
      state.lastTypingSent = now;
      send({ action: "typing", conversationId: state.openId });
    });
    text.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = text.value.trim();
      if (!value || !state.openId) {
        showError({ detail: mode() === "note" ? "Write the note first." : "Write a reply first." });
        text.focus();
        return;
      }
      var note = mode() === "note";
      var conversationId = state.openId;
      sendButton.disabled = true;
      hideError();
      request(note ? "note" : "reply",
        note ? { conversationId: conversationId, text: value } : { conversationId: conversationId, message: value },
        function (result) {
          sendButton.disabled = false;
          if (state.openId === conversationId && text.value.trim() === value) {
            text.value = "";
            showMode();
          }
          if (result && result.id && conversationId === state.openId) {
            if (note) onNote(conversationId, result);
            else onMessage(conversationId, result);
          }
          announce(note ? "Note added." : "Reply sent.");
        },
        function (problem) {
          sendButton.disabled = false;
          showError(problem);
        });
    });

    suggest.addEventListener("click", function () {
      if (!state.openId) return;
      var conversationId = state.openId;
      suggest.disabled = true;
      suggest.textContent = "Drafting…";
      hideError();
      request("suggest", { conversationId: conversationId }, function (draft) {
        suggest.disabled = false;
        suggest.textContent = "Suggest a reply";
        if (conversationId !== state.openId) return;
        if (!draft) {
          showError({ detail: "No suggestion could be drafted now. Write your own reply." });
          return;
        }
        // A draft for the member to edit: it is never sent without them pressing Send.
        text.value = draft;
        $("composer-hint").textContent = "A draft from your assistant: check and edit it, then send. Nothing is sent until you do.";
        text.focus();
        announce("A suggested reply is in the box. Edit it, then send.");
      }, function (problem) {
        suggest.disabled = false;
        suggest.textContent = "Suggest a reply";
        showError(problem);
      });
    });
    showMode();
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!$("waiting-list")) return;
    ["pointerdown", "keydown"].forEach(function (type) {
      document.addEventListener(type, noteInteraction, { capture: true });
    });
    setUpNotifications();
    setUpActions();
    setUpComposer();
    setInterval(renderQueue, TICK_MS);
    connect();
  });
})();
