/** Text made safe inside HTML elements and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] as string);
}

/** JSON made safe inside a <script> element: no `</script>`, no `<!--`, no line separators that end a JS string. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A share as a percentage with one decimal ("—" for none). */
export const percent = (value: number | null | undefined) => (value === null || value === undefined || Number.isNaN(value) ? '—' : `${(100 * value).toFixed(1)}%`);

/** A whole count with thousands separators. */
export const count = (value: number) => value.toLocaleString('en-US');
