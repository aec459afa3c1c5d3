// The AWS SDK for JavaScript v3 against ddb-server, run by Node's test runner (node --test);
// tests/js/test_js_sdk.py installs the packages and runs this file. Every test starts its own
// `ddb-server --in-memory` on a free port in 9100-9199 and stops it with SIGTERM.
// Environment: DDB_SERVER_BIN (default build/release/ddb-server), CHROMIUM (default /usr/bin/chromium).
//
// What the SDK does (@aws-sdk/client-dynamodb 3.1178; asserted below):
// - The DynamoDB client has no request compression middleware (the model has no
//   requestcompression trait): requestMinCompressionSizeBytes/disableRequestCompression do
//   nothing. A gzip request body here comes from a middleware of our own.
// - In Node.js the SDK neither asks for nor decodes gzip: an answer with Content-Encoding: gzip
//   fails to parse unless a middleware gunzips it. In chromium, fetch asks for and decodes gzip.
// - The SDK does not check x-amz-crc32 (a wrong value goes unnoticed); these tests check it.
// - Chromium's preflight for an SDK call asks for amz-sdk-invocation-id, amz-sdk-request,
//   authorization, content-type, x-amz-content-sha256, x-amz-date, x-amz-target, x-amz-user-agent.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:http'
import net from 'node:net'
import { dirname, join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { crc32, gunzipSync, gzipSync } from 'node:zlib'
import {
  BatchWriteItemCommand, ConditionalCheckFailedException, CreateTableCommand, DescribeTableCommand, DynamoDBClient,
  GetItemCommand, ListTablesCommand, PutItemCommand, ResourceNotFoundException, ScanCommand,
} from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb'
import * as esbuild from 'esbuild'
import { chromium } from 'playwright-core'

const HERE = dirname(fileURLToPath(import.meta.url))
const BIN = process.env.DDB_SERVER_BIN || join(HERE, '..', '..', 'build', 'release', 'ddb-server')
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const MUSIC = {
  TableName: 'Music',
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [{ AttributeName: 'Artist', AttributeType: 'S' }, { AttributeName: 'SongTitle', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'Artist', KeyType: 'HASH' }, { AttributeName: 'SongTitle', KeyType: 'RANGE' }],
}
const handedOut = new Set()

async function freePort() {
  const ports = Array.from({ length: 100 }, (_, i) => 9100 + i).filter((p) => !handedOut.has(p)).sort(() => Math.random() - 0.5)
  for (const port of ports) {
    const free = await new Promise((resolve) => {
      const s = net.createServer().once('error', () => resolve(false))
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)))
    })
    if (free) { handedOut.add(port); return port }
  }
  throw new Error('no free port in 9100-9199')
}

// ddb-server on a free port; at the end of test `t` it is stopped and must exit 0.
async function startServer(t, extraArgs = []) {
  for (let i = 0; i < 60 && !existsSync(BIN); i++) await delay(1000) // someone may be rebuilding it
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing`)
  const port = await freePort()
  const proc = spawn(BIN, ['--in-memory', '--port', String(port), ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  proc.stdout.on('data', (d) => { output += d })
  proc.stderr.on('data', (d) => { output += d })
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal)))
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ddb-server not ready in 20 s:\n${output}`)), 20000)
    proc.stdout.on('data', () => { if (output.includes('listening on')) { clearTimeout(timer); resolve() } })
    exited.then((code) => { clearTimeout(timer); reject(new Error(`ddb-server exited (${code}):\n${output}`)) })
  }).catch((err) => { proc.kill('SIGKILL'); throw err })
  t.after(async () => {
    proc.kill('SIGTERM')
    const code = await Promise.race([exited, delay(10000, 'timeout', { ref: false })])
    if (code === 'timeout') proc.kill('SIGKILL')
    assert.equal(code, 0, `ddb-server did not stop cleanly on SIGTERM:\n${output}`)
  })
  return { port, endpoint: `http://127.0.0.1:${port}` }
}

const client = (endpoint, extra = {}) => new DynamoDBClient({
  endpoint, region: 'us-east-1', credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' }, maxAttempts: 1, ...extra,
})

