// Asks for the next page while the current one is processed, so the store's work (another process,
// or DynamoDB across the network) overlaps the worker's CPU work instead of alternating with it.
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const pages = source[Symbol.asyncIterator]();
  let next = pages.next();
  for (;;) {
    const page = await next;
    if (page.done) return;
    next = pages.next();
    yield page.value;
  }
}
