// Browser tests of the Cruddur pages, fourth of the files tests/web/test_pages.py runs in order
// against one `cruddur serve` (see harness.mjs): unread state and sessions. londo's unread row and
// badge and andrewbrown seeing londo's reply without reload; bayko's messages reaching londo's page
// from the event stream, without polling, and again after the stream was cut; drafts per
// conversation and per user; sessions renewed and ended; the not-found views. Expects what the
// files before sent: the conversation with londo holding andrewbrown's first message only, unread
// by londo.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  RUN as run,
  BASE,
  SENT as sent,
  DESKTOP,
  problems,
  launch,
  close,
  eventually,
  newPage,
  watch,
  shot,
  signIn,
  signedInPage,
  groupWith,
  api,
  recordSent,
  inboxRow,
  messageTexts,
  lastMessage,
  assertContrast,
  counterAskedAfter,
  sendWithEnter,
  markPage,
  assertNotReloaded,
  live,
  cuttableEvents,
  recordCalls,
  messageWith,
} from './harness.mjs'

// andrewbrown's desktop page, in the conversation with londo, and londo's, at londo's inbox;
// shared by the tests in order.
let alice // { context, page }
let londo
let baykoGroup // the seeded conversation's uuid
let londoGroup // the conversation andrewbrown started with londo (people.test.mjs)
// The event stream tests: londo's page with its stream through a proxy, bayko's, their conversation.
let events
let live1
let live2
let liveGroup

before(async () => {
  await launch()
  alice = await signedInPage('andrewbrown')
  baykoGroup = await groupWith(alice.page, 'bayko')
  londoGroup = await groupWith(alice.page, 'londo')
  await alice.page.goto(`${BASE}/messages/${londoGroup}`)
  await eventually(async () => assert.equal((await lastMessage(alice.page)).text, sent.londo_first))
  await markPage(alice.page)
  londo = await signedInPage('londo')
  await markPage(londo.page)
})

after(async () => {
  events?.close()
  await close()
})

test("londo's browser: an unread row, bold with a count, the badge; both clear on opening; a reply andrewbrown sees without reload", async () => {
  const lp = londo.page
  const ap = alice.page

  // The inbox picks the new conversation up by itself: unread, bold, with its count.
  const row = inboxRow(lp, 'andrewbrown')
  const pill = row.getByTestId('unread-count')
  const badge = lp.getByTestId('unread-badge')
  await eventually(async () => assert.equal(await row.locator('.inbox-row-message').innerText(), sent.londo_first), 15000)
  assert.match(await row.innerText(), /Andrew Brown/)
  await assertNotReloaded(lp)
  await eventually(async () => assert.equal(await pill.innerText(), '1'), 15000)
  assert.match((await row.getAttribute('class')) || '', /inbox-row-unread/)
  const weight = await row.locator('.inbox-row-message').evaluate((el) => Number(getComputedStyle(el).fontWeight))
  assert.ok(weight >= 700, `the unread row is bold (font-weight ${weight})`)
  await eventually(async () => assert.equal(await badge.innerText(), '1'), 10000)

  // Another message: both counts go up.
  await sendWithEnter(ap, sent.londo_second)
  await eventually(async () => assert.equal((await lastMessage(ap)).text, sent.londo_second))
  await eventually(async () => {
    assert.equal(await pill.innerText(), '2')
    assert.equal(await badge.innerText(), '2')
  }, 15000)
  assert.match(await row.innerText(), /2 unread messages/, 'the count is told to screen readers')
  await shot(lp, 'inbox-unread-desktop')
  await assertContrast(lp, 'the inbox with an unread conversation')

  // londo opens the conversation: the row's count goes at once, the badge right after reading.
  const badgeAsked = counterAskedAfter(lp, (res) => new URL(res.url()).pathname === `/api/messages/${londoGroup}`)
  await row.click()
  await lp.waitForURL(`${BASE}/messages/${londoGroup}`)
  assert.equal(await pill.count(), 0, 'no count on the open conversation')
  await eventually(async () => assert.deepEqual(await messageTexts(lp), [sent.londo_first, sent.londo_second]))
  await badgeAsked
  await eventually(async () => assert.equal(await badge.count(), 0, 'the badge clears right after reading'), 2500)
  await lp.getByRole('link', { name: /^Messages/ }).click()
  await lp.waitForURL(`${BASE}/messages`)
  assert.equal(await pill.count(), 0)
  assert.doesNotMatch((await row.getAttribute('class')) || '', /inbox-row-unread/, 'no longer bold')
  await row.click()
  await lp.waitForURL(`${BASE}/messages/${londoGroup}`)
  await eventually(async () => assert.equal((await lastMessage(lp)).text, sent.londo_second))
  const askedAfterSend = counterAskedAfter(
    lp,
    (res) => res.request().method() === 'POST' && new URL(res.url()).pathname === '/api/messages',
  )
  await sendWithEnter(lp, sent.londo_reply)
  await askedAfterSend
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

  recordSent({ londo_second: sent.londo_second, londo_reply: sent.londo_reply })
})

