// Browser tests of the Cruddur pages, run by Node's test runner (node --test) against a running
// `cruddur serve`; tests/web/test_pages.py starts the server and runs this file.
//
// Environment:
//   BASE_URL          the server, e.g. http://127.0.0.1:9012 (required)
//   SCREENSHOT_DIR    where the PNG screenshots go (default: no screenshots)
//   STOP_SERVER_FILE  a file to create when the server should be stopped; whoever started the
//                     server stops it then (without it the "server down" test is skipped)
//   SENT_FILE         a JSON file to write the texts this run sent (for the restart check)
//   CHROMIUM          the browser (default /usr/bin/chromium)
//
// The tests run in order and share state: the same data folder, andrewbrown's page, londo's page.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const BASE = (process.env.BASE_URL || '').replace(/\/+$/, '')
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || ''
const STOP_SERVER_FILE = process.env.STOP_SERVER_FILE || ''
const SENT_FILE = process.env.SENT_FILE || ''
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'
const PASSWORD = 'cruddur-demo-password'
const SEEDED_MESSAGES = 104

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
// relativeTime(): "now", "5m", "3h", "Nov 3", "Nov 3, 2025".
const RELATIVE_TIME = /^(now|\d{1,2}m|\d{1,2}h|[A-Z][a-z]{2} \d{1,2}(, \d{4})?)$/
const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 375, height: 812 }

const run = Date.now().toString(36)
const sent = {
  bayko_answer: `Answer to bayko from the browser test (${run})`,
  londo_first: `Hello Londo, first message from the browser test (${run})`,
  londo_second: `Are you there, Londo? (${run})`,
  londo_reply: `Mollari here. Reply from the second browser (${run})`,
}

let browser
const problems = [] // uncaught page errors and console errors, checked by a test below

// andrewbrown's desktop page and londo's, shared by the tests in order.
let alice // { context, page }
let londo
let baykoGroup // the seeded conversation's uuid
let londoGroup // the conversation created by the first message to londo

// ---------------------------------------------------------------- helpers

// Retry `fn` (which asserts) until it passes or `timeout` ms have gone by; then throw its error.
async function eventually(fn, timeout = 10000, interval = 100) {
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

async function newPage(viewport, label) {
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

function watch(page, label) {
  page.on('pageerror', (err) => problems.push(`${label}: uncaught ${err.message}`))
  page.on('console', (msg) => {
    // A failed request (the wrong password's 401, an unknown user's 404) is logged by the
    // browser itself and is expected; anything else the page logs as an error is not.
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) {
      problems.push(`${label}: console error ${msg.text()}`)
    }
  })
}

async function shot(page, name) {
  if (!SCREENSHOT_DIR) return
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  // No hover highlight where the last click left the pointer.
  const size = page.viewportSize()
  await page.mouse.move(1, size.height - 1)
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled', caret: 'hide' })
}

async function signIn(page, handle, password = PASSWORD) {
  await page.goto(`${BASE}/sign-in`)
  await page.getByTestId('signin-username').fill(handle)
  await page.getByTestId('signin-password').fill(password)
  await page.getByTestId('signin-submit').click()
  await page.waitForURL(/\/messages$/)
  await page.getByTestId('current-handle').filter({ hasText: `@${handle}` }).waitFor({ state: 'attached' })
}

// The API as the page's signed-in user sees it: the oracle for what the pages should show.
async function api(page, path) {
  const token = await page.evaluate(() => localStorage.getItem('cruddur.id_token'))
  assert.ok(token, 'the page holds a session token')
  const res = await fetch(`${BASE}${path}`, { headers: { Authorization: `Bearer ${token}` } })
  assert.equal(res.status, 200, `GET ${path}`)
  return res.json()
}

const inboxRow = (page, handle) => page.locator(`[data-testid="inbox-row"][data-handle="${handle}"]`)
const messages = (page) => page.getByTestId('message')

async function messageTexts(page) {
  return messages(page).getByTestId('message-text').allInnerTexts()
}

async function messageTimes(page) {
  return messages(page).locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')))
}

// ISO timestamps with microseconds compare correctly as strings when they share a format.
function assertAscending(times) {
  for (let i = 1; i < times.length; i++) {
    assert.ok(times[i - 1] <= times[i], `message ${i} (${times[i]}) is older than the one above (${times[i - 1]})`)
  }
}

async function lastMessage(page) {
  const last = messages(page).last()
  return {
    text: await last.getByTestId('message-text').innerText(),
    handle: await last.locator('.handle').innerText(),
    mine: ((await last.getAttribute('class')) || '').includes('message-mine'),
  }
}

async function sendWithEnter(page, text) {
  const box = page.getByTestId('composer-text')
  await box.fill(text)
  await box.press('Enter')
}

// Marks the document so a later check can tell that the page was not reloaded.
async function markPage(page) {
  await page.evaluate(() => {
    window.__cruddurNotReloaded = true
  })
}

async function assertNotReloaded(page) {
  assert.equal(await page.evaluate(() => window.__cruddurNotReloaded === true), true, 'the page was reloaded')
}

async function scrolledToBottom(page) {
  return page.locator('.message-scroll').evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 4)
}

