// Clinic-local time without a timezone library per event: the zone's UTC offset is looked up
// through Intl once per UTC hour and cached, which keeps 1M timestamps cheap. US and most zones
// change offset on whole UTC hours, so an hourly cache is exact for them.

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

export class ClinicClock {
  private readonly offsetByHour = new Map<number, number>();
  private readonly parts: Intl.DateTimeFormat;

  constructor(timeZone: string) {
    this.parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
  }

  /** The zone's offset from UTC in minutes at the instant `utcMs`. */
  offsetMinutes(utcMs: number): number {
    const hour = Math.floor(utcMs / HOUR_MS);
    let offset = this.offsetByHour.get(hour);
    if (offset === undefined) {
      offset = this.computeOffset(hour * HOUR_MS);
      this.offsetByHour.set(hour, offset);
    }
    return offset;
  }

  /** RFC 3339 with the clinic's own offset (Z when the offset is zero), whole seconds. */
  format(utcMs: number): string {
    const offset = this.offsetMinutes(utcMs);
    const d = new Date(Math.floor(utcMs / 1000) * 1000 + offset * 60_000);
    const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
    const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
    if (offset === 0) return `${date}T${time}Z`;
    const abs = Math.abs(offset);
    return `${date}T${time}${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
  }

  /**
   * The instant at `minuteOfDay` local time on the clinic-local day containing `utcMs`, moved
   * forward past weekends: sessions happen on working days in the clinic's own hours.
   */
  workdayAt(utcMs: number, minuteOfDay: number): number {
    const localDay = Math.floor((utcMs + this.offsetMinutes(utcMs) * 60_000) / DAY_MS);
    const weekday = (localDay + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    const shift = weekday === 6 ? 2 : weekday === 0 ? 1 : 0;
    const wall = (localDay + shift) * DAY_MS + minuteOfDay * 60_000;
    // Two passes settle the offset on the right side of a DST change.
    const guess = wall - this.offsetMinutes(wall) * 60_000;
    return wall - this.offsetMinutes(guess) * 60_000;
  }

  private computeOffset(utcMs: number): number {
    const p: Record<string, number> = {};
    for (const part of this.parts.formatToParts(utcMs)) {
      if (part.type !== 'literal') p[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
    return Math.round((asUtc - utcMs) / 60_000);
  }
}
