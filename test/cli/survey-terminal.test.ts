import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SurveyJournal } from '../../src/io/survey-file.js';
import { ROOT } from '../helpers.js';

// The survey in a real pseudo-terminal (tmux, 80 × 50): keys typed, the terminal closed under it.
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const why = hasTmux ? '' : ' (skipped: tmux is not installed; CI must install it)';

/** A tmux server of its own, running one command in an 80 × 50 terminal. */
function terminal(command: string) {
  const socket = `servqual-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const tmux = (...args: string[]) =>
    spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', cwd: ROOT });
  tmux('new-session', '-d', '-x', '80', '-y', '50', command);
  const screen = (): string => tmux('capture-pane', '-p').stdout;
  return {
    screen,
    keys: (...keys: string[]) => tmux('send-keys', ...keys),
    /** Waits (up to 15 s) until the screen shows `text`. */
    async waitFor(text: string): Promise<string> {
      for (let i = 0; i < 300; i++) {
        const s = screen();
        if (s.includes(text)) return s;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the terminal never showed ${JSON.stringify(text)}:\n${screen()}`);
    },
    close: () => tmux('kill-server'),
  };
}

async function waitForFile(path: string): Promise<string> {
  for (let i = 0; i < 300; i++) {
    if (existsSync(path) && readFileSync(path, 'utf8').trim() !== '')
      return readFileSync(path, 'utf8').trim();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${path} never appeared`);
}

/** Skips the two respondent fields (Enter), answers the first rating and waits for the second. */
async function firstRating(t: ReturnType<typeof terminal>, key: string): Promise<void> {
  await t.waitFor('客户细分');
  t.keys('Enter');
  await t.waitFor('客户价值等级');
  t.keys('Enter');
  await t.waitFor('[1/9]');
  t.keys(key);
  await t.waitFor('[2/9]');
}

describe(`servqual survey in a pseudo-terminal${why}`, () => {
  const start = (dir: string, out: string, trapHup: boolean): ReturnType<typeof terminal> => {
    const trap = trapHup ? 'trap : HUP; ' : '';
    const survey =
      `${process.execPath} bin/servqual.js survey --out ${out} ` +
      '--instrument fixtures/tiny-instrument.json --lang zh';
    const linger = trapHup ? '' : '; sleep 30';
    return terminal(`sh -c '${trap}${survey}; echo $? > ${join(dir, 'code')}${linger}'`);
  };
  it.skipIf(!hasTmux)(
    'Enter alone does nothing; closing the terminal saves the respondent as partial, ' +
      'keeps the journal, unlocks, exits 129',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'servqual-tty-'));
      const out = join(dir, 'r.csv');
      const t = start(dir, out, true);
      try {
        const welcome = await t.waitFor('客户细分');
        expect(welcome).toContain('每位受访者 9 道题，约 2 分钟');
        t.keys('Enter');
        await t.waitFor('客户价值等级');
        t.keys('Enter');
        await t.waitFor('[1/9]');
        t.keys('Enter'); // nothing chosen: nothing recorded
        const warned = await t.waitFor('请先选择一个评分');
        expect(warned).toContain('按数字键作答 · n = 不适用 · b = 返回 · ↑↓ 后按回车');
        expect(warned).not.toMatch(/navigate|select/);
        t.keys('7');
        await t.waitFor('[2/9]');
        t.keys('4');
        await t.waitFor('[3/9]');
      } finally {
        t.close(); // the terminal goes away: SIGHUP
      }
      expect(await waitForFile(join(dir, 'code'))).toBe('129');
      expect(readFileSync(out, 'utf8').split('\n')[1]).toBe('R0001,partial,,,7,4,,,,,,,');
      expect(existsSync(`${out}.lock`)).toBe(false);
      expect(SurveyJournal.read(out)?.answers).toEqual([7, 4]);
    },
    60_000,
  );
  it.skipIf(!hasTmux)(
    'SIGTERM saves the respondent as partial and exits 143',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'servqual-tty-'));
      const out = join(dir, 'r.csv');
      const t = start(dir, out, false);
      try {
        await firstRating(t, '6');
        const pid = Number(readFileSync(`${out}.lock`, 'utf8').split(' ')[0]);
        process.kill(pid, 'SIGTERM');
        expect(await waitForFile(join(dir, 'code'))).toBe('143');
        expect(await t.waitFor('收到 SIGTERM 已停止')).toContain('受访者 R0001 已作为未完成保存');
      } finally {
        t.close();
      }
      expect(readFileSync(out, 'utf8').split('\n')[1]).toBe('R0001,partial,,,6,,,,,,,,');
      expect(existsSync(`${out}.lock`)).toBe(false);
    },
    60_000,
  );
  it.skipIf(!hasTmux)(
    'Ctrl-D is Ctrl-C: the save/discard/continue menu, never a silent end',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'servqual-tty-'));
      const out = join(dir, 'r.csv');
      const t = start(dir, out, false);
      try {
        await firstRating(t, '5');
        t.keys('C-d');
        expect(await t.waitFor('已中断。如何处理这位受访者？')).toContain(
          '保存已回答的部分（标记为未完成）',
        );
        t.keys('1'); // save
        expect(await waitForFile(join(dir, 'code'))).toBe('0');
      } finally {
        t.close();
      }
      expect(readFileSync(out, 'utf8').split('\n')[1]).toBe('R0001,partial,,,5,,,,,,,,');
      expect(existsSync(`${out}.lock`)).toBe(false);
    },
    60_000,
  );
});
