import { describe, expect, it } from 'vitest';
import { concatBytes, md5, md5OfText, toHex, utf8 } from './md5.ts';

describe('md5', () => {
  // The test suite of RFC 1321, appendix A.5.
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
  ])('md5(%j) is RFC 1321\'s value', (text, hex) => {
    expect(toHex(md5OfText(text))).toBe(hex);
  });

  it('pads correctly at every length around a block boundary', () => {
    // 55, 56 and 64 bytes are where the length field moves to another block.
    // Expected values from GNU coreutils md5sum.
    expect(toHex(md5OfText('a'.repeat(55)))).toBe('ef1772b6dff9a122358552954ad0df65');
    expect(toHex(md5OfText('a'.repeat(56)))).toBe('3b0c8ac703f828b04c6c197006d17218');
    expect(toHex(md5OfText('a'.repeat(64)))).toBe('014842d480b571495a4a0363793f7367');
  });

  it('encodes text as UTF-8 exactly as TextEncoder does', () => {
    for (const text of ['', 'abc', 'é', '→ x', '😀 P0', 'a\ud800b', '\udc00']) {
      expect([...utf8(text)], text).toEqual([...new TextEncoder().encode(text)]);
    }
  });

  it('digests UTF-8 bytes and raw byte strings', () => {
    expect(toHex(md5OfText('é'))).toBe(toHex(md5(new Uint8Array([0xc3, 0xa9]))));
    expect(toHex(md5(concatBytes([new Uint8Array([0x61]), new Uint8Array([0x62, 0x63])])))).toBe('900150983cd24fb0d6963f7d28e17f72');
  });
});
