import type { PartnerInterestView } from './partners';
import { type CsvSeparator, csvFile, csvRow } from './report/notesCsv';

/** The words of the partner list, in the reader's language (given by whoever calls). */
export interface PartnersCsvLabels {
  headers: readonly [project: string, name: string, organisation: string, type: string, offers: string, description: string, contact: string];
  type: (t: PartnerInterestView['partnerType']) => string;
  offer: (o: PartnerInterestView['offers'][number]) => string;
}

/**
 * Who is interested in a project (or in every project of the directory), as a CSV a commune opens
 * in a spreadsheet: UTF-8 with BOM, formula guard of `csvField`. A contact appears only where its
 * owner consented (the interest holds none otherwise).
 */
export function partnersCsv(
  rows: ReadonlyArray<PartnerInterestView & { projectName: string }>,
  labels: PartnersCsvLabels,
  separator: CsvSeparator = ';',
): string {
  const lines = [
    csvRow(labels.headers, separator),
    ...rows.map((p) =>
      csvRow(
        [
          p.projectName,
          p.name,
          p.organisation,
          labels.type(p.partnerType),
          p.offers.map(labels.offer).join(', '),
          p.description,
          p.consent ? (p.contact ?? '') : '',
        ],
        separator,
      ),
    ),
  ];
  return csvFile(lines, { bom: true });
}
