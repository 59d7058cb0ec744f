import { describe, expect, it } from 'vitest';
import { answerName } from '../../../src/core/complaints/answer-name.js';
import { readAnswer } from '../../../src/core/complaints/read-answer.js';
import { parseRule } from '../../../src/core/rules/parse-rule.js';

describe('loyalty rules and answers', () => {
  it('parses share(TYPE) and silent-dissatisfied', () => {
    expect(parseRule('share(spurious) > 0.3')).toEqual({
      rule: {
        text: 'share(spurious) > 0.3',
        metric: 'share',
        target: 'spurious',
        path: null,
        op: '>',
        value: 0.3,
      },
    });
    expect(parseRule('silent-dissatisfied > 0.5')).toMatchObject({
      rule: { metric: 'silent-dissatisfied', target: null, value: 0.5 },
    });
    expect(parseRule('silent-dissatisfied(x) > 0.5')).toMatchObject({
      error: { message: 'silent-dissatisfied takes no (id)' },
    });
  });
  const yesNoPartly =
    'reads yes/no/partly in English and Chinese; blank is not answered; other text undefined';
  it(yesNoPartly, () => {
    expect(readAnswer(' Yes ', ['yes', 'no'])).toBe('yes');
    expect(readAnswer('否', ['yes', 'no'])).toBe('no');
    expect(readAnswer('部分', ['yes', 'partly', 'no'])).toBe('partly');
    expect(readAnswer('', ['yes', 'no'])).toBeNull();
    expect(readAnswer('maybe', ['yes', 'no'])).toBeUndefined();
  });
  it('shows complaint choices in Chinese, other fields as written', () => {
    const field = {
      id: 'c',
      label: { en: 'c' },
      choices: ['yes', 'no'],
      meaning: 'complained' as const,
    };
    expect(answerName(field, 'yes', 'zh')).toBe('是');
    expect(answerName(field, 'yes', 'en')).toBe('yes');
    expect(answerName({ id: 's', label: { en: 's' }, choices: ['yes'] }, 'yes', 'zh')).toBe('yes');
  });
});
