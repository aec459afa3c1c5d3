// Helpers of the browser tests (the *.test.mjs files here): the environment, a Chromium of their
// own, pages with their problems watched, sign-in, the texts the run sends, the API as oracle,
// checks of what a page shows (contrast, grouping, scrolling) and of what it fetches, and event
// streams that can be cut.
//
// The test files run one after another, each in a node process of its own, against one
// `cruddur serve` (tests/web/test_pages.py runs them in order, see PAGE_TESTS there). They share
// the server's data and nothing else: each file signs in the pages it needs, and finds what the
// files before it sent by the texts below (the same for every file of a run, through TEST_RUN).
//
// Environment:
//   BASE_URL          the server, e.g. http://127.0.0.1:9012 (required)
//   TEST_RUN          the run's id, the same for all its files (it makes the texts sent unique)
//   SCREENSHOT_DIR    where the PNG screenshots go (default: no screenshots)
//   STOP_SERVER_FILE  a file to create when the server should be stopped; whoever started the
//                     server stops it then (without it the "server down" test is skipped)
//   SENT_FILE         a JSON file the files add the texts they sent to (for the restart check)
//   CHROMIUM          the browser (default /usr/bin/chromium)
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

export const BASE = (process.env.BASE_URL || '').replace(/\/+$/, '')
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || ''
export const STOP_SERVER_FILE = process.env.STOP_SERVER_FILE || ''
export const SENT_FILE = process.env.SENT_FILE || ''
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'
export const PASSWORD = 'cruddur-demo-password'
export const SEEDED_MESSAGES = 104

// What the run sends, by the file that sends it; later files look for some of these.
export const RUN = process.env.TEST_RUN || Date.now().toString(36)
export const LINK = 'https://example.com/docs/page?a=1&b=2'
export const LINK2 = 'http://example.org/wiki/Cruddur_(app)'
export const SENT = {
  // conversation.test.mjs
  bayko_answer: `Answer to bayko from the browser test (${RUN})`,
  bayko_news: [`Bayko writes while andrewbrown reads old messages (${RUN})`, `And once more, right after (${RUN})`],
  bayko_touch: `Line one from a phone (${RUN})\nline two, same message`,
  links: `Links (${RUN}): ${LINK}. And (see ${LINK2}). Not links: javascript:alert(1) data:text/html,<b>x</b> <img src=x onerror=alert(1)>`,
  slow: `Sent over a slow network (${RUN})`,
  lost_answer: `Stored, but its answer got lost (${RUN})`,
  retried: `Not sent at first, then retried (${RUN})`,
  // people.test.mjs
  londo_first: `Hello Londo, first message from the browser test (${RUN})`,
  // unread-sessions.test.mjs
  londo_second: `Are you there, Londo? (${RUN})`,
  londo_reply: `Mollari here. Reply from the second browser (${RUN})`,
  live: ['first', 'second', 'stream down', 'reconnected'].map((w) => `Bayko to londo, ${w} (${RUN})`),
}

// Adds `entries` (texts sent, conversations' uuids) to SENT_FILE, which has what the files
// before this one sent.
export function recordSent(entries) {
  if (!SENT_FILE) return
  const recorded = existsSync(SENT_FILE) ? JSON.parse(readFileSync(SENT_FILE, 'utf8')) : {}
  writeFileSync(SENT_FILE, JSON.stringify({ ...recorded, ...entries }))
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// relativeTime(): "now", "5m", "3h", "Nov 3", "Nov 3, 2025".
export const RELATIVE_TIME = /^(now|\d{1,2}m|\d{1,2}h|[A-Z][a-z]{2} \d{1,2}(, \d{4})?)$/
export const DESKTOP = { width: 1280, height: 800 }
export const PHONE = { width: 375, height: 812 }

export const problems = [] // uncaught page errors and console errors, checked by a test

let browser

// Starts and stops the one Chromium of the test file.
export async function launch() {
  assert.ok(BASE, 'BASE_URL is set')
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true })
}
export async function close() {
  await browser?.close()
}


// Retry `fn` (which asserts) until it passes or `timeout` ms have gone by; then throw its error.
export async function eventually(fn, timeout = 10000, interval = 100) {
  const deadline = Date.now() + timeout
  for (;;) {
    try {
      return await fn()
    } catch (err) {
      if (Date.now() > deadline) throw err
    }
    await new Promise((resolve) => setTimeout(resolve, interval))
  }
}

export async function newPage(viewport, label) {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
    locale: 'en-US',
    timezoneId: 'UTC',
  })
  context.setDefaultTimeout(10000)
  const page = await context.newPage()
  watch(page, label)
  return { context, page }
}

export function watch(page, label) {
  page.on('pageerror', (err) => problems.push(`${label}: uncaught ${err.message}`))
  page.on('console', (msg) => {
    // A failed request (the wrong password's 401, an unknown user's 404) is logged by the
    // browser itself and is expected; anything else the page logs as an error is not.
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) {
      problems.push(`${label}: console error ${msg.text()}`)
    }
  })
}

