import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'

// Run fn(signal) now and then every `ms` after each run finishes; while `paused` (the event
// stream tells what changes) only once, when it pauses or is refreshed: what happened between the
// last run and the pause is not missed. Returns refresh(), which runs it again right away.
export function usePoll(fn, ms, paused = false) {
  const fnRef = useRef(fn)
  useEffect(() => {
    fnRef.current = fn
  })
  const [round, setRound] = useState(0)

  useEffect(() => {
    let stopped = false
    let timer = null
    const ctrl = new AbortController()
    const run = async () => {
      try {
        await fnRef.current(ctrl.signal)
      } catch {
        // errors are reported by the caller / the global banners
      }
      if (!stopped && !paused) timer = setTimeout(run, ms)
    }
    run()
    return () => {
      stopped = true
      clearTimeout(timer)
      ctrl.abort()
    }
  }, [ms, paused, round])

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
