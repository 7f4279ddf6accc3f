import type { ReactNode } from 'react';

/**
 * Renders the Markdown the reports produce (headings, bullet and numbered lists with indented
 * continuation lines, **bold**, _italic_, paragraphs) as React elements — no HTML strings, so
 * workshop content cannot inject markup.
 */
function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /\*\*(.+?)\*\*|(?<![\w])_(.+?)_(?![\w])/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[1] !== undefined ? <strong key={`${key}-${i++}`}>{m[1]}</strong> : <em key={`${key}-${i++}`}>{m[2]}</em>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
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