// ---------------------------------------------------------------- setup

before(async () => {
  assert.ok(BASE, 'BASE_URL is set')
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true })
})

after(async () => {
  await browser?.close()
})

// ---------------------------------------------------------------- tests

// First, while the data is exactly the seed, so the pictures look the same on every run.
for (const [label, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
]) {
  test(`${label} ${viewport.width}x${viewport.height}: sign-in, inbox, conversation, new conversation (screenshots)`, async () => {
    const { context, page } = await newPage(viewport, `${label} screenshots`)
    try {
      await page.goto(`${BASE}/sign-in`)
      await page.getByRole('heading', { name: 'Sign in' }).waitFor()
      await page.getByTestId('signin-submit').waitFor()
      await shot(page, `sign-in-${label}`)

      await signIn(page, 'andrewbrown')
      await inboxRow(page, 'bayko').waitFor()
      const inboxPane = page.locator('.inbox-pane')
      const conversationPane = page.locator('.conversation-pane')
      assert.ok(await inboxPane.isVisible(), 'the inbox is shown at /messages')
      if (label === 'phone') {
        assert.equal(await conversationPane.isVisible(), false, 'a phone shows only the inbox at /messages')
      } else {
        await page.getByText('Choose a conversation, or start a new one.').waitFor()
      }
      await shot(page, `inbox-${label}`)

      await inboxRow(page, 'bayko').click()
      await page.waitForURL(/\/messages\/[0-9a-f-]{36}$/)
      await eventually(async () => assert.ok((await messages(page).count()) >= 10, 'the conversation is loaded'))
      await eventually(async () => assert.ok(await scrolledToBottom(page), 'the newest message is in view'))
      assert.ok(await messages(page).last().isVisible())
      if (label === 'phone') {
        assert.equal(await inboxPane.isVisible(), false, 'a phone shows only the conversation once one is open')
        assert.ok(await page.getByTestId('back-to-inbox').isVisible(), 'a phone has a way back to the inbox')
      } else {
        assert.ok(await inboxPane.isVisible(), 'the desktop shows the inbox beside the conversation')
        assert.equal(await page.getByTestId('back-to-inbox').isVisible(), false, 'no back link on the desktop')
      }
      // Nothing sticks out sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than the window`)
      await shot(page, `conversation-${label}`)

      if (label === 'phone') {
        await page.getByTestId('back-to-inbox').click()
        await page.waitForURL(/\/messages$/)
        await inboxRow(page, 'bayko').waitFor()
      }
      await page.getByTestId('new-message-button').click()
      await page.getByTestId('new-message-handle').fill('londo')
      await page.getByTestId('new-message-go').click()
      await page.waitForURL(/\/messages\/new\/londo$/)
      await page.getByTestId('recipient').filter({ hasText: '@londo' }).waitFor()
      await page.getByText('This is the start of your conversation with Londo Mollari.').waitFor()
      await shot(page, `new-conversation-${label}`)
    } finally {
      await context.close()
    }
  })
}

