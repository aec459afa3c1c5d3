// A coloured circle with the person's initial; the colour follows the handle.
// Far apart on the colour wheel, so that two people rarely get look-alike circles.
const HUES = [210, 25, 145, 325, 265, 85, 180, 355]

export default function Avatar({ name, handle, size = 40 }) {
  let h = 0
  for (const ch of handle || name || '') h = (h * 31 + ch.codePointAt(0)) >>> 0
  const hue = HUES[h % HUES.length]
  const initial = [...(name || handle || '?').trim()][0]?.toUpperCase() || '?'
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{ width: size, height: size, background: `hsl(${hue} 55% 90%)`, color: `hsl(${hue} 45% 30%)` }}
    >
      {initial}
    </span>
  )
}