export async function shot(page, name) {
  if (!SCREENSHOT_DIR) return
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  // No hover highlight where the last click left the pointer.
  const size = page.viewportSize()
  await page.mouse.move(1, size.height - 1)
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled', caret: 'hide' })
}

export async function signIn(page, handle, password = PASSWORD) {
  await page.goto(`${BASE}/sign-in`)
  await page.getByTestId('signin-username').fill(handle)
  await page.getByTestId('signin-password').fill(password)
  await page.getByTestId('signin-submit').click()
  await page.waitForURL(/\/messages$/)
  await page.getByTestId('current-handle').filter({ hasText: `@${handle}` }).waitFor({ state: 'attached' })
}

// A page of its own signed in as `handle`, at /messages: how a file gets back the pages of the
// files before it (the server still knows what they did).
export async function signedInPage(handle, viewport = DESKTOP, label = handle) {
  const p = await newPage(viewport, label)
  await signIn(p.page, handle)
  return p
}

// The API as the page's signed-in user sees it: the oracle for what the pages should show.
export async function api(page, path) {
  const token = await page.evaluate(() => localStorage.getItem('cruddur.id_token'))
  assert.ok(token, 'the page holds a session token')
  const res = await fetch(`${BASE}${path}`, { headers: { Authorization: `Bearer ${token}` } })
  assert.equal(res.status, 200, `GET ${path}`)
  return res.json()
}

// The uuid of the page's user's conversation with `handle`, as the API lists it.
export async function groupWith(page, handle) {
  const group = (await api(page, '/api/message_groups')).find((g) => g.handle === handle)
  assert.ok(group, `the API lists the conversation with ${handle}`)
  return group.uuid
}

export const inboxRow = (page, handle) => page.locator(`[data-testid="inbox-row"][data-handle="${handle}"]`)
export const messages = (page) => page.getByTestId('message')

export async function messageTexts(page) {
  return messages(page).getByTestId('message-text').allInnerTexts()
}

export async function messageTimes(page) {
  return messages(page).locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')))
}

// ISO timestamps with microseconds compare correctly as strings when they share a format.
export function assertAscending(times) {
  for (let i = 1; i < times.length; i++) {
    assert.ok(times[i - 1] <= times[i], `message ${i} (${times[i]}) is older than the one above (${times[i - 1]})`)
  }
}

export async function lastMessage(page) {
  const last = messages(page).last()
  return {
    text: await last.getByTestId('message-text').innerText(),
    handle: `@${await last.getAttribute('data-handle')}`,
    mine: ((await last.getAttribute('class')) || '').includes('message-mine'),
  }
}

// The message whose text is exactly `text`.
export const messageWith = (page, text) =>
  messages(page).filter({ has: page.getByTestId('message-text').getByText(text, { exact: true }) })

export async function focusedTestId(page) {
  return page.evaluate(() => document.activeElement?.dataset.testid)
}

// Sign in through the API (not a page): a token for sending as someone else.
export async function apiToken(handle) {
  const res = await fetch(`${BASE}/api/auth/sign_in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: handle, password: PASSWORD }),
  })
  assert.equal(res.status, 200, `sign in ${handle}`)
  return (await res.json()).id_token
}

export async function apiSend(token, body) {
  const res = await fetch(`${BASE}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })
  assert.ok(res.ok, `POST /api/messages: ${res.status}`)
  return res.json()
}

// Every visible piece of text on the page whose contrast with what is behind it is below
// 4.5:1 (WCAG AA for normal text), as "tag.class "text": ratio". Backgrounds are composed up
// the ancestors (colours only; the page uses no background images behind text).
export async function lowContrast(page) {
  await page.mouse.move(1, page.viewportSize().height - 1)
  await new Promise((resolve) => setTimeout(resolve, 250)) // hover transitions end
  return page.evaluate(() => {
    const parse = (c) => {
      const m = /rgba?\(([^)]+)\)/.exec(c)
      if (!m) return null
      const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number)
      return [r, g, b, a]
    }
    const over = (top, below) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3])).concat(1)
    const background = (el) => {
      const layers = []
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor)
        if (c && c[3] > 0) {
          layers.push(c)
          if (c[3] >= 1) break
        }
      }
      return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1])
    }
    const channel = (v) => {
      const x = v / 255
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4
    }
    const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    const problems = []
    const seen = new Set()
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement
      if (!n.textContent.trim() || seen.has(el)) continue
      seen.add(el)
      const box = el.getBoundingClientRect()
      if (box.width <= 1 || box.height <= 1) continue // nothing to see (the sr-only texts)
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue
      const bg = background(el)
      const fg = over(parse(getComputedStyle(el).color), bg)
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a)
      const ratio = (hi + 0.05) / (lo + 0.05)
      if (ratio < 4.5) {
        problems.push(`${el.tagName.toLowerCase()}.${el.className} "${n.textContent.trim().slice(0, 40)}": ${ratio.toFixed(2)}`)
      }
    }
    return problems
  })
}

