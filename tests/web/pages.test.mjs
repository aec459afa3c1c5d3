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
import { existsSync, writeFileSync } from 'node:fs'
import {
  BASE,
  SCREENSHOT_DIR,
  STOP_SERVER_FILE,
  SENT_FILE,
  CHROMIUM,
  PASSWORD,
  SEEDED_MESSAGES,
  UUID,
  RELATIVE_TIME,
  DESKTOP,
  PHONE,
  problems,
  launch,
  close,
  eventually,
  newPage,
  watch,
  shot,
  signIn,
  api,
  inboxRow,
  messages,
  messageTexts,
  messageTimes,
  assertAscending,
  lastMessage,
  messageWith,
  focusedTestId,
  apiToken,
  apiSend,
  lowContrast,
  assertContrast,
  counterAskedAfter,
  assertGrouped,
  sendWithEnter,
  markPage,
  assertNotReloaded,
  scrolledToBottom,
} from './harness.mjs'

const run = Date.now().toString(36)
const LINK = 'https://example.com/docs/page?a=1&b=2'
const LINK2 = 'http://example.org/wiki/Cruddur_(app)'
const sent = {
  bayko_answer: `Answer to bayko from the browser test (${run})`,
  bayko_news: [`Bayko writes while andrewbrown reads old messages (${run})`, `And once more, right after (${run})`],
  bayko_touch: `Line one from a phone (${run})\nline two, same message`,
  links: `Links (${run}): ${LINK}. And (see ${LINK2}). Not links: javascript:alert(1) data:text/html,<b>x</b> <img src=x onerror=alert(1)>`,
  slow: `Sent over a slow network (${run})`,
  lost_answer: `Stored, but its answer got lost (${run})`,
  retried: `Not sent at first, then retried (${run})`,
  londo_first: `Hello Londo, first message from the browser test (${run})`,
  londo_second: `Are you there, Londo? (${run})`,
  londo_reply: `Mollari here. Reply from the second browser (${run})`,
}


// andrewbrown's desktop page and londo's, shared by the tests in order.
let alice // { context, page }
let londo
let baykoGroup // the seeded conversation's uuid
let londoGroup // the conversation created by the first message to londo

before(async () => {
  assert.ok(BASE, 'BASE_URL is set')
  await launch()
})

after(close)

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
      await assertContrast(page, `the sign-in page (${label})`)

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
      await assertContrast(page, `the inbox (${label})`)

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
      await assertContrast(page, `the conversation (${label})`)

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
      await assertContrast(page, `a new conversation (${label})`)
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
  await eventually(async () => assert.equal(await focusedTestId(page), 'composer-text', 'the message box has the focus'))
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
  // By day (the seed is a day old), one name line per run of messages from the same person.
  assert.equal(await page.getByTestId('day-separator').first().innerText(), 'Yesterday')
  await assertGrouped(page)

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
  // On a desktop Shift+Enter starts a new line and does not send.
  await box.fill('Two')
  await box.press('Shift+Enter')
  await box.pressSequentially('lines')
  assert.equal(await box.inputValue(), 'Two\nlines')
  await new Promise((resolve) => setTimeout(resolve, 300))
  assert.equal(await messages(page).count(), SEEDED_MESSAGES, 'Shift+Enter did not send')

  await box.fill('')
  assert.equal(await counter.innerText(), '1024')
  assert.equal(await button.isDisabled(), true)
})

test('reading older history: what arrives shows "New messages ↓" instead of moving the page', async () => {
  const { page } = alice
  const scroller = page.locator('.message-scroll')
  await scroller.evaluate((el) => {
    el.scrollTop = 0
  })
  await page.getByText('Beginning of the conversation').waitFor()
  assert.equal(await page.getByTestId('new-messages').count(), 0)

  const bayko = await apiToken('bayko')
  for (const text of sent.bayko_news) await apiSend(bayko, { message: text, message_group_uuid: baykoGroup })
  const pill = page.getByTestId('new-messages')
  await pill.waitFor({ timeout: 10000 })
  assert.match(await pill.innerText(), /New messages/)
  await eventually(async () => assert.deepEqual((await messageTexts(page)).slice(-2), sent.bayko_news))
  assert.equal(await scrolledToBottom(page), false, 'the page did not jump to the newest message')
  assert.ok(await page.getByText('Beginning of the conversation').isVisible(), 'the reader stays where they were')
  await shot(page, 'new-messages-desktop')
  await assertContrast(page, 'the "New messages" pill')

  await pill.click()
  await eventually(async () => assert.ok(await scrolledToBottom(page), 'the click scrolls to the newest message'))
  assert.equal(await pill.count(), 0, 'the pill goes away')
  assert.ok(await messageWith(page, sent.bayko_news[1]).isVisible())
  // Today's messages under their own day; bayko's two under one name line.
  assert.equal(await page.getByTestId('day-separator').last().innerText(), 'Today')
  assert.equal(await messageWith(page, sent.bayko_news[1]).locator('.message-meta').count(), 0)
  await assertGrouped(page)
})

