// Browser tests of the Cruddur pages, last of the files tests/web/test_pages.py runs in order
// against one `cruddur serve` (see harness.mjs), because it has the server stopped: the "server
// down" banner and a send that cannot get through. Expects londo's reply last in andrewbrown's
// conversation with londo (unread-sessions.test.mjs).
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, writeFileSync } from 'node:fs'
import {
  RUN as run,
  BASE,
  SENT as sent,
  STOP_SERVER_FILE,
  problems,
  launch,
  close,
  eventually,
  shot,
  signedInPage,
  groupWith,
  inboxRow,
  lastMessage,
  messageWith,
  assertContrast,
  sendWithEnter,
} from './harness.mjs'

// andrewbrown's desktop page, in the conversation with londo.
let alice // { context, page }

before(async () => {
  await launch()
  alice = await signedInPage('andrewbrown')
  const londoGroup = await groupWith(alice.page, 'londo')
  await alice.page.goto(`${BASE}/messages/${londoGroup}`)
  await eventually(async () => assert.equal((await lastMessage(alice.page)).text, sent.londo_reply))
  await inboxRow(alice.page, 'londo').waitFor()
})

after(close)

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
