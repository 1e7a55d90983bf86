import { describe, expect, it } from 'vitest';
import { parentOrigin } from './parent-messages.ts';

describe('the parent origin of an embed', () => {
  it('is the origin of the parent parameter, for http and https only', () => {
    expect(parentOrigin('?parent=https://docs.example.org/guide/page.html?x=1#y')).toBe('https://docs.example.org');
    expect(parentOrigin('?parent=http%3A%2F%2F127.0.0.1%3A8080%2F')).toBe('http://127.0.0.1:8080');
  });

  it('is absent without the parameter, or for anything that is not a web origin', () => {
    expect(parentOrigin('')).toBeUndefined();
    expect(parentOrigin('?parent=*')).toBeUndefined();
    expect(parentOrigin('?parent=')).toBeUndefined();
    expect(parentOrigin('?parent=javascript:alert(1)')).toBeUndefined();
    expect(parentOrigin('?parent=data:text/html,hi')).toBeUndefined();
    expect(parentOrigin('?parent=file:///etc/passwd')).toBeUndefined();
    expect(parentOrigin('?parent=docs.example.org')).toBeUndefined();
  });
});
