// A 5×5 mirrored identicon drawn from a salted hash of the address (never the address itself), as inline SVG:
// no image host, no request, nothing that could be traced back to the address. One path, so it stays small.
export function Identicon({ seed, size = 40 }: { seed: string; size?: number }) {
  const bits = parseInt(seed.slice(0, 8), 16) || 0;
  const hue = (parseInt(seed.slice(8, 12), 16) || 0) % 360;
  let d = '';
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 3; x++) {
      if ((bits >>> (y * 3 + x)) & 1) {
        d += `M${x} ${y}h1v1h-1z`;
        if (x < 2) d += `M${4 - x} ${y}h1v1h-1z`;
      }
    }
  }
  return (
    <svg class="avatar" width={size} height={size} viewBox="-.5 -.5 6 6" aria-hidden="true">
      <path fill={`hsl(${hue} 40% 92%)`} d="M-.5-.5h6v6h-6z" />
      {d && <path fill={`hsl(${hue} 55% 38%)`} d={d} />}
    </svg>
  );
}