test('sign in as andrewbrown: a wrong password shows an error, then the inbox lists bayko', async () => {
  alice = await newPage(DESKTOP, 'andrewbrown')
  const { page } = alice
  await page.goto(`${BASE}/`)
  await page.waitForURL(/\/sign-in\?next=%2Fmessages$/)

  await page.getByTestId('signin-username').fill('andrewbrown')
  await page.getByTestId('signin-password').fill('not-the-password')
  await page.getByTestId('signin-submit').click()
  const error = page.getByTestId('signin-error')
  await error.waitFor()
  assert.match(await error.innerText(), /wrong handle, email or password/i)
  assert.match(page.url(), /\/sign-in/)
  assert.equal(await page.evaluate(() => localStorage.getItem('cruddur.id_token')), null)

  await page.getByTestId('signin-password').fill(PASSWORD)
  await page.getByTestId('signin-submit').click()
  await page.waitForURL(`${BASE}/messages`)
  await page.getByRole('heading', { name: 'Messages', exact: true }).waitFor()
  assert.equal(await page.getByTestId('signin-error').count(), 0)
  assert.equal(await page.getByTestId('current-handle').innerText(), '@andrewbrown')

  const groups = await api(page, '/api/message_groups')
  const expected = groups.find((g) => g.handle === 'bayko')
  assert.ok(expected, 'the API lists the conversation with bayko')
  baykoGroup = expected.uuid

  const row = inboxRow(page, 'bayko')
  await row.waitFor()
  assert.match(await row.innerText(), /Andrew Bayko/)
  assert.equal(await row.locator('.handle').innerText(), '@bayko')
  assert.equal(await row.locator('.inbox-row-message').innerText(), expected.message)
  const time = row.locator('time')
  assert.match(await time.innerText(), RELATIVE_TIME)
  assert.equal(await time.getAttribute('datetime'), expected.created_at)
})