test('a phone (touch): Enter starts a new line and does not send, the Message button sends', async () => {
  const phone = await newPage(PHONE, 'bayko (phone)')
  const { page } = phone
  try {
    await signIn(page, 'bayko')
    assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'a touch screen')
    await inboxRow(page, 'andrewbrown').click()
    await page.waitForURL(`${BASE}/messages/${baykoGroup}`)
    await eventually(async () => assert.equal((await lastMessage(page)).text, sent.bayko_news[1]))
    const count = await messages(page).count()
    const box = page.getByTestId('composer-text')
    const [one, two] = sent.bayko_touch.split('\n')
    await box.tap()
    await box.pressSequentially(one)
    await box.press('Enter')
    await box.pressSequentially(two)
    assert.equal(await box.inputValue(), sent.bayko_touch, 'Enter put a line break in the text')
    await new Promise((resolve) => setTimeout(resolve, 500))
    assert.equal(await messages(page).count(), count, 'Enter did not send')
    await shot(page, 'composer-touch-phone')

    await page.getByTestId('composer-send').tap()
    await eventually(async () => {
      const last = await lastMessage(page)
      assert.equal(last.text, sent.bayko_touch)
      assert.ok(last.mine)
    })
    assert.equal(await box.inputValue(), '')
    // andrewbrown, at the bottom of the conversation, gets it in place.
    await eventually(async () => assert.equal((await lastMessage(alice.page)).text, sent.bayko_touch), 15000)
    assert.equal(await alice.page.getByTestId('new-messages').count(), 0)
  } finally {
    await phone.context.close()
  }
})

test('links: only http(s) URLs become links, opening in a new tab; the rest stays text', async () => {
  const { page } = alice
  await sendWithEnter(page, sent.links)
  const message = messageWith(page, sent.links)
  await eventually(async () => assert.equal(await message.getAttribute('data-status'), 'sent'))
  assert.equal(await message.getByTestId('message-text').innerText(), sent.links, 'the text is shown as it was written')
  const links = message.getByTestId('message-text').locator('a')
  assert.equal(await links.count(), 2)
  for (const [i, url] of [LINK, LINK2].entries()) {
    const a = links.nth(i)
    assert.equal(await a.getAttribute('href'), url)
    assert.equal(await a.innerText(), url, 'the link text is the URL, without the sentence punctuation')
    assert.equal(await a.getAttribute('target'), '_blank')
    assert.equal(await a.getAttribute('rel'), 'noopener noreferrer')
  }
  assert.equal(await message.locator('img, b, script').count(), 0, 'markup in a message is not markup')
  const unsafe = await page
    .locator('.message-list a')
    .evaluateAll((els) => els.filter((a) => !/^https?:$/.test(new URL(a.href).protocol)).map((a) => a.href))
  assert.deepEqual(unsafe, [], 'no link other than http(s)')
  await assertContrast(page, 'the conversation with links and own messages')
})

