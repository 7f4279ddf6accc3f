import { useEffect, useState } from 'react';
import { fetchAttachment } from '../attachmentsApi';

/** A blob: URL of an attachment's bytes (fetched with the token), revoked when no longer shown. */
export function useAttachmentUrl(workshopId: string, token: string, attachmentId: string): { url: string | null; failed: boolean } {
  const [state, setState] = useState<{ url: string | null; failed: boolean }>({ url: null, failed: false });
  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    setState({ url: null, failed: false });
    fetchAttachment(workshopId, token, attachmentId)
      .then((blob) => {
        if (cancelled) return;
        url = URL.createObjectURL(blob);
        setState({ url, failed: false });
      })
      .catch(() => {
        if (!cancelled) setState({ url: null, failed: true });
      });
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [workshopId, token, attachmentId]);
  return state;
}