test('the seeded conversation: oldest first, older messages on scrolling up, the composer counter', async () => {
  const { page } = alice
  const row = inboxRow(page, 'bayko')
  const lastText = await row.locator('.inbox-row-message').innerText()
  await row.click()
  await page.waitForURL(`${BASE}/messages/${baykoGroup}`)
  await page.locator('.conversation-header').getByText('Andrew Bayko').waitFor()
  assert.equal(await row.getAttribute('aria-current'), 'page', 'the open conversation is marked in the inbox')

  await eventually(async () => assert.ok((await messages(page).count()) > 0))
  const first = await messages(page).count()
  assert.ok(first < SEEDED_MESSAGES, `only the newest page is loaded at first (got ${first})`)
  assertAscending(await messageTimes(page))
  const last = await lastMessage(page)
  assert.equal(last.text, lastText, 'the newest message is at the bottom and matches the inbox')
  await eventually(async () => assert.ok(await scrolledToBottom(page), 'the list starts scrolled to the newest'))
  assert.equal(await page.getByText('Beginning of the conversation').count(), 0)

  // Scroll to the top: an older page comes in above and the reading position stays.
  const scroller = page.locator('.message-scroll')
  const topUuid = await messages(page).first().getAttribute('data-uuid')
  await scroller.evaluate((el) => {
    el.scrollTop = 0
  })
  await eventually(async () => assert.ok((await messages(page).count()) > first, 'older messages were loaded'))
  await eventually(async () => {
    const box = await page.locator(`[data-uuid="${topUuid}"]`).boundingBox()
    const pane = await scroller.boundingBox()
    assert.ok(box && box.y >= pane.y - box.height && box.y < pane.y + pane.height, 'the message that was on top stays in view')
  })

  // Keep going until the beginning: every seeded message, once, oldest first.
  for (let i = 0; i < 12 && !(await page.getByText('Beginning of the conversation').isVisible()); i++) {
    const had = await messages(page).count()
    await scroller.evaluate((el) => {
      el.scrollTop = 0
    })
    await eventually(async () => {
      const now = await messages(page).count()
      const done = await page.getByText('Beginning of the conversation').isVisible()
      assert.ok(now > had || done)
    })
  }
  await page.getByText('Beginning of the conversation').waitFor()
  assert.equal(await messages(page).count(), SEEDED_MESSAGES)
  const uuids = await messages(page).evaluateAll((els) => els.map((e) => e.dataset.uuid))
  assert.equal(new Set(uuids).size, uuids.length, 'no message is shown twice')
  assertAscending(await messageTimes(page))
  const all = await api(page, `/api/messages/${baykoGroup}`)
  assert.equal((await messageTexts(page)).at(-1), all.at(-1).message)

  // The composer: 1024 characters left, counting down, an error past the limit.
  const box = page.getByTestId('composer-text')
  const counter = page.getByTestId('composer-counter')
  const button = page.getByTestId('composer-send')
  assert.equal(await counter.innerText(), '1024')
  assert.equal(await button.isDisabled(), true, 'nothing to send yet')
  await box.pressSequentially('Hi there')
  assert.equal(await counter.innerText(), '1016')
  assert.equal(await button.isEnabled(), true)
  const normalColour = await counter.evaluate((el) => getComputedStyle(el).color)

  await box.fill('x'.repeat(1025))
  assert.equal(await counter.innerText(), '-1')
  assert.match((await counter.getAttribute('class')) || '', /counter-over/)
  assert.notEqual(await counter.evaluate((el) => getComputedStyle(el).color), normalColour, 'the counter turns into an error')
  assert.equal(await box.getAttribute('aria-invalid'), 'true')
  assert.equal(await button.isDisabled(), true, 'a message over 1024 characters cannot be sent')
  await box.press('Enter')
  await new Promise((resolve) => setTimeout(resolve, 300))
  assert.equal(await messages(page).count(), SEEDED_MESSAGES, 'Enter did not send it either')

  await box.fill('y'.repeat(1024))
  assert.equal(await counter.innerText(), '0')
  assert.equal(await button.isEnabled(), true, 'exactly 1024 characters can be sent')
  await box.fill('')
  assert.equal(await counter.innerText(), '1024')
  assert.equal(await button.isDisabled(), true)
})

test('answering bayko: the message shows in the conversation and in the inbox row', async () => {
  const { page } = alice
  await sendWithEnter(page, sent.bayko_answer)
  await eventually(async () => {
    const last = await lastMessage(page)
    assert.equal(last.text, sent.bayko_answer)
    assert.equal(last.handle, '@andrewbrown')
    assert.ok(last.mine, 'my own message is styled as mine')
  })
  assert.equal(await page.getByTestId('composer-text').inputValue(), '', 'the composer is emptied')
  assert.equal(await page.getByTestId('composer-counter').innerText(), '1024')
  assert.equal(await page.getByTestId('composer-error').count(), 0)
  assert.equal(await messages(page).getByText(sent.bayko_answer, { exact: true }).count(), 1, 'shown once')
  await eventually(async () => assert.ok(await scrolledToBottom(page), 'the new message is scrolled into view'))
  // At once, not at the next inbox poll (3 s): the page notes its own send.
  await eventually(
    async () =>
      assert.equal(await inboxRow(page, 'bayko').locator('.inbox-row-message').innerText(), sent.bayko_answer),
    1000,
  )
  assert.equal(await inboxRow(page, 'bayko').locator('time').innerText(), 'now')

  const stored = await api(page, `/api/messages/${baykoGroup}`)
  assert.equal(stored.at(-1).message, sent.bayko_answer, 'the server has it')
})

test('londo signs in on a second browser: an empty inbox', async () => {
  londo = await newPage(DESKTOP, 'londo')
  await signIn(londo.page, 'londo')
  await londo.page.getByText('No conversations yet').waitFor()
  assert.equal(await londo.page.getByTestId('inbox-row').count(), 0)
  await markPage(londo.page)
})

