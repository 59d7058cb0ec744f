import type { Language } from '../core/instrument/types.js';
import type { Violation } from '../core/rules/evaluate-rules.js';
import { parseRule, type Rule } from '../core/rules/parse-rule.js';
import { describeRuleError, describeViolation } from '../render/messages.js';
import { UsageError, type CliContext, type Outcome } from './context.js';

/** Commander's collector for the repeatable `--fail-on RULE`. */
export function collectRule(rule: string, rules: string[]): string[] {
  return [...rules, rule];
}

/**
 * Parses every `--fail-on` rule before any work; a malformed one is a usage error (exit 2) with a
 * caret.
 */
export function parseRules(texts: readonly string[]): Rule[] {
  return texts.map((text) => {
    const parsed = parseRule(text);
    if ('error' in parsed) throw new UsageError(describeRuleError(parsed.error));
    return parsed.rule;
  });
}

/** Prints each tripped rule; the outcome is `rules-failed` (exit 1) when any tripped. */
export function gate(
  violations: readonly Violation[],
  context: CliContext,
  lang: Language = 'en',
): Outcome {
  for (const v of violations) context.say(describeViolation(v, lang));
  return violations.length > 0 ? { status: 'rules-failed' } : { status: 'ok' };
}
