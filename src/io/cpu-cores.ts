import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * Physical CPU cores this process may use: the distinct (physical id, core id) pairs of
 * /proc/cpuinfo on Linux — hyper-thread siblings share a core and add little to arithmetic-bound
 * work such as the bootstrap — capped by the logical CPUs available to the process; elsewhere (or
 * when the file is unreadable) the logical CPUs. A virtual machine may hide sibling threads, in
 * which case this is the number of logical CPUs it shows.
 */
export function physicalCores(): number {
  const logical = availableParallelism();
  try {
    const cores = new Set<string>();
    let physical = '0';
    for (const line of readFileSync('/proc/cpuinfo', 'utf8').split('\n')) {
      const [key, value] = line.split(':').map((s) => s.trim());
      if (key === 'physical id') physical = value ?? '0';
      else if (key === 'core id') cores.add(`${physical}/${value ?? ''}`);
    }
    return cores.size > 0 ? Math.max(1, Math.min(logical, cores.size)) : logical;
  } catch (_e: unknown) {
    return logical;
  }
}
