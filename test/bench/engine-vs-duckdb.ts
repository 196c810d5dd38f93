// Engine vs DuckDB (part 1 of `npm run bench:aggregate`; alone: `npx tsx test/bench/engine-vs-duckdb.ts
// --events 1000000 [--repetitions 3]`).
//
// The same synthetic events go through the metrics engine (summarizeClient per client, then
// groupMetrics per clinic) and through DuckDB SQL written to the same SPEC §3 semantics, for three
// figures per clinic: goal attainment (goal level, per goal mode), attendance rate and 90-day
// retention (counted in episodes, per episode mode), each also over the whole clinic. The script asserts
// that both sides agree (numerators and denominators equal, rates within 1e-12) before it reports
// any time: a fast wrong answer is not a benchmark result.
//
// What is timed:
//  - engine: summarizeClient for every client plus groupMetrics for every clinic. Its input is the
//    parsed events already grouped per (clinic, client), as the store hands them over; the engine
//    computes the whole ClientSummary (GAS, alliance, flags, trends, …), not only these figures.
//  - DuckDB: the one SQL query that yields the figures, on all cores (the ratio's denominator) and on
//    one, like the engine. Loading the rows (appender, then DuckDB's own cast of occurredAt to
//    TIMESTAMPTZ into a table keyed by event id) is reported separately and kept out of the ratio.
// Each side runs once untimed to warm up (JIT, caches), then `repetitions` times; medians are quoted.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { DuckDBDataChunk, DuckDBInstance, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import {
  dischargeReasons,
  eventSchema,
  eventTypes,
  goalOutcomes,
  sessionStatuses,
  type Event,
} from '../../functions/events/schema.js';
import { clientModes, goalModes, groupMetrics, summarizeClient, type ClientSummary } from '../../functions/metrics/index.js';
import { streamNetwork } from '../../functions/synthetic/index.js';
import { machine, median } from './bench-support.js';

export const AS_OF = '2026-11-01T00:00:00.000Z';
const SEED = 7;
// The demo network averages ~34 events per client; ask for a few more clients than that implies.
const EVENTS_PER_CLIENT_ESTIMATE = 33;
const RATE_TOLERANCE = 1e-12;
const GOAL_RATIO = 2;

export type EngineVsDuckdbOptions = { events?: number; repetitions?: number };
export type EngineVsDuckdbResult = {
  lines: string[];
  events: number;
  clients: number;
  figuresCompared: number;
  engineMs: number;
  duckdbMs: number;
  duckdbSingleThreadMs: number;
  loadMs: number;
  ratio: number;
  withinGoal: boolean;
};

export type ClientEvents = { clinicId: string; timeZone: string; events: Event[] };
type Figure = { numerator: number; denominator: number; rate: number | null };
/** Keyed "clinic · figure · group", e.g. "riverside · retention90 · mixed". */
type Figures = Map<string, Figure>;

