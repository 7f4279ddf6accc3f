import { describe, expect, it } from 'vitest';
import { checkAttachment, cleanAttachmentName, extensionOf, sniffAttachmentType } from '../../shared/attachments';
import { tinyPdf, tinyPng } from '../helpers/tinyFiles';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('attachment types by content', () => {
  it('recognises PDF, PNG, JPEG and WebP by their first bytes, and nothing else', () => {
    expect(sniffAttachmentType(tinyPdf())).toBe('application/pdf');
    expect(sniffAttachmentType(tinyPng())).toBe('image/png');
    expect(sniffAttachmentType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10))).toBe('image/jpeg');
    expect(sniffAttachmentType(new Uint8Array([...text('RIFF'), 1, 0, 0, 0, ...text('WEBPVP8 ')]))).toBe('image/webp');
    // a RIFF that is not WebP (a WAV file), SVG, HTML, a truncated PNG signature, nothing
    expect(sniffAttachmentType(new Uint8Array([...text('RIFF'), 1, 0, 0, 0, ...text('WAVEfmt ')]))).toBeNull();
    expect(sniffAttachmentType(text('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffAttachmentType(text('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(sniffAttachmentType(bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull();
    expect(sniffAttachmentType(new Uint8Array(0))).toBeNull();
  });

  it('refuses a name that says another type; accepts a name without extension and any case', () => {
    expect(checkAttachment('slides.PDF', tinyPdf())).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(checkAttachment('photo.jpeg', bytes(0xff, 0xd8, 0xff, 0xdb))).toEqual({ ok: true, contentType: 'image/jpeg' });
    expect(checkAttachment('scan', tinyPng())).toEqual({ ok: true, contentType: 'image/png' });
    expect(checkAttachment('photo.png', tinyPdf())).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(checkAttachment('logo.svg', tinyPng())).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(checkAttachment('page.pdf', text('<html>'))).toMatchObject({ ok: false, reason: 'unsupported' });
  });

  it('names: extension read from the end; control and path characters removed; never empty', () => {
    expect(extensionOf('archive.tar.GZ')).toBe('gz');
    expect(extensionOf('README')).toBeNull();
    expect(cleanAttachmentName('../../etc/passwd\u0000.pdf')).toBe('....etcpasswd.pdf');
    expect(cleanAttachmentName('  \u0007 ')).toBe('fichier');
    expect(cleanAttachmentName('x'.repeat(500))).toHaveLength(200);
  });
});
