// The signed-in user's event stream (GET /api/events, Server-Sent Events). It is read with fetch
// rather than EventSource, which cannot send the bearer token: follow() keeps one stream open,
// reconnects after a drop with Last-Event-ID (so the server can send what was missed), renews the
// ID token after a 401 and ends when signed out. The store's `live` is true while a stream is
// open; the pages poll only while it is not. onEvent() listeners get each event as (type, data):
//   message  {message_group_uuid, message}  a new message of one of the user's conversations
//   read     {message_group_uuid}           the user read that conversation (on any page)
//   resync   {}                             events were lost: fetch everything again
import { renewAfter401 } from './api.js'
import { getState, setLive, signOut } from './store.js'

const RETRY = 2000 // until the server says (its `retry:` field)
const MAX_DELAY = 10000 // reconnects after repeated failures, at most this far apart
const STABLE = 10000 // a stream open this long before it dropped was not a failure
const SILENCE = 45000 // no byte for this long (the server comments every 15 s): a dead connection

const listeners = new Set()

// Calls fn(type, data) for every event; returns the function that stops it.
export function onEvent(fn) {
  listeners.add(fn)
  return () => listeners.delete(fn)
}

// An SSE parser: feed it the decoded text as it comes. Calls on.event(type, data, id) for each
// complete event, on.id(id) for each id and on.retry(ms) for the server's reconnection time.
export function sseParser(on) {
  let buffer = ''
  let type = ''
  let data = []
  const line = (text) => {
    if (text === '') {
      if (data.length) on.event(type || 'message', data.join('\n'))
      type = ''
      data = []
      return
    }
    if (text.startsWith(':')) return // a comment: the heartbeat
    const colon = text.indexOf(':')
    const field = colon < 0 ? text : text.slice(0, colon)
    const value = colon < 0 ? '' : text.slice(colon + 1).replace(/^ /, '')
    if (field === 'event') type = value
    else if (field === 'data') data.push(value)
    else if (field === 'id' && !value.includes('\0')) on.id(value)
    else if (field === 'retry' && /^\d+$/.test(value)) on.retry(Number(value))
  }
  return (chunk) => {
    buffer += chunk
    // A chunk ending in "\r" may be half of a "\r\n": keep it for the next one.
    const end = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length
    const lines = buffer.slice(0, end).split(/\r\n|\r|\n/)
    buffer = lines.pop() + buffer.slice(end)
    lines.forEach(line)
  }
}

function emit(type, text) {
  let data
  try {
    data = JSON.parse(text)
  } catch {
    return // not ours to understand
  }
  listeners.forEach((fn) => {
    try {
      fn(type, data)
    } catch (err) {
      reportError(err) // a listener's bug: shown as uncaught, without ending the stream
    }
  })
}

const wait = (ms, signal) =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })

// One connection: resolves when it ends, with the HTTP status (0: no answer) and since when it
// was open (0: it never was).
async function connect(signal, state) {
  const token = getState().token
  const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` }
  if (state.lastId) headers['Last-Event-ID'] = state.lastId
  const ctrl = new AbortController()
  const stop = () => ctrl.abort()
  signal.addEventListener('abort', stop)
  let quiet = null
  const awake = () => {
    clearTimeout(quiet)
    quiet = setTimeout(stop, SILENCE)
  }
  let openedAt = 0
  let status = 0
  try {
    awake()
    const res = await fetch('/api/events', { headers, signal: ctrl.signal, cache: 'no-store' })
    status = res.status
    if (!res.ok || !(res.headers.get('Content-Type') || '').startsWith('text/event-stream')) {
      ctrl.abort() // not a stream (a server without events): do not read the rest
      return { status, openedAt, token }
    }
    openedAt = Date.now()
    setLive(true)
    const feed = sseParser({
      event: (type, data) => signal.aborted || emit(type, data),
      id: (id) => (state.lastId = id),
      retry: (ms) => (state.retry = Math.min(MAX_DELAY, Math.max(500, ms))),
    })
    const reader = res.body.getReader()
    const decoder = new TextDecoder()
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      awake()
      feed(decoder.decode(value, { stream: true }))
    }
  } catch {
    // dropped, cut or aborted: the caller decides what next
  } finally {
    clearTimeout(quiet)
    signal.removeEventListener('abort', stop)
    if (openedAt && !signal.aborted) setLive(false) // (when aborted, whoever aborted it says)
  }
  return { status, openedAt, token }
}

// Keeps the signed-in user's stream open until `signal` aborts or the session ends.
export async function follow(signal) {
  const state = { lastId: null, retry: RETRY }
  let failures = 0
  let renewed = false // the last connection was refused (401) and the ID token renewed since
  while (!signal.aborted && getState().token) {
    const { status, openedAt, token } = await connect(signal, state)
    if (signal.aborted) return
    if (status === 401) {
      // As apiFetch: renew once; refused again with the new token, the session is over.
      if (renewed) return signOut('expired')
      renewed = await renewAfter401(token)
      if (renewed) continue
    } else {
      renewed = false
    }
    failures = openedAt && Date.now() - openedAt >= STABLE ? 1 : failures + 1
    const delay = Math.min(MAX_DELAY, state.retry * 2 ** (failures - 1))
    await wait(delay * (0.75 + Math.random() * 0.25), signal)
  }
}
