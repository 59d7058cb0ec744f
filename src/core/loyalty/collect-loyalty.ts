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
import { penaltyRewardContrast } from '../asymmetry/penalty-reward.js';
import { complaintRecovery, type Resolution } from '../complaints/complaint-recovery.js';
import { readAnswer } from '../complaints/read-answer.js';
import { classifyLoyalty } from './loyalty-typology.js';
import {
  LOYALTY_TYPES,
  type LoyaltyAnalyses,
  type LoyaltyType,
  type TypologyReport,
} from './types.js';

export interface LoyaltySettings {
  /** A column of the firm's records measuring patronage (`--patronage`), instead of the behavioural items. */
  readonly patronage?: string;
  /** High patronage above this value of the column (`--patronage-threshold`); default its median. */
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
  ): { analyses: LoyaltyAnalyses; problems: Problem[] } | string;
}

/** Checks the settings against the instrument before the file is read; a message when they cannot work. */
export function checkLoyaltySettings(
  instrument: Instrument,
  settings: LoyaltySettings,
): string | null {
  const ids = instrument.constructs.map((c) => c.id);
  if (settings.asymmetryTarget !== undefined && !ids.includes(settings.asymmetryTarget)) {
    const s = closest(settings.asymmetryTarget, ids);
    return `--asymmetry-target ${settings.asymmetryTarget}: not a construct of the instrument${s === null ? '' : ` — did you mean "${s}"?`}`;
  }
  const groups = [...new Set(instrument.constructs.map((c) => c.group))];
  if (settings.asymmetryOf !== undefined && !groups.includes(settings.asymmetryOf)) {
    const s = closest(settings.asymmetryOf, groups);
    return `--asymmetry-of ${settings.asymmetryOf}: not a group of the instrument${s === null ? '' : ` — did you mean "${s}"?`}`;
  }
  return null;
}

/**
 * Keeps each respondent's ratings (and the patronage and complaint answers) as the file streams
 * past, then runs the loyalty typology (`classifyLoyalty`, with each type's survival factors from
 * the same gap machinery as `--segment-by`, and true vs spurious compared with `compareSegments`),
 * the penalty–reward contrast (`penaltyRewardContrast`) and the complaint analysis
 * (`complaintRecovery`). Memory: 8 bytes per rating column per respondent, in one array, and
 * one score column per outcome item, regressor and construct the analyses read.
 *
 * Scores are those of `createRespondentScorer` (reverse-keyed items reflected): a construct's score is
 * the mean of the items the respondent rated. The typology and complaint statistics count respondents
 * unweighted; the per-type survival factors use the weights like the main report.
 */