test('sending: pending then sent; a lost answer is retried with the same key (one copy); failed with Retry', async () => {
  const { page } = alice
  const box = page.getByTestId('composer-text')
  const draftKey = `cruddur.draft.andrewbrown.g:${baykoGroup}`
  const keys = []

  // Slow: the message shows as pending at once, then as sent; the draft is gone once sent.
  await page.route('**/api/messages', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback()
    keys.push(route.request().headers()['idempotency-key'])
    await new Promise((resolve) => setTimeout(resolve, 1500))
    await route.continue()
  })
  await box.fill(sent.slow)
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), draftKey), sent.slow, 'kept as a draft')
  await box.press('Enter')
  const slow = messageWith(page, sent.slow)
  await slow.waitFor()
  assert.equal(await slow.getAttribute('data-status'), 'pending')
  assert.equal(await slow.getByTestId('message-status').innerText(), 'Sending…')
  assert.equal(await box.inputValue(), '', 'the box is free for the next message')
  await shot(page, 'message-pending-desktop')
  await assertContrast(page, 'a pending message')
  await eventually(async () => assert.equal(await slow.getAttribute('data-status'), 'sent'))
  assert.equal(await slow.getByTestId('message-status').innerText(), 'Sent')
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), draftKey), null, 'the draft is cleared once sent')
  await page.unroute('**/api/messages')

  // The first attempt reaches the server but its answer is lost: the automatic retry carries
  // the same Idempotency-Key and the message is stored and shown once.
  keys.length = 0
  await page.route('**/api/messages', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback()
    keys.push(route.request().headers()['idempotency-key'])
    if (keys.length > 1) return route.continue()
    await route.fetch()
    await route.abort('connectionreset')
  })
  await sendWithEnter(page, sent.lost_answer)
  await eventually(async () => assert.equal(await messageWith(page, sent.lost_answer).getAttribute('data-status'), 'sent'))
  assert.ok(keys.length >= 2 && keys.every((k) => k === keys[0]), `one key for every attempt: ${keys}`)
  await page.unroute('**/api/messages')

  // No attempt gets through: the message stays, failed, with Retry; Retry sends it once.
  keys.length = 0
  await page.route('**/api/messages', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback()
    keys.push(route.request().headers()['idempotency-key'])
    await route.abort('internetdisconnected')
  })
  await sendWithEnter(page, sent.retried)
  const failed = messageWith(page, sent.retried)
  await eventually(async () => assert.equal(await failed.getAttribute('data-status'), 'failed'), 15000)
  assert.match(await failed.getByTestId('message-status').innerText(), /Not sent: cannot reach the Cruddur server/)
  await shot(page, 'message-failed-desktop')
  await assertContrast(page, 'a message that was not sent')
  await page.unroute('**/api/messages')
  const retryKeys = []
  const onRequest = (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/messages') retryKeys.push(req.headers()['idempotency-key'])
  }
  page.on('request', onRequest)
  await failed.getByTestId('message-retry').click()
  await eventually(async () => assert.equal(await failed.getAttribute('data-status'), 'sent'))
  page.off('request', onRequest)
  assert.deepEqual(retryKeys, [keys[0]], 'Retry sends once more with the same key')

  const stored = (await api(page, `/api/messages/${baykoGroup}`)).map((m) => m.message)
  for (const text of [sent.slow, sent.lost_answer, sent.retried]) {
    assert.equal(stored.filter((m) => m === text).length, 1, `stored once: ${text}`)
    assert.equal(await messageWith(page, text).count(), 1, `shown once: ${text}`)
  }
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

test('"New message" suggests people as londo types; picking one opens /messages/new/<handle>; a draft survives a reload', async () => {
  const { page } = londo
  const searches = []
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === '/api/users/search') searches.push(new URL(req.url()).searchParams.get('q'))
  })
  await page.getByTestId('new-message-button').click()
  const input = page.getByTestId('new-message-handle')
  assert.equal(await input.getAttribute('role'), 'combobox')
  assert.equal(await input.getAttribute('aria-expanded'), 'false')
  await input.pressSequentially('andrew', { delay: 30 })
  const list = page.getByRole('listbox')
  await list.waitFor()
  const options = list.getByRole('option')
  await eventually(async () =>
    assert.deepEqual((await options.evaluateAll((els) => els.map((e) => e.dataset.handle))).sort(), ['andrewbrown', 'bayko']),
  )
  assert.match(await options.filter({ hasText: '@bayko' }).innerText(), /Andrew Bayko/, 'a display name matches too')
  assert.equal(await list.getByText('Recent').count(), 0, 'londo has no conversations yet')
  assert.ok(searches.length >= 1 && searches.length <= 2, `typing quickly asks once or twice, not per key: ${searches}`)
  assert.equal(searches.at(-1), 'andrew')
  assert.equal(await input.getAttribute('aria-expanded'), 'true')
  assert.equal(await input.getAttribute('aria-controls'), await list.getAttribute('id'))
  await assertContrast(page, 'the suggestions')
  await shot(page, 'suggestions-desktop')

  // The keyboard: down, down, up; the active option is the one announced.
  const activeHandle = async () => {
    const id = await input.getAttribute('aria-activedescendant')
    if (!id) return null
    const option = page.locator(`[id="${id}"]`)
    assert.equal(await option.getAttribute('aria-selected'), 'true')
    return option.getAttribute('data-handle')
  }
  const order = await options.evaluateAll((els) => els.map((e) => e.dataset.handle))
  assert.equal(await activeHandle(), null)
  await input.press('ArrowDown')
  assert.equal(await activeHandle(), order[0])
  await input.press('ArrowDown')
  assert.equal(await activeHandle(), order[1])
  await input.press('ArrowUp')
  assert.equal(await activeHandle(), order[0])
  await input.press('Escape')
  assert.equal(await list.count(), 0, 'Escape closes the list')
  assert.ok(await input.isVisible(), '... and leaves the form open')
  assert.equal(await input.getAttribute('aria-activedescendant'), null)

  // A narrower text narrows the list; a click picks.
  await input.fill('Andrew Ba')
  await eventually(async () => assert.deepEqual(await options.evaluateAll((els) => els.map((e) => e.dataset.handle)), ['bayko']))
  await options.first().click()
  await page.waitForURL(`${BASE}/messages/new/bayko`)
  await page.getByTestId('recipient').filter({ hasText: '@bayko' }).waitFor()

  // The unsent text of a new conversation survives a reload.
  const box = page.getByTestId('composer-text')
  await eventually(async () => assert.equal(await focusedTestId(page), 'composer-text'))
  await box.fill('A draft for bayko,\nnot sent yet')
  await page.reload()
  await page.getByTestId('recipient').filter({ hasText: '@bayko' }).waitFor()
  assert.equal(await page.getByTestId('composer-text').inputValue(), 'A draft for bayko,\nnot sent yet')
  await page.getByTestId('composer-text').fill('')
  await page.getByRole('link', { name: /^Messages/ }).click()
  await page.waitForURL(`${BASE}/messages`)
  await page.getByText('No conversations yet').waitFor()
  await markPage(page)
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