export async function assertContrast(page, where) {
  assert.deepEqual(await lowContrast(page), [], `text below 4.5:1 contrast on ${where}`)
}

// Resolves when the page asks for the unread counter within `ms` of the first response that
// `isTrigger` picks: the badge asking again right away, not at its next 5 s poll.
export function counterAskedAfter(page, isTrigger, ms = 1000) {
  let at = 0
  const onResponse = (res) => {
    if (!at && isTrigger(res)) at = Date.now()
  }
  page.on('response', onResponse)
  return page
    .waitForRequest((req) => new URL(req.url()).pathname === '/api/messages/counter' && at > 0 && Date.now() - at < ms, {
      timeout: 8000,
    })
    .finally(() => page.off('response', onResponse))
}

// The name lines: only the first of consecutive messages from one person on one day has one.
export async function assertGrouped(page) {
  const rows = await page.locator('.message-list > li').evaluateAll((els) =>
    els.map((e) => ({
      day: e.dataset.testid === 'day-separator',
      handle: e.dataset.handle,
      named: Boolean(e.querySelector('.message-meta')),
    })),
  )
  assert.ok(rows.length > 0 && rows[0].day, 'the list starts with a day separator')
  let previous = null
  for (const [i, row] of rows.entries()) {
    if (row.day) {
      previous = null
      continue
    }
    assert.equal(row.named, row.handle !== previous, `row ${i} (@${row.handle}) after @${previous}: name line`)
    previous = row.handle
  }
}

export async function sendWithEnter(page, text) {
  const box = page.getByTestId('composer-text')
  await box.fill(text)
  await box.press('Enter')
}

// Marks the document so a later check can tell that the page was not reloaded.
export async function markPage(page) {
  await page.evaluate(() => {
    window.__cruddurNotReloaded = true
  })
}

export async function assertNotReloaded(page) {
  assert.equal(await page.evaluate(() => window.__cruddurNotReloaded === true), true, 'the page was reloaded')
}

export async function scrolledToBottom(page) {
  return page.locator('.message-scroll').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 4)
}

// The page's event stream (/api/events) is open: it does not poll.
export const live = (page) => page.locator('.shell[data-live="true"]').waitFor()

// Routes the page's event streams through a proxy of the test's own, which can cut them the way a
// server or a network would: cut() drops the open ones mid-stream, `refuse` aborts that many of
// the next attempts. `attempts` has each attempt's Last-Event-ID, `lastId` the last id passed on.
export async function cuttableEvents(page) {
  const open = new Set()
  const events = { attempts: [], lastId: null, refuse: 0, cut: () => open.forEach((drop) => drop()) }
  const proxy = http.createServer((req, res) => {
    const headers = { ...req.headers, host: new URL(BASE).host }
    const up = http.request(`${BASE}${req.url}`, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers)
      let tail = ''
      answer.on('data', (chunk) => {
        const text = tail + chunk.toString()
        for (const m of text.matchAll(/^id: (.*)$/gm)) events.lastId = m[1]
        tail = text.slice(text.lastIndexOf('\n') + 1)
        res.write(chunk)
      })
      answer.on('end', () => res.end())
    })
    const drop = () => {
      up.destroy()
      res.destroy()
    }
    open.add(drop)
    res.on('close', () => {
      open.delete(drop)
      up.destroy()
    })
    up.on('error', drop)
    req.pipe(up)
  })
  proxy.unref()
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${proxy.address().port}/api/events`
  await page.route('**/api/events', (route) => {
    events.attempts.push(route.request().headers()['last-event-id'] || null)
    if (events.refuse > 0) {
      events.refuse -= 1
      return route.abort('connectionreset')
    }
    return route.continue({ url })
  })
  events.close = () => {
    events.cut()
    proxy.close()
  }
  return events
}

// From now on records the page's fetch calls, in the page as they are made: calls() gives each as
// {path, shown}, shown when a message with `text` was on the page already.
export async function recordCalls(page, text) {
  await page.evaluate((text) => {
    const fetch = window.__cruddurFetch || (window.__cruddurFetch = window.fetch)
    const texts = () => [...document.querySelectorAll('[data-testid="message-text"]')].map((e) => e.textContent)
    const shown = () => texts().includes(text)
    window.__cruddurCalls = []
    window.fetch = (input, init) => {
      const path = new URL(typeof input === 'string' ? input : input.url, location.href).pathname
      window.__cruddurCalls.push({ path, shown: shown() })
      return fetch(input, init)
    }
  }, text)
  return () => page.evaluate(() => window.__cruddurCalls)
}
