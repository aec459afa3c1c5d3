// Browser tests of the Cruddur pages, second of the files tests/web/test_pages.py runs in order
// against one `cruddur serve` (see harness.mjs): the conversation page. andrewbrown reads the
// seeded conversation with bayko (history, the composer, the "New messages" cue), bayko writes on
// a phone (touch Enter), andrewbrown sends links and sends in the send states (pending, lost
// answer, failed and retried) and answers bayko. Expects the seed as signin.test.mjs leaves it.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  BASE,
  SEEDED_MESSAGES,
  LINK,
  LINK2,
  SENT as sent,
  PHONE,
  problems,
  launch,
  close,
  eventually,
  newPage,
  shot,
  signIn,
  signedInPage,
  groupWith,
  recordSent,
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
  assertContrast,
  assertGrouped,
  sendWithEnter,
  scrolledToBottom,
} from './harness.mjs'

// andrewbrown's desktop page, at /messages to begin with, shared by the tests in order.
let alice // { context, page }
let baykoGroup // the seeded conversation's uuid

before(async () => {
  await launch()
  alice = await signedInPage('andrewbrown')
  baykoGroup = await groupWith(alice.page, 'bayko')
})

after(close)

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

  const { bayko_answer, bayko_news, bayko_touch, links, slow, lost_answer, retried } = sent
  recordSent({ bayko_answer, bayko_news, bayko_touch, links, slow, lost_answer, retried, bayko_group: baykoGroup })
})

test('no script errors on any page so far', () => {
  assert.deepEqual(problems, [])
})
