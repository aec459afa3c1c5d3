// Splits message text into plain parts and web links. Only http and https URLs become links
// (never javascript:, data: or anything else); the parts joined give back the text unchanged.
const URL_START = /\bhttps?:\/\/[^\s<>"'`]+/gi
const TRAILING = `.,!?;:'"*_`

// Punctuation that ends a sentence is not part of the link, nor is a closing parenthesis the
// link did not open: "(see https://example.com/a_(b))." links https://example.com/a_(b).
function trimEnd(raw) {
  let end = raw.length
  for (;;) {
    const ch = raw[end - 1]
    const link = raw.slice(0, end)
    if (TRAILING.includes(ch)) end--
    else if (ch === ')' && link.split('(').length < link.split(')').length) end--
    else return link
  }
}

function safeHref(raw) {
  try {
    const url = new URL(raw)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname ? url.href : null
  } catch {
    return null
  }
}

// [{ text }, { text, href }, ...]
export function linkParts(text) {
  const parts = []
  let at = 0
  for (const m of text.matchAll(URL_START)) {
    const raw = trimEnd(m[0])
    const href = raw && safeHref(raw)
    if (!href) continue
    if (m.index > at) parts.push({ text: text.slice(at, m.index) })
    parts.push({ text: raw, href })
    at = m.index + raw.length
  }
  if (at < text.length) parts.push({ text: text.slice(at) })
  return parts
}
