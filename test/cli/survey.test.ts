import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { servqual } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'servqual-survey-cli-'));
const tiny = ['--instrument', 'fixtures/tiny-instrument.json'];
const header = [
  'respondent_id,completion,segment,tier',
  's1_imp,s1_perf,s2_imp,s2_perf,c1_imp,c1_perf,c2_imp,c2_perf,l1_perf',
].join(',');

describe('servqual survey (the real binary)', () => {
  it('without a terminal it explains and exits 2', () => {
    const r = servqual(['survey', '--out', join(dir, 'x.csv'), ...tiny]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'servqual: survey is interactive and stdin is not a terminal: run it in a terminal, ' +
        "or give --answers FILE (a CSV with the survey's columns) for scripted respondents\n",
    );
  });
  it('…and says so in Chinese with --lang zh', () => {
    const r = servqual(['survey', '--out', join(dir, 'x.csv'), ...tiny, '--lang', 'zh']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'servqual: 问卷需要在终端中交互进行，而标准输入不是终端：请在终端中运行，或用 --answers FILE（与问卷列相同的 CSV）导入受访者\n',
    );
  });
  it('--answers appends scripted respondents that analyze reads', () => {
    const answers = join(dir, 'answers.csv');
    writeFileSync(
      answers,
      [
        header,
        'R1,complete,retail,A,7,4,6,5,5,6,4,3,6',
        'R2,partial,,,6,3,7,,4,5,,,',
        'R3,complete,b,,5,5,5,5,5,5,5,5,5',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'out.csv');
    const r = servqual(['survey', '--out', out, ...tiny, '--answers', answers]);
    expect([r.status, r.stderr]).toEqual([0, `${out}: 3 respondents appended\n`]);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(answers, 'utf8'));
    const again = servqual(['survey', '--out', out, ...tiny, '--answers', answers]);
    expect(again.status).toBe(0);
    const analyzed = JSON.parse(
      servqual(['analyze', out, ...tiny, '--format', 'json', '--bootstrap', '0']).stdout,
    ) as { meta: { respondents: number; partial: unknown }; notes: Array<{ code: string }> };
    expect(analyzed.meta.respondents).toBe(6);
    // R2 twice: 2 partial rows, counted in meta and a note, and analysed unless --complete-only
    expect(analyzed.meta.partial).toEqual({ rows: 2, excluded: false });
    expect(analyzed.notes).toContainEqual(
      expect.objectContaining({ code: 'partial', rows: 2, excluded: false }),
    );
    const complete = servqual([
      'analyze',
      out,
      ...tiny,
      '--format',
      'json',
      '--bootstrap',
      '0',
      '--complete-only',
    ]);
    const completeOnly = JSON.parse(complete.stdout) as typeof analyzed;
    expect(completeOnly.meta.respondents).toBe(4);
    expect(completeOnly.meta.partial).toEqual({ rows: 2, excluded: true });
    const text = servqual(['analyze', out, ...tiny, '--bootstrap', '0', '--complete-only']);
    expect(text.stdout).toContain(
      '2 partial respondents (completion column "partial") left out (--complete-only)',
    );
  });
  it('bad scripted answers: every problem with line:column, nothing appended', () => {
    const answers = join(dir, 'bad.csv');
    writeFileSync(
      answers,
      `${header}\nR1,complete,,,9,4,6,5,5,6,4,3,6\nR2,done,,,6,x,7,7,4,5,5,2,5\n`,
    );
    const out = join(dir, 'bad-out.csv');
    const r = servqual(['survey', '--out', out, ...tiny, '--answers', answers]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `${answers}:2:5: column "s1_imp": "9" is not a rating from 1 to 7\n` +
        `${answers}:3:2: completion "done": expected "complete" or "partial"\n` +
        `${answers}:3:6: column "s1_perf": "x" is not a rating from 1 to 7\n`,
    );
    expect(() => readFileSync(out)).toThrow();
    // The same problems in Chinese with --lang zh.
    const zh = servqual(['survey', '--out', out, ...tiny, '--answers', answers, '--lang', 'zh']);
    expect(zh.stderr).toBe(
      `${answers}:2:5: 列“s1_imp”：“9”不是 1 到 7 的评分\n` +
        `${answers}:3:2: 完成状态“done”：应为“complete”或“partial”\n` +
        `${answers}:3:6: 列“s1_perf”：“x”不是 1 到 7 的评分\n`,
    );
  });
  it('another header: the first column that differs, in one short line, in both languages', () => {
    const answers = join(dir, 'other-header.csv');
    const columns = header.split(',');
    writeFileSync(
      answers,
      `${[...columns.slice(0, 4), 'S1_IMP', ...columns.slice(5)].join(',')}\n`,
    );
    const out = join(dir, 'never.csv');
    const en = servqual(['survey', '--out', out, ...tiny, '--answers', answers]);
    expect(en.status).toBe(2);
    expect(en.stderr).toBe(
      `${answers}:1:5: the header differs from the survey's ${columns.length} columns: ` +
        '"S1_IMP" where the survey has "s1_imp"\n',
    );
    writeFileSync(answers, `${columns.slice(0, -1).join(',')}\n`);
    const zh = servqual(['survey', '--out', out, ...tiny, '--answers', answers, '--lang', 'zh']);
    expect(zh.stderr).toBe(
      `${answers}:1:${columns.length}: 表头与问卷的 ${columns.length} 列不符：` +
        `缺少列“${columns.at(-1)}”\n`,
    );
    expect(() => readFileSync(out)).toThrow();
  });
  it(
    '--answers --zot: the three-column order, ' +
      'and a desired level below the adequate one is refused',
    () => {
      const zotHeader = [
        'respondent_id,completion,segment,tier',
        's1_adeq,s1_des,s1_perf,s2_adeq,s2_des,s2_perf',
        'c1_adeq,c1_des,c1_perf,c2_adeq,c2_des,c2_perf,l1_perf',
      ].join(',');
      const answers = join(dir, 'zot.csv');
      writeFileSync(answers, `${zotHeader}\nR1,complete,,,6,2,5,4,4,4,3,6,5,2,5,4,6\n`);
      const out = join(dir, 'zot-out.csv');
      const r = servqual(['survey', '--out', out, ...tiny, '--zot', '--answers', answers]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        `${answers}:2:6: column "s1_des": the desired level 2 is below the adequate level 6\n`,
      );
      writeFileSync(answers, `${zotHeader}\nR1,complete,,,6,6,5,4,4,4,3,6,5,2,5,4,6\n`);
      expect(
        servqual(['survey', '--out', out, ...tiny, '--zot', '--answers', answers]).status,
      ).toBe(0);
    },
  );
  it('an output file with another header is refused and left untouched', () => {
    const out = join(dir, 'other.csv');
    writeFileSync(out, 'a,b\n1,2\n');
    const answers = join(dir, 'ok.csv');
    writeFileSync(answers, `${header}\nR1,complete,,,7,4,6,5,5,6,4,3,6\n`);
    const r = servqual(['survey', '--out', out, ...tiny, '--answers', answers]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/its header does not match this instrument/);
    expect(readFileSync(out, 'utf8')).toBe('a,b\n1,2\n');
  });
});
