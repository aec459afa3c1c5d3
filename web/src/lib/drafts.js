import { useCallback, useState } from 'react'

// Unsent composer text, per signed-in handle and per conversation ("g:<uuid>") or new
// conversation ("new:<handle>"), in localStorage: it survives reloads and signing in again.
const PREFIX = 'cruddur.draft.'
const MAX_CHARS = 8192

export function draftKey(me, where) {
  return me && where ? `${PREFIX}${me.toLowerCase()}.${where}` : null
}

function readDraft(key) {
  if (!key) return ''
  try {
    return localStorage.getItem(key) || ''
  } catch {
    return ''
  }
}

function writeDraft(key, text) {
  if (!key) return
  try {
    if (text) localStorage.setItem(key, text.slice(0, MAX_CHARS))
    else localStorage.removeItem(key)
  } catch {
    // storage full or unavailable: the draft lives as long as the page
  }
}

// [text, setText] like useState, kept under `key` (null: not kept).
export function useDraft(key) {
  const [text, setState] = useState(() => readDraft(key))
  const setText = useCallback(
    (value) => {
      setState(value)
      writeDraft(key, value)
    },
    [key],
  )
  return [text, setText]
}
