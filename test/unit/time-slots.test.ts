// dayOf / formatInstant compute wall times from a cached per-slot offset (zone.ts);
// this checks them against Intl asked directly, on random instants around DST changes,
// in zones with 30-minute changes, and in the era of local mean time (second offsets).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { dayOf, formatInstant } from '../../src/core/time';

function reference(ms: number, tz: string): { day: string; iso: string } {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  const day = `${p.year.padStart(4, '0')}-${p.month}-${p.day}`;
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  const off = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
  const abs = Math.abs(off);
  const frac = ((ms % 1000) + 1000) % 1000;
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const iso = `${day}T${p.hour}:${p.minute}:${p.second}${frac ? '.' + pad(frac, 3) : ''}${off < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return { day, iso };
}

const ZONES = ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns', 'Europe/Amsterdam'];
// Around DST changes of 2026 and in 1890-1940 (local mean time, odd offsets).
const instants = fc.oneof(
  fc.integer({ min: Date.UTC(2026, 2, 25), max: Date.UTC(2026, 3, 8) }),
  fc.integer({ min: Date.UTC(2026, 9, 20), max: Date.UTC(2026, 10, 5) }),
  fc.integer({ min: Date.UTC(1890, 0, 1), max: Date.UTC(1940, 0, 1) }),
  fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2040, 0, 1) }),
);

describe('time: wall times from cached slot offsets = Intl', () => {
  it('dayOf and formatInstant agree with Intl on 5,000 random instants', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (ms, tz) => {
        const r = reference(ms, tz);
        assert.equal(dayOf(ms, tz), r.day);
        assert.equal(formatInstant(ms, tz), r.iso);
      }),
      { numRuns: 5000, seed: 42 },
    );
  });

  it('every second around a DST change', () => {
    const change = Date.UTC(2026, 2, 29, 1, 0, 0); // Berlin: 02:00 → 03:00
    for (let ms = change - 3600_000; ms < change + 3600_000; ms += 1000) {
      assert.equal(formatInstant(ms, 'Europe/Berlin'), reference(ms, 'Europe/Berlin').iso);
    }
  });
});
