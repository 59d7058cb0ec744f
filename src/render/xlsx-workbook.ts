import { zipFiles } from '../io/table/zip-write.js';

/**
 * How a cell looks: its number format, and whether it is a header, a title or a highlighted
 * shortfall.
 */
export type CellStyle =
  | 'text'
  | 'header'
  | 'title'
  | 'wrap'
  | 'int'
  | 'dec2'
  | 'dec3'
  | 'p'
  | 'pct'
  | 'shortfall'
  | 'shortfallText';

/** One cell: a number stays a number (NaN and ±∞ leave the cell empty), text is always text. */
export type Cell =
  | string
  | number
  | boolean
  | null
  | { readonly v: string | number | boolean | null; readonly s: CellStyle };

export interface SheetSpec {
  readonly name: string;
  readonly rows: ReadonlyArray<readonly Cell[]>;
  /** Column widths in characters (Excel's unit); the rest keep the default. */
  readonly widths: readonly number[];
  /** Rows kept in view when scrolling (the header). */
  readonly freezeRows: number;
}

// cellXfs order; the index is the cell's `s`.
const STYLES: readonly CellStyle[] = [
  'text',
  'header',
  'title',
  'wrap',
  'int',
  'dec2',
  'dec3',
  'p',
  'pct',
  'shortfall',
  'shortfallText',
];
const STYLE_INDEX = new Map(STYLES.map((s, i) => [s, i]));

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPES_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
const RELS_TYPE = 'application/vnd.openxmlformats-package.relationships+xml';
const SPREADSHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

/** A Calibri font (`<font>`): size, and bold or colour when `look` says so. */
const font = (look: string): string => `<font>${look}<name val="Calibri"/><family val="2"/></font>`;
/** A solid fill of one ARGB colour. */
const solidFill = (rgb: string): string =>
  `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/>` +
  '</patternFill></fill>';
/** A cell border: none but, when `bottom` says so, a line below. */
const border = (bottom: string): string =>
  `<border><left/><right/><top/>${bottom}<diagonal/></border>`;
const WRAP_TOP = '<alignment vertical="top" wrapText="1"/>';

/**
 * A cell format (`<xf>`): its number format, font, fill and border ids, the parts it applies
 * (`applyFont="1"` …) and its alignment.
 */
function xf(
  [numFmt, fontId, fillId, borderId]: readonly [number, number, number, number],
  apply: readonly string[] = [],
  alignment = '',
): string {
  const ids = `numFmtId="${numFmt}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}"`;
  const flags = apply.map((part) => ` apply${part}="1"`).join('');
  const open = `<xf ${ids} xfId="0"${flags}`;
  return alignment === '' ? `${open}/>` : `${open}>${alignment}</xf>`;
}

/** Each style's cell format; `cellXfs` lists them in the order of STYLES. */
const CELL_FORMATS: Readonly<Record<CellStyle, string>> = {
  text: xf([0, 0, 0, 0]),
  header: xf([0, 1, 2, 1], ['Font', 'Fill', 'Border', 'Alignment'], WRAP_TOP),
  title: xf([0, 2, 0, 0], ['Font']),
  wrap: xf([0, 0, 0, 0], ['Alignment'], WRAP_TOP),
  int: xf([1, 0, 0, 0], ['NumberFormat']),
  dec2: xf([2, 0, 0, 0], ['NumberFormat']),
  dec3: xf([164, 0, 0, 0], ['NumberFormat']),
  p: xf([165, 0, 0, 0], ['NumberFormat']),
  pct: xf([166, 0, 0, 0], ['NumberFormat']),
  shortfall: xf([2, 3, 3, 0], ['NumberFormat', 'Font', 'Fill']),
  shortfallText: xf([0, 3, 3, 0], ['Font', 'Fill']),
};

const STYLES_XML = [
  XML_HEAD,
  `<styleSheet xmlns="${MAIN_NS}">`,
  '<numFmts count="3">',
  '<numFmt numFmtId="164" formatCode="0.000"/>',
  '<numFmt numFmtId="165" formatCode="0.0000"/>',
  '<numFmt numFmtId="166" formatCode="0.0%"/>',
  '</numFmts>',
  '<fonts count="4">',
  font('<sz val="11"/>'),
  font('<b/><sz val="11"/>'), // header
  font('<b/><sz val="14"/>'), // title
  font('<sz val="11"/><color rgb="FF9C0006"/>'), // shortfall
  '</fonts>',
  '<fills count="4">',
  '<fill><patternFill patternType="none"/></fill>',
  '<fill><patternFill patternType="gray125"/></fill>',
  solidFill('FFD9E1F2'), // header
  solidFill('FFFFC7CE'), // shortfall
  '</fills>',
  '<borders count="2">',
  border('<bottom/>'),
  border('<bottom style="thin"><color auto="1"/></bottom>'),
  '</borders>',
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
  `<cellXfs count="${STYLES.length}">`,
  ...STYLES.map((style) => CELL_FORMATS[style]),
  '</cellXfs>',
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
  '</styleSheet>',
].join('');

