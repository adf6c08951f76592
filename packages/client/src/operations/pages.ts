import type { RawIssue } from "../generated/validators.js";
import type { PageInfo, PageRecords } from "../types-flows.js";

/**
 * Every item of every page, as an async iterable: `for await (const item of pager)` fetches the pages
 * one after the other as the items are read, following each answer's cursor; `pages()` yields the pages.
 */
export interface GongPager<Item, Page extends PageInfo> extends AsyncIterable<Item> {
  /** The pages themselves (with their `records` and `requestId`), fetched as they are read. */
  pages(): AsyncIterable<Page>;
}

/** What a page's answer carries, as the list operations answer it. */
export interface PageAnswer {
  requestId?: string | undefined;
  records?: PageRecords | undefined;
}

/** The page info of an answer. */
export function pageInfo(answer: PageAnswer): PageInfo {
  return { nextCursor: answer.records?.cursor, records: answer.records, requestId: answer.requestId };
}

/**
 * A pager over `fetchPage`, which gets the page at a cursor (undefined: the first) and the issues its
 * answer must be refused for. A cursor an earlier page already gave would lead round in a circle: the
 * answer that repeats it is refused, so that iterating never runs forever.
 */
export function pager<Item, Page extends PageInfo>(
  fetchPage: (cursor: string | undefined, answerIssues: (answer: PageAnswer) => RawIssue[]) => Promise<Page>,
  itemsOf: (page: Page) => Item[],
): GongPager<Item, Page> {
  async function* pages(): AsyncGenerator<Page> {
    const seen = new Set<string>();
    const repeated = (answer: PageAnswer): RawIssue[] => {
      const cursor = answer.records?.cursor;
      if (cursor === undefined || !seen.has(cursor)) return [];
      return [["/records/cursor", "repeats the cursor of an earlier page: following it would never end", "x-cursor"]];
    };
    let cursor: string | undefined;
    do {
      const page = await fetchPage(cursor, repeated);
      yield page;
      cursor = page.nextCursor;
      if (cursor !== undefined) seen.add(cursor);
    } while (cursor !== undefined);
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* itemsOf(page);
    },
  };
}
