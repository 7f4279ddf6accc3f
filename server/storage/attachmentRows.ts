import type { AttachmentRecord } from './Storage';

/** An attachments row as SQLite (numbers) or PostgreSQL (BIGINT as strings) returns it. */
export interface AttachmentRow {
  workshop_id: string;
  id: string;
  project_id: string;
  name: string;
  content_type: string;
  size: number | string;
  uploaded_by: string;
  uploader_name: string;
  created_at: number | string;
}

/** The columns of an attachment's record, in insertion order (the bytes, `data`, come after). */
export const ATTACHMENT_COLUMNS = 'workshop_id, id, project_id, name, content_type, size, uploaded_by, uploader_name, created_at';

export const toAttachment = (r: AttachmentRow): AttachmentRecord => ({
  id: r.id,
  workshopId: r.workshop_id,
  projectId: r.project_id,
  name: r.name,
  contentType: r.content_type,
  size: Number(r.size),
  uploadedBy: r.uploaded_by,
  uploaderName: r.uploader_name,
  createdAt: Number(r.created_at),
});

/** The record's values in `ATTACHMENT_COLUMNS` order. */
export const attachmentValues = (r: AttachmentRecord) =>
  [r.workshopId, r.id, r.projectId, r.name, r.contentType, r.size, r.uploadedBy, r.uploaderName, r.createdAt] as const;
