import { PAYOUT_EXPORT_HEADER, PAYOUT_EXPORT_HEADER_NO, UTF8_BOM, confirmedPayoutLines, csvField, formatAmountForExport, parseCsv, payoutExportCsv, toCsv } from '../../domain/csv';

/** A small RFC 4180 reader, to prove that what the writer quotes reads back as it was. */
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
    expect(formatAmountForExport(-400_050n)).toBe('-4000,50');
    expect(formatAmountForExport(-1n)).toBe('-0,01');
  });

  it('writes money to be paid back as a negative amount the spreadsheet reads as a number, not as guarded text', () => {
    const csv = payoutExportCsv([
      { lineId: 'line-9', referenceNumber: 9, submittedAt: new Date('2026-03-01T10:00:00Z'), cvr: '13748136', organizationName: '-Fælles Bord', amountOre: -400_000n, scheduledFor: new Date('2026-05-01T00:00:00Z') },
    ]);
    expect(csv.split('\r\n')[1]).toBe("GF-2026-00009;13748136;'-Fælles Bord;-4000,00;2026-05-01;NemKonto;§18 GF-2026-00009;line-9");
    expect(() => toCsv([[{ numeric: '=1+1' }]])).toThrow(RangeError);
  });

  it('has a header and one line per payout: reference, CVR, name, amount, date, NemKonto, statement text', () => {
    const csv = payoutExportCsv([
      { lineId: 'line-42', referenceNumber: 42, submittedAt: new Date('2026-03-01T10:00:00Z'), cvr: '13748136', organizationName: 'Foreningen Fælles Bord', amountOre: 1_200_000n, scheduledFor: new Date('2026-04-07T00:00:00Z') },
      { lineId: 'line-7', referenceNumber: 7, submittedAt: new Date('2026-02-01T10:00:00Z'), cvr: '25313763', organizationName: 'Mad; musik & "hygge"', amountOre: 950_050n, scheduledFor: new Date('2026-04-08T00:00:00Z') },
    ]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(parseCsv(csv.slice(1))).toEqual([
      [...PAYOUT_EXPORT_HEADER],
      ['GF-2026-00042', '13748136', 'Foreningen Fælles Bord', '12000,00', '2026-04-07', 'NemKonto', '§18 GF-2026-00042', 'line-42'],
      ['GF-2026-00007', '25313763', 'Mad; musik & "hygge"', '9500,50', '2026-04-08', 'NemKonto', '§18 GF-2026-00007', 'line-7'],
    ]);
    expect(csv.split('\r\n')[1]).toBe('GF-2026-00042;13748136;Foreningen Fælles Bord;12000,00;2026-04-07;NemKonto;§18 GF-2026-00042;line-42');
  });

  it('in Norway carries the account number the organisation gave, in full, in its own column (bokmål headings, same line id column)', () => {
    const csv = payoutExportCsv(
      [{ lineId: 'line-5', referenceNumber: 5, submittedAt: new Date('2026-03-01T10:00:00Z'), cvr: '974760673', organizationName: 'Bodø Frivilligsentral', amountOre: 1_500_000n, scheduledFor: new Date('2026-04-07T00:00:00Z'), account: '12345678903' }],
      'NO',
    );
    const [header, line] = parseCsv(csv.slice(1));
    expect(header).toEqual([...PAYOUT_EXPORT_HEADER_NO]);
    expect(header![header!.length - 1]).toBe(PAYOUT_EXPORT_HEADER.at(-1));
    expect(line).toEqual(['GF-2026-00005', '974760673', 'Bodø Frivilligsentral', '15000,00', '2026-04-07', '12345678903', 'Tilskudd GF-2026-00005', 'line-5']);
    expect(confirmedPayoutLines(csv)).toEqual([{ lineId: 'line-5' }]);
  });

  it('is only a header when there is nothing to pay', () => {
    expect(payoutExportCsv([])).toBe(`${UTF8_BOM}${PAYOUT_EXPORT_HEADER.join(';')}\r\n`);
  });
});

describe('the confirmation file from the finance system', () => {
  const exported = payoutExportCsv([
    { lineId: 'a1', referenceNumber: 42, submittedAt: new Date('2026-03-01T10:00:00Z'), cvr: '13748136', organizationName: 'Foreningen Fælles Bord', amountOre: 1_200_000n, scheduledFor: new Date('2026-04-07T00:00:00Z') },
    { lineId: 'b2', referenceNumber: 7, submittedAt: new Date('2026-02-01T10:00:00Z'), cvr: '25313763', organizationName: 'Mad; musik', amountOre: 950_050n, scheduledFor: new Date('2026-04-08T00:00:00Z') },
  ]);

  it('is the payout file sent back: every line named by its line id', () => {
    expect(confirmedPayoutLines(exported)).toEqual([{ lineId: 'a1' }, { lineId: 'b2' }]);
  });

  it('may say when each line was paid, in any column order, with LF line ends and blank lines', () => {
    const text = 'Betalt den;Beløb;linje-id\n2026-04-09;12000,00; a1 \n;;\n2026-04-10;9500,50;b2';
    expect(confirmedPayoutLines(text)).toEqual([{ lineId: 'a1', paidOn: '2026-04-09' }, { lineId: 'b2', paidOn: '2026-04-10' }]);
  });

  it('is refused without a line id column', () => {
    expect(confirmedPayoutLines('Sagsnummer;Beløb\r\nGF-2026-00042;12000,00\r\n')).toBeNull();
    expect(confirmedPayoutLines('')).toBeNull();
  });
});