export function collectLoyalty(
  instrument: Instrument,
  settings: LoyaltySettings,
): LoyaltyCollector {
  // Every respondent's ratings, one after another in one growing array (plan.used order).
  let flat = new Float64Array(0);
  let width = 0;
  let count = 0;
  const weights: number[] = [];
  const lines: number[] = [];
  const answers: Partial<Record<FieldMeaning | 'patronage', string[]>> = {};
  const columns: Partial<Record<FieldMeaning | 'patronage', { index: number; header: string }>> =
    {};
  let patronageMissing = false;
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
      const picked = Object.entries(columns) as Array<
        [FieldMeaning | 'patronage', { index: number }]
      >;
      const lists = picked.map(([k, c]) => {
        const list: string[] = [];
        answers[k] = list;
        return { list, index: c.index };
      });
      width = plan.used.length;
      return {
        add(values, record, weight, line) {
          if ((count + 1) * width > flat.length) {
            const grown = new Float64Array(Math.max(1024 * width, 2 * flat.length));
            grown.set(flat);
            flat = grown;
          }
          flat.set(values.length === width ? values : values.subarray(0, width), count * width);
          count++;
          weights.push(weight);
          lines.push(line ?? count + 1);
          for (const { list, index } of lists) list.push((record[index] ?? '').trim());
        },
      };
    },
    finish(plan, reportSettings) {
      if (patronageMissing) {
        const s = closest(settings.patronage ?? '', plan.header);
        return `--patronage ${settings.patronage ?? ''}: no such column${s === null ? '' : ` — did you mean "${s}"?`}`;
      }
      const problems: Problem[] = [];
      const scorer = createRespondentScorer(plan, instrument);
      const a = plan.attributes.length;
      const rowOf = (i: number): Float64Array => flat.subarray(i * width, (i + 1) * width);
      const attributeIndex = new Map(plan.attributes.map((s, i) => [s.attribute.id, i]));
      const constructIndex = new Map(instrument.constructs.map((c, i) => [c.id, a + i]));
      const target = asymmetryTarget(instrument, settings.asymmetryTarget);
      const group = settings.asymmetryOf ?? 'SQ';
      const regressors = plan.attributes
        .map((x) => x.attribute)
        .filter((x) => x.group === group && !x.outcome);
      const loyaltyConstruct = constructIndex.has('CL')
        ? 'CL'
        : (instrument.constructs.find((c) => c.outcome && c.attributes.length > 0)?.id ?? null);
      // The score columns the analyses read (performance of outcome items and regressors, construct
      // means), filled in one pass over the respondents.
      const wanted = new Map<number, Float64Array>();
      const perf = (k: number): Float64Array => {
        let column = wanted.get(k);
        if (column === undefined) {
          column = new Float64Array(count);
          wanted.set(k, column);
        }
        return column;
      };
      for (const x of plan.attributes)
        if (x.attribute.outcome || regressors.includes(x.attribute))
          perf(attributeIndex.get(x.attribute.id) as number);
      for (const id of ['RQ', target?.id, loyaltyConstruct]) {
        const k = id === undefined || id === null ? undefined : constructIndex.get(id);
        if (k !== undefined) perf(k);
      }
      const filled = [...wanted];
      for (let i = 0; i < count; i++) {
        const s = scorer.score(rowOf(i));
        for (const [k, column] of filled) column[i] = s[2 * k] as number;
      }
      const constructScore = (id: string | null): Float64Array | null => {
        const k = id === null ? undefined : constructIndex.get(id);
        return k === undefined ? null : perf(k);
      };
      const meanOf = (ids: readonly string[]): Float64Array => {
        const items = ids.map((id) => perf(attributeIndex.get(id) as number));
        return Float64Array.from({ length: count }, (_, i) => {
          let sum = 0;
          let rated = 0;
          for (const column of items) {
            const x = column[i] as number;
            if (x === x) {
              sum += x;
              rated++;
            }
          }
          return rated > 0 ? sum / rated : Number.NaN;
        });
      };
      const number = (meaning: 'patronage' | 'response-hours', i: number): number => {
        const raw = answers[meaning]?.[i] ?? '';
        if (raw === '') return Number.NaN;
        const x = Number(raw);
        if (Number.isFinite(x) && x >= 0) return x;
        const c = columns[meaning];
        problems.push({
          code: 'non-numeric',
          severity: 'warning',
          ...(settings.file === undefined ? {} : { file: settings.file }),
          line: lines[i] as number,
          ...(c === undefined ? {} : { column: c.index + 1, header: c.header }),
          found: raw,
          expected: 'a number ≥ 0',
        });
        return Number.NaN;
      };

      // 1. Loyalty typology.
      const outcomes = plan.attributes.map((s) => s.attribute).filter((x) => x.outcome);
      const attitudinal = outcomes.filter((x) => x.loyalty === 'attitudinal').map((x) => x.id);
      const behavioural = outcomes.filter((x) => x.loyalty === 'behavioural').map((x) => x.id);
      const useColumn = columns.patronage !== undefined;
      let typology: TypologyReport | null = null;
      if (attitudinal.length > 0 && (useColumn || behavioural.length > 0)) {
        const outcomeScale = outcomes[0]?.scale ?? instrument.scale;
        const midpoint = (outcomeScale.min + outcomeScale.max) / 2;
        const attitude = meanOf(attitudinal);
        const patronage = useColumn
          ? Float64Array.from({ length: count }, (_, i) => number('patronage', i))
          : meanOf(behavioural);
        const patronageCut = useColumn
          ? (settings.patronageThreshold ?? 'median')
          : settings.split === 'median'
            ? 'median'
            : midpoint;
        const t = classifyLoyalty(attitude, patronage, {
          attitude: settings.split === 'median' ? 'median' : midpoint,
          patronage: patronageCut,
        });
        const byType = new Map<LoyaltyType, GapAccumulator>(
          LOYALTY_TYPES.map((type) => [type, createGapAccumulator(plan, instrument)]),
        );
        t.types.forEach((type, i) => {
          if (type !== null) byType.get(type)?.add(flat, i * width, weights[i] ?? 1);
        });
        const rq = constructScore(constructIndex.has('RQ') ? 'RQ' : null);
        const tallies = new Map(LOYALTY_TYPES.map((type) => [type, byType.get(type)?.tallies()]));
        const rated = plan.attributes.map((s) => s.attribute).filter((x) => !x.outcome);
        typology = {
          attitude: {
            items: attitudinal,
            split: settings.split,
            cut: t.attitudeCut,
          },
          patronage: {
            source: useColumn ? 'column' : 'items',
            items: useColumn ? [] : behavioural,
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
              rq: rq === null ? null : moments(rq, t.types, type),
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
      const targetScores = constructScore(target?.id ?? null);
      const asymmetry =
        target === null || targetScores === null || regressors.length === 0
          ? null
          : penaltyRewardContrast({
              target: targetScores,
              attributes: regressors.map((x) => ({
                id: x.id,
                ratings: perf(attributeIndex.get(x.id) as number),
              })),
              scale: regressors[0]?.scale ?? instrument.scale,
              targetId: target.id,
              group,
            });

      // 3. Complaints.
      let complaints = null;
      const complainedColumn = columns.complained;
      if (complainedColumn !== undefined) {
        const answer = <T extends string>(
          meaning: 'complained' | 'resolved',
          i: number,
          allowed: readonly T[],
        ): T | null => {
          const raw = answers[meaning]?.[i] ?? '';
          const read = readAnswer(raw, allowed);
          if (read === undefined) {
            const c = columns[meaning];
            problems.push({
              code: 'bad-answer',
              severity: 'warning',
              ...(settings.file === undefined ? {} : { file: settings.file }),
              line: lines[i] as number,
              ...(c === undefined ? {} : { column: c.index + 1, header: c.header }),
              found: raw,
              expected: allowed.join('/'),
            });
            return null;
          }
          return read;
        };
        const midpoint = (instrument.scale.min + instrument.scale.max) / 2;
        complaints = complaintRecovery({
          complained: Array.from({ length: count }, (_, i) => {
            const x = answer('complained', i, ['yes', 'no'] as const);
            return x === null ? null : x === 'yes';
          }),
          resolved: Array.from({ length: count }, (_, i) =>
            columns.resolved === undefined
              ? null
              : (answer('resolved', i, ['yes', 'partly', 'no'] as const) as Resolution | null),
          ),
          hours: Float64Array.from({ length: count }, (_, i) =>
            columns['response-hours'] === undefined ? Number.NaN : number('response-hours', i),
          ),
          satisfaction: targetScores ?? new Float64Array(count).fill(Number.NaN),
          loyalty: constructScore(loyaltyConstruct) ?? new Float64Array(count).fill(Number.NaN),
          midpoint,
          fields: {
            complained: complainedColumn.header,
            resolved: columns.resolved?.header ?? null,
            hours: columns['response-hours']?.header ?? null,
          },
          target: targetScores === null ? null : (target?.id ?? null),
          loyaltyId: loyaltyConstruct,
        });
      }
      return { analyses: { typology, asymmetry, complaints }, problems };
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
  scores: Float64Array,
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
