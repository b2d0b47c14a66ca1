import { describe, expect, it } from 'vitest';
import { parseList } from '../../../src/action/lists.js';

describe('parseList', () => {
  it.each([
    ['one a line', 'a\nb\r\nc', ['a', 'b', 'c']],
    ['comma-separated', 'a, b ,c', ['a', 'b', 'c']],
    ['both', 'a,b\nc', ['a', 'b', 'c']],
    ['a quoted item keeps its comma', '"a,b", c', ['a,b', 'c']],
    ['a doubled quote is one quote', '"say ""hi""",x', ['say "hi"', 'x']],
    ['a quote inside an item is literal', 'a"b', ['a"b']],
    ['comment lines', '# tags\na\n  # indented\nb', ['a', 'b']],
    ['blank lines and empty items', '\n\na,,b,\n  \n', ['a', 'b']],
    ['nothing', '', []],
  ])('%s', (_, text, expected) => {
    expect(parseList(text)).toEqual(expected);
  });

  it.each([
    ['keeps commas and quotes', 'A=1,2\nB="x,y"', ['A=1,2', 'B="x,y"']],
    ['still skips comments and blanks', '# args\n\n  K=v  \n', ['K=v']],
  ])('ignoreComma %s', (_, text, expected) => {
    expect(parseList(text, { ignoreComma: true })).toEqual(expected);
  });

  it.each(['"a,b', 'x,"unterminated'])('throws on an unterminated quote in %s', (text) => {
    expect(() => parseList(text)).toThrow(/unterminated quote/);
  });
});
