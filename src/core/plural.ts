/** `1 file`, `2 files`, `0 files`: a count with its noun, never `file(s)`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