// A request body as bytes: the SDK's serializer gives a Uint8Array (a JsonBytesStringAdapter,
// which warns when used as a string).
const bytesOf = (body) => Buffer.from(body.buffer, body.byteOffset, body.byteLength)

// Records each exchange as it is on the wire, innermost (after signing and our own middleware):
// {request: {headers, body}, headers, bytes} with the answer's headers and raw body. Hands the
// deserializer the gunzipped bytes when `gunzip`; replaces x-amz-crc32 with `crcHeader` if given.
function wire(ddb, { gunzip = false, crcHeader } = {}) {
  const seen = []
  ddb.middlewareStack.add((next) => async (args) => {
    const request = { headers: { ...args.request.headers }, body: args.request.body }
    const out = await next(args)
    const headers = out.response.headers
    const chunks = []
    for await (const chunk of out.response.body) chunks.push(chunk)
    const bytes = Buffer.concat(chunks)
    seen.push({ request, headers: { ...headers }, bytes })
    out.response.body = new Uint8Array(gunzip && headers['content-encoding'] === 'gzip' ? gunzipSync(bytes) : bytes)
    if (crcHeader !== undefined) headers['x-amz-crc32'] = crcHeader
    return out
  }, { step: 'deserialize', priority: 'low', name: 'wire' })
  return seen
}

// ---------------------------------------------------------------- Node.js

test('Node.js: CreateTable, PutItem, GetItem, BatchWriteItem, Query, DescribeTable', async (t) => {
  const ddb = client((await startServer(t)).endpoint)
  const created = await ddb.send(new CreateTableCommand(MUSIC))
  assert.equal(created.$metadata.httpStatusCode, 200)
  assert.match(created.$metadata.requestId, UUID)
  const desc = created.TableDescription
  assert.equal(desc.TableStatus, 'ACTIVE')
  assert.equal(desc.BillingModeSummary.BillingMode, 'PAY_PER_REQUEST')
  assert.match(desc.TableId, UUID)
  assert.match(desc.TableArn, /^arn:aws:dynamodb:[^:]+:\d{12}:table\/Music$/)

  const item = {
    Artist: { S: 'No One You Know' }, SongTitle: { S: 'Call Me Today' }, Year: { N: '2015' },
    Plays: { N: '12345678901234567890' }, Tags: { SS: ['pop', 'rock'] }, Cover: { B: new Uint8Array([0, 1, 254, 255]) },
  }
  await ddb.send(new PutItemCommand({ TableName: 'Music', Item: item }))
  const key = { Artist: item.Artist, SongTitle: item.SongTitle }
  assert.deepEqual((await ddb.send(new GetItemCommand({ TableName: 'Music', Key: key, ConsistentRead: true }))).Item, item)

  const put = (title) => ({ PutRequest: { Item: { Artist: { S: 'Acme Band' }, SongTitle: { S: title } } } })
  const titles = ['Song 3', 'Song 1', 'Song 4', 'Song 2', 'Other']
  const batch = await ddb.send(new BatchWriteItemCommand({ RequestItems: { Music: titles.map(put) } }))
  assert.deepEqual(batch.UnprocessedItems, {})

  const doc = DynamoDBDocumentClient.from(ddb)
  const query = {
    TableName: 'Music', KeyConditionExpression: 'Artist = :a AND begins_with(SongTitle, :p)',
    ExpressionAttributeValues: { ':a': 'Acme Band', ':p': 'Song' },
  }
  const down = await doc.send(new QueryCommand({ ...query, ScanIndexForward: false }))
  assert.deepEqual(down.Items.map((i) => i.SongTitle), ['Song 4', 'Song 3', 'Song 2', 'Song 1'])
  assert.deepEqual([down.Count, down.ScannedCount, down.LastEvaluatedKey], [4, 4, undefined])
  const page1 = await doc.send(new QueryCommand({ ...query, Limit: 3 }))
  assert.deepEqual(page1.Items.map((i) => i.SongTitle), ['Song 1', 'Song 2', 'Song 3'])
  assert.deepEqual(page1.LastEvaluatedKey, { Artist: 'Acme Band', SongTitle: 'Song 3' })
  const page2 = await doc.send(new QueryCommand({ ...query, Limit: 3, ExclusiveStartKey: page1.LastEvaluatedKey }))
  assert.deepEqual(page2.Items, [{ Artist: 'Acme Band', SongTitle: 'Song 4' }])
  assert.equal(page2.LastEvaluatedKey, undefined)

  const described = (await ddb.send(new DescribeTableCommand({ TableName: 'Music' }))).Table
  assert.deepEqual(described.WarmThroughput, { ReadUnitsPerSecond: 12000, WriteUnitsPerSecond: 4000, Status: 'ACTIVE' })
  assert.equal(described.TableId, desc.TableId)
  assert.deepEqual([described.TableStatus, described.KeySchema], ['ACTIVE', MUSIC.KeySchema])
})

