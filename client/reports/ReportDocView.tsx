import type { ReportDoc, Run } from '../../shared/report/reportDoc';
import { colon, runText, textLines } from '../../shared/report/reportDoc';
import './ReportDocView.css';

/**
 * A report document (dossier, synthesis) as HTML for the printable page: React elements only, so
 * what people typed is shown as text, never markup. The same blocks as the Word and Markdown files.
 */
function Runs({ runs }: { runs: readonly Run[] }) {
  return (
    <>
      {runs.map((r, i) =>
        typeof r === 'string' ? (
          r
        ) : r.strong ? (
          <strong key={i}>{r.text}</strong>
        ) : r.muted ? (
          <em key={i} className="report-muted">
            {r.text}
          </em>
        ) : (
          runText(r)
        ),
      )}
    </>
  );
}

export function ReportDocView({ doc }: { doc: ReportDoc }) {
  return (
    <article className="report-doc" lang={doc.lang}>
      <h1>{doc.title}</h1>
      <p className="report-subtitle">{doc.subtitle}</p>
      {doc.blocks.map((b, i) => {
        switch (b.type) {
          case 'heading': {
            const Tag = (['h2', 'h3', 'h4'] as const)[b.level - 1];
            return <Tag key={i}>{b.text}</Tag>;
          }
          case 'paragraph':
            return (
              <p key={i}>
                <Runs runs={b.runs} />
              </p>
            );
          case 'text':
            return (
              <div key={i}>
                {textLines(b.text).map((line, j) => (
                  <p key={j}>{line}</p>
                ))}
              </div>
            );
          case 'bullets':
            return (
              <ul key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>
                    <Runs runs={item} />
                  </li>
                ))}
              </ul>
            );
          case 'fields':
            return (
              <ul key={i} className="report-fields">
                {b.rows.map((r, j) => (
                  <li key={j}>
                    <strong>
                      {r.label}
                      {colon(doc)}
                    </strong>
                    {r.value}
                  </li>
                ))}
              </ul>
            );
          case 'table':
            return (
              <table key={i} className="report-table">
                <thead>
                  <tr>
                    {b.header.map((h, j) => (
                      <th key={j} scope="col">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {b.rows.map((row, j) => (
                    <tr key={j}>
                      {row.map((c, k) => (
                        <td key={k}>{c}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
        }
      })}
    </article>
  );
}
