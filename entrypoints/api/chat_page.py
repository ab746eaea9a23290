"""A tiny chat page at ``/`` for trying a flow in a browser (the demo's front door).

``/?flow=<id or seed key>`` chats with that flow; the default is the demo's book finder.
The page is the API's own first client: it starts a conversation, keeps the CSRF token the
start answered with, and sends it as ``X-CSRF-Token`` beside the cookie on every answer,
exactly as an embedded widget must. Its script is served from ``/chat.js`` so the page
can forbid inline script (Content-Security-Policy).
"""

from __future__ import annotations

from aiohttp import web

from entrypoints.demo.loader import DEFAULT_FLOW
_POLICY = "default-src 'self'; img-src * data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"

routes = web.RouteTableDef()

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Huey the Bookbot</title>
<style>
body{font:16px/1.4 system-ui,sans-serif;background:#D6F3F3;margin:0}
main{max-width:36rem;margin:0 auto;padding:1rem}
#log{display:flex;flex-direction:column;gap:.5rem}
.bot,.me{padding:.6rem .9rem;border-radius:14px;max-width:80%}
.bot{background:#fff;align-self:flex-start}.me{background:#ADD6D3;align-self:flex-end}
.bot img{max-width:12rem;display:block}
#choices{display:flex;flex-wrap:wrap;gap:.4rem;margin:1rem 0}
button{font:inherit;border:0;border-radius:14px;padding:.5rem .9rem;background:#F22555;color:#fff;cursor:pointer}
form{display:flex;gap:.4rem}input{flex:1;font:inherit;padding:.4rem}
[hidden]{display:none!important}
</style></head>
<body><main><h1>Huey the Bookbot</h1><div id="log"></div><div id="choices"></div>
<form id="free" hidden><input id="text" autocomplete="off"><button>Send</button></form></main>
<script src="/chat.js"></script></body></html>
"""

SCRIPT = """'use strict';
const log = document.getElementById('log'), choices = document.getElementById('choices');
const form = document.getElementById('free'), text = document.getElementById('text');
const flow = new URLSearchParams(location.search).get('flow') || '%(flow)s';
let chat = null;

function say(who, node) { node.className = who; log.appendChild(node); node.scrollIntoView(); }
function sayText(who, words) { const p = document.createElement('div'); p.textContent = words; say(who, p); }

function showBooks(books) {
  const list = document.createElement('ul');
  for (const book of books) { const item = document.createElement('li');
    item.textContent = book.display_title || book.title || book.isbn || 'a book'; list.appendChild(item); }
  say('bot', list);
}

function show(reply) {
  for (const m of reply.messages) {
    const c = m.content || {};
    if (m.type === 'image' && c.url) { const d = document.createElement('div'), i = new Image();
      i.src = c.url; i.alt = c.alt || ''; d.appendChild(i); say('bot', d); }
    else if (m.type === 'question') { const q = m.question && m.question.text; if (q) sayText('bot', q); }
    else if (m.type === 'book_list') { showBooks(c.books || []); }
    else if (c.text) { sayText('bot', c.text); }
  }
  choices.replaceChildren(); form.hidden = true;
  const ask = reply.input_request;
  if (reply.session_ended || !ask) { if (reply.session_ended) sayText('bot', '(the end)'); return; }
  if (ask.options && ask.options.length) {
    for (const o of ask.options) { const b = document.createElement('button');
      b.textContent = o.label || o.text || o.value; b.onclick = () => answer(o.value ?? o.text, b.textContent, ask.input_type);
      choices.appendChild(b); }
  } else if (ask.input_type === 'continue') {
    const b = document.createElement('button'); b.textContent = 'OK';
    b.onclick = () => answer('acknowledged', 'OK', 'continue'); choices.appendChild(b);
  } else { form.hidden = false; text.focus(); }
}

async function call(path, body) {
  const headers = {'Content-Type': 'application/json'};
  if (chat) headers['X-CSRF-Token'] = chat.csrf_token;
  const r = await fetch(path, {method: 'POST', credentials: 'same-origin', headers, body: JSON.stringify(body)});
  const data = await r.json();
  if (!r.ok) { sayText('bot', 'Oops: ' + (data.detail || r.status)); return null; }
  return data;
}

async function answer(value, label, inputType) {
  sayText('me', label);
  const reply = await call('/v1/chat/sessions/' + encodeURIComponent(chat.session_token) + '/interact',
                           {input: value, input_type: inputType});
  if (reply) show(reply);
}

form.onsubmit = (e) => { e.preventDefault(); const v = text.value.trim(); if (v) { text.value = ''; answer(v, v, 'text'); } };
call('/v1/chat/start', {flow_id: flow}).then((started) => { if (started) { chat = started; show(started); } });
"""


@routes.get("/")
async def chat_page(request: web.Request) -> web.Response:
    response = web.Response(text=PAGE, content_type="text/html")
    response.headers["Content-Security-Policy"] = _POLICY
    return response


@routes.get("/chat.js")
async def chat_script(request: web.Request) -> web.Response:
    return web.Response(text=SCRIPT % {"flow": DEFAULT_FLOW}, content_type="application/javascript")
