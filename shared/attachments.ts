/**
 * Pitch material attached to a project: what is accepted and how it is recognised. Pure, shared by
 * the server (which decides) and the client (which explains before uploading).
 *
 * The type is decided from the first bytes (magic numbers), never from the file name or the
 * browser's Content-Type: a renamed HTML or SVG file must not come back as an "image" that runs
 * script. SVG is never accepted for that reason.
 */

export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** The file name extensions each type may carry (a name saying something else is refused). */
export const ATTACHMENT_EXTENSIONS: Readonly<Record<AttachmentType, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jfif', 'jpe'],
  'image/webp': ['webp'],
};

/** What the file picker offers (a hint only; the server checks the content). */
export const ATTACHMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,application/pdf,image/png,image/jpeg,image/webp';

/** Defaults of the configurable limits (ATTACHMENT_MAX_BYTES, WORKSHOP_ATTACHMENTS_MAX_BYTES). */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_WORKSHOP_ATTACHMENTS_MAX_BYTES = 100 * 1024 * 1024;
export const MAX_ATTACHMENT_NAME = 200;

const startsWith = (data: Uint8Array, bytes: readonly number[], at = 0) => data.length >= at + bytes.length && bytes.every((b, i) => data[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The type the content is, or null when it is none of the accepted ones. */
export function sniffAttachmentType(data: Uint8Array): AttachmentType | null {
  if (startsWith(data, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(data, ascii('RIFF')) && startsWith(data, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** The extension of a file name, lower case, or null when it has none. */
export function extensionOf(name: string): string | null {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name.trim());
  return match ? match[1].toLowerCase() : null;
}

export type AttachmentCheck = { ok: true; contentType: AttachmentType } | { ok: false; reason: 'unsupported' | 'mismatch'; message: string };

/**
 * Accepts a file when its content is one of the accepted types and its name, if it has an
 * extension, says the same type (a PDF named `photo.png` is refused: whoever downloads it would be
 * misled).
 */
export function checkAttachment(name: string, data: Uint8Array): AttachmentCheck {
  const contentType = sniffAttachmentType(data);
  if (!contentType) {
    return { ok: false, reason: 'unsupported', message: 'Only PDF, PNG, JPEG and WebP files are accepted (the content is none of them).' };
  }
  const ext = extensionOf(name);
  if (ext !== null && !ATTACHMENT_EXTENSIONS[contentType].includes(ext)) {
    return { ok: false, reason: 'mismatch', message: `The file is named ".${ext}" but its content is ${contentType}.` };
  }
  return { ok: true, contentType };
}

/** A name fit to store and show: no control or path characters, bounded, never empty. */
export function cleanAttachmentName(raw: string): string {
  const cleaned = [...raw.normalize('NFC')]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && c !== '/' && c !== '\\')
    .join('')
    .trim()
    .slice(0, MAX_ATTACHMENT_NAME);
  return cleaned || 'fichier';
}

export const isImageType = (type: string) => type.startsWith('image/');

/** An attachment as the API lists it (never with its bytes). */
export interface AttachmentView {
  id: string;
  projectId: string;
  name: string;
  contentType: string;
  size: number;
  uploadedBy: string;
  uploaderName: string;
  createdAt: number;
}

/** An attachment inside the workshop's JSON export: its bytes in base64, so the export stays one file. */
export interface AttachmentExport extends Omit<AttachmentView, 'size'> {
  data: string;
}
