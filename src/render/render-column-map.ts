import type { ColumnMapDraft } from '../core/platform/draft-column-map.js';

/**
 * The mapping file as JSON (two-space indent, one column per entry, in the export's column order).
 */
export function renderColumnMap(draft: ColumnMapDraft): string {
  return `${JSON.stringify(draft, null, 2)}\n`;
}
