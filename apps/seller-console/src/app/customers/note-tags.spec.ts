import { parseTags, tagsProblem } from './note-tags';

describe('note tags', () => {
  it('splits on commas, trims and drops empty and repeated tags', () => {
    expect(parseTags(' vip, follow-up,, vip ,')).toEqual(['vip', 'follow-up']);
    expect(parseTags('')).toEqual([]);
  });

  it('names a tag the API would refuse', () => {
    expect(tagsProblem(['vip', 'Stammkunde 2'])).toBeNull();
    expect(tagsProblem(['<b>'])).toMatch(/"<b>"/);
    expect(tagsProblem(['x'.repeat(33)])).toMatch(/1-32/);
    expect(tagsProblem(Array.from({ length: 11 }, (_, i) => `t${i}`))).toMatch(/At most 10/);
  });
});
