/**
 * Page numbers to show: first, last, and the current page with one neighbour
 * each side; null marks a gap. Keeps the bar short however many pages there are.
 */
export function pageItems(page: number, pageCount: number): (number | null)[] {
  const wanted = new Set([1, pageCount, page - 1, page, page + 1]);
  const pages = [...wanted].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  const items: (number | null)[] = [];
  for (const p of pages) {
    const previous = items.at(-1);
    if (typeof previous === 'number' && p - previous > 1) items.push(p - previous === 2 ? previous + 1 : null);
    items.push(p);
  }
  return items;
}