test('a new conversation with londo: "No user" for nobody, New message, first send moves to /messages/<uuid>', async () => {
  const { page } = alice
  await page.goto(`${BASE}/messages/new/nobody`)
  const missing = page.getByTestId('recipient-not-found')
  await missing.waitFor()
  assert.match(await missing.innerText(), /No user @nobody/)
  await missing.getByRole('link', { name: 'Back to your messages' }).click()
  await page.waitForURL(`${BASE}/messages`)
  await markPage(page)

  await page.getByTestId('new-message-button').click()
  const handle = page.getByTestId('new-message-handle')
  await handle.waitFor()
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'new-message-handle')
  await handle.fill('nobody')
  await page.getByTestId('new-message-go').click()
  const formError = page.getByTestId('new-message-error')
  await formError.waitFor()
  assert.match(await formError.innerText(), /No user @nobody/)
  assert.equal(page.url(), `${BASE}/messages`)

  await handle.fill('@londo')
  await page.getByTestId('new-message-go').click()
  await page.waitForURL(`${BASE}/messages/new/londo`)
  const recipient = page.getByTestId('recipient')
  await recipient.waitFor()
  assert.match(await recipient.innerText(), /Londo Mollari/)
  assert.match(await recipient.innerText(), /@londo/)
  await page.getByText('This is the start of your conversation with Londo Mollari.').waitFor()
  assert.equal(await messages(page).count(), 0)
  await eventually(async () =>
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'composer-text'),
  )

  await sendWithEnter(page, sent.londo_first)
  await page.waitForURL(/\/messages\/[0-9a-f-]{36}$/)
  londoGroup = new URL(page.url()).pathname.split('/').pop()
  assert.match(londoGroup, UUID)
  assert.notEqual(londoGroup, baykoGroup)
  await eventually(async () => {
    assert.equal(await messages(page).count(), 1)
    assert.equal((await lastMessage(page)).text, sent.londo_first)
  })
  await page.locator('.conversation-header').getByText('Londo Mollari').waitFor()
  await eventually(async () =>
    assert.equal(await inboxRow(page, 'londo').locator('.inbox-row-message').innerText(), sent.londo_first),
  )
  // Newest first: londo's conversation is now above bayko's.
  const order = await page.getByTestId('inbox-row').evaluateAll((els) => els.map((e) => e.dataset.handle))
  assert.deepEqual(order, ['londo', 'bayko'])
  await assertNotReloaded(page)

  // Someone andrewbrown already talks to: /messages/new/<handle> opens that conversation.
  await page.goto(`${BASE}/messages/new/londo`)
  await page.waitForURL(`${BASE}/messages/${londoGroup}`)
  await eventually(async () => assert.equal((await lastMessage(page)).text, sent.londo_first))
  await markPage(page)
})

