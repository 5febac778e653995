import { parseCrontab } from './support/crontab-checker';
import { parseIni } from './support/ini';
import { parseXml } from './support/xml-checker';

// The test-side checkers must reject what the original produced or what a tool would refuse.
describe('the checkers used by the artifact tests', () => {
  it('the crontab checker refuses bad fields, steps and missing commands', () => {
    expect(() => parseCrontab('*/120 * * * * run\n')).toThrow(/step 120/);
    expect(() => parseCrontab('60 * * * * run\n')).toThrow(/outside 0-59/);
    expect(() => parseCrontab('0 0 L * * run\n')).toThrow(/cannot read 'L'/);
    expect(() => parseCrontab('0 0 * * MON-FRI run\n')).toThrow(/cannot read/);
    expect(() => parseCrontab('0 0 * * *\n')).toThrow(/not a crontab entry/);
    expect(() => parseCrontab('0 0 * * * run')).toThrow(/newline/);
    expect(parseCrontab('# c\nA=b\n0 0 * * mon run it\n')).toEqual([
      { fields: ['0', '0', '*', '*', 'mon'], command: 'run it', env: { A: 'b' } },
    ]);
  });

  it('the INI reader refuses lines outside sections and bad lines', () => {
    expect(() => parseIni('Key=1\n')).toThrow(/outside a section/);
    expect(() => parseIni('[Unit]\nnot a pair\n')).toThrow(/not Key=Value/);
  });

  it('the XML checker refuses documents that are not well-formed', () => {
    expect(() => parseXml('<?xml version="1.0"?><a><b></a>')).toThrow();
    expect(() => parseXml('<?xml version="1.0"?><a>x & y</a>')).toThrow(/bare &/);
    expect(() => parseXml('<?xml version="1.0"?><a x="1" x="2"/>')).toThrow(/twice/);
    expect(() => parseXml('<?xml version="1.0"?><a/><b/>')).toThrow(/after the root/);
    expect(() => parseXml('<a/>')).toThrow(/declaration/);
    expect(
      parseXml('<?xml version="1.0" encoding="UTF-16"?>\r\n<a k="&lt;">t&amp;<b/></a>\r\n').root,
    ).toEqual({
      name: 'a',
      attrs: { k: '<' },
      children: [{ name: 'b', attrs: {}, children: [], text: '' }],
      text: 't&',
    });
  });
});
