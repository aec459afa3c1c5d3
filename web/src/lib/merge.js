import { timeKey } from './time.js'

// Merge lists of items that have a uuid and created_at: newer copies of the
// same uuid win, the result is sorted by created_at (ascending unless desc).
export function mergeByUuid(existing, incoming, { desc = false } = {}) {
  const byUuid = new Map()
  for (const item of existing) byUuid.set(item.uuid, item)
  for (const item of incoming) {
    const old = byUuid.get(item.uuid)
    // A poll may answer with an older copy than one the page already shows (an inbox row
    // updated locally right after a send, before the server's stream processor caught up).
    if (!old || timeKey(item.created_at) >= timeKey(old.created_at)) byUuid.set(item.uuid, item)
  }
  const list = [...byUuid.values()]
  list.sort((a, b) => {
    const d = timeKey(a.created_at) - timeKey(b.created_at)
    return desc ? -d : d
  })
  return list
}
