/** The id wanted if it is free, else the first free `wanted-2`, `wanted-3` …: ids shown side by side never merge. */
export function freeId(wanted: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!used.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}
