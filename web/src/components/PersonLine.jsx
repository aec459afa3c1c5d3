import { fullTime, relativeTime } from '../lib/time.js'

// Who (and when, given `at`), as the inbox and the conversation show it: display name,
// @handle and a relative time (the full time on hover). Rendered inside the caller's own row
// element.
export default function PersonLine({ displayName, handle, at, now }) {
  return (
    <>
      <span className="name">{displayName || handle}</span>
      <span className="handle">@{handle}</span>
      {at && (
        <time className="time" dateTime={at} title={fullTime(at)}>
          {relativeTime(at, now)}
        </time>
      )}
    </>
  )
}
