import { describe, expect, it } from 'vitest';
import { summarizeClient } from '../../functions/metrics/client-summary.js';
import { closed, completedEpisode, discharged, enrolled, goalSet, measured, reviewed, session } from './event-builders.js';

const UTC = { asOf: '2025-05-01T00:00:00Z', timeZone: 'UTC' };

// One collaborative client over four months: the worked example behind most assertions below.
const timeline = [
  enrolled('2025-01-06T10:00:00Z'),
  session('2025-01-06T10:00:00Z', 'attended'),
  measured('2025-01-06T10:30:00Z', 'ORS', [5, 5, 5, 5]),
  session('2025-01-13T10:00:00Z', 'attended'),
  goalSet('2025-01-13T10:30:00Z', 'g1', 'collaborative', 2),
  goalSet('2025-01-13T10:31:00Z', 'g2', 'collaborative', 1),
  session('2025-01-20T10:00:00Z', 'no_show'),
  session('2025-01-27T10:00:00Z', 'cancelled'),
  session('2025-02-10T10:00:00Z', 'attended'),
  reviewed('2025-02-10T10:30:00Z', 'g1', 0),
  reviewed('2025-02-10T10:31:00Z', 'g2', -1),
  measured('2025-02-10T10:40:00Z', 'WAI-SR', [5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 5, 4]),
  measured('2025-02-10T10:41:00Z', 'SRS', [9, 9, 9, 9]),
  session('2025-04-10T10:00:00Z', 'attended'),
  closed('2025-04-10T10:30:00Z', 'g1', 'achieved', 2),
  measured('2025-04-10T10:40:00Z', 'SRS', [9, 9, 9, 8.5]),
  measured('2025-04-10T10:41:00Z', 'ORS', [7, 7, 7, 7.5]),
];

describe('summarizeClient on a worked timeline', () => {
  const s = summarizeClient(timeline, UTC);

  it('identifies the client, its start and its mode', () => {
    expect(s).toMatchObject({ clinicId: 'clinic-1', clientId: 'client-1', counselorId: 'counselor-1', mode: 'collaborative' });
    expect(s.episodes).toHaveLength(1);
    expect(s.episodes[0]).toMatchObject({
      start: '2025-01-06T10:00:00Z',
      startSource: 'enrolled',
      discharge: null,
      lastAttendedAt: '2025-04-10T10:00:00Z',
      mode: 'collaborative',
    });
  });

  it('counts attendance without cancellations', () => {
    expect(s.episodes[0]!.attendance).toEqual({ attended: 4, noShow: 1, cancelled: 1, rate: 0.8 });
  });

  it('derives retention, dropout and days in treatment', () => {
    // 10 Feb is day 35 and 10 Apr day 94 after 6 Jan; 1 May is day 115.
    expect(s.episodes[0]).toMatchObject({
      retention: { day30: { eligible: true, retained: true }, day90: { eligible: true, retained: true } },
      dropout: { droppedOut: false, cause: null },
      daysInTreatment: 94,
    });
  });

  it('records each goal', () => {
    expect(s.goals).toEqual([
      {
        goalId: 'g1',
        mode: 'collaborative',
        domain: 'substance_use',
        weight: 2,
        setAt: '2025-01-13T10:30:00Z',
        reviews: [{ at: '2025-02-10T10:30:00Z', level: 0 }],
        latestLevel: 2,
        closed: { outcome: 'achieved', at: '2025-04-10T10:30:00Z', level: 2 },
        daysToAttainment: 87,
      },
      {
        goalId: 'g2',
        mode: 'collaborative',
        domain: 'substance_use',
        weight: 1,
        setAt: '2025-01-13T10:31:00Z',
        reviews: [{ at: '2025-02-10T10:31:00Z', level: -1 }],
        latestLevel: -1,
        closed: null,
        daysToAttainment: null,
      },
    ]);
    expect(s.goalTotals).toEqual({ set: 2, closed: 1, achieved: 1 });
  });

  it('computes the GAS T-score (Kiresuk & Sherman) from weights and latest levels', () => {
    // Σwx = 2·2 + 1·(−1) = 3; √(0.7·(4+1) + 0.3·3²) = √6.2.
    expect(s.gas.tScore).toBeCloseTo(50 + 30 / Math.sqrt(6.2), 10);
    expect(s.gas).toMatchObject({ goalsScored: 2, goalsWithoutLevel: 0 });
  });

  it('scores WAI-SR subscales, SRS and ORS', () => {
    expect(s.alliance.waiSr).toEqual({ total: 39, task: 14, bond: 10, goal: 15, at: '2025-02-10T10:40:00Z' });
    expect(s.alliance.srsTotals).toEqual([36, 35.5]);
    expect(s.alliance.srsLatest).toBe(35.5);
    expect(s.alliance.srsMean).toBeCloseTo(35.75, 10);
    expect(s.outcome).toEqual({ orsFirst: 20, orsLatest: 28.5, change: 8.5, reliableImprovement: true, recovered: true });
  });

  it('raises exactly the flags that apply, each with a reason', () => {
    expect(s.flags).toEqual([
      { flag: 'alliance_risk', reason: 'latest SRS total 35.5 is below 36' },
      { flag: 'stalled_goal', reason: 'goal g2: no review since 2025-02-10' },
    ]);
  });

  it('reports data quality and per-period activity', () => {
    expect(s.dataQuality).toEqual({ unknownGoalEvents: 0, sessionsWithoutGoals: false, goalsNeverReviewed: 0 });
    expect(s.activity.months).toEqual({
      '2025-01': { attended: 2, noShow: 1, goalsSet: { collaborative: 2, directive: 0 }, goalsAchieved: { collaborative: 0, directive: 0 } },
      '2025-02': { attended: 1, noShow: 0, goalsSet: { collaborative: 0, directive: 0 }, goalsAchieved: { collaborative: 0, directive: 0 } },
      '2025-04': { attended: 1, noShow: 0, goalsSet: { collaborative: 0, directive: 0 }, goalsAchieved: { collaborative: 1, directive: 0 } },
    });
    expect(Object.keys(s.activity.weeks)).toEqual(['2025-W02', '2025-W03', '2025-W04', '2025-W07', '2025-W15']);
  });

  it('is plain, compact JSON', () => {
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(JSON.stringify(s)).not.toMatch(/NaN|Infinity/);
    expect(JSON.stringify(s).length).toBeLessThan(5000);
  });

  it('ignores events after asOf', () => {
    const early = summarizeClient(timeline, { asOf: '2025-02-01T00:00:00Z', timeZone: 'UTC' });
    expect(early.episodes[0]!.attendance.attended).toBe(2);
    expect(early.goals.map((g) => g.reviews.length)).toEqual([0, 0]);
    expect(early.episodes[0]!.retention.day90.eligible).toBe(false);
    expect(early.outcome.change).toBeNull();
  });

  it('refuses to summarise nothing', () => {
    expect(() => summarizeClient(timeline, { asOf: '2024-01-01T00:00:00Z', timeZone: 'UTC' })).toThrow(RangeError);
  });
});

