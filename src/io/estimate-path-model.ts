import type { PlsData } from '../core/pls/collect.js';
import type { InnerScheme } from '../core/pls/structure.js';
import { firstOrderStructure, fitPls } from '../core/pls/fit.js';
import { compiledStatisticsOf } from '../core/pls/bootstrap.js';
import { precompileEstimate } from '../core/pls/estimate.js';
import { precompileCongruence } from '../core/linear/congruence.js';
import type { Micom } from '../core/pls/micom.js';
import type { PlsModel } from '../core/pls/model.js';
import { correlation } from '../core/pls/moments.js';
import { summarizePls } from '../core/pls/summarize-pls.js';
import {
  type InferenceRequest,
  inferenceRequests,
  percentileInferences,
} from '../core/pls/bootstrap-inference.js';
import { jackknifePls } from '../core/pls/jackknife.js';
import type { Problem } from '../core/problems.js';
import type { PathModelReport } from '../core/report/types.js';
import type { BootstrapResult } from '../core/pls/summarize-pls.js';
import {
  bootstrapThreads,
  prestartWorker,
  runBootstrap,
  runTask,
  TASK_WORK_THRESHOLD,
} from './bootstrap-pool.js';
import { type ModelChecks, plsPredictApplies } from '../core/pls/model-checks.js';
import { bootstrapBudget, micomSeconds } from '../core/pls/bootstrap-budget.js';
import { vectorSumsAvailable } from '../core/pls/simd-cross-products.js';
import { statisticsLayout } from '../core/pls/statistics.js';
import type { CompactRows } from '../core/pls/compact-rows.js';
import type { PlsFit } from '../core/pls/fit.js';
import { statSync } from 'node:fs';
import { freemem } from 'node:os';

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
 * Before the data are read: starts a worker thread when the path model's bootstrap will surely be
 * large enough for the work beside it to go to a worker (`runTask`). A file of b bytes holds at
 * most b / (2p) respondents (each of the model's p ratings takes a digit and a separator), so the
 * bootstrap's work resamples × n × p² is at most resamples × b × p / 2; the worker is started when
 * that bound reaches `TASK_WORK_THRESHOLD` (not for stdin, `-`, of unknown size, nor for a file
 * that cannot be read: reading it will say why).
 */
export function prepareWorkers(options: {
  readonly file: string;
  readonly threads: number;
  readonly resamples: number;
  readonly items: number;
}): void {
  const { file, threads, resamples, items } = options;
  if (threads <= 1 || resamples <= 0 || file === '-') return;
  let bytes: number;
  try {
    bytes = statSync(file).size;
  } catch {
    return;
  }
  if ((resamples * bytes * items) / 2 >= TASK_WORK_THRESHOLD) prestartWorker();
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
  const affordable =
    sample !== null && options.resamples > 0 && checkBudget(sample, model, fit, options);
  // The estimates of the resamples run compiled (compileEstimate) — a single-stage model's whole
  // resample (`compiledStatisticsOf`) — and the SRMR test rotates each resample's covariances
  // (createCongruence): compiled here, before the checks and the bootstrap go to a worker, which
  // adopts the modules instead of building its own.
  if (sample !== null && (affordable || options.predict === true))
    for (const stage of [fit.stage1, fit.final])
      if (stage !== null) precompileEstimate(stage.structure, pls);
  if (affordable) compiledStatisticsOf(fit, pls);
  if (sample !== null && options.predict === true && options.resamples > 0) precompileCongruence();
  // The main run's SRMR quantile and PLSpredict need only the data and the fit: with more than
  // one thread they run on a worker meanwhile, which then joins the bootstrap.
  const beside = {
    threads: affordable ? options.threads : 1,
    work: sample === null ? 0 : options.resamples * sample.n * sample.p * sample.p,
  };
  const checks =
    options.predict === true && sample !== null
      ? runTask(beside, 'modelChecks', sample, model, fit, {
          resamples: options.resamples,
          seed: options.seed,
          pls,
        })
      : null;
  // f²'s reduced models (one estimate each, JavaScript) need only the fit: on the worker after
  // the checks rather than here after the bootstrap, when they would hold up the summaries.
  const reduced = checks === null ? null : runTask(beside, 'fSquared', fit, pls);
  // Whether the worker is done with both (it then joins the bootstrap, and is free after it).
  let besideDone = checks === null;
  if (checks !== null)
    void Promise.all([checks, reduced]).then(
      () => {
        besideDone = true;
      },
      () => {},
    );
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
  // The summaries' inferences: half on the worker when it is free (their draws are in shared
  // memory), the other half here meanwhile; all here while it still runs the checks or f², before
  // waiting for them.
  const inferences =
    boot !== null && boot.jackknife === undefined && beside.threads > 1
      ? await shareInferences(besideDone ? beside : null, boot, fit)
      : undefined;
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
      ...(reduced === null ? {} : { fSquared: await reduced }),
      ...(inferences === undefined ? {} : { inferences }),
    },
    boot,
  );
  return {
    report: checks === null ? report : withChecks(report, await checks),
    problems: [],
    boot: resampled,
  };
}

/**
 * The inferences `summarizePls` takes from the draws alone (`inferenceRequests`): with `run` (a
 * free worker), the second half computed there (`runTask`) while this thread computes the first;
 * without, all here. The same function on the same draws either way, so the same numbers as
 * `summarizePls` computing them itself.
 */
