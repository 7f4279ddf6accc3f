import type { AttachmentView } from '../shared/attachments';
import type { ApiError as ApiErrorBody } from '../shared/protocol';
import { ApiError } from './api';

/**
 * The attachments API (server/api/attachmentRoutes.ts). Files travel as raw bytes; downloads are
 * fetched with the bearer token (never a URL carrying it) and shown through blob: URLs.
 */

export interface AttachmentList {
  attachments: AttachmentView[];
  limits: { fileBytes: number; workshopBytes: number };
  used: number;
}

const base = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}`;

async function call(method: string, path: string, token: string, body?: Blob): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { method, headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/octet-stream' } : {}) }, body });
  } catch {
    throw new ApiError(0, { error: 'network', message: 'network error' });
  }
  if (!res.ok) {
    const data: unknown = await res.json().catch(() => null);
    throw new ApiError(res.status, data && typeof data === 'object' ? (data as Partial<ApiErrorBody>) : {});
  }
  return res;
}

export const listAttachments = async (workshopId: string, token: string, projectId: string): Promise<AttachmentList> =>
  (await call('GET', `${base(workshopId)}/projects/${encodeURIComponent(projectId)}/attachments`, token)).json();

export const uploadAttachment = async (workshopId: string, token: string, projectId: string, file: File): Promise<AttachmentView> =>
  (await call('POST', `${base(workshopId)}/projects/${encodeURIComponent(projectId)}/attachments?name=${encodeURIComponent(file.name)}`, token, file)).json();

export const deleteAttachment = async (workshopId: string, token: string, attachmentId: string): Promise<void> => {
  await call('DELETE', `${base(workshopId)}/attachments/${encodeURIComponent(attachmentId)}`, token);
};

/** The bytes of attachments already fetched, by workshop and id (an attachment never changes). */
const blobs = new Map<string, Promise<Blob>>();

export function fetchAttachment(workshopId: string, token: string, attachmentId: string): Promise<Blob> {
  const key = `${workshopId}/${attachmentId}`;
  let pending = blobs.get(key);
  if (!pending) {
    pending = call('GET', `${base(workshopId)}/attachments/${encodeURIComponent(attachmentId)}`, token).then((res) => res.blob());
    // A failure is not remembered: the next view tries again.
    pending.catch(() => blobs.delete(key));
    blobs.set(key, pending);
  }
  return pending;
}
