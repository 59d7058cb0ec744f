import type { RowSink } from '../data/ingest-ratings.js';
import type { ColumnPlan } from '../data/map-columns.js';
import { createGapAccumulator, type GapAccumulator } from '../gaps/tally-gaps.js';
import { createRespondentScorer } from '../gaps/score-respondent.js';
import type { Construct, FieldMeaning, Instrument } from '../instrument/types.js';
import { ProblemLog } from '../problem-log.js';
import type { Problem } from '../problems.js';
import { buildReport, type ReportOptions } from '../report/build-report.js';
import type { Moments } from '../report/types.js';
import { compareSegments } from '../segments/compare-segments.js';
import { closest } from '../text/closest.js';
import { penaltyRewardFromTally } from '../asymmetry/penalty-reward.js';
import { PenaltyRewardTally } from '../asymmetry/penalty-reward-tally.js';
import { complaintRecovery, type Resolution } from '../complaints/complaint-recovery.js';
import { readAnswer } from '../complaints/read-answer.js';
import { classifyLoyalty, loyaltyTypeOf } from './loyalty-typology.js';
import {
  LOYALTY_TYPES,
  type LoyaltyAnalyses,
  type LoyaltyType,
  type TypologyReport,
} from './types.js';

/** Answers not understood that are kept as problems (the rest are counted). */
const MAX_PROBLEMS = 1000;

export interface LoyaltySettings {
  /**
   * A column of the firm's records measuring patronage (`--patronage`), instead of the behavioural
   * items.
   */
  readonly patronage?: string;
  /**
   * High patronage above this value of the column (`--patronage-threshold`); default its median.
   */
  readonly patronageThreshold?: number;
  /** Split attitude and item patronage at the scale midpoint (default) or at the sample medians. */
  readonly split: 'midpoint' | 'median';
  /** Target construct of the penalty–reward analysis (`--asymmetry-target`). */
  readonly asymmetryTarget?: string;
  /** Group whose attributes are its regressors (`--asymmetry-of`, default SQ). */
  readonly asymmetryOf?: string;
  readonly file?: string;
}

export interface LoyaltyCollector {
  sink(plan: ColumnPlan): RowSink;
  /** The three analyses and any answers not understood; or why the settings cannot work. */
  finish(
    plan: ColumnPlan,
    settings: Omit<ReportOptions, 'model' | 'zone' | 'segments'>,
  ): { analyses: LoyaltyAnalyses; problems: Problem[]; unread: number } | string;
}

/**
 * Checks the settings against the instrument before the file is read; a message when they cannot
 * work.
 */
export function checkLoyaltySettings(
  instrument: Instrument,
  settings: LoyaltySettings,
): string | null {
  const ids = instrument.constructs.map((c) => c.id);
  const target = settings.asymmetryTarget;
  if (target !== undefined && !ids.includes(target)) {
    const hint = didYouMean(closest(target, ids));
    return `--asymmetry-target ${target}: not a construct of the instrument${hint}`;
  }
  const groups = [...new Set(instrument.constructs.map((c) => c.group))];
  if (settings.asymmetryOf !== undefined && !groups.includes(settings.asymmetryOf)) {
    const hint = didYouMean(closest(settings.asymmetryOf, groups));
    return `--asymmetry-of ${settings.asymmetryOf}: not a group of the instrument${hint}`;
  }
  return null;
}

/** The end of a message about a name that is not there: the closest one, when there is one. */
function didYouMean(suggestion: string | null): string {
  return suggestion === null ? '' : ` — did you mean "${suggestion}"?`;
}

/**
 * Scores each respondent as the file streams past and keeps what the three analyses need: the
 * loyalty typology (`classifyLoyalty`, with each type's survival factors from the same gap
 * machinery as `--segment-by`, and true vs spurious compared with `compareSegments`), the
 * penalty–reward contrast (cross-products in a `PenaltyRewardTally`, `penaltyRewardFromTally`) and
 * the complaint analysis (`complaintRecovery`).
 *
 * Memory per respondent: attitude, patronage and RQ scores (24 bytes); with complaint answers, five
 * values more (about 26 bytes); with a median split (`--loyalty-split median`, or a `--patronage`
 * column without `--patronage-threshold`) the type is known only at the end, so every rating row is
 * kept (8 bytes per rating column) and replayed into the per-type tallies. Everything else is O(1).
 *
 * Scores are those of `createRespondentScorer` (reverse-keyed items reflected): a construct's score
 * is the mean of the items the respondent rated. The typology and complaint statistics count
 * respondents unweighted; the per-type survival factors use the weights like the main report.
 */
