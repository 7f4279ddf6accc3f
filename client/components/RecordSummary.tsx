import { ClipboardList } from 'lucide-react';
import { budgetFrame, RECORD_PARTS, recordFilled } from '../../shared/projectRecord';
import type { ProjectView } from '../../shared/schema';
import { euroRange } from '../../shared/words';
import { useLang, useT } from '../i18n';
import './ProjectRecord.css';

/** The button that opens a project's record, with how much of it is filled in. */
export function RecordButton({ project, onOpen, compact }: { project: ProjectView; onOpen: () => void; compact?: boolean }) {
  const t = useT();
  const filled = recordFilled(project.record);
  const label = `${t('record.heading')} — ${t('record.filled', { filled, total: RECORD_PARTS })}`;
  return (
    <button
      type="button"
      className={compact ? 'button small record-button compact' : 'button small record-button'}
      data-testid="record-open"
      aria-label={label}
      title={label}
      onClick={onOpen}
    >
      <ClipboardList size={16} aria-hidden="true" />
      {!compact && t('record.heading')}
      <span className="count">
        {filled}/{RECORD_PARTS}
      </span>
    </button>
  );
}

/** What the record says in a few words, for the overview's project cards. */
export function RecordSummary({ project }: { project: ProjectView }) {
  const t = useT();
  const [lang] = useLang();
  const r = project.record;
  const frame = budgetFrame(r);
  const facts = [
    r.callTheme.trim() && { key: 'theme', text: r.callTheme },
    r.approach && { key: 'approach', text: t(r.approach === 'new' ? 'record.approachNew' : 'record.approachReplicated') },
    frame && { key: 'budget', text: euroRange(lang, frame.low, frame.high) },
  ].filter((f): f is { key: string; text: string } => Boolean(f));
  if (!r.description.trim() && facts.length === 0) return null;
  return (
    <div className="record-summary" data-testid="record-summary">
      {r.description.trim() && <p className="record-description">{r.description}</p>}
      {facts.length > 0 && (
        <ul className="record-facts">
          {facts.map((f) => (
            <li key={f.key} data-fact={f.key}>
              {f.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
