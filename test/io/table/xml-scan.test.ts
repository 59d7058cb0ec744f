import { describe, expect, it } from 'vitest';
import { createXmlScanner, decodeXml } from '../../../src/io/table/xml-scan.js';

/** The text of each `<t>` and `<v>` element, joined from its pieces, with `chunk`-sized writes. */
function texts(xml: string, chunk: number): string[] {
  const out: string[] = [];
  let current: string | null = null;
  const scanner = createXmlScanner({
    open(name) {
      if (name === 't' || name === 'v') current = '';
    },
    close(name) {
      if ((name === 't' || name === 'v') && current !== null) out.push(current);
      current = null;
    },
    text(raw, cdata) {
      if (current !== null) current += cdata ? raw : decodeXml(raw);
    },
  });
  for (let at = 0; at < xml.length; at += chunk) scanner.write(xml.slice(at, at + chunk));
  expect(scanner.end()).toBe(true);
  return out;
}

describe('createXmlScanner: long texts come in pieces', () => {
  // A text, CDATA section or value too long to wait for whole (over 64 Ki characters) is handed
  // over as it comes, so that a reader can bound it; the pieces join to the same text whatever the
  // chunks, and an entity reference or a CDATA end cut between two chunks is kept whole.
  const entities = '&amp;&#x4E2D;&#20013;&lt;'.repeat(20_000); // 520 000 characters
  const plain = 'a&amp;中&lt;&lt;';
  const long = `${'x'.repeat(70_001)}${entities}]]`;
  const xml =
    `<r><t>${plain}</t><t>${long}</t><t><![CDATA[${'y'.repeat(90_000)}]]]]></t>` +
    `<c r="A1"><v>${'9'.repeat(200_000)}</v></c></r>`;
  const expected = [
    'a&中<<',
    `${'x'.repeat(70_001)}${'&中中<'.repeat(20_000)}]]`,
    `${'y'.repeat(90_000)}]]`,
    '9'.repeat(200_000),
  ];
  it.each([1 << 16, 1000, 4093, 65_537, xml.length])('in chunks of %i characters', (chunk) => {
    expect(texts(xml, chunk)).toEqual(expected);
  });
});
