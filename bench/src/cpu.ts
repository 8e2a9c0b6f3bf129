import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

type Sample = Map<number, { comm: string; ppid: number; ticks: number }>;

function sample(): Sample {
  const processes: Sample = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      processes.set(Number(entry), { comm: stat.slice(stat.indexOf('(') + 1, close), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      /* the process ended meanwhile */
    }
  }
  return processes;
}

/**
 * Where the CPU went between start and stop on this machine (Linux /proc): the API's processes (`apiPid`
 * and its children), PostgreSQL, and this load generator, in CPU seconds.
 */
export function cpuMeter(apiPid: number) {
  const before = sample();
  return () => {
    const after = sample();
    const used = (pid: number) => (after.get(pid)?.ticks ?? 0) - (before.get(pid)?.ticks ?? 0);
    const apiProcesses: number[] = [];
    let postgres = 0;
    for (const [pid, p] of after) {
      if (pid === apiPid || p.ppid === apiPid) apiProcesses.push(used(pid));
      else if (p.comm === 'postgres') postgres += used(pid);
    }
    const seconds = (ticks: number) => (ticks / TICKS_PER_SECOND).toFixed(2);
    const api = apiProcesses.reduce((a, b) => a + b, 0);
    return `API ${seconds(api)} s (per process ${apiProcesses.map(seconds).join(' / ')}), PostgreSQL ${seconds(postgres)} s, load generator ${seconds(used(process.pid))} s`;
  };
}