export function collectLoyalty(
  instrument: Instrument,
  settings: LoyaltySettings,
): LoyaltyCollector {
  const columns: Partial<Record<FieldMeaning | 'patronage', { index: number; header: string }>> =
    {};
  let patronageMissing = false;
  // Answers not understood: all counted, the first MAX_PROBLEMS kept.
  const problems: Problem[] = [];
  let unread = 0;
  // Per respondent.
  const attitude: number[] = [];
  const patronage: number[] = [];
  const rq: number[] = [];
  const complained: Array<boolean | null> = [];
  const resolved: Array<Resolution | null> = [];
  const hours: number[] = [];
  const satisfaction: number[] = [];
  const loyalty: number[] = [];
  // Rating rows kept for a median split (replayed at the end).
  let flat = new Float64Array(0);
  let width = 0;
  let count = 0;
  const weights: number[] = [];
  let state: {
    plan: ColumnPlan;
    byType: Map<LoyaltyType, GapAccumulator> | null;
    prca: PenaltyRewardTally | null;
    regressors: readonly string[];
    target: Construct | null;
    loyaltyConstruct: string | null;
    attitudinal: readonly string[];
    behavioural: readonly string[];
    typology: boolean;
    streamCuts: { attitude: number; patronage: number } | null;
  } | null = null;
  return {
    sink(plan) {
      const find = (name: string): number => {
        const exact = plan.header.indexOf(name);
        if (exact >= 0) return exact;
        const folded = plan.header.filter((h) => h.toLowerCase() === name.toLowerCase());
        return folded.length === 1 ? plan.header.indexOf(folded[0] as string) : -1;
      };
      for (const f of instrument.respondentFields) {
        if (f.meaning === undefined) continue;
        const index = find(f.id);
        if (index >= 0) columns[f.meaning] = { index, header: plan.header[index] as string };
      }
      if (settings.patronage !== undefined) {
        const index = find(settings.patronage);
        if (index >= 0) columns.patronage = { index, header: plan.header[index] as string };
        else patronageMissing = true;
      }
      const scorer = createRespondentScorer(plan, instrument);
      const a = plan.attributes.length;
      const attributeIndex = new Map(plan.attributes.map((x, i) => [x.attribute.id, i]));
      const constructIndex = new Map(instrument.constructs.map((c, i) => [c.id, a + i]));
      const scoreAt = (id: string | null | undefined): number =>
        id === null || id === undefined ? -1 : (constructIndex.get(id) ?? -1);
      const outcomes = plan.attributes.map((x) => x.attribute).filter((x) => x.outcome);
      const attitudinal = outcomes.filter((x) => x.loyalty === 'attitudinal').map((x) => x.id);
      const behavioural = outcomes.filter((x) => x.loyalty === 'behavioural').map((x) => x.id);
      const useColumn = columns.patronage !== undefined;
      const typology = attitudinal.length > 0 && (useColumn || behavioural.length > 0);
      const outcomeScale = outcomes[0]?.scale ?? instrument.scale;
      const midpoint = (outcomeScale.min + outcomeScale.max) / 2;
      const attitudeCut = settings.split === 'median' ? null : midpoint;
      const patronageCut = useColumn
        ? (settings.patronageThreshold ?? null)
        : settings.split === 'median'
          ? null
          : midpoint;
      const streamCuts =
        attitudeCut === null || patronageCut === null
          ? null
          : { attitude: attitudeCut, patronage: patronageCut };
      const target = asymmetryTarget(instrument, settings.asymmetryTarget);
      const group = settings.asymmetryOf ?? 'SQ';
      const regressors = plan.attributes
        .map((x) => x.attribute)
        .filter((x) => x.group === group && !x.outcome);
      const loyaltyConstruct = constructIndex.has('CL')
        ? 'CL'
        : (instrument.constructs.find((c) => c.outcome && c.attributes.length > 0)?.id ?? null);
      const prca =
        target === null || regressors.length === 0
          ? null
          : new PenaltyRewardTally(regressors.length, regressors[0]?.scale ?? instrument.scale);
      const byType = typology
        ? new Map<LoyaltyType, GapAccumulator>(
            LOYALTY_TYPES.map((type) => [type, createGapAccumulator(plan, instrument)]),
          )
        : null;
      state = {
        plan,
        byType,
        prca,
        regressors: regressors.map((x) => x.id),
        target,
        loyaltyConstruct,
        attitudinal,
        behavioural,
        typology,
        streamCuts,
      };
      const attitudeAt = attitudinal.map((id) => attributeIndex.get(id) as number);
      const behaviouralAt = behavioural.map((id) => attributeIndex.get(id) as number);
      const regressorAt = regressors.map((x) => attributeIndex.get(x.id) as number);
      const ratings = new Float64Array(regressors.length);
      const scored = new Float64Array(scorer.layout.width);
      const rqAt = scoreAt('RQ');
      const targetAt = scoreAt(target?.id);
      const loyaltyAt = scoreAt(loyaltyConstruct);
      const complaints = columns.complained !== undefined;
      width = plan.used.length;
      const meanOf = (s: Float64Array, at: readonly number[]): number => {
        let sum = 0;
        let rated = 0;
        for (const k of at) {
          const x = s[2 * k] as number;
          if (x === x) {
            sum += x;
            rated++;
          }
        }
        return rated > 0 ? sum / rated : Number.NaN;
      };
      const problem = (
        code: 'non-numeric' | 'bad-answer',
        meaning: FieldMeaning | 'patronage',
        line: number | undefined,
        found: string,
        expected: string,
      ): void => {
        const c = columns[meaning];
        unread++;
        if (problems.length >= MAX_PROBLEMS) return;
        problems.push({
          code,
          severity: 'warning',
          ...(settings.file === undefined ? {} : { file: settings.file }),
          ...(line === undefined ? {} : { line }),
          ...(c === undefined ? {} : { column: c.index + 1, header: c.header }),
          found,
          expected,
        });
      };
      const number = (
        meaning: 'patronage' | 'response-hours',
        record: readonly string[],
        line: number | undefined,
      ): number => {
        const c = columns[meaning];
        const raw = c === undefined ? '' : (record[c.index] ?? '').trim();
        if (raw === '') return Number.NaN;
        const x = Number(raw);
        if (Number.isFinite(x) && x >= 0) return x;
        problem('non-numeric', meaning, line, raw, 'a number ≥ 0');
        return Number.NaN;
      };
      const answer = <T extends string>(
        meaning: 'complained' | 'resolved',
        record: readonly string[],
        line: number | undefined,
        allowed: readonly T[],
      ): T | null => {
        const c = columns[meaning];
        const raw = c === undefined ? '' : (record[c.index] ?? '').trim();
        const read = readAnswer(raw, allowed);
        if (read !== undefined) return read;
        problem('bad-answer', meaning, line, raw, allowed.join('/'));
        return null;
      };
      return {
        add(values, record, weight, line) {
          const s = scorer.score(values, scored);
          if (typology) {
            const at = meanOf(s, attitudeAt);
            const pa = useColumn ? number('patronage', record, line) : meanOf(s, behaviouralAt);
            attitude.push(at);
            patronage.push(pa);
            rq.push(rqAt < 0 ? Number.NaN : (s[2 * rqAt] as number));
            if (streamCuts !== null) {
              if (Number.isFinite(at) && Number.isFinite(pa))
                byType
                  ?.get(loyaltyTypeOf(at, pa, streamCuts.attitude, streamCuts.patronage))
                  ?.add(values, 0, weight);
            } else {
              if ((count + 1) * width > flat.length) {
                const grown = new Float64Array(Math.max(1024 * width, 2 * flat.length));
                grown.set(flat);
                flat = grown;
              }
              flat.set(values.length === width ? values : values.subarray(0, width), count * width);
              weights.push(weight);
            }
          }
          count++;
          const y = targetAt < 0 ? Number.NaN : (s[2 * targetAt] as number);
          if (prca !== null) {
            regressorAt.forEach((k, j) => {
              ratings[j] = s[2 * k] as number;
            });
            prca.add(y, ratings);
          }
          if (complaints) {
            const c = answer('complained', record, line, ['yes', 'no'] as const);
            complained.push(c === null ? null : c === 'yes');
            resolved.push(
              columns.resolved === undefined
                ? null
                : answer('resolved', record, line, ['yes', 'partly', 'no'] as const),
            );
            hours.push(number('response-hours', record, line));
            satisfaction.push(y);
            loyalty.push(loyaltyAt < 0 ? Number.NaN : (s[2 * loyaltyAt] as number));
          }
        },
      };
    },
    finish(plan, reportSettings) {
      if (patronageMissing) {
        const hint = didYouMean(closest(settings.patronage ?? '', plan.header));
        return `--patronage ${settings.patronage ?? ''}: no such column${hint}`;
      }
      if (state === null)
        return {
          analyses: { typology: null, asymmetry: null, complaints: null },
          problems,
          unread,
        };
      const st = state;

      // 1. Loyalty typology.
      let typology: TypologyReport | null = null;
      if (st.typology && st.byType !== null) {
        const useColumn = columns.patronage !== undefined;
        const outcomeScale =
          plan.attributes.map((x) => x.attribute).find((x) => x.outcome)?.scale ?? instrument.scale;
        const midpoint = (outcomeScale.min + outcomeScale.max) / 2;
        const t = classifyLoyalty(attitude, patronage, {
          attitude: settings.split === 'median' ? 'median' : midpoint,
          patronage: useColumn
            ? (settings.patronageThreshold ?? 'median')
            : settings.split === 'median'
              ? 'median'
              : midpoint,
        });
        if (st.streamCuts === null) {
          // Replay the kept rows into the per-type tallies now that the cuts are known.
          t.types.forEach((type, i) => {
            if (type !== null) st.byType?.get(type)?.add(flat, i * width, weights[i] ?? 1);
          });
        }
        const tallies = new Map(
          LOYALTY_TYPES.map((type) => [type, st.byType?.get(type)?.tallies()]),
        );
        const rated = plan.attributes.map((x) => x.attribute).filter((x) => !x.outcome);
        const hasRq = instrument.constructs.some((c) => c.id === 'RQ');
        typology = {
          attitude: { items: st.attitudinal, split: settings.split, cut: t.attitudeCut },
          patronage: {
            source: useColumn ? 'column' : 'items',
            items: useColumn ? [] : st.behavioural,
            column: columns.patronage?.header ?? null,
            split: useColumn
              ? settings.patronageThreshold === undefined
                ? 'median'
                : 'threshold'
              : settings.split,
            cut: t.patronageCut,
          },
          classified: t.classified,
          types: LOYALTY_TYPES.map((type) => {
            const set = tallies.get(type);
            const survivalFactors =
              set === undefined || set.respondents === 0
                ? []
                : buildReport(instrument, plan, set, new ProblemLog(), reportSettings)
                    .survivalFactors;
            return {
              type,
              share: t.shares[type],
              rq: hasRq ? moments(rq, t.types, type) : null,
              survivalFactors,
            };
          }),
          spuriousAmongRetained: t.spuriousAmongRetained,
          spuriousVsTrue: compareSegments(
            (['true', 'spurious'] as const).map((type) => ({
              value: type,
              tallies: tallies.get(type) ?? createGapAccumulator(plan, instrument).tallies(),
            })),
            rated.map((x) => x.id),
            { hasBaseline: plan.baseline !== null },
          ),
        };
      }

      // 2. Penalty–reward contrast.
      const asymmetry =
        st.prca === null || st.target === null
          ? null
          : penaltyRewardFromTally(st.prca, {
              ids: st.regressors,
              targetId: st.target.id,
              group: settings.asymmetryOf ?? 'SQ',
            });

      // 3. Complaints.
      const complainedColumn = columns.complained;
      const complaints =
        complainedColumn === undefined
          ? null
          : complaintRecovery({
              complained,
              resolved,
              hours,
              satisfaction,
              loyalty,
              midpoint: (instrument.scale.min + instrument.scale.max) / 2,
              fields: {
                complained: complainedColumn.header,
                resolved: columns.resolved?.header ?? null,
                hours: columns['response-hours']?.header ?? null,
              },
              target: st.target?.id ?? null,
              loyaltyId: st.loyaltyConstruct,
            });
      return { analyses: { typology, asymmetry, complaints }, problems, unread };
    },
  };
}

/** `--asymmetry-target`, else the `satisfaction` construct, else the first outcome construct. */
function asymmetryTarget(instrument: Instrument, id: string | undefined): Construct | null {
  const find = (x: string) => instrument.constructs.find((c) => c.id === x);
  if (id !== undefined) return find(id) ?? null;
  return find('satisfaction') ?? instrument.constructs.find((c) => c.outcome) ?? null;
}

/** n, mean, SD (n − 1) of the scores of one loyalty type. */
function moments(
  scores: readonly number[],
  types: ReadonlyArray<LoyaltyType | null>,
  type: LoyaltyType,
): Moments {
  const xs: number[] = [];
  types.forEach((t, i) => {
    const x = scores[i] as number;
    if (t === type && x === x) xs.push(x);
  });
  const n = xs.length;
  const mean = n === 0 ? Number.NaN : xs.reduce((s, x) => s + x, 0) / n;
  const ss = xs.reduce((s, x) => s + (x - mean) ** 2, 0);
  return { n, mean, sd: n < 2 ? Number.NaN : Math.sqrt(ss / (n - 1)) };
}
