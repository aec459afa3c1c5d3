import { useEffect, useState } from 'react'
import { apiFetch, isAbort } from './api.js'
import { searchText } from './suggest.js'

const DEBOUNCE_MS = 150
const MAX_QUERY = 64

// People whose handle or display name starts with `typed`, from /api/users/search: asked
// 150 ms after the typing stops, the previous request aborted when the text changes. Results
// of an earlier text stay until the new ones arrive (the caller filters them by the text).
export function useUserSearch(typed) {
  const [found, setFound] = useState([])
  const q = searchText(typed)

  useEffect(() => {
    if (!q || q.length > MAX_QUERY) return undefined
    const ctrl = new AbortController()
    const timer = setTimeout(() => {
      apiFetch(`/api/users/search?q=${encodeURIComponent(q)}`, { signal: ctrl.signal })
        .then(({ data }) => setFound(Array.isArray(data) ? data : []))
        .catch((err) => {
          if (!isAbort(err)) setFound([])
        })
    }, DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      ctrl.abort()
    }
  }, [q])

  return found
}
