import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBytes, detectEncoding, ingestCsv, InvalidArgumentError } from '../../src/index.js';
import { FIXTURE } from '../paths.js';

const bytesOf = (name: string) => gunzipSync(readFileSync(FIXTURE(name)));

describe('detectEncoding and decodeBytes', () => {
  it('decodeBytes tells DOS code page 850 from windows-1252 on the real PEF 2016 file', () => {
    const decoded = decodeBytes(bytesOf('mx-pef2016/pef2016.csv.gz'));
    expect(decoded).toMatchObject({ encoding: 'cp850', detected: true, mixed: false });
    // (Boolean checks: a failing toContain would print the whole 34 MB file.)
    expect(decoded.text.includes('H. Cámara de Diputados')).toBe(true);
    expect(decoded.text.includes('Legislación')).toBe(true);
    // Read as windows-1252 the same bytes give the garbage journalists know: 0xA0 is a no-break space there.
    const wrong = decodeBytes(bytesOf('mx-pef2016/pef2016.csv.gz'), { encoding: 'windows-1252' }).text;
    expect(wrong.includes('H. C\u00a0mara de Diputados')).toBe(true);
  });

  it('decodeBytes detects windows-1252 on the real transfers and Ramo 23 files', () => {
    const transfers = decodeBytes(bytesOf('mx-pef2016/transferencias_entidades_fed.csv.gz'));
    expect(transfers.encoding).toBe('windows-1252');
    expect(transfers.text.includes('Nuevo León: Fondo de Aportaciones Múltiples (FAM)')).toBe(true);
    const ramo23 = decodeBytes(bytesOf('mx-pef2016/ramo23_2016.csv.gz'));
    expect(ramo23.encoding).toBe('windows-1252');
    expect(ramo23.text.startsWith('Número de proyecto')).toBe(true);
  });

  it('detectEncoding reads a byte-order mark, valid UTF-8, and plain ASCII', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toMatchObject({ encoding: 'utf-8', bom: true });
    expect(detectEncoding(new TextEncoder().encode('Cámara'))).toMatchObject({ encoding: 'utf-8', mixed: false });
    expect(detectEncoding(new TextEncoder().encode('plain'))).toMatchObject({ encoding: 'utf-8', asciiOnly: true });
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toMatchObject({ encoding: 'utf-16le' });
  });

  it('detectEncoding scores upper-case CP850 text (CÓDIGO, AÑO) as CP850, and lower-case windows-1252 text as 1252', () => {
    const cp850 = new Uint8Array(
      [...'C']
        .map((c) => c.charCodeAt(0))
        .concat(
          [0xe0],
          [...'DIGO A'].map((c) => c.charCodeAt(0)),
          [0xa5, 0x4f],
        ),
    );
    expect(detectEncoding(cp850).encoding).toBe('cp850');
    const windows1252 = new Uint8Array([0x61, 0xf1, 0x6f, 0x20, 0x63, 0xe1, 0x6d, 0x61, 0x72, 0x61]); // año cámara
    expect(detectEncoding(windows1252).encoding).toBe('windows-1252');
  });

  it('decodeBytes reads a UTF-8 file with a pasted-in windows-1252 line without losing a character', () => {
    const utf8 = new TextEncoder().encode('from,to,amount,to_name\nA,B,1,Cámara Ñandú árbol único\n');
    const bytes = new Uint8Array([...utf8, ...[0x41, 0x2c, 0x43, 0x2c, 0x32, 0x2c, 0x4c, 0x65, 0xf3, 0x6e, 0x0a]]); // A,C,2,León
    const decoded = decodeBytes(bytes);
    expect(decoded).toMatchObject({ encoding: 'utf-8', mixed: true });
    expect(decoded.text).toContain('Cámara Ñandú árbol único');
    expect(decoded.text).toContain('León');
    const result = ingestCsv(bytes);
    expect(result.report).toMatchObject({ accepted: 2, mixedEncoding: true });
  });

  it('decodeBytes refuses an unknown encoding name as a misuse', () => {
    expect(() => decodeBytes(new Uint8Array([0x61]), { encoding: 'ebcdic' })).toThrow(InvalidArgumentError);
  });
});
