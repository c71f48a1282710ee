import { serializeRecords, type ExportLayout } from '../../../src/store/index.ts';

/** The whole text `serializeRecords` streams for these records. */
export async function serializedText(records: unknown[], layout: ExportLayout): Promise<string> {
  let text = '';
  for await (const chunk of serializeRecords(records, layout)) text += chunk;
  return text;
}