describe('GAS T-score edges', () => {
  const at = (d: number) => `2025-01-${String(d).padStart(2, '0')}T10:00:00Z`;

  it('one goal at +2 → 70', () => {
    const s = summarizeClient([goalSet(at(1), 'g', 'directive'), reviewed(at(2), 'g', 2)], UTC);
    expect(s.gas.tScore).toBeCloseTo(70, 10);
  });

  it('all goals at 0 → 50', () => {
    const s = summarizeClient(
      [goalSet(at(1), 'a', 'directive', 3), goalSet(at(1), 'b', 'directive'), reviewed(at(2), 'a', 0), closed(at(3), 'b', 'achieved', 0)],
      UTC,
    );
    expect(s.gas.tScore).toBe(50);
  });

  it('a goal closed without a level uses its latest review; a goal with no level is excluded and counted', () => {
    const s = summarizeClient(
      [
        goalSet(at(1), 'reviewed-then-closed', 'collaborative'),
        reviewed(at(2), 'reviewed-then-closed', -1),
        reviewed(at(3), 'reviewed-then-closed', 1),
        closed(at(4), 'reviewed-then-closed', 'not_achieved'),
        goalSet(at(1), 'never-levelled', 'collaborative'),
        closed(at(5), 'never-levelled', 'abandoned'),
      ],
      UTC,
    );
    expect(s.goals.find((g) => g.goalId === 'reviewed-then-closed')?.latestLevel).toBe(1);
    expect(s.gas).toEqual({ tScore: 60, goalsScored: 1, goalsWithoutLevel: 1 });
    expect(s.dataQuality.goalsNeverReviewed).toBe(1);
  });

  it('no goals → no T-score', () => {
    expect(summarizeClient([enrolled(at(1))], UTC).gas).toEqual({ tScore: null, goalsScored: 0, goalsWithoutLevel: 0 });
  });
});

