/** Runs `worker` over `items` with at most `limit` in flight, in order of start; never rejects. */
export async function runBounded<T, R>(
  items: readonly T[],
  limit: number,
  worker: (item: T, index: number) => Promise<R>,
  onSettled?: (result: R, item: T, index: number) => void,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index] as T;
      const result = await worker(item, index);
      results[index] = result;
      onSettled?.(result, item, index);
    }
  });
  await Promise.all(lanes);
  return results;
}