// bayko sends `text` from his page; londo's page (live1), its event stream open, shows it in the
// open conversation within a second without fetching it: no inbox request, and the conversation's
// only request (loading its newest page is what marks it read) after the message was shown.
async function arrivesLive(text) {
  const lp = live1.page
  await live(lp)
  await new Promise((resolve) => setTimeout(resolve, 2000)) // what the stream's opening asked for is back
  const calls = await recordCalls(lp, text)
  const start = Date.now()
  await sendWithEnter(live2.page, text)
  await eventually(async () => assert.equal((await lastMessage(lp)).text, text), 1000, 20)
  const took = Date.now() - start
  assert.ok(took <= 1000, `shown ${took} ms after the send`)
  assert.equal((await lastMessage(lp)).handle, '@bayko')
  const row = inboxRow(lp, 'bayko')
  assert.equal(await row.locator('.inbox-row-message').innerText(), text, 'the inbox row follows')
  assert.equal(await row.getByTestId('unread-count').count(), 0, 'the open conversation has no count')
  assert.equal(await lp.locator('.shell').getAttribute('data-live'), 'true', 'the stream stayed open')
  const made = await calls()
  assert.deepEqual(made.filter((c) => c.path === '/api/message_groups'), [], 'the inbox was not polled')
  const fetched = made.filter((c) => c.path === `/api/messages/${liveGroup}`)
  assert.ok(fetched.every((c) => c.shown), `the conversation was not polled for it: ${JSON.stringify(made)}`)
  assert.deepEqual(made.filter((c) => c.path === '/api/events'), [], 'no new stream')
  // Read on the server too (no badge here, nor on londo's other pages).
  await eventually(async () => assert.equal((await api(lp, '/api/messages/counter')).count, 0), 3000)
  assert.equal(await lp.getByTestId('unread-badge').count(), 0)
  assert.equal(await messageWith(live2.page, text).count(), 1, "shown once on bayko's page, which got it twice")
  return calls
}

test("the event stream: bayko's messages reach londo's inbox, badge and open conversation at once, without polling", async () => {
  live1 = await newPage(DESKTOP, 'londo (events)')
  events = await cuttableEvents(live1.page)
  await signIn(live1.page, 'londo')
  await markPage(live1.page)
  live2 = await signedInPage('bayko')
  const [lp, bp] = [live1.page, live2.page]
  await live(lp)
  await live(bp)
  await new Promise((resolve) => setTimeout(resolve, 2000))

  // A new conversation: its row comes in at the top, unread, and the badge counts it.
  await bp.goto(`${BASE}/messages/new/londo`)
  await bp.locator('.conversation-header').getByText('Londo Mollari').waitFor()
  await live(bp)
  const calls = await recordCalls(lp, sent.live[0])
  const start = Date.now()
  await sendWithEnter(bp, sent.live[0])
  const row = inboxRow(lp, 'bayko')
  await eventually(async () => {
    assert.equal(await row.locator('.inbox-row-message').innerText(), sent.live[0])
    assert.equal(await row.getByTestId('unread-count').innerText(), '1')
    assert.equal(await lp.getByTestId('unread-badge').innerText(), '1')
  }, 1000, 20)
  assert.ok(Date.now() - start <= 1000, `shown ${Date.now() - start} ms after the send`)
  assert.equal(await row.locator('time').innerText(), 'now')
  assert.deepEqual((await calls()).filter((c) => c.path === '/api/message_groups'), [], 'the inbox was not polled')
  await bp.waitForURL(/\/messages\/[0-9a-f-]{36}$/)
  liveGroup = bp.url().split('/').pop()

  // Open there, then the next one shows in the conversation.
  await row.click()
  await eventually(async () => assert.equal((await lastMessage(lp)).text, sent.live[0]))
  await eventually(async () => assert.equal(await lp.getByTestId('unread-badge').count(), 0))
  const quiet = await arrivesLive(sent.live[1])

  // Nothing happening: nothing asked for (the inbox polls every 3 s, the conversation every 2 s).
  const before = (await quiet()).length
  await new Promise((resolve) => setTimeout(resolve, 3500))
  assert.deepEqual((await quiet()).slice(before), [], 'no polling while the stream is open')
  await assertNotReloaded(lp)
})

test('the event stream cut: the page polls meanwhile, reconnects with the last event id and gets the next message from the stream', async () => {
  const lp = live1.page
  const lastId = events.lastId
  assert.ok(lastId, 'events came through the proxy')
  const attempts = events.attempts.length
  events.refuse = 1 // the first reconnect fails too
  const polled = lp.waitForRequest((req) => new URL(req.url()).pathname === `/api/messages/${liveGroup}`, {
    timeout: 4000,
  })
  events.cut()
  await lp.locator('.shell[data-live="false"]').waitFor({ timeout: 2000 })
  await polled

  // Sent while the stream is down: the page gets it anyway.
  await sendWithEnter(live2.page, sent.live[2])
  await eventually(async () => assert.equal((await lastMessage(lp)).text, sent.live[2]), 5000)
  await live(lp)
  const again = events.attempts.slice(attempts)
  assert.deepEqual(again, [lastId, lastId], 'a refused attempt, then one that went through: with Last-Event-ID')

  await arrivesLive(sent.live[3])
  assert.deepEqual(await messageTexts(lp), sent.live, 'each once, in order')
  await assertNotReloaded(lp)
})

