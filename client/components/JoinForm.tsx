import { useEffect, useRef, useState, type FormEvent } from 'react';
import { hasLookalike, normalizeJoinCode } from '../../shared/ids';
import { COMMUNITIES, JOIN_ROLES, type Community, type JoinRole } from '../../shared/schema';
import { ApiError, joinWorkshop, resolveJoinCode } from '../api';
import { checkJoin } from '../formChecks';
import { useT } from '../i18n';
import { navigate, paths } from '../router';
import { deviceId, openSession } from '../session';
import { apiErrorMessage, fieldMessage } from '../views/apiErrorMessage';
import { FormError } from './FormError';
import { type PartnerProfile, savePartnerProfile } from '../partnerProfile';
import { PartnerJoinFields } from './PartnerJoinFields';
import { rememberJoiner, rememberedJoiner } from './rememberedJoiner';
import './JoinForm.css';

const isJoinRole = (v: string): v is JoinRole => (JOIN_ROLES as readonly string[]).includes(v);
const isCommunity = (v: string): v is Community => (COMMUNITIES as readonly string[]).includes(v);

/**
 * Joining a workshop: code, pseudonym, role (and community for experts). `joiner`: the page a join
 * link or QR code opens — the workshop's title is the page heading and nothing else competes with it.
 */
export function JoinForm({ initialCode, joiner = false }: { initialCode: string | null; joiner?: boolean }) {
  const t = useT();
  // The last pseudonym, role and community used on this device: the next workshop is one tap.
  const [remembered] = useState(rememberedJoiner);
  const [code, setCode] = useState(initialCode ? normalizeJoinCode(initialCode) : '');
  const [name, setName] = useState(remembered?.name ?? '');
  const [role, setRole] = useState<JoinRole>(remembered?.role ?? 'commune');
  const [community, setCommunity] = useState<Community | ''>(remembered?.community ?? '');
  const [partner, setPartner] = useState<PartnerProfile>({ organisation: '', partnerType: 'company' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [workshopTitle, setWorkshopTitle] = useState<string | null>(null);
  const [locked, setLocked] = useState(false);
  const refs = {
    joinCode: useRef<HTMLInputElement>(null),
    name: useRef<HTMLInputElement>(null),
    role: useRef<HTMLSelectElement>(null),
    community: useRef<HTMLSelectElement>(null),
  };

  // A /join/<CODE> link: show which workshop this is and go straight to the pseudonym.
  useEffect(() => {
    setCode(initialCode ? normalizeJoinCode(initialCode) : '');
    setWorkshopTitle(null);
    setLocked(false);
    if (!initialCode) return;
    refs.name.current?.focus();
    let cancelled = false;
    resolveJoinCode(normalizeJoinCode(initialCode)).then(
      (res) => {
        if (cancelled) return;
        setWorkshopTitle(res.title);
        setLocked(res.locked);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [initialCode]);

  const fail = (message: string, field: string | null) => {
    setError({ message, field });
    if (field && field in refs) refs[field as keyof typeof refs].current?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const issue = checkJoin({ joinCode: code, name, role, community });
    if (issue?.field === 'joinCode' && hasLookalike(normalizeJoinCode(code))) return fail(t('error.codeLookalike'), 'joinCode');
    if (issue) return fail(t(fieldMessage(issue.field)), issue.field);
    setBusy(true);
    setError(null);
    const joinCode = normalizeJoinCode(code);
    let step: 'resolve' | 'join' = 'resolve';
    try {
      const { workshopId, title } = await resolveJoinCode(joinCode);
      step = 'join';
      const res = await joinWorkshop(workshopId, {
        joinCode,
        name: name.trim(),
        role,
        ...(role === 'expert' && community ? { community } : {}),
        deviceId: deviceId(),
      });
      if (role === 'partner') savePartnerProfile(workshopId, { ...partner, organisation: partner.organisation.trim() });
      rememberJoiner({ name: name.trim(), role, community: role === 'expert' && community ? community : null });
      openSession(workshopId, { token: res.token, userId: res.userId, title, joinCode: null });
      navigate(paths.workshop(workshopId));
    } catch (err) {
      setBusy(false);
      const wrongCode = err instanceof ApiError && (err.status === 404 || err.code === 'wrong_code');
      const field = err instanceof ApiError ? (err.field ?? (wrongCode ? 'joinCode' : null)) : null;
      fail(apiErrorMessage(t, err, step), field);
    }
  };

  const invalid = (field: string) => (error?.field === field ? { 'aria-invalid': true, 'aria-describedby': 'join-error' } : {});

  // From a link the code is already there: it comes last, still editable if the link was mistyped.
  const codeField = (
    <label className="field">
      <span className="field-label">
        {t('lobby.join.code')} <span className="hint">{t('lobby.join.codeHint')}</span>
      </span>
      <input
        ref={refs.joinCode}
        className="code-input"
        data-testid="join-code"
        value={code}
        maxLength={12}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        placeholder="K7PX2M"
        onChange={(e) => setCode(e.target.value.toUpperCase())}
        {...invalid('joinCode')}
      />
    </label>
  );

  return (
    <form className={`panel lobby-card${joiner ? ' joiner-card' : ''}`} onSubmit={submit} noValidate aria-labelledby="join-heading">
      {joiner ? (
        <>
          <p className="joiner-kicker">{t('lobby.join.heading')}</p>
          <h1 id="join-heading" className="joiner-title" data-testid="joiner-title">
            {workshopTitle ?? '…'}
          </h1>
          <p className="muted">{t('join.joinerIntro')}</p>
        </>
      ) : (
        <>
          <h2 id="join-heading">{t('lobby.join.heading')}</h2>
          <p className="muted">{workshopTitle ? t('lobby.join.introWorkshop', { title: workshopTitle }) : t('lobby.join.intro')}</p>
        </>
      )}
      {locked && workshopTitle && (
        <p className="notice" role="status" data-testid="join-locked">
          {t('lobby.join.locked', { title: workshopTitle })}
        </p>
      )}
      {!joiner && codeField}
      <label className="field">
        <span className="field-label">{t('lobby.join.name')}</span>
        <input
          ref={refs.name}
          data-testid="join-name"
          value={name}
          maxLength={60}
          autoComplete="nickname"
          placeholder={t('lobby.join.namePlaceholder')}
          onChange={(e) => setName(e.target.value)}
          {...invalid('name')}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('lobby.join.role')}</span>
        <select
          ref={refs.role}
          data-testid="join-role"
          value={role}
          onChange={(e) => isJoinRole(e.target.value) && setRole(e.target.value)}
          {...invalid('role')}
        >
          {JOIN_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {role === 'expert' && (
        <label className="field">
          <span className="field-label">{t('lobby.join.community')}</span>
          <select
            ref={refs.community}
            data-testid="join-community"
            value={community}
            onChange={(e) => setCommunity(isCommunity(e.target.value) ? e.target.value : '')}
            {...invalid('community')}
          >
            <option value="" disabled>
              —
            </option>
            {COMMUNITIES.map((c) => (
              <option key={c} value={c}>
                {t(`community.${c}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {role === 'partner' && <PartnerJoinFields value={partner} onChange={setPartner} />}
      {joiner && codeField}
      <p className="hint privacy-note" data-testid="pseudonym-note">
        {t('privacy.pseudonym')}
      </p>
      <FormError id="join-error" message={error?.message ?? null} />
      <button type="submit" className="button primary wide" data-testid="join-submit" disabled={busy}>
        {busy ? t('lobby.join.submitting') : t('lobby.join.submit')}
      </button>
    </form>
  );
}
