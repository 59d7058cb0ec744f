import { describe, expect, it } from 'vitest';
import {
  blockIndex,
  canonicalStructure,
  type PlsStructure,
} from '../../../src/core/pls/structure.js';

// A three-construct chain A → B → C (blocks of 2, 2 and 1 items): hand-made, no reference values.
const chain: PlsStructure = {
  constructs: ['A', 'B', 'C'],
  items: ['a1', 'a2', 'b1', 'b2', 'c1'],
  blocks: [[0, 1], [2, 3], [4]],
  paths: [
    [0, 1],
    [1, 2],
  ],
};

describe('canonicalStructure', () => {
  it('maps a copy (as a worker thread receives it) to the first structure of that content', () => {
    expect(canonicalStructure(chain)).toBe(chain);
    const copy = structuredClone(chain);
    expect(canonicalStructure(copy)).toBe(chain);
    // The caches keyed on it are shared: the copy's block index is the original's object.
    expect(blockIndex(copy)).toBe(blockIndex(chain));
  });
  it('keeps structures of different content apart', () => {
    const shorter = { ...chain, paths: [[0, 1]] as Array<[number, number]> };
    expect(canonicalStructure(shorter)).toBe(shorter);
    expect(Array.from(blockIndex(shorter).start)).toEqual([0, 2, 4, 5]);
    const formative = { ...chain, modes: ['B', 'A', 'A'] as Array<'A' | 'B'> };
    expect(canonicalStructure(formative)).toBe(formative);
  });
});
