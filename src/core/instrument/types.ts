/** The instrument: what is asked, on which scale, and which file columns hold the answers. */

/** The rating roles an attribute can be measured in. */
export const ROLES = ['importance', 'performance', 'expectation', 'adequate', 'desired'] as const;
export type Role = (typeof ROLES)[number];

/** Default column-name suffix for each role: `<id>_imp`, `<id>_perf`, … */
export const ROLE_SUFFIX: Readonly<Record<Role, string>> = {
  importance: 'imp',
  performance: 'perf',
  expectation: 'exp',
  adequate: 'adeq',
  desired: 'des',
};

export type Language = 'en' | 'zh';

/**
 * How an attribute is asked in `servqual survey`. A `feature` of the service is rated for
 * importance ("How important is this to you?") and performance ("How well do we do it?"). A
 * `statement` (relationship quality, loyalty, reverse-keyed items) is rated as agreement with its
 * wording (1 = strongly disagree … n = strongly agree); its importance is asked only when it has a
 * `topic`. Analysis is the same for both kinds: the same columns, reverse-keyed items reflected.
 */
export const ITEM_KINDS = ['feature', 'statement'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/**
 * A label in English and (optionally) Simplified Chinese; a plain string in the file is English.
 */
export interface Text {
  readonly en: string;
  readonly zh?: string;
}

export interface Scale {
  readonly min: number;
  readonly max: number;
}

export interface Attribute {
  readonly id: string;
  readonly label: Text;
  /**
   * Worded negatively (e.g. affective conflict): a high rating is bad; reflected
   * x' = min + max − x.
   */
  readonly reverse: boolean;
  readonly scale: Scale;
  /** Explicit column names per role (absent roles use the default names). */
  readonly columns: Readonly<Partial<Record<Role, string>>>;
  /** Id of the construct the attribute belongs to. */
  readonly construct: string;
  readonly group: string;
  /** Outcome items (loyalty) are rated once, as agreement: performance only, no importance. */
  readonly outcome: boolean;
  /**
   * An outcome item's side of loyalty (Dick & Basu 1994): behavioural (repeat patronage:
   * repurchase, share of wallet) or attitudinal (relative attitude: recommend, forgive, try new
   * offerings).
   */
  readonly loyalty?: LoyaltyKind;
  /** Feature or statement (the construct's `kind` unless the attribute sets its own). */
  readonly kind: ItemKind;
  /**
   * A statement's subject, worded positively, for its importance question ("How important is this
   * to you: being treated honestly?"); null: the statement has no importance question.
   */
  readonly topic: Text | null;
}

export const LOYALTY_KINDS = ['behavioural', 'attitudinal'] as const;
export type LoyaltyKind = (typeof LOYALTY_KINDS)[number];

/** What a respondent field means to the complaint analysis (`meaning` in the instrument). */
export const FIELD_MEANINGS = ['complained', 'resolved', 'response-hours'] as const;
export type FieldMeaning = (typeof FIELD_MEANINGS)[number];

export interface Construct {
  readonly id: string;
  readonly group: string;
  readonly label: Text;
  readonly description?: Text;
  /** First-order constructs hold attributes; higher-order ones (`dimensions`) hold constructs. */
  readonly attributes: readonly Attribute[];
  readonly dimensions: readonly string[];
  readonly outcome: boolean;
  /** Outer mode in the path model: 'A' reflective (default) or 'B' formative (`"mode": "B"`). */
  readonly mode?: 'A' | 'B';
}

/** A question asked once per respondent before the ratings (segment, customer-value tier…). */
export interface RespondentField {
  readonly id: string;
  readonly label: Text;
  /** Allowed answers; free text when absent. */
  readonly choices: readonly string[] | null;
  /**
   * complained: yes/no; resolved: yes/partly/no; response-hours: hours until the firm responded
   * (a number ≥ 0). Read by the complaint analysis; other fields have no meaning.
   */
  readonly meaning?: FieldMeaning;
}

export interface Instrument {
  /** The instrument's name, in English and optionally Chinese (`"name"`: a string or {en, zh}). */
  readonly name: Text;
  /**
   * Asked by `servqual survey` before the ratings; columns of the same ids (default: segment,
   * tier).
   */
  readonly respondentFields: readonly RespondentField[];
  readonly scale: Scale;
  readonly constructs: readonly Construct[];
  /** Structural paths [from, to]; null when the instrument defines none (no path model). */
  readonly paths: ReadonlyArray<readonly [string, string]> | null;
  /** `survey --zot` also asks importance (`"zotImportance": true`); default false. */
  readonly zotImportance: boolean;
}

/** Picks the label in `lang`, falling back to English. */
export function textIn(text: Text, lang: Language): string {
  return lang === 'zh' && text.zh !== undefined && text.zh !== '' ? text.zh : text.en;
}

/** Every attribute of the instrument, in instrument order. */
export function allAttributes(instrument: Instrument): Attribute[] {
  return instrument.constructs.flatMap((c) => c.attributes);
}
