import { describe, expect, it } from 'vitest';
import { findLinkInText } from '../../src/core/link-text';

const linkIn = (text: string) => {
  const found = findLinkInText(text);
  return found.ok ? found.url : found.reason;
};

describe('the link in a selection', () => {
  it('takes a link as it is', () => {
    expect(linkIn('https://app.vssps.visualstudio.com/oauth2/authorize?client_id=x&scope=vso.code')).toBe(
      'https://app.vssps.visualstudio.com/oauth2/authorize?client_id=x&scope=vso.code',
    );
  });

  it('finds the link inside a sentence and drops the punctuation after it', () => {
    expect(linkIn('Please approve: https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=1. Thanks!')).toBe(
      'https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=1',
    );
    expect(linkIn('(see https://evil.example/a)')).toBe('https://evil.example/a');
    expect(linkIn('"https://evil.example/a"')).toBe('https://evil.example/a');
    expect(linkIn('<https://evil.example/a>')).toBe('https://evil.example/a');
  });

  it('refangs what analysts defang', () => {
    expect(linkIn('hxxps://app-vssps-visualstudio[.]com/oauth2/authorize')).toBe('https://app-vssps-visualstudio.com/oauth2/authorize');
    expect(linkIn('hXXps[:]//login(.)microsoftonIine{.}com/x')).toBe('https://login.microsoftonIine.com/x');
    expect(linkIn('hxxp://evil[dot]example/')).toBe('http://evil.example/');
    expect(linkIn('h**ps[://]evil(.)example/x')).toBe('https://evil.example/x');
    expect(linkIn('hxxps(:)//evil[.]example/x')).toBe('https://evil.example/x');
  });

  it('reads the slashes after the scheme as a browser does (backslashes, one slash)', () => {
    // The browser opens evil.example for each: a finder that wants `://` would skip the link or take the next one.
    for (const typed of ['https:\\\\evil.example/x', 'https:/\\evil.example/x', 'https:/evil.example/x']) {
      const found = findLinkInText(`open ${typed} or https://safe.example/`);
      expect(found.ok && new URL(found.url).href, typed).toBe('https://evil.example/x');
    }
    const found = findLinkInText('hxxps://evil[.]example/');
    expect(found.ok && found.refanged).toBe(true);
    const plain = findLinkInText('https://evil.example/');
    expect(plain.ok && plain.refanged).toBe(false);
  });

  it('accepts www. and bare host names under a real public suffix', () => {
    expect(linkIn('go to www.app-vssps-visualstudio.com/oauth2/authorize now')).toBe('https://www.app-vssps-visualstudio.com/oauth2/authorize');
    expect(linkIn('login-microsoftonline.com/common/oauth2/authorize?resource=x')).toBe('https://login-microsoftonline.com/common/oauth2/authorize?resource=x');
  });

  it('says so when there is no link', () => {
    expect(linkIn('')).toBe('empty');
    expect(linkIn('   \n ')).toBe('empty');
    expect(linkIn('Please review the permissions before you accept.')).toBe('no-link');
    expect(linkIn('version 1.2.3 of file.txt')).toBe('no-link');
    expect(linkIn('mail me at someone@example.com')).toBe('no-link');
    expect(linkIn('javascript:alert(1)')).toBe('no-link');
    expect(linkIn('ftp://files.example.com/a')).toBe('no-link');
  });

  it('stays bounded on a huge selection', () => {
    const huge = `${'word '.repeat(200_000)} https://evil.example/`;
    expect(linkIn(huge)).toBe('no-link');
    expect(linkIn(`https://evil.example/ ${'word '.repeat(200_000)}`)).toBe('https://evil.example/');
  });
});
