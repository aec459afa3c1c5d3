import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'

// Run fn(signal) now and then every `ms` after each run finishes.
// Returns refresh(), which restarts the loop right away.
export function usePoll(fn, ms, enabled = true) {
  const fnRef = useRef(fn)
  useEffect(() => {
    fnRef.current = fn
  })
  const [round, setRound] = useState(0)

  useEffect(() => {
    if (!enabled) return undefined
    let stopped = false
    let timer = null
    const ctrl = new AbortController()
    const run = async () => {
      try {
        await fnRef.current(ctrl.signal)
      } catch {
        // errors are reported by the caller / the global banners
      }
      if (!stopped) timer = setTimeout(run, ms)
    }
    run()
    return () => {
      stopped = true
      clearTimeout(timer)
      ctrl.abort()
    }
  }, [ms, enabled, round])

  return useCallback(() => setRound((r) => r + 1), [])
}

// Re-render every `ms` so relative times stay fresh.
export function useNow(ms = 30000) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(id)
  }, [ms])
  return now
}

// Whether a CSS media query matches, following changes.
export function useMediaQuery(query) {
  const subscribe = useCallback(
    (onChange) => {
      if (typeof window === 'undefined' || !window.matchMedia) return () => {}
      const mq = window.matchMedia(query)
      mq.addEventListener('change', onChange)
      return () => mq.removeEventListener('change', onChange)
    },
    [query],
  )
  return useSyncExternalStore(subscribe, () => Boolean(window.matchMedia?.(query)?.matches))
}
