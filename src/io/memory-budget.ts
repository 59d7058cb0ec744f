import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';

/**
 * Bytes a run may plan to use: `SERVQUAL_MEMORY` when set (bytes, or with a K/M/G suffix, e.g.
 * `4G`), else 80 % of the smaller of the machine's memory and the container's cgroup limit
 * (/sys/fs/cgroup/memory.max, cgroup v2).
 */
export function memoryBudget(env: NodeJS.ProcessEnv): number {
  const given = parseBytes(env['SERVQUAL_MEMORY']);
  if (given !== null) return given;
  let limit = totalmem();
  try {
    const cgroup = readFileSync('/sys/fs/cgroup/memory.max', 'utf8').trim();
    if (/^\d+$/.test(cgroup)) limit = Math.min(limit, Number(cgroup));
  } catch {
    // no cgroup v2 limit: the machine's memory
  }
  return Math.floor(limit * 0.8);
}

/** `1234`, `512K`, `64M`, `4G` (powers of 1024) → bytes; null when absent or unreadable. */
export function parseBytes(text: string | undefined): number | null {
  if (text === undefined) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(text);
  if (m === null) return null;
  const power = ['', 'k', 'm', 'g', 't'].indexOf((m[2] ?? '').toLowerCase());
  return Math.floor(Number(m[1]) * 1024 ** power);
}

/** Bytes for a person: `1.5 GB`, `380 MB`, `12 KB` (powers of 1024). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
