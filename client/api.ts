import type {
  ApiError as ApiErrorBody,
  CreateTokenRequest,
  CreateTokenResponse,
  CreateWorkshopRequest,
  CreateWorkshopResponse,
  DraftCountsResponse,
  JoinCodeResponse,
  PeopleResponse,
  Principal,
  TicketResponse,
  WorkshopSettingsBody,
  JoinRequest,
  JoinResponse,
  WorkshopInfoResponse,
} from '../shared/protocol';

/**
 * Typed wrappers around the HTTP API. Failures throw an ApiError carrying the HTTP status
 * (0 when the server could not be reached) and, for a 400, the offending field.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;

  constructor(status: number, body: Partial<ApiErrorBody>) {
    super(body.message || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.error ?? (status === 0 ? 'network' : 'http');
    this.field = body.field ?? null;
  }
}

async function request<T>(method: string, path: string, options: { body?: unknown; token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, { error: 'network', message: 'network error' });
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    throw new ApiError(res.status, data && typeof data === 'object' ? (data as Partial<ApiErrorBody>) : {});
  }
  return data as T;
}

export const createWorkshop = (body: CreateWorkshopRequest) => request<CreateWorkshopResponse>('POST', '/api/workshops', { body });

export const resolveJoinCode = (code: string) => request<JoinCodeResponse>('GET', `/api/join-codes/${encodeURIComponent(code)}`);

export const joinWorkshop = (workshopId: string, body: JoinRequest) =>
  request<JoinResponse>('POST', `/api/workshops/${encodeURIComponent(workshopId)}/join`, { body });

export const getWorkshop = (workshopId: string, token: string) =>
  request<WorkshopInfoResponse>('GET', `/api/workshops/${encodeURIComponent(workshopId)}`, { token });

/** Facilitators: a new link for a co-facilitator or a projector (a viewer). */
export const createToken = (workshopId: string, token: string, body: CreateTokenRequest) =>
  request<CreateTokenResponse>('POST', `/api/workshops/${encodeURIComponent(workshopId)}/tokens`, { body, token });

const workshopPath = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}`;

/** A short-lived ticket to open one Yjs room: the socket's URL carries it, never the token. */
export const getTicket = (workshopId: string, token: string, room: string) =>
  request<TicketResponse>('POST', `${workshopPath(workshopId)}/tickets`, { body: { room }, token });

export const getSettings = (workshopId: string, token: string) => request<WorkshopSettingsBody>('GET', `${workshopPath(workshopId)}/settings`, { token });

export const putSettings = (workshopId: string, token: string, body: WorkshopSettingsBody) =>
  request<WorkshopSettingsBody>('PUT', `${workshopPath(workshopId)}/settings`, { body, token });

/** Facilitators: everyone admitted, with how (creator, link, join) and whether revoked. */
export const listPeople = (workshopId: string, token: string) => request<PeopleResponse>('GET', `${workshopPath(workshopId)}/people`, { token });

/** Facilitators: revokes a link or removes someone (their connections close). */
export const revokePerson = (workshopId: string, token: string, userId: string) =>
  request<null>('DELETE', `${workshopPath(workshopId)}/people/${encodeURIComponent(userId)}`, { token });

export const readmitPerson = (workshopId: string, token: string, userId: string) =>
  request<null>('POST', `${workshopPath(workshopId)}/people/${encodeURIComponent(userId)}/readmit`, { token });

/** A co-facilitator chooses the name others see. */
export const renameMe = (workshopId: string, token: string, name: string) =>
  request<Principal>('PUT', `${workshopPath(workshopId)}/me`, { body: { name }, token });

export const getDraftCounts = (workshopId: string, token: string, projectId: string) =>
  request<DraftCountsResponse>('GET', `${workshopPath(workshopId)}/projects/${encodeURIComponent(projectId)}/drafts`, { token });