describe('goal-setting mode', () => {
  const at = '2025-03-01T10:00:00Z';
  it.each([
    [[], 'none'],
    [['collaborative', 'collaborative'], 'collaborative'],
    [['directive'], 'directive'],
    [['collaborative', 'directive'], 'mixed'],
  ] as const)('%j → %s', (modes, expected) => {
    const events = [enrolled(at), ...modes.map((m, i) => goalSet(at, `g${i}`, m))];
    expect(summarizeClient(events, UTC).mode).toBe(expected);
  });
});

describe('no goals', () => {
  const s = summarizeClient(
    [session('2025-04-01T10:00:00Z', 'attended'), session('2025-04-08T10:00:00Z', 'attended')],
    UTC,
  );
  it('starts at the first attended session and flags the missing goal conversation', () => {
    expect(s.episodes).toMatchObject([{ start: '2025-04-01T10:00:00Z', startSource: 'first_attended' }]);
    expect(s.mode).toBe('none');
    expect(s.flags).toEqual([
      { flag: 'no_goals', reason: '2 sessions attended and no goal set yet: the goal-setting conversation is due' },
    ]);
    expect(s.dataQuality.sessionsWithoutGoals).toBe(true);
  });
});

describe('data quality', () => {
  it('counts events referring to a goal never set, and forgets them once the goal.set arrives', () => {
    const orphans = [reviewed('2025-02-01T10:00:00Z', 'ghost', 1), closed('2025-03-01T10:00:00Z', 'ghost', 'achieved')];
    const before = summarizeClient([enrolled('2025-01-01T10:00:00Z'), ...orphans], UTC);
    expect(before.dataQuality.unknownGoalEvents).toBe(2);
    expect(before.goals).toEqual([]);
    // The late goal.set is dated before the review: the set of events, not arrival order, decides.
    const after = summarizeClient([enrolled('2025-01-01T10:00:00Z'), ...orphans, goalSet('2025-01-15T10:00:00Z', 'ghost', 'directive')], UTC);
    expect(after.dataQuality.unknownGoalEvents).toBe(0);
    expect(after.goals[0]).toMatchObject({ goalId: 'ghost', latestLevel: 1, daysToAttainment: 45 });
  });
});

describe('discharge and re-enrolment', () => {
  const events = [
    enrolled('2025-01-01T10:00:00Z'),
    session('2025-01-01T10:00:00Z', 'attended'),
    session('2025-01-20T10:00:00Z', 'attended'),
    discharged('2025-02-01T10:00:00Z', 'dropped_out'),
    session('2025-02-10T10:00:00Z', 'no_show'), // a no-show does not reopen the episode
    enrolled('2025-03-01T10:00:00Z'),
    session('2025-03-01T10:00:00Z', 'attended'),
  ];

  it('while discharged: dropout from the TEDS reason, days in treatment to discharge, no flags', () => {
    const s = summarizeClient(events, { asOf: '2025-02-15T00:00:00Z', timeZone: 'UTC' });
    expect(s.episodes).toHaveLength(1);
    expect(s.episodes[0]).toMatchObject({
      discharge: { at: '2025-02-01T10:00:00Z', reason: 'dropped_out' },
      dropout: { droppedOut: true, cause: 'dropped_out' },
      daysInTreatment: 31,
      retention: { day30: { eligible: true, retained: false } },
    });
    expect(s.flags).toEqual([]);
  });

  it('after re-enrolment each episode keeps its own figures', () => {
    const s = summarizeClient(events, { asOf: '2025-03-15T00:00:00Z', timeZone: 'UTC' });
    expect(s.episodes).toHaveLength(2);
    expect(s.episodes[0]).toMatchObject({ dropout: { droppedOut: true }, daysInTreatment: 31, attendance: { attended: 2, noShow: 0 } });
    // The no-show between discharge and return belongs to the episode it led to.
    expect(s.episodes[1]).toMatchObject({
      start: '2025-03-01T10:00:00Z',
      discharge: null,
      dropout: { droppedOut: false },
      retention: { day30: { eligible: false } },
      daysInTreatment: 0,
      attendance: { attended: 1, noShow: 1 },
    });
  });

  it('a client who completed treatment and came back is two episodes: retained in the first, 65 days in treatment', () => {
    const s = summarizeClient(
      [
        ...completedEpisode(),
        enrolled('2025-04-01T10:00:00Z'),
        goalSet('2025-04-01T11:00:00Z', 'second', 'directive'),
        session('2025-04-08T10:00:00Z', 'attended'),
      ],
      UTC,
    );
    expect(s.episodes.map((e) => e.daysInTreatment)).toEqual([65, 7]);
    expect(s.episodes.map((e) => e.mode)).toEqual(['collaborative', 'directive']);
    expect(s.mode).toBe('mixed');
    expect(s.episodes[0]!.retention).toEqual({ day30: { eligible: true, retained: true }, day90: { eligible: true, retained: true } });
    expect(s.episodes[1]!.retention.day30.eligible).toBe(true);
    expect(s.episodes[1]!.retention.day30.retained).toBe(false);
    expect(s.episodes.map((e) => e.dropout.droppedOut)).toEqual([false, false]);
  });

  it('a goal or no-show recorded just before the enrolment belongs to that episode', () => {
    const s = summarizeClient(
      [
        session('2025-01-01T09:00:00Z', 'no_show'),
        goalSet('2025-01-01T09:30:00Z', 'g', 'directive'),
        enrolled('2025-01-01T10:00:00Z'),
      ],
      UTC,
    );
    expect(s.episodes).toMatchObject([{ mode: 'directive', attendance: { attended: 0, noShow: 1 } }]);
  });

  it('a completed discharge counts as retained', () => {
    const s = summarizeClient(
      [enrolled('2025-01-01T10:00:00Z'), session('2025-01-05T10:00:00Z', 'attended'), discharged('2025-01-20T10:00:00Z', 'completed')],
      UTC,
    );
    expect(s.episodes[0]!.retention).toEqual({ day30: { eligible: true, retained: true }, day90: { eligible: true, retained: true } });
    expect(s.episodes[0]!.dropout.droppedOut).toBe(false);
  });
});