async function shareInferences(
  run: { readonly threads: number; readonly work: number } | null,
  boot: BootstrapResult,
  fit: PlsFit,
): Promise<{ requests: readonly InferenceRequest[]; values: Float64Array }> {
  const requests = inferenceRequests(fit);
  if (run === null) return { requests, values: percentileInferences(boot, requests) };
  const half = Math.ceil(requests.length / 2);
  const theirs = runTask(run, 'percentileInferences', boot, requests.slice(half));
  const mine = percentileInferences(boot, requests.slice(0, half));
  const values = new Float64Array(4 * requests.length);
  values.set(mine);
  values.set(await theirs, mine.length);
  return { requests, values };
}

/** The report with `modelChecks`' SRMR quantile (when estimated) and PLSpredict. */
function withChecks(report: PathModelReport, checks: ModelChecks): PathModelReport {
  const { srmr, predict } = checks;
  const fit =
    report.fit === undefined || srmr === null
      ? report.fit
      : { ...report.fit, srmrQuantile95: srmr.quantile95, resamples: srmr.resamples };
  return { ...report, ...(fit === undefined ? {} : { fit }), predict };
}

/**
 * MICOM steps 2 and 3 between two segments (`micom`: 1 000 permutations from stream −3 of the
 * seed), on the first-order constructs; null when a segment has no rows or an estimate fails. On a
 * worker thread when there are threads to spare (`runTask`), while the segments' bootstraps
 * (`resamples` each) run here: call it before them.
 */
export function measurementInvariance(
  model: PlsModel,
  groups: ReadonlyArray<{ readonly data: PlsData }>,
  options: {
    readonly resamples: number;
    readonly seed: number;
    readonly scheme: InnerScheme;
    readonly threads: number;
    readonly file: string;
    /** A line for the person before a long MICOM (stderr). */
    readonly onNotice?: (line: string) => void;
  },
): Promise<Micom | null> {
  const first = groups[0]?.data.compact ?? null;
  const second = groups[1]?.data.compact ?? null;
  if (groups.length !== 2 || first === null || second === null) return Promise.resolve(null);
  const p = model.items.length;
  const n = first.n + second.n;
  // Limits up front, as for the bootstrap: byte-coded ratings take the exact kernel (each
  // segment's missing ratings standing for its own means); other data the centred one.
  const exact = first.codes !== null && second.codes !== null;
  const notice = micomNotice(options.file, { n, p, exact, vector: vectorSumsAvailable() });
  if (notice !== null) options.onNotice?.(notice);
  // The segments' compact rows, as their bootstraps read them (shared with a worker, not copied).
  const work = options.resamples * n * p * p;
  const structure = firstOrderStructure(model);
  const pls = { scheme: options.scheme, tolerance: 1e-7, maxIterations: 300 };
  precompileEstimate(structure, pls); // for a worker to adopt, as the bootstrap's
  return runTask({ threads: options.threads, work }, 'micom', [first, second], structure, {
    permutations: MICOM_PERMUTATIONS,
    seed: options.seed,
    stream: -3,
    pls,
  });
}

/**
 * The line announcing MICOM's permutations when they will take more than `ANNOUNCE_SECONDS`
 * (`micomSeconds`), with the option `--bootstrap 0` (no multigroup comparison); null below.
 */
export function micomNotice(
  file: string,
  pooled: {
    readonly n: number;
    readonly p: number;
    readonly exact: boolean;
    readonly vector: boolean;
  },
): string | null {
  const seconds = micomSeconds({ ...pooled, permutations: MICOM_PERMUTATIONS });
  if (seconds <= ANNOUNCE_SECONDS) return null;
  const why = pooled.exact ? '' : 'ratings that are not whole numbers take the slower sums; ';
  return (
    `${file}: MICOM: ${MICOM_PERMUTATIONS} permutations × ${pooled.n} respondents × ` +
    `${pooled.p} items: about ${duration(seconds)} beside the bootstraps ` +
    `(${why}--bootstrap 0: no multigroup comparison)`
  );
}

/** Seconds of bootstrap (or MICOM) beyond which the estimate is announced before it starts. */
const ANNOUNCE_SECONDS = 30;
/** MICOM's permutations (the report records the number). */
const MICOM_PERMUTATIONS = 1000;

/**
 * Limits stated up front: the bootstrap's memory and time are estimated before it starts
 * (`bootstrapBudget`). Beyond the memory the machine has free, it is not started (false), and
 * the person is told the figures and the options; beyond `ANNOUNCE_SECONDS` it is announced.
 */
function checkBudget(
  sample: CompactRows,
  model: PlsModel,
  fit: PlsFit,
  options: PathModelOptions,
): boolean {
  const threads = bootstrapThreads(sample.n, sample.p, options.resamples, options.threads);
  const width = statisticsLayout(fit).length;
  // The main run's checks run beside the bootstrap (`modelChecks`): min(resamples, 1 000)
  // resamples for the SRMR test, and PLSpredict where it applies.
  const srmr = options.predict === true ? Math.min(options.resamples, 1000) : 0;
  const shapeOf = {
    n: sample.n,
    p: sample.p,
    bytesPerValue: sample.codes === null ? 8 : 1,
    resamples: options.resamples,
    width,
    threads,
    vector: vectorSumsAvailable(),
    srmrResamples: srmr,
    predict: options.predict === true && plsPredictApplies(model, fit),
  };
  const budget = bootstrapBudget(shapeOf);
  const { seconds } = budget;
  const per = seconds / (options.resamples + srmr);
  const shape =
    `${options.resamples} resamples × ${sample.n} respondents × ${sample.p} items` +
    (srmr > 0 ? `, and ${srmr} for the SRMR test` : '');
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
    // The most resamples N whose run (N + min(N, 1 000) with the SRMR test) takes a minute.
    const inMinute = Math.max(
      1,
      srmr === 0
        ? Math.floor(60 / per)
        : 2000 * per >= 60
          ? Math.floor(60 / (2 * per))
          : Math.floor(60 / per) - 1000,
    );
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