test("drafts: kept per conversation and per user, through a reload and signing in again", async () => {
  const { context, page } = await newPage(DESKTOP, 'andrewbrown (drafts)')
  const draft = `Half-written answer (${run}),\nsecond line`
  const box = page.getByTestId('composer-text')
  const open = async (group, last) => {
    await page.goto(`${BASE}/messages/${group}`)
    await eventually(async () => assert.equal((await lastMessage(page)).text, last))
  }
  try {
    await signIn(page, 'andrewbrown')
    await open(baykoGroup, sent.bayko_answer)
    await box.fill(draft)
    await page.reload()
    await eventually(async () => assert.equal((await lastMessage(page)).text, sent.bayko_answer))
    assert.equal(await box.inputValue(), draft, 'the draft survives a reload')
    assert.equal(await page.getByTestId('composer-counter').innerText(), String(1024 - [...draft].length))

    await open(londoGroup, sent.londo_reply)
    assert.equal(await box.inputValue(), '', 'another conversation has its own draft')

    // Someone else signing in on this browser does not see it, even in the same conversation.
    await page.getByTestId('signout').click()
    await page.waitForURL(/\/sign-in/)
    await signIn(page, 'bayko')
    await open(baykoGroup, sent.bayko_answer)
    assert.equal(await box.inputValue(), '', "andrewbrown's draft is not bayko's")
    await page.getByTestId('signout').click()
    await page.waitForURL(/\/sign-in/)

    await signIn(page, 'andrewbrown')
    await open(baykoGroup, sent.bayko_answer)
    assert.equal(await box.inputValue(), draft, 'the draft is there after signing in again')
    await box.fill('')
    await page.reload()
    await eventually(async () => assert.equal((await lastMessage(page)).text, sent.bayko_answer))
    assert.equal(await box.inputValue(), '', 'an emptied box leaves no draft')
  } finally {
    await context.close()
  }
})

test('sessions: a refused ID token is renewed and the request retried; one close to expiry is renewed early; a refused refresh token signs out with a notice', async () => {
  const { context, page } = await newPage(DESKTOP, 'andrewbrown (sessions)')
  const session = () =>
    page.evaluate(() => ({
      token: localStorage.getItem('cruddur.id_token'),
      refresh: localStorage.getItem('cruddur.refresh_token'),
      expiresAt: Number(localStorage.getItem('cruddur.expires_at')),
    }))
  try {
    await signIn(page, 'andrewbrown')
    const first = await session()
    assert.ok(first.refresh, 'the refresh token is kept with the session')
    assert.ok(Math.abs(first.expiresAt - (Date.now() + 3600 * 1000)) < 60000, 'the ID token expires in an hour')

    // An ID token the server refuses (401): renewed once, the request sent again.
    await page.evaluate(() => localStorage.setItem('cruddur.id_token', 'not-a-token'))
    await page.reload()
    await inboxRow(page, 'bayko').waitFor()
    assert.equal(new URL(page.url()).pathname, '/messages', 'still signed in')
    const renewed = await session()
    assert.match(renewed.token, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'a new ID token')
    assert.equal(renewed.refresh, first.refresh)

    // An ID token with a minute left: renewed ahead of its expiry, without waiting for a 401.
    const refusals = []
    const renewals = []
    page.on('response', (res) => {
      if (res.status() === 401) refusals.push(res.url())
      if (new URL(res.url()).pathname === '/api/auth/refresh') renewals.push(res.status())
    })
    await page.evaluate(() => localStorage.setItem('cruddur.expires_at', String(Date.now() + 60000)))
    await page.reload()
    await inboxRow(page, 'bayko').waitFor()
    await eventually(async () => {
      assert.deepEqual(renewals, [200], 'renewed once')
      assert.ok((await session()).expiresAt > Date.now() + 3000 * 1000, 'a fresh hour')
    }, 10000)
    assert.deepEqual(refusals, [], 'no request was refused')

    // Refresh refused too: signed out cleanly, to the sign-in page with a notice.
    await page.evaluate(() => {
      localStorage.setItem('cruddur.id_token', 'not-a-token')
      localStorage.setItem('cruddur.refresh_token', 'not-a-refresh-token')
    })
    await page.reload()
    await page.waitForURL(/\/sign-in\?next=%2Fmessages$/)
    const notice = page.getByTestId('signin-notice')
    await notice.waitFor()
    assert.match(await notice.innerText(), /session has ended/i)
    const after = await session()
    assert.deepEqual([after.token, after.refresh], [null, null], 'the session is cleared')
    await shot(page, 'session-ended-desktop')
  } finally {
    await context.close()
  }
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
