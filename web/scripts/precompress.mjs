// After `vite build`: a brotli (.br) and a gzip (.gz) copy beside each text file of dist/ worth
// compressing, at the highest levels (made once, served many times by `cruddur serve`, which
// sends the copy a client accepts: app/routes/static_files.cc). Node's own zlib makes both.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const TEXT = /\.(html|js|css|svg|json|map|txt)$/
const MIN_BYTES = 1024

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else yield path
  }
}

let made = 0
for (const path of files(new URL('../dist', import.meta.url).pathname)) {
  if (!TEXT.test(path)) continue
  const body = readFileSync(path)
  if (body.length < MIN_BYTES) continue
  const copies = {
    '.br': brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    '.gz': gzipSync(body, { level: 9 }),
  }
  for (const [ext, copy] of Object.entries(copies)) {
    if (copy.length >= body.length) continue // No gain: the file is sent as it is.
    writeFileSync(path + ext, copy)
    made += 1
  }
}
console.log(`precompressed: ${made} copies`)