test("londo's browser: the conversation arrives by polling, the unread badge, a reply andrewbrown sees without reload", async () => {
  const lp = londo.page
  const ap = alice.page

  // The inbox picks the new conversation up by itself.
  const row = inboxRow(lp, 'andrewbrown')
  await eventually(async () => assert.equal(await row.locator('.inbox-row-message').innerText(), sent.londo_first), 15000)
  assert.match(await row.innerText(), /Andrew Brown/)
  await assertNotReloaded(lp)

  // The badge lives in the navigation bar; opening the inbox marks everything read, so watch it
  // from a page without the inbox: the not-found page.
  await lp.goto(`${BASE}/somewhere/else`)
  await lp.getByRole('heading', { name: 'Page not found' }).waitFor()
  assert.equal(await lp.getByTestId('inbox').count(), 0, 'this page does not list the inbox')
  await sendWithEnter(ap, sent.londo_second)
  await eventually(async () => assert.equal((await lastMessage(ap)).text, sent.londo_second))
  const badge = lp.getByTestId('unread-badge')
  await eventually(async () => {
    assert.ok(await badge.isVisible(), 'the unread badge shows')
    const n = Number(await badge.innerText())
    assert.ok(Number.isInteger(n) && n > 0, `the badge shows a count (${await badge.innerText()})`)
  }, 15000)

  // londo opens the conversation from the inbox and replies.
  await lp.getByRole('link', { name: /^Messages/ }).click()
  await lp.waitForURL(`${BASE}/messages`)
  await row.click()
  await lp.waitForURL(`${BASE}/messages/${londoGroup}`)
  await eventually(async () => assert.deepEqual(await messageTexts(lp), [sent.londo_first, sent.londo_second]))
  await sendWithEnter(lp, sent.londo_reply)
  await eventually(async () => assert.equal((await lastMessage(lp)).text, sent.londo_reply))

  // andrewbrown's open conversation gets the reply by polling.
  await eventually(async () => {
    const last = await lastMessage(ap)
    assert.equal(last.text, sent.londo_reply)
    assert.equal(last.handle, '@londo')
    assert.equal(last.mine, false, "londo's message is not styled as andrewbrown's")
  }, 15000)
  assert.deepEqual(await messageTexts(ap), [sent.londo_first, sent.londo_second, sent.londo_reply])
  await eventually(async () =>
    assert.equal(await inboxRow(ap, 'londo').locator('.inbox-row-message').innerText(), sent.londo_reply),
  )
  await assertNotReloaded(ap)
  // londo has read everything now: the badge goes away.
  await eventually(async () => assert.equal(await lp.getByTestId('unread-badge').count(), 0), 15000)

  if (SENT_FILE) writeFileSync(SENT_FILE, JSON.stringify({ ...sent, bayko_group: baykoGroup, londo_group: londoGroup }))
})

test('unknown paths show a not-found view, not a blank page', async () => {
  const page = await alice.context.newPage()
  watch(page, 'andrewbrown (second tab)')
  try {
    await page.goto(`${BASE}/no/such/page`)
    await page.getByRole('heading', { name: 'Page not found' }).waitFor()
    assert.ok(await page.getByRole('link', { name: 'Go to your messages' }).isVisible())
    assert.ok(await page.locator('.navbar').isVisible(), 'the navigation bar is still there')
    await shot(page, 'not-found-desktop')

    await page.goto(`${BASE}/messages/00000000-0000-4000-8000-000000000000`)
    await page.getByText('This conversation does not exist, or you are not part of it.').waitFor()

    await page.getByRole('link', { name: 'Back to your messages' }).click()
    await page.waitForURL(`${BASE}/messages`)
    await inboxRow(page, 'londo').waitFor()
  } finally {
    await page.close()
  }
})

test('no script errors on any page so far', () => {
  assert.deepEqual(problems, [])
})

test('the server stops: the "server down" banner shows and a send says it was not sent', { skip: !STOP_SERVER_FILE && 'STOP_SERVER_FILE is not set' }, async () => {
  const { page } = alice
  assert.equal(await page.getByTestId('server-down').count(), 0)
  writeFileSync(STOP_SERVER_FILE, 'stop\n')
  const banner = page.getByTestId('server-down')
  await banner.waitFor({ timeout: 20000 })
  assert.match(await banner.innerText(), /Cannot reach the Cruddur server/)
  // What was on the page stays.
  assert.equal((await lastMessage(page)).text, sent.londo_reply)
  assert.ok(await inboxRow(page, 'londo').isVisible())
  // The banner pushes the page down without pushing the composer out of the window.
  const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)
  assert.ok(overflow <= 0, `with the banner the page is ${overflow}px taller than the window`)
  assert.ok(await page.getByTestId('composer-send').isVisible())
  await shot(page, 'server-down-desktop')

  const text = `Sent while the server is down (${run})`
  await sendWithEnter(page, text)
  const error = page.getByTestId('composer-error')
  await error.waitFor({ timeout: 15000 })
  assert.match(await error.innerText(), /Not sent: cannot reach the Cruddur server/)
  assert.equal(await page.getByTestId('composer-text').inputValue(), text, 'the text is kept to try again')
  assert.ok(!(await messageTexts(page)).includes(text))
  await shot(page, 'not-sent-desktop')
  assert.ok(existsSync(STOP_SERVER_FILE))
})
