import type { Instrument, Role } from '../instrument/types.js';
import { allAttributes } from '../instrument/types.js';
import type { ExportLayout } from './detect-platform.js';
import type { ColumnGuess } from './guess-mapping.js';
import { MAP_FORMAT } from './parse-column-map.js';

/** A mapping file as `servqual map --init` writes it (the shape `parseColumnMap` reads). */
export interface ColumnMapDraft {
  readonly format: string;
  readonly from: ExportLayout['platform'];
  readonly source: string;
  readonly columns: Readonly<
    Record<
      string,
      {
        readonly attribute: string;
        readonly role: Role;
        readonly text: string;
        readonly review?: string;
      } | null
    >
  >;
  readonly labels: Readonly<Record<string, null>>;
  readonly missing: readonly string[];
}

export interface DraftSummary {
  readonly mapped: number;
  readonly review: number;
  /**
   * Attribute–role pairs the instrument needs that no column was guessed for,
   * e.g. `tan3 (importance)`.
   */
  readonly unmapped: readonly string[];
}

/**
 * The mapping file to review: every column of the export with its guess (`review` says why a
 * guess needs a look; columns the analysis does not read are null), the answer texts found in
 * rating columns that servqual cannot read as numbers (`labels`, each null until the analyst
 * gives its number), and the platform's missing-value codes. Also counts what was guessed and
 * lists the attribute–role pairs left without a column (for the roles the export has).
 */
export function draftColumnMap(
  input: {
    readonly source: string;
    readonly layout: ExportLayout;
    readonly guesses: readonly ColumnGuess[];
    readonly unknownLabels: readonly string[];
    readonly missing: readonly string[];
  },
  instrument: Instrument,
): { draft: ColumnMapDraft; summary: DraftSummary } {
  const columns: Record<string, ColumnMapDraft['columns'][string]> = {};
  let mapped = 0;
  let review = 0;
  const covered = new Set<string>();
  const roles = new Set<Role>(['performance']);
  for (const g of input.guesses) {
    if (g.attribute === null || g.role === null) {
      if (!(g.column in columns)) columns[g.column] = null;
      continue;
    }
    mapped++;
    if (g.review !== null) review++;
    covered.add(`${g.attribute} (${g.role})`);
    roles.add(g.role);
    columns[g.column] = {
      attribute: g.attribute,
      role: g.role,
      text: g.text,
      ...(g.review === null ? {} : { review: g.review }),
    };
  }
  const unmapped: string[] = [];
  for (const a of allAttributes(instrument)) {
    for (const role of roles) {
      if (a.outcome && role !== 'performance') continue;
      if (!covered.has(`${a.id} (${role})`)) unmapped.push(`${a.id} (${role})`);
    }
  }
  return {
    draft: {
      format: MAP_FORMAT,
      from: input.layout.platform,
      source: input.source,
      columns,
      labels: Object.fromEntries(input.unknownLabels.map((l) => [l, null])),
      missing: input.missing,
    },
    summary: { mapped, review, unmapped },
  };
}
