// Browser tests of the Cruddur pages, third of the files tests/web/test_pages.py runs in order
// against one `cruddur serve` (see harness.mjs): people and new conversations. londo signs in to
// an empty inbox and gets suggestions in "New message"; andrewbrown starts a conversation with
// londo, then picks people he talks to from the suggestions. Expects what conversation.test.mjs
// sent (andrewbrown's answer to bayko last) and that londo has no conversation yet.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  BASE,
  SENT as sent,
  UUID,
  DESKTOP,
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
  inboxRow,
  messages,
  lastMessage,
  focusedTestId,
  assertContrast,
  sendWithEnter,
  markPage,
  assertNotReloaded,
} from './harness.mjs'

// andrewbrown's desktop page and londo's, shared by the tests in order.
let alice // { context, page }
let londo
let baykoGroup // the seeded conversation's uuid
let londoGroup // the conversation created by the first message to londo

before(async () => {
  await launch()
  alice = await signedInPage('andrewbrown')
  baykoGroup = await groupWith(alice.page, 'bayko')
})

after(close)

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

  recordSent({ londo_first: sent.londo_first, londo_group: londoGroup })
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

test('no script errors on any page so far', () => {
  assert.deepEqual(problems, [])
})