test('"New message" offers recent contacts first; picking one opens the conversation there is', async () => {
  const { page } = alice
  await page.getByTestId('new-message-button').click()
  const input = page.getByTestId('new-message-handle')
  const options = page.getByRole('listbox').getByRole('option')

  await input.fill('ba')
  await eventually(async () => assert.deepEqual(await options.evaluateAll((els) => els.map((e) => e.dataset.handle)), ['bayko']))
  assert.match(await options.first().innerText(), /Recent/, 'bayko is a recent contact')
  await input.press('ArrowDown')
  await input.press('Enter')
  await page.waitForURL(`${BASE}/messages/${baykoGroup}`)
  await eventually(async () => assert.equal((await lastMessage(page)).text, sent.bayko_answer))

  await page.getByTestId('new-message-button').click()
  await input.fill('@LON')
  await eventually(async () => assert.deepEqual(await options.evaluateAll((els) => els.map((e) => e.dataset.handle)), ['londo']))
  await new Promise((resolve) => setTimeout(resolve, 500)) // the server's answer is in too
  assert.deepEqual(await options.evaluateAll((els) => els.map((e) => e.dataset.handle)), ['londo'], 'once only')
  await options.first().click()
  await page.waitForURL(`${BASE}/messages/${londoGroup}`)
  await eventually(async () => assert.equal((await lastMessage(page)).text, sent.londo_first))
  await assertNotReloaded(page)

  // londo now has andrewbrown in the inbox: offered first, before what the server finds.
  const lp = londo.page
  await inboxRow(lp, 'andrewbrown').waitFor({ timeout: 15000 })
  await lp.getByTestId('new-message-button').click()
  const theirs = lp.getByRole('listbox').getByRole('option')
  await lp.getByTestId('new-message-handle').fill('andrew')
  await eventually(async () =>
    assert.deepEqual(await theirs.evaluateAll((els) => els.map((e) => e.dataset.handle)), ['andrewbrown', 'bayko']),
  )
  assert.match(await theirs.nth(0).innerText(), /Recent/)
  assert.doesNotMatch(await theirs.nth(1).innerText(), /Recent/)
  await lp.getByTestId('new-message-handle').press('Escape')
  await lp.getByTestId('new-message-handle').press('Escape')
  assert.equal(await lp.getByTestId('new-message-handle').count(), 0, 'a second Escape closes the form')
  await assertNotReloaded(lp)
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

  if (SENT_FILE) writeFileSync(SENT_FILE, JSON.stringify({ ...sent, bayko_group: baykoGroup, londo_group: londoGroup }))
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
  const failed = messageWith(page, text)
  await eventually(async () => assert.equal(await failed.getAttribute('data-status'), 'failed'), 15000)
  assert.match(await failed.getByTestId('message-status').innerText(), /Not sent: cannot reach the Cruddur server/)
  assert.ok(await failed.getByTestId('message-retry').isVisible(), 'the text is kept to try again')
  assert.equal(await page.getByTestId('composer-text').inputValue(), '')
  await shot(page, 'not-sent-desktop')
  await assertContrast(page, 'the server-down banner and a failed message')
  assert.ok(existsSync(STOP_SERVER_FILE))
})
