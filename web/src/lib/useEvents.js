import { useEffect, useRef } from 'react'
import { follow, onEvent } from './events.js'
import { setLive, useStore } from './store.js'

// Keeps one event stream open for the signed-in session (mounted once, in AppShell); a new one
// when someone else signs in.
export function useEvents() {
  const handle = useStore((s) => s.handle)
  const signedIn = useStore((s) => Boolean(s.token))

  useEffect(() => {
    if (!signedIn) return undefined
    const ctrl = new AbortController()
    follow(ctrl.signal)
    return () => {
      ctrl.abort()
      setLive(false)
    }
  }, [handle, signedIn])
}

// Calls handler(type, data) for each event of the stream (see events.js), the latest handler.
export function useEvent(handler) {
  const ref = useRef(handler)
  useEffect(() => {
    ref.current = handler
  })
  useEffect(() => onEvent((type, data) => ref.current(type, data)), [])
}
