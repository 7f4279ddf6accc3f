import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { X } from 'lucide-react';
import type * as Y from 'yjs';
import { setProjectCommune } from '../../shared/operations';
import {
  APPROACHES,
  type Approach,
  budgetFrame,
  MAX_RECORD_TEXT,
  type RecordNumberField,
  type RecordTextField,
  SHORT_RECORD_FIELDS,
  setRecordApproach,
  setRecordNumber,
  setRecordText,
} from '../../shared/projectRecord';
import type { Role } from '../../shared/schema';
import { MAX_TITLE, type ProjectView } from '../../shared/schema';
import { euroRange } from '../../shared/words';
import { useLang, useT, type MessageKey } from '../i18n';
import './ProjectRecord.css';
import './CanvasSidePanel.css';

/** Who may edit a record: the server enforces the same (writePolicy.ts, `commune`). */
export const mayEditRecord = (role: Role) => role === 'facilitator' || role === 'commune';

interface Props {
  doc: Y.Doc;
  project: ProjectView;
  role: Role;
  onClose: () => void;
}

const TEXT_FIELDS: ReadonlyArray<{ field: RecordTextField; label: MessageKey; hint: MessageKey }> = [
  { field: 'description', label: 'record.description', hint: 'record.descriptionHint' },
  { field: 'objectives', label: 'record.objectives', hint: 'record.objectivesHint' },
  { field: 'outcomes', label: 'record.outcomes', hint: 'record.outcomesHint' },
];
const CALL_THEME = { field: 'callTheme', label: 'record.callTheme', hint: 'record.callThemeHint' } as const;
const LATER_FIELDS: ReadonlyArray<{ field: RecordTextField; label: MessageKey; hint: MessageKey }> = [
  { field: 'connections', label: 'record.connections', hint: 'record.connectionsHint' },
  { field: 'timeline', label: 'record.timeline', hint: 'record.timelineHint' },
  { field: 'contact', label: 'record.contact', hint: 'record.contactHint' },
];
/** The themes of the regional call (2019 and 2023), offered as suggestions. */
const CALL_THEMES: readonly MessageKey[] = [
  'record.callEnergy',
  'record.callMobility',
  'record.callGovernance',
  'record.callCommerce',
  'record.callResilience',
];

/**
 * The project record ("fiche projet"), docked on the right: every keystroke is written to the
 * workshop document, so everyone sees it live; people who may not edit it read it.
 */
