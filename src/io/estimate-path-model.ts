import type { PlsData } from '../core/pls/collect.js';
import type { InnerScheme } from '../core/pls/structure.js';
import { fitPls } from '../core/pls/fit.js';
import type { PlsModel } from '../core/pls/model.js';
import { correlation } from '../core/pls/moments.js';
import { summarizePls } from '../core/pls/summarize-pls.js';
import { jackknifePls } from '../core/pls/jackknife.js';
import type { Problem } from '../core/problems.js';
import type { PathModelReport } from '../core/report/types.js';
import type { BootstrapResult } from '../core/pls/summarize-pls.js';
import { bootstrapThreads, runBootstrap } from './bootstrap-pool.js';
import { bootstrapBudget } from '../core/pls/bootstrap-budget.js';
import { statisticsLayout } from '../core/pls/statistics.js';
import type { CompactRows } from '../core/pls/compact-rows.js';
import type { PlsFit } from '../core/pls/fit.js';
import { freemem } from 'node:os';
import { widenRows } from '../core/pls/compact-rows.js';
import type { PlsOptions } from '../core/pls/estimate.js';
import { plsPredict } from '../core/pls/predict.js';
import { modelFit, srmrBootstrapQuantile } from '../core/pls/srmr.js';
import { measurementStage } from '../core/pls/statistics.js';
import { createRandom } from '../core/random/random-source.js';

export interface PathModelOptions {
  readonly file: string;
  readonly scheme: InnerScheme;
  readonly missing: 'mean' | 'listwise';
  readonly resamples: number;
  readonly seed: number;
  readonly threads: number;
  readonly ci: 'percentile' | 'bca';
  /** Consistent PLS (PLSc) for the final stage's reflective constructs. */
  readonly consistent?: boolean;
  /**
   * The main run (not a segment's for PLS-MGA): add PLSpredict (10 folds × 10 repetitions) and the
   * SRMR bootstrap quantile when the rows are kept.
   */
  readonly predict?: boolean;
  readonly ipmaTarget?: string;
  readonly statedImportance: ReadonlyMap<string, number>;
  readonly onProgress?: (done: number, total: number) => void;
  /** A line for the person before a long bootstrap, or when one cannot run (stderr). */
  readonly onNotice?: (line: string) => void;
}

/**
 * Estimates the path model from the collected data, bootstraps it on worker threads, and
 * summarizes it for the report (and returns the resamples, for the multigroup comparison). Data
 * the model cannot be estimated from (fewer than 3 respondents, an item without variance, a
 * singular regression) come back as a warning — the gap analysis still stands — never as a crash.
 */
export async function estimatePathModel(
  model: PlsModel,
  data: PlsData,
  options: PathModelOptions,
): Promise<{ report: PathModelReport | null; problems: Problem[]; boot: BootstrapResult | null }> {
  const p = model.items.length;
  const { moments } = data;
  const constant = model.items.filter((_, k) => !((moments.cov[k * p + k] as number) > 0));
  if (moments.n < 3 || constant.length > 0) {
    return {
      report: null,
      boot: null,
      problems: [
        {
          code: 'path-model',
          severity: 'warning',
          file: options.file,
          found:
            moments.n < 3
              ? `${moments.n} usable respondents`
              : `no variance in ${constant.map((c) => c.id).join(', ')}`,
          expected: 'at least 3 respondents and varied ratings on every item of the model',
        },
      ],
    };
  }
  const r = correlation(moments.cov, p) as Float64Array;
  const pls = {
    scheme: options.scheme,
    tolerance: 1e-7,
    maxIterations: 300,
    ...(options.consistent === true ? { consistent: true } : {}),
  } as const;
  const fit = fitPls(r, model, pls);
  if (fit === null) {
    return {
      report: null,
      boot: null,
      problems: [
        {
          code: 'path-model',
          severity: 'warning',
          file: options.file,
          found: 'a composite without variance or a singular regression',
          expected: 'an estimable model',
        },
      ],
    };
  }
  const sample = data.compact;
  const affordable = sample !== null && options.resamples > 0 && checkBudget(sample, fit, options);
  const resampled =
    affordable && sample !== null
      ? await runBootstrap(sample, model, fit, {
          resamples: options.resamples,
          seed: options.seed,
          threads: options.threads,
          options: pls,
          ...(options.onProgress === undefined
            ? {}
            : { onProgress: (done: number) => options.onProgress?.(done, options.resamples) }),
        })
      : null;
  const boot =
    resampled !== null && sample !== null && options.ci === 'bca'
      ? { ...resampled, jackknife: jackknifePls(sample, model, fit, pls) }
      : resampled;
  const sd = model.items.map((_, k) => Math.sqrt(moments.cov[k * p + k] as number));
  const report = summarizePls(
    fit,
    model,
    {
      n: moments.n,
      missing: options.missing,
      missingShare: data.missingShare,
      scheme: options.scheme,
      means: moments.means,
      sd,
      statedImportance: options.statedImportance,
      pls,
      ...(options.ipmaTarget === undefined ? {} : { ipmaTarget: options.ipmaTarget }),
    },
    boot,
  );
  const rows = options.predict === true && sample !== null ? widenRows(sample) : null;
  const main = rows === null || sample === null ? null : { rows, n: sample.n, p: sample.p };
  const kept = options.predict === true ? sample : null;
  const withFit = withSrmrQuantile(report, fit, kept, options.resamples, options.seed, pls);
  return {
    report: main === null ? withFit : withPredict(withFit, model, fit, main, options.seed, pls),
    problems: [],
    boot: resampled,
  };
}

