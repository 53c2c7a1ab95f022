/*
 * Parley chat widget. Embed it with one tag:
 *
 *   <script src="https://parley.example.com/widget.js" data-site-key="SITE_KEY" async></script>
 *
 * Optional attributes: data-title (the header, e.g. the business name) and data-accent (any CSS colour).
 * Plain ES2020, no dependencies, no build step. It speaks the WebSocket frames of docs/API.md ("Real-time chat").
 * Text from the server or the customer is only ever put on the page with textContent, never parsed as HTML.
 */
(() => {
  'use strict';

  if (!window.customElements || customElements.get('parley-chat')) return;

  // document.currentScript is null when the script runs from a callback; an async script normally still has it.
  const script = document.currentScript
    || document.querySelector('script[data-site-key][src*="widget.js"]')
    || document.querySelector('script[data-site-key]');
  if (!script || !script.dataset.siteKey) return;

  const MAX_LENGTH = 4000;        // the server refuses longer messages
  const PING_MS = 25000;          // the server closes connections silent for 90 s
  const BACKOFF_MIN_MS = 500;
  const BACKOFF_MAX_MS = 15000;
  const TYPING_TIMEOUT_MS = 60000; // hide the dots if a reply never comes
  const AGENT_TYPING_MS = 6000;    // a person typing sends a typing frame every few seconds while they type
  const OWN_TYPING_EVERY_MS = 2000; // how often the customer's own typing is told to the team, at most
  const NOTICE_MS = 6000;
  const STATUS_WORDS = {           // used when a frame carries no words of its own
    waiting_for_agent: 'Connecting you with our team…',
    agent: 'You\u2019re chatting with our team',
    resolved: 'This conversation is resolved',
  };

  const STYLES = `
    :host { all: initial; --accent: #0f766e; --on-accent: #ffffff; --ink: #0f172a; --muted: #475569;
      --line: #e2e8f0; --surface: #ffffff; --soft: #f1f5f9;
      font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); }
    *, *::before, *::after { box-sizing: border-box; }
    [hidden] { display: none !important; }
    button { font: inherit; color: inherit; cursor: pointer; }
    :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
    .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

    .launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; width: 60px; height: 60px;
      border: 0; border-radius: 50%; background: var(--accent); color: var(--on-accent); display: grid; place-items: center;
      box-shadow: 0 6px 20px rgba(15, 23, 42, .22), 0 2px 6px rgba(15, 23, 42, .12); transition: transform .15s ease; }
    .launcher:hover { transform: scale(1.05); }
    .launcher:focus-visible { outline-offset: 4px; }
    .launcher svg { width: 28px; height: 28px; }
    .launcher .icon-close, :host([open]) .launcher .icon-open { display: none; }
    :host([open]) .launcher .icon-close { display: block; }
    .badge { position: absolute; top: 2px; right: 2px; width: 14px; height: 14px; border-radius: 50%;
      background: #dc2626; border: 2px solid #fff; }

    .window { position: fixed; right: 20px; bottom: 92px; z-index: 2147483000; width: 380px;
      height: min(640px, calc(100vh - 120px)); display: flex; flex-direction: column; overflow: hidden;
      overflow: clip; /* not a scroll container: focusing a field inside never shifts the whole window */
      background: var(--surface); border-radius: 18px; border: 1px solid rgba(15, 23, 42, .06);
      box-shadow: 0 18px 50px rgba(15, 23, 42, .20), 0 4px 14px rgba(15, 23, 42, .08); animation: rise .18s ease-out; }
    @keyframes rise { from { opacity: 0; transform: translateY(12px) scale(.98); } }

    .header { display: flex; align-items: center; gap: 12px; padding: 16px 14px 16px 18px;
      background: var(--accent); color: var(--on-accent); }
    .avatar { flex: none; width: 38px; height: 38px; border-radius: 50%; display: grid; place-items: center;
      font-weight: 650; font-size: 17px; background: rgba(255, 255, 255, .18); color: var(--on-accent); }
    .heading { flex: 1; min-width: 0; }
    h2 { margin: 0; font-size: 16px; font-weight: 650; line-height: 1.25; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .subtitle { margin: 2px 0 0; font-size: 13px; opacity: .9; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .subtitle::before { content: ""; display: inline-block; width: 8px; height: 8px; margin: 0 6px 1px 0; border-radius: 50%;
      background: #4ade80; }
    :host([offline]) .subtitle::before { background: #fbbf24; }
    .close { flex: none; width: 36px; height: 36px; border: 0; border-radius: 10px; background: transparent;
      color: var(--on-accent); display: grid; place-items: center; }
    .close:hover { background: rgba(255, 255, 255, .14); }
    .close:focus-visible { outline-color: var(--on-accent); outline-offset: -3px; }
    .close svg { width: 20px; height: 20px; }

    /* The conversation's state in words (waiting for a person, who is answering, resolved). Empty, it takes no room but
       stays in the accessibility tree, so that its first words are announced. */
    .state { display: flex; align-items: baseline; gap: 8px; padding: 8px 16px; font-size: 13px; line-height: 1.35;
      color: var(--ink); background: var(--soft); border-bottom: 1px solid var(--line); }
    .state::before { content: ""; flex: none; width: 8px; height: 8px; border-radius: 50%; background: #64748b;
      transform: translateY(-1px); }
    :host([status=waiting_for_agent]) .state::before { background: #d97706; }
    :host([status=agent]) .state::before { background: #16a34a; }
    .state:empty { padding: 0; border: 0; }
    .state:empty::before { display: none; }
    :host([status=waiting_for_agent]) .subtitle::before { background: #fbbf24; }

    .status { padding: 6px 16px; font-size: 13px; text-align: center; color: #78350f; background: #fef3c7;
      border-bottom: 1px solid #fde68a; }

    .scroller { flex: 1; overflow-y: auto; padding: 18px 14px 8px; background: #fbfcfd; overscroll-behavior: contain; }
    .empty { margin: 8px 4px 18px; padding: 14px 16px; border-radius: 14px; background: var(--surface);
      border: 1px solid var(--line); color: var(--muted); font-size: 14px; }
    .empty strong { display: block; color: var(--ink); font-size: 15px; margin-bottom: 2px; }
    .log { display: flex; flex-direction: column; gap: 10px; }

    .msg { display: flex; flex-direction: column; max-width: 82%; animation: appear .16s ease-out; }
    @keyframes appear { from { opacity: 0; transform: translateY(4px); } }
    .msg.settled { animation: none; }
    .msg.customer { align-self: flex-end; align-items: flex-end; }
    .msg.assistant, .msg.agent { align-self: flex-start; align-items: flex-start; }
    .msg.system { align-self: center; max-width: 92%; }
    .bubble { padding: 9px 13px; border-radius: 16px; white-space: pre-wrap; overflow-wrap: anywhere; }
    .customer .bubble { background: var(--accent); color: var(--on-accent); border-bottom-right-radius: 5px; }
    .assistant .bubble, .agent .bubble { background: var(--soft); color: var(--ink); border-bottom-left-radius: 5px; }
    .agent .bubble { background: color-mix(in srgb, var(--accent) 7%, #fff);
      border: 1px solid color-mix(in srgb, var(--accent) 35%, #fff); }
    .author { display: flex; align-items: center; gap: 6px; max-width: 100%; margin: 0 4px 4px; font-size: 12px;
      font-weight: 650; color: var(--ink); }
    .author .name { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .author .initial { width: 20px; height: 20px; border-radius: 50%; display: grid; place-items: center; font-size: 11px;
      background: var(--accent); color: var(--on-accent); }
    .author .initial, .author .role { flex: none; }
    .author .role { font-weight: 400; color: var(--muted); }
    .system .bubble { background: transparent; color: var(--muted); font-size: 13px; text-align: center; }
    .bubble a { color: inherit; text-decoration: underline; text-underline-offset: 2px; }
    .customer.pending .bubble { opacity: .85; }
    .customer.failed .bubble { background: #fff; color: var(--ink); border: 1px solid #fca5a5; }
    .meta { margin: 3px 6px 0; font-size: 12px; color: var(--muted); }
    .failed .meta, .meta.warn { color: #b91c1c; }
    /* A reply's sources: [n] markers in its text as small superscripts, and the numbered list under it. */
    .ref { margin-left: 1px; font-size: 11px; font-weight: 650; line-height: 0; vertical-align: super; color: var(--muted); }
    .bubble .ref a { padding: 0 1px; border-radius: 4px; color: var(--ink); text-decoration: none; }
    .bubble .ref a:hover { text-decoration: underline; }
    .ref a:focus-visible { outline-width: 2px; outline-offset: 1px; }
    .sources { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 4px; margin: 5px 6px 0; padding: 0;
      list-style: none; font-size: 12px; line-height: 1.4; color: var(--muted); }
    .sources .label { font-weight: 600; }
    .sources li { display: inline-flex; align-items: baseline; gap: 3px; min-width: 0; overflow-wrap: anywhere; }
    .sources li + li:not(:nth-child(2))::before { content: "\\00b7"; content: "\\00b7" / ""; margin: 0 3px 0 1px; }
    .sources .num { font-weight: 650; font-variant-numeric: tabular-nums; }
    .sources a { color: var(--ink); text-underline-offset: 2px; }

    .feedback { display: flex; gap: 2px; margin: 2px 2px 0; }
    .feedback button { width: 28px; height: 28px; padding: 0; border: 0; border-radius: 8px; background: transparent;
      color: #64748b; display: grid; place-items: center; }
    .feedback button:hover { background: var(--soft); color: var(--ink); }
    .feedback button[aria-pressed=true] { color: var(--ink); background: var(--soft); }
    .feedback button[aria-pressed=true] svg { fill: currentColor; }
    .feedback svg { width: 16px; height: 16px; }
    .feedback .down svg { transform: rotate(180deg); }

    .card { margin: 12px 2px 4px; padding: 14px; border-radius: 14px; background: var(--surface);
      border: 1px solid var(--line); box-shadow: 0 1px 3px rgba(15, 23, 42, .06); font-size: 14px; }
    .card fieldset { margin: 0; padding: 0; border: 0; min-width: 0; }
    .card-title { display: block; margin: 0 0 10px; padding: 0; font-weight: 650; color: var(--ink); }
    .card label.field { display: block; margin: 10px 0 4px; color: var(--ink); }
    .card .optional { color: var(--muted); }
    .card input[type=email], .card textarea { width: 100%; margin: 0; padding: 8px 10px; border: 1px solid #94a3b8;
      border-radius: 10px; background: var(--surface); font: inherit; color: var(--ink); }
    .card textarea { resize: vertical; min-height: 56px; max-height: 160px; }
    .card input[aria-invalid=true] { border-color: #b91c1c; }
    .card .row { display: flex; gap: 8px; }
    .card .row input { flex: 1; min-width: 0; }
    .card-actions { display: flex; gap: 8px; margin-top: 12px; }
    .primary, .ghost { flex: none; padding: 8px 14px; border-radius: 10px; font-weight: 600; font-size: 14px; }
    .primary { border: 0; background: var(--accent); color: var(--on-accent); }
    .primary:disabled { opacity: .7; cursor: default; }
    .ghost { border: 1px solid var(--line); background: transparent; color: var(--ink); }
    .card-error { margin: 8px 0 0; color: #b91c1c; font-size: 13px; }
    .card.confirm .summary { margin: 0; color: var(--ink); }
    .card-error.decided { color: var(--muted); }
    .local-note { align-self: center; max-width: 92%; padding: 2px 8px; font-size: 13px; text-align: center; color: var(--muted); }
    .stars { display: flex; gap: 4px; }
    .stars label { width: 40px; height: 40px; border-radius: 10px; display: grid; place-items: center; cursor: pointer;
      color: #64748b; }
    .stars label:hover { background: var(--soft); }
    .stars label.on { color: #b45309; }
    .stars label.on svg { fill: currentColor; }
    .stars svg { width: 28px; height: 28px; }
    .stars input:focus-visible + label { outline: 3px solid var(--accent); outline-offset: 0; }

    .typing { display: inline-flex; align-items: center; gap: 4px; margin-top: 10px; padding: 13px 14px; border-radius: 16px;
      border-bottom-left-radius: 5px; background: var(--soft); }
    .typing i { width: 7px; height: 7px; border-radius: 50%; background: #64748b; animation: blink 1.2s infinite ease-in-out; }
    .typing i:nth-of-type(2) { animation-delay: .15s; }
    .typing i:nth-of-type(3) { animation-delay: .3s; }
    .typing .who { margin-right: 6px; font-size: 13px; color: var(--ink); }
    @keyframes blink { 0%, 60%, 100% { opacity: .3; transform: translateY(0); } 30% { opacity: 1; transform: translateY(-3px); } }

    .notice { margin: 0 14px 6px; padding: 7px 12px; border-radius: 10px; font-size: 13px; color: #7c2d12;
      background: #ffedd5; }
    .composer { display: flex; align-items: flex-end; gap: 8px; margin: 4px 12px 6px; padding: 6px 6px 6px 14px;
      border: 1px solid #cbd5e1; border-radius: 16px; background: var(--surface); }
    .composer:focus-within { border-color: var(--accent); box-shadow: 0 0 0 3px color-mix(in srgb, var(--accent) 18%, transparent); }
    textarea { flex: 1; min-height: 24px; max-height: 132px; margin: 6px 0; padding: 0; border: 0; outline: none;
      resize: none; background: transparent; font: inherit; color: var(--ink); }
    textarea:focus-visible { outline: none; } /* the composer around it shows the focus */
    textarea::placeholder { color: #64748b; }
    .send { flex: none; width: 38px; height: 38px; border: 0; border-radius: 12px; background: var(--accent);
      color: var(--on-accent); display: grid; place-items: center; }
    .send:disabled { background: #cbd5e1; color: #fff; cursor: default; }
    .send svg { width: 18px; height: 18px; }
    .footer { margin: 0 0 8px; text-align: center; font-size: 11px; color: #64748b; }

    @media (max-width: 480px) {
      .window { inset: 0; width: auto; height: auto; border-radius: 0; border: 0; animation: none;
        padding-bottom: env(safe-area-inset-bottom); }
      :host([open]) .launcher { display: none; }
      .msg { max-width: 88%; }
      textarea { font-size: 16px; } /* smaller text makes iOS Safari zoom in on focus */
    }
    @media (prefers-reduced-motion: reduce) {
      *, *::before, *::after { animation: none !important; transition: none !important; }
    }`;

  const STAR = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" '
    + 'aria-hidden="true"><path d="m12 3 2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3l-5.5 2.9 1-6.2L3 9.6l6.2-.9z"/></svg>';
  const THUMB = '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" '
    + 'stroke-linejoin="round" aria-hidden="true"><path d="M7 10v11H3V10zM7 10l4-8a3 3 0 0 1 3 3v4h5.5a2 2 0 0 1 2 2.3l-1.4 8'
    + 'a2 2 0 0 1-2 1.7H7"/></svg>';

  // Constants only: nothing from the server or the page is interpolated here; titles and messages are set with
  // textContent below.
  const MARKUP = `
    <button class="launcher" type="button" aria-expanded="false" aria-controls="window" aria-label="Open chat">
      <svg class="icon-open" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"
        stroke-linejoin="round" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z"/></svg>
      <svg class="icon-close" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"
        stroke-linejoin="round" aria-hidden="true"><path d="M6 9l6 6 6-6"/></svg>
      <span class="badge" hidden></span>
    </button>
    <section class="window" id="window" role="dialog" hidden>
      <div class="header">
        <div class="avatar" aria-hidden="true"></div>
        <div class="heading"><h2></h2><p class="subtitle">AI assistant · replies in seconds</p></div>
        <button class="close" type="button" aria-label="Close chat">
          <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"
            aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg>
        </button>
      </div>
      <div class="state" role="status"></div>
      <div class="status" role="status" hidden></div>
      <div class="scroller">
        <div class="empty"><strong>Hi there!</strong>Ask us anything. We usually answer right away.</div>
        <div class="log" role="log" aria-live="polite" aria-label="Messages"></div>
        <div class="typing" role="status" hidden><span class="who sr">The assistant is typing…</span><i></i><i></i><i></i></div>
        <form class="card contact" novalidate hidden>
          <label class="card-title" for="contact-email">Leave your email and we’ll get back to you</label>
          <div class="row">
            <input id="contact-email" type="email" autocomplete="email" maxlength="254" placeholder="you@example.com"
              aria-describedby="contact-error">
            <button class="primary" type="submit">Send</button>
          </div>
          <p class="card-error" id="contact-error" role="alert" hidden></p>
        </form>
        <form class="card rating" novalidate hidden>
          <fieldset>
            <legend class="card-title">How did we do?</legend>
            <div class="stars">${[1, 2, 3, 4, 5].map((n) => `
              <input class="sr" type="radio" name="score" value="${n}" id="score-${n}">
              <label for="score-${n}"><span class="sr">${n} ${n === 1 ? 'star' : 'stars'}</span>${STAR}</label>`).join('')}
            </div>
          </fieldset>
          <label class="field" for="rating-comment">Anything to add? <span class="optional">(optional)</span></label>
          <textarea id="rating-comment" rows="2" maxlength="2000"></textarea>
          <p class="card-error" role="alert" hidden></p>
          <div class="card-actions">
            <button class="primary" type="submit">Send rating</button>
            <button class="ghost" type="button">Not now</button>
          </div>
        </form>
      </div>
      <div class="notice" role="status" hidden></div>
      <form class="composer">
        <textarea rows="1" maxlength="${MAX_LENGTH}" aria-label="Your message" placeholder="Write a message…"></textarea>
        <button class="send" type="submit" aria-label="Send message" disabled>
          <svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><path d="M3.4 20.4 21 12 3.4 3.6l-.1 6.5L15 12 3.3 13.9z"/></svg>
        </button>
      </form>
      <p class="footer">Powered by Parley</p>
    </section>`;

  const TEMPLATE = document.createElement('template');
  TEMPLATE.innerHTML = `<style>${STYLES}</style>${MARKUP}`;

  const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

  const uuid = () => (window.crypto && crypto.randomUUID)
    ? crypto.randomUUID()
    : 'c-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);

  /** Puts text into an element as text nodes, with http(s) URLs as links; nothing is parsed as HTML. */
  function setLinkedText(element, text) {
    element.textContent = '';
    appendLinkedText(element, text);
  }

  function appendLinkedText(element, text) {
    let last = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      element.append(text.slice(last, match.index));
      const link = document.createElement('a');
      link.href = match[0];
      link.textContent = match[0];
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      element.append(link);
      last = match.index + match[0].length;
    }
    element.append(text.slice(last));
  }

  const MARKER = /\[(\d{1,3})\]/g;

  /** The address when it is an http(s) one: nothing else becomes a link. */
  const webAddress = (url) => (typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null);

  const hiddenWords = (text) => {
    const span = document.createElement('span');
    span.className = 'sr';
    span.textContent = text;
    return span;
  };

  /**
   * Puts a reply's text into an element with its [n] markers as small superscript references. {@code citations} is the
   * final message's list: a marker that matches one links to that source (when it has a web address); one that
   * matches none stays as typed. While the reply streams, the citations are not known yet (null) and every marker is
   * shown as a reference, so that nothing jumps when the finished message replaces it.
   */
  function setReplyText(element, text, citations) {
    element.textContent = '';
    const byRef = new Map((citations || []).filter((c) => c && c.title).map((c) => [String(c.ref), c]));
    let last = 0;
    for (const match of text.matchAll(MARKER)) {
      const citation = byRef.get(match[1]);
      if (citations && !citation) continue;
      // "days. [1]" reads "days.¹": the reference sits against the text it is for.
      appendLinkedText(element, text.slice(last, match.index).replace(/[ \t]+$/, ''));
      element.append(reference(match[1], citation));
      last = match.index + match[0].length;
    }
    appendLinkedText(element, text.slice(last));
  }

  function reference(ref, citation) {
    const sup = document.createElement('sup');
    sup.className = 'ref';
    const url = citation && webAddress(citation.url);
    if (!url) {
      sup.textContent = `[${ref}]`;
      if (citation) sup.title = citation.title;
      return sup;
    }
    const link = document.createElement('a');
    link.href = url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    link.title = citation.title;
    link.append(`[${ref}]`, hiddenWords(` ${citation.title} (opens in a new tab)`));
    sup.append(link);
    return sup;
  }

  /** "Sources: [1] Shipping and returns · [2] …" under a reply, in the order the reply cites them. */
  function sourceList(citations) {
    const list = document.createElement('ul');
    list.className = 'sources';
    list.setAttribute('aria-label', 'Sources');
    const label = document.createElement('li');
    label.className = 'label';
    label.setAttribute('aria-hidden', 'true'); // the list's own name says it
    label.textContent = 'Sources:';
    list.append(label);
    for (const citation of citations) {
      const item = document.createElement('li');
      const num = document.createElement('span');
      num.className = 'num';
      num.textContent = `[${citation.ref}]`;
      item.append(num);
      const url = webAddress(citation.url);
      if (url) {
        const link = document.createElement('a');
        link.href = url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        link.textContent = citation.title;
        if (typeof citation.snippet === 'string' && citation.snippet) link.title = citation.snippet;
        link.append(hiddenWords(' (opens in a new tab)'));
        item.append(link);
      } else {
        const title = document.createElement('span');
        title.textContent = citation.title;
        if (typeof citation.snippet === 'string' && citation.snippet) title.title = citation.snippet;
        item.append(title);
      }
      list.append(item);
    }
    return list;
  }

  /** White or near-black, whichever reads better on the accent colour. */
  function textOn(color) {
    const probe = document.createElement('span');
    probe.style.color = color;
    probe.style.display = 'none';
    document.body.append(probe);
    const rgb = (getComputedStyle(probe).color.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
    probe.remove();
    if (rgb.length < 3) return '#ffffff';
    const [r, g, b] = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4 ? '#0f172a' : '#ffffff';
  }

  class ParleyChat extends HTMLElement {
    constructor() {
      super();
      const root = this.attachShadow({ mode: 'open' });
      root.append(TEMPLATE.content.cloneNode(true));
      const $ = (selector) => root.querySelector(selector);
      this.ui = {
        launcher: $('.launcher'), badge: $('.badge'), window: $('.window'), title: $('h2'), avatar: $('.avatar'),
        close: $('.close'), subtitle: $('.subtitle'), status: $('.status'), scroller: $('.scroller'), empty: $('.empty'), log: $('.log'),
        typing: $('.typing'), typingWho: $('.typing .who'), notice: $('.notice'), form: $('.composer'),
        input: $('.composer textarea'), send: $('.send'), state: $('.state'),
        contact: $('.contact'), contactEmail: $('#contact-email'), contactError: $('.contact .card-error'),
        rating: $('.rating'), ratingComment: $('#rating-comment'), ratingError: $('.rating .card-error'),
        ratingLater: $('.rating .ghost'),
      };
      this.agentName = null;   // the person answering now, from the latest status frame
      this.lastTypingSent = 0;
      this.notes = [];         // lines the widget itself added to the log (thanks for a rating…), not messages
      this.ws = null;
      this.connected = false;  // a session frame arrived on the current socket
      this.refusal = 0;        // 401/404 sent before the session: the socket is about to close
      this.gaveUp = false;
      this.attempt = 0;
      this.timers = { retry: 0, ping: 0, typing: 0, notice: 0 };
      this.messages = new Map(); // messageId -> { seq, el, final }
      this.outbox = new Map();   // clientMessageId -> { text, el, retry } in the order sent; cleared by acks
      this.confirmations = new Map(); // confirmation id -> its card, while the customer has not decided
      this.seqs = new Set();
      this.contiguousSeq = 0;    // every seq up to this one has been seen: resume from here
    }

    connectedCallback() {
      if (this.started) return;
      this.started = true;
      this.siteKey = this.getAttribute('site-key');
      this.server = this.getAttribute('server') || location.origin;
      this.storageKey = 'parley:' + this.siteKey;
      this.stored = this.load();

      const title = this.getAttribute('chat-title') || 'Chat with us';
      this.ui.title.textContent = title;
      this.ui.avatar.textContent = (title.trim()[0] || 'P').toUpperCase();
      this.ui.window.setAttribute('aria-label', title === 'Chat with us' ? title : 'Chat with ' + title);
      const accent = this.getAttribute('accent');
      if (accent && CSS.supports('color', accent)) {
        this.style.setProperty('--accent', accent);
        this.style.setProperty('--on-accent', textOn(accent));
      }

      const ui = this.ui;
      ui.launcher.addEventListener('click', () => this.toggle(!this.hasAttribute('open')));
      ui.close.addEventListener('click', () => this.toggle(false));
      this.shadowRoot.addEventListener('keydown', (e) => {
        if (e.key === 'Escape' && this.hasAttribute('open')) { e.preventDefault(); this.toggle(false); }
      });
      ui.form.addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
      ui.input.addEventListener('keydown', (e) => {
        // isComposing: Enter also confirms an IME composition (Japanese, Chinese…), which must not send.
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); this.submit(); }
      });
      ui.input.addEventListener('input', () => { this.fitInput(); this.typed(); });
      ui.log.addEventListener('click', (e) => {
        const button = e.target.closest('.feedback button');
        if (button) this.rateReply(button);
      });
      ui.contact.addEventListener('submit', (e) => { e.preventDefault(); this.sendContact(); });
      ui.rating.addEventListener('submit', (e) => { e.preventDefault(); this.sendRating(); });
      ui.rating.addEventListener('change', (e) => {
        this.paintStars();
        if (e.target.name === 'score') this.clearCardError(ui.ratingError);
      });
      ui.contactEmail.addEventListener('input', () => this.clearCardError(ui.contactError, ui.contactEmail));
      ui.ratingLater.addEventListener('click', () => {
        this.stored.ratingDeclined = true;
        this.save();
        ui.rating.hidden = true;
        ui.input.focus();
      });
      window.addEventListener('online', () => { if (!this.ws && this.timers.retry) this.reconnectNow(); });

      // A stored conversation is shown at once; otherwise nothing connects until the launcher is opened.
      if (this.stored.conversationId) this.connect();
    }

    // ---- opening and closing ----

    toggle(open) {
      const ui = this.ui;
      this.toggleAttribute('open', open);
      ui.window.hidden = !open;
      ui.launcher.setAttribute('aria-expanded', String(open));
      // Not "Close chat": that is the window's own close button, and two controls should not share a name.
      ui.launcher.setAttribute('aria-label', open ? 'Minimize chat' : 'Open chat');
      if (open) {
        ui.badge.hidden = true;
        this.connect();
        this.scrollToEnd(true);
        ui.input.focus();
      } else {
        ui.launcher.focus();
      }
    }

    // ---- connection ----

    connect() {
      if (this.ws || this.gaveUp || this.timers.retry) return;
      const url = new URL('/ws/chat', this.server);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      url.searchParams.set('siteKey', this.siteKey);
      // The visitor token goes in the first frame, never in the URL (where logs and proxies would keep it).
      const hello = { action: 'authenticate' };
      if (this.stored.visitorToken) hello.visitorToken = this.stored.visitorToken;
      if (this.stored.visitorToken && this.stored.conversationId) {
        hello.conversationId = this.stored.conversationId;
        // The server replays what we missed right after the session frame, before anything live: no gap, no repeat.
        hello.afterSeq = this.contiguousSeq;
      }
      let ws;
      try {
        ws = new WebSocket(url.href, 'parley.v1');
      } catch (e) {
        this.scheduleReconnect();
        return;
      }
      this.ws = ws;
      ws.onopen = () => { if (this.ws === ws) ws.send(JSON.stringify(hello)); };
      // Events of a socket that was replaced are ignored.
      ws.onmessage = (e) => { if (this.ws === ws) this.receive(e.data); };
      ws.onclose = () => { if (this.ws === ws) this.disconnected(); };
    }

    disconnected() {
      this.ws = null;
      this.connected = false;
      clearInterval(this.timers.ping);
      this.hideTyping();
      if (this.refusal) {
        this.refusal = 0;
        if (this.stored.visitorToken || this.stored.conversationId) {
          // The stored token expired or the conversation is gone: start afresh, once (a fresh start carries no token),
          // and only when the customer is chatting, so that merely visiting a page starts no empty conversation.
          this.forget();
          if (this.hasAttribute('open') || this.outbox.size) this.connect();
        } else {
          this.gaveUp = true;
          this.setStatus('Chat is unavailable right now. Please try again later.');
        }
        return;
      }
      this.scheduleReconnect();
    }

    scheduleReconnect() {
      if (this.timers.retry) return;
      // Exponential backoff with jitter, so that clients cut off together do not come back together.
      const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempt++);
      const delay = base / 2 + Math.random() * (base / 2);
      this.setStatus('Reconnecting…');
      this.setAttribute('offline', '');
      this.timers.retry = setTimeout(() => { this.timers.retry = 0; this.connect(); }, delay);
    }

    reconnectNow() {
      clearTimeout(this.timers.retry);
      this.timers.retry = 0;
      this.connect();
    }

    transmit(frame) {
      if (this.connected && this.ws && this.ws.readyState === WebSocket.OPEN) {
        this.ws.send(JSON.stringify(frame));
        return true;
      }
      return false;
    }

    receive(data) {
      let frame;
      try { frame = JSON.parse(data); } catch (e) { return; }
      switch (frame && frame.type) {
        case 'session': return this.onSession(frame);
        case 'ack': return this.onAck(frame);
        case 'typing': return this.showTyping(frame.role, frame.name);
        case 'delta': return this.onDelta(frame);
        case 'restart': return this.onRestart(frame);
        case 'message': return this.onMessage(frame.message);
        case 'error': return this.onError(frame);
        case 'status': return this.onStatus(frame);
        case 'confirmation': return this.onConfirmation(frame);
        case 'tool': return this.showWorking(frame.text);
        default: return undefined; // pong, and frames this version does not know
      }
    }

    onSession(frame) {
      const same = frame.conversationId === this.stored.conversationId;
      if (this.stored.conversationId && !same) this.clearMessages();
      // What this browser remembers of the conversation (its last seq, ratings given) carries over only to the same one.
      this.stored = same
        ? { ...this.stored, visitorToken: frame.visitorToken }
        : { visitorToken: frame.visitorToken, conversationId: frame.conversationId, lastSeq: 0 };
      this.save();
      this.connected = true;
      this.attempt = 0;
      this.setStatus('');
      this.removeAttribute('offline');
      this.onStatus(frame);
      clearInterval(this.timers.ping);
      this.timers.ping = setInterval(() => this.transmit({ action: 'ping' }), PING_MS);
      // A reply cut off by the disconnect is caught up from its start (one delta) or replayed whole.
      for (const [id, entry] of this.messages) {
        if (!entry.final) { entry.el.remove(); this.messages.delete(id); }
      }
      
      // Same clientMessageId as before: the server stores each message once, however often it is sent.
      for (const [clientMessageId, entry] of this.outbox) this.sendPending(clientMessageId, entry);
    }

    onAck(frame) {
      const entry = this.outbox.get(frame.clientMessageId);
      if (!entry) return;
      this.outbox.delete(frame.clientMessageId);
      clearTimeout(entry.retry);
      this.seen(frame.seq);
      if (this.messages.has(frame.messageId)) {
        entry.el.remove(); // already shown by a replay after a reconnect
        return;
      }
      entry.el.classList.remove('pending', 'failed');
      this.setMeta(entry.el, '');
      entry.el.dataset.id = frame.messageId;
      this.messages.set(frame.messageId, { seq: frame.seq, el: entry.el, final: true });
      this.place(entry.el, frame.seq);
    }

    onDelta(frame) {
      let entry = this.messages.get(frame.messageId);
      if (entry && entry.final) return;
      this.hideTyping();
      const stick = this.nearEnd();
      if (!entry) {
        const el = this.bubble('assistant', '');
        // Hidden from screen readers while it grows; the finished reply is added as a new element and read once.
        el.setAttribute('aria-hidden', 'true');
        el.classList.add('streaming');
        entry = { seq: Infinity, el, final: false };
        this.messages.set(frame.messageId, entry);
        this.place(el, Infinity);
      }
      // The whole text again: a [1] marker may arrive split over two deltas.
      entry.text = (entry.text || '') + frame.text;
      setReplyText(entry.el.querySelector('.bubble'), entry.text, null);
      this.scrollToEnd(stick);
    }

    /** The reply's provider broke off: what was shown is withdrawn, and the reply is written again (or replaced). */
    onRestart(frame) {
      const entry = this.messages.get(frame.messageId);
      if (!entry || entry.final) return;
      entry.el.remove();
      this.messages.delete(frame.messageId);
      this.showTyping();
    }

    onMessage(message) {
      if (!message || message.conversationId !== this.stored.conversationId) return;
      const known = this.messages.get(message.id);
      if (known && known.final) return;
      const stick = this.nearEnd();
      const el = this.bubble(message.role, message.content, message);
      el.dataset.id = message.id;
      if (message.role === 'assistant' || message.role === 'agent') el.append(this.feedbackButtons(message.id));
      if (known) {
        el.classList.add('settled'); // replaces its streaming bubble: no second fade-in
        known.el.remove();
      }
      this.messages.set(message.id, { seq: message.seq, el, final: true });
      this.place(el, message.seq);
      this.seen(message.seq);
      if (message.role !== 'customer') {
        this.hideTyping();
        if (!this.hasAttribute('open') && message.seq > (this.stored.lastSeq || 0)) this.ui.badge.hidden = false;
      }
      this.stored.lastSeq = Math.max(this.stored.lastSeq || 0, message.seq);
      this.save();
      this.scrollToEnd(stick || message.role === 'customer');
    }

    /**
     * The assistant asks before changing anything: a card with what will happen, Confirm and Cancel. Nothing changes
     * until the customer presses Confirm; the server refuses a decision on a card that is no longer open.
     */
    onConfirmation(frame) {
      if (!frame.id || this.confirmations.has(frame.id)) return;
      this.hideTyping();
      const card = document.createElement('div');
      card.className = 'card confirm';
      card.setAttribute('role', 'group');
      const titleId = 'confirm-title-' + frame.id;
      card.setAttribute('aria-labelledby', titleId);
      const title = document.createElement('p');
      title.className = 'card-title';
      title.id = titleId;
      title.textContent = 'Please confirm';
      const summary = document.createElement('p');
      summary.className = 'summary';
      summary.textContent = frame.summary || 'The assistant wants to make a change.';
      const actions = document.createElement('div');
      actions.className = 'card-actions';
      const yes = document.createElement('button');
      yes.type = 'button';
      yes.className = 'primary';
      yes.textContent = 'Confirm';
      const no = document.createElement('button');
      no.type = 'button';
      no.className = 'ghost';
      no.textContent = 'Cancel';
      const result = document.createElement('p');
      result.className = 'card-error';
      result.setAttribute('role', 'status');
      result.hidden = true;
      actions.append(yes, no);
      card.append(title, summary, actions, result);
      const decide = (decision) => {
        if (!this.transmit({ action: 'confirm', id: frame.id, decision })) {
          result.textContent = 'Not connected. Please try again in a moment.';
          result.hidden = false;
          return;
        }
        this.deciding = { id: frame.id, result };
        this.closeConfirmation(frame.id, decision === 'yes' ? 'Confirmed.' : 'Cancelled. Nothing was changed.');
      };
      yes.addEventListener('click', () => decide('yes'));
      no.addEventListener('click', () => decide('no'));
      this.confirmations.set(frame.id, { card, result, yes, no });
      let newest = 0;
      for (const entry of this.messages.values()) if (entry.final) newest = Math.max(newest, entry.seq);
      this.place(card, newest + 0.5);
      this.notes.push(card);
      this.scrollToEnd(true);
      if (this.shadowRoot && this.shadowRoot.activeElement !== this.ui.input) yes.focus();
    }

    /** A card is decided (or no longer open): its buttons go, and a line says what happened. */
    closeConfirmation(id, words) {
      const open = this.confirmations.get(id);
      if (!open) return;
      this.confirmations.delete(id);
      open.yes.disabled = true;
      open.no.disabled = true;
      open.yes.parentElement.hidden = true;
      open.result.textContent = words;
      open.result.classList.add('decided');
      open.result.hidden = false;
    }

    /** What the assistant is doing while a tool runs ("Looking up your order…"), where its typing dots show. */
    showWorking(text) {
      if (typeof text !== 'string' || !text.trim()) return;
      this.showTyping('assistant');
      this.ui.typingWho.textContent = text.trim();
      this.ui.typingWho.classList.remove('sr');
    }

    onError(frame) {
      const problem = frame.problem || {};
      if (this.deciding && !frame.clientMessageId && problem.status === 404) {
        // The decision named a card that is no longer open (decided elsewhere, or expired by a newer message).
        this.deciding.result.textContent = 'This request is no longer open. Nothing was changed.';
        this.deciding = null;
        return;
      }
      const entry = frame.clientMessageId ? this.outbox.get(frame.clientMessageId) : null;
      const wait = Math.max(1, Number(problem.retryAfter) || 1);
      if (!this.connected && (problem.status === 401 || problem.status === 403 || problem.status === 404)) {
        this.refusal = problem.status;
        // A page the business did not allow is a set-up mistake: tell the site's developer how to fix it.
        if (problem.status === 403) console.warn('Parley: ' + (problem.detail || 'this website may not open the chat.'));
      } else if (problem.status === 429) {
        // Without a clientMessageId the whole frame was dropped: send whatever is still waiting.
        const waiting = entry ? [[frame.clientMessageId, entry]] : [...this.outbox];
        if (waiting.length) this.notice(`You're sending messages a little fast. We'll send it in ${wait} s.`);
        for (const [id, pending] of waiting) this.retryLater(id, pending, wait);
      } else if (problem.status === 503 && entry) {
        entry.el.classList.add('failed');
        this.setMeta(entry.el, 'Not delivered — retrying', true);
        this.retryLater(frame.clientMessageId, entry, wait);
      } else if (entry && problem.status === 400) {
        this.outbox.delete(frame.clientMessageId);
        entry.el.classList.remove('pending');
        entry.el.classList.add('failed');
        this.setMeta(entry.el, /too-long$/.test(problem.type || '')
          ? `Not sent: a message can have at most ${MAX_LENGTH.toLocaleString('en-US')} characters.`
          : 'Not sent: ' + (problem.detail || 'this message could not be sent.'), true);
      } else if (problem.status === 503) {
        this.notice('We are having trouble on our side. Please try again in a moment.');
      }
    }

    /**
     * A status frame, or the session frame on (re)connecting: who answers now, in words under the header, and what to
     * ask the customer (an email when nobody can answer soon, a rating once resolved).
     */
    onStatus(frame) {
      const status = Object.prototype.hasOwnProperty.call(STATUS_WORDS, frame.status) ? frame.status : 'bot';
      const name = typeof frame.agentName === 'string' && frame.agentName.trim() ? frame.agentName.trim() : null;
      this.agentName = status === 'agent' ? name : null;
      this.setAttribute('status', status);
      this.ui.subtitle.textContent = {
        waiting_for_agent: 'Connecting you with our team',
        agent: this.agentName ? this.agentName + ' · our team' : 'Our team',
      }[status] || 'AI assistant · replies in seconds';
      let words = typeof frame.text === 'string' ? frame.text.trim() : '';
      if (!words) words = status === 'agent' && this.agentName ? `You’re chatting with ${this.agentName}` : STATUS_WORDS[status] || '';
      // The same words again (a reconnect) are not announced twice.
      if (this.ui.state.textContent !== words) this.ui.state.textContent = words;
      if (status !== 'agent' && !this.ui.typingWho.classList.contains('sr')) this.hideTyping();
      this.askContact(frame.askContact === true);
      if (status === 'resolved') this.askRating();
      else this.ui.rating.hidden = true;
    }

    askContact(ask) {
      const form = this.ui.contact;
      if (!ask || this.stored.contact) { form.hidden = true; return; }
      if (!form.hidden) return;
      const stick = this.nearEnd();
      this.clearCardError(this.ui.contactError, this.ui.contactEmail);
      form.hidden = false;
      this.scrollToEnd(stick);
    }

    askRating() {
      const form = this.ui.rating;
      if (this.stored.rated || this.stored.ratingDeclined || !form.hidden) return;
      form.reset();
      this.paintStars();
      this.clearCardError(this.ui.ratingError);
      const stick = this.nearEnd();
      form.hidden = false;
      this.scrollToEnd(stick);
    }

    paintStars() {
      const checked = this.ui.rating.querySelector('input[name=score]:checked');
      const score = checked ? Number(checked.value) : 0;
      this.ui.rating.querySelectorAll('.stars label').forEach((label, i) => label.classList.toggle('on', i < score));
    }

    // ---- the customer's answers over REST (visitor token) ----

    async sendContact() {
      const ui = this.ui;
      const email = ui.contactEmail.value.trim();
      if (!email) {
        this.cardError(ui.contactError, 'Enter your email address.', ui.contactEmail);
        return;
      }
      const button = ui.contact.querySelector('button');
      button.disabled = true;
      const result = await this.call('PUT', `/api/v1/conversations/${encodeURIComponent(this.stored.conversationId)}/contact`, { email });
      button.disabled = false;
      if (!result.ok) {
        this.cardError(ui.contactError, this.problemText(result), ui.contactEmail);
        return;
      }
      this.stored.contact = email;
      this.save();
      ui.contact.hidden = true;
      this.note(`Thanks, we’ll email you at ${email}.`);
      ui.input.focus();
    }

    async sendRating() {
      const ui = this.ui;
      const checked = ui.rating.querySelector('input[name=score]:checked');
      if (!checked) {
        this.cardError(ui.ratingError, 'Choose from 1 to 5 stars.', ui.rating.querySelector('input[name=score]'));
        return;
      }
      const body = { score: Number(checked.value) };
      const comment = ui.ratingComment.value.trim();
      if (comment) body.comment = comment;
      const button = ui.rating.querySelector('button[type=submit]');
      button.disabled = true;
      const result = await this.call('PUT', `/api/v1/conversations/${encodeURIComponent(this.stored.conversationId)}/rating`, body);
      button.disabled = false;
      if (!result.ok) {
        this.cardError(ui.ratingError, this.problemText(result));
        return;
      }
      this.stored.rated = true;
      this.save();
      ui.rating.hidden = true;
      this.note('Thank you for your rating.');
      ui.input.focus();
    }

    async rateReply(button) {
      if (button.getAttribute('aria-pressed') === 'true') return;
      const id = button.closest('.msg').dataset.id;
      const buttons = [...button.parentNode.querySelectorAll('button')];
      const before = buttons.map((b) => b.getAttribute('aria-pressed'));
      buttons.forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
      const rating = button.dataset.rating;
      const result = await this.call('PUT', `/api/v1/messages/${encodeURIComponent(id)}/feedback`, { rating });
      if (result.ok) {
        this.stored.feedback = { ...this.stored.feedback, [id]: rating };
        this.save();
      } else {
        buttons.forEach((b, i) => b.setAttribute('aria-pressed', before[i]));
        this.notice('Your feedback was not saved. Please try again.');
      }
    }

    /** A call to the customer API with this conversation's visitor token: {ok} or {ok:false, status, problem}. */
    async call(method, path, body) {
      try {
        const response = await fetch(new URL(path, this.server).href, {
          method,
          mode: 'cors',
          credentials: 'omit',
          headers: { Authorization: 'Bearer ' + this.stored.visitorToken, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (response.ok) return { ok: true };
        let problem = {};
        try { problem = (await response.json()) || {}; } catch (e) { /* not a problem document */ }
        return { ok: false, status: response.status, problem };
      } catch (e) {
        return { ok: false, status: 0, problem: {} };
      }
    }

    /** What to tell the customer about a failed call: the server's own words when they are about their input. */
    problemText(result) {
      if (!result.status) return 'We could not reach our server. Check your connection and try again.';
      const problem = result.problem;
      if ([400, 409, 422, 429].includes(result.status)) {
        const field = Array.isArray(problem.errors) && problem.errors[0] && problem.errors[0].message;
        const words = String(problem.detail || field || '').trim();
        // A field's message ("must be an email address") becomes a sentence of its own.
        if (words) return words[0].toUpperCase() + words.slice(1) + (/[.!?]$/.test(words) ? '' : '.');
      }
      return 'Something went wrong on our side. Please try again.';
    }

    cardError(el, text, field) {
      el.hidden = false;
      el.textContent = text;
      if (field) {
        field.setAttribute('aria-invalid', 'true');
        field.focus({ preventScroll: true });
      }
      this.reveal(el);
    }

    /** Scrolls the messages just enough to show an element (scrollIntoView would also scroll the customer's page). */
    reveal(el) {
      const scroller = this.ui.scroller;
      const box = el.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      if (box.bottom > view.bottom) scroller.scrollTop += box.bottom - view.bottom + 12;
      else if (box.top < view.top) scroller.scrollTop -= view.top - box.top + 12;
    }

    clearCardError(el, field) {
      el.hidden = true;
      el.textContent = '';
      if (field) field.removeAttribute('aria-invalid');
    }

    // ---- sending ----

    submit() {
      const text = this.ui.input.value.trim();
      if (!text) return;
      if (text.length > MAX_LENGTH) {
        this.notice(`A message can have at most ${MAX_LENGTH.toLocaleString('en-US')} characters.`);
        return;
      }
      for (const id of [...this.confirmations.keys()]) this.closeConfirmation(id, 'No longer open: nothing was changed.');
      this.ui.input.value = '';
      this.fitInput();
      this.ui.input.focus(); // after a click on the send button, the customer goes on typing
      const clientMessageId = uuid();
      const el = this.bubble('customer', text);
      el.classList.add('pending');
      this.setMeta(el, 'Sending…');
      const entry = { text, el, retry: 0 };
      this.outbox.set(clientMessageId, entry);
      this.place(el, Infinity);
      this.scrollToEnd(true);
      if (!this.sendPending(clientMessageId, entry)) this.connect();
    }

    /** The team sees that the customer is typing; told at most every 2 s. */
    typed() {
      const now = Date.now();
      if (!this.ui.input.value.trim() || now - this.lastTypingSent < OWN_TYPING_EVERY_MS) return;
      if (this.transmit({ action: 'typing' })) this.lastTypingSent = now;
    }

    sendPending(clientMessageId, entry) {
      return this.transmit({ action: 'sendMessage', message: entry.text, clientMessageId });
    }

    retryLater(clientMessageId, entry, seconds) {
      clearTimeout(entry.retry);
      entry.retry = setTimeout(() => {
        if (this.outbox.has(clientMessageId)) this.sendPending(clientMessageId, entry);
      }, seconds * 1000);
    }

    // ---- rendering ----

    bubble(role, text, message) {
      const el = document.createElement('div');
      el.className = 'msg ' + (['customer', 'assistant', 'agent', 'system'].includes(role) ? role : 'system');
      const who = document.createElement('span');
      who.className = 'sr';
      who.textContent = { customer: 'You: ', system: '' }[role] ?? 'Assistant: ';
      if (role === 'agent') {
        const author = (message && typeof message.author === 'string' && message.author.trim()) || 'Our team';
        who.textContent = author + ' from our team: ';
        const line = document.createElement('div');
        line.className = 'author';
        line.setAttribute('aria-hidden', 'true'); // read once, from the label above
        const initial = document.createElement('span');
        initial.className = 'initial';
        initial.textContent = author[0].toUpperCase();
        const name = document.createElement('span');
        name.className = 'name';
        name.textContent = author;
        const team = document.createElement('span');
        team.className = 'role';
        team.textContent = '· our team';
        line.append(initial, name, team);
        el.append(line);
      }
      const bubble = document.createElement('div');
      bubble.className = 'bubble';
      const citations = (message && Array.isArray(message.citations) ? message.citations : [])
        .filter((c) => c && typeof c.title === 'string' && c.title && c.ref != null);
      if (role === 'customer') bubble.textContent = text;
      else if (role === 'assistant') setReplyText(bubble, text, message ? citations : null);
      else setLinkedText(bubble, text);
      el.append(who, bubble);
      if (message && message.createdAt) el.title = new Date(message.createdAt).toLocaleString();
      if (role === 'assistant' && citations.length) el.append(sourceList(citations));
      return el;
    }

    feedbackButtons(id) {
      const group = document.createElement('div');
      group.className = 'feedback';
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', 'Rate this reply');
      const given = (this.stored.feedback || {})[id];
      for (const [rating, label] of [['up', 'Helpful'], ['down', 'Not helpful']]) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = rating;
        button.dataset.rating = rating;
        button.setAttribute('aria-label', label);
        button.setAttribute('aria-pressed', String(given === rating));
        button.title = label;
        button.innerHTML = THUMB; // a constant
        group.append(button);
      }
      return group;
    }

    /** A line of the widget's own in the log, after the newest message (later messages come after it). */
    note(text) {
      const el = document.createElement('div');
      el.className = 'local-note';
      el.textContent = text;
      let newest = 0;
      for (const entry of this.messages.values()) if (entry.final) newest = Math.max(newest, entry.seq);
      this.place(el, newest + 0.5);
      this.notes.push(el);
      this.scrollToEnd(true);
    }

    setMeta(el, text, warn) {
      let meta = el.querySelector('.meta');
      if (!text) { if (meta) meta.remove(); return; }
      if (!meta) {
        meta = document.createElement('div');
        meta.className = 'meta';
        el.append(meta);
      }
      meta.textContent = text;
      meta.classList.toggle('warn', Boolean(warn));
    }

    /** Inserts in seq order; messages without a seq yet (sending, streaming) stay last, in the order they came. */
    place(el, seq) {
      el.dataset.seq = String(seq);
      const log = this.ui.log;
      let after = log.lastElementChild;
      while (after && (after === el || Number(after.dataset.seq) > seq)) after = after.previousElementSibling;
      // Moving an element restarts its fade-in, so one already in place stays put.
      if (el.parentNode === log && el.previousElementSibling === after) return;
      if (after) after.after(el);
      else log.prepend(el);
      this.ui.empty.hidden = log.childElementCount > 0;
    }

    clearMessages() {
      for (const entry of this.messages.values()) entry.el.remove();
      this.messages.clear();
      for (const el of this.notes) el.remove();
      this.notes = [];
      this.ui.contact.hidden = true;
      this.ui.rating.hidden = true;
      this.seqs.clear();
      this.contiguousSeq = 0;
      this.ui.empty.hidden = this.ui.log.childElementCount > 0;
    }

    seen(seq) {
      this.seqs.add(seq);
      while (this.seqs.has(this.contiguousSeq + 1)) this.seqs.delete(++this.contiguousSeq);
    }

    /** The assistant's dots, or "Sam is typing…" while a person types (gone ~6 s after their last keystroke). */
    showTyping(role, name) {
      const person = role === 'agent';
      const who = this.ui.typingWho;
      const typist = (typeof name === 'string' && name.trim()) || this.agentName || 'Someone from our team';
      const words = person ? `${typist} is typing…` : 'The assistant is typing…';
      if (who.textContent !== words) who.textContent = words;
      who.classList.toggle('sr', !person);
      const stick = this.nearEnd();
      this.ui.typing.hidden = false;
      this.scrollToEnd(stick);
      clearTimeout(this.timers.typing);
      this.timers.typing = setTimeout(() => this.hideTyping(), person ? AGENT_TYPING_MS : TYPING_TIMEOUT_MS);
    }

    hideTyping() {
      clearTimeout(this.timers.typing);
      this.ui.typing.hidden = true;
    }

    setStatus(text) {
      this.ui.status.textContent = text;
      this.ui.status.hidden = !text;
    }

    notice(text) {
      const notice = this.ui.notice;
      notice.textContent = text;
      notice.hidden = false;
      clearTimeout(this.timers.notice);
      this.timers.notice = setTimeout(() => { notice.hidden = true; }, NOTICE_MS);
    }

    fitInput() {
      const input = this.ui.input;
      input.style.height = 'auto';
      input.style.height = Math.min(input.scrollHeight, 132) + 'px';
      this.ui.send.disabled = !input.value.trim();
    }

    /** Whether the reader is at the end of the list, so that new text may scroll it (and not while reading back). */
    nearEnd() {
      const s = this.ui.scroller;
      return s.scrollHeight - s.scrollTop - s.clientHeight < 80;
    }

    scrollToEnd(really) {
      if (really) this.ui.scroller.scrollTop = this.ui.scroller.scrollHeight;
    }

    // ---- storage: private browsing or blocked storage must not break the chat ----

    load() {
      try {
        return JSON.parse(localStorage.getItem(this.storageKey)) || {};
      } catch (e) {
        return {};
      }
    }

    save() {
      try {
        localStorage.setItem(this.storageKey, JSON.stringify(this.stored));
      } catch (e) {
        // Not persisted: the chat still works for this page view.
      }
    }

    forget() {
      this.stored = {};
      try { localStorage.removeItem(this.storageKey); } catch (e) { /* see save() */ }
      this.clearMessages();
    }
  }

  customElements.define('parley-chat', ParleyChat);

  function mount() {
    const chat = document.createElement('parley-chat');
    chat.setAttribute('site-key', script.dataset.siteKey);
    chat.setAttribute('server', new URL(script.src, location.href).origin);
    if (script.dataset.title) chat.setAttribute('chat-title', script.dataset.title);
    if (script.dataset.accent) chat.setAttribute('accent', script.dataset.accent);
    document.body.append(chat);
  }

  // An async script in <head> can run before <body> exists.
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
})();