describe('dropout by lost contact', () => {
  const events = [enrolled('2025-01-01T10:00:00Z'), session('2025-01-10T10:00:00Z', 'attended')];
  it('is raised at 60 days without an attended session, not at 59', () => {
    expect(summarizeClient(events, { asOf: '2025-03-10T12:00:00Z', timeZone: 'UTC' }).episodes[0]!.dropout).toEqual({ droppedOut: false, cause: null });
    expect(summarizeClient(events, { asOf: '2025-03-11T12:00:00Z', timeZone: 'UTC' }).episodes[0]!.dropout).toEqual({
      droppedOut: true,
      cause: 'lost_to_contact',
    });
  });
});

describe('caseload flags', () => {
  const asOf = { asOf: '2025-03-01T00:00:00Z', timeZone: 'UTC' };
  const withGoal = [enrolled('2025-02-01T10:00:00Z'), goalSet('2025-02-01T10:00:00Z', 'g', 'collaborative'), reviewed('2025-02-25T10:00:00Z', 'g', 0)];

  /** The flags of a client with an open reviewed goal and these sessions. */
  const flagsWith = (...sessions: ReturnType<typeof session>[]) => summarizeClient([...withGoal, ...sessions], asOf).flags;
  const missedSessions = [{ flag: 'missed_sessions', reason: 'the last 2 sessions that were not cancelled were no-shows' }];

  it('missed_sessions: the last two held sessions are no-shows (a cancellation between does not matter)', () => {
    expect(
      flagsWith(
        session('2025-02-10T10:00:00Z', 'attended'),
        session('2025-02-17T10:00:00Z', 'no_show'),
        session('2025-02-20T10:00:00Z', 'cancelled'),
        session('2025-02-24T10:00:00Z', 'no_show'),
      ),
    ).toEqual(missedSessions);
  });

  it('missed_sessions: a cancellation after the two no-shows neither clears the flag nor is called a no-show', () => {
    expect(flagsWith(session('2025-02-17T10:00:00Z', 'no_show'), session('2025-02-24T10:00:00Z', 'no_show'), session('2025-02-27T10:00:00Z', 'cancelled'))).toEqual(
      missedSessions,
    );
  });

  it('a later event for a session replaces its status', () => {
    const s = summarizeClient(
      [
        ...withGoal,
        session('2025-02-24T10:00:00Z', 'attended', { sessionId: 'z' }),
        session('2025-02-24T18:00:00Z', 'no_show', { sessionId: 'z' }),
      ],
      asOf,
    );
    expect(s.episodes[0]!.attendance).toMatchObject({ attended: 0, noShow: 1 });
  });

  it('a same-time correction of a session status resolves to attended, whatever the event ids', () => {
    const s = summarizeClient(
      [
        ...withGoal,
        session('2025-02-17T10:00:00Z', 'no_show', { sessionId: 'x' }),
        session('2025-02-24T10:00:00Z', 'no_show', { sessionId: 'y' }),
        session('2025-02-24T10:00:00Z', 'attended', { sessionId: 'y', id: 'correction' }),
      ],
      asOf,
    );
    expect(s.episodes[0]!.attendance).toMatchObject({ attended: 1, noShow: 1 });
    expect(s.flags).toEqual([]);
  });

  it('stalled_goal: the last two reviews at −1 or below', () => {
    const s = summarizeClient(
      [...withGoal, reviewed('2025-02-26T10:00:00Z', 'g', -1), reviewed('2025-02-27T10:00:00Z', 'g', -2)],
      asOf,
    );
    expect(s.flags).toEqual([{ flag: 'stalled_goal', reason: 'goal g: last two reviews at -1 and -2' }]);
  });

  it('stalled_goal: set 30 days ago and never reviewed; closed goals are never stalled', () => {
    const s = summarizeClient(
      [enrolled('2025-01-30T10:00:00Z'), goalSet('2025-01-30T10:00:00Z', 'open', 'directive'), goalSet('2025-01-01T10:00:00Z', 'done', 'directive'), closed('2025-01-02T10:00:00Z', 'done', 'achieved')],
      asOf,
    );
    expect(s.flags).toEqual([{ flag: 'stalled_goal', reason: 'goal open: set on 2025-01-30 and never reviewed' }]);
  });

  it('deteriorating: latest ORS at least 5 below the first', () => {
    const s = summarizeClient(
      [...withGoal, measured('2025-02-01T11:00:00Z', 'ORS', [7, 7, 7, 7]), measured('2025-02-25T11:00:00Z', 'ORS', [6, 6, 6, 5])],
      asOf,
    );
    expect(s.outcome).toMatchObject({ change: -5, reliableImprovement: false, recovered: false });
    expect(s.flags).toEqual([{ flag: 'deteriorating', reason: 'ORS fell from 28 to 23' }]);
  });

  it('alliance_risk stays quiet at exactly 36', () => {
    const s = summarizeClient([...withGoal, measured('2025-02-25T11:00:00Z', 'SRS', [9, 9, 9, 9])], asOf);
    expect(s.flags).toEqual([]);
  });
});

