// A sparkline as plain SVG geometry (the dashboard's KPI trends): a path through
// the known values, broken where a value is unknown, scaled into a box. Pure,
// so the webview draws it with DOM calls and the unit tests read its numbers.

export interface SparklineGeometry {
  /** SVG path data (`M x y L x y ...`), empty when no value is known. */
  path: string;
  /** One point per known value (the last one is marked). */
  points: { x: number; y: number; value: number }[];
}

const r1 = (x: number): number => Math.round(x * 10) / 10;

/** `values` oldest first over `width` × `height`, `pad` pixels inside the box; equal values draw a flat middle line. */
export function sparklineGeometry(values: readonly (number | null)[], width: number, height: number, pad = 2): SparklineGeometry {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (known.length === 0) return { path: '', points: [] };
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const y = (v: number): number => (hi === lo ? height / 2 : pad + (1 - (v - lo) / (hi - lo)) * (height - 2 * pad));
  const points: SparklineGeometry['points'] = [];
  let path = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    const p = { x: r1(values.length > 1 ? pad + i * step : width / 2), y: r1(y(v)), value: v };
    path += `${path === '' ? '' : ' '}${pen ? 'L' : 'M'}${p.x} ${p.y}`;
    pen = true;
    points.push(p);
  });
  return { path, points };
}
