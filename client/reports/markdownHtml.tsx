import type { ReactNode } from 'react';

/**
 * Renders the Markdown the reports produce (headings, bullet and numbered lists with indented
 * continuation lines, **bold**, _italic_, paragraphs, backslash escapes) as React elements — no HTML
 * strings, so workshop content cannot inject markup. User text reaches this Markdown escaped
 * (shared/report/markdownText.ts): an escaped character is shown as itself and never opens
 * emphasis, and user text never starts a line, so it cannot make a heading or a list either.
 */

/** CommonMark: a backslash before ASCII punctuation stands for that character. */
const ESCAPABLE = /[!-/:-@[-`{-~]/;

/** Index of the next unescaped `marker` from `from`, or -1. */
function closing(text: string, marker: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\' && ESCAPABLE.test(text[i + 1] ?? '')) i++;
    else if (text.startsWith(marker, i)) return i;
  }
  return -1;
}

const isWord = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push(plain);
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && ESCAPABLE.test(text[i + 1] ?? '')) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (text.startsWith('**', i)) {
      const end = closing(text, '**', i + 2);
      if (end > i + 2) {
        flush();
        out.push(<strong key={`${key}-${out.length}`}>{inline(text.slice(i + 2, end), `${key}-${out.length}`)}</strong>);
        i = end + 2;
        continue;
      }
    }
    if (ch === '_' && !isWord(text[i - 1])) {
      let end = closing(text, '_', i + 1);
      while (end > 0 && isWord(text[end + 1])) end = closing(text, '_', end + 1);
      if (end > i + 1) {
        flush();
        out.push(<em key={`${key}-${out.length}`}>{inline(text.slice(i + 1, end), `${key}-${out.length}`)}</em>);
        i = end + 1;
        continue;
      }
    }
    plain += ch;
    i++;
  }
  flush();
  return out;
}

export function MarkdownView({ markdown }: { markdown: string }) {
  const blocks: ReactNode[] = [];
  const lines = markdown.split('\n');
  let i = 0;
  let k = 0;
  while (i < lines.length) {
    const line = lines[i];
    const h = /^(#{1,3}) (.*)$/.exec(line);
    if (h) {
      const Tag = `h${h[1].length}` as 'h1' | 'h2' | 'h3';
      blocks.push(<Tag key={k++}>{inline(h[2], `h${k}`)}</Tag>);
      i++;
      continue;
    }
    const bullet = /^- (.*)$/.exec(line);
    const numbered = /^\d+\. (.*)$/.exec(line);
    if (bullet || numbered) {
      const items: ReactNode[] = [];
      const pattern = bullet ? /^- (.*)$/ : /^\d+\. (.*)$/;
      while (i < lines.length && pattern.test(lines[i])) {
        const first = pattern.exec(lines[i])![1];
        const more: string[] = [];
        i++;
        while (i < lines.length && /^ {2,}\S/.test(lines[i])) more.push(lines[i++].trim());
        items.push(
          <li key={items.length}>
            {inline(first, `li${k}-${items.length}`)}
            {more.map((m, j) => (
              <span key={j} className="report-detail">
                {inline(m, `d${k}-${j}`)}
              </span>
            ))}
          </li>,
        );
      }
      blocks.push(bullet ? <ul key={k++}>{items}</ul> : <ol key={k++}>{items}</ol>);
      continue;
    }
    if (line.trim()) {
      const para: string[] = [];
      while (i < lines.length && lines[i].trim() && !/^(#{1,3} |- |\d+\. )/.test(lines[i])) para.push(lines[i++]);
      blocks.push(<p key={k++}>{inline(para.join(' '), `p${k}`)}</p>);
      continue;
    }
    i++;
  }
  return <>{blocks}</>;
}
