import { linkParts } from '../lib/linkify.js'

// A message's text as text (never as HTML), its http(s) URLs as links opening in a new tab.
export default function MessageText({ text }) {
  return linkParts(text).map((part, i) =>
    part.href ? (
      <a key={i} href={part.href} target="_blank" rel="noopener noreferrer">
        {part.text}
      </a>
    ) : (
      part.text
    ),
  )
}