test('Node.js: errors arrive as the SDK\'s typed exceptions with the server\'s message', async (t) => {
  const ddb = client((await startServer(t)).endpoint)
  const raw = wire(ddb)
  await ddb.send(new CreateTableCommand(MUSIC))
  const Item = { Artist: { S: 'Acme Band' }, SongTitle: { S: 'Song 1' }, Plays: { N: '3' } }
  const Key = { Artist: Item.Artist, SongTitle: Item.SongTitle }
  await ddb.send(new PutItemCommand({ TableName: 'Music', Item }))

  await assert.rejects(ddb.send(new PutItemCommand({
    TableName: 'Music', Item: { ...Item, Plays: { N: '4' } }, ConditionExpression: 'attribute_not_exists(Artist)',
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  })), (err) => {
    assert.ok(err instanceof ConditionalCheckFailedException, `${err.name}: ${err.message}`)
    assert.deepEqual([err.name, err.message, err.$fault, err.$metadata.httpStatusCode],
      ['ConditionalCheckFailedException', 'The conditional request failed', 'client', 400])
    assert.match(err.$metadata.requestId, UUID)
    assert.deepEqual(err.Item, Item) // ReturnValuesOnConditionCheckFailure
    return true
  })

  const missingKey = 'One or more parameter values were invalid: Missing the key SongTitle in the item'
  await assert.rejects(ddb.send(new PutItemCommand({ TableName: 'Music', Item: { Artist: { S: 'x' } } })),
    (err) => err.name === 'ValidationException' && err.message === missingKey && err.$metadata.httpStatusCode === 400)
  // The SDK read the message from the lowercase "message" key the service sends.
  assert.deepEqual(JSON.parse(raw.at(-1).bytes), { __type: 'com.amazon.coral.validate#ValidationException', message: missingKey })

  await assert.rejects(ddb.send(new GetItemCommand({ TableName: 'Nope', Key: { Artist: { S: 'x' } } })),
    (err) => err instanceof ResourceNotFoundException && err.message.length > 0)
  assert.deepEqual((await ddb.send(new GetItemCommand({ TableName: 'Music', Key }))).Item, Item, 'the failed put changed nothing')
})

test('Node.js: the DynamoDB client does not compress requests, whatever the compression options', async (t) => {
  const { endpoint } = await startServer(t)
  const ddb = client(endpoint, { requestMinCompressionSizeBytes: 0, disableRequestCompression: false })
  const seen = wire(ddb)
  assert.deepEqual(ddb.middlewareStack.identify().filter((m) => /compress/i.test(m)), [])
  await ddb.send(new CreateTableCommand(MUSIC))
  const Item = { Artist: { S: 'Big' }, SongTitle: { S: 'Lyrics' }, Text: { S: 'la '.repeat(10000) } }
  await ddb.send(new PutItemCommand({ TableName: 'Music', Item }))
  const sent = seen.at(-1).request
  assert.deepEqual([sent.headers['x-amz-target'], sent.headers['content-encoding']], ['DynamoDB_20120810.PutItem', undefined])
  assert.deepEqual(JSON.parse(bytesOf(sent.body).toString()).Item, Item, 'the body is plain JSON')
  const Key = { Artist: Item.Artist, SongTitle: Item.SongTitle }
  assert.deepEqual((await ddb.send(new GetItemCommand({ TableName: 'Music', Key }))).Item, Item)
})