describe('clinic time zone', () => {
  // 23:30 UTC on 31 January is 00:30 on 1 February in Berlin.
  const events = [goalSet('2025-01-31T23:30:00Z', 'g', 'collaborative'), session('2025-01-31T23:30:00Z', 'attended')];

  it('puts activity in the clinic-local month and ISO week', () => {
    const utc = summarizeClient(events, { asOf: '2025-02-02T00:00:00Z', timeZone: 'UTC' });
    const berlin = summarizeClient(events, { asOf: '2025-02-02T00:00:00Z', timeZone: 'Europe/Berlin' });
    expect(Object.keys(utc.activity.months)).toEqual(['2025-01']);
    expect(Object.keys(berlin.activity.months)).toEqual(['2025-02']);
    expect(Object.keys(utc.activity.weeks)).toEqual(['2025-W05']);
    expect(Object.keys(berlin.activity.weeks)).toEqual(['2025-W05']);
  });

  it('counts days in the clinic zone (a late-evening session in New York is still the previous day)', () => {
    const ny = [enrolled('2025-01-01T15:00:00Z'), session('2025-03-02T03:00:00Z', 'attended')]; // 1 Mar 22:00 EST
    expect(summarizeClient(ny, { asOf: '2025-03-05T00:00:00Z', timeZone: 'America/New_York' }).episodes[0]!.daysInTreatment).toBe(59);
    expect(summarizeClient(ny, { asOf: '2025-03-05T00:00:00Z', timeZone: 'UTC' }).episodes[0]!.daysInTreatment).toBe(60);
  });

  it('an ISO week can belong to the next year', () => {
    const s = summarizeClient([session('2024-12-30T12:00:00Z', 'attended')], { asOf: '2025-01-01T00:00:00Z', timeZone: 'UTC' });
    expect(Object.keys(s.activity.weeks)).toEqual(['2025-W01']);
    expect(Object.keys(s.activity.months)).toEqual(['2024-12']);
  });
});

describe('counselor attribution', () => {
  it('is the counselor of the latest event', () => {
    const s = summarizeClient(
      [enrolled('2025-01-01T10:00:00Z', { counselorId: 'old' }), session('2025-02-01T10:00:00Z', 'attended', { counselorId: 'new' })],
      UTC,
    );
    expect(s.counselorId).toBe('new');
  });
});
