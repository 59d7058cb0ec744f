import { describe, expect, it } from 'vitest';
import { modelNotes } from '../../../src/core/pls/model-notes.js';
import { sampleSizeCheck } from '../../../src/core/pls/sample-size.js';
import type { PathModelReport } from '../../../src/core/report/types.js';

/** A path model report with only what modelNotes reads; the rest empty. */
const report = (over: Partial<PathModelReport>): PathModelReport => ({
  respondents: 500,
  missing: 'mean',
  heavilyMissing: [],
  scheme: 'path',
  paths: [{ from: 'A', to: 'B', estimate: 0.5, f2: 0.3, vif: 1, inference: null }],
  rSquared: { B: 0.25 },
  adjustedRSquared: { B: 0.25 },
  loadings: [
    {
      construct: 'A',
      item: 'a1',
      loading: 0.8,
      weight: 0.6,
      loadingInference: null,
      weightInference: null,
    },
    {
      construct: 'A',
      item: 'a2',
      loading: 0.7,
      weight: 0.5,
      loadingInference: null,
      weightInference: null,
    },
  ],
  constructs: [{ id: 'A', alpha: 0.8, rhoA: 0.8, rhoC: 0.85, ave: 0.6 }],
  htmt: [],
  fornellLarcker: { constructs: [], matrix: [] },
  effects: { total: [], indirect: [] },
  mediation: null,
  ipma: null,
  bootstrap: null,
  iterations: 5,
  converged: true,
  ...over,
});
const codes = (r: PathModelReport): string[] => modelNotes(r).map((n) => n.code);

describe('modelNotes: impossible or doubtful values are flagged with their cause', () => {
  it('a clean model gets no note', () => {
    expect(codes(report({}))).toEqual([]);
  });
  it('a negative outer weight makes IPMA undefined', () => {
    const r = report({
      loadings: [
        {
          construct: 'A',
          item: 'a1',
          loading: 0.8,
          weight: 0.9,
          loadingInference: null,
          weightInference: null,
        },
        {
          construct: 'A',
          item: 'a2',
          loading: 0.1,
          weight: -0.2,
          loadingInference: null,
          weightInference: null,
        },
      ],
    });
    expect(modelNotes(r)).toContainEqual({ code: 'ipma-undefined', items: ['a2'] });
  });
  it('negative α and negative loadings', () => {
    const r = report({
      constructs: [{ id: 'A', alpha: -9.28, rhoA: 1, rhoC: 0, ave: 0.911 }],
      loadings: [
        {
          construct: 'A',
          item: 'a1',
          loading: 0.95,
          weight: 0.6,
          loadingInference: null,
          weightInference: null,
        },
        {
          construct: 'A',
          item: 'a2',
          loading: -0.95,
          weight: 0.5,
          loadingInference: null,
          weightInference: null,
        },
      ],
    });
    expect(codes(r)).toEqual(['negative-loadings', 'negative-alpha']);
  });
  it('HTMT above 0.85 is flagged, 0.85 itself is not (Henseler et al. 2015: "above")', () => {
    const row = (a: string, b: string, value: number) => ({ a, b, value, inference: null });
    const r = report({ htmt: [row('A', 'B', 1.026), row('A', 'C', 0.86), row('B', 'C', 0.85)] });
    expect(modelNotes(r)).toContainEqual({
      code: 'htmt-high',
      pairs: [
        { a: 'A', b: 'B', value: 1.026 },
        { a: 'A', b: 'C', value: 0.86 },
      ],
    });
  });
  it('six respondents: the 10-times rule and the minimum-R² rule', () => {
    const r = report({ respondents: 6 });
    expect(modelNotes(r)).toContainEqual({
      code: 'sample-size',
      n: 6,
      maxArrows: 1,
      tenTimes: 10,
      minRSquared: 0.25,
      powerRule: 52, // Hair et al. 2017, Exhibit 1.7: 2 arrows (the smallest row), R² 0.25, α 5 %
    });
  });
  it('Mode B constructs count their formative indicators as arrows', () => {
    const r = report({
      respondents: 15,
      constructs: [{ id: 'A', mode: 'B', alpha: 0.8, rhoA: 0.8, rhoC: 0.85, ave: 0.6 }],
    });
    const note = modelNotes(r).find((n) => n.code === 'sample-size');
    expect(note).toMatchObject({ maxArrows: 2, tenTimes: 20 });
  });
});

describe('sampleSizeCheck (Hair et al. 2017, Exhibit 1.7, 80 % power, α = 5 %)', () => {
  const forumRows =
    'the rows quoted on the SmartPLS forum: 5 arrows, R² 0.25 → 70; 7 arrows, R² 0.10 → 166';
  it(forumRows, () => {
    expect(sampleSizeCheck(100, 5, 0.3).powerRule).toBe(70);
    expect(sampleSizeCheck(100, 7, 0.12).powerRule).toBe(166);
  });
  it('an R² below 0.10 is checked against the 0.10 column; rows clamp to 2–10 arrows', () => {
    expect(sampleSizeCheck(100, 1, 0.02)).toMatchObject({ minRSquared: 0.1, powerRule: 110 });
    expect(sampleSizeCheck(100, 14, 0.8)).toMatchObject({
      minRSquared: 0.75,
      powerRule: 48,
      tenTimes: 140,
    });
  });
});

describe('formative indicators (Hair et al. 2019)', () => {
  it('outer VIF above 5 and non-significant weights with loadings below 0.5 are named', () => {
    const inf = (p: number) => ({ sd: 0.1, t: 1, p, ci: [0, 1] as const });
    const r = report({
      constructs: [{ id: 'A', mode: 'B', alpha: 0.8, rhoA: 0.8, rhoC: 0.85, ave: 0.6 }],
      loadings: [
        {
          construct: 'A',
          item: 'a1',
          loading: 0.8,
          weight: 0.6,
          vif: 6.2,
          loadingInference: null,
          weightInference: inf(0.01),
        },
        {
          construct: 'A',
          item: 'a2',
          loading: 0.4,
          weight: 0.1,
          vif: 1.5,
          loadingInference: null,
          weightInference: inf(0.3),
        },
        {
          construct: 'A',
          item: 'a3',
          loading: 0.6,
          weight: 0.1,
          vif: 1.5,
          loadingInference: null,
          weightInference: inf(0.3),
        },
      ],
    });
    expect(modelNotes(r)).toContainEqual({
      code: 'formative-indicators',
      collinear: [{ item: 'a1', vif: 6.2 }],
      weak: ['a2'],
    });
  });
});
