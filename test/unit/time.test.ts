// Day arithmetic in IANA zones. Expected instants are written as ISO texts with the
// offset the zone has on that date (from the published DST rules), never computed by the code under test.
import * as assert from 'node:assert/strict';
import {
  addDays, dayOf, dayRange, daysBetween, endOfDay, formatInstant, isValidTimeZone, isWorkingDay, parseDateValue, parseDay,
  parseInstant, startOfDay, weekday,
} from '../../src/core/time';

const at = (iso: string): number => {
  const ms = Date.parse(iso);
  assert.ok(!Number.isNaN(ms), iso);
  return ms;
};
const H = 3600000;

describe('time: days in a zone', () => {
  it('Europe/Berlin spring forward (2026-03-29): the day has 23 hours', () => {
    // Clocks go 02:00 CET → 03:00 CEST. Day starts 00:00+01:00, ends 23:59:59.999+02:00.
    assert.equal(startOfDay('2026-03-29', 'Europe/Berlin'), at('2026-03-29T00:00:00+01:00'));
    assert.equal(endOfDay('2026-03-29', 'Europe/Berlin'), at('2026-03-29T23:59:59.999+02:00'));
    assert.equal(endOfDay('2026-03-29', 'Europe/Berlin') + 1 - startOfDay('2026-03-29', 'Europe/Berlin'), 23 * H);
    assert.equal(dayOf(at('2026-03-29T01:59:59+01:00'), 'Europe/Berlin'), '2026-03-29');
    assert.equal(formatInstant(at('2026-03-29T01:00:00Z'), 'Europe/Berlin'), '2026-03-29T03:00:00+02:00');
  });

  it('Europe/Berlin fall back (2026-10-25): the day has 25 hours', () => {
    assert.equal(startOfDay('2026-10-25', 'Europe/Berlin'), at('2026-10-25T00:00:00+02:00'));
    assert.equal(endOfDay('2026-10-25', 'Europe/Berlin'), at('2026-10-25T23:59:59.999+01:00'));
    assert.equal(endOfDay('2026-10-25', 'Europe/Berlin') + 1 - startOfDay('2026-10-25', 'Europe/Berlin'), 25 * H);
    // The repeated hour: 02:30 happens twice, once at each offset.
    assert.equal(formatInstant(at('2026-10-25T00:30:00Z'), 'Europe/Berlin'), '2026-10-25T02:30:00+02:00');
    assert.equal(formatInstant(at('2026-10-25T01:30:00Z'), 'Europe/Berlin'), '2026-10-25T02:30:00+01:00');
  });

  it('an instant near midnight belongs to the zone day, not the UTC day', () => {
    // 23:30 UTC on 16 Nov is 00:30 on 17 Nov in Berlin (UTC+1) and 18:30 on 16 Nov in New York (UTC−5).
    const t = at('2026-11-16T23:30:00Z');
    assert.equal(dayOf(t, 'Europe/Berlin'), '2026-11-17');
    assert.equal(dayOf(t, 'America/New_York'), '2026-11-16');
    assert.equal(dayOf(t, 'UTC'), '2026-11-16');
    assert.equal(dayOf(t, 'Pacific/Auckland'), '2026-11-17'); // UTC+13 in November: 12:30
  });

  it('America/New_York DST days (2026-03-08 and 2026-11-01)', () => {
    assert.equal(startOfDay('2026-03-08', 'America/New_York'), at('2026-03-08T00:00:00-05:00'));
    assert.equal(endOfDay('2026-03-08', 'America/New_York'), at('2026-03-08T23:59:59.999-04:00'));
    assert.equal(endOfDay('2026-11-01', 'America/New_York') + 1 - startOfDay('2026-11-01', 'America/New_York'), 25 * H);
    assert.equal(formatInstant(at('2026-07-04T16:00:00Z'), 'America/New_York'), '2026-07-04T12:00:00-04:00');
  });

  it('Pacific/Auckland: southern hemisphere, DST ends in April and starts in September', () => {
    // 2026-04-05 03:00 NZDT → 02:00 NZST (25 h day); 2026-09-27 02:00 NZST → 03:00 NZDT (23 h day).
    assert.equal(startOfDay('2026-04-05', 'Pacific/Auckland'), at('2026-04-05T00:00:00+13:00'));
    assert.equal(endOfDay('2026-04-05', 'Pacific/Auckland'), at('2026-04-05T23:59:59.999+12:00'));
    assert.equal(startOfDay('2026-09-27', 'Pacific/Auckland'), at('2026-09-27T00:00:00+12:00'));
    assert.equal(endOfDay('2026-09-27', 'Pacific/Auckland'), at('2026-09-27T23:59:59.999+13:00'));
  });

  it('a day whose midnight does not exist starts at the first wall time that does (America/Santiago 2026-09-06)', () => {
    // Chile springs forward at 24:00 → 01:00: the day starts at 01:00−03:00 = 04:00Z.
    assert.equal(startOfDay('2026-09-06', 'America/Santiago'), at('2026-09-06T04:00:00Z'));
    assert.equal(dayOf(startOfDay('2026-09-06', 'America/Santiago') - 1, 'America/Santiago'), '2026-09-05');
  });

  it('UTC: plain 24 h days, +00:00 offset', () => {
    assert.equal(startOfDay('2026-01-01', 'UTC'), at('2026-01-01T00:00:00Z'));
    assert.equal(endOfDay('2026-12-31', 'UTC'), at('2026-12-31T23:59:59.999Z'));
    assert.equal(formatInstant(at('2026-01-01T08:05:09Z'), 'UTC'), '2026-01-01T08:05:09+00:00');
    assert.equal(formatInstant(at('2026-01-01T08:05:09.250Z'), 'UTC'), '2026-01-01T08:05:09.250+00:00');
  });

  it('offsets that are not whole hours (Asia/Kolkata +05:30, Asia/Kathmandu +05:45)', () => {
    assert.equal(formatInstant(at('2026-11-16T18:29:59Z'), 'Asia/Kolkata'), '2026-11-16T23:59:59+05:30');
    assert.equal(dayOf(at('2026-11-16T18:30:00Z'), 'Asia/Kolkata'), '2026-11-17');
    assert.equal(startOfDay('2026-11-17', 'Asia/Kathmandu'), at('2026-11-16T18:15:00Z'));
  });

  it('knows which zone names exist', () => {
    assert.equal(isValidTimeZone('Europe/Berlin'), true);
    assert.equal(isValidTimeZone('Mars/Olympus_Mons'), false);
    assert.equal(isValidTimeZone(''), false);
  });
});