export function ProjectRecordPanel({ doc, project, role, onClose }: Props) {
  const t = useT();
  const [lang] = useLang();
  const ref = useRef<HTMLElement>(null);
  const editable = mayEditRecord(role);
  const r = project.record;
  const frame = budgetFrame(r);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('h2')?.focus();
  }, []);

  const text = ({ field, label, hint }: (typeof TEXT_FIELDS)[number]) => (
    <LiveText
      key={field}
      id={`record-${field}`}
      label={t(label)}
      hint={t(hint)}
      value={r[field]}
      multiline={!SHORT_RECORD_FIELDS.has(field)}
      maxLength={SHORT_RECORD_FIELDS.has(field) ? MAX_TITLE : MAX_RECORD_TEXT}
      readOnly={!editable}
      list={field === 'callTheme' ? 'record-call-themes' : undefined}
      onWrite={(v) => setRecordText(doc, project.id, field, v)}
    />
  );

  // In <body>, so the sheet sits above every panel of the page (their stacking contexts included).
  return createPortal(
    <div
      className="record-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <section
        ref={ref}
        className="record-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="record-heading"
        data-testid="record-panel"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !e.defaultPrevented) {
            e.preventDefault();
            onClose();
          }
        }}
      >
        <div className="side-panel-head record-head">
          <h2 id="record-heading" tabIndex={-1}>
            {t('record.heading')} · {project.name || t('project.untitled')}
          </h2>
          <button type="button" className="icon-button" data-testid="record-close" aria-label={t('panel.close')} title={t('panel.close')} onClick={onClose}>
            <X size={18} aria-hidden="true" />
          </button>
        </div>
        <div className="record-body">
          <p className="hint">{t(editable ? 'record.intro' : 'record.readOnly')}</p>
          <LiveText
            id="record-commune"
            label={t('record.commune')}
            hint=""
            value={project.commune}
            maxLength={MAX_TITLE}
            readOnly={!editable}
            onWrite={(v) => setProjectCommune(doc, project.id, v)}
          />
          {text(CALL_THEME)}
          {TEXT_FIELDS.map(text)}
          <datalist id="record-call-themes">
            {CALL_THEMES.map((k) => (
              <option key={k} value={t(k)} />
            ))}
          </datalist>
          <fieldset className="field record-approach" disabled={!editable}>
            <legend className="field-label">{t('record.approach')}</legend>
            <div className="chip-group">
              {APPROACHES.map((a: Approach) => (
                <label key={a} className="record-choice">
                  <input
                    type="radio"
                    name={`approach-${project.id}`}
                    data-testid={`record-approach-${a}`}
                    checked={r.approach === a}
                    onChange={() => setRecordApproach(doc, project.id, a)}
                  />
                  {t(a === 'new' ? 'record.approachNew' : 'record.approachReplicated')}
                </label>
              ))}
            </div>
          </fieldset>
          <LiveText
            id="record-approachNote"
            label={t('record.approachNote')}
            hint={t('record.approachNoteHint')}
            value={r.approachNote}
            multiline
            maxLength={MAX_RECORD_TEXT}
            readOnly={!editable}
            onWrite={(v) => setRecordText(doc, project.id, 'approachNote', v)}
          />
          {LATER_FIELDS.slice(0, 1).map(text)}
          <fieldset className="field record-budget">
            <legend className="field-label">{t('record.budget')}</legend>
            <div className="record-numbers">
              {(['budgetMin', 'budgetMax', 'aidRate'] as const).map((field) => (
                <LiveNumber
                  key={field}
                  id={`record-${field}`}
                  label={t(field === 'budgetMin' ? 'record.budgetMin' : field === 'budgetMax' ? 'record.budgetMax' : 'record.aidRate')}
                  value={r[field]}
                  max={field === 'aidRate' ? 100 : undefined}
                  readOnly={!editable}
                  onWrite={(v) => setRecordNumber(doc, project.id, field as RecordNumberField, v)}
                />
              ))}
            </div>
            <p className="record-computed" data-testid="record-cofinancing" aria-live="polite">
              {frame
                ? t(frame.rateAssumed ? 'record.cofinancingAssumed' : 'record.cofinancing', {
                    rate: frame.rate,
                    aid: euroRange(lang, frame.aidLow, frame.aidHigh),
                    own: euroRange(lang, frame.ownLow, frame.ownHigh),
                  })
                : t('record.noBudget')}
            </p>
          </fieldset>
          {LATER_FIELDS.slice(1).map(text)}
        </div>
      </section>
    </div>,
    document.body,
  );
}

interface LiveTextProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  maxLength: number;
  multiline?: boolean;
  readOnly: boolean;
  list?: string;
  onWrite: (value: string) => void;
}

/**
 * A field written on every keystroke (others see it live). While it has the focus it keeps what
 * this person typed, so a remote change does not move their caret; it shows the document's value
 * again when it loses the focus.
 */
function LiveText({ id, label, hint, value, maxLength, multiline, readOnly, list, onWrite }: LiveTextProps) {
  const [draft, setDraft] = useState(value);
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setDraft(value);
  }, [value]);
  const common = {
    id,
    'data-testid': id,
    value: draft,
    maxLength,
    readOnly,
    placeholder: readOnly ? '—' : hint,
    onFocus: () => {
      editing.current = true;
    },
    onBlur: () => {
      editing.current = false;
      setDraft(value);
    },
    onChange: (e: { target: { value: string } }) => {
      setDraft(e.target.value);
      onWrite(e.target.value);
    },
  };
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" list={list} {...common} />}
    </div>
  );
}

function LiveNumber({
  id,
  label,
  value,
  max,
  readOnly,
  onWrite,
}: {
  id: string;
  label: string;
  value: number | null;
  max?: number;
  readOnly: boolean;
  onWrite: (v: number | null) => void;
}) {
  const [draft, setDraft] = useState(value === null ? '' : String(value));
  const editing = useRef(false);
  useEffect(() => {
    if (!editing.current) setDraft(value === null ? '' : String(value));
  }, [value]);
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        data-testid={id}
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        step={max === 100 ? 1 : 1000}
        value={draft}
        readOnly={readOnly}
        placeholder={readOnly ? '—' : ''}
        onFocus={() => {
          editing.current = true;
        }}
        onBlur={() => {
          editing.current = false;
          setDraft(value === null ? '' : String(value));
        }}
        onChange={(e) => {
          setDraft(e.target.value);
          const n = e.target.value.trim() === '' ? null : Number(e.target.value);
          onWrite(n !== null && Number.isFinite(n) ? n : null);
        }}
      />
    </div>
  );
}