export async function runEngineVsDuckdb(options: EngineVsDuckdbOptions = {}): Promise<EngineVsDuckdbResult> {
  const targetEvents = options.events ?? 1_000_000;
  const repetitions = options.repetitions ?? 3;
  const { clients, zones, events } = syntheticClients(targetEvents);

  const engineRun = timeRepeatedly(repetitions, () => engineFigures(clients));

  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const loadStarted = performance.now();
    await loadEvents(connection, clients, zones);
    const loadMs = performance.now() - loadStarted;
    const duckdbRun = await timeRepeatedlyAsync(repetitions, () => duckdbFigures(connection));
    // DuckDB runs on every core; the engine on one. The single-thread time says how much of the gap is parallelism.
    const defaultThreads = Number((await connection.runAndReadAll(`SELECT current_setting('threads')`)).getRows()[0]![0]);
    await connection.run('SET threads = 1');
    const singleRun = await timeRepeatedlyAsync(repetitions, () => duckdbFigures(connection));
    await connection.run(`SET threads = ${defaultThreads}`);

    assertSameFigures(engineRun.result, duckdbRun.result);
    assertSameFigures(engineRun.result, singleRun.result);

    const ratio = engineRun.medianMs / duckdbRun.medianMs;
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    const lines = [
      `Engine vs DuckDB — ${events.toLocaleString('en-US')} events, ${clients.length.toLocaleString('en-US')} clients, ${zones.size} clinics, as of ${AS_OF}`,
      `  machine: ${await machine()}; median of ${repetitions} runs after 1 warm-up`,
      `  figures compared: ${engineRun.result.size} (per clinic and overall: goal attainment by goal mode; attendance rate and 90-day retention by episode mode, counted in episodes) — identical`,
      `  engine (summarizeClient + groupMetrics, 1 thread): ${ms(engineRun.medianMs)} (${((engineRun.medianMs * 1000) / events).toFixed(2)} µs/event; runs ${engineRun.runs.map(ms).join(', ')})`,
      `  DuckDB query (${defaultThreads} threads): ${ms(duckdbRun.medianMs)} (runs ${duckdbRun.runs.map(ms).join(', ')})`,
      `  DuckDB query (1 thread): ${ms(singleRun.medianMs)} (runs ${singleRun.runs.map(ms).join(', ')})`,
      `  DuckDB bulk load (appender, then typed table with a primary key on the event id; not in the ratio): ${ms(loadMs)}`,
      `  ratio engine / DuckDB: ${ratio.toFixed(2)}× (goal: engine ≤ ${GOAL_RATIO}× DuckDB — ${ratio <= GOAL_RATIO ? 'met' : 'NOT met'}); vs 1-thread DuckDB: ${(engineRun.medianMs / singleRun.medianMs).toFixed(2)}×`,
      `  calendar days in each clinic's IANA zone on both sides: DuckDB's ICU timezone() once per clinic and quarter hour of UTC, the engine's clinic-calendar.ts`,
    ];
    return {
      lines,
      events,
      clients: clients.length,
      figuresCompared: engineRun.result.size,
      engineMs: engineRun.medianMs,
      duckdbMs: duckdbRun.medianMs,
      duckdbSingleThreadMs: singleRun.medianMs,
      loadMs,
      ratio,
      withinGoal: ratio <= GOAL_RATIO,
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

// ---------------------------------------------------------------------------------------------
// Input

/**
 * At least `target` events, whole clients only, parsed through the event contract and grouped per
 * (clinic, client). The generator never corrects a session or re-delivers an event, so a few of
 * both are added (see `withCorrections`) to make the comparison exercise those rules too.
 */
export function syntheticClients(target: number) {
  for (let clients = Math.ceil(target / EVENTS_PER_CLIENT_ESTIMATE); ; clients = Math.ceil(clients * 1.05)) {
    const network = streamNetwork({ clients, seed: SEED, asOf: AS_OF });
    const zones = new Map(network.clinics.map((c) => [c.clinicId, c.timeZone]));
    const byClient = new Map<string, ClientEvents>();
    let events = 0;
    for (const input of network.events) {
      const event = eventSchema.parse(input);
      const key = `${event.clinicId}/${event.clientId}`;
      let group = byClient.get(key);
      if (!group) {
        group = { clinicId: event.clinicId, timeZone: zones.get(event.clinicId)!, events: [] };
        byClient.set(key, group);
      }
      group.events.push(event);
      events += 1;
    }
    if (events < target) continue;
    const grouped = [...byClient.values()];
    events += withCorrections(grouped);
    return { clients: grouped, zones, events };
  }
}

/**
 * Every 40th client gets one of: an exact re-delivery of an event (same id, same body: the engine
 * and the SQL must count it once); a same-instant status correction of a session (attended beats
 * no_show beats cancelled); a correction an hour later (the later record wins). Returns the number
 * of events added.
 */
function withCorrections(clients: ClientEvents[]): number {
  const opposite = { attended: 'no_show', no_show: 'attended', cancelled: 'attended' } as const;
  let added = 0;
  clients.forEach((client, i) => {
    const session = client.events.find((e) => e.type === 'session.recorded');
    if (i % 40 === 0) client.events.push(structuredClone(client.events[0]!));
    else if (i % 40 === 1 && session) {
      client.events.push({ ...session, id: `${session.id}.fix`, status: opposite[session.status] });
    } else if (i % 40 === 2 && session) {
      const later = new Date(Date.parse(session.occurredAt) + 3_600_000).toISOString();
      client.events.push({ ...session, id: `${session.id}.fix`, occurredAt: later, status: opposite[session.status] });
    } else return;
    added += 1;
  });
  return added;
}

// ---------------------------------------------------------------------------------------------
// Engine

function engineFigures(clients: readonly ClientEvents[]): Figures {
  const byClinic = new Map<string, ClientSummary[]>();
  for (const client of clients) {
    const summary = summarizeClient(client.events, { asOf: AS_OF, timeZone: client.timeZone });
    let summaries = byClinic.get(client.clinicId);
    if (!summaries) {
      summaries = [];
      byClinic.set(client.clinicId, summaries);
    }
    summaries.push(summary);
  }
  const figures: Figures = new Map();
  for (const [clinicId, summaries] of byClinic) {
    const metrics = groupMetrics(summaries);
    for (const mode of ['overall', ...clientModes] as const) {
      const { attendance, retention90 } = metrics.engagement[mode];
      figures.set(`${clinicId} · attendance · ${mode}`, {
        numerator: attendance.attended,
        denominator: attendance.attended + attendance.noShow,
        rate: attendance.rate,
      });
      figures.set(`${clinicId} · retention90 · ${mode}`, retention90);
    }
    for (const mode of ['overall', ...goalModes] as const) {
      const { achieved, closedGoals, rate } = metrics.attainment[mode];
      figures.set(`${clinicId} · attainment · ${mode}`, { numerator: achieved, denominator: closedGoals, rate });
    }
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------
// DuckDB

const COLUMNS = [
  'clinic_id', 'client_id', 'id', 'type', 'occurred_at', 'session_id', 'status', 'goal_id', 'mode', 'outcome', 'reason',
] as const;
const CHUNK_ROWS = 2048;

/** One row per event (the columns the three figures need), plus each clinic's zone. */
async function loadEvents(connection: DuckDBConnection, clients: readonly ClientEvents[], zones: Map<string, string>) {
  await connection.run(`CREATE TABLE clinics (clinic_id VARCHAR, time_zone VARCHAR)`);
  await connection.run(`INSERT INTO clinics VALUES ${[...zones].map(([c, z]) => `('${c}', '${z}')`).join(', ')}`);
  await connection.run(`CREATE TABLE raw_events (${COLUMNS.map((c) => `${c} VARCHAR`).join(', ')})`);
  const appender = await connection.createAppender('raw_events');
  const columns: (string | null)[][] = COLUMNS.map(() => []);
  const flush = () => {
    const chunk = DuckDBDataChunk.create(COLUMNS.map(() => VARCHAR), columns[0]!.length);
    chunk.setColumns(columns);
    appender.appendDataChunk(chunk);
    for (const column of columns) column.length = 0;
  };
  for (const client of clients) {
    for (const e of client.events) {
      const row = [
        e.clinicId, e.clientId, e.id, e.type, e.occurredAt,
        e.type === 'session.recorded' ? e.sessionId : null,
        e.type === 'session.recorded' ? e.status : null,
        e.type === 'goal.set' || e.type === 'goal.reviewed' || e.type === 'goal.closed' ? e.goalId : null,
        e.type === 'goal.set' ? e.mode : null,
        e.type === 'goal.closed' ? e.outcome : null,
        e.type === 'client.discharged' ? e.reason : null,
      ];
      for (const [i, v] of row.entries()) columns[i]!.push(v);
      if (columns[0]!.length === CHUNK_ROWS) flush();
    }
  }
  if (columns[0]!.length > 0) flush();
  appender.closeSync();
  // DuckDB parses the RFC 3339 timestamps itself (offsets included). The primary key holds one row
  // per event id, as the store's idempotent put does (SPEC §2): a re-delivered event is ignored here
  // rather than collapsed in every query.
  const enumOf = (values: readonly string[]) => `ENUM(${values.map((v) => `'${v}'`).join(', ')})`;
  await connection.run(`
    CREATE TABLE events (
      clinic_id VARCHAR, client_id VARCHAR, id VARCHAR, type ${enumOf(eventTypes)}, occurred_at TIMESTAMPTZ,
      session_id VARCHAR, status ${enumOf(sessionStatuses)}, goal_id VARCHAR, mode ${enumOf(goalModes)},
      outcome ${enumOf(goalOutcomes)}, reason ${enumOf(dischargeReasons)},
      PRIMARY KEY (clinic_id, client_id, id))`);
  await connection.run('INSERT OR IGNORE INTO events SELECT * FROM raw_events');
  await connection.run('DROP TABLE raw_events');
}

/**
 * SPEC §3 as functions/metrics implements it:
 *  - event-timeline.ts: one event per id per client (the table's primary key), nothing after asOf,
 *    canonical order (occurredAt, then id);
 *  - sessions.ts: per sessionId the latest record wins; at the same instant attended > no_show >
 *    cancelled, then the later id;
 *  - episodes.ts: steps (enrolments, discharges, attended sessions) in canonical order; a
 *    non-discharge step right after a discharge, or any step first of all, opens an episode; an
 *    episode's start is its first enrolment, else its first attended session; its discharge is the
 *    last discharge in it. A no-show and a goal's defining goal.set belong to the episode open at
 *    their place in the order (the last step before them is not a discharge), else to the next
 *    episode to open, else to none;
 *  - goals.ts: the first goal.set of an id defines the goal's mode; the latest goal.closed stands;
 *    closures of goals never set are not goals;
 *  - an episode's mode: collaborative / directive when every goal set during it is, mixed
 *    otherwise, none without goals; attendance and retention count episodes under that mode;
 *  - retention at 90 days: eligible when the episode's start is ≥ 90 clinic-zone calendar days
 *    before asOf; retained by a positive ending (completed, transferred) of the episode or an
 *    attended session in it ≥ 90 calendar days after its start.
 * Calendar days: DuckDB's ICU timezone() with the zone taken from a column costs ~2 µs a row (the
 * first version of this query took 1.2 s, most of it there), so — like clinic-calendar.ts — the
 * UTC offset is looked up once per clinic and quarter hour of UTC (every tz-database offset change
 * falls on one) and joined back; the local day is then (epoch ms + offset) ÷ 1 day, floored.
 */
const FIGURES_SQL = `
WITH
ev AS NOT MATERIALIZED (
  SELECT * FROM events WHERE occurred_at <= TIMESTAMPTZ '${AS_OF}'
),
sessions AS (
  SELECT clinic_id, client_id, s.status, s.occurred_at, s.id
  FROM (
    SELECT clinic_id, client_id,
      max_by({status: status, occurred_at: occurred_at, id: id},
             {occurred_at: occurred_at, precedence: CASE status WHEN 'attended' THEN 2 WHEN 'no_show' THEN 1 ELSE 0 END, id: id}) AS s
    FROM ev WHERE type = 'session.recorded'
    GROUP BY clinic_id, client_id, session_id
  )
),
goal_defs AS (
  SELECT clinic_id, client_id, goal_id, d.mode, d.occurred_at, d.id
  FROM (
    SELECT clinic_id, client_id, goal_id, arg_min({mode: mode, occurred_at: occurred_at, id: id}, {occurred_at: occurred_at, id: id}) AS d
    FROM ev WHERE type = 'goal.set'
    GROUP BY clinic_id, client_id, goal_id
  )
),
steps AS (
  SELECT clinic_id, client_id, occurred_at, id, type::VARCHAR AS kind, reason FROM ev
  WHERE type IN ('client.enrolled', 'client.discharged')
  UNION ALL
  SELECT clinic_id, client_id, occurred_at, id, 'attended', NULL FROM sessions WHERE status = 'attended'
),
zone_offsets AS (
  SELECT clinic_id, bucket,
    epoch_ms(timezone(time_zone, to_timestamp(bucket * 900))) - bucket * 900000 AS offset_ms
  FROM (SELECT DISTINCT clinic_id, epoch_ms(occurred_at) // 900000 AS bucket FROM steps)
  JOIN clinics USING (clinic_id)
),
opening_steps AS (
  SELECT steps.clinic_id, client_id, occurred_at, id, kind, reason,
    (epoch_ms(occurred_at) + offset_ms) // 86400000 AS day,
    row_number() OVER w AS seq,
    lag(kind) OVER w IS NULL OR (kind <> 'client.discharged' AND lag(kind) OVER w = 'client.discharged') AS opens
  FROM steps JOIN zone_offsets ON zone_offsets.clinic_id = steps.clinic_id AND zone_offsets.bucket = epoch_ms(steps.occurred_at) // 900000
  WINDOW w AS (PARTITION BY steps.clinic_id, client_id ORDER BY occurred_at, id)
),
numbered_steps AS (
  SELECT *, sum(opens::INTEGER) OVER (PARTITION BY clinic_id, client_id ORDER BY seq ROWS UNBOUNDED PRECEDING) AS episode
  FROM opening_steps
),
items AS (
  SELECT clinic_id, client_id, occurred_at, id, NULL::VARCHAR AS kind, NULL::BIGINT AS episode, NULL::BOOLEAN AS opens, status::VARCHAR AS item, NULL::VARCHAR AS mode
  FROM sessions WHERE status = 'no_show'
  UNION ALL
  SELECT clinic_id, client_id, occurred_at, id, NULL, NULL, NULL, 'goal', mode::VARCHAR FROM goal_defs
),
placed AS (
  SELECT item, mode,
    CASE WHEN last_value(kind IGNORE NULLS) OVER before IN ('client.enrolled', 'attended') THEN last_value(episode IGNORE NULLS) OVER before
         ELSE first_value(CASE WHEN opens THEN episode END IGNORE NULLS) OVER after END AS episode,
    clinic_id, client_id
  FROM (
    SELECT clinic_id, client_id, occurred_at, id, kind, episode, opens, NULL AS item, NULL AS mode FROM numbered_steps
    UNION ALL
    SELECT * FROM items
  )
  WINDOW
    before AS (PARTITION BY clinic_id, client_id ORDER BY occurred_at, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
    after AS (PARTITION BY clinic_id, client_id ORDER BY occurred_at, id ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
),
episode_items AS (
  SELECT clinic_id, client_id, episode,
    count(*) FILTER (WHERE item = 'no_show') AS no_show,
    CASE WHEN count(*) FILTER (WHERE item = 'goal') = 0 THEN 'none'
         WHEN bool_and(mode = 'collaborative') FILTER (WHERE item = 'goal') THEN 'collaborative'
         WHEN bool_and(mode = 'directive') FILTER (WHERE item = 'goal') THEN 'directive'
         ELSE 'mixed' END AS mode
  FROM placed WHERE item IS NOT NULL AND episode IS NOT NULL
  GROUP BY clinic_id, client_id, episode
),
episodes AS (
  SELECT clinic_id, client_id, episode,
    coalesce(arg_min(day, seq) FILTER (WHERE kind = 'client.enrolled'), arg_min(day, seq) FILTER (WHERE kind = 'attended')) AS start_day,
    max(day) FILTER (WHERE kind = 'attended') AS last_attended_day,
    count(*) FILTER (WHERE kind = 'attended') AS attended,
    arg_max(reason, seq) FILTER (WHERE kind = 'client.discharged') AS discharge_reason
  FROM numbered_steps GROUP BY clinic_id, client_id, episode
),
closures AS (
  SELECT clinic_id, client_id, goal_id, arg_max(outcome, {occurred_at: occurred_at, id: id}) AS outcome
  FROM ev WHERE type = 'goal.closed'
  GROUP BY clinic_id, client_id, goal_id
),
as_of_days AS (
  SELECT clinic_id, epoch_ms(timezone(time_zone, TIMESTAMPTZ '${AS_OF}')) // 86400000 AS as_of_day FROM clinics
),
per_episode AS (
  SELECT clinic_id, coalesce(i.mode, 'none') AS mode,
    e.attended,
    coalesce(i.no_show, 0) AS no_show,
    coalesce(as_of_day - e.start_day >= 90, false) AS eligible,
    coalesce(e.discharge_reason IN ('completed', 'transferred') OR e.last_attended_day - e.start_day >= 90, false) AS reached
  FROM episodes e
  JOIN as_of_days USING (clinic_id)
  LEFT JOIN episode_items i USING (clinic_id, client_id, episode)
),
figures AS (
  SELECT clinic_id, 'attendance' AS figure, CASE WHEN grouping(mode) = 1 THEN 'overall' ELSE mode END AS grp,
    sum(attended) AS numerator, sum(attended + no_show) AS denominator
  FROM per_episode GROUP BY GROUPING SETS ((clinic_id, mode), (clinic_id))
  UNION ALL
  SELECT clinic_id, 'retention90', CASE WHEN grouping(mode) = 1 THEN 'overall' ELSE mode END,
    count(*) FILTER (WHERE eligible AND reached), count(*) FILTER (WHERE eligible)
  FROM per_episode GROUP BY GROUPING SETS ((clinic_id, mode), (clinic_id))
  UNION ALL
  SELECT clinic_id, 'attainment', CASE WHEN grouping(mode) = 1 THEN 'overall' ELSE mode END,
    count(*) FILTER (WHERE outcome = 'achieved'), count(*)
  FROM goal_defs JOIN closures USING (clinic_id, client_id, goal_id)
  GROUP BY GROUPING SETS ((clinic_id, mode), (clinic_id))
)
SELECT clinic_id, figure, grp, numerator::INTEGER AS numerator, denominator::INTEGER AS denominator,
  CASE WHEN denominator > 0 THEN numerator::DOUBLE / denominator END AS rate
FROM figures
`;

async function duckdbFigures(connection: DuckDBConnection): Promise<Figures> {
  const reader = await connection.runAndReadAll(FIGURES_SQL);
  const figures: Figures = new Map();
  for (const [clinicId, figure, group, numerator, denominator, rate] of reader.getRows()) {
    figures.set(`${clinicId} · ${figure} · ${group}`, {
      numerator: numerator as number,
      denominator: denominator as number,
      rate: rate as number | null,
    });
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------
// Comparison and timing

/** SQL has no row for an empty group where the engine reports 0 of 0: a missing key reads as that. */
function assertSameFigures(engine: Figures, duckdb: Figures): void {
  const empty: Figure = { numerator: 0, denominator: 0, rate: null };
  const diffs: string[] = [];
  for (const key of new Set([...engine.keys(), ...duckdb.keys()])) {
    const e = engine.get(key) ?? empty;
    const d = duckdb.get(key) ?? empty;
    const rateDiffers = e.rate === null || d.rate === null ? e.rate !== d.rate : Math.abs(e.rate - d.rate) > RATE_TOLERANCE;
    if (e.numerator !== d.numerator || e.denominator !== d.denominator || rateDiffers) {
      diffs.push(`  ${key}: engine ${e.numerator}/${e.denominator} = ${e.rate}, DuckDB ${d.numerator}/${d.denominator} = ${d.rate}`);
    }
  }
  if (diffs.length > 0) throw new Error(`engine and DuckDB disagree on ${diffs.length} figure(s):\n${diffs.join('\n')}`);
}

type Timed<T> = { medianMs: number; runs: number[]; result: T };

function timeRepeatedly<T>(repetitions: number, run: () => T): Timed<T> {
  let result = run();
  const runs: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    result = run();
    runs.push(performance.now() - started);
  }
  return { medianMs: median(runs), runs, result };
}

async function timeRepeatedlyAsync<T>(repetitions: number, run: () => Promise<T>): Promise<Timed<T>> {
  let result = await run();
  const runs: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    result = await run();
    runs.push(performance.now() - started);
  }
  return { medianMs: median(runs), runs, result };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { events: { type: 'string', default: '1000000' }, repetitions: { type: 'string', default: '3' } },
  });
  const result = await runEngineVsDuckdb({ events: Number(values.events), repetitions: Number(values.repetitions) });
  console.log(result.lines.join('\n'));
}
