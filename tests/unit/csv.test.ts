import { PAYOUT_EXPORT_HEADER, UTF8_BOM, csvField, formatAmountForExport, payoutExportCsv, toCsv } from '../../domain/csv';

/** A small RFC 4180 reader, to prove that what the writer quotes reads back as it was. */
function parseCsv(text: string, separator = ';'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += char;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe('CSV fields', () => {
  it.each([
    ['plain text', 'Fælles Bord', 'Fælles Bord'],
    ['a semicolon', 'Mad; musik', '"Mad; musik"'],
    ['a quote', 'Foreningen "Åben Dør"', '"Foreningen ""Åben Dør"""'],
    ['a line feed', 'linje 1\nlinje 2', '"linje 1\nlinje 2"'],
    ['a carriage return', 'a\rb', '"a\rb"'],
    ['surrounding spaces', ' Bord ', '" Bord "'],
    ['a comma (the decimal mark, not the separator)', '12000,00', '12000,00'],
  ])('%s', (_what, value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it('writes null and undefined as empty fields and numbers as they are', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(-5)).toBe('-5');
  });

  it.each(['=HYPERLINK("http://x")', '+45 1234', '-1', '@SUM(A1)', '\tTab'])('shows text a spreadsheet would run as a formula, never runs it: %j', (value) => {
    const written = csvField(value);
    expect(parseCsv(written)[0]![0]).toBe(`'${value}`);
    expect(csvField(value, ';', false)).not.toMatch(/^'/);
  });

  it('quotes for the separator in use', () => {
    expect(csvField('a,b', ',')).toBe('"a,b"');
    expect(csvField('a;b', ',')).toBe('a;b');
  });
});

describe('CSV files', () => {
  it('starts with a byte order mark and ends every line with CRLF', () => {
    const csv = toCsv([['a', 'b'], ['c', 'd']]);
    expect(csv).toBe(`${UTF8_BOM}a;b\r\nc;d\r\n`);
    expect(toCsv([['a']], { bom: false })).toBe('a\r\n');
  });

  it('reads back field for field, whatever the fields hold', () => {
    const rows = [
      ['Sag', 'Tekst'],
      ['GF-2026-00001', 'Mad; musik og "hygge"\r\npå to linjer'],
      ['GF-2026-00002', ''],
    ];
    expect(parseCsv(toCsv(rows, { bom: false }))).toEqual(rows);
  });

  it('refuses a separator that cannot work', () => {
    expect(() => toCsv([['a']], { separator: '"' })).toThrow(RangeError);
    expect(() => toCsv([['a']], { separator: ';;' })).toThrow(RangeError);
  });
});

describe('the payout file', () => {
  it('formats amounts in kroner with a decimal comma', () => {
    expect(formatAmountForExport(1_200_000n)).toBe('12000,00');
    expect(formatAmountForExport(5n)).toBe('0,05');
    expect(formatAmountForExport(123_456_789n)).toBe('1234567,89');
    expect(() => formatAmountForExport(-1n)).toThrow(RangeError);
  });

  it('has a header and one line per payout: reference, CVR, name, amount, date, NemKonto, statement text', () => {
    const csv = payoutExportCsv([
      { referenceNumber: 42, submittedAt: new Date('2026-03-01T10:00:00Z'), cvr: '13748136', organizationName: 'Foreningen Fælles Bord', amountOre: 1_200_000n, scheduledFor: new Date('2026-04-07T00:00:00Z') },
      { referenceNumber: 7, submittedAt: new Date('2026-02-01T10:00:00Z'), cvr: '25313763', organizationName: 'Mad; musik & "hygge"', amountOre: 950_050n, scheduledFor: new Date('2026-04-08T00:00:00Z') },
    ]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(parseCsv(csv.slice(1))).toEqual([
      [...PAYOUT_EXPORT_HEADER],
      ['GF-2026-00042', '13748136', 'Foreningen Fælles Bord', '12000,00', '2026-04-07', 'NemKonto', '§18 GF-2026-00042'],
      ['GF-2026-00007', '25313763', 'Mad; musik & "hygge"', '9500,50', '2026-04-08', 'NemKonto', '§18 GF-2026-00007'],
    ]);
    expect(csv.split('\r\n')[1]).toBe('GF-2026-00042;13748136;Foreningen Fælles Bord;12000,00;2026-04-07;NemKonto;§18 GF-2026-00042');
  });

  it('is only a header when there is nothing to pay', () => {
    expect(payoutExportCsv([])).toBe(`${UTF8_BOM}${PAYOUT_EXPORT_HEADER.join(';')}\r\n`);
  });
});