test('Node.js: a gzip-compressed request body (Content-Encoding: gzip) is decoded by the server', async (t) => {
  const ddb = client((await startServer(t)).endpoint)
  await ddb.send(new CreateTableCommand(MUSIC))
  ddb.middlewareStack.addRelativeTo((next) => (args) => {
    const gz = gzipSync(bytesOf(args.request.body))
    args.request.body = gz
    args.request.headers['content-encoding'] = 'gzip'
    args.request.headers['content-length'] = String(gz.length)
    return next(args)
  }, { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'gzipRequestBody' })
  const order = ddb.middlewareStack.identify()
  assert.ok(order.includes('gzipRequestBody - after httpSigningMiddleware'), order.join('\n'))
  const seen = wire(ddb)

  const Item = { Artist: { S: 'Gzip' }, SongTitle: { S: 'Deflated' }, Text: { S: 'compress me '.repeat(500) } }
  const put = await ddb.send(new PutItemCommand({ TableName: 'Music', Item, ReturnConsumedCapacity: 'TOTAL' }))
  assert.deepEqual(put.ConsumedCapacity, { TableName: 'Music', CapacityUnits: 6 })
  const sent = seen.at(-1).request
  assert.equal(sent.headers['content-encoding'], 'gzip')
  assert.deepEqual([...sent.body.subarray(0, 2)], [0x1f, 0x8b])
  assert.ok(sent.body.length < 500, `the gzip body is ${sent.body.length} bytes`)

  const Key = { Artist: Item.Artist, SongTitle: Item.SongTitle }
  assert.deepEqual((await ddb.send(new GetItemCommand({ TableName: 'Music', Key }))).Item, Item)
  const again = new PutItemCommand({ TableName: 'Music', Item, ConditionExpression: 'attribute_not_exists(Artist)' })
  await assert.rejects(ddb.send(again),
    (err) => err instanceof ConditionalCheckFailedException && err.message === 'The conditional request failed')
})

test('Node.js: a large Scan with Accept-Encoding: gzip is answered gzip\'d, x-amz-crc32 over the gzip bytes', async (t) => {
  const { endpoint } = await startServer(t)
  const ddb = client(endpoint)
  await ddb.send(new CreateTableCommand(MUSIC))
  const titles = Array.from({ length: 40 }, (_, i) => `Song ${String(i).padStart(2, '0')}`)
  for (let i = 0; i < titles.length; i += 20) {
    await ddb.send(new BatchWriteItemCommand({ RequestItems: { Music: titles.slice(i, i + 20).map((s) => ({
      PutRequest: { Item: { Artist: { S: 'Acme Band' }, SongTitle: { S: s }, Text: { S: `${s} `.repeat(20) } } },
    })) } }))
  }
  const acceptGzip = (c) => c.middlewareStack.add((next) => (args) => {
    args.request.headers['accept-encoding'] = 'gzip'; return next(args)
  }, { step: 'build', name: 'acceptGzip' })

  // Without help the Node.js SDK hands the gzip bytes to the JSON parser.
  const plain = client(endpoint)
  acceptGzip(plain)
  await assert.rejects(plain.send(new ScanCommand({ TableName: 'Music' })),
    (err) => err.$metadata.httpStatusCode === 200 && /Deserialization error/.test(err.message))

  // With a middleware that reads the wire bytes and gunzips them, the SDK parses the Scan.
  acceptGzip(ddb)
  const raw = wire(ddb, { gunzip: true })
  const scan = await ddb.send(new ScanCommand({ TableName: 'Music' }))
  assert.equal(scan.Count, 40)
  assert.deepEqual(scan.Items.map((i) => i.SongTitle.S).sort(), titles)
  const res = raw.at(-1)
  assert.equal(res.headers['content-encoding'], 'gzip')
  const json = gunzipSync(res.bytes)
  assert.ok(json.length > 2048, `the Scan answer is ${json.length} bytes`)
  assert.ok(res.bytes.length < json.length / 4, `${res.bytes.length} gzip bytes for ${json.length}`)
  assert.equal(Number(res.headers['content-length']), res.bytes.length)
  assert.equal(Number(res.headers['x-amz-crc32']), crc32(res.bytes), 'x-amz-crc32 is the CRC32 of the gzip bytes')

  // A small answer stays uncompressed; its x-amz-crc32 is over the JSON itself.
  const key = (title) => ({ TableName: 'Music', Key: { Artist: { S: 'Acme Band' }, SongTitle: { S: title } } })
  assert.equal((await ddb.send(new GetItemCommand(key('Song 00')))).Item.SongTitle.S, 'Song 00')
  assert.equal(raw.at(-1).headers['content-encoding'], undefined)
  assert.equal(Number(raw.at(-1).headers['x-amz-crc32']), crc32(raw.at(-1).bytes))

  // The SDK does not check x-amz-crc32: a wrong value goes unnoticed.
  const unchecked = client(endpoint)
  wire(unchecked, { crcHeader: '12345' })
  assert.equal((await unchecked.send(new GetItemCommand(key('Song 01')))).Item.SongTitle.S, 'Song 01')
})

