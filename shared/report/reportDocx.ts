import { AlignmentType, BorderStyle, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { colon, type ReportDoc, type Run, runText, textLines } from './reportDoc';

/**
 * A report as a Word document (the `docx` package): headings a commune's own template can restyle,
 * real lists and tables, text exactly as typed (Word shows characters, never runs them). The same
 * blocks as the Markdown and the printable page.
 */

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** Text runs of one line; line breaks inside user text become spaces (a list item stays one line). */
function runs(list: readonly Run[]): TextRun[] {
  return list.map((r) => {
    const text = runText(r).replace(/\s*\r?\n\s*/g, ' ');
    return typeof r === 'string' ? new TextRun(text) : new TextRun({ text, bold: r.strong, italics: r.muted, color: r.muted ? '555555' : undefined });
  });
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };

function table(header: readonly string[], rows: readonly string[][]): Table {
  const row = (cells: readonly string[], head: boolean) =>
    new TableRow({
      tableHeader: head,
      children: cells.map(
        (c) =>
          new TableCell({
            children: [new Paragraph({ children: [new TextRun({ text: c, bold: head })] })],
            borders: { top: thin, bottom: thin, left: thin, right: thin },
          }),
      ),
    });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(header, true), ...rows.map((r) => row(r, false))] });
}

/** A picture closing the document under its own heading (the board, drawn where a canvas exists: the browser). */
export interface ClosingImage {
  heading: string;
  png: Uint8Array;
  width: number;
  height: number;
}

/** Width of the image on the page, in pixels at 96 dpi (16 cm: an A4 page's text width). */
const IMAGE_WIDTH = 605;

export function reportDocument(doc: ReportDoc, image?: ClosingImage): Document {
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    new Paragraph({ alignment: AlignmentType.LEFT, children: [new TextRun({ text: doc.subtitle, italics: true })] }),
  ];
  for (const b of doc.blocks) {
    switch (b.type) {
      case 'heading':
        children.push(new Paragraph({ heading: HEADINGS[b.level], children: [new TextRun(b.text)] }));
        break;
      case 'paragraph':
        children.push(new Paragraph({ children: runs(b.runs) }));
        break;
      case 'text':
        for (const line of textLines(b.text)) children.push(new Paragraph({ children: [new TextRun(line)] }));
        break;
      case 'bullets':
        for (const item of b.items) children.push(new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
        break;
      case 'fields':
        for (const r of b.rows)
          children.push(
            new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: `${r.label}${colon(doc)}`, bold: true }), new TextRun(r.value)] }),
          );
        break;
      case 'table':
        children.push(table(b.header, b.rows), new Paragraph(''));
        break;
    }
  }
  if (image) {
    const width = Math.min(IMAGE_WIDTH, image.width);
    children.push(
      new Paragraph({ heading: HEADINGS[1], pageBreakBefore: true, children: [new TextRun(image.heading)] }),
      new Paragraph({
        children: [new ImageRun({ type: 'png', data: image.png, transformation: { width, height: Math.round((image.height * width) / image.width) } })],
      }),
    );
  }
  return new Document({
    creator: 'Croisée',
    title: doc.title,
    description: doc.subtitle,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children }],
  });
}

/** The .docx file's bytes. */
export const reportDocx = (doc: ReportDoc): Promise<Buffer> => Packer.toBuffer(reportDocument(doc));
