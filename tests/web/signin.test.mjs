// Browser tests of the Cruddur pages, first of the files tests/web/test_pages.py runs in order
// against one `cruddur serve` (see harness.mjs): the sign-in page and the inbox, and screenshots
// of the main pages while the data is exactly the seed. Sends nothing.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  BASE,
  PASSWORD,
  RELATIVE_TIME,
  DESKTOP,
  PHONE,
  problems,
  launch,
  close,
  eventually,
  newPage,
  shot,
  signIn,
  api,
  inboxRow,
  messages,
  assertContrast,
  scrolledToBottom,
} from './harness.mjs'

before(launch)
after(close)

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
  const { page } = await newPage(DESKTOP, 'andrewbrown')
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

  const row = inboxRow(page, 'bayko')
  await row.waitFor()
  assert.match(await row.innerText(), /Andrew Bayko/)
  assert.equal(await row.locator('.handle').innerText(), '@bayko')
  assert.equal(await row.locator('.inbox-row-message').innerText(), expected.message)
  const time = row.locator('time')
  assert.match(await time.innerText(), RELATIVE_TIME)
  assert.equal(await time.getAttribute('datetime'), expected.created_at)
})

test('no script errors on any page so far', () => {
  assert.deepEqual(problems, [])
})
