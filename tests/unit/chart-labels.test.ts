import { barChart, wrapLabel } from '../../services/api/pages/stats/charts';

// Chart labels wrap between words instead of being cut off ("I kø, før en sagsbehandler ta…").
describe('bar chart labels', () => {
  it('wraps a long label between words, keeping every word', () => {
    const label = 'I kø, før en sagsbehandler tager sagen op til behandling';
    const lines = wrapLabel(label, 34);
    expect(lines).toEqual(['I kø, før en sagsbehandler tager', 'sagen op til behandling']);
    expect(lines.every((line) => line.length <= 34)).toBe(true);
    expect(lines.join(' ')).toBe(label);
  });

  it('keeps a short label on one line and a word longer than a line whole', () => {
    expect(wrapLabel('Modtaget', 34)).toEqual(['Modtaget']);
    expect(wrapLabel('Kommunalbestyrelsesmedlemsforsamlingerne i alt', 20)).toEqual(['Kommunalbestyrelsesmedlemsforsamlingerne', 'i alt']);
  });

  it('draws every word of a long label, and a taller chart for it', () => {
    const label = 'I kø, før en sagsbehandler tager sagen op til behandling';
    const short = barChart('a', 'Titel', 'Beskrivelse', [{ label: 'Kort', value: 3, text: '3' }, { label: 'Kort', value: 3, text: '3' }]).value;
    const long = barChart('b', 'Titel', 'Beskrivelse', [{ label, value: 3, text: '3' }, { label: 'Kort', value: 3, text: '3' }]).value;
    const text = [...long.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((match) => match[1]).join(' ');
    expect(text).toContain(label);
    expect(long).not.toContain('…');
    const height = (svg: string) => Number(/viewBox="0 0 \d+ (\d+)"/.exec(svg)![1]);
    expect(height(long)).toBeGreaterThan(height(short));
  });
});
