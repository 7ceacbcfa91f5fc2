/**
 * One task at a time: each read-modify-write of a stored list waits for the one before it, so two tabs (or a
 * tab and a timer) writing the same list never lose each other's change. A failed task does not stop the queue.
 * Plain promises, no browser API: it lives in core so every context can share it.
 */
export function serialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.catch(() => undefined).then(task);
    queue = next;
    return next;
  };
}
