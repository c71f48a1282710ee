import { createReadStream } from 'node:fs';

/** One line of a text file, where it sits in bytes, and whether a newline ended it. */
export interface FileLine {
  /** 1-based. */
  number: number;
  /** The line without its newline, decoded as UTF-8. */
  text: string;
  /** Byte offset of the line's first byte. */
  offset: number;
  /** Bytes the line occupies, its newline included. */
  bytes: number;
  /** False only for a last line with no newline after it. */
  terminated: boolean;
}

const NEWLINE = 0x0a;

/**
 * Streams a file line by line in chunks, so a large file is never held as one string. Lines are
 * split on the newline byte, which never occurs inside a UTF-8 multi-byte character.
 */
export async function* readFileLines(file: string): AsyncGenerator<FileLine> {
  let carry: Buffer[] = [];
  let carryBytes = 0;
  let offset = 0;
  let number = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, end);
      const line = carryBytes > 0 ? Buffer.concat([...carry, piece]) : piece;
      carry = [];
      carryBytes = 0;
      number += 1;
      yield { number, text: line.toString('utf8'), offset, bytes: line.length + 1, terminated: true };
      offset += line.length + 1;
      start = end + 1;
    }
    if (start < chunk.length) {
      carry.push(chunk.subarray(start));
      carryBytes += chunk.length - start;
    }
  }
  if (carryBytes > 0) {
    const line = Buffer.concat(carry);
    yield { number: number + 1, text: line.toString('utf8'), offset, bytes: line.length, terminated: false };
  }
}