/**
 * Text as XML element content: markup escaped; characters XML 1.0 cannot hold as OOXML `_xHHHH_`
 * escapes.
 */
export function xmlText(s: string): string {
  const escaped = s
    .replace(/_x[0-9A-Fa-f]{4}_/g, (m) => `_x005F${m.slice(1)}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  let out = '';
  for (const ch of escaped) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff)
      out += `_x${c.toString(16).toUpperCase().padStart(4, '0')}_`;
    else if (c >= 0xd800 && c <= 0xdfff)
      out += '\uFFFD'; // a lone surrogate
    else out += ch;
  }
  return out;
}

function letters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters, unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
  let out = base;
  for (let k = 2; taken.has(out.toLowerCase()); k++) out = `${base.slice(0, 28)} ${k}`;
  taken.add(out.toLowerCase());
  return out;
}

function cellXml(cell: Cell, ref: string): string {
  const { v, s } = cell !== null && typeof cell === 'object' ? cell : { v: cell, s: undefined };
  const style = s === undefined || s === 'text' ? '' : ` s="${STYLE_INDEX.get(s)}"`;
  if (v === null || (typeof v === 'number' && !Number.isFinite(v)))
    return style === '' ? '' : `<c r="${ref}"${style}/>`;
  if (typeof v === 'number') return `<c r="${ref}"${style}><v>${v}</v></c>`;
  if (typeof v === 'boolean') return `<c r="${ref}"${style} t="b"><v>${v ? 1 : 0}</v></c>`;
  // Text is an inline string: never a formula, whatever it starts with.
  const text = `<is><t xml:space="preserve">${xmlText(v)}</t></is>`;
  return `<c r="${ref}"${style} t="inlineStr">${text}</c>`;
}

function sheetXml(sheet: SheetSpec): string {
  const frozen = sheet.freezeRows;
  const pane =
    frozen > 0
      ? `<pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft"` +
        ' state="frozen"/><selection pane="bottomLeft"/>'
      : '';
  const col = (w: number, i: number): string =>
    `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`;
  const cols = sheet.widths.length === 0 ? '' : `<cols>${sheet.widths.map(col).join('')}</cols>`;
  const rows = sheet.rows
    .map((row, r) => {
      const cells = row.map((cell, c) => cellXml(cell, `${letters(c)}${r + 1}`)).join('');
      return cells === '' ? '' : `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  return (
    XML_HEAD +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${rows}</sheetData></worksheet>`
  );
}

/**
 * An .xlsx workbook (Office Open XML SpreadsheetML, ECMA-376 Part 1) of the given sheets: numbers
 * stored as numbers with their number formats, text as inline strings (so no cell is ever a
 * formula), header rows frozen, column widths set. Deterministic: the same sheets, the same bytes.
 */
export function buildWorkbook(sheets: readonly SheetSpec[]): Uint8Array {
  const taken = new Set<string>();
  const names = sheets.map((s) => sheetName(s.name, taken));
  const override = (part: string, type: string): string =>
    `<Override PartName="${part}" ContentType="${SPREADSHEET_TYPE}.${type}+xml"/>`;
  const contentTypes = [
    `<Types xmlns="${CONTENT_TYPES_NS}">`,
    `<Default Extension="rels" ContentType="${RELS_TYPE}"/>`,
    '<Default Extension="xml" ContentType="application/xml"/>',
    override('/xl/workbook.xml', 'sheet.main'),
    ...sheets.map((_, k) => override(`/xl/worksheets/sheet${k + 1}.xml`, 'worksheet')),
    override('/xl/styles.xml', 'styles'),
    '</Types>',
  ];
  const relationship = (id: number, type: string, target: string): string =>
    `<Relationship Id="rId${id}" Type="${REL_NS}/${type}" Target="${target}"/>`;
  const packageRels = [
    `<Relationships xmlns="${PACKAGE_REL_NS}">`,
    relationship(1, 'officeDocument', 'xl/workbook.xml'),
    '</Relationships>',
  ];
  const workbook = [
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`,
    '<bookViews><workbookView/></bookViews>',
    '<sheets>',
    ...names.map((n, k) => `<sheet name="${xmlText(n)}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`),
    '</sheets>',
    '</workbook>',
  ];
  const workbookRels = [
    `<Relationships xmlns="${PACKAGE_REL_NS}">`,
    ...sheets.map((_, k) => relationship(k + 1, 'worksheet', `worksheets/sheet${k + 1}.xml`)),
    relationship(sheets.length + 1, 'styles', 'styles.xml'),
    '</Relationships>',
  ];
  const xml = (lines: readonly string[]): string => XML_HEAD + lines.join('');
  const parts: Array<[string, string]> = [
    ['[Content_Types].xml', xml(contentTypes)],
    ['_rels/.rels', xml(packageRels)],
    ['xl/workbook.xml', xml(workbook)],
    ['xl/_rels/workbook.xml.rels', xml(workbookRels)],
    ['xl/styles.xml', STYLES_XML],
    ...sheets.map((s, k): [string, string] => [`xl/worksheets/sheet${k + 1}.xml`, sheetXml(s)]),
  ];
  return zipFiles(parts.map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8') })));
}