/**
 * Adds the Bollen–Stine bootstrap 95 % quantile of SRMR (see `srmrBootstrapQuantile`) on the
 * measurement stage: min(--bootstrap, 1 000) resamples drawn from stream −1 of the run's seed (the
 * path bootstrap uses streams 0…B−1), single-threaded.
 */
function withSrmrQuantile(
  report: PathModelReport,
  fit: PlsFit,
  sample: CompactRows | null,
  resamples: number,
  seed: number,
  pls: PlsOptions,
): PathModelReport {
  if (report.fit === undefined || sample === null || resamples <= 0) return report;
  const stage = measurementStage(fit);
  const sigma = modelFit(stage.r, stage.structure, stage.estimate, pls.consistent === true).sigma;
  const b = Math.min(resamples, 1000);
  const q = srmrBootstrapQuantile(sample, stage.r, stage.structure, stage.estimate, sigma, {
    resamples: b,
    random: createRandom(seed, -1),
    pls,
  });
  return { ...report, fit: { ...report.fit, srmrQuantile95: q?.quantile ?? null, resamples: b } };
}

/**
 * Adds PLSpredict (`plsPredict`: 10 folds × 10 repetitions, stream −2 of the run's seed) when the
 * respondents' rows are kept. Models with higher-order constructs have no published PLSpredict
 * procedure (seminr refuses them too): `predict` is null there.
 */
function withPredict(
  report: PathModelReport,
  model: PlsModel,
  fit: PlsFit,
  sample: { rows: Float64Array; n: number; p: number },
  seed: number,
  pls: PlsOptions,
): PathModelReport {
  if (model.higherOrder.length > 0 || fit.stage1 !== null) return { ...report, predict: null };
  const result = plsPredict(sample.rows, sample.n, fit.final.structure, {
    random: createRandom(seed, -2),
    pls,
  });
  return { ...report, predict: result };
}

/** Seconds of bootstrap beyond which the estimate is announced before it starts. */
const ANNOUNCE_SECONDS = 30;

/**
 * Limits stated up front: the bootstrap's memory and time are estimated before it starts
 * (`bootstrapBudget`). Beyond the memory the machine has free, it is not started (false), and
 * the person is told the figures and the options; beyond `ANNOUNCE_SECONDS` it is announced.
 */
function checkBudget(sample: CompactRows, fit: PlsFit, options: PathModelOptions): boolean {
  const threads = bootstrapThreads(sample.n, sample.p, options.resamples, options.threads);
  const width = statisticsLayout(fit).length;
  const shapeOf = {
    n: sample.n,
    p: sample.p,
    bytesPerValue: sample.codes === null ? 8 : 1,
    resamples: options.resamples,
    width,
    threads,
  };
  const budget = bootstrapBudget(shapeOf);
  const seconds = budget.cpuSeconds / threads;
  const shape = `${options.resamples} resamples × ${sample.n} respondents × ${sample.p} items`;
  const memory = `${mib(budget.bytes)} MiB`;
  const limit = process.constrainedMemory?.() ?? 0;
  const available = limit > 0 ? Math.min(limit, freemem()) : freemem();
  if (budget.bytes > available * 0.8) {
    const fixed = bootstrapBudget({ ...shapeOf, resamples: 0 }).bytes;
    const fewer = Math.floor((available * 0.8 - fixed) / (width * 8));
    const advice =
      fewer > 0
        ? `--bootstrap ${fewer} would fit`
        : 'too many respondents for this memory (--bootstrap 0 or --no-paths)';
    options.onNotice?.(
      `${options.file}: bootstrap not run: ${shape} needs about ${memory}, ` +
        `${mib(available)} MiB free; ${advice}`,
    );
    return false;
  }
  if (seconds > ANNOUNCE_SECONDS) {
    const per = seconds / options.resamples;
    const inMinute = Math.max(1, Math.floor(60 / per));
    const on = `${threads} thread${threads === 1 ? '' : 's'} and ${memory}`;
    options.onNotice?.(
      `${options.file}: bootstrap: ${shape}: about ${duration(seconds)} on ${on} ` +
        `(--bootstrap ${inMinute} takes about a minute; --threads sets the threads)`,
    );
  }
  return true;
}

const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
