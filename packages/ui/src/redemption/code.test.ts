import { describe, expect, it } from 'vitest';
import { codeFromInput, codeFromScan, isSplitCode, normaliseCode } from './code';

const CODE = 'ABCDEFGHJK';
const SPLIT = '23456789ABCDEFGHJKMNPQRST';

describe('codeFromScan (the in-page camera, R3)', () => {
  it('R3: reads the code from the QR URL {CLERK_URL}/redeem/{code}', () => {
    expect(codeFromScan(`https://clerk.example.com/redeem/${CODE}`)).toBe(CODE);
    expect(codeFromScan(`http://localhost:5175/redeem/${CODE}/`)).toBe(CODE);
    expect(codeFromScan(`https://clerk.example.com/shop-a/redeem/${CODE}?utm=x#top`)).toBe(CODE);
  });

  it('R3: takes a bare code, in any case, with spaces or dashes', () => {
    expect(codeFromScan(CODE)).toBe(CODE);
    expect(codeFromScan('  abcde-fghjk \n')).toBe(CODE);
  });

  it('X1: reads 25-character split codes', () => {
    expect(codeFromScan(`https://clerk.example.com/redeem/${SPLIT}`)).toBe(SPLIT);
    expect(codeFromScan(SPLIT)).toBe(SPLIT);
  });

  it('ignores QR codes that are not tickets, so the camera keeps looking', () => {
    expect(codeFromScan('https://example.com/menu')).toBeNull();
    expect(codeFromScan('https://example.com/redeem/')).toBeNull();
    expect(codeFromScan('WIFI:S:shop;T:WPA;P:secret;;')).toBeNull();
    expect(codeFromScan('hello world')).toBeNull();
    expect(codeFromScan('ABCDEFGHJ')).toBeNull(); // one short
    expect(codeFromScan('ABCDEFGHJ0')).toBeNull(); // 0 is a look-alike, never in a code
    expect(codeFromScan('')).toBeNull();
  });
});

describe('codeFromInput (the code field: keyboard or hardware scanner)', () => {
  it('R3: a hardware scanner reading the QR types the whole URL: the code is taken from it', () => {
    expect(codeFromInput(`http://localhost:5175/redeem/${CODE}`)).toBe(CODE);
    expect(codeFromInput(`clerk.example.com/redeem/${CODE.toLowerCase()}`)).toBe(CODE);
  });

  it('normalises a typed code and leaves the verdict on it to the server', () => {
    expect(codeFromInput(' abcd efgh jk ')).toBe(CODE);
    expect(codeFromInput('ABC')).toBe('ABC');
  });

  it('refuses empty input and URLs that are not ticket URLs', () => {
    expect(codeFromInput('   ')).toBeNull();
    expect(codeFromInput('https://example.com/menu')).toBeNull();
  });
});

describe('codes', () => {
  it('X3: a split code is the 25-character kind', () => {
    expect(isSplitCode(SPLIT)).toBe(true);
    expect(isSplitCode(CODE)).toBe(false);
    expect(normaliseCode(' ab-cd ')).toBe('ABCD');
  });
});