// ---------------------------------------------------------------- chromium

describe('chromium: the SDK in a page on another origin', () => {
  let browser, pageServer, pageOrigin

  before(async () => {
    // The SDK's browser build as one script that sets window.AWS.
    const exported = 'DynamoDBClient, ListTablesCommand, CreateTableCommand, PutItemCommand, GetItemCommand, ScanCommand'
    const bundle = await esbuild.build({
      stdin: { contents: `export { ${exported} } from '@aws-sdk/client-dynamodb'`, resolveDir: HERE, loader: 'js' },
      bundle: true, format: 'iife', globalName: 'AWS', platform: 'browser', target: 'es2020', minify: true, write: false,
    })
    const files = {
      '/': ['text/html', '<!doctype html><meta charset="utf-8"><title>SDK page</title><script src="/sdk.js"></script>'],
      '/sdk.js': ['text/javascript', bundle.outputFiles[0].contents],
    }
    const port = await freePort()
    pageOrigin = `http://127.0.0.1:${port}`
    pageServer = createServer((req, res) => {
      const file = files[req.url] || ['text/plain', 'not found']
      res.writeHead(files[req.url] ? 200 : 404, { 'Content-Type': file[0] }).end(file[1])
    })
    await new Promise((resolve) => pageServer.listen(port, '127.0.0.1', resolve))
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    })
  })

  after(async () => {
    await browser?.close()
    await new Promise((resolve) => (pageServer ? pageServer.close(resolve) : resolve()))
  })

  async function openPage(t) {
    const context = await browser.newContext()
    t.after(() => context.close())
    const page = await context.newPage()
    const console = []
    page.on('console', (msg) => console.push(`${msg.type()}: ${msg.text()}`))
    page.on('pageerror', (err) => console.push(`pageerror: ${err.message}`))
    const responses = [] // as the browser received them, with their raw headers
    page.on('response', (res) => responses.push(res))
    const encodings = async () => Object.fromEntries(await Promise.all(responses.filter((r) => r.request().method() === 'POST')
      .map(async (r) => [r.request().headers()['x-amz-target'], (await r.allHeaders())['content-encoding'] || 'identity'])))
    await page.goto(`${pageOrigin}/`)
    assert.equal(await page.evaluate(() => typeof window.AWS?.DynamoDBClient), 'function')
    return { page, console, encodings }
  }

  // Runs in the page: ListTables, CreateTable, PutItem, GetItem and a 5 KB Scan through the SDK.
  async function inPage(endpoint) {
    const credentials = { accessKeyId: 'fake', secretAccessKey: 'fake' }
    const c = new window.AWS.DynamoDBClient({ endpoint, region: 'us-east-1', maxAttempts: 1, credentials })
    const send = (operation, input) => c.send(new window.AWS[`${operation}Command`](input))
    let visible = [] // the last answer's headers that the page can read
    c.middlewareStack.add((next) => (args) => next(args).then((out) => {
      visible = Object.keys(out.response.headers)
      return out
    }), { step: 'deserialize', priority: 'low' })
    try {
      const listed = await send('ListTables', {})
      const id = { AttributeName: 'id' }
      await send('CreateTable', { TableName: 'Pages', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ ...id, KeyType: 'HASH' }],
        AttributeDefinitions: [{ ...id, AttributeType: 'S' }] })
      const put = await send('PutItem', { TableName: 'Pages', Item: { id: { S: 'p1' }, text: { S: 'from the page' } } })
      const putHeaders = visible
      const got = await send('GetItem', { TableName: 'Pages', Key: { id: { S: 'p1' } } })
      const big = (i) => ({ TableName: 'Pages', Item: { id: { S: `big${i}` }, text: { S: 'x'.repeat(1000) } } })
      for (let i = 0; i < 5; i++) await send('PutItem', big(i))
      const scan = await send('Scan', { TableName: 'Pages' })
      return { ok: true, tables: listed.TableNames, requestId: put.$metadata.requestId, visible: putHeaders, item: got.Item,
        scanCount: scan.Count }
    } catch (err) {
      return { ok: false, name: err.name, message: err.message }
    }
  }

  test('with --cors <the page\'s origin>: ListTables, PutItem, GetItem succeed, x-amzn-RequestId readable', async (t) => {
    const server = await startServer(t, ['--cors', pageOrigin])
    // The preflight chromium sends for the SDK, by hand: all the SDK's headers are allowed.
    const asked = ['amz-sdk-invocation-id', 'amz-sdk-request', 'authorization', 'content-type', 'x-amz-content-sha256',
      'x-amz-date', 'x-amz-target', 'x-amz-user-agent']
    const pre = await fetch(`${server.endpoint}/`, { method: 'OPTIONS', headers: {
      Origin: pageOrigin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': asked.join(','),
    } })
    assert.equal(pre.status, 200)
    assert.equal(pre.headers.get('access-control-allow-origin'), pageOrigin)
    assert.match(pre.headers.get('access-control-allow-methods'), /\bPOST\b/)
    const allowed = pre.headers.get('access-control-allow-headers').toLowerCase().split(/\s*,\s*/)
    for (const h of asked) assert.ok(allowed.includes(h), `${h} is not in Access-Control-Allow-Headers: ${allowed}`)
    assert.match(pre.headers.get('access-control-expose-headers'), /x-amzn-RequestId/i)

    const { page, console, encodings } = await openPage(t)
    const result = await page.evaluate(inPage, server.endpoint)
    assert.equal(result.ok, true, `${result.name}: ${result.message}\n${console.join('\n')}`)
    assert.deepEqual(result.tables, [])
    assert.match(result.requestId, UUID, 'x-amzn-RequestId is exposed to the page')
    assert.deepEqual(result.item, { id: { S: 'p1' }, text: { S: 'from the page' } })
    assert.equal(result.scanCount, 6)
    const encoding = await encodings()
    assert.equal(encoding['DynamoDB_20120810.Scan'], 'gzip', 'the 5 KB Scan reached the browser gzip\'d')
    assert.equal(encoding['DynamoDB_20120810.GetItem'], 'identity')
    for (const h of ['x-amzn-requestid', 'x-amz-crc32']) assert.ok(result.visible.includes(h), `${h} not in ${result.visible}`)
    // What the page wrote is there for a Node.js client with the same credentials.
    const fromNode = await client(server.endpoint).send(new GetItemCommand({ TableName: 'Pages', Key: { id: { S: 'p1' } } }))
    assert.deepEqual(fromNode.Item, result.item)
  })

  test('with --cors http://other.example: the browser blocks the same call', async (t) => {
    const server = await startServer(t, ['--cors', 'http://other.example'])
    const { page, console } = await openPage(t)
    const result = await page.evaluate(inPage, server.endpoint)
    assert.equal(result.ok, false, 'the call from a page on an origin not allowed succeeded')
    assert.equal(result.name, 'TypeError')
    assert.match(result.message, /Failed to fetch/)
    assert.ok(console.some((line) => /blocked by CORS policy/.test(line) && line.includes(pageOrigin)),
      `no CORS error in the console:\n${console.join('\n')}`)
    // The server is up and answers clients that are not browsers.
    assert.deepEqual((await client(server.endpoint).send(new ListTablesCommand({}))).TableNames, [])
  })
})
