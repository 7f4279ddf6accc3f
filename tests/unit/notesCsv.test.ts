import { describe, expect, it } from 'vitest';
import { exportWorkshop } from '../../shared/report/exportJson';
import { csvField, csvRow, notesCsv } from '../../shared/report/notesCsv';
import { en, nl } from '../../shared/report/reportLabels';
import { addNote, revealNotes } from '../../shared/operations';
import { parseCsv } from '../helpers/csvParse';
import { reportFixture } from './reportFixture';

describe('CSV quoting (RFC 4180)', () => {
  it('quotes fields with commas, quotes or line breaks, doubling quotes', () => {
    expect(csvField('plain text é')).toBe('plain text é');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvField(42)).toBe('42');
    expect(csvField('')).toBe('');
    expect(csvRow(['a', 'b,c', 3])).toBe('a,"b,c",3');
  });

  it('neutralises every text cell a spreadsheet could evaluate: = + - @, tab, CR, after spaces too', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+32 81')).toBe("'+32 81");
    expect(csvField('@sum')).toBe("'@sum");
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(csvField('-5')).toBe("'-5");
    expect(csvField('- liste')).toBe("'- liste");
    expect(csvField(' -2+3')).toBe("' -2+3");
    expect(csvField('\t=1+1')).toBe("'\t=1+1");
    expect(csvField('\r=1')).toBe(`"'\r'=1"`);
    expect(csvField('\u00a0=1')).toBe("'\u00a0=1");
    // Numbers are the report's own (coordinates, counts) and stay numbers.
    expect(csvField(-120)).toBe('-120');
  });

  it('keeps a field one inert cell whichever separator the spreadsheet splits on', () => {
    // Read with ";" (French, Dutch, German Excel), a comma file splits inside unquoted-looking text.
    expect(csvField('a;=1+1')).toBe(`"a;'=1+1"`);
    expect(csvField('a; -1')).toBe(`"a;' -1"`);
    expect(csvField('a,=1+1')).toBe(`"a,'=1+1"`);
    expect(csvField('a;b')).toBe('"a;b"');
    // A reader ending records at a line break inside quotes starts a cell after it.
    expect(csvField('idée\n=cmd')).toBe(`"idée\n'=cmd"`);
    expect(csvRow(['a', '=b', 3], ';')).toBe("a;'=b;3");
  });
});

describe('notes CSV', () => {
  const { workshop, projects } = reportFixture();
  const data = exportWorkshop(workshop, projects);

  it('has a header and one row per note with tags, dots and linked challenges (golden)', () => {
    expect(notesCsv(data)).toBe(
      [
        'id_projet,projet,commune,id_note,type,texte,auteur,composante,technologies,points,defis_communs,annotations,x,y,cree_le',
        "namur,Air sain,Namur,n1,Technologie,Capteurs de qualité de l'air,Claire,Réseau de capteurs,Capteurs & IoT,4,,0,0,0,2023-11-14T22:13:30.000Z",
        'namur,Air sain,Namur,n2,Technologie,"Réseau LoRaWAN, ""communal""",Claire,Réseau de capteurs,Connectivité,0,,1,0,0,2023-11-14T22:13:31.000Z',
        'namur,Air sain,Namur,n3,Besoin,"Budget de maintenance\nsur 5 ans",Claire,Réseau de capteurs,,0,Financer la maintenance,0,0,0,2023-11-14T22:13:32.000Z',
        'namur,Air sain,Namur,n4,Risque,Vandalisme,Claire,Réseau de capteurs,,0,,0,0,0,2023-11-14T22:13:33.000Z',
        'namur,Air sain,Namur,n5,Idée,Publier les mesures en open data,Claire,,Données ouvertes,2,Ouvrir les données,0,500,40,2023-11-14T22:13:34.000Z',
        'ciney,Budget participatif,Ciney,m1,Idée,Budget participatif en ligne,Luc,,,0,,0,0,0,2023-11-14T22:13:35.000Z',
        '',
      ].join('\r\n'),
    );
  });

  it('exports one project, in English, with a byte-order mark on request', () => {
    const csv = notesCsv(data, { projectIds: ['ciney'], labels: en, bom: true });
    expect(csv).toBe(
      '\uFEFFproject_id,project,municipality,note_id,kind,text,author,component,technologies,dots,common_challenges,annotations,x,y,created_at\r\n' +
        'ciney,Budget participatif,Ciney,m1,Idea,Budget participatif en ligne,Luc,,,0,,0,0,0,2023-11-14T22:13:35.000Z\r\n',
    );
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });
});

describe('notes CSV read back as a spreadsheet reads it', () => {
  const { workshop, projects } = reportFixture();
  revealNotes(
    projects.ciney,
    [
      {
        id: 'anon0001',
        text: 'Idée ; "osée", =1+1\nsur deux lignes',
        x: 900,
        y: 0,
        kind: 'idea',
        authorId: 'u9',
        authorName: 'Zoé',
        authorRole: 'commune',
        authorCommunity: null,
        createdAt: 1_700_000_090_000,
        anonymous: false,
      },
    ],
    { anonymous: true },
  );
  const data = exportWorkshop(workshop, projects);

  it('gives the same cells with either separator, after the byte-order mark', () => {
    const comma = parseCsv(notesCsv(data, { bom: true, separator: ',' }), ',');
    const semicolon = parseCsv(notesCsv(data, { bom: true, separator: ';' }), ';');
    expect(comma.bom).toBe(true);
    expect(semicolon.bom).toBe(true);
    expect(semicolon.rows).toEqual(comma.rows);
    expect(comma.rows).toHaveLength(8);
    expect(comma.rows.every((r) => r.length === 15)).toBe(true);
    const anon = comma.rows.find((r) => r[3] === 'anon0001')!;
    // The text comes back as written — but for the apostrophe that keeps a formula where a cell could start inert —
    // and the author as the reader's word.
    expect(anon[5]).toBe('Idée ; "osée",\' =1+1\nsur deux lignes');
    expect(anon[6]).toBe('Anonyme');
  });

  it('labels an anonymous note in the reader’s language, old "Anonyme" notes included', () => {
    addNote(projects.ciney, {
      id: 'legacy01',
      text: 'ancienne',
      x: 0,
      y: 900,
      kind: 'idea',
      authorId: '',
      authorName: 'Anonyme',
      createdAt: 1_700_000_091_000,
    });
    const rows = parseCsv(notesCsv(exportWorkshop(workshop, projects), { labels: nl, separator: ';' }), ';').rows;
    expect(rows.filter((r) => r[3] === 'anon0001' || r[3] === 'legacy01').map((r) => r[6])).toEqual(['Anoniem', 'Anoniem']);
  });
});