describe('time: calendar days', () => {
  it('adds days across months, leap days and years', () => {
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
    // Adding days is zone-free: the DST weekend in Berlin is still 1 day per step.
    assert.equal(addDays('2026-03-28', 2), '2026-03-30');
  });

  it('days between, weekday, ranges', () => {
    assert.equal(daysBetween('2026-11-16', '2026-11-27'), 11);
    assert.equal(daysBetween('2026-11-27', '2026-11-16'), -11);
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
    assert.equal(weekday('2026-11-16'), 'mon');
    assert.equal(weekday('2026-11-22'), 'sun');
    assert.equal(weekday('2028-02-29'), 'tue');
    assert.deepEqual(dayRange('2026-12-30', '2027-01-02'), ['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    assert.deepEqual(dayRange('2026-01-02', '2026-01-01'), []);
  });

  it('working days follow working_days and holidays', () => {
    const log = { workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, holidays: ['2026-12-25'] };
    assert.equal(isWorkingDay('2026-12-24', log), true); // Thursday
    assert.equal(isWorkingDay('2026-12-25', log), false); // Friday, holiday
    assert.equal(isWorkingDay('2026-12-26', log), false); // Saturday
    const sunToThu = { workingDays: ['sun', 'mon', 'tue', 'wed', 'thu'] as const, holidays: [] };
    assert.equal(isWorkingDay('2026-12-27', sunToThu), true); // Sunday
    assert.equal(isWorkingDay('2026-12-25', sunToThu), false); // Friday
  });

  it('rejects days that do not exist', () => {
    assert.equal(parseDay('2026-02-30'), undefined);
    assert.equal(parseDay('2026-13-01'), undefined);
    assert.equal(parseDay('26-01-01'), undefined);
    assert.deepEqual(parseDay('2028-02-29'), { year: 2028, month: 2, day: 29 });
    assert.throws(() => addDays('2026-02-30', 1), /not a calendar day/);
  });
});

describe('time: parsing dates as written', () => {
  it('reads ISO date-times with an offset', () => {
    assert.equal(parseInstant('2026-11-17T09:30:00+01:00'), at('2026-11-17T08:30:00Z'));
    assert.equal(parseInstant('2026-11-17T09:30+0100'), at('2026-11-17T08:30:00Z'));
    assert.equal(parseInstant('2026-11-17T09:30:00.5Z'), at('2026-11-17T09:30:00.500Z'));
    assert.equal(parseInstant('2026-11-17 09:30:00-05:00'), at('2026-11-17T14:30:00Z'));
  });

  it('refuses date-times without an offset and impossible ones', () => {
    assert.equal(parseInstant('2026-11-17T09:30:00'), undefined);
    assert.equal(parseInstant('2026-11-31T09:30:00Z'), undefined);
    assert.equal(parseInstant('2026-11-17T24:30:00Z'), undefined);
    assert.equal(parseInstant('yesterday'), undefined);
  });

  it('a bare day is that day in the sprint log zone; a date-time is placed on its zone day', () => {
    assert.deepEqual(parseDateValue('2026-11-17', 'Europe/Berlin'), { day: '2026-11-17', ms: at('2026-11-17T00:00:00+01:00'), dateOnly: true });
    // 23:30 New York time on the 17th is the 18th in Berlin.
    assert.deepEqual(parseDateValue('2026-11-17T23:30:00-05:00', 'Europe/Berlin'), { day: '2026-11-18', ms: at('2026-11-18T04:30:00Z'), dateOnly: false });
    assert.equal(parseDateValue('17.11.2026', 'UTC'), undefined);
    assert.equal(parseDateValue(undefined, 'UTC'), undefined);
  });
});
